import type { Event, EventSort, ReviewStatus } from '../contracts/index.js';
import { normalizePhrase } from '../text/index.js';
import { foldCounts } from './counts.js';
import { byteOrder, eventWhole } from './event-members.js';
import type { MemberRow } from './event-members.js';
import type { QueryOptions, Sql } from './db.js';
import { GRID_CELL, TILE_PER } from './schema.js';
import type { ReportIndex, ReportInfo } from './writer.js';

/** Which events to list or export; every field narrows the set. */
export interface EventFilter {
  /** Events on or after this day, `YYYY-MM-DD`. */
  readonly from?: string;
  /** Events on or before this day. */
  readonly to?: string;
  /** Governorate p-code (`SY11`). */
  readonly admin1Pcode?: string;
  /** An actor id, as doer or target. */
  readonly actor?: string;
  /** An event type or sub-event type. */
  readonly type?: string;
  /** Words, matched on normalized Arabic and loosely (one letter off still matches). */
  readonly search?: string;
  /** A claimant id whose figures the event carries. */
  readonly claimant?: string;
  readonly status?: ReviewStatus;
  /** Events whose point is in `[west, south, east, north]`. */
  readonly bbox?: readonly [number, number, number, number];
  /** Only private events (true), or only public ones (false). */
  readonly private?: boolean;
  /**
   * Public events only, whatever else the filter asks: what a viewer may see.
   * Every query a person's request reaches honours it.
   */
  readonly publicOnly?: boolean;
}

/**
 * Each order: the value sorted on (as SQL), its direction, its type. Ties and
 * events without the value (last) are in id order, so that a page cursor
 * (the value and id of the last event) says where the next page starts.
 */
const SORTS: Readonly<Record<EventSort, { expr: string; desc: boolean; type: string }>> = {
  /** Newest first. */
  date: { expr: 'date_start', desc: true, type: 'date' },
  /** Most killed first (the best estimate). */
  fatalities: { expr: 'fatalities_best', desc: true, type: 'int' },
  /** Last changed first. */
  updated: { expr: 'updated_at', desc: true, type: 'timestamptz' },
  /** What needs a person first: unreviewed, reviewed, verified, disputed, rejected. */
  status: {
    expr: "array_position(ARRAY['unreviewed', 'reviewed', 'verified', 'disputed', 'rejected']::text[], review_status)",
    desc: false,
    type: 'int',
  },
};

/** Where a page of events ended: the value it was sorted on (as text) and its id. */
export interface Cursor {
  readonly key: string | null;
  readonly id: string;
}

/**
 * How a filter's statements run: planned for its values each time, since how
 * many events a value matches (a rare actor, a claimant in half the events)
 * decides between walking the list's order and reading the matches.
 */
export const FILTERED: QueryOptions = { planEachTime: true };

/**
 * FILTERED, without parallel workers (QueryOptions.serial): for the counts of
 * a box's squares, tiles and edges (tileSource), many small reads that the
 * planner gave to two workers at 1,000,000 events (the monthly timeline of a
 * box: 170-250 ms so, 57-67 ms without).
 */
export const FILTERED_SERIAL: QueryOptions = { planEachTime: true, serial: true };

/**
 * The earliest month in which an event ending in `from`'s month or later starts, from the
 * monthly counts (null when none does); undefined unless the filter has a first and a last day.
 * Given to conditions(), it bounds the filter's first days as a value the planner can weigh.
 */
export async function earliestStart(
  db: Sql,
  filter: EventFilter,
): Promise<string | null | undefined> {
  if (filter.from === undefined || filter.to === undefined) return undefined;
  // A bound behind the events would leave out those that start before it.
  await foldCounts(db);
  const [row] = await db.query<{ first: string | null }>(
    `SELECT to_char(min(month), 'YYYY-MM-DD') AS first FROM event_summary
     WHERE end_month >= date_trunc('month', $1::date)::date`,
    [filter.from],
    FILTERED,
  );
  return row?.first ?? null;
}

/**
 * Where a filter's events are read: `events`, or for words `event_words`
 * (schema.ts, migration 24), which holds the same columns a filter names and
 * the views read, and each event's words, found by word (a phrase's through
 * them too, migration 61); or for a search kept (keepSearch),
 * `search_matches` (migration 31): its events' rows, side by side.
 */
export type EventTable = 'events' | 'event_words' | 'search_matches';

/**
 * The longest word event_words finds exactly: a word of over 500 letters is
 * kept in pieces overlapping by this many (schema.ts, wordPieces).
 */
export const WORD_PIECE_REACH = 101;

/** The table a filter's events are best read from (EventTable). */
export function eventTable(filter: EventFilter): EventTable {
  return normalizePhrase(filter.search ?? '') !== '' ? 'event_words' : 'events';
}

/**
 * Whether the events' words alone cannot tell which events hold `words`
 * (normalized): a phrase, or a word longer than WORD_PIECE_REACH. Their
 * events are found through their words, then their texts compared
 * (phraseCondition).
 */
function comparedAsWritten(words: string): boolean {
  return words.includes(' ') || words.length > WORD_PIECE_REACH;
}

/**
 * The table a filter's events are best read from, as eventTable tells, or
 * `search_matches` when its words, one or several, are a search kept there
 * (keepSearch).
 */
export async function eventSource(db: Sql, filter: EventFilter): Promise<EventTable> {
  const table = eventTable(filter);
  return normalizePhrase(filter.search ?? '') !== '' &&
    (await searchListed(db, filter))?.kept === true
    ? 'search_matches'
    : table;
}

/**
 * How a filter's search is listed among those looked at (keepSearch): kept
 * (its rows in search_matches), counted (its sums in search_summary and
 * search_square_months, migration 40), or neither; null when it was never
 * looked at (or the filter has no words).
 */
async function searchListed(
  db: Sql,
  filter: EventFilter,
): Promise<{ kept: boolean; counted: boolean } | null> {
  const words = normalizePhrase(filter.search ?? '');
  if (words === '') return null;
  const [row] = await db.query<{ kept: boolean; counted: boolean }>(
    'SELECT kept, counted FROM kept_searches WHERE search = $1',
    [words],
    FILTERED,
  );
  return row ?? null;
}

/**
 * Whether a filter's search is counted (migration 40): in more than a tenth of
 * the events, or kept (migration 45).
 */
export async function searchCounted(db: Sql, filter: EventFilter): Promise<boolean> {
  return (await searchListed(db, filter))?.counted === true;
}

/**
 * How many events a count must find for a search to be kept (keepSearch):
 * below it, its rows on event_words cost a few ms to read (at 100,000 events
 * of the bench's fill, 3,400 of them 8 ms of CPU).
 */
export const KEPT_FROM = 2000;

/**
 * At most how many searches are kept or counted together: every write of
 * events tests its text against each (schema.ts, migrations 31 and 40).
 */
export const KEPT_MOST = 100;

/**
 * Keeps a search that a count found in `found` events (at least KEPT_FROM)
 * and that was never looked at, in `search_matches`, where its views read its
 * rows side by side instead of event by event (schema.ts, migration 31, which
 * declines a search in more than a tenth of the events, or beyond
 * KEPT_MOST): a word of one piece, found on event_words, or a phrase (or a
 * word too long for event_words), found through the events' words, their
 * texts compared (migrations 35 and 61). Built
 * once, by the count that finds it frequent; then kept in step with the
 * events by their triggers. A search in more than a tenth of the events is
 * counted instead (migration 40): its events summed by month and the values a
 * filter names, and by month and square, in search_summary and
 * search_square_months (countedSource); a search kept is counted so as well
 * (migration 45). True when it was kept (copied) now.
 */
export async function keepSearch(db: Sql, filter: EventFilter, found: number): Promise<boolean> {
  const words = normalizePhrase(filter.search ?? '');
  if (found < KEPT_FROM || words === '') return false;
  if ((await searchListed(db, filter)) !== null) return false;
  const [row] = await db.query<{ kept: boolean }>('SELECT keep_search($1, $2, $3, $4) AS kept', [
    words,
    containing(words),
    KEPT_MOST,
    comparedAsWritten(words),
  ]);
  // Its rows or counts are new to the planner, which would plan its views on guesses until the
  // next refreshStatistics: at 1,000,000 events a town's page was read whole and sorted (18 ms)
  // where search_matches_order gives it (6 ms), once the table's statistics say how many it holds.
  // A kept search is counted as well (migration 45): both are new.
  const listed = await searchListed(db, filter);
  if (listed?.kept === true)
    await db.query('ANALYZE search_matches, search_summary, search_square_months');
  else if (listed?.counted === true) await db.query('ANALYZE search_summary, search_square_months');
  return row?.kept === true;
}

