/**
 * Which mentions are the same act: each clause read as an event frame, frames
 * split where one clause tells acts at several places, then gathered into
 * incidents by coreference.
 */
export { readFrames } from './frames.js';
export type { EventMention, MentionInputs } from './frames.js';
export { gatherIncidents } from './gather.js';
export type { Allied } from './gather.js';
export type { IncidentDraft } from './gather.js';
