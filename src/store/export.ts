import { stringify } from 'csv-stringify/sync';
import type { Event, EventClaim, Figure } from '../contracts/index.js';
import type { Lexicon } from '../lexicon/index.js';

export const EXPORT_FORMATS = ['csv', 'acled', 'geojson', 'json', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * Writes events one at a time in a format: what comes before the first, each
 * event's text (null to leave it out), what goes between two, what ends the
 * file. Streaming keeps memory flat however many events there are.
 */
export interface EventWriter {
  readonly head: string;
  readonly row: (event: Event) => string | null;
  readonly separator: string;
  readonly tail: string;
}

/** ACLED's time_precision: 1 a day, 2 a week, 3 a month or longer. */
function timePrecision(event: Event): number {
  return event.date.precision === 'day' ? 1 : event.date.precision === 'week' ? 2 : 3;
}

/** «killed at least 4 SDF», «injured some»: a figure in a few words. */
export function describeFigure(f: Figure): string {
  const count =
    f.count === null
      ? 'some'
      : f.qualifier === 'exact'
        ? String(f.count)
        : `${f.qualifier.replace(/_/g, ' ')} ${String(f.count)}`;
  return `${f.measure.replace(/_/g, ' ')} ${count}${f.victim === null ? '' : ` ${f.victim}`}`;
}

/** «SOHR: killed 4 SDF, injured 3» — a claim in a few words. */
function claimSummary(claim: EventClaim): string {
  const who = claim.claimant ?? claim.outlet ?? 'the report';
  return `${who}${claim.party ? ' (a party)' : ''}: ${claim.figures.map(describeFigure).join(', ')}`;
}

function claimsLine(event: Event): string {
  return event.claims
    .filter((c) => c.figures.length > 0)
    .map(claimSummary)
    .join(' | ');
}

function outlets(event: Event): string[] {
  return [...new Set(event.members.map((m) => m.outlet ?? m.url ?? m.document))];
}

/**
 * One CSV row. Text a spreadsheet would run as a formula (a cell starting with
 * =, +, -, @, tab or CR: an outlet named «=HYPERLINK(…)») gets a leading
 * apostrophe, as OWASP advises against CSV injection; numbers stay numbers.
 */
function csvLine(values: readonly unknown[]): string {
  return stringify(
    [
      values.map((v) =>
        v === null || v === undefined ? '' : typeof v === 'boolean' ? String(v) : v,
      ),
    ],
    { escape_formulas: true },
  );
}

const CSV_COLUMNS = [
  'event_id',
  'date_start',
  'date_end',
  'date_precision',
  'event_type',
  'sub_event_type',
  'actor1',
  'actor2',
  'civilian_targeting',
  'place_id',
  'place_ar',
  'place_en',
  'admin1',
  'admin2',
  'admin3',
  'admin1_pcode',
  'latitude',
  'longitude',
  'geo_precision',
  'fatalities_low',
  'fatalities_best',
  'fatalities_high',
  'claims',
  'reports',
  'outlets',
  'urls',
  'review_status',
] as const;

/** wathiq's own columns: low/best/high, each claimant's figures, every report. */
function csvWriter(): EventWriter {
  return {
    head: csvLine(CSV_COLUMNS),
    separator: '',
    row: (e) => {
      const l = e.location;
      return csvLine([
        e.id,
        e.date.start,
        e.date.end,
        e.date.precision,
        e.event_type,
        e.sub_event_type,
        e.actor1,
        e.actor2,
        e.civilian_targeting,
        l?.place_id,
        l?.name_ar,
        l?.name_en,
        l?.admin1,
        l?.admin2,
        l?.admin3,
        l?.admin1_pcode,
        l?.lat,
        l?.lon,
        l?.precision,
        e.fatalities?.low,
        e.fatalities?.best,
        e.fatalities?.high,
        claimsLine(e),
        e.members.length,
        outlets(e).join('; '),
        e.members.flatMap((m) => (m.url === null ? [] : [m.url])).join(' '),
        e.review_status,
      ]);
    },
    tail: '',
  };
}

const ACLED_COLUMNS = [
  'event_id_cnty',
  'event_date',
  'year',
  'time_precision',
  'event_type',
  'sub_event_type',
  'actor1',
  'assoc_actor_1',
  'inter1',
  'actor2',
  'assoc_actor_2',
  'inter2',
  'interaction',
  'civilian_targeting',
  'iso',
  'region',
  'country',
  'admin1',
  'admin2',
  'admin3',
  'location',
  'latitude',
  'longitude',
  'geo_precision',
  'source',
  'source_scale',
  'notes',
  'fatalities',
  'tags',
] as const;

/**
 * ACLED's columns and conventions: one row per event, actors by name with their
 * inter codes, the conservative fatality figure (the best estimate: the lowest
 * count of a source that is no party), and notes that tell each claim.
 */
function acledWriter(lexicon: Lexicon): EventWriter {
  const name = (id: string | null): string =>
    id === null ? '' : (lexicon.actors.get(id)?.name ?? id);
  const inter = (id: string | null): number =>
    id === null ? 0 : (lexicon.actors.get(id)?.inter ?? 0);
  return {
    head: csvLine(ACLED_COLUMNS),
    separator: '',
    row: (e) => {
      const l = e.location;
      const notes = [
        `${e.sub_event_type}${l === null ? '' : ` in ${l.name_en}`}${e.date.start === null ? '' : ` on ${e.date.start}`}.`,
        claimsLine(e),
      ]
        .filter((s) => s !== '')
        .join(' ');
      return csvLine([
        e.id,
        e.date.start,
        e.date.start?.slice(0, 4),
        timePrecision(e),
        e.event_type,
        e.sub_event_type,
        name(e.actor1),
        e.assoc1.map(name).join('; '),
        inter(e.actor1),
        name(e.actor2),
        e.assoc2.map(name).join('; '),
        inter(e.actor2),
        interaction(inter(e.actor1), inter(e.actor2)),
        e.civilian_targeting ? 'Civilian targeting' : '',
        SYRIA.iso,
        SYRIA.region,
        SYRIA.country,
        l?.admin1,
        l?.admin2,
        l?.admin3,
        l?.name_en,
        l?.lat,
        l?.lon,
        l?.precision,
        outlets(e).join('; '),
        'National',
        notes,
        e.fatalities?.best ?? 0,
        '',
      ]);
    },
    tail: '',
  };
}

/** ACLED's country fields for Syria. */
const SYRIA = { iso: 760, region: 'Middle East', country: 'Syria' } as const;

/** ACLED's interaction code: the two inter codes, lower first («17» state forces on civilians; «20» rebels alone). */
function interaction(a: number, b: number): number | '' {
  if (a === 0 && b === 0) return '';
  const [low, high] = a <= b ? [a, b] : [b, a];
  return low === 0 ? high * 10 : low * 10 + high;
}

/** Events with a place as points, their fields as properties: for a map. */
function geojsonWriter(): EventWriter {
  return {
    head: '{"type":"FeatureCollection","features":[\n',
    separator: ',\n',
    row: (e) => {
      const l = e.location;
      if (l === null) return null;
      return JSON.stringify({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [l.lon, l.lat] },
        properties: {
          id: e.id,
          event_type: e.event_type,
          sub_event_type: e.sub_event_type,
          date_start: e.date.start,
          date_end: e.date.end,
          place_id: l.place_id,
          place: l.name_en,
          place_ar: l.name_ar,
          admin1: l.admin1,
          geo_precision: l.precision,
          actor1: e.actor1,
          actor2: e.actor2,
          fatalities_low: e.fatalities?.low ?? null,
          fatalities_best: e.fatalities?.best ?? null,
          fatalities_high: e.fatalities?.high ?? null,
          claims: claimsLine(e),
          reports: e.members.length,
          outlets: outlets(e),
          review_status: e.review_status,
        },
      });
    },
    tail: '\n]}\n',
  };
}

export function eventWriter(format: ExportFormat, lexicon: Lexicon): EventWriter {
  switch (format) {
    case 'csv':
      return csvWriter();
    case 'acled':
      return acledWriter(lexicon);
    case 'geojson':
      return geojsonWriter();
    case 'json':
      return { head: '[\n', separator: ',\n', row: (e) => JSON.stringify(e), tail: '\n]\n' };
    case 'ndjson':
      return { head: '', separator: '', row: (e) => `${JSON.stringify(e)}\n`, tail: '' };
  }
}