/** conditions() with the filter's first days bounded by a value (earliestStart). */
export async function boundedConditions(
  db: Sql,
  filter: EventFilter,
  table: EventTable = 'events',
): Promise<{ where: string[]; params: unknown[] }> {
  return conditions(filter, await earliestStart(db, filter), table);
}

/**
 * The SQL conditions of a filter on `events`, or on `event_words` (`table`),
 * with their parameters (numbered from `$1`).
 * `earliest` is earliestStart's answer for it; without it the bound is a subquery.
 */
export function conditions(
  filter: EventFilter,
  earliest?: string | null,
  table: EventTable = 'events',
): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${String(params.length)}`;
  };
  // Public events only, the private ones asked for: none, said outright so that nothing is
  // read (`NOT private AND private = $1` walked every private event, ~20,000 scattered rows at
  // 1,000,000 events, to find none).
  if (filter.publicOnly === true) where.push(filter.private === true ? 'false' : 'NOT private');
  else if (filter.private !== undefined) where.push(`private = ${param(filter.private)}`);
  if (filter.bbox !== undefined) {
    const [west, south, east, north] = filter.bbox;
    where.push(
      `lon BETWEEN ${param(west)}::float8 AND ${param(east)}::float8 AND lat BETWEEN ${param(south)}::float8 AND ${param(north)}::float8`,
    );
  }
  if (filter.from !== undefined) {
    const from = param(filter.from);
    where.push(`date_end >= ${from}::date`);
    // With a last day too, the same events bounded by their first day, so that an index in date
    // order starts at the earliest start of an event ending from that month on (from the monthly
    // counts) rather than walking every older event to check its end: a season's map at
    // 1,000,000 events read every event before the season's end. (Without a last day, events
    // with no first day match as well, and no one range of the index holds them all.) Given as
    // a value, the planner weighs how many events the range holds; a subquery's answer it
    // cannot, and guessed a few where the range held most events.
    if (filter.to !== undefined)
      where.push(
        `date_start >= ${
          earliest === undefined
            ? `(SELECT min(month) FROM event_summary WHERE end_month >= date_trunc('month', ${from}::date)::date)`
            : `${param(earliest)}::date`
        }`,
      );
  }
  if (filter.to !== undefined) where.push(`date_start <= ${param(filter.to)}::date`);
  if (filter.admin1Pcode !== undefined) where.push(`admin1_pcode = ${param(filter.admin1Pcode)}`);
  if (filter.actor !== undefined) {
    const p = param(filter.actor);
    where.push(`(actor1 = ${p} OR actor2 = ${p})`);
  }
  if (filter.type !== undefined) {
    const p = param(filter.type);
    where.push(`(event_type = ${p} OR sub_event_type = ${p})`);
  }
  if (filter.claimant !== undefined)
    where.push(`claimants @> ARRAY[${param(filter.claimant)}]::text[]`);
  if (filter.status !== undefined) where.push(`review_status = ${param(filter.status)}`);
  if (filter.search !== undefined && filter.search.trim() !== '') {
    const words = normalizePhrase(filter.search);
    // The words as written anywhere in the event, or a name a letter off («سراقيب» for «سراقب»).
    // Words that normalize to nothing («_») are in no event: the filter keeps nothing, it is not dropped.
    // On event_words, the words that hold them (a word of one piece is in a text exactly when
    // one of the text's words holds it): found in the vocabulary, then the events with any; a
    // phrase's events through their words, their texts compared (phraseCondition).
    // On search_matches, the rows kept for these words are the events that match.
    where.push(
      table === 'search_matches'
        ? `search = ${param(words)}`
        : searchCondition(words, table, param),
    );
  }
  return { where, params };
}

/**
 * A filter's conditions on `events` (`where`, `params`: conditions()'s answer)
 * as the conditions of disjoint parts that hold its events between them:
 * where it names a type, those of that sub-type, and those of that type and
 * another sub-type; else the conditions as they are. The type's condition
 * (event type or sub-type) is an OR no index range can follow: each part's
 * names one column, which events_area_sub_type (schema.ts, migration 49) or
 * the type's indexes read as a range. A value is an event type or a
 * sub-type, never both, so one part finds no event in its index.
 */
export function typeParts(
  filter: EventFilter,
  where: readonly string[],
  params: unknown[],
): string[][] {
  if (filter.type === undefined) return [[...where]];
  params.push(filter.type);
  const p = `$${String(params.length)}`;
  return [
    [...where, `sub_event_type = ${p}`],
    [...where, `event_type = ${p}`, `sub_event_type <> ${p}`],
  ];
}

/**
 * The condition that an event of `table` (events or event_words) holds the
 * normalized `words`, its values given through `param`.
 */
function searchCondition(
  words: string,
  table: EventTable,
  param: (value: unknown) => string,
): string {
  if (words === '') return 'false';
  const written =
    table !== 'event_words'
      ? `search_text LIKE ${param(containing(words))}`
      : comparedAsWritten(words)
        ? phraseCondition(words, param)
        : `words && ARRAY(SELECT word FROM search_words WHERE word LIKE ${param(containing(words))})`;
  return `(${written} OR search_names && ARRAY(SELECT term FROM search_terms WHERE ${param(words)} <% term))`;
}

/**
 * The condition that a row of event_words is of an event whose text holds the
 * normalized `words` (comparedAsWritten). «A B C» is only in a text with a
 * word ending in A, the word B itself and a word starting with C; a search of
 * one word, only in one with a word holding it. The first word is sought by
 * its letters reversed (search_words_ending, migration 62): a word of one
 * letter gives the vocabulary's trigram index nothing to seek, and it was read
 * whole. A word of over WORD_PIECE_REACH letters is sought by its first
 * WORD_PIECE_REACH, which one of the pieces kept of a longer word holds
 * (schema.ts, wordPieces). The events with a word of each are found through
 * event_words_words, then each one's text, read by id, is compared with the
 * phrase (the planner runs that costliest condition last).
 * Found in the view's own statement, in the one pass that reads its events:
 * found apart by phrase_events and given to the view as ids, the ids were
 * looked up again in event_words' key, and a phrase in 1,206 events of
 * 100,000 (bench/filters.ts, not kept) cost 17-22 ms of CPU a view on
 * PostgreSQL (map, timeline, facets), against 13-18 found here.
 * phrase_patterns (schema.ts, migration 61) writes the same rule in SQL for
 * keep_search, which keeps a phrase's events once: a change to which words
 * are sought, and how, is made in both.
 */
function phraseCondition(words: string, param: (value: unknown) => string): string {
  // Letters as the database counts them (its length and left): code points, not UTF-16 units.
  const all = words.split(' ').map((word) => Array.from(word));
  const last = all.length - 1;
  const whole = all.filter((letters, k) => k > 0 && k < last && letters.length <= WORD_PIECE_REACH);
  const sought = all.flatMap((letters, k) => {
    const piece = likeEscaped(letters.slice(0, WORD_PIECE_REACH).join(''));
    if (letters.length > WORD_PIECE_REACH || last === 0)
      return [`word LIKE ${param(`%${piece}%`)}`];
    if (k === 0)
      return [`reverse(word) LIKE ${param(`${likeEscaped([...letters].reverse().join(''))}%`)}`];
    return k === last ? [`word LIKE ${param(`${piece}%`)}`] : [];
  });
  const held = [
    ...(whole.length > 0
      ? [`words @> ${param(whole.map((letters) => letters.join('')))}::text[]`]
      : []),
    ...sought.map((found) => `words && ARRAY(SELECT word FROM search_words WHERE ${found})`),
  ];
  return `(${held.join(' AND ')} AND EXISTS (SELECT FROM events AS written
    WHERE written.id = event_words.id AND written.search_text LIKE ${param(containing(words))}))`;
}

/** `YYYY-MM-DD` of a real day, or null. */
function day(text: string): Date | null {
  const date = new Date(`${text}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && date.toISOString().startsWith(text) ? date : null;
}

/** The first day of the month `months` after the one `date` is in, `YYYY-MM-DD`. */
function monthStart(date: Date, months = 0): string {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1))
    .toISOString()
    .slice(0, 10);
}

/**
 * A table of counts by the months events start and end in and every value a
 * filter names, as summarySource reads it: the columns it reads there, the
 * same as one row of `events` gives them (one event, counted once), and what
 * an event must have to be counted there.
 */
