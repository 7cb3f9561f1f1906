import type { Event, EventClaim, ExportFormat, Figure } from '../contracts/index.js';
import { acledWriter, hashCell, headOf, ucdpWriter } from './field-formats.js';
import type { FieldContext } from './field-formats.js';
import { csvLine } from './writer.js';
import type { EventWriter } from './writer.js';

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
function csvWriter(context: FieldContext): EventWriter {
  return {
    head: headOf(CSV_COLUMNS, context),
    separator: '',
    row: (e, reports = new Map()) => {
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
        ...hashCell(e, reports, context),
      ]);
    },
    tail: '',
  };
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

/** The formats that can carry the capture hashes in a column of their own (`FieldContext.captureHashes`). */
export const HASHED_FORMATS: readonly ExportFormat[] = ['csv', 'acled', 'ucdp'];

/**
 * Whether a format needs each event's reports (their titles and dates, or
 * their capture hashes), which are then read with the events.
 */
export function citesReports(format: ExportFormat, captureHashes = false): boolean {
  return format === 'ucdp' || (captureHashes && HASHED_FORMATS.includes(format));
}

export function eventWriter(format: ExportFormat, context: FieldContext): EventWriter {
  switch (format) {
    case 'csv':
      return csvWriter(context);
    case 'acled':
      return acledWriter(context);
    case 'ucdp':
      return ucdpWriter(context);
    case 'geojson':
      return geojsonWriter();
    case 'json':
      return { head: '[\n', separator: ',\n', row: (e) => JSON.stringify(e), tail: '\n]\n' };
    case 'ndjson':
      return { head: '', separator: '', row: (e) => `${JSON.stringify(e)}\n`, tail: '' };
  }
}
