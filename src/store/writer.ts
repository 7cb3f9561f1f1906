import { stringify } from 'csv-stringify/sync';
import type { Event } from '../contracts/index.js';

/** A number written with a fixed count of decimals («35.9000»), as a format requires. */
export class Fixed {
  constructor(
    readonly value: number,
    readonly digits: number,
  ) {}
}

/** Text a spreadsheet would run as a formula: a cell starting with =, +, -, @, tab or CR. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV row. Text a spreadsheet would run as a formula (an outlet named
 * «=HYPERLINK(…)») gets a leading apostrophe, as OWASP advises against CSV
 * injection; numbers stay numbers, fixed-decimal ones too («-12.5000»).
 */
export function csvLine(values: readonly unknown[]): string {
  return stringify([
    values.map((v) => {
      if (v === null || v === undefined) return '';
      if (v instanceof Fixed) return v.value.toFixed(v.digits);
      if (typeof v === 'string') return FORMULA_START.test(v) ? `'${v}` : v;
      if (typeof v === 'number') return v;
      return typeof v === 'boolean' || typeof v === 'bigint' ? String(v) : JSON.stringify(v);
    }),
  ]);
}

/** What an export tells of a report an event came from. */
export interface ReportInfo {
  readonly title: string | null;
  readonly outlet: string | null;
  readonly url: string | null;
  /** As the report gave it: a day or a date-time; null when unknown. */
  readonly published: string | null;
  /** The SHA-256 of each capture of the report (the bytes as they came in), first captured first. */
  readonly captures: readonly string[];
}

/** The reports of the events being written, by document id. */
export type ReportIndex = ReadonlyMap<string, ReportInfo>;

/**
 * Writes events one at a time in a format: what comes before the first, each
 * event's text (null to leave it out), what goes between two, what ends the
 * file. Streaming keeps memory flat however many events there are.
 */
export interface EventWriter {
  readonly head: string;
  readonly row: (event: Event, reports?: ReportIndex) => string | null;
  readonly separator: string;
  readonly tail: string;
}