interface MonthlyCounts {
  readonly table: string;
  readonly columns: string;
  readonly event: string;
  /**
   * Where `event` is aggregates, its GROUP BY: the events read besides are
   * summed into rows of the table first (as `event` sums them), not given one
   * by one.
   */
  readonly grouped?: string;
  readonly counted: readonly string[];
  /**
   * Whether the table counts the events of each counted search apart (its
   * rows by `search`, migration 40): then it answers a filter of such words,
   * and only with them.
   */
  readonly searched?: boolean;
  /**
   * The counts by day of the same columns, where there are (their rows carry
   * their events' first and last day): the events at a month's edge of a
   * filter naming nothing they do not count (DAY_EDGE_FILTERS) are summed from
   * them rather than read (not for a counted search's words: they count none).
   */
  readonly days?: string;
}

/**
 * `event_summary` (schema.ts, migration 13): every event, with its fatalities.
 * An event's months are its days truncated as timestamps: a date given to
 * date_trunc alone is made a timestamptz, truncated in the session's time
 * zone and made a date again, the same first of the month at twice the cost
 * (the 7,300 events a box reads at its edges: its monthly timeline 30 → 25
 * ms of CPU on the embedded engine at 100,000 events).
 */
export const SUMMARY: MonthlyCounts = {
  table: 'event_summary',
  columns: `month, end_month, private, review_status, event_type, sub_event_type,
      admin1_pcode, actor1, actor2, claimants, events, fatalities`,
  event: `date_trunc('month', date_start::timestamp)::date AS month,
  date_trunc('month', date_end::timestamp)::date AS end_month,
  private, review_status, event_type, sub_event_type, admin1_pcode, actor1, actor2, claimants,
  1 AS events, coalesce(fatalities_best, 0)::bigint AS fatalities`,
  counted: [],
};

/**
 * `event_cells` (schema.ts, migration 23): the events with a point, by square
 * of GRID_CELL degrees (`x`, `y`), with the sums of their points and their bounds.
 * The events read besides (at a month's edge) are summed by square in float8
 * and made numeric once a square: made numeric one by one, days from
 * mid-month at 1,000,000 events (38,000 events at their edges) cost ~55 ms of
 * CPU against ~12 as float8. A float8 sum may differ from the numeric one in
 * its last digits (~1e-13 of a degree), far below the map's rounding (1e-5).
 * For a filter of days, a type and the private mark, the events at a month's
 * edge are summed from `event_square_days` (migration 50) instead: at
 * 1,000,000 events of the bench's fill, days from mid-month to mid-month read
 * 8,097 of its rows where they read 38,483 events.
 */
export const SQUARES: MonthlyCounts = {
  table: 'event_cells',
  columns: 'x, y, events, lon_sum, lat_sum, west, south, east, north',
  event: `floor(lon / ${String(GRID_CELL)})::int AS x, floor(lat / ${String(GRID_CELL)})::int AS y,
  count(*)::int AS events, sum(lon)::numeric AS lon_sum, sum(lat)::numeric AS lat_sum,
  min(lon) AS west, min(lat) AS south, max(lon) AS east, max(lat) AS north`,
  grouped: 'GROUP BY 1, 2',
  counted: ['lon IS NOT NULL', 'lat IS NOT NULL'],
  days: 'event_square_days',
};

/**
 * `event_square_months` (schema.ts, migration 36): the rows of event_cells
 * summed by their months, square and private mark alone, for a filter that
 * names nothing else (squaresBy): a few thousand rows in all, where the months
 * of event_cells are tens of thousands.
 */
export const SQUARE_MONTHS: MonthlyCounts = { ...SQUARES, table: 'event_square_months' };

/**
 * `search_summary` (schema.ts, migration 40): event_summary's counts of the
 * events of each counted search (searchCounted), by search.
 */
export const SEARCH_SUMMARY: MonthlyCounts = {
  ...SUMMARY,
  table: 'search_summary',
  searched: true,
};

/**
 * `search_square_months` (migration 40): event_square_months' sums of the
 * events of each counted search, by search.
 */
export const SEARCH_SQUARE_MONTHS: MonthlyCounts = {
  ...SQUARE_MONTHS,
  table: 'search_square_months',
  searched: true,
};

/**
 * `event_facet_spans` (schema.ts, migration 51): each event under its type
 * (with its fatalities) and under each governorate, actor, claimant and status
 * it has, by the months it starts and ends in, as rows of `event_summary`'s
 * columns. Each row carries one facet's value and leaves the others empty (as
 * TILE_ROWS); only the type's row carries the event's first month, so that
 * the months and the monthly timeline count each event once. Every row's
 * months are filtered on the table's own columns (monthlySource's conditions).
 */
const FACET_SPANS: MonthlyCounts = {
  ...SUMMARY,
  table: 'event_facet_spans',
  columns: `CASE WHEN facet = 'type' THEN month END AS month, end_month, private,
      CASE WHEN facet = 'status' THEN key END AS review_status,
      CASE WHEN facet = 'type' THEN key END AS event_type, NULL::text AS sub_event_type,
      CASE WHEN facet = 'governorate' THEN key END AS admin1_pcode,
      CASE WHEN facet = 'actor' THEN key END AS actor1, NULL::text AS actor2,
      CASE WHEN facet = 'claimant' THEN ARRAY[key] ELSE '{}'::text[] END AS claimants, events, fatalities`,
};

/** The filters, besides their days, that `event_facet_spans` can answer. */
const SPAN_FILTERS = new Set(['from', 'to', 'private', 'publicOnly']);

/**
 * The events of a filter of days and the private mark alone, as rows of
 * `event_summary`'s columns for its facets (`edges` 'day facets'), its
 * monthly timeline or its months ('days'): its whole months summed from
 * `event_facet_spans` (FACET_SPANS: at 1,000,000 events of the bench's fill,
 * ~2,400 rows in all against event_summary's 44,000), the events at a month's
 * edge from the counts by day, as summarySource reads them. Null for any
 * other filter.
 */
export function spanSource(
  filter: EventFilter,
  edges: 'days' | 'day facets',
): { from: string; params: unknown[] } | null {
  const named = Object.entries(filter as Record<string, unknown>).filter(
    ([, value]) => value !== undefined,
  );
  if (named.some(([key]) => !SPAN_FILTERS.has(key))) return null;
  return monthlySource(filter, FACET_SPANS, null, edges);
}

/** The filters, besides their days (`from`, `to`), that `event_square_months` can answer. */
const SQUARE_MONTH_FILTERS = new Set(['private', 'publicOnly']);

/** The counts by square a filter's map is best summed from: SQUARE_MONTHS where they can answer it, else SQUARES. */
export function squaresBy(filter: EventFilter): MonthlyCounts {
  return Object.entries(filter as Record<string, unknown>).every(
    ([key, value]) =>
      value === undefined || key === 'from' || key === 'to' || SQUARE_MONTH_FILTERS.has(key),
  )
    ? SQUARE_MONTHS
    : SQUARES;
}

/**
 * The filtered events counted by month, as rows of `event_summary`'s columns
 * (schema.ts, migration 13), or of another table of such counts (`counts`):
 * `FROM` text naming them `s`, with its parameters;
 * null when the counts cannot answer the filter (words and boxes are not
 * counted). Every condition but the dates names the same columns as on
 * `events`. The counts know each event's first and last month, not its days:
 * where `from` is not a month's first day, the events that end in its month
 * may or may not end by then, and where `to` is not a month's last day, those
 * that start in its month may or may not start by then. Those events, and
 * only those, are read from the events, day by day (a few weeks of them
 * through events_facts: its range starts at the earliest month any event
 * ending in `from`'s month starts, which the counts tell), or where `edges`
 * allows and the filter names nothing else, counted from the counts by day;
 * the rest is summed. `earliest` (earliestStart's answer), where given, bounds
 * the months summed from below.
 */
export function summarySource(
  filter: EventFilter,
  counts: MonthlyCounts = SUMMARY,
  edges: Edges = 'events',
  earliest?: string | null,
): { from: string; params: unknown[] } | null {
  return filter.bbox === undefined ? monthlySource(filter, counts, null, edges, earliest) : null;
}

/**
 * Where summarySource reads the events at a month's edge from: the events
 * themselves; or, for a filter the counts by day can answer (DAY_EDGE_FILTERS),
 * `event_days` (schema.ts, migration 20), each event once, as `event_summary`'s
 * columns without its actors, claimants and status (what a count, the monthly
 * timeline and the months need); or for the facets alone, those rows and
 * besides them `event_day_facets`' (migration 28), each event once under each
 * actor, claimant and status it has, as a row of that actor, claimant or
 * status and no other value a facet counts (DAY_FACET_ROWS), so that each
 * facet is counted from the rows that carry it. At 1,000,000 events, days
 * from mid-month read ~38,000 events at their edges (22,000 ending in the
 * first month from its day on, 16,000 starting in the last up to its day);
 * the counts by day of those days are a few thousand rows.
 */
