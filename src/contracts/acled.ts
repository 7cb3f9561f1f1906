import { z } from 'zod';
import { EVENT_TYPES, SUB_EVENT_TYPES } from './values.js';

export const zEventType = z.enum(EVENT_TYPES);
export const zSubEventType = z.enum(SUB_EVENT_TYPES);
