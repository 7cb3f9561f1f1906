import { createRequire } from 'node:module';
import type * as Zod from 'zod';

/**
 * The contracts' plain values: the vocabularies their schemas are made of,
 * and what code reads them by, without the schemas. Extraction imports these
 * from here, not from the contracts' index: the index loads zod, some ninety
 * modules that cost a one-line `extract` a fifth of its start, and extraction
 * validates nothing once its knowledge is built.
 */

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

export const EVENT_TYPES = Object.keys(ACLED_TYPES) as [EventType, ...EventType[]];
export const SUB_EVENT_TYPES = Object.values(ACLED_TYPES).flat() as [
  SubEventType,
  ...SubEventType[],
];

const EVENT_OF = new Map<string, EventType>(
  EVENT_TYPES.flatMap((t) => ACLED_TYPES[t].map((sub) => [sub, t] as const)),
);

/** The event type a sub-event type belongs to, or null when it is not ACLED's. */
export function eventTypeOf(sub: string): EventType | null {
  return EVENT_OF.get(sub) ?? null;
}

/**
 * Where review stands on an event: a person read it (`reviewed`), checked it
 * against its sources (`verified`), or found its sources contradict each other
 * (`disputed`) or that it did not happen (`rejected`).
 */
export const REVIEW_STATUSES = [
  'unreviewed',
  'reviewed',
  'verified',
  'disputed',
  'rejected',
] as const;

/** What a person may do: read (viewer), also enter and correct (editor), also verify and manage (admin). */
export const ROLES = ['admin', 'editor', 'viewer'] as const;

/** The formats stored events are exported in (`wathiq export --format`, `GET /api/export`). */
export const EXPORT_FORMATS = ['csv', 'acled', 'ucdp', 'geojson', 'json', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What a place is: two places of one name and governorate (a town and its sub-district) differ by it. */
export const PLACE_KINDS = [
  'governorate',
  'district',
  'subdistrict',
  'community',
  'neighbourhood',
  'site',
] as const;

/**
 * The version of what `wathiq extract --json|--ndjson` prints. It goes up when
 * a field is removed, renamed or changes meaning; new optional fields keep it.
 */
export const OUTPUT_SCHEMA_VERSION = 1;

export { fatalitiesOf } from './fatalities.js';

/**
 * zod, for code that validates only now and then (data files when the
 * knowledge is built, an NDJSON line that is not a plain report): loaded on
 * first use rather than at start.
 * It is zod's CommonJS build, a module instance of its own: schemas made with
 * it are not to be mixed with the contracts' schemas.
 */
export function lateZod(): typeof Zod.z {
  return (createRequire(import.meta.url)('zod') as typeof Zod).z;
}