export type Edges = 'events' | 'days' | 'day facets';

/**
 * The filters, besides their days, whose edge events the counts by day can
 * answer for every view: both tables have their columns (event_days also has
 * the governorate, but event_day_facets, which the facets need, has not).
 */
const DAY_EDGE_FILTERS = new Set(['type', 'private', 'publicOnly']);

/**
 * The columns of `event_summary` from a row of `event_day_facets`: its events
 * under its one actor, claimant or status, with no month, type or governorate
 * (the rows of event_days count those) and no figures. An event's claimants
 * hold each claimant once (saveEvents), so that its one row per claimant
 * counts it as often as the facets' spreading of its claimants does.
 */
const DAY_FACET_ROWS = `NULL::date AS month, NULL::date AS end_month, private,
  CASE WHEN facet = 'status' THEN key END AS review_status, NULL::text AS event_type,
  NULL::text AS sub_event_type, NULL::text AS admin1_pcode, CASE WHEN facet = 'actor' THEN key END AS actor1,
  NULL::text AS actor2, CASE WHEN facet = 'claimant' THEN ARRAY[key] ELSE '{}'::text[] END AS claimants,
  events, 0::bigint AS fatalities`;

/** The columns of `event_summary` from a row of `event_days`: its events, with the months of their days. */
const DAY_ROWS = `date_trunc('month', day::timestamp)::date AS month,
  date_trunc('month', end_day::timestamp)::date AS end_month,
  private, NULL::text AS review_status, event_type, sub_event_type, admin1_pcode, NULL::text AS actor1,
  NULL::text AS actor2, '{}'::text[] AS claimants, events, fatalities`;

/**
 * `event_cells` (schema.ts, migrations 23 and 27) with the columns of
 * `event_summary`, fatalities included: what the facets and the monthly
 * timeline of a box are counted from (boxSource).
 */
const SQUARES_BY_MONTH: MonthlyCounts = {
  ...SUMMARY,
  table: 'event_cells',
  counted: ['lon IS NOT NULL', 'lat IS NOT NULL'],
};

/** Degrees by which a square counted whole lies inside a box's edges: far above any rounding of a point's square. */
const SQUARE_MARGIN = 1e-9;

/**
 * The squares of `event_cells` (numbered as floor(lon / GRID_CELL) and
 * floor(lat / GRID_CELL) number them), or of another `side` (the tiles of
 * `event_tiles`), whose every point lies inside a box:
 * `[x0, y0, x1, y1]`, inclusive; null where none does. A square's edges are
 * kept SQUARE_MARGIN inside the box's, so that a point rounded into a square
 * by the division that numbers it is inside the box all the same.
 */
export function squaresInside(
  bbox: readonly [number, number, number, number],
  side = GRID_CELL,
): [number, number, number, number] | null {
  // Within the world first: no event lies beyond it, and a square's number
  // stays small (the loops below step by one, and the table numbers are ints).
  const within = (v: number, limit: number): number => Math.min(Math.max(v, -limit), limit);
  const [west, south, east, north] = [
    within(bbox[0], 180),
    within(bbox[1], 90),
    within(bbox[2], 180),
    within(bbox[3], 90),
  ];
  const first = (low: number): number => {
    let k = Math.ceil((low + SQUARE_MARGIN) / side);
    while (k * side < low + SQUARE_MARGIN) k++;
    return k;
  };
  const last = (high: number): number => {
    let k = Math.floor((high - SQUARE_MARGIN) / side) - 1;
    while ((k + 1) * side > high - SQUARE_MARGIN) k--;
    return k;
  };
  const inside: [number, number, number, number] = [
    first(west),
    first(south),
    last(east),
    last(north),
  ];
  return inside[0] <= inside[2] && inside[1] <= inside[3] ? inside : null;
}

/**
 * The filtered events of a box, as rows of `event_summary`'s columns
 * (SQUARES_BY_MONTH), or null (no box, words, or no whole square
 * inside it): the squares wholly inside the box summed from the counts by
 * square (with their events at a month's edge, as summarySource reads them),
 * and the box's other events read at their points. A box cuts through squares:
 * at the points of the box outside the whole squares (event_points, a few
 * thousand rows), their events are read from the point index, point by point,
 * so that the events of the whole squares are not read (an index by longitude
 * walks every event of the box's longitudes) but for a month at a filter's
 * edge, whose events are read as summarySource reads them.
 */
export function boxSource(filter: EventFilter): { from: string; params: unknown[] } | null {
  const { bbox, ...rest } = filter;
  if (bbox === undefined) return null;
  return monthlySource(rest, SQUARES_BY_MONTH, bbox, 'events');
}

/**
 * A row of `event_tiles` (schema.ts, migration 39) as a row of
 * `event_summary`'s columns: its events under its one type and month, or
 * governorate, actor, claimant or status, and no other value a facet or the
 * monthly timeline counts (as DAY_FACET_ROWS are; fatalities are those of
 * its type's row alone).
 */
const TILE_ROWS = `month, NULL::date AS end_month, private,
  CASE WHEN facet = 'status' THEN key END AS review_status, CASE WHEN facet = 'type' THEN key END AS event_type,
  NULL::text AS sub_event_type, CASE WHEN facet = 'governorate' THEN key END AS admin1_pcode,
  CASE WHEN facet = 'actor' THEN key END AS actor1, NULL::text AS actor2,
  CASE WHEN facet = 'claimant' THEN ARRAY[key] ELSE '{}'::text[] END AS claimants, events, fatalities`;

/**
 * The events of a filter that names nothing but the private mark, as rows of
 * `event_summary`'s columns for its facets: the counts of
 * `event_facet_counts` (schema.ts, migration 48), rows of event_tiles' form
 * (TILE_ROWS) for every event and no square, a few hundred however many
 * events there are. Null for any other filter.
 */
export function facetSource(filter: EventFilter): { from: string; params: unknown[] } | null {
  const { private: onlyPrivate, publicOnly, search, ...rest } = filter;
  if (search !== undefined && search.trim() !== '') return null;
  if (Object.values(rest as Record<string, unknown>).some((value) => value !== undefined))
    return null;
  const { where, params } = conditions({
    ...(onlyPrivate === undefined ? {} : { private: onlyPrivate }),
    ...(publicOnly === undefined ? {} : { publicOnly }),
  });
  return {
    from: `(SELECT ${TILE_ROWS} FROM event_facet_counts${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}) AS s`,
    params,
  };
}

/**
 * A filter that names `count` values, each of a type or sub-type, governorate,
 * actor, claimant or review status, and besides them no words and nothing but
 * the private mark: its values as [filter key, value], and the conditions of
 * its private mark (as event_facet_pairs has the column). Null for any other.
 */
function pairValues(
  filter: EventFilter,
  count: number,
): { named: [string, unknown][]; where: string[]; params: unknown[] } | null {
  const { private: onlyPrivate, publicOnly, search, ...rest } = filter;
  if (search !== undefined && search.trim() !== '') return null;
  const named = Object.entries(rest as Record<string, unknown>).filter(
    ([, value]) => value !== undefined,
  );
  if (named.length !== count || !named.every(([key]) => key in POINT_FACETS)) return null;
  return {
    named,
    ...conditions({
      ...(onlyPrivate === undefined ? {} : { private: onlyPrivate }),
      ...(publicOnly === undefined ? {} : { publicOnly }),
    }),
  };
}

/** The facet event_facet_pairs counts a filter's key under (a key of POINT_FACETS). */
const facetOf = (key: string): string => POINT_FACETS[key as keyof typeof POINT_FACETS];

/**
 * The events of a filter that names one value of a type or sub-type,
 * governorate, actor, claimant or review status, and besides it nothing but
 * the private mark, as rows of `event_summary`'s columns for its facets, its
 * monthly timeline and its months: the counts of `event_facet_pairs`
 * (schema.ts, migration 55) under that value, rows of event_tiles' form
 * (TILE_ROWS), a few hundred however many events there are (at 1,000,000
 * events, a review status's rows of event_summary were most of its 44,000).
 * Only the type's rows carry a month, so that the months and the monthly
 * timeline count each event once. Null for any other filter.
 */
