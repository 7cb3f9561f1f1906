import { z } from 'zod';

/**
 * ACLED's event types and their sub-event types (ACLED codebook 2023+), the
 * typed vocabulary incidents, dictionaries and exports share.
 */
export const ACLED_TYPES = {
  Battles: ['Armed clash', 'Government regains territory', 'Non-state actor overtakes territory'],
  'Explosions/Remote violence': [
    'Chemical weapon',
    'Air/drone strike',
    'Suicide bomb',
    'Shelling/artillery/missile attack',
    'Remote explosive/landmine/IED',
    'Grenade',
  ],
  'Violence against civilians': ['Sexual violence', 'Attack', 'Abduction/forced disappearance'],
  Protests: ['Peaceful protest', 'Protest with intervention', 'Excessive force against protesters'],
  Riots: ['Violent demonstration', 'Mob violence'],
  'Strategic developments': [
    'Agreement',
    'Arrests',
    'Change to group/activity',
    'Disrupted weapons use',
    'Headquarters or base established',
    'Looting/property destruction',
    'Non-violent transfer of territory',
    'Other',
  ],
} as const;

export type EventType = keyof typeof ACLED_TYPES;
export type SubEventType = (typeof ACLED_TYPES)[EventType][number];

const EVENT_TYPES = Object.keys(ACLED_TYPES) as [EventType, ...EventType[]];
const SUB_EVENT_TYPES = Object.values(ACLED_TYPES).flat() as [SubEventType, ...SubEventType[]];

export const zEventType = z.enum(EVENT_TYPES);
export const zSubEventType = z.enum(SUB_EVENT_TYPES);

const EVENT_OF = new Map<string, EventType>(
  EVENT_TYPES.flatMap((t) => ACLED_TYPES[t].map((sub) => [sub, t] as const)),
);

/** The event type a sub-event type belongs to, or null when it is not ACLED's. */
export function eventTypeOf(sub: string): EventType | null {
  return EVENT_OF.get(sub) ?? null;
}