export function pairSource(filter: EventFilter): { from: string; params: unknown[] } | null {
  const values = pairValues(filter, 1);
  const [one] = values?.named ?? [];
  if (values === null || one === undefined) return null;
  const { where, params } = values;
  params.push(facetOf(one[0]), one[1]);
  where.push(`by_facet = $${String(params.length - 1)}`, `by_key = $${String(params.length)}`);
  return {
    from: `(SELECT ${TILE_ROWS} FROM event_facet_pairs WHERE ${where.join(' AND ')}) AS s`,
    params,
  };
}

/**
 * How many events a filter of two values of a type or sub-type, governorate,
 * actor, claimant or review status (and besides them nothing but the private
 * mark) matches, as the rows of `event_facet_pairs` (schema.ts, migration 55)
 * that count them (a column `events`, summed): those under the one value
 * (by_facet, by_key) and the other's facet and key. A type is the value they
 * are found under, where its rows count the events of that type or sub-type;
 * under a facet, they count the events by their type alone. An event is
 * counted once under each value it has (its actors as doer and target, its
 * claimants, once each). A few rows, where event_summary's rows of the two
 * values were read and filtered one by one (at 1,000,000 events of the
 * bench's fill, an actor and a claimant: a third of its 44,000). Null for any
 * other filter.
 */
export function pairCountSource(filter: EventFilter): { from: string; params: unknown[] } | null {
  const values = pairValues(filter, 2);
  if (values === null) return null;
  const { named, where, params } = values;
  const [by, other] = named[1]?.[0] === 'type' ? [named[1], named[0]] : [named[0], named[1]];
  if (by === undefined || other === undefined) return null;
  params.push(facetOf(by[0]), by[1], facetOf(other[0]), other[1]);
  const n = params.length;
  where.push(
    `by_facet = $${String(n - 3)}`,
    `by_key = $${String(n - 2)}`,
    `facet = $${String(n - 1)}`,
    `key = $${String(n)}`,
  );
  return {
    from: `(SELECT events FROM event_facet_pairs WHERE ${where.join(' AND ')}) AS s`,
    params,
  };
}

/**
 * The events of a box that names nothing else (but the private mark), as
 * rows of `event_summary`'s columns, for its facets or (`view` 'timeline')
 * its monthly timeline, or null (another filter, or no whole tile inside
 * it): the counts of `event_tiles` (schema.ts, migration 39) of the squares
 * wholly inside the box, then of the tiles wholly inside it around them, and
 * the events of the rest of the box (its edges, less than a tile wide) read at
 * their points (event_points, then the point index), as boxSource reads those
 * outside its squares. The tiles of each side are found by their columns
 * (x = ANY), each a range of the index.
 */
export function tileSource(
  filter: EventFilter,
  view: 'facets' | 'timeline',
): { from: string; params: unknown[] } | null {
  const { bbox, private: onlyPrivate, publicOnly, search, ...rest } = filter;
  if (bbox === undefined || (search !== undefined && search.trim() !== '')) return null;
  if (Object.values(rest as Record<string, unknown>).some((value) => value !== undefined))
    return null;
  const side = GRID_CELL / TILE_PER;
  const tiles = squaresInside(bbox, side);
  if (tiles === null) return null;
  const squares = squaresInside(bbox);
  const { where, params } = conditions({
    ...(onlyPrivate === undefined ? {} : { private: onlyPrivate }),
    ...(publicOnly === undefined ? {} : { publicOnly }),
  });
  const value = (v: unknown, type: string): string => {
    params.push(v);
    return `$${String(params.length)}::${type}`;
  };
  const columns = (from: number, to: number): number[] =>
    Array.from({ length: to - from + 1 }, (_, k) => from + k);
  const counted = (per: number, xs: readonly number[], y0: number, y1: number): string =>
    `SELECT ${TILE_ROWS} FROM event_tiles WHERE ${[
      ...where,
      `per = ${String(per)}`,
      `x = ANY(${value(xs, 'int[]')})`,
      `y BETWEEN ${value(y0, 'int')} AND ${value(y1, 'int')}`,
      ...(view === 'timeline' ? ["facet = 'type'"] : []),
    ].join(' AND ')}`;
  const [x0, y0, x1, y1] = tiles;
  const parts: string[] = [];
  if (squares === null) parts.push(counted(TILE_PER, columns(x0, x1), y0, y1));
  else {
    // The squares, then the tiles around them: west and east of them, then south and north.
    const [sx0, sy0, sx1, sy1] = [
      squares[0] * TILE_PER,
      squares[1] * TILE_PER,
      squares[2] * TILE_PER + TILE_PER - 1,
      squares[3] * TILE_PER + TILE_PER - 1,
    ];
    parts.push(counted(1, columns(squares[0], squares[2]), squares[1], squares[3]));
    if (x0 < sx0) parts.push(counted(TILE_PER, columns(x0, sx0 - 1), y0, y1));
    if (sx1 < x1) parts.push(counted(TILE_PER, columns(sx1 + 1, x1), y0, y1));
    if (y0 < sy0) parts.push(counted(TILE_PER, columns(sx0, sx1), y0, sy0 - 1));
    if (sy1 < y1) parts.push(counted(TILE_PER, columns(sx0, sx1), sy1 + 1, y1));
  }
  // The box's points outside its whole tiles, and at each its events.
  const [w, s, e, n] = bbox.map((v) => value(v, 'float8')) as [string, string, string, string];
  const [tx0, ty0, tx1, ty1] = tiles.map((v) => value(v, 'int')) as [
    string,
    string,
    string,
    string,
  ];
  parts.push(`SELECT e.* FROM (SELECT DISTINCT lon, lat FROM event_points
      WHERE lon BETWEEN ${w} AND ${e} AND lat BETWEEN ${s} AND ${n}
        AND NOT (floor(lon / ${String(side)})::int BETWEEN ${tx0} AND ${tx1}
                 AND floor(lat / ${String(side)})::int BETWEEN ${ty0} AND ${ty1})) AS p,
    LATERAL (SELECT ${SUMMARY.event} FROM events
             WHERE ${['lon = p.lon', 'lat = p.lat', ...where].join(' AND ')}) AS e`);
  return { from: `(${parts.join('\n    UNION ALL ')}) AS s`, params };
}

/**
 * summarySource's rows for a filter whose words are a counted search
 * (searchCounted, schema.ts migration 40), from its counts (`counts`:
 * SEARCH_SUMMARY, or SEARCH_SQUARE_MONTHS for a map of dates alone): its
 * months summed, and its events at a month's edge read from the events (a
 * month's, through their date index, tested for the words). Null for a
 * search not counted, or a filter its counts cannot answer (a box; for the
 * squares, any value but the days and the private mark).
 */
export async function countedSource(
  db: Sql,
  filter: EventFilter,
  counts: MonthlyCounts = SEARCH_SUMMARY,
  earliest?: string | null,
): Promise<{ from: string; params: unknown[] } | null> {
  if (filter.bbox !== undefined || normalizePhrase(filter.search ?? '') === '') return null;
  if (
    counts === SEARCH_SQUARE_MONTHS &&
    squaresBy({ ...filter, search: undefined }) !== SQUARE_MONTHS
  )
    return null;
  if (!(await searchCounted(db, filter))) return null;
  return monthlySource(filter, counts, null, 'events', earliest);
}

/**
 * summarySource's rows, of a box's whole squares too (`bbox`, with `counts` by
 * square: boxSource), and besides them the box's events outside those squares;
 * the events at a month's edge are read from `edges`.
 */
function monthlySource(
  filter: EventFilter,
  counts: MonthlyCounts,
  bbox: readonly [number, number, number, number] | null,
  edges: Edges,
  earliest?: string | null,
): { from: string; params: unknown[] } | null {
  const { from, to, search, ...counted } = filter;
  const words = search === undefined || search.trim() === '' ? null : normalizePhrase(search);
  // Words are counted only by the tables of counted searches, which count nothing else.
  if ((words === null) === (counts.searched === true)) return null;
  // The counts by day answer the edges of a filter of nothing they do not count.
  const dayCounted = Object.entries(counted as Record<string, unknown>).every(
    ([key, value]) => value === undefined || DAY_EDGE_FILTERS.has(key),
  );
  const byDay = edges !== 'events' && (counts === SUMMARY || counts === FACET_SPANS) && dayCounted;
  // The counts by square and day (migration 50) answer the same edges for the map of all squares
  // (a box's would be summed over every square).
  const bySquareDay = words === null && bbox === null && counts.days !== undefined && dayCounted;
  const inside = bbox === null ? null : squaresInside(bbox);
  if (bbox !== null && inside === null) return null;
  const first = from === undefined ? undefined : day(from);
  const last = to === undefined ? undefined : day(to);
  // Not a day: the events are asked, and say so.
  if (first === null || last === null) return null;
  const { where: named, params } = conditions(counted);
  const value = (v: unknown): string => {
    params.push(v);
    return `$${String(params.length)}`;
  };
  const param = (v: unknown): string => `${value(v)}::date`;
  const summed = [...named];
  // (What is read from the events besides: those the table counts.)
  const where = [...named, ...counts.counted];
  // A counted search's rows; on the events, its words (their parameters given once, where read).
  if (words !== null) summed.push(`search = ${value(words)}`);
  let searched: string | null = null;
  const onEvents = (): string[] => {
    if (words === null) return where;
    searched ??= searchCondition(words, 'events', value);
    return [...where, searched];
  };
  const fromEvents = (conditions: readonly string[]): string =>
    `SELECT ${counts.event} FROM events WHERE ${conditions.join(' AND ')}${
      counts.grouped === undefined ? '' : ` ${counts.grouped}`
    }`;
  const parts: string[] = [];
  if (bbox !== null && inside !== null) {
    // A box: its whole squares are summed, with their events at a month's edge read as below.
    const [w, s, e, n] = bbox.map((v) => `${value(v)}::float8`) as [string, string, string, string];
    const [x0, y0, x1, y1] = inside.map((v) => `${value(v)}::int`) as [
      string,
      string,
      string,
      string,
    ];
    summed.push(`x BETWEEN ${x0} AND ${x1}`, `y BETWEEN ${y0} AND ${y1}`);
    where.push(
      `lon BETWEEN ${w} AND ${e}`,
      `lat BETWEEN ${s} AND ${n}`,
      `floor(lon / ${String(GRID_CELL)})::int BETWEEN ${x0} AND ${x1}`,
      `floor(lat / ${String(GRID_CELL)})::int BETWEEN ${y0} AND ${y1}`,
    );
    // The box's points outside its whole squares, and at each its events that match.
    const days = [
      ...(from === undefined ? [] : [`date_end >= ${param(from)}`]),
      ...(to === undefined ? [] : [`date_start <= ${param(to)}`]),
    ];
    parts.push(`SELECT e.* FROM (SELECT DISTINCT lon, lat FROM event_points
        WHERE lon BETWEEN ${w} AND ${e} AND lat BETWEEN ${s} AND ${n}
          AND NOT (floor(lon / ${String(GRID_CELL)})::int BETWEEN ${x0} AND ${x1}
                   AND floor(lat / ${String(GRID_CELL)})::int BETWEEN ${y0} AND ${y1})) AS p,
      LATERAL (${fromEvents(['lon = p.lon', 'lat = p.lat', ...named, ...days])}) AS e`);
  }
  // From a first day, every event ending in its month or later; else those ending in a later month.
  const endsAfter =
    first === undefined ? null : first.getUTCDate() === 1 ? from : monthStart(first, 1);
  if (endsAfter !== null) summed.push(`end_month >= ${param(endsAfter)}`);
  // To a last day (whose next day is a first), every event starting in its month or earlier;
  // else those starting in an earlier month.
  const startsBefore =
    last === undefined
      ? null
      : new Date(last.getTime() + 86_400_000).getUTCDate() === 1
        ? null
        : monthStart(last);
  if (last !== undefined)
    summed.push(
      startsBefore === null
        ? `month <= ${param(monthStart(last))}`
        : `month < ${param(startsBefore)}`,
    );
  // With both days, the months counted start no earlier than any event ending from `from`'s
  // month on (earliestStart, given as a value the planner can weigh), so that an index in month
  // order reads the filter's months, not every month before `to`.
  if (typeof earliest === 'string' && endsAfter !== null && last !== undefined)
    summed.push(`month >= ${param(earliest)}`);
  parts.push(`SELECT ${counts.columns}
    FROM ${counts.table} ${summed.length > 0 ? `WHERE ${summed.join(' AND ')}` : ''}`);
  const edgeOfFrom = first !== undefined && endsAfter !== from && endsAfter !== null;
  // (A parameter is only given where the statement names it.)
  const lastDay = to === undefined || (!edgeOfFrom && startsBefore === null) ? null : param(to);
  const upTo = lastDay === null ? [] : [`date_start <= ${lastDay}`];
  // The same on the counts by day, whose rows carry their events' first and last day.
  const upToDay = lastDay === null ? [] : [`day <= ${lastDay}`];
  const dayParts = (days: readonly string[]): string[] => [
    `SELECT ${DAY_ROWS} FROM event_days WHERE ${[...named, ...days].join(' AND ')}`,
    ...(edges === 'day facets'
      ? [
          `SELECT ${DAY_FACET_ROWS} FROM event_day_facets WHERE ${[...named, ...days].join(' AND ')}`,
        ]
      : []),
  ];
  const squareDays = (days: readonly string[]): string =>
    `SELECT ${counts.columns} FROM ${counts.days ?? ''} WHERE ${[...named, ...days].join(' AND ')}`;
  if (edgeOfFrom) {
    // The events ending in `from`'s month, from its day on: those with a first day bounded by
    // the first and last day such events start on (the counts by day tell, sought from the first
    // and last month such events start in, which the monthly counts tell), for the index; then
    // those with none (a person's correction may leave a span with no first day, or one that
    // ends before it starts). As one condition with an OR, the index could not be bounded by
    // either, and every event up to `to` was read (at 100,000 events, 120 ms of CPU). Bounded by
    // months, the index walked the whole month: at 1,000,000 events, from the 15th, 42,000
    // entries for 22,000 events.
    const month = monthStart(first);
    const [since, until] = [param(from), param(endsAfter)];
    const ending = [...onEvents(), `date_end >= ${since}`, `date_end < ${until}`];
    const endingDays = `end_day >= ${since} AND end_day < ${until}`;
    // The first day such events start on (the counts by day tell, from the month the monthly counts tell).
    const startBound = (m: string): string => `(SELECT min(day) FROM event_days WHERE ${endingDays}
           AND day >= (SELECT min(month) FROM event_summary WHERE end_month = ${m}))`;
    // (Counted by day, the same events: the rows whose first and last day a filter's events have;
    // by square and day, found by their last day.)
    if (byDay)
      parts.push(...dayParts([endingDays, `day >= ${startBound(param(month))}`, ...upToDay]));
    else if (bySquareDay) parts.push(squareDays([endingDays, ...upToDay]));
    else {
      const m = param(month);
      parts.push(
        fromEvents([
          ...ending,
          `date_start >= ${startBound(m)}`,
          `date_start <= (SELECT max(day) FROM event_days WHERE ${endingDays}
           AND day < (SELECT max(month) FROM event_summary WHERE end_month = ${m}) + 31)`,
          ...upTo,
        ]),
      );
    }
    if (to === undefined) parts.push(fromEvents([...ending, 'date_start IS NULL']));
  }
  if (startsBefore !== null) {
    // The events starting in `to`'s month, up to its day, that no part above counted.
    const startDays = (): string[] => [
      `day >= ${param(startsBefore)}`,
      ...upToDay,
      ...(endsAfter === null ? [] : [`end_day >= ${param(endsAfter)}`]),
    ];
    if (byDay) parts.push(...dayParts(startDays()));
    else if (bySquareDay) parts.push(squareDays(startDays()));
    else
      parts.push(
        fromEvents([
          ...onEvents(),
          `date_start >= ${param(startsBefore)}`,
          ...upTo,
          ...(endsAfter === null ? [] : [`date_end >= ${param(endsAfter)}`]),
        ]),
      );
  }
  return { from: `(${parts.join('\n    UNION ALL ')}) AS s`, params };
}

/** What `event_days` counts by besides the days: a type or sub-type, a governorate, the private mark. */
const DAY_FACETS = new Set(['type', 'admin1Pcode', 'private', 'publicOnly']);

/** The filters one of whose values `event_day_facets` counts by day, and its name there. */
const DAY_FACET_KEYS = { actor: 'actor', claimant: 'claimant', status: 'status' } as const;

/** The tables of counts by day (schema.ts): dayConditions says which answers a filter. */
export type DayTable = 'event_days' | 'event_day_facets';

/**
 * The counts by day that answer a filter, with their conditions (each row
 * knows its events' first and last day, so the dates are met exactly): those
 * of `event_days` (schema.ts, migration 20) for a type or sub-type, a
 * governorate and the private mark; those of `event_day_facets` (migration
 * 28) for a type, the private mark and one actor, claimant or review status.
 * Null for any other filter, which the counts by day cannot answer.
 */
export function dayConditions(
  filter: EventFilter,
): { table: DayTable; where: string[]; params: unknown[] } | null {
  const { from, to, search, ...rest } = filter;
  if (search !== undefined && search.trim() !== '') return null;
  const named = Object.entries(rest as Record<string, unknown>).filter(
    ([, value]) => value !== undefined,
  );
  const faceted = named.filter(([key]) => key in DAY_FACET_KEYS);
  const [one] = faceted;
  if (named.some(([key]) => !DAY_FACETS.has(key) && !(key in DAY_FACET_KEYS))) return null;
  // event_day_facets has no governorate, and one value a row.
  if (faceted.length > 1 || (one !== undefined && rest.admin1Pcode !== undefined)) return null;
  const { where, params } = conditions(
    Object.fromEntries(named.filter(([key]) => !(key in DAY_FACET_KEYS))),
  );
  const param = (value: unknown): string => {
    params.push(value);
    return `$${String(params.length)}`;
  };
  if (one !== undefined)
    where.push(
      `facet = ${param(DAY_FACET_KEYS[one[0] as keyof typeof DAY_FACET_KEYS])}`,
      `key = ${param(one[1])}`,
    );
  if (from !== undefined) where.push(`end_day >= ${param(from)}::date`);
  if (to !== undefined) where.push(`day <= ${param(to)}::date`);
  return { table: one === undefined ? 'event_days' : 'event_day_facets', where, params };
}

/** The filters one of whose values `event_point_facets` counts by point, and its name there. */
const POINT_FACETS = {
  type: 'type',
  admin1Pcode: 'governorate',
  actor: 'actor',
  claimant: 'claimant',
  status: 'status',
} as const;

/**
 * The counts by point that answer a filter, with their conditions: those of
 * `event_points` (schema.ts, migration 14) for a box and the private mark
 * alone; those of `event_point_facets` (migration 19) for these with one
 * value of a type, governorate, actor, claimant or status. Null for any other
 * filter, which only the events can answer.
 */
export function pointConditions(
  filter: EventFilter,
): { table: 'event_points' | 'event_point_facets'; where: string[]; params: unknown[] } | null {
  const { bbox, private: onlyPrivate, publicOnly, search, ...rest } = filter;
  if (search !== undefined && search.trim() !== '') return null;
  const named = Object.entries(rest as Record<string, unknown>).filter(
    ([, value]) => value !== undefined,
  );
  const [one] = named;
  if (named.length > 1 || (one !== undefined && !(one[0] in POINT_FACETS))) return null;
  const { where, params } = conditions({
    ...(bbox === undefined ? {} : { bbox }),
    ...(onlyPrivate === undefined ? {} : { private: onlyPrivate }),
    ...(publicOnly === undefined ? {} : { publicOnly }),
  });
  if (one === undefined) return { table: 'event_points', where, params };
  params.push(POINT_FACETS[one[0] as keyof typeof POINT_FACETS], one[1]);
  where.push(`facet = $${String(params.length - 1)} AND key = $${String(params.length)}`);
  return { table: 'event_point_facets', where, params };
}

/**
 * A LIKE pattern that finds the words as they are: `%` and `_` in them are
 * letters to look for, not wildcards (a search for «%» is not every report).
 */
export function containing(words: string): string {
  return `%${likeEscaped(words)}%`;
}

/** `text` matched as it is by LIKE: its `\`, `%` and `_` escaped. */
function likeEscaped(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

function orderOf(sort: EventSort): string {
  const { expr, desc } = SORTS[sort];
  return `ORDER BY ${expr} ${desc ? 'DESC' : 'ASC'} NULLS LAST, id`;
}

/**
 * Where a page resumes after a cursor: the events after it among those with
 * a value (`expr <= key` leads, so that the index starts at the key rather
 * than filtering every event before it: a filter would make each page of an
 * export cost more than the last), or among those without one.
 */
function after(sort: EventSort, cursor: Cursor, param: (v: unknown) => string): string {
  const { expr, desc, type } = SORTS[sort];
  const id = param(cursor.id);
  if (cursor.key === null) return `(${expr} IS NULL AND id > ${id})`;
  const key = `${param(cursor.key)}::${type}`;
  return `${expr} ${desc ? '<=' : '>='} ${key} AND (${expr} ${desc ? '<' : '>'} ${key} OR id > ${id})`;
}

interface EventRow {
  id: string;
  sort_key: string | null;
  private: boolean;
  data: Event;
}

/** What page of which order to read. */
export interface Page {
  readonly limit?: number;
  readonly after?: Cursor | null;
  /** Newest first when absent. */
  readonly sort?: EventSort;
}

/**
 * Whether a page of a search is best found by reading the events whose words
 * match and ordering them, as the planner's estimates tell. Words are matched
 * through the vocabulary's trigram index, which cannot give events in the
 * list's order (a phrase's, found through its words and its text compared,
 * the planner guesses few: a phrase is always read so);
 * walking the order checks each event's words on its row until a page is
 * found. The planner prices that check as one comparison and walked 10,000
 * events for a page of 250 of a town's 3,400 (137 ms on PostgreSQL, against
 * 22 ms reading the 3,400 and ordering them). Reading costs about the number
 * W of events with the words, walking about page × events / W rows: the
 * first is cheaper while W² < page × events. Either way the page is the same.
 */
async function fewMatches(db: Sql, search: string, page: number): Promise<boolean> {
  const rows = async (filter: EventFilter): Promise<number> => {
    const table = eventTable(filter);
    const { where, params } = conditions(filter, undefined, table);
    const [plan] = await db.query<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(
      `EXPLAIN (FORMAT JSON) SELECT 1 FROM ${table} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}`,
      params,
      FILTERED,
    );
    return plan?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? Infinity;
  };
  const withWords = await rows({ search });
  return withWords * withWords < page * (await rows({}));
}

async function pageOf(
  db: Sql,
  filter: EventFilter,
  page: Page,
): Promise<{ rows: EventRow[]; next: Cursor | null }> {
  const limit = page.limit ?? 50;
  const sort = page.sort ?? 'date';
  const { expr, desc } = SORTS[sort];
  const earliest = await earliestStart(db, filter);
  const read = async (cursor: Cursor | null, count: number): Promise<EventRow[]> => {
    const search = filter.search?.trim() ?? '';
    // A search with few matches reads them with their sort values (from event_words), then the
    // page's events for the first of them.
    // A kept search's rows are walked in the list's order, as the events are (search_matches_order,
    // migration 43), or read and ordered where the planner finds its other values rare: read
    // whole, a page of «سراقب» at 1,000,000 events sorted its 33,252 rows for 50.
    // A counted search is in more than a tenth of the events (migration 40): its order is
    // walked, as fewMatches tells for a page of up to a hundredth of the events, without asking
    // the planner twice.
    const listed = await searchListed(db, filter);
    const kept = listed?.kept === true;
    const few =
      !kept && search !== '' && listed?.counted !== true && (await fewMatches(db, search, count));
    const table = kept ? 'search_matches' : few ? eventTable(filter) : 'events';
    const { where, params } = conditions(filter, earliest, table);
    const param = (value: unknown): string => {
      params.push(value);
      return `$${String(params.length)}`;
    };
    if (cursor !== null) where.push(after(sort, cursor, param));
    const matching = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const order = `${desc ? 'DESC' : 'ASC'} NULLS LAST`;
    // The page's ids first, then their documents. Walking the order, a filter's
    // columns are checked on the index's entries (events_facts holds them all:
    // an index-only scan), and only the page's events are read; checked on the
    // rows, every event walked past was read whole, which made a page of a
    // filter matching one event in fifty cost 4× more (38 → 10 ms at 100,000).
    const ids = few
      ? `matched AS MATERIALIZED (SELECT id, ${expr} AS sort_value FROM ${table} ${matching}),
         page AS (SELECT id, sort_value FROM matched ORDER BY sort_value ${order}, id LIMIT ${param(count)})`
      : `page AS MATERIALIZED (SELECT id, ${expr} AS sort_value FROM ${table} ${matching}
                               ${orderOf(sort)} LIMIT ${param(count)})`;
    return wholePage(await db.query<PageRow>(wholeStatement(ids, order), params, FILTERED));
  };
  const cursor = page.after ?? null;
  const rows = await read(cursor, limit);
  // The events with a value ran out within this page: those without one come next (nulls last).
  if (rows.length < limit && cursor !== null && cursor.key !== null)
    rows.push(...(await read({ key: null, id: '' }, limit - rows.length)));
  const last = rows.at(-1);
  return {
    rows,
    next: rows.length === limit && last !== undefined ? { key: last.sort_key, id: last.id } : null,
  };
}

/**
 * A page of events whole, in one statement from the page's ids (`ids`, which
 * names them `page` with their sort values): each event's head, numbered in
 * the page's `order`, and its member rows (its data holds neither members nor
 * claims: their rows of event_members do, migration 52), unordered, put
 * together by wholePage. One statement reads them all in one snapshot, so an
 * event written meanwhile is read as it was before or after, never half of
 * each: its members are those of its head, its privacy what the page was
 * filtered by. Read in two statements, each event's version (xmin and ctid)
 * was read again with the members to tell, and the page read again when one
 * had changed: a page of 250 for export at 100,000 events cost 27-44 ms of
 * CPU on PGlite, the heads ordered in the engine whole, the member rows too.
 * Numbered here, the heads' ordering sorts 250 ids, not their documents.
 * The member rows are read by their key for the page's ids as an array, as
 * they were when the ids were sent (a bitmap of event_members_pkey).
 */
function wholeStatement(ids: string, order: string): string {
  return `WITH ${ids},
     placed AS (SELECT id, sort_value, row_number() OVER (ORDER BY sort_value ${order}, id) AS n FROM page)
   SELECT p.n, e.id, p.sort_value::text AS sort_key, e.private, e.data,
          NULL::jsonb AS member, NULL::jsonb AS claims
   FROM placed p JOIN events e ON e.id = p.id
   UNION ALL
   SELECT NULL, m.event_id, NULL, NULL, NULL, m.member, m.claims
   FROM event_members m WHERE m.event_id = ANY (ARRAY(SELECT id FROM page))`;
}

/** A row of wholeStatement: an event's head (`n`, its place in the page, from 1), or one of its member rows. */
type PageRow = HeadRow | MemberRead;

interface HeadRow extends EventRow {
  n: number;
}

interface MemberRead {
  n: null;
  id: string;
  member: MemberRow['member'];
  claims: MemberRow['claims'];
}

/**
 * The page's events whole from wholeStatement's rows, as event_whole makes
 * them, key for key: the heads in their places, each with its member rows in
 * its members' order, sorted here of the few each event has rather than in
 * the engine, whose sort copied the rows' documents.
 */
function wholePage(read: readonly PageRow[]): EventRow[] {
  const heads: (HeadRow | undefined)[] = [];
  const members = new Map<string, MemberRead[]>();
  for (const r of read) {
    if (r.n !== null) heads[r.n - 1] = r;
    else {
      // Pushed, not copied: an act told by 1,500 reports is one event of 1,500 member rows.
      const gathered = members.get(r.id);
      if (gathered === undefined) members.set(r.id, [r]);
      else gathered.push(r);
    }
  }
  // A place without its head (none can be, all read in one snapshot) is left out, not a hole.
  return heads
    .filter((h): h is HeadRow => h !== undefined)
    .map((h) => ({
      id: h.id,
      sort_key: h.sort_key,
      private: h.private,
      data: eventWhole(h.data, members.get(h.id)?.sort(byIncident) ?? []),
    }));
}

/** Member rows in their event's order: by incident (a member's key, its row's incident_id), byte order. */
function byIncident(a: MemberRead, b: MemberRead): number {
  return byteOrder(a.member.incident, b.member.incident);
}

/** One page of events matching a filter, and where the next page starts (null at the end). */
export async function listEvents(
  db: Sql,
  filter: EventFilter,
  page: Page = {},
): Promise<{ events: Event[]; next: Cursor | null }> {
  const { rows, next } = await pageOf(db, filter, page);
  return { events: rows.map((r) => r.data), next };
}

/** An event as people see it: the contract's, and whether it is private. */
export type MarkedEvent = Event & { readonly private: boolean };

/** One page of events, each with its private mark. */
export async function listMarkedEvents(
  db: Sql,
  filter: EventFilter,
  page: Page = {},
): Promise<{ events: MarkedEvent[]; next: Cursor | null }> {
  const { rows, next } = await pageOf(db, filter, page);
  return { events: rows.map((r) => ({ ...r.data, private: r.private })), next };
}

/**
 * Events an export reads at a time. Each page resumes at its cursor in the
 * index (after()), so a page costs the same wherever it falls and pages of
 * 250 cost no more in all than pages of 1,000; reading a page is mostly
 * decoding its events' documents (about 70 ms of CPU for 1,000 at 100,000
 * events), which a quarter of that page keeps to a fraction of a request.
 */
const EXPORT_PAGE = 250;

/** Every event matching a filter, a page at a time: memory stays flat however many there are. */
export async function* streamEvents(
  db: Sql,
  filter: EventFilter,
  pageSize = EXPORT_PAGE,
): AsyncGenerator<Event> {
  for await (const page of streamEventPages(db, filter, pageSize)) yield* page;
}

/** The events that match, a page at a time: what an export reads alongside each page, it reads once. */
export async function* streamEventPages(
  db: Sql,
  filter: EventFilter,
  pageSize = EXPORT_PAGE,
): AsyncGenerator<Event[]> {
  let cursor: Cursor | null = null;
  do {
    const page = await listEvents(db, filter, { limit: pageSize, after: cursor });
    yield page.events;
    cursor = page.next;
  } while (cursor !== null);
}

/** The title, outlet, URL, date and capture hashes of stored reports, by document id. */
export async function reportsOf(db: Sql, ids: readonly string[]): Promise<ReportIndex> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<ReportInfo & { id: string }>(
    `SELECT d.id, d.title, d.outlet, d.url, d.published,
       coalesce((SELECT array_agg(c.sha256 ORDER BY c.captured_at, c.sha256)
                 FROM captures c WHERE c.document_id = d.id), '{}') AS captures
     FROM documents d WHERE d.id = ANY($1::text[])`,
    [[...new Set(ids)]],
  );
  return new Map(rows.map(({ id, ...info }) => [id, info]));
}

/**
 * How many events match: summed from the counts by two values of a filter of
 * two (pairCountSource), or from the monthly counts (of a counted search, its
 * own: countedSource), or for a box from the counts by point, where they can
 * tell; else counted.
 */
export async function countEvents(db: Sql, filter: EventFilter = {}): Promise<number> {
  await foldCounts(db);
  const summary =
    pairCountSource(filter) ??
    summarySource(filter, SUMMARY, 'days') ??
    (await countedSource(db, filter));
  const points = summary === null && filter.bbox !== undefined ? pointConditions(filter) : null;
  const table = summary === null && points === null ? await eventSource(db, filter) : 'events';
  const { where, params } =
    points ??
    (summary === null
      ? await boundedConditions(db, filter, table)
      : { where: [], params: summary.params });
  const rows = await db.query<{ n: number }>(
    `SELECT ${summary === null && points === null ? 'count(*)' : 'coalesce(sum(events), 0)'}::int AS n
     FROM ${summary?.from ?? points?.table ?? table} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}`,
    params,
    FILTERED,
  );
  const n = rows[0]?.n ?? 0;
  // A search counted row by row in many events is kept, for the next view of it to read side by side.
  if (table !== 'search_matches' && summary === null && points === null)
    await keepSearch(db, filter, n);
  return n;
}

/** A stored report that matches a search, with a snippet around the match. */
export interface ReportHit {
  readonly id: string;
  readonly title: string | null;
  readonly outlet: string | null;
  readonly published: string | null;
  readonly url: string | null;
  readonly similarity: number;
}

/** Reports whose text holds the words, exactly or one letter off, best first. */
export async function searchReports(db: Sql, words: string, limit = 20): Promise<ReportHit[]> {
  const q = normalizePhrase(words);
  if (q === '') return [];
  return db.query<ReportHit>(
    `SELECT id, title, outlet, published, url, word_similarity($1, search_text) AS similarity
     FROM documents WHERE search_text LIKE $3 OR $1 <% search_text
     ORDER BY similarity DESC, published DESC NULLS LAST, id LIMIT $2`,
    [q, limit, containing(q)],
  );
}

/** How much the store holds. */
export async function storeCounts(
  db: Sql,
): Promise<Record<'reports' | 'captures' | 'incidents' | 'events' | 'failures', number>> {
  const rows = await db.query<{
    reports: number;
    captures: number;
    incidents: number;
    events: number;
    failures: number;
  }>(
    `SELECT (SELECT count(*)::int FROM documents) AS reports, (SELECT count(*)::int FROM captures) AS captures,
            (SELECT count(*)::int FROM incidents) AS incidents, (SELECT count(*)::int FROM events) AS events,
            (SELECT count(*)::int FROM failures) AS failures`,
  );
  return rows[0] ?? { reports: 0, captures: 0, incidents: 0, events: 0, failures: 0 };
}
