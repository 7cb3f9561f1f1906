import { foldPiledCounts } from './counts.js';
import type { Database, Sql } from './db.js';

/**
 * The statement triggers that keep a table of counts (event_summary,
 * event_points, event_point_facets, event_days) in step with events through its function NAME_count, as
 * migrations 13 and 14 wrote them.
 */
const countedWithEvents = (
  name: string,
): string => `CREATE TRIGGER ${name}_insert AFTER INSERT ON events REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION ${name}_count();
CREATE TRIGGER ${name}_update AFTER UPDATE ON events
  REFERENCING OLD TABLE AS removed NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION ${name}_count();
CREATE TRIGGER ${name}_delete AFTER DELETE ON events REFERENCING OLD TABLE AS removed
  FOR EACH STATEMENT EXECUTE FUNCTION ${name}_count();`;

/** Adds a row's events and fatalities to those of the row of its key already there (`alias` names the table). */
const countsAdded = (alias: string): string =>
  `DO UPDATE SET events = ${alias}.events + EXCLUDED.events, fatalities = ${alias}.fatalities + EXCLUDED.fatalities`;

/**
 * The end of a statement `WITH moved AS (INSERT INTO table AS t … ON CONFLICT …`
 * that moved a table of counts: the rows it left with no event go (through the
 * PL/pgSQL variable `emptied`, tid[]).
 */
const emptiedGone = (table: string): string => `RETURNING t.ctid, t.events)
  SELECT array_agg(ctid) FILTER (WHERE events = 0) FROM moved INTO emptied;
  IF emptied IS NOT NULL THEN
    DELETE FROM ${table} WHERE ctid = ANY(emptied);
  END IF;`;

/** Emptying the events empties a table of their counts (migrations 13 and 14). */
const emptiedWithEvents = (
  name: string,
): string => `CREATE FUNCTION ${name}_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM ${name};
  RETURN NULL;
END
$$;
CREATE TRIGGER ${name}_truncate AFTER TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION ${name}_clear();`;

/**
 * The review queue's reasons an event's own fields give, as `event_review_reasons`
 * lists them: written by migration 15 and again by 17, which changed only how
 * a report's weekday is matched.
 */
const FIELD_REASONS = `  CASE WHEN jsonb_typeof(event->'fatalities') = 'object'
        AND event #> '{fatalities,low}' IS DISTINCT FROM event #> '{fatalities,high}'
       THEN 'claims_disagree' END,
  CASE WHEN jsonb_typeof(event->'location') IS DISTINCT FROM 'object' THEN 'no_place'
       WHEN event #>> '{location,precision}' = '3' THEN 'governorate_only' END,
  CASE WHEN jsonb_array_length(coalesce(event->'claims', '[]')) > 0
        AND NOT jsonb_path_exists(event, '$.claims[*] ? (@.party != true)')
       THEN 'party_sources_only' END,
  CASE WHEN event #>> '{date,precision}' IS DISTINCT FROM 'day' THEN 'date_imprecise' END,`;

/**
 * Whether one of these reports (SQL text[]) names a weekday that the event's
 * (SQL jsonb) first day is not: the review queue's weekday reason, by the
 * warning's code and day.
 */
export function weekdayContradicted(documents: string, event: string): string {
  return `${event} #>> '{date,start}' IS NOT NULL AND EXISTS (
    SELECT 1 FROM documents d
    WHERE d.id = ANY(${documents})
      AND d.coded_warnings @> jsonb_build_array(jsonb_build_object(
        'code', 'weekday_contradicts', 'date', ${event} #>> '{date,start}')))`;
}

/**
 * The reports that name a weekday their date is not (any date): what the index
 * documents_weekday_contradicted (migration 47) holds, so that an event's
 * reports are looked for among these few rather than each read.
 */
const WEEKDAY_CONTRADICTED = `coded_warnings @> '[{"code": "weekday_contradicts"}]'`;

/**
 * weekdayContradicted, looked for among the reports that name a wrong weekday
 * at all (WEEKDAY_CONTRADICTED): the same answer, read from a partial index.
 * An act told by a thousand reports read a thousand reports' rows at each
 * batch that grew it (19 ms of PGlite's 278 for the statement writing it).
 */
export function weekdayContradictedAmongFew(documents: string, event: string): string {
  return `${event} #>> '{date,start}' IS NOT NULL AND EXISTS (
    SELECT 1 FROM documents d
    WHERE d.id = ANY(${documents}) AND d.${WEEKDAY_CONTRADICTED}
      AND d.coded_warnings @> jsonb_build_array(jsonb_build_object(
        'code', 'weekday_contradicts', 'date', ${event} #>> '{date,start}')))`;
}

/** The columns of an event that the tables of counts (migration 21) are kept by. */
const COUNTED_COLUMNS = `date_start, date_end, private, review_status, event_type, sub_event_type,
    admin1_pcode, actor1, actor2, claimants, fatalities_best, lon, lat`;

/**
 * One statement that moves all four tables of counts (event_summary,
 * event_points, event_point_facets, event_days) by `changed`: a query of
 * `sign` (+1 for a new row, -1 for an old one) and COUNTED_COLUMNS. Each
 * table's sums are those its own trigger wrote until migration 20; its keys
 * are written in order, so that two writers touching the same keys never wait
 * on each other in turn. The rows each table is left with at zero are put in
 * the PL/pgSQL variables summary_zero, points_zero, facets_zero and days_zero
 * (tid[]): the next statement deletes them by their place, as no index finds
 * them. As migration 21 wrote it.
 */
const countsMoved = (changed: string): string => `WITH changed AS MATERIALIZED (${changed}),
  summary AS (
    INSERT INTO event_summary AS s (month, end_month, private, review_status, event_type,
      sub_event_type, admin1_pcode, actor1, actor2, claimants, events, fatalities)
    SELECT date_trunc('month', date_start)::date, date_trunc('month', date_end)::date, private,
      review_status, event_type, sub_event_type, admin1_pcode, actor1, actor2, claimants,
      sum(sign), sum(sign * coalesce(fatalities_best, 0))
    FROM changed
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
    HAVING sum(sign) <> 0 OR sum(sign * coalesce(fatalities_best, 0)) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
    ON CONFLICT (month, end_month, private, review_status, event_type, sub_event_type,
      admin1_pcode, actor1, actor2, claimants)
    ${countsAdded('s')}
    RETURNING s.ctid, s.events),
  points AS (
    INSERT INTO event_points AS p (lon, lat, private, events)
    SELECT lon, lat, private, sum(sign) FROM changed
    WHERE lon IS NOT NULL AND lat IS NOT NULL
    GROUP BY 1, 2, 3 HAVING sum(sign) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (lon, lat, private) DO UPDATE SET events = p.events + EXCLUDED.events
    RETURNING p.ctid, p.events),
  facets AS (
    INSERT INTO event_point_facets AS p (facet, key, lon, lat, private, events)
    SELECT f.facet, f.key, lon, lat, private, sum(sign) FROM changed,
      LATERAL (SELECT 'type', event_type UNION SELECT 'type', sub_event_type
               UNION SELECT 'governorate', admin1_pcode UNION SELECT 'actor', actor1
               UNION SELECT 'actor', actor2 UNION SELECT 'status', review_status
               UNION SELECT 'claimant', c FROM unnest(claimants) AS c) AS f(facet, key)
    WHERE lon IS NOT NULL AND lat IS NOT NULL AND f.key IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5 HAVING sum(sign) <> 0 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (facet, key, lon, lat, private) DO UPDATE SET events = p.events + EXCLUDED.events
    RETURNING p.ctid, p.events),
  days AS (
    INSERT INTO event_days AS d (day, end_day, private, event_type, sub_event_type, admin1_pcode,
      events, fatalities)
    SELECT date_start, date_end, private, event_type, sub_event_type, admin1_pcode, sum(sign),
      sum(sign * coalesce(fatalities_best, 0))
    FROM changed
    WHERE date_start IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6
    HAVING sum(sign) <> 0 OR sum(sign * coalesce(fatalities_best, 0)) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (day, end_day, private, event_type, sub_event_type, admin1_pcode)
    ${countsAdded('d')}
    RETURNING d.ctid, d.events)
  SELECT (SELECT array_agg(ctid) FROM summary WHERE events = 0),
    (SELECT array_agg(ctid) FROM points WHERE events = 0),
    (SELECT array_agg(ctid) FROM facets WHERE events = 0),
    (SELECT array_agg(ctid) FROM days WHERE events = 0)
  INTO summary_zero, points_zero, facets_zero, days_zero;`;

/** The rows of the four tables of counts left at zero by countsMoved, gone, in one statement (migration 21). */
const EMPTIED_COUNTS = `WITH summary AS (DELETE FROM event_summary WHERE ctid = ANY(summary_zero)),
    points AS (DELETE FROM event_points WHERE ctid = ANY(points_zero)),
    facets AS (DELETE FROM event_point_facets WHERE ctid = ANY(facets_zero))
  DELETE FROM event_days WHERE ctid = ANY(days_zero);`;

/** The variables countsMoved fills (migration 21). */
const ZERO_ROWS = `DECLARE
  summary_zero tid[];
  points_zero tid[];
  facets_zero tid[];
  days_zero tid[];`;

/**
 * The side of `event_cells`' squares in degrees (migration 23): the map's cell
 * at zoom 8 (360 / 2^8 / 4, as the server's routes size them), a power of two
 * times which is every coarser zoom's, so that a coarser cell is a whole
 * number of these, exactly (dividing by a power of two is exact in floating
 * point as well).
 */
export const GRID_CELL = 0.3515625;

/** The columns that key a row of `event_cells`, in the order of its unique index (migration 23). */
const CELL_KEY = `month, end_month, private, review_status, event_type, sub_event_type, admin1_pcode,
    actor1, actor2, claimants, x, y`;

/**
 * How cellsMoved finds the points a statement moved out of each row it moved,
 * as migration 23 wrote it: all twelve key columns at once, IS NOT DISTINCT
 * FROM, which no hash or merge join can do. Kept as it shipped.
 */
const CELL_EDGES_23 = `changed g
    ON (m.month, m.end_month, m.private, m.review_status, m.event_type, m.sub_event_type,
        m.admin1_pcode, m.actor1, m.actor2, m.claimants, m.x, m.y)
       IS NOT DISTINCT FROM (g.month, g.end_month, g.private, g.review_status, g.event_type,
        g.sub_event_type, g.admin1_pcode, g.actor1, g.actor2, g.claimants, g.x, g.y)`;

/**
 * The same, as migration 26 writes it: only the points that left (the others
 * cannot leave a bound stale), matched on the columns that are never null
 * (a hash join), then on those that may be. Migration 23's form was a nested
 * loop of every moved row by every point: a statement writing 1,000,000 events
 * at once (the bench's store, a bulk copy) ran for hours; 50 took no time.
 */
const CELL_EDGES = `(SELECT * FROM changed WHERE n < 0) g
    ON m.x = g.x AND m.y = g.y AND m.event_type = g.event_type
       AND m.sub_event_type = g.sub_event_type AND m.review_status = g.review_status
       AND m.private = g.private AND m.claimants = g.claimants
       AND (m.month, m.end_month, m.admin1_pcode, m.actor1, m.actor2)
           IS NOT DISTINCT FROM (g.month, g.end_month, g.admin1_pcode, g.actor1, g.actor2)`;

/** The best fatality figures a statement moved (migration 27), as event_summary sums them. */
const DEAD_MOVED = 'sum(sign * coalesce(fatalities_best, 0))';

/**
 * One statement that moves `event_cells` by `changed` (a query of `sign`, +1
 * for a new row and -1 for an old one, and COUNTED_COLUMNS), as its triggers
 * do (migration 23). The change is netted by point first, so that an event
 * written again as it was changes nothing; then by row: counts and sums
 * moved, bounds widened to the points that came. A point that left a row from
 * its edge may have been the only one there: such rows' places go in the
 * PL/pgSQL variable `stale` (tid[]), and rows left with no event in
 * `emptied`, for CELLS_BOUNDED (`edges` says how rows meet the points that
 * left them). Keys are written in order, so that two
 * writers touching the same rows never wait on each other in turn. With
 * `fatalities` (migration 27), their sum moves too, and a point whose events
 * stayed but whose figures changed is a change.
 */
const cellsMoved = (
  changed: string,
  edges: string,
  fatalities: boolean,
): string => `WITH changed AS MATERIALIZED (
    SELECT date_trunc('month', date_start)::date AS month, date_trunc('month', date_end)::date AS end_month,
      private, review_status, event_type, sub_event_type, admin1_pcode, actor1, actor2, claimants,
      floor(lon / ${String(GRID_CELL)})::int AS x, floor(lat / ${String(GRID_CELL)})::int AS y, lon, lat,
      sum(sign) AS n${fatalities ? `, ${DEAD_MOVED} AS dead` : ''}
    FROM (${changed}) AS c
    WHERE lon IS NOT NULL AND lat IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14
    HAVING sum(sign) <> 0${fatalities ? ` OR ${DEAD_MOVED} <> 0` : ''}),
  moved AS (
    INSERT INTO event_cells AS c (${CELL_KEY}, events, lon_sum, lat_sum, west, south, east, north${fatalities ? ', fatalities' : ''})
    SELECT ${CELL_KEY}, sum(n), sum(n * lon::numeric), sum(n * lat::numeric),
      min(lon) FILTER (WHERE n > 0), min(lat) FILTER (WHERE n > 0),
      max(lon) FILTER (WHERE n > 0), max(lat) FILTER (WHERE n > 0)${fatalities ? ', sum(dead)' : ''}
    FROM changed
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12
    ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12
    ON CONFLICT (${CELL_KEY})
    DO UPDATE SET events = c.events + EXCLUDED.events, lon_sum = c.lon_sum + EXCLUDED.lon_sum,
      lat_sum = c.lat_sum + EXCLUDED.lat_sum, west = least(c.west, EXCLUDED.west),
      south = least(c.south, EXCLUDED.south), east = greatest(c.east, EXCLUDED.east),
      north = greatest(c.north, EXCLUDED.north)${fatalities ? ', fatalities = c.fatalities + EXCLUDED.fatalities' : ''}
    RETURNING c.ctid AS place, c.*)
  SELECT array_agg(DISTINCT m.place) FILTER (WHERE m.events > 0 AND g.n < 0
           AND (g.lon IN (m.west, m.east) OR g.lat IN (m.south, m.north))),
         array_agg(DISTINCT m.place) FILTER (WHERE m.events = 0)
  FROM moved m LEFT JOIN ${edges}
  INTO stale, emptied;`;

/**
 * The bounds of the rows of `event_cells` at the places in `stale` read again
 * from their events, and the rows in `emptied` gone (migration 23). A row's
 * events are sought in the governorate's index (events_area: one
 * governorate's month of events). Rows of a governorate and a month, nearly
 * all, are read in one statement, planned once; a row of none (whose events
 * an index finds only by "none", not by "the same as this row's") has its
 * statement written for it. Each runs after cellsMoved has locked the rows it
 * moved, and sees what writers before it committed (a statement of its own).
 */
const CELLS_BOUNDED = `UPDATE event_cells AS c
  SET west = b.west, south = b.south, east = b.east, north = b.north
  FROM event_cells AS s,
    LATERAL (SELECT min(e.lon) AS west, min(e.lat) AS south, max(e.lon) AS east, max(e.lat) AS north
             FROM events e
             WHERE e.admin1_pcode = s.admin1_pcode AND e.date_start >= s.month
               AND e.date_start < (s.month + interval '1 month')::date
               AND (e.date_end >= s.end_month AND e.date_end < (s.end_month + interval '1 month')::date
                    OR e.date_end IS NULL AND s.end_month IS NULL)
               AND e.private = s.private AND e.review_status = s.review_status
               AND e.event_type = s.event_type AND e.sub_event_type = s.sub_event_type
               AND e.actor1 IS NOT DISTINCT FROM s.actor1 AND e.actor2 IS NOT DISTINCT FROM s.actor2
               AND e.claimants = s.claimants AND e.lon IS NOT NULL AND e.lat IS NOT NULL
               AND floor(e.lon / ${String(GRID_CELL)})::int = s.x
               AND floor(e.lat / ${String(GRID_CELL)})::int = s.y) AS b
  WHERE s.ctid = ANY(stale) AND c.ctid = s.ctid AND s.admin1_pcode IS NOT NULL AND s.month IS NOT NULL;
  FOR cell IN SELECT ctid AS place, * FROM event_cells
              WHERE ctid = ANY(stale) AND (admin1_pcode IS NULL OR month IS NULL) LOOP
    EXECUTE 'SELECT min(lon) AS west, min(lat) AS south, max(lon) AS east, max(lat) AS north
      FROM events WHERE '
      || CASE WHEN cell.admin1_pcode IS NULL THEN 'admin1_pcode IS NULL' ELSE 'admin1_pcode = $1' END
      || ' AND '
      || CASE WHEN cell.month IS NULL THEN 'date_start IS NULL'
              ELSE 'date_start >= $2 AND date_start < ($2 + interval ''1 month'')::date' END
      || ' AND date_trunc(''month'', date_end)::date IS NOT DISTINCT FROM $3
        AND private = $4 AND review_status = $5 AND event_type = $6 AND sub_event_type = $7
        AND actor1 IS NOT DISTINCT FROM $8 AND actor2 IS NOT DISTINCT FROM $9 AND claimants = $10
        AND lon IS NOT NULL AND lat IS NOT NULL
        AND floor(lon / ${String(GRID_CELL)})::int = $11 AND floor(lat / ${String(GRID_CELL)})::int = $12'
      INTO bounds
      USING cell.admin1_pcode, cell.month, cell.end_month, cell.private, cell.review_status,
        cell.event_type, cell.sub_event_type, cell.actor1, cell.actor2, cell.claimants, cell.x, cell.y;
    UPDATE event_cells SET west = bounds.west, south = bounds.south, east = bounds.east,
      north = bounds.north
    WHERE ctid = cell.place;
  END LOOP;
  DELETE FROM event_cells WHERE ctid = ANY(emptied);`;

/** The variables cellsMoved and CELLS_BOUNDED use (migration 23). */
const CELL_VARIABLES = `DECLARE
  stale tid[];
  emptied tid[];
  cell record;
  bounds record;`;

/** The columns of an event that event_words (migration 24) keeps beside its words. */
const WORDS_COLUMNS = `id, date_start, date_end, private, review_status, event_type, sub_event_type,
    admin1_pcode, actor1, actor2, claimants, fatalities_best, lon, lat, updated_at, search_names`;

/**
 * The words of `text` (SQL) as event_words and search_words keep them: cut at
 * its spaces, each once, and a word of over 500 letters (a pasted address, a
 * run of letters with no space) in pieces of 500 that overlap by 101, since an
 * index entry holds at most ~2.7 KB and one word too long for it would make the
 * event's write fail. A search of at most WORD_PIECE_REACH letters is in a
 * word exactly when it is in one of its pieces (a longer one, like a phrase,
 * is found through its words, then its events' texts compared: queries.ts,
 * phraseCondition, and keep_search's phrase_events, migration 61).
 */
const wordPieces = (text: string): string => `SELECT DISTINCT substr(t, 1 + 399 * j, 500) AS word
    FROM unnest(string_to_array(${text}, ' ')) AS t,
      generate_series(0, greatest(0, (length(t) - 102) / 399)) AS j
    WHERE t <> ''`;

/** Each event of `changed` into event_words, with its words (wordPieces). */
const wordsUpserted = (
  changed: string,
): string => `INSERT INTO event_words AS w (${WORDS_COLUMNS}, words)
  SELECT ${WORDS_COLUMNS},
    ARRAY(${wordPieces('search_text')})
  FROM ${changed} ORDER BY id
  ON CONFLICT (id) DO UPDATE SET date_start = EXCLUDED.date_start, date_end = EXCLUDED.date_end,
    private = EXCLUDED.private, review_status = EXCLUDED.review_status,
    event_type = EXCLUDED.event_type, sub_event_type = EXCLUDED.sub_event_type,
    admin1_pcode = EXCLUDED.admin1_pcode, actor1 = EXCLUDED.actor1, actor2 = EXCLUDED.actor2,
    claimants = EXCLUDED.claimants, fatalities_best = EXCLUDED.fatalities_best, lon = EXCLUDED.lon,
    lat = EXCLUDED.lat, updated_at = EXCLUDED.updated_at, search_names = EXCLUDED.search_names,
    words = EXCLUDED.words`;

/**
 * Each event's words (migration 24) as event_words keeps them (wordPieces),
 * and those into the vocabulary (search_words), from the events of `changed`
 * (SQL naming a transition table).
 */
const wordsWritten = (changed: string): string => `${wordsUpserted(changed)};
  -- In order, so that two writers adding the same words never wait on each other in turn.
  INSERT INTO search_words (word)
  SELECT DISTINCT p.word FROM ${changed}, LATERAL (${wordPieces('search_text')}) AS p
  ORDER BY 1 ON CONFLICT (word) DO NOTHING;`;

/**
 * The words of the events of `changed` (migration 29): as wordsWritten, but
 * each event's text is cut into words once, not once for event_words and
 * again for the vocabulary, which takes the words event_words was given.
 */
const wordsKept = (changed: string): string => `WITH kept AS (${wordsUpserted(changed)}
    RETURNING words)
  -- In order, so that two writers adding the same words never wait on each other in turn.
  INSERT INTO search_words (word)
  SELECT DISTINCT word FROM kept, unnest(kept.words) AS word
  ORDER BY 1 ON CONFLICT (word) DO NOTHING;`;

/**
 * wordPieces (migration 24) with a word's pieces made only where it has over
 * 500 letters, the same words: a word of up to 500 letters is its one piece,
 * and a series of pieces made for each of an event's thousands of words (an
 * act told by a thousand reports) cost ten times the cutting itself.
 */
const wordsOf = (text: string): string => `SELECT DISTINCT word FROM (
      SELECT t AS word FROM unnest(string_to_array(${text}, ' ')) AS t
      WHERE t <> '' AND length(t) <= 500
      UNION ALL
      SELECT substr(t, 1 + 399 * j, 500) FROM unnest(string_to_array(${text}, ' ')) AS t,
        generate_series(0, (length(t) - 102) / 399) AS j
      WHERE length(t) > 500) AS p`;

/**
 * The words of the events of `changed` (migration 44): as wordsKept, cutting
 * with wordsOf, and only the words their rows did not hold before added to
 * the vocabulary, which holds every word an event has had: an event grown by
 * a batch gains a few words of its thousands.
 */
const wordsGained = (changed: string): string => `WITH held AS (
    SELECT DISTINCT word FROM event_words w, unnest(w.words) AS word
    WHERE w.id IN (SELECT id FROM ${changed})),
  kept AS (INSERT INTO event_words AS w (${WORDS_COLUMNS}, words)
    SELECT ${WORDS_COLUMNS}, ARRAY(${wordsOf('search_text')})
    FROM ${changed} ORDER BY id
    ON CONFLICT (id) DO UPDATE SET date_start = EXCLUDED.date_start, date_end = EXCLUDED.date_end,
      private = EXCLUDED.private, review_status = EXCLUDED.review_status,
      event_type = EXCLUDED.event_type, sub_event_type = EXCLUDED.sub_event_type,
      admin1_pcode = EXCLUDED.admin1_pcode, actor1 = EXCLUDED.actor1, actor2 = EXCLUDED.actor2,
      claimants = EXCLUDED.claimants, fatalities_best = EXCLUDED.fatalities_best, lon = EXCLUDED.lon,
      lat = EXCLUDED.lat, updated_at = EXCLUDED.updated_at, search_names = EXCLUDED.search_names,
      words = EXCLUDED.words
    RETURNING words)
  -- In order, so that two writers adding the same words never wait on each other in turn.
  INSERT INTO search_words (word)
  SELECT word FROM (SELECT word FROM kept, unnest(kept.words) AS word EXCEPT SELECT word FROM held) AS n
  ORDER BY 1 ON CONFLICT (word) DO NOTHING;`;

/** The columns of an event a kept search's rows hold (migration 31): event_words' but its words. */
const SEARCH_MATCH_COLUMNS = `id, date_start, date_end, private, review_status, event_type, sub_event_type,
    admin1_pcode, actor1, actor2, claimants, fatalities_best, lon, lat, updated_at`;

/** The same with their types, as event_words has them. */
const SEARCH_MATCH_COLUMNS_TYPED = `id text NOT NULL,
  date_start date,
  date_end date,
  private boolean NOT NULL,
  review_status text NOT NULL,
  event_type text NOT NULL,
  sub_event_type text NOT NULL,
  admin1_pcode text,
  actor1 text,
  actor2 text,
  claimants text[] NOT NULL,
  fatalities_best integer,
  lon double precision,
  lat double precision,
  updated_at timestamptz NOT NULL`;

/**
 * Each event of `changed` (SQL naming a transition table) under each kept
 * search it matches (migration 31): its text holds the search's words, as
 * event_words' words do for a word of one piece, or a name of it is one a
 * letter off, as the search's names from search_terms are (every event's
 * names are there, written with it).
 */
const searchMatched = (
  changed: string,
): string => `INSERT INTO search_matches (search, ${SEARCH_MATCH_COLUMNS})
  SELECT k.search, ${SEARCH_MATCH_COLUMNS.split(',')
    .map((c) => `e.${c.trim()}`)
    .join(', ')}
  FROM ${changed} AS e JOIN kept_searches AS k
    ON k.kept AND (e.search_text LIKE k.pattern OR EXISTS (SELECT 1 FROM unnest(e.search_names) AS n WHERE k.search <% n))
  ORDER BY 1, 2;`;

/**
 * How a version of `event_cells`' triggers keeps it: how rows meet the points
 * that left them (`edges`: CELL_EDGES_23, then CELL_EDGES from migration 26)
 * and whether it sums fatalities (from migration 27).
 */
interface CellsKept {
  readonly edges: string;
  readonly fatalities: boolean;
}

/**
 * The functions of `event_cells`' triggers (migration 23, written again by
 * migrations 26 and 27 as `cells` says): each moves the rows by what its
 * statement added or removed, then reads again the bounds a leaving point
 * may have left stale.
 */
const cellsFunction = (
  create: string,
  name: string,
  written: string,
  changed: string,
  cells: CellsKept,
  bounded: boolean,
): string => `${create} FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
${CELL_VARIABLES}
BEGIN
  IF NOT EXISTS (SELECT FROM ${written}) THEN
    RETURN NULL;
  END IF;
  ${cellsMoved(changed, cells.edges, cells.fatalities)}
${bounded ? `  ${CELLS_BOUNDED}\n` : ''}  RETURN NULL;
END
$$;`;

const cellsAdded = (create: string, cells: CellsKept): string =>
  cellsFunction(
    create,
    'event_cells_added',
    'added',
    `SELECT 1 AS sign, ${COUNTED_COLUMNS} FROM added`,
    cells,
    false,
  );

const cellsChanged = (create: string, cells: CellsKept): string =>
  cellsFunction(
    create,
    'event_cells_changed',
    'added',
    `SELECT 1 AS sign, ${COUNTED_COLUMNS} FROM added
    UNION ALL SELECT -1 AS sign, ${COUNTED_COLUMNS} FROM removed`,
    cells,
    true,
  );

const cellsRemoved = (create: string, cells: CellsKept): string =>
  cellsFunction(
    create,
    'event_cells_removed',
    'removed',
    `SELECT -1 AS sign, ${COUNTED_COLUMNS} FROM removed`,
    cells,
    true,
  );

/**
 * The three statement triggers that keep a summary table of the events in
 * step (migrations 28 and 36): its functions, made by `made` from a name, the
 * transition table that must hold a row and the query of `sign` and
 * COUNTED_COLUMNS of what the statement changed, and the triggers that call
 * them after an insert, an update and a delete.
 */
const summaryTriggers = (
  table: string,
  made: (name: string, written: string, changed: string) => string,
): string => `${made(`${table}_added`, 'added', `SELECT 1 AS sign, ${COUNTED_COLUMNS} FROM added`)}
CREATE TRIGGER ${table}_insert AFTER INSERT ON events REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION ${table}_added();

${made(
  `${table}_changed`,
  'added',
  `SELECT 1 AS sign, ${COUNTED_COLUMNS} FROM added
    UNION ALL SELECT -1 AS sign, ${COUNTED_COLUMNS} FROM removed`,
)}
CREATE TRIGGER ${table}_update AFTER UPDATE ON events
  REFERENCING OLD TABLE AS removed NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION ${table}_changed();

${made(`${table}_removed`, 'removed', `SELECT -1 AS sign, ${COUNTED_COLUMNS} FROM removed`)}
CREATE TRIGGER ${table}_delete AFTER DELETE ON events REFERENCING OLD TABLE AS removed
  FOR EACH STATEMENT EXECUTE FUNCTION ${table}_removed();`;

/** The columns that key a row of `event_square_months`, in the order of its unique index (migration 36). */
const SQUARE_MONTH_KEY = 'month, end_month, private, x, y';

/**
 * The functions of `event_square_months`' triggers (migration 36): each moves
 * the rows by what its statement `changed` (a query of `sign` and
 * COUNTED_COLUMNS), as cellsMoved moves event_cells: netted by point first
 * (an event written again as it was changes nothing), counts and sums moved,
 * bounds widened to the points that came, keys written in order. A row a
 * point left has its bounds read again from the rows of event_cells it sums
 * (its square's, found by the square's index), which that table's triggers,
 * firing first (by name), have already moved; a row left with no event goes
 * (each only when there is one: a batch of new events has neither).
 */
const squareMonthsFunction = (
  name: string,
  written: string,
  changed: string,
): string => `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  stale tid[];
  emptied tid[];
BEGIN
  IF NOT EXISTS (SELECT FROM ${written}) THEN
    RETURN NULL;
  END IF;
  ${squareMonthsMoved(changed)}
  RETURN NULL;
END
$$;`;

/**
 * The statements of squareMonthsFunction that move `event_square_months` by
 * `changed`, with its PL/pgSQL variables `stale` and `emptied` (tid[]).
 */
const squareMonthsMoved = (changed: string): string => `WITH changed AS MATERIALIZED (
    SELECT date_trunc('month', date_start)::date AS month, date_trunc('month', date_end)::date AS end_month,
      private, floor(lon / ${String(GRID_CELL)})::int AS x, floor(lat / ${String(GRID_CELL)})::int AS y,
      lon, lat, sum(sign) AS n
    FROM (${changed}) AS c
    WHERE lon IS NOT NULL AND lat IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6, 7
    HAVING sum(sign) <> 0),
  left_rows AS (SELECT DISTINCT ${SQUARE_MONTH_KEY} FROM changed WHERE n < 0),
  moved AS (
    INSERT INTO event_square_months AS s (${SQUARE_MONTH_KEY}, events, lon_sum, lat_sum, west, south, east, north)
    SELECT ${SQUARE_MONTH_KEY}, sum(n), sum(n * lon::numeric), sum(n * lat::numeric),
      min(lon) FILTER (WHERE n > 0), min(lat) FILTER (WHERE n > 0),
      max(lon) FILTER (WHERE n > 0), max(lat) FILTER (WHERE n > 0)
    FROM changed
    GROUP BY 1, 2, 3, 4, 5
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (${SQUARE_MONTH_KEY})
    DO UPDATE SET events = s.events + EXCLUDED.events, lon_sum = s.lon_sum + EXCLUDED.lon_sum,
      lat_sum = s.lat_sum + EXCLUDED.lat_sum, west = least(s.west, EXCLUDED.west),
      south = least(s.south, EXCLUDED.south), east = greatest(s.east, EXCLUDED.east),
      north = greatest(s.north, EXCLUDED.north)
    RETURNING s.ctid AS place, s.*)
  SELECT array_agg(m.place) FILTER (WHERE m.events > 0 AND g.x IS NOT NULL),
         array_agg(m.place) FILTER (WHERE m.events = 0)
  FROM moved m LEFT JOIN left_rows g
    ON m.x = g.x AND m.y = g.y AND m.private = g.private
       AND (m.month, m.end_month) IS NOT DISTINCT FROM (g.month, g.end_month)
  INTO stale, emptied;
  IF stale IS NOT NULL THEN
    UPDATE event_square_months AS t
    SET west = b.west, south = b.south, east = b.east, north = b.north
    FROM event_square_months AS s,
      LATERAL (SELECT min(c.west) AS west, min(c.south) AS south, max(c.east) AS east, max(c.north) AS north
               FROM event_cells c
               WHERE c.x = s.x AND c.y = s.y AND c.private = s.private
                 AND (c.month, c.end_month) IS NOT DISTINCT FROM (s.month, s.end_month)) AS b
    WHERE s.ctid = ANY(stale) AND t.ctid = s.ctid;
  END IF;
  IF emptied IS NOT NULL THEN
    DELETE FROM event_square_months WHERE ctid = ANY(emptied);
  END IF;`;

/**
 * The statement that moves `event_day_facets` (migration 28) by `changed`: a
 * query of `sign` (+1 for a new row, -1 for an old one) and COUNTED_COLUMNS.
 * Each event is counted once under each actor (doer or target), claimant and
 * review status it has, as a filter matches it (an actor named as doer and
 * target, or a claimant twice, once). A count is only summed: no row is matched
 * with another (its conflict is found by the unique index). Keys are written
 * in order, so that two writers touching the same keys never wait on each
 * other in turn.
 */
const dayFacetsCounted = (
  changed: string,
): string => `INSERT INTO event_day_facets AS d (facet, key, day, end_day, private, event_type,
      sub_event_type, events, fatalities)
    SELECT f.facet, f.key, date_start, date_end, private, event_type, sub_event_type, sum(sign),
      sum(sign * coalesce(fatalities_best, 0))
    FROM (${changed}) AS c,
      LATERAL (SELECT 'actor', actor1 UNION SELECT 'actor', actor2 UNION SELECT 'status', review_status
               UNION SELECT 'claimant', k FROM unnest(claimants) AS k) AS f(facet, key)
    WHERE date_start IS NOT NULL AND f.key IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6, 7
    HAVING sum(sign) <> 0 OR sum(sign * coalesce(fatalities_best, 0)) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (facet, key, day, end_day, private, event_type, sub_event_type)
    ${countsAdded('d')}`;

/** dayFacetsCounted, with the places of the rows it leaves at zero put in `emptied` (tid[]). */
const dayFacetsMoved = (changed: string): string => `WITH moved AS (
    ${dayFacetsCounted(changed)}
    RETURNING d.ctid, d.events)
  SELECT array_agg(ctid) FILTER (WHERE events = 0) FROM moved INTO emptied;`;

/**
 * A trigger function of `event_day_facets` (migration 28): it moves the counts
 * by what its statement added or removed (`written` names the transition
 * table that must hold a row), then deletes the rows left at zero.
 */
const dayFacetsFunction = (
  name: string,
  written: string,
  changed: string,
): string => `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  emptied tid[];
BEGIN
  IF NOT EXISTS (SELECT FROM ${written}) THEN
    RETURN NULL;
  END IF;
  ${dayFacetsMoved(changed)}
  DELETE FROM event_day_facets WHERE ctid = ANY(emptied);
  RETURN NULL;
END
$$;`;

/**
 * How many tiles of `event_tiles` (migration 39) lie along a side of one of
 * event_cells' squares: a power of two, so that a tile's square is its
 * number over this, floored, exactly (GRID_CELL / TILE_PER divides as exactly).
 */
export const TILE_PER = 8;

/**
 * The statement that moves `event_tiles` (migration 39) by `changed`: a query
 * of `sign` (+1 for a new row, -1 for an old one) and COUNTED_COLUMNS. Each
 * event with a point is counted in its square (per 1) and in its tile (per
 * TILE_PER), once under its type and the month it starts in, with its best
 * fatality figures, and once under each governorate, actor (doer or target),
 * claimant and review status it has, as the facets count it (an actor named
 * as doer and target, or a claimant twice, once). Keys are written in order,
 * so that two writers touching the same keys never wait on each other in turn.
 */
const tilesCounted = (
  changed: string,
): string => `INSERT INTO event_tiles AS t (per, x, y, private, facet, key, month, events, fatalities)
    SELECT s.per, floor(lon / s.side)::int, floor(lat / s.side)::int, private, f.facet, f.key, f.month,
      sum(sign), sum(sign * f.dead)
    FROM (${changed}) AS c,
      (VALUES (1, ${String(GRID_CELL)}::float8), (${String(TILE_PER)}, ${String(GRID_CELL / TILE_PER)}::float8)) AS s(per, side),
      LATERAL (SELECT 'type', event_type, date_trunc('month', date_start::timestamp)::date,
                      coalesce(fatalities_best, 0)::bigint
               UNION SELECT 'governorate', admin1_pcode, NULL, 0 UNION SELECT 'actor', actor1, NULL, 0
               UNION SELECT 'actor', actor2, NULL, 0 UNION SELECT 'status', review_status, NULL, 0
               UNION SELECT 'claimant', k, NULL, 0 FROM unnest(claimants) AS k) AS f(facet, key, month, dead)
    WHERE lon IS NOT NULL AND lat IS NOT NULL AND f.key IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6, 7
    HAVING sum(sign) <> 0 OR sum(sign * f.dead) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (per, x, y, private, facet, key, month)
    ${countsAdded('t')}`;

/**
 * A trigger function of `event_tiles` (migration 39): it moves the counts by
 * what its statement added or removed (`written` names the transition table
 * that must hold a row), then deletes the rows left with no event.
 */
const tilesFunction = (
  name: string,
  written: string,
  changed: string,
): string => `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  emptied tid[];
BEGIN
  IF NOT EXISTS (SELECT FROM ${written}) THEN
    RETURN NULL;
  END IF;
  ${tilesMoved(changed)}
  RETURN NULL;
END
$$;`;

/** tilesCounted, then the rows it left with no event gone (through the PL/pgSQL variable `emptied`, tid[]). */
const tilesMoved = (changed: string): string => `WITH moved AS (
    ${tilesCounted(changed)}
    ${emptiedGone('event_tiles')}`;

/**
 * The statement that moves `event_facet_counts` (migration 48) by `changed`:
 * a query of `sign` (+1 for a new row, -1 for an old one) and COUNTED_COLUMNS.
 * Each event is counted once under its type and the month it starts in, with
 * its best fatality figures, and once under each governorate, actor (doer or
 * target), claimant and review status it has, as the facets count it: the
 * rows of event_tiles (migration 39) for every event, point or none, and no
 * square. Keys are written in order, so that two folders never wait on each
 * other in turn; the rows left with no event go (through the PL/pgSQL
 * variable `emptied`, tid[]).
 */
const facetCountsMoved = (changed: string): string => `WITH moved AS (
    INSERT INTO event_facet_counts AS t (private, facet, key, month, events, fatalities)
    SELECT private, f.facet, f.key, f.month, sum(sign), sum(sign * f.dead)
    FROM (${changed}) AS c,
      LATERAL (SELECT 'type', event_type, date_trunc('month', date_start::timestamp)::date,
                      coalesce(fatalities_best, 0)::bigint
               UNION SELECT 'governorate', admin1_pcode, NULL, 0 UNION SELECT 'actor', actor1, NULL, 0
               UNION SELECT 'actor', actor2, NULL, 0 UNION SELECT 'status', review_status, NULL, 0
               UNION SELECT 'claimant', k, NULL, 0 FROM unnest(claimants) AS k) AS f(facet, key, month, dead)
    WHERE f.key IS NOT NULL
    GROUP BY 1, 2, 3, 4
    HAVING sum(sign) <> 0 OR sum(sign * f.dead) <> 0
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (private, facet, key, month)
    ${countsAdded('t')}
    ${emptiedGone('event_facet_counts')}`;

/**
 * The statement that moves `event_facet_spans` (migration 51) by `changed`: a
 * query of `sign` (+1 for a new row, -1 for an old one) and COUNTED_COLUMNS.
 * Each event is counted as event_facet_counts counts it (facetCountsMoved:
 * under its type with its best fatality figures, and once under each
 * governorate, actor, claimant and review status it has), every row by the
 * months the event starts and ends in. Keys are written in order, so that two
 * folders never wait on each other in turn; the rows left with no event go
 * (through the PL/pgSQL variable `emptied`, tid[]).
 */
const facetSpansMoved = (changed: string): string => `WITH moved AS (
    INSERT INTO event_facet_spans AS t (private, facet, key, month, end_month, events, fatalities)
    SELECT private, f.facet, f.key, date_trunc('month', date_start::timestamp)::date,
      date_trunc('month', date_end::timestamp)::date, sum(sign), sum(sign * f.dead)
    FROM (${changed}) AS c,
      LATERAL (SELECT 'type', event_type, coalesce(fatalities_best, 0)::bigint
               UNION SELECT 'governorate', admin1_pcode, 0 UNION SELECT 'actor', actor1, 0
               UNION SELECT 'actor', actor2, 0 UNION SELECT 'status', review_status, 0
               UNION SELECT 'claimant', k, 0 FROM unnest(claimants) AS k) AS f(facet, key, dead)
    WHERE f.key IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5
    HAVING sum(sign) <> 0 OR sum(sign * f.dead) <> 0
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (private, facet, key, month, end_month)
    ${countsAdded('t')}
    ${emptiedGone('event_facet_spans')}`;

/**
 * The events of `changed` (a query of `sign` and COUNTED_COLUMNS) as the rows
 * facetPairsMoved sums: `n` events (the sign), `dead` their best fatality
 * figures (signed), and the month they start in.
 */
const pairsOfDeltas = (changed: string): string => `SELECT sign AS n,
      sign * coalesce(fatalities_best, 0)::bigint AS dead, private,
      date_trunc('month', date_start::timestamp)::date AS month, event_type, sub_event_type,
      admin1_pcode, actor1, actor2, review_status, claimants
    FROM (${changed}) AS d`;

/**
 * The statement that moves `event_facet_pairs` (migration 55) by `changed`: a
 * query of `n` (events, negative for those gone), `dead` (their best fatality
 * figures), `private`, `month` (the month they start in), and the columns a
 * filter names (pairsOfDeltas). Each event is counted under every value a
 * filter of one value finds it by (its type and its sub-type, governorate,
 * actor as doer or target, claimant and review status), as event_facet_counts
 * counts it (facetCountsMoved: under its type and first month with its
 * figures, and once under each governorate, actor, claimant and status it
 * has). Keys are written in order, so that two folders never wait on each
 * other in turn; the rows left with no event go (through the PL/pgSQL
 * variable `emptied`, tid[]).
 */
const facetPairsMoved = (changed: string): string => `WITH moved AS (
    INSERT INTO event_facet_pairs AS t (private, by_facet, by_key, facet, key, month, events, fatalities)
    SELECT private, b.facet, b.key, f.facet, f.key, f.month, sum(n), sum(f.dead)
    FROM (${changed}) AS c,
      LATERAL (SELECT 'type', event_type UNION SELECT 'type', sub_event_type
               UNION SELECT 'governorate', admin1_pcode UNION SELECT 'actor', actor1
               UNION SELECT 'actor', actor2 UNION SELECT 'status', review_status
               UNION SELECT 'claimant', k FROM unnest(claimants) AS k) AS b(facet, key),
      LATERAL (SELECT 'type', event_type, month, dead
               UNION SELECT 'governorate', admin1_pcode, NULL, 0 UNION SELECT 'actor', actor1, NULL, 0
               UNION SELECT 'actor', actor2, NULL, 0 UNION SELECT 'status', review_status, NULL, 0
               UNION SELECT 'claimant', k, NULL, 0 FROM unnest(claimants) AS k) AS f(facet, key, month, dead)
    WHERE b.key IS NOT NULL AND f.key IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6
    HAVING sum(n) <> 0 OR sum(f.dead) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (private, by_facet, by_key, facet, key, month)
    ${countsAdded('t')}
    ${emptiedGone('event_facet_pairs')}`;

/** The columns that key a row of `event_square_days` (migration 50), in the order of its unique index. */
const SQUARE_DAY_KEY = 'day, end_day, private, event_type, sub_event_type, x, y';

/**
 * The events of `changed` (a query of `sign` and COUNTED_COLUMNS) with a first
 * day and a point, netted by day, type and point (an event written again as it
 * was changes nothing), as `event_square_days` (migration 50) counts them.
 */
const squareDaysChanged = (
  changed: string,
): string => `SELECT date_start AS day, date_end AS end_day,
      private, event_type, sub_event_type, floor(lon / ${String(GRID_CELL)})::int AS x,
      floor(lat / ${String(GRID_CELL)})::int AS y, lon, lat, sum(sign) AS n
    FROM (${changed}) AS c
    WHERE date_start IS NOT NULL AND lon IS NOT NULL AND lat IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
    HAVING sum(sign) <> 0`;

/**
 * The statements of fold_event_counts (migration 50) that move
 * `event_square_days` by `changed`, as squareMonthsMoved moves
 * event_square_months: counts and sums moved, bounds widened to the points
 * that came, keys written in order. Only a row whose edge a point left (as
 * cellsMoved tells) has its bounds read again, from the events of its day
 * (events_facts, one day's entries); a row left with no event goes. Uses the
 * PL/pgSQL variables `stale` and `emptied` (tid[]).
 */
const squareDaysMoved = (changed: string): string => `WITH changed AS MATERIALIZED (
    ${squareDaysChanged(changed)}),
  moved AS (
    INSERT INTO event_square_days AS s (${SQUARE_DAY_KEY}, events, lon_sum, lat_sum, west, south, east, north)
    SELECT ${SQUARE_DAY_KEY}, sum(n), sum(n * lon::numeric), sum(n * lat::numeric),
      min(lon) FILTER (WHERE n > 0), min(lat) FILTER (WHERE n > 0),
      max(lon) FILTER (WHERE n > 0), max(lat) FILTER (WHERE n > 0)
    FROM changed
    GROUP BY 1, 2, 3, 4, 5, 6, 7
    ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (${SQUARE_DAY_KEY})
    DO UPDATE SET events = s.events + EXCLUDED.events, lon_sum = s.lon_sum + EXCLUDED.lon_sum,
      lat_sum = s.lat_sum + EXCLUDED.lat_sum, west = least(s.west, EXCLUDED.west),
      south = least(s.south, EXCLUDED.south), east = greatest(s.east, EXCLUDED.east),
      north = greatest(s.north, EXCLUDED.north)
    RETURNING s.ctid AS place, s.*)
  SELECT array_agg(DISTINCT m.place) FILTER (WHERE m.events > 0 AND g.n < 0
           AND (g.lon IN (m.west, m.east) OR g.lat IN (m.south, m.north))),
         array_agg(DISTINCT m.place) FILTER (WHERE m.events = 0)
  FROM moved m LEFT JOIN (SELECT * FROM changed WHERE n < 0) g
    ON m.day = g.day AND m.private = g.private AND m.event_type = g.event_type
       AND m.sub_event_type = g.sub_event_type AND m.x = g.x AND m.y = g.y
       AND m.end_day IS NOT DISTINCT FROM g.end_day
  INTO stale, emptied;
  IF stale IS NOT NULL THEN
    UPDATE event_square_days AS t
    SET west = b.west, south = b.south, east = b.east, north = b.north
    FROM event_square_days AS s,
      LATERAL (SELECT min(e.lon) AS west, min(e.lat) AS south, max(e.lon) AS east, max(e.lat) AS north
               FROM events e
               WHERE e.date_start = s.day
                 AND (e.date_end = s.end_day OR e.date_end IS NULL AND s.end_day IS NULL)
                 AND e.private = s.private AND e.event_type = s.event_type
                 AND e.sub_event_type = s.sub_event_type AND e.lon IS NOT NULL AND e.lat IS NOT NULL
                 AND floor(e.lon / ${String(GRID_CELL)})::int = s.x
                 AND floor(e.lat / ${String(GRID_CELL)})::int = s.y) AS b
    WHERE s.ctid = ANY(stale) AND t.ctid = s.ctid;
  END IF;
  IF emptied IS NOT NULL THEN
    DELETE FROM event_square_days WHERE ctid = ANY(emptied);
  END IF;`;

/** How long keep_search waits for the writers of events before leaving a search for later (migration 34). */
const KEEP_WAIT_MS = 200;

/**
 * keep_search (migrations 31, 33 and 34), as each wrote it: migration 31
 * locked events in SHARE mode, which two keepers hold at once, so that two
 * counts keeping the same search together both found it unlisted and the
 * second failed on the first's row of kept_searches; migration 33 locks in
 * SHARE ROW EXCLUSIVE mode, which writers and other keepers wait for alike;
 * migration 34 waits for that lock a moment at most (`lock`, with what it
 * declares in `declared`).
 */
function keepSearchFunction(
  create: 'CREATE FUNCTION' | 'CREATE OR REPLACE FUNCTION',
  lock: string,
  declared = '',
): string {
  return `${create} keep_search(searched text, holding text, most integer) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
  keep boolean;${declared}
BEGIN
  ${lock}
  IF EXISTS (SELECT 1 FROM kept_searches WHERE search = searched) THEN
    RETURN false;
  END IF;
  keep := (SELECT count(*) FROM kept_searches WHERE kept) < most
    AND (SELECT count(*) FROM event_words
         WHERE words && ARRAY(SELECT word FROM search_words WHERE word LIKE holding)
            OR search_names && ARRAY(SELECT term FROM search_terms WHERE searched <% term))
        * 10 <= (SELECT coalesce(sum(events), 0) FROM event_summary);
  INSERT INTO kept_searches (search, pattern, kept) VALUES (searched, holding, keep);
  IF NOT keep THEN
    RETURN false;
  END IF;
  INSERT INTO search_matches (search, ${SEARCH_MATCH_COLUMNS})
  SELECT searched, ${SEARCH_MATCH_COLUMNS} FROM event_words
  WHERE words && ARRAY(SELECT word FROM search_words WHERE word LIKE holding)
     OR search_names && ARRAY(SELECT term FROM search_terms WHERE searched <% term)
  ORDER BY ctid;
  RETURN true;
END
$$;
`;
}

/**
 * Where keep_search finds a search's events (migration 35 on): a phrase's on
 * the events, its text holding the words as written or a name one a letter
 * off, as a filter finds them; a word's on event_words. From migration 61
 * (`phrasesByWords`) a phrase's on event_words too, through phrase_events.
 */
const keptMatches = (phrase: boolean, phrasesByWords = false): string =>
  phrase && phrasesByWords
    ? `FROM event_words
         WHERE id = ANY((SELECT phrase_events(searched, holding))::text[])
            OR search_names && ARRAY(SELECT term FROM search_terms WHERE searched <% term)`
    : phrase
      ? `FROM events
         WHERE search_text LIKE holding
            OR search_names && ARRAY(SELECT term FROM search_terms WHERE searched <% term)`
      : `FROM event_words
         WHERE words && ARRAY(SELECT word FROM search_words WHERE word LIKE holding)
            OR search_names && ARRAY(SELECT term FROM search_terms WHERE searched <% term)`;

/**
 * keep_search as migration 35 writes it: migration 34's, and a search of more
 * than one word (`phrase`) is found as a filter finds it on the events, its
 * text holding the words as written (search_text LIKE, through the trigram
 * index) or a name one a letter off; its rows are written in the order the
 * events hold them. The triggers of migration 31 already test any kept
 * search so (search_text LIKE pattern, a name <% the search), a phrase too.
 */
function keepPhraseFunction(): string {
  const matched = keptMatches;
  return `CREATE FUNCTION keep_search(searched text, holding text, most integer, phrase boolean DEFAULT false)
RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
  keep boolean;
  found bigint;
  waited text := current_setting('lock_timeout');
BEGIN
  BEGIN
    PERFORM set_config('lock_timeout', '${String(KEEP_WAIT_MS)}ms', true);
    LOCK TABLE events IN SHARE ROW EXCLUSIVE MODE;
  EXCEPTION WHEN lock_not_available THEN
    RETURN false;
  END;
  PERFORM set_config('lock_timeout', waited, true);
  IF EXISTS (SELECT 1 FROM kept_searches WHERE search = searched) THEN
    RETURN false;
  END IF;
  IF phrase THEN
    found := (SELECT count(*) ${matched(true)});
  ELSE
    found := (SELECT count(*) ${matched(false)});
  END IF;
  keep := (SELECT count(*) FROM kept_searches WHERE kept) < most
    AND found * 10 <= (SELECT coalesce(sum(events), 0) FROM event_summary);
  INSERT INTO kept_searches (search, pattern, kept) VALUES (searched, holding, keep);
  IF NOT keep THEN
    RETURN false;
  END IF;
  IF phrase THEN
    INSERT INTO search_matches (search, ${SEARCH_MATCH_COLUMNS})
    SELECT searched, ${SEARCH_MATCH_COLUMNS} ${matched(true)}
    ORDER BY ctid;
  ELSE
    INSERT INTO search_matches (search, ${SEARCH_MATCH_COLUMNS})
    SELECT searched, ${SEARCH_MATCH_COLUMNS} ${matched(false)}
    ORDER BY ctid;
  END IF;
  RETURN true;
END
$$;
`;
}

/**
 * keep_search as migration 37 writes it: migration 35 counted a search's
 * events while holding events locked against every writer, a phrase's on the
 * events' text: for a phrase in a third of a million events, 4 s of every
 * ingest and review held off, to list it as not kept. Now the count comes
 * before the lock (the tenth it is weighed against need not be exact), a
 * search too common or beyond the `most` kept is listed as not kept with no
 * lock at all (or left as another count listed it meanwhile), and the lock is
 * held for the copy alone.
 */
function keepSearchCountedFirstFunction(): string {
  return `CREATE OR REPLACE FUNCTION keep_search(searched text, holding text, most integer, phrase boolean DEFAULT false)
RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
  found bigint;
  waited text := current_setting('lock_timeout');
BEGIN
  IF EXISTS (SELECT 1 FROM kept_searches WHERE search = searched) THEN
    RETURN false;
  END IF;
  IF phrase THEN
    found := (SELECT count(*) ${keptMatches(true)});
  ELSE
    found := (SELECT count(*) ${keptMatches(false)});
  END IF;
  IF found * 10 > (SELECT coalesce(sum(events), 0) FROM event_summary)
     OR (SELECT count(*) FROM kept_searches WHERE kept) >= most THEN
    INSERT INTO kept_searches (search, pattern, kept) VALUES (searched, holding, false)
    ON CONFLICT (search) DO NOTHING;
    RETURN false;
  END IF;
  BEGIN
    PERFORM set_config('lock_timeout', '${String(KEEP_WAIT_MS)}ms', true);
    LOCK TABLE events IN SHARE ROW EXCLUSIVE MODE;
  EXCEPTION WHEN lock_not_available THEN
    RETURN false;
  END;
  PERFORM set_config('lock_timeout', waited, true);
  IF EXISTS (SELECT 1 FROM kept_searches WHERE search = searched) THEN
    RETURN false;
  END IF;
  INSERT INTO kept_searches (search, pattern, kept) VALUES (searched, holding, true);
  IF phrase THEN
    INSERT INTO search_matches (search, ${SEARCH_MATCH_COLUMNS})
    SELECT searched, ${SEARCH_MATCH_COLUMNS} ${keptMatches(true)}
    ORDER BY ctid;
  ELSE
    INSERT INTO search_matches (search, ${SEARCH_MATCH_COLUMNS})
    SELECT searched, ${SEARCH_MATCH_COLUMNS} ${keptMatches(false)}
    ORDER BY ctid;
  END IF;
  RETURN true;
END
$$;
`;
}

/**
 * phrase_events (migration 61): the events whose text holds a search
 * (`searched`, normalized) as written (`holding`, its LIKE pattern), found
 * through their words rather than a trigram index of their text. The text
 * holds «A B C» only where it has a word ending in A, the word B and a word
 * starting with C (a search of one word: a word holding it): phrase_patterns
 * gives these as LIKE patterns of the words event_words keeps, a word of over
 * 101 letters (WORD_PIECE_REACH) by its first 101, which one of the pieces
 * kept of a longer word holds (wordPieces). phrase_statement finds the events
 * with a word of each pattern (from the vocabulary, through its trigram
 * index, then the events' GIN index on words), then compares each one's text
 * with `holding`: the events found are those `search_text LIKE holding`
 * finds. Its statement is made for the number of patterns, given as one
 * parameter ($1, with `holding` as $2), so that a test can read its plan.
 * `searched` is normalized as normalizePhrase gives it, one space between
 * words: two in a row would ask for an empty word, which no event has.
 * Only keep_search calls it since migration 62; the views find a phrase's
 * events by the same rule written in their own statements (queries.ts,
 * phraseCondition), where the first word is sought by its ending.
 */
const PHRASE_EVENTS = String.raw`CREATE FUNCTION phrase_patterns(searched text) RETURNS text[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT ARRAY(
    SELECT CASE WHEN length(t.w) > 101 OR t.n = 1 THEN '%' || p.piece || '%'
                WHEN t.i = 1 THEN '%' || p.piece
                WHEN t.i = t.n THEN p.piece || '%'
                ELSE p.piece END
    FROM (SELECT w, i, count(*) OVER () AS n
          FROM unnest(string_to_array(searched, ' ')) WITH ORDINALITY AS u(w, i)) AS t,
      LATERAL (SELECT replace(replace(replace(left(t.w, 101), '\', '\\'), '%', '\%'), '_', '\_')
               AS piece) AS p
    ORDER BY t.i)
$$;
CREATE FUNCTION phrase_statement(patterns integer) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT format(
    'SELECT ARRAY(SELECT w.id FROM event_words w JOIN events e ON e.id = w.id WHERE %s AND e.search_text LIKE $2)',
    string_agg(format('w.words && ARRAY(SELECT word FROM search_words WHERE word LIKE ($1::text[])[%s])', i),
               ' AND '))
  FROM generate_series(1, patterns) AS i
$$;
CREATE FUNCTION phrase_events(searched text, holding text) RETURNS text[]
LANGUAGE plpgsql STABLE AS $$
DECLARE
  held text[] := phrase_patterns(searched);
  found text[];
BEGIN
  IF cardinality(held) = 0 THEN
    RETURN '{}';
  END IF;
  EXECUTE phrase_statement(cardinality(held)) INTO found USING held, holding;
  RETURN found;
END
$$;`;

/** The key of a row of `search_summary` (migration 40): its search, then event_summary's key. */
const SEARCH_SUMMARY_KEY = `search, month, end_month, private, review_status, event_type, sub_event_type,
    admin1_pcode, actor1, actor2, claimants`;

/** The key of a row of `search_square_months` (migration 40): its search, then event_square_months' key. */
const SEARCH_SQUARE_KEY = 'search, month, end_month, private, x, y';

/**
 * The rows of `changed` (a query of `sign`, COUNTED_COLUMNS, search_text and
 * search_names) under each counted search (migration 40) they match, as
 * searchMatched tests a kept search: the text holds its words, or a name is
 * one a letter off.
 */
const countedMatches = (
  changed: string,
): string => `SELECT k.search, c.sign, ${COUNTED_COLUMNS.split(',')
  .map((column) => `c.${column.trim()}`)
  .join(', ')}
    FROM (${changed}) AS c JOIN kept_searches AS k
      ON k.counted AND (c.search_text LIKE k.pattern
                        OR EXISTS (SELECT 1 FROM unnest(c.search_names) AS n WHERE k.search <% n))`;

/**
 * How migration 40's triggers kept the counts of searches (`40`) and how
 * migration 42's do (`42`): see searchCountsMoved and searchCountsTidied.
 */
type SearchCountsRevision = 40 | 42;

/**
 * The statement that moves `search_summary` and `search_square_months`
 * (migration 40) by `matched`, a query of `search`, `sign` and
 * COUNTED_COLUMNS: as countsMoved moves event_summary and
 * squareMonthsFunction event_square_months, under each row's search. Its rows
 * left at zero go in summary_zero and emptied, and the squares whose bounds
 * may be stale in stale (tid[] variables), for searchCountsTidied: in
 * migration 40 every square a point left, in 42 only those whose edge it was
 * on (as cellsMoved has it: a point inside a square's bounds leaves them as
 * they were, and each stale square's events are read again). Keys are written
 * in order, so that two writers never wait on each other in turn.
 */
const searchCountsMoved = (
  matched: string,
  revision: SearchCountsRevision = 40,
): string => `WITH matched AS MATERIALIZED (${matched}),
  summary AS (
    INSERT INTO search_summary AS s (${SEARCH_SUMMARY_KEY}, events, fatalities)
    SELECT search, date_trunc('month', date_start)::date, date_trunc('month', date_end)::date, private,
      review_status, event_type, sub_event_type, admin1_pcode, actor1, actor2, claimants,
      sum(sign), sum(sign * coalesce(fatalities_best, 0))
    FROM matched
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
    HAVING sum(sign) <> 0 OR sum(sign * coalesce(fatalities_best, 0)) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
    ON CONFLICT (${SEARCH_SUMMARY_KEY})
    ${countsAdded('s')}
    RETURNING s.ctid, s.events),
  points AS (
    SELECT search, date_trunc('month', date_start)::date AS month, date_trunc('month', date_end)::date AS end_month,
      private, floor(lon / ${String(GRID_CELL)})::int AS x, floor(lat / ${String(GRID_CELL)})::int AS y,
      lon, lat, sum(sign) AS n
    FROM matched
    WHERE lon IS NOT NULL AND lat IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    HAVING sum(sign) <> 0),${
      revision === 40
        ? `
  left_rows AS (SELECT DISTINCT ${SEARCH_SQUARE_KEY} FROM points WHERE n < 0),`
        : ''
    }
  squares AS (
    INSERT INTO search_square_months AS s (${SEARCH_SQUARE_KEY}, events, lon_sum, lat_sum, west, south, east, north)
    SELECT ${SEARCH_SQUARE_KEY}, sum(n), sum(n * lon::numeric), sum(n * lat::numeric),
      min(lon) FILTER (WHERE n > 0), min(lat) FILTER (WHERE n > 0),
      max(lon) FILTER (WHERE n > 0), max(lat) FILTER (WHERE n > 0)
    FROM points
    GROUP BY 1, 2, 3, 4, 5, 6
    ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (${SEARCH_SQUARE_KEY})
    DO UPDATE SET events = s.events + EXCLUDED.events, lon_sum = s.lon_sum + EXCLUDED.lon_sum,
      lat_sum = s.lat_sum + EXCLUDED.lat_sum, west = least(s.west, EXCLUDED.west),
      south = least(s.south, EXCLUDED.south), east = greatest(s.east, EXCLUDED.east),
      north = greatest(s.north, EXCLUDED.north)
    RETURNING s.ctid AS place, s.*)
  SELECT (SELECT array_agg(ctid) FROM summary WHERE events = 0),
    (SELECT array_agg(${revision === 40 ? '' : 'DISTINCT '}q.place) FROM squares q JOIN ${revision === 40 ? 'left_rows' : 'points'} g
       ON q.search = g.search AND q.x = g.x AND q.y = g.y AND q.private = g.private
          AND (q.month, q.end_month) IS NOT DISTINCT FROM (g.month, g.end_month)
     WHERE q.events > 0${
       revision === 40
         ? ''
         : ' AND g.n < 0 AND (g.lon IN (q.west, q.east) OR g.lat IN (q.south, q.north))'
     }),
    (SELECT array_agg(place) FROM squares WHERE events = 0)
  INTO summary_zero, stale, emptied;`;

/**
 * Where searchCountsTidied seeks a stale square's events: migration 40 in the
 * three squares around it on each side (by lon in the events' point index: a
 * strip of the map three squares wide, every month of it); 42 in its own
 * square's strip, a hair wider than the square (its events are those whose
 * floor() gives its numbers, which a rounding could put a hair outside), or
 * in its month of the events by date, as the planner weighs them.
 */
const staleSquareEvents = (revision: SearchCountsRevision): string =>
  revision === 40
    ? `e.lon BETWEEN (s.x - 1) * ${String(GRID_CELL)}::float8 AND (s.x + 2) * ${String(GRID_CELL)}::float8
                 AND e.lat BETWEEN (s.y - 1) * ${String(GRID_CELL)}::float8 AND (s.y + 2) * ${String(GRID_CELL)}::float8`
    : `e.lon BETWEEN s.x * ${String(GRID_CELL)}::float8 - 1e-9 AND (s.x + 1) * ${String(GRID_CELL)}::float8 + 1e-9
                 AND e.lat BETWEEN s.y * ${String(GRID_CELL)}::float8 - 1e-9 AND (s.y + 1) * ${String(GRID_CELL)}::float8 + 1e-9
                 AND (e.date_start >= s.month AND e.date_start < (s.month + interval '1 month')::date
                      OR s.month IS NULL AND e.date_start IS NULL)`;

/**
 * After searchCountsMoved: the bounds of each stale square read again from
 * its search's events of that square, months and mark (staleSquareEvents),
 * and the rows left with no event gone.
 */
const searchCountsTidied = (revision: SearchCountsRevision): string => `IF stale IS NOT NULL THEN
    UPDATE search_square_months AS t
    SET west = b.west, south = b.south, east = b.east, north = b.north
    FROM search_square_months AS s JOIN kept_searches AS k ON k.search = s.search,
      LATERAL (SELECT min(e.lon) AS west, min(e.lat) AS south, max(e.lon) AS east, max(e.lat) AS north
               FROM events e
               WHERE ${staleSquareEvents(revision)}
                 AND floor(e.lon / ${String(GRID_CELL)})::int = s.x AND floor(e.lat / ${String(GRID_CELL)})::int = s.y
                 AND e.private = s.private
                 AND (date_trunc('month', e.date_start)::date, date_trunc('month', e.date_end)::date)
                     IS NOT DISTINCT FROM (s.month, s.end_month)
                 AND (e.search_text LIKE k.pattern
                      OR EXISTS (SELECT 1 FROM unnest(e.search_names) AS n WHERE k.search <% n))) AS b
    WHERE s.ctid = ANY(stale) AND t.ctid = s.ctid;
  END IF;
  IF summary_zero IS NOT NULL THEN
    DELETE FROM search_summary WHERE ctid = ANY(summary_zero);
  END IF;
  IF emptied IS NOT NULL THEN
    DELETE FROM search_square_months WHERE ctid = ANY(emptied);
  END IF;`;

/** The variables searchCountsMoved fills (migration 40). */
const SEARCH_COUNT_ROWS = `DECLARE
  summary_zero tid[];
  stale tid[];
  emptied tid[];`;

/**
 * A function of the triggers of `search_summary` and `search_square_months`
 * (migration 40, replaced in 42: `revision`), `name`, moving them by
 * `changed` (a query of `sign` and SEARCH_COUNTED_COLUMNS) when `written`
 * holds a row and a search is counted.
 */
const searchCountsFunction = (
  name: string,
  written: string,
  changed: string,
  revision: SearchCountsRevision = 40,
): string => `${revision === 40 ? 'CREATE' : 'CREATE OR REPLACE'} FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
${SEARCH_COUNT_ROWS}
BEGIN
  IF NOT EXISTS (SELECT FROM ${written}) OR NOT EXISTS (SELECT FROM kept_searches WHERE counted) THEN
    RETURN NULL;
  END IF;
  ${searchCountsMoved(countedMatches(changed), revision)}
  ${searchCountsTidied(revision)}
  RETURN NULL;
END
$$;`;

/** What the triggers of migration 40 read of each event: COUNTED_COLUMNS and what a search is tested on. */
const SEARCH_COUNTED_COLUMNS = `${COUNTED_COLUMNS}, search_text, search_names`;

/**
 * The functions of the triggers of migration 40 (searchCountsFunction's
 * arguments): each one's name, the transition table it looks for rows in, and
 * the rows it moves the counts by.
 */
const SEARCH_COUNT_FUNCTIONS: readonly (readonly [string, string, string])[] = [
  ['search_counts_added', 'added', `SELECT 1 AS sign, ${SEARCH_COUNTED_COLUMNS} FROM added`],
  [
    'search_counts_changed',
    'added',
    `SELECT 1 AS sign, ${SEARCH_COUNTED_COLUMNS} FROM added
    UNION ALL SELECT -1 AS sign, ${SEARCH_COUNTED_COLUMNS} FROM removed`,
  ],
  ['search_counts_removed', 'removed', `SELECT -1 AS sign, ${SEARCH_COUNTED_COLUMNS} FROM removed`],
];

/** A function of SEARCH_COUNT_FUNCTIONS, as searchCountsFunction writes it in `revision`. */
const searchCountsFunctionOf = (index: number, revision: SearchCountsRevision = 40): string => {
  const [name, written, changed] = SEARCH_COUNT_FUNCTIONS[index] ?? ['', '', ''];
  return searchCountsFunction(name, written, changed, revision);
};

/**
 * keep_search as migration 40 writes it: migration 37's, and a search in more
 * than a tenth of the events (too common to copy) is counted instead, while
 * fewer than `most` searches are kept or counted: listed as counted, its
 * events summed into search_summary and search_square_months (found as the
 * copy finds them, under the same lock, so that every event is either summed
 * here or by the triggers, never neither). False for a search counted, as for
 * one not kept. As migration 45 writes it (`countsKept`), a search kept is
 * counted as well: copied, and summed as a common one is. As migration 61
 * writes it (`phrasesByWords`), a phrase's events are found on event_words
 * (keptMatches).
 */
function keepOrCountFunction(countsKept = false, phrasesByWords = false): string {
  const matches = (phrase: boolean): string => keptMatches(phrase, phrasesByWords);
  const copied = (
    phrase: boolean,
  ): string => `INSERT INTO search_matches (search, ${SEARCH_MATCH_COLUMNS})
    SELECT searched, ${SEARCH_MATCH_COLUMNS} ${matches(phrase)}
    ORDER BY ctid;`;
  const counted = (phrase: boolean): string =>
    searchCountsMoved(
      `SELECT searched AS search, 1 AS sign, ${COUNTED_COLUMNS} ${matches(phrase)}`,
    );
  return `CREATE OR REPLACE FUNCTION keep_search(searched text, holding text, most integer, phrase boolean DEFAULT false)
RETURNS boolean
LANGUAGE plpgsql AS $$
${SEARCH_COUNT_ROWS}
  found bigint;
  common boolean;
  waited text := current_setting('lock_timeout');
BEGIN
  IF EXISTS (SELECT 1 FROM kept_searches WHERE search = searched) THEN
    RETURN false;
  END IF;
  IF phrase THEN
    found := (SELECT count(*) ${matches(true)});
  ELSE
    found := (SELECT count(*) ${matches(false)});
  END IF;
  common := found * 10 > (SELECT coalesce(sum(events), 0) FROM event_summary);
  IF (SELECT count(*) FROM kept_searches WHERE kept OR counted) >= most THEN
    INSERT INTO kept_searches (search, pattern, kept) VALUES (searched, holding, false)
    ON CONFLICT (search) DO NOTHING;
    RETURN false;
  END IF;
  BEGIN
    PERFORM set_config('lock_timeout', '${String(KEEP_WAIT_MS)}ms', true);
    LOCK TABLE events IN SHARE ROW EXCLUSIVE MODE;
  EXCEPTION WHEN lock_not_available THEN
    RETURN false;
  END;
  PERFORM set_config('lock_timeout', waited, true);
  IF EXISTS (SELECT 1 FROM kept_searches WHERE search = searched) THEN
    RETURN false;
  END IF;
  ${
    countsKept
      ? `INSERT INTO kept_searches (search, pattern, kept, counted) VALUES (searched, holding, NOT common, true);
  IF phrase THEN
    ${counted(true)}
  ELSE
    ${counted(false)}
  END IF;
  IF common THEN
    RETURN false;
  ELSIF phrase THEN
    ${copied(true)}
  ELSE
    ${copied(false)}
  END IF;`
      : `INSERT INTO kept_searches (search, pattern, kept, counted) VALUES (searched, holding, NOT common, common);
  IF common AND phrase THEN
    ${counted(true)}
  ELSIF common THEN
    ${counted(false)}
  ELSIF phrase THEN
    ${copied(true)}
  ELSE
    ${copied(false)}
  END IF;`
  }
  RETURN NOT common;
END
$$;
`;
}

/** The advisory lock that one folder of the counts holds at a time (migration 46). */
const FOLD_LOCK = "hashtext('wathiq:fold counts')";

/** The deltas of the counts that a fold takes (the places in `taken`), as its statements read them. */
const DELTAS_TAKEN = `SELECT sign, ${COUNTED_COLUMNS} FROM event_count_deltas WHERE ctid = ANY(taken)`;

/**
 * The counted columns of the events in one transition table and not in the
 * other (`a` EXCEPT ALL `b`): what an update changed of its counts, nothing
 * for an update of other columns.
 */
const countedExcept = (a: string, b: string): string =>
  `SELECT ${COUNTED_COLUMNS} FROM ${a} EXCEPT ALL SELECT ${COUNTED_COLUMNS} FROM ${b}`;

/** A trigger function of migration 46 that appends `deltas` (a query of sign and COUNTED_COLUMNS) to event_count_deltas. */
const deltasFunction = (
  name: string,
  written: string,
  deltas: string,
): string => `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT FROM ${written}) THEN
    RETURN NULL;
  END IF;
  INSERT INTO event_count_deltas (sign, ${COUNTED_COLUMNS})
  ${deltas};
  RETURN NULL;
END
$$;`;

/**
 * What every fold moves before the tiles (foldFunction, FOLD_GROUPED): the
 * counts, the cells, the squares by month and the day facets, in that order.
 */
const FOLDED_BEFORE_TILES = `${countsMoved(DELTAS_TAKEN)}
  ${EMPTIED_COUNTS}
  ${cellsMoved(DELTAS_TAKEN, CELL_EDGES, true)}
  ${CELLS_BOUNDED}
  ${squareMonthsMoved(DELTAS_TAKEN)}
  ${dayFacetsMoved(DELTAS_TAKEN)}
  DELETE FROM event_day_facets WHERE ctid = ANY(emptied);`;

/**
 * fold_event_counts (migration 46): the deltas pending moved into the tables
 * of counts as their triggers moved them until then (every table's statements
 * of its latest migration, in the order its triggers fired), then gone. One
 * folder at a time (FOLD_LOCK): with `wait` a caller waits for the one folding
 * (a read, which must see every delta committed), without it leaves them to
 * that one or the next (a writer). Nothing is done while fewer than `at_least`
 * deltas are pending. True when no delta it saw is left.
 */
const foldFunction = (
  create: 'CREATE FUNCTION' | 'CREATE OR REPLACE FUNCTION' = 'CREATE FUNCTION',
  moved = '',
): string =>
  foldOf(
    create,
    `${FOLDED_BEFORE_TILES}
  ${tilesMoved(DELTAS_TAKEN)}${moved}`,
  );

/**
 * fold_event_counts as foldFunction writes it, its statements that move the
 * tables of counts being `moved`.
 */
const foldOf = (
  create: 'CREATE FUNCTION' | 'CREATE OR REPLACE FUNCTION',
  moved: string,
): string => `${create} fold_event_counts(wait boolean, at_least integer)
RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
  taken tid[];
${ZERO_ROWS.replace('DECLARE\n', '')}
${CELL_VARIABLES.replace('DECLARE\n', '')}
BEGIN
  IF (SELECT count(*) FROM (SELECT FROM event_count_deltas LIMIT at_least) AS pending) < at_least THEN
    RETURN false;
  END IF;
  IF wait THEN
    PERFORM pg_advisory_xact_lock(${FOLD_LOCK});
  ELSIF NOT pg_try_advisory_xact_lock(${FOLD_LOCK}) THEN
    RETURN false;
  END IF;
  -- Taken once the lock is held, in a statement of its own: the folder before has committed.
  taken := ARRAY(SELECT ctid FROM event_count_deltas);
  IF cardinality(taken) = 0 THEN
    RETURN true;
  END IF;
  ${moved}
  DELETE FROM event_count_deltas WHERE ctid = ANY(taken);
  RETURN true;
END
$$;`;

/**
 * What fold_event_counts moves after the tables of migration 46 since
 * migration 55: the counts by facet, by square and day, by facet and span,
 * and by pair of facets.
 */
const MOVED_SINCE_55 = `\n  ${facetCountsMoved(DELTAS_TAKEN)}\n  ${squareDaysMoved(DELTAS_TAKEN)}\n  ${facetSpansMoved(DELTAS_TAKEN)}\n  ${facetPairsMoved(pairsOfDeltas(DELTAS_TAKEN))}`;

/**
 * A fold's statements with their rows written in no order (migration 58): the
 * ORDER BY of each upsert, which kept two writers of the same keys from waiting
 * on each other in turn when every writer of events moved the counts, is gone
 * where only the folder holding FOLD_LOCK writes them.
 */
const unordered = (fold: string): string =>
  fold.replace(/ ?\n? *ORDER BY \d+(?:, \d+)*(?=\n)/g, '');

/**
 * The deltas a fold takes, as the statements of migration 60 read them (once
 * in each, MATERIALIZED: each groups them several ways): `n` events (the
 * sign), `dead` their best fatality figures (signed), the months they start
 * and end in, and the columns the counts by facet are kept by.
 */
const DELTAS_READ = `deltas AS MATERIALIZED (
    SELECT sign AS n, sign * coalesce(fatalities_best, 0)::bigint AS dead, private,
      date_trunc('month', date_start::timestamp)::date AS month,
      date_trunc('month', date_end::timestamp)::date AS end_month, event_type, sub_event_type,
      admin1_pcode, actor1, actor2, review_status, claimants, lon, lat
    FROM (${DELTAS_TAKEN}) AS d)`;

/**
 * A facet of an event as the counts by facet take it (migration 60): the
 * columns of the deltas its values come from, and its values in a row `g` of
 * those columns (a FROM item named `as` of one column, `key`; a null is no
 * value). Each value once, as the counts have always taken them (a UNION):
 * an actor named as doer and target, a claimant named twice, a sub-type that
 * is its type.
 */
interface FacetOfEvents {
  readonly facet: string;
  readonly columns: readonly string[];
  readonly values: (g: string, as: string) => string;
}

/** A facet of one column, one value. */
const facetOfColumn = (facet: string, column: string): FacetOfEvents => ({
  facet,
  columns: [column],
  values: (g, as) => `(VALUES (${g}.${column})) AS ${as}(key)`,
});

/** A facet of two columns, a value each, the second only when it is not the first. */
const facetOfTwo = (facet: string, first: string, second: string): FacetOfEvents => ({
  facet,
  columns: [first, second],
  values: (g, as) =>
    `unnest(ARRAY[${g}.${first}, CASE WHEN ${g}.${second} IS DISTINCT FROM ${g}.${first} THEN ${g}.${second} END]) AS ${as}(key)`,
});

const TYPE_FACET = facetOfColumn('type', 'event_type');
/** The type as a filter finds an event by it: its type or its sub-type (event_facet_pairs' by_key). */
const TYPE_FILTERED = facetOfTwo('type', 'event_type', 'sub_event_type');
const GOVERNORATE_FACET = facetOfColumn('governorate', 'admin1_pcode');
const ACTOR_FACET = facetOfTwo('actor', 'actor1', 'actor2');
const STATUS_FACET = facetOfColumn('status', 'review_status');
const CLAIMANT_FACET: FacetOfEvents = {
  facet: 'claimant',
  columns: ['claimants'],
  values: (g, as) => `(SELECT DISTINCT k FROM unnest(${g}.claimants) AS k) AS ${as}(key)`,
};

/**
 * A facet as one table counts it: under the month its events start in
 * (`dated`), with their figures (`figured`; the others count 0).
 */
interface FacetCounted {
  readonly of: FacetOfEvents;
  readonly dated: boolean;
  readonly figured: boolean;
}

/** Facets counted with no month and no figures. */
const undated = (...facets: readonly FacetOfEvents[]): FacetCounted[] =>
  facets.map((of) => ({ of, dated: false, figured: false }));

/**
 * What event_facet_counts, event_tiles and event_facet_pairs (the facet
 * counted) count: the type by the month its events start in, with their
 * figures, and the governorate, actors, status and claimants.
 */
const FACETS_BY_MONTH: readonly FacetCounted[] = [
  { of: TYPE_FACET, dated: true, figured: true },
  ...undated(GOVERNORATE_FACET, ACTOR_FACET, STATUS_FACET, CLAIMANT_FACET),
];

/** The deltas (DELTAS_READ) with `where`, their events and figures summed by `columns` (a FROM item). */
const deltasBy = (columns: readonly string[], where: string): string =>
  `(SELECT ${columns.join(', ')}, sum(n) AS n, sum(dead) AS dead FROM deltas${where === '' ? '' : ` WHERE ${where}`}
          GROUP BY ${columns.join(', ')})`;

/** The columns of the deltas a facet counted is summed by: its own, and the month for a dated one. */
const groupedBy = ({ of, dated }: FacetCounted): readonly string[] => [
  ...of.columns,
  ...(dated ? ['month'] : []),
];

/** The month of a facet counted's row of `g` (that of its events for a dated one). */
const monthOf = ({ dated }: FacetCounted): string => `${dated ? 'g.month' : 'NULL::date'} AS month`;

/** The figures of a facet counted's row of `g` (0 for one that counts none). */
const deadOf = ({ figured }: FacetCounted): string => `${figured ? 'g.dead' : '0::bigint'} AS dead`;

/**
 * The rows of `deltas` (DELTAS_READ) with `where`, one for each value of
 * each facet counted: `context`, `facet`, `key`, `month` (where a facet is
 * dated), `n`, `dead`. They are summed by `context` and the facet's columns
 * before they are spread into values: spread first, ~2,600 deltas were
 * ~20,000 rows (through a subquery for each delta) before a table by facet
 * summed them; grouped by a point or a month and one facet's columns, they
 * are a few hundred. A key may come in more than one row (an actor as doer of
 * some and target of others): the statement sums them.
 */
const facetValues = (
  context: readonly string[],
  where: string,
  facets: readonly FacetCounted[],
): string => {
  const monthly = facets.some(({ dated }) => dated);
  return facets
    .map(
      (counted) => `SELECT ${[
        ...context.map((column) => `g.${column}`),
        `'${counted.of.facet}' AS facet`,
        'v.key',
        ...(monthly ? [monthOf(counted)] : []),
        'g.n',
        deadOf(counted),
      ].join(', ')}
    FROM ${deltasBy([...context, ...groupedBy(counted)], where)} AS g,
      LATERAL ${counted.of.values('g', 'v')}
    WHERE v.key IS NOT NULL`,
    )
    .join('\n    UNION ALL ');
};

/** event_tiles moved as tilesMoved moves it (migration 39), its deltas grouped by point first (facetValues). */
const TILES_FOLDED = `WITH ${DELTAS_READ},
  moved AS (
    INSERT INTO event_tiles AS t (per, x, y, private, facet, key, month, events, fatalities)
    SELECT s.per, floor(lon / s.side)::int, floor(lat / s.side)::int, private, facet, key, month,
      sum(n), sum(dead)
    FROM (${facetValues(['private', 'lon', 'lat'], 'lon IS NOT NULL AND lat IS NOT NULL', FACETS_BY_MONTH)}) AS f,
      (VALUES (1, ${String(GRID_CELL)}::float8), (${String(TILE_PER)}, ${String(GRID_CELL / TILE_PER)}::float8)) AS s(per, side)
    GROUP BY 1, 2, 3, 4, 5, 6, 7
    HAVING sum(n) <> 0 OR sum(dead) <> 0
    ON CONFLICT (per, x, y, private, facet, key, month)
    ${countsAdded('t')}
    ${emptiedGone('event_tiles')}`;

/** event_facet_counts moved as facetCountsMoved moves it (migration 48), its deltas grouped first (facetValues). */
const FACET_COUNTS_FOLDED = `WITH ${DELTAS_READ},
  moved AS (
    INSERT INTO event_facet_counts AS t (private, facet, key, month, events, fatalities)
    SELECT private, facet, key, month, sum(n), sum(dead)
    FROM (${facetValues(['private'], '', FACETS_BY_MONTH)}) AS f
    GROUP BY 1, 2, 3, 4
    HAVING sum(n) <> 0 OR sum(dead) <> 0
    ON CONFLICT (private, facet, key, month)
    ${countsAdded('t')}
    ${emptiedGone('event_facet_counts')}`;

/** event_facet_spans moved as facetSpansMoved moves it (migration 51), its deltas grouped by months first (facetValues). */
const FACET_SPANS_FOLDED = `WITH ${DELTAS_READ},
  moved AS (
    INSERT INTO event_facet_spans AS t (private, facet, key, month, end_month, events, fatalities)
    SELECT private, facet, key, month, end_month, sum(n), sum(dead)
    FROM (${facetValues(['private', 'month', 'end_month'], '', [
      { of: TYPE_FACET, dated: false, figured: true },
      ...undated(GOVERNORATE_FACET, ACTOR_FACET, STATUS_FACET, CLAIMANT_FACET),
    ])}) AS f
    GROUP BY 1, 2, 3, 4, 5
    HAVING sum(n) <> 0 OR sum(dead) <> 0
    ON CONFLICT (private, facet, key, month, end_month)
    ${countsAdded('t')}
    ${emptiedGone('event_facet_spans')}`;

/**
 * The rows of event_facet_pairs the deltas move (facetPairsMoved), for each
 * facet found by (TYPE_FILTERED and the others) and each counted
 * (FACETS_BY_MONTH): the deltas grouped by the two facets' columns, then
 * spread into the pairs of their values. Spread first, each delta was ~65
 * pairs (~170,000 rows for a fold of ~2,600 deltas, then summed into ~1,800);
 * grouped, the 25 pairs of facets are a few thousand rows in all.
 */
const facetPairValues = (): string =>
  [TYPE_FILTERED, GOVERNORATE_FACET, ACTOR_FACET, STATUS_FACET, CLAIMANT_FACET]
    .flatMap((by) =>
      FACETS_BY_MONTH.map(
        (
          counted,
        ) => `SELECT g.private, '${by.facet}' AS by_facet, b.key AS by_key, '${counted.of.facet}' AS facet,
      v.key, ${monthOf(counted)}, g.n, ${deadOf(counted)}
    FROM ${deltasBy(['private', ...new Set([...by.columns, ...groupedBy(counted)])], '')} AS g,
      LATERAL ${by.values('g', 'b')}, LATERAL ${counted.of.values('g', 'v')}
    WHERE b.key IS NOT NULL AND v.key IS NOT NULL`,
      ),
    )
    .join('\n    UNION ALL ');

/** event_facet_pairs moved as facetPairsMoved moves it (migration 55), its deltas grouped first (facetPairValues). */
const FACET_PAIRS_FOLDED = `WITH ${DELTAS_READ},
  moved AS (
    INSERT INTO event_facet_pairs AS t (private, by_facet, by_key, facet, key, month, events, fatalities)
    SELECT private, by_facet, by_key, facet, key, month, sum(n), sum(dead)
    FROM (${facetPairValues()}) AS p
    GROUP BY 1, 2, 3, 4, 5, 6
    HAVING sum(n) <> 0 OR sum(dead) <> 0
    ON CONFLICT (private, by_facet, by_key, facet, key, month)
    ${countsAdded('t')}
    ${emptiedGone('event_facet_pairs')}`;

/**
 * fold_event_counts as migration 60 writes it: migration 58's, the tables
 * by facet (event_day_facets, event_tiles, event_facet_counts,
 * event_facet_spans, event_facet_pairs) moved from their deltas grouped
 * before they are spread into values.
 */
const FOLD_GROUPED = unordered(
  foldOf(
    'CREATE OR REPLACE FUNCTION',
    `${FOLDED_BEFORE_TILES}
  ${TILES_FOLDED}
  ${FACET_COUNTS_FOLDED}
  ${squareDaysMoved(DELTAS_TAKEN)}
  ${FACET_SPANS_FOLDED}
  ${FACET_PAIRS_FOLDED}`,
  ),
);

/**
 * The store's schema, one migration per change, applied in order and recorded.
 * Never edit a migration that has shipped: add the next one (test/store/schema.test.ts
 * pins the text of each, helpers it shares with live code included).
 */
export const MIGRATIONS: readonly {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}[] = [
  {
    version: 1,
    name: 'reports, incidents, events',
    sql: `
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- A report's clean text, keyed by its hash; what extraction made of it.
CREATE TABLE documents (
  id text PRIMARY KEY,
  title text,
  outlet text,
  url text,
  published text,
  published_day date,
  text text NOT NULL,
  search_text text NOT NULL,
  tallies jsonb NOT NULL,
  warnings jsonb NOT NULL,
  extracted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX documents_search ON documents USING gin (search_text gin_trgm_ops);

-- Evidence: each report's bytes as they came, unchanged.
CREATE TABLE captures (
  sha256 text PRIMARY KEY,
  document_id text NOT NULL REFERENCES documents (id),
  source text NOT NULL,
  size integer NOT NULL,
  raw bytea NOT NULL,
  captured_at timestamptz NOT NULL
);
CREATE INDEX captures_document ON captures (document_id);
CREATE INDEX captures_source ON captures (source);

CREATE TABLE incidents (
  id text PRIMARY KEY,
  document_id text NOT NULL REFERENCES documents (id),
  background boolean NOT NULL,
  event_type text NOT NULL,
  sub_event_type text NOT NULL,
  admin1_pcode text,
  window_from date,
  window_to date,
  data jsonb NOT NULL,
  event_id text
);
CREATE INDEX incidents_document ON incidents (document_id);
CREATE INDEX incidents_linking ON incidents (admin1_pcode, window_from, window_to) WHERE NOT background;
CREATE INDEX incidents_event ON incidents (event_id);

-- Pairs judged the same act, with why.
CREATE TABLE incident_links (
  a text NOT NULL REFERENCES incidents (id),
  b text NOT NULL REFERENCES incidents (id),
  score real NOT NULL,
  reasons jsonb NOT NULL,
  PRIMARY KEY (a, b)
);
CREATE INDEX incident_links_b ON incident_links (b);

-- A reviewer's word on a pair, which outranks any judgement.
CREATE TABLE link_decisions (
  a text NOT NULL,
  b text NOT NULL,
  same boolean NOT NULL,
  decided_by text NOT NULL,
  decided_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (a, b)
);

CREATE TABLE events (
  id text PRIMARY KEY,
  event_type text NOT NULL,
  sub_event_type text NOT NULL,
  date_start date,
  date_end date,
  admin1_pcode text,
  admin1 text,
  actor1 text,
  actor2 text,
  fatalities_best integer,
  claimants text[] NOT NULL,
  review_status text NOT NULL DEFAULT 'unreviewed',
  -- Every word of the event, normalized: found by substring.
  search_text text NOT NULL,
  -- Its places and actors as written, normalized: terms of the search vocabulary.
  search_names text[] NOT NULL,
  data jsonb NOT NULL
);
CREATE INDEX events_date ON events (date_start DESC NULLS LAST, id);
CREATE INDEX events_area ON events (admin1_pcode, date_start DESC NULLS LAST);
CREATE INDEX events_type ON events (event_type, date_start DESC NULLS LAST);
CREATE INDEX events_actor1 ON events (actor1);
CREATE INDEX events_actor2 ON events (actor2);
CREATE INDEX events_claimants ON events USING gin (claimants);
CREATE INDEX events_search ON events USING gin (search_text gin_trgm_ops);
CREATE INDEX events_names ON events USING gin (search_names);

-- Every name an event is known by. A search finds the names one letter off its
-- words here, once, instead of comparing its words with every event's names.
CREATE TABLE search_terms (term text PRIMARY KEY);
CREATE INDEX search_terms_similar ON search_terms USING gin (term gin_trgm_ops);

-- Inputs that could not be read or stored, until they are.
CREATE TABLE failures (
  source text PRIMARY KEY,
  sha256 text,
  reason text NOT NULL,
  failed_at timestamptz NOT NULL DEFAULT now()
);
`,
  },
  {
    version: 2,
    name: 'accounts, sessions, tokens, settings, audit log',
    sql: `
CREATE TABLE users (
  id serial PRIMARY KEY,
  name text NOT NULL UNIQUE,
  role text NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
  -- argon2id, in its PHC string form (algorithm, parameters and salt with the hash).
  password_hash text NOT NULL,
  disabled boolean NOT NULL DEFAULT false,
  -- The shared secret of a TOTP second factor, once the user has confirmed it.
  totp_secret text,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A signed-in browser. The cookie holds a secret; only its SHA-256 is stored.
CREATE TABLE sessions (
  id text PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users (id),
  csrf text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- A script's key. Only its SHA-256 is stored; the secret is shown once.
CREATE TABLE tokens (
  id text PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users (id),
  name text NOT NULL,
  hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX tokens_user ON tokens (user_id);

CREATE TABLE settings (
  name text PRIMARY KEY,
  value jsonb NOT NULL
);

-- Every change anyone made, never rewritten: who, when, what, the value before and after.
-- kind and key name the state changed, so that a revert can put the value before back.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  by text NOT NULL,
  action text NOT NULL,
  kind text NOT NULL,
  key jsonb NOT NULL,
  before jsonb,
  after jsonb,
  reason text,
  reverts bigint REFERENCES audit_log (id),
  -- The event the change touched, and its incidents then: its history outlives regrouping.
  event_id text,
  incidents text[] NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_by ON audit_log (by, id);
CREATE INDEX audit_log_event ON audit_log (event_id);
CREATE INDEX audit_log_incidents ON audit_log USING gin (incidents);
CREATE INDEX audit_log_at ON audit_log (at);

-- Review has two steps now: «confirmed» was the last of them.
UPDATE events SET review_status = 'verified', data = jsonb_set(data, '{review_status}', '"verified"')
WHERE review_status = 'confirmed';
`,
  },
  {
    version: 3,
    name: 'where each fact of a report came from',
    sql: `
-- Which source gave the report's date, outlet, URL and title: front matter, sidecar, manifest…
ALTER TABLE documents ADD COLUMN sources jsonb;
`,
  },
  {
    version: 4,
    name: 'private events, event coordinates',
    sql: `
-- A private event (a victim's safety) is seen by editors and admins only. The
-- mark is kept on its incidents, so that it outlives regrouping: an event is
-- private when any of its incidents is.
ALTER TABLE incidents ADD COLUMN private boolean NOT NULL DEFAULT false;
ALTER TABLE events ADD COLUMN private boolean NOT NULL DEFAULT false;
CREATE INDEX events_private ON events (date_start DESC NULLS LAST, id) WHERE private;

-- Where the event is, for the map's bounding boxes and clusters.
ALTER TABLE events ADD COLUMN lat double precision
  GENERATED ALWAYS AS ((data #>> '{location,lat}')::double precision) STORED;
ALTER TABLE events ADD COLUMN lon double precision
  GENERATED ALWAYS AS ((data #>> '{location,lon}')::double precision) STORED;
CREATE INDEX events_point ON events (lon, lat) WHERE lon IS NOT NULL;
`,
  },
  {
    version: 5,
    name: 'corrections',
    sql: `
-- A person's corrections, kept apart from the machine's reading (incidents.data),
-- which a re-extraction may rewrite: every regrouping applies these on top.
CREATE TABLE corrections (
  incident_id text NOT NULL,
  field text NOT NULL,
  value jsonb NOT NULL,
  by text NOT NULL,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (incident_id, field)
);
`,
  },
  {
    version: 6,
    name: 'every filter answered from an index',
    sql: `
-- The list's order with every filtered and counted column beside it. A count,
-- the map, the timeline and the facets read this index alone (an index-only
-- scan), never the events' documents, which are a hundred times wider; a page
-- of the list walks it in order. It takes the place of events_date.
CREATE INDEX events_facts ON events (date_start DESC NULLS LAST, id)
  INCLUDE (date_end, private, event_type, sub_event_type, admin1_pcode, actor1, actor2,
           claimants, review_status, fatalities_best, lon, lat);
DROP INDEX events_date;
-- A filter on a sub-event type names no event type: it needs its own index.
CREATE INDEX events_sub_type ON events (sub_event_type, date_start DESC NULLS LAST);
`,
  },
  {
    version: 7,
    name: 'the map of a place answered from its index',
    sql: `
-- The map asks for the events in the box on screen. Where the box is a town or
-- a district, its few events are read from this index alone (with every
-- column a filter or a cluster needs), not sought among all of them in events_facts.
DROP INDEX events_point;
CREATE INDEX events_point ON events (lon, lat)
  INCLUDE (id, private, date_start, date_end, event_type, sub_event_type, admin1_pcode, actor1,
           actor2, claimants, review_status, fatalities_best)
  WHERE lon IS NOT NULL;
`,
  },
  {
    version: 8,
    name: 'a second factor required of one user',
    sql: `
-- An admin can require a second factor of one user (the setting require_totp: of everyone).
ALTER TABLE users ADD COLUMN require_totp boolean NOT NULL DEFAULT false;
`,
  },
  {
    version: 9,
    name: 'withdrawn reports',
    sql: `
-- A withdrawn report is hidden: its incidents are in no event. Its text and its
-- captures' bytes stay as they were (evidence is never deleted).
ALTER TABLE documents ADD COLUMN withdrawn boolean NOT NULL DEFAULT false;
`,
  },
  {
    version: 10,
    name: 'the events list sorted by fatalities, last change or review status',
    sql: `
-- When an event last changed (regrouped, corrected, its status or private mark set).
ALTER TABLE events ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX events_updated ON events (updated_at DESC, id);
CREATE INDEX events_fatalities ON events (fatalities_best DESC NULLS LAST, id);
`,
  },
  {
    version: 11,
    name: 'corrections of an event kept on the event',
    sql: `
-- A person's corrections of an event's own fields (type, date, place, actors).
-- They were kept on its first incident, and went when that incident left the
-- event (its report withdrawn, or it marked «not an incident»). A regrouping
-- hands them on to the event that inherits the old one.
CREATE TABLE event_corrections (
  event_id text NOT NULL,
  field text NOT NULL,
  value jsonb NOT NULL,
  by text NOT NULL,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (event_id, field)
);
-- Those an event shows now move onto it: the latest of a field wherever its members held several.
INSERT INTO event_corrections (event_id, field, value, by, at)
SELECT DISTINCT ON (i.event_id, c.field) i.event_id, substr(c.field, 7), c.value, c.by, c.at
FROM corrections c JOIN incidents i ON i.id = c.incident_id
WHERE c.field LIKE 'event.%' AND i.event_id IS NOT NULL
ORDER BY i.event_id, c.field, c.at DESC;
-- Those of an incident in no event showed nowhere already: they stay as they were, shown by no view.
DELETE FROM corrections c USING incidents i
WHERE i.id = c.incident_id AND c.field LIKE 'event.%' AND i.event_id IS NOT NULL;
`,
  },
  {
    version: 12,
    name: 'the reports list, newest first, by outlet',
    sql: `
-- The reports list walks reports newest published first, of one outlet or of all.
CREATE INDEX documents_published ON documents (published_day DESC NULLS LAST, id);
CREATE INDEX documents_outlet ON documents (outlet, published_day DESC NULLS LAST, id);
`,
  },
  {
    version: 13,
    name: 'events counted by month, kept with the events',
    sql: `
-- How many events, and their best fatality figures, share each value of every
-- field a filter or a count names, by the month they start and the month they
-- end. Counts, facets and the monthly timeline of a filter this can answer
-- read a few thousand rows here instead of every event (a day's grain would
-- not shrink: nearly every event is a day of its own). The triggers below keep
-- it in step with events in the statement that changes them, whoever writes
-- them; no row holds zero events.
CREATE TABLE event_summary (
  month date,
  end_month date,
  private boolean NOT NULL,
  review_status text NOT NULL,
  event_type text NOT NULL,
  sub_event_type text NOT NULL,
  admin1_pcode text,
  actor1 text,
  actor2 text,
  claimants text[] NOT NULL,
  events integer NOT NULL,
  fatalities bigint NOT NULL
);
CREATE UNIQUE INDEX event_summary_key ON event_summary (month, end_month, private, review_status,
  event_type, sub_event_type, admin1_pcode, actor1, actor2, claimants) NULLS NOT DISTINCT;
CREATE INDEX event_summary_empty ON event_summary (events) WHERE events = 0;

-- Counts a statement's events up for their new values and down for their old
-- ones. An insert has only new rows, a delete only old ones, and a trigger may
-- name only the transition tables its statement has: the rows counted are
-- therefore chosen by the statement's kind. Keys are written in order, so that
-- two writers touching the same keys never wait on each other in turn.
CREATE FUNCTION event_summary_count() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT 1 AS sign, * FROM added'
    WHEN 'DELETE' THEN 'SELECT -1 AS sign, * FROM removed'
    ELSE 'SELECT 1 AS sign, * FROM added UNION ALL SELECT -1 AS sign, * FROM removed' END;
BEGIN
  EXECUTE 'INSERT INTO event_summary AS s (month, end_month, private, review_status, event_type,
      sub_event_type, admin1_pcode, actor1, actor2, claimants, events, fatalities)
    SELECT date_trunc(''month'', date_start)::date, date_trunc(''month'', date_end)::date, private,
      review_status, event_type, sub_event_type, admin1_pcode, actor1, actor2, claimants,
      sum(sign), sum(sign * coalesce(fatalities_best, 0))
    FROM (' || changed || ') AS changed
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
    HAVING sum(sign) <> 0 OR sum(sign * coalesce(fatalities_best, 0)) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
    ON CONFLICT (month, end_month, private, review_status, event_type, sub_event_type,
      admin1_pcode, actor1, actor2, claimants)
    DO UPDATE SET events = s.events + EXCLUDED.events, fatalities = s.fatalities + EXCLUDED.fatalities';
  DELETE FROM event_summary WHERE events = 0;
  RETURN NULL;
END
$$;
${countedWithEvents('event_summary')}

-- Emptying the events empties their counts.
${emptiedWithEvents('event_summary')}

-- The events already stored, counted once.
INSERT INTO event_summary (month, end_month, private, review_status, event_type, sub_event_type,
  admin1_pcode, actor1, actor2, claimants, events, fatalities)
SELECT date_trunc('month', date_start)::date, date_trunc('month', date_end)::date, private,
  review_status, event_type, sub_event_type, admin1_pcode, actor1, actor2, claimants,
  count(*), coalesce(sum(fatalities_best), 0)
FROM events GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;
`,
  },
  {
    version: 14,
    name: 'events counted by point, for the map',
    sql: `
-- How many events stand at each point, public and private apart. Events are
-- placed at their town or village, so there are far fewer points than
-- events: the map of every event, or of a box, groups these rows into its
-- clusters instead of every event (100,000 events stood at about 2,000 points
-- in the benchmark's store). Kept in step with events by the triggers below,
-- in the statement that changes them, as event_summary is.
CREATE TABLE event_points (
  lon double precision NOT NULL,
  lat double precision NOT NULL,
  private boolean NOT NULL,
  events integer NOT NULL,
  PRIMARY KEY (lon, lat, private)
);
CREATE INDEX event_points_empty ON event_points (events) WHERE events = 0;

CREATE FUNCTION event_points_count() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT 1 AS sign, lon, lat, private FROM added'
    WHEN 'DELETE' THEN 'SELECT -1 AS sign, lon, lat, private FROM removed'
    ELSE 'SELECT 1 AS sign, lon, lat, private FROM added
          UNION ALL SELECT -1 AS sign, lon, lat, private FROM removed' END;
BEGIN
  EXECUTE 'INSERT INTO event_points AS p (lon, lat, private, events)
    SELECT lon, lat, private, sum(sign) FROM (' || changed || ') AS changed
    WHERE lon IS NOT NULL AND lat IS NOT NULL
    GROUP BY 1, 2, 3 HAVING sum(sign) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (lon, lat, private) DO UPDATE SET events = p.events + EXCLUDED.events';
  DELETE FROM event_points WHERE events = 0;
  RETURN NULL;
END
$$;
${countedWithEvents('event_points')}

${emptiedWithEvents('event_points')}

INSERT INTO event_points (lon, lat, private, events)
SELECT lon, lat, private, count(*) FROM events
WHERE lon IS NOT NULL AND lat IS NOT NULL GROUP BY 1, 2, 3;
`,
  },
  {
    version: 15,
    name: 'the review queue ranked by the database',
    sql: `
-- Why an event needs a person, worked out where the event is written (the
-- queue's reasons, in the words the app translates): figures that disagree, no
-- place or only a governorate, only the fighting parties' own sources, a day
-- not known to the day, a report whose weekday is not its date's. Kept on the
-- event, the queue reads the worst first from an index, however old they are.
CREATE FUNCTION event_review_reasons(event jsonb) RETURNS text[] LANGUAGE sql STABLE AS $$
SELECT array_remove(ARRAY[
${FIELD_REASONS}
  -- The warning src/text/dates.ts writes, as src/service/notes.ts reads it back.
  CASE WHEN event #>> '{date,start}' IS NOT NULL AND EXISTS (
         SELECT 1 FROM documents d, jsonb_array_elements_text(d.warnings) AS w(text)
         WHERE d.id IN (SELECT m->>'document' FROM jsonb_array_elements(event->'members') AS m)
           AND substring(w.text FROM
             '^date «.*»: the text names (?:Sun|Mon|Tues|Wednes|Thurs|Fri|Satur)day for ([0-9]{4}-[0-9]{2}-[0-9]{2}), which is a ')
             = event #>> '{date,start}')
       THEN 'weekday_contradicts' END
], NULL)
$$;
ALTER TABLE events ADD COLUMN review_reasons text[] NOT NULL DEFAULT '{}';
UPDATE events SET review_reasons = event_review_reasons(data);
-- The queue: unreviewed events, most reasons first, then the newest.
CREATE INDEX events_queue ON events (cardinality(review_reasons) DESC, date_start DESC NULLS LAST, id)
  INCLUDE (private) WHERE review_status = 'unreviewed';
`,
  },
  {
    version: 16,
    name: 'changes made as one carry one group',
    sql: `
-- Changes a person made as one (a split's decision against each other report,
-- a claimant renamed, the reverts of one request) share a group, set by the
-- database: every entry one transaction appends gets the same one, taken from
-- a sequence by the first of them and kept in a setting of that transaction.
CREATE SEQUENCE audit_groups;
CREATE FUNCTION audit_group() RETURNS bigint LANGUAGE sql VOLATILE AS $$
SELECT coalesce(nullif(current_setting('wathiq.audit_group', true), ''),
                set_config('wathiq.audit_group', nextval('audit_groups')::text, true))::bigint
$$;
ALTER TABLE audit_log ADD COLUMN change_group bigint;
-- Entries logged before: those of one transaction (one xmin), by one person,
-- each within a second of the one before it, make a group.
WITH runs AS (
  SELECT id, CASE WHEN lag(xmin::text) OVER w = xmin::text AND lag(by) OVER w = by
                   AND at - lag(at) OVER w < interval '1 second' THEN 0 ELSE 1 END AS starts
  FROM audit_log WINDOW w AS (ORDER BY id)
), numbered AS (SELECT id, sum(starts) OVER (ORDER BY id) AS change_group FROM runs)
UPDATE audit_log a SET change_group = n.change_group FROM numbered n WHERE a.id = n.id;
SELECT setval('audit_groups', coalesce((SELECT max(change_group) FROM audit_log), 0) + 1, false);
ALTER TABLE audit_log ALTER COLUMN change_group SET DEFAULT audit_group();
ALTER TABLE audit_log ALTER COLUMN change_group SET NOT NULL;
CREATE INDEX audit_log_group ON audit_log (change_group);
`,
  },
  {
    version: 17,
    name: 'warnings the review queue acts on, by code',
    sql: `
-- A date warning is stored by code and day as well as in words (the
-- contracts' CodedWarning): the review queue matches the code, so the words
-- can be reworded or translated without the queue losing the reason.
ALTER TABLE documents ADD COLUMN coded_warnings jsonb NOT NULL DEFAULT '[]';
-- Reports read before there were codes: their codes from the words wathiq wrote
-- then (src/text/dates.ts of that time), once, here.
UPDATE documents d SET coded_warnings = coded.list
FROM (
  SELECT w.id, jsonb_agg(jsonb_build_object('code', c.code, 'date', c.date) ORDER BY w.n) AS list
  FROM (SELECT id, words, n FROM documents,
          jsonb_array_elements_text(coalesce(warnings, '[]')) WITH ORDINALITY AS e(words, n)) AS w,
    LATERAL (
      SELECT 'weekday_contradicts' AS code, (regexp_match(w.words,
        '^date «.*»: the text names (?:Sun|Mon|Tues|Wednes|Thurs|Fri|Satur)day for ([0-9]{4}-[0-9]{2}-[0-9]{2}), which is a '))[1] AS date
      UNION ALL
      SELECT 'dates_disagree', (regexp_match(w.words,
        '^date «.*»: the text names both [0-9-]{10} and [0-9-]{10} for one day; kept ([0-9]{4}-[0-9]{2}-[0-9]{2})$'))[1]
    ) AS c
  WHERE c.date IS NOT NULL
  GROUP BY w.id
) AS coded
WHERE d.id = coded.id;
-- The queue's reasons as in version 15, the weekday's matched by its code.
CREATE OR REPLACE FUNCTION event_review_reasons(event jsonb) RETURNS text[] LANGUAGE sql STABLE AS $$
SELECT array_remove(ARRAY[
${FIELD_REASONS}
  CASE WHEN event #>> '{date,start}' IS NOT NULL AND EXISTS (
         SELECT 1 FROM documents d
         WHERE d.id IN (SELECT m->>'document' FROM jsonb_array_elements(event->'members') AS m)
           AND d.coded_warnings @> jsonb_build_array(jsonb_build_object(
             'code', 'weekday_contradicts', 'date', event #>> '{date,start}')))
       THEN 'weekday_contradicts' END
], NULL)
$$;
UPDATE events SET review_reasons = event_review_reasons(data);
`,
  },
  {
    version: 18,
    name: 'review reasons worked out inline where events are written',
    sql: `
-- The reasons of version 17, unchanged, in two parts. The subquery looking for
-- a report that contradicts the event's weekday kept the whole function from
-- being inlined, so each event written ran it as a query of its own (its
-- executor started and ended per event): 1.5 ms an event, about a fifth of an
-- embedded ingest's CPU. The reasons read from the event alone are now an
-- expression the planner inlines, and the statement that writes events looks
-- for the weekday with a subquery of its own, planned once for all its rows
-- (saveEvents in src/store/linking.ts).
CREATE FUNCTION event_review_reasons(event jsonb, weekday_contradicts boolean) RETURNS text[]
LANGUAGE sql STABLE AS $$
SELECT array_remove(ARRAY[
${FIELD_REASONS}
  CASE WHEN weekday_contradicts THEN 'weekday_contradicts' END
], NULL)
$$;
-- The whole of it for one event, as before.
CREATE OR REPLACE FUNCTION event_review_reasons(event jsonb) RETURNS text[] LANGUAGE sql STABLE AS $$
SELECT event_review_reasons(event, ${weekdayContradicted(
      `ARRAY(SELECT m->>'document' FROM jsonb_array_elements(event->'members') AS m)`,
      'event',
    )})
$$;
`,
  },
  {
    version: 19,
    name: 'events counted by point and by each value a filter names, for the map',
    sql: `
-- How many events stand at each point with each value one filter names: a
-- type or sub-type, a governorate, an actor (doer or target), a claimant, a
-- review status; public and private apart. The map of one such filter (and
-- of it within a box) groups these rows, a few thousand, instead of the
-- events that match (a third of them for a type: at 100,000 events that was
-- 100-190 ms of CPU on PGlite). An event is counted once under each value it
-- has, whichever column holds it (a type as its type or its sub-type, an actor
-- as doer or target), as the filter matches it. Kept in step with events by
-- the triggers below, in the statement that changes them, as event_points is.
CREATE TABLE event_point_facets (
  facet text NOT NULL,
  key text NOT NULL,
  lon double precision NOT NULL,
  lat double precision NOT NULL,
  private boolean NOT NULL,
  events integer NOT NULL,
  PRIMARY KEY (facet, key, lon, lat, private)
);
CREATE INDEX event_point_facets_empty ON event_point_facets (events) WHERE events = 0;

CREATE FUNCTION event_point_facets_count() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  columns text := 'lon, lat, private, event_type, sub_event_type, admin1_pcode, actor1, actor2,
    claimants, review_status';
  changed text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT 1 AS sign, ' || columns || ' FROM added'
    WHEN 'DELETE' THEN 'SELECT -1 AS sign, ' || columns || ' FROM removed'
    ELSE 'SELECT 1 AS sign, ' || columns || ' FROM added
          UNION ALL SELECT -1 AS sign, ' || columns || ' FROM removed' END;
BEGIN
  EXECUTE 'INSERT INTO event_point_facets AS p (facet, key, lon, lat, private, events)
    SELECT f.facet, f.key, lon, lat, private, sum(sign) FROM (' || changed || ') AS changed,
      LATERAL (SELECT ''type'', event_type UNION SELECT ''type'', sub_event_type
               UNION SELECT ''governorate'', admin1_pcode UNION SELECT ''actor'', actor1
               UNION SELECT ''actor'', actor2 UNION SELECT ''status'', review_status
               UNION SELECT ''claimant'', c FROM unnest(claimants) AS c) AS f(facet, key)
    WHERE lon IS NOT NULL AND lat IS NOT NULL AND f.key IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5 HAVING sum(sign) <> 0 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (facet, key, lon, lat, private) DO UPDATE SET events = p.events + EXCLUDED.events';
  DELETE FROM event_point_facets WHERE events = 0;
  RETURN NULL;
END
$$;
${countedWithEvents('event_point_facets')}

${emptiedWithEvents('event_point_facets')}

INSERT INTO event_point_facets (facet, key, lon, lat, private, events)
SELECT f.facet, f.key, lon, lat, private, count(*) FROM events,
  LATERAL (SELECT 'type', event_type UNION SELECT 'type', sub_event_type
           UNION SELECT 'governorate', admin1_pcode UNION SELECT 'actor', actor1
           UNION SELECT 'actor', actor2 UNION SELECT 'status', review_status
           UNION SELECT 'claimant', c FROM unnest(claimants) AS c) AS f(facet, key)
WHERE lon IS NOT NULL AND lat IS NOT NULL AND f.key IS NOT NULL
GROUP BY 1, 2, 3, 4, 5;
`,
  },
  {
    version: 20,
    name: 'events counted by day, type and governorate, for the timeline',
    sql: `
-- How many events, and their best fatality figures, start and end on each
-- pair of days with each type, sub-type and governorate, public and private
-- apart. A timeline by day or week of a season, a type or a governorate (the
-- filters of where, when and what) groups these rows instead of the events
-- that match: at 1,000,000 events a season's days were 80,000 events to read
-- (300-370 ms), and nearly every day holds a few dozen such rows. Filters on
-- an actor, a claimant or a status, which would multiply the rows back
-- towards the events, are counted from the events. Kept in step with events
-- by the triggers below, in the statement that changes them, as
-- event_summary is; events with no day are not counted here (a timeline has
-- no place for them).
CREATE TABLE event_days (
  day date NOT NULL,
  end_day date,
  private boolean NOT NULL,
  event_type text NOT NULL,
  sub_event_type text NOT NULL,
  admin1_pcode text,
  events integer NOT NULL,
  fatalities bigint NOT NULL
);
CREATE UNIQUE INDEX event_days_key ON event_days (day, end_day, private, event_type, sub_event_type,
  admin1_pcode) NULLS NOT DISTINCT;
CREATE INDEX event_days_empty ON event_days (events) WHERE events = 0;

CREATE FUNCTION event_days_count() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  columns text := 'date_start, date_end, private, event_type, sub_event_type, admin1_pcode,
    fatalities_best';
  changed text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT 1 AS sign, ' || columns || ' FROM added'
    WHEN 'DELETE' THEN 'SELECT -1 AS sign, ' || columns || ' FROM removed'
    ELSE 'SELECT 1 AS sign, ' || columns || ' FROM added
          UNION ALL SELECT -1 AS sign, ' || columns || ' FROM removed' END;
BEGIN
  EXECUTE 'INSERT INTO event_days AS d (day, end_day, private, event_type, sub_event_type,
      admin1_pcode, events, fatalities)
    SELECT date_start, date_end, private, event_type, sub_event_type, admin1_pcode, sum(sign),
      sum(sign * coalesce(fatalities_best, 0))
    FROM (' || changed || ') AS changed
    WHERE date_start IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6
    HAVING sum(sign) <> 0 OR sum(sign * coalesce(fatalities_best, 0)) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (day, end_day, private, event_type, sub_event_type, admin1_pcode)
    DO UPDATE SET events = d.events + EXCLUDED.events, fatalities = d.fatalities + EXCLUDED.fatalities';
  DELETE FROM event_days WHERE events = 0;
  RETURN NULL;
END
$$;
${countedWithEvents('event_days')}

${emptiedWithEvents('event_days')}

INSERT INTO event_days (day, end_day, private, event_type, sub_event_type, admin1_pcode, events,
  fatalities)
SELECT date_start, date_end, private, event_type, sub_event_type, admin1_pcode, count(*),
  coalesce(sum(fatalities_best), 0)
FROM events WHERE date_start IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6;
`,
  },
  {
    version: 21,
    name: 'the tables of counts kept by one trigger per statement, planned once',
    sql: `
-- Migrations 13, 14, 19 and 20 each kept a table of counts with triggers of
-- their own: every statement writing events ran twelve of them (an insert
-- with ON CONFLICT fires the update triggers as well, with nothing in them),
-- each building its SQL as text and planning it again, then looking for rows
-- left at zero. They were about a third of the time of the statement that
-- writes a batch's events (PostgreSQL: 780 ms of trigger functions in 2.4 s of
-- that statement over 3,000 generated reports). One trigger per kind of
-- statement now moves all four tables in one statement, written out here, so
-- that PL/pgSQL plans it once per connection; an update that changed no rows
-- does nothing, and an insert, which only counts up, leaves no row at zero.
--
-- The index each table had on its count (to find the rows at zero) made
-- every change of a count a new row version in every index: after 3,000
-- reports event_point_facets held 671 rows and 10,528 dead versions, none
-- updated in place, and each count looked up walked past the dead. Without
-- it a count changes in place (a HOT update, pruned on its page as it goes,
-- without VACUUM, which the embedded engine never runs on these tables); the
-- rows left at zero are found by where the statement that zeroed them put
-- them. Pages are left half empty so that the new version fits beside the old.
-- What each table holds is unchanged.
DROP TRIGGER event_summary_insert ON events;
DROP TRIGGER event_summary_update ON events;
DROP TRIGGER event_summary_delete ON events;
DROP TRIGGER event_points_insert ON events;
DROP TRIGGER event_points_update ON events;
DROP TRIGGER event_points_delete ON events;
DROP TRIGGER event_point_facets_insert ON events;
DROP TRIGGER event_point_facets_update ON events;
DROP TRIGGER event_point_facets_delete ON events;
DROP TRIGGER event_days_insert ON events;
DROP TRIGGER event_days_update ON events;
DROP TRIGGER event_days_delete ON events;
DROP FUNCTION event_summary_count();
DROP FUNCTION event_points_count();
DROP FUNCTION event_point_facets_count();
DROP FUNCTION event_days_count();
DROP INDEX event_summary_empty;
DROP INDEX event_points_empty;
DROP INDEX event_point_facets_empty;
DROP INDEX event_days_empty;
ALTER TABLE event_summary SET (fillfactor = 50);
ALTER TABLE event_points SET (fillfactor = 50);
ALTER TABLE event_point_facets SET (fillfactor = 50);
ALTER TABLE event_days SET (fillfactor = 50);

CREATE FUNCTION event_counts_added() RETURNS trigger LANGUAGE plpgsql AS $$
${ZERO_ROWS}
BEGIN
  -- An insert whose every row met one stored (ON CONFLICT) added none.
  IF NOT EXISTS (SELECT FROM added) THEN
    RETURN NULL;
  END IF;
  ${countsMoved(`SELECT 1 AS sign, ${COUNTED_COLUMNS} FROM added`)}
  RETURN NULL;
END
$$;
CREATE TRIGGER event_counts_insert AFTER INSERT ON events REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION event_counts_added();

CREATE FUNCTION event_counts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
${ZERO_ROWS}
BEGIN
  IF NOT EXISTS (SELECT FROM added) THEN
    RETURN NULL;
  END IF;
  ${countsMoved(`SELECT 1 AS sign, ${COUNTED_COLUMNS} FROM added
    UNION ALL SELECT -1 AS sign, ${COUNTED_COLUMNS} FROM removed`)}
  ${EMPTIED_COUNTS}
  RETURN NULL;
END
$$;
CREATE TRIGGER event_counts_update AFTER UPDATE ON events
  REFERENCING OLD TABLE AS removed NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION event_counts_changed();

CREATE FUNCTION event_counts_removed() RETURNS trigger LANGUAGE plpgsql AS $$
${ZERO_ROWS}
BEGIN
  IF NOT EXISTS (SELECT FROM removed) THEN
    RETURN NULL;
  END IF;
  ${countsMoved(`SELECT -1 AS sign, ${COUNTED_COLUMNS} FROM removed`)}
  ${EMPTIED_COUNTS}
  RETURN NULL;
END
$$;
CREATE TRIGGER event_counts_delete AFTER DELETE ON events REFERENCING OLD TABLE AS removed
  FOR EACH STATEMENT EXECUTE FUNCTION event_counts_removed();
`,
  },
  {
    version: 22,
    name: 'a governorate with other filters answered from its index alone',
    sql: `
-- The governorate's index in the list's order, with every filtered and mapped
-- column beside it, as events_facts has them. A governorate combined with an
-- actor, a claimant, a type or days was read through bitmaps of each of those
-- (an actor or a claimant is in a third to half of all events) and then the
-- events themselves, a hundred times wider: the map of a governorate, two
-- years, an actor, a claimant, a type and a status took 50 ms at 100,000 events
-- and 740 ms of CPU at 1,000,000. Read from this index alone, only that
-- governorate's events in those days are read (7 ms at 100,000).
DROP INDEX events_area;
CREATE INDEX events_area ON events (admin1_pcode, date_start DESC NULLS LAST)
  INCLUDE (id, date_end, private, event_type, sub_event_type, actor1, actor2, claimants,
           review_status, fatalities_best, lon, lat);
`,
  },
  {
    version: 23,
    name: 'events counted by square of the map and every value a filter names',
    sql: `
-- How many events, with the sums of their points and their bounds, share each
-- square of the map's grid at zoom 8 (GRID_CELL, about 39 km) and each value
-- of every field a filter names, by the months they start and end in: the
-- columns of event_summary, by square. The map of a filter the counts by point
-- cannot answer (an actor and a claimant, a type and days, a type, a claimant
-- and dates) groups these rows into its clusters instead of the events that
-- match, a third of them: at 1,000,000 events such maps took 180-370 ms of
-- CPU on PostgreSQL. Any zoom up to 8 groups whole squares. Each row keeps its
-- events' least and greatest point, which the map gives as each cluster's
-- box: a point that comes widens them; a point that leaves a row from its
-- edge has them read again from that row's events. Sums are numeric, so that
-- what is added and taken away again leaves them exactly as they were. Kept
-- in step with events by the triggers below, in the statement that changes
-- them; events with no point are not counted here (the map has no place for
-- them). Its pages are full, unlike the other counts': a map reads every row
-- (at 1,000,000 events, 140,000 rows: 60 MB half full), and a batch moves a
-- few dozen of them.
CREATE TABLE event_cells (
  month date,
  end_month date,
  private boolean NOT NULL,
  review_status text NOT NULL,
  event_type text NOT NULL,
  sub_event_type text NOT NULL,
  admin1_pcode text,
  actor1 text,
  actor2 text,
  claimants text[] NOT NULL,
  x integer NOT NULL,
  y integer NOT NULL,
  events integer NOT NULL,
  lon_sum numeric NOT NULL,
  lat_sum numeric NOT NULL,
  west double precision,
  south double precision,
  east double precision,
  north double precision
);
CREATE UNIQUE INDEX event_cells_key ON event_cells (${CELL_KEY}) NULLS NOT DISTINCT;

${cellsAdded('CREATE', { edges: CELL_EDGES_23, fatalities: false })}
CREATE TRIGGER event_cells_insert AFTER INSERT ON events REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION event_cells_added();

${cellsChanged('CREATE', { edges: CELL_EDGES_23, fatalities: false })}
CREATE TRIGGER event_cells_update AFTER UPDATE ON events
  REFERENCING OLD TABLE AS removed NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION event_cells_changed();

${cellsRemoved('CREATE', { edges: CELL_EDGES_23, fatalities: false })}
CREATE TRIGGER event_cells_delete AFTER DELETE ON events REFERENCING OLD TABLE AS removed
  FOR EACH STATEMENT EXECUTE FUNCTION event_cells_removed();

${emptiedWithEvents('event_cells')}

-- The events already stored, counted once.
INSERT INTO event_cells (${CELL_KEY}, events, lon_sum, lat_sum, west, south, east, north)
SELECT date_trunc('month', date_start)::date, date_trunc('month', date_end)::date, private,
  review_status, event_type, sub_event_type, admin1_pcode, actor1, actor2, claimants,
  floor(lon / ${String(GRID_CELL)})::int, floor(lat / ${String(GRID_CELL)})::int, count(*),
  sum(lon::numeric), sum(lat::numeric), min(lon), min(lat), max(lon), max(lat)
FROM events WHERE lon IS NOT NULL AND lat IS NOT NULL
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12;
`,
  },
  {
    version: 24,
    name: 'the words of events, found word by word beside the columns the views read',
    sql: `
-- The words filter matched the words as written anywhere in an event through
-- the trigram index of events' search_text: every event it found was read
-- from the events (two kilobytes a row) and its text compared again, since
-- trigrams only narrow. A town's name is in one event in thirty: at 1,000,000
-- events each view of «سراقب» read some 34,000 rows from a table far larger
-- than the server's buffers (250-480 ms of CPU). Here each event is one
-- narrow row: the columns a filter names and the views count, sort or map,
-- and its words (search_text cut at its spaces, each once) with a GIN index.
-- Words of one piece are in an event's search_text exactly when one of its
-- words holds them: the vocabulary (search_words, every word any event has
-- had) gives the words that hold them, through its trigram index, and the
-- events with any of those are the events whose text holds them, with
-- nothing to compare again. Names a letter off are matched by search_names
-- here as on events. Kept in step with events by the triggers below, in the
-- statement that changes them.
CREATE TABLE event_words (
  id text PRIMARY KEY,
  date_start date,
  date_end date,
  private boolean NOT NULL,
  review_status text NOT NULL,
  event_type text NOT NULL,
  sub_event_type text NOT NULL,
  admin1_pcode text,
  actor1 text,
  actor2 text,
  claimants text[] NOT NULL,
  fatalities_best integer,
  lon double precision,
  lat double precision,
  updated_at timestamptz NOT NULL,
  search_names text[] NOT NULL,
  words text[] NOT NULL
);
CREATE INDEX event_words_words ON event_words USING gin (words);
CREATE INDEX event_words_names ON event_words USING gin (search_names);

-- Every word an event has had, found by what it holds.
CREATE TABLE search_words (word text PRIMARY KEY);
CREATE INDEX search_words_holding ON search_words USING gin (word gin_trgm_ops);

CREATE FUNCTION event_words_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  ${wordsWritten('added')}
  RETURN NULL;
END
$$;
CREATE TRIGGER event_words_insert AFTER INSERT ON events REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION event_words_added();

CREATE FUNCTION event_words_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM event_words WHERE id IN (SELECT id FROM removed EXCEPT SELECT id FROM added);
  ${wordsWritten('added')}
  RETURN NULL;
END
$$;
CREATE TRIGGER event_words_update AFTER UPDATE ON events
  REFERENCING OLD TABLE AS removed NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION event_words_changed();

CREATE FUNCTION event_words_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM event_words WHERE id IN (SELECT id FROM removed);
  RETURN NULL;
END
$$;
CREATE TRIGGER event_words_delete AFTER DELETE ON events REFERENCING OLD TABLE AS removed
  FOR EACH STATEMENT EXECUTE FUNCTION event_words_removed();

${emptiedWithEvents('event_words')}

-- The events already stored, and what the planner needs to know of them.
${wordsWritten('events')}
ANALYZE event_words, search_words;
`,
  },
  {
    version: 25,
    name: 'the counts by square found by square',
    sql: `
-- The counts by square (migration 23) found by the square's numbers. A box
-- cuts through squares: the facets of a box sum the rows of the squares wholly
-- inside it, found here, and read only the events of the rest of the box; they
-- read every event in it (at 1,000,000 events, 340 ms of CPU on PostgreSQL).
CREATE INDEX event_cells_square ON event_cells (x, y);
`,
  },
  {
    version: 26,
    name: 'counts by square moved by a statement of any size',
    sql: `
-- Migration 23's triggers found the points a statement moved out of each row of
-- event_cells by comparing all twelve key columns at once with IS NOT DISTINCT
-- FROM: a nested loop of every moved row by every point. 50 events took no
-- time; one statement writing 1,000,000 (a bulk copy, the bench's store) ran
-- for hours. The same functions, matching only the points that left, first on
-- the columns that are never null.
${cellsAdded('CREATE OR REPLACE', { edges: CELL_EDGES, fatalities: false })}

${cellsChanged('CREATE OR REPLACE', { edges: CELL_EDGES, fatalities: false })}

${cellsRemoved('CREATE OR REPLACE', { edges: CELL_EDGES, fatalities: false })}
`,
  },
  {
    version: 27,
    name: 'counts by square with their fatalities, for the timeline of a box',
    sql: `
-- The best fatality figures of the events of each row of event_cells, summed
-- as event_summary sums them. The monthly timeline of a box is summed from the
-- rows of the squares wholly inside it, and only the rest of the box's events
-- are read, as its facets are (migration 25): it read every event in the box
-- (at 1,000,000 events, ~160 ms of CPU on PostgreSQL). Kept by the same
-- triggers, which move the sum as well.
ALTER TABLE event_cells ADD COLUMN fatalities bigint NOT NULL DEFAULT 0;

${cellsAdded('CREATE OR REPLACE', { edges: CELL_EDGES, fatalities: true })}

${cellsChanged('CREATE OR REPLACE', { edges: CELL_EDGES, fatalities: true })}

${cellsRemoved('CREATE OR REPLACE', { edges: CELL_EDGES, fatalities: true })}

-- The events already stored, counted again with their figures, in the order
-- of their squares: a box reads the rows of a few squares, which the order of
-- the events' months had spread over every page (at 1,000,000 events, 17,295
-- rows of six squares on 3,706 of the table's 3,968 pages; read in 19 ms,
-- in square order 9). Rows added later go after them.
TRUNCATE event_cells;
INSERT INTO event_cells (${CELL_KEY}, events, lon_sum, lat_sum, west, south, east, north, fatalities)
SELECT date_trunc('month', date_start)::date, date_trunc('month', date_end)::date, private,
  review_status, event_type, sub_event_type, admin1_pcode, actor1, actor2, claimants,
  floor(lon / ${String(GRID_CELL)})::int, floor(lat / ${String(GRID_CELL)})::int, count(*),
  sum(lon::numeric), sum(lat::numeric), min(lon), min(lat), max(lon), max(lat),
  coalesce(sum(fatalities_best), 0)
FROM events WHERE lon IS NOT NULL AND lat IS NOT NULL
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12
ORDER BY 11, 12;
ANALYZE event_cells;
`,
  },
  {
    version: 28,
    name: 'events counted by day, type and each actor, claimant and status',
    sql: `
-- How many events, and their best fatality figures, start and end on each pair
-- of days with each type and sub-type, under each actor (doer or target),
-- claimant and review status they have, public and private apart: the counts
-- by day (event_days, migration 20) for a filter that names one of those. The
-- timeline by day or week of a type, a claimant and a year read the events
-- that match (at 1,000,000 events, 110,000 of them: ~155 ms of CPU on
-- PostgreSQL); the counts by day have no claimant. An event is counted once
-- under each value it has, as the filter matches it. Kept in step with events
-- by the triggers below, in the statement that changes them; a count is only
-- summed, never matched with the events' rows, so a statement of any size
-- costs in proportion to what it writes. Events with no day are not counted
-- here (a timeline has no place for them). Pages are left half empty so that a
-- count changes in place (migration 21).
CREATE TABLE event_day_facets (
  facet text NOT NULL,
  key text NOT NULL,
  day date NOT NULL,
  end_day date,
  private boolean NOT NULL,
  event_type text NOT NULL,
  sub_event_type text NOT NULL,
  events integer NOT NULL,
  fatalities bigint NOT NULL
) WITH (fillfactor = 50);
CREATE UNIQUE INDEX event_day_facets_key ON event_day_facets (facet, key, day, end_day, private,
  event_type, sub_event_type) NULLS NOT DISTINCT;

${summaryTriggers('event_day_facets', dayFacetsFunction)}

${emptiedWithEvents('event_day_facets')}

-- The events already stored, counted once.
${dayFacetsCounted(`SELECT 1 AS sign, ${COUNTED_COLUMNS} FROM events`)};
ANALYZE event_day_facets;
`,
  },
  {
    version: 29,
    name: 'the words of events cut once',
    sql: `
-- Migration 24's triggers cut each event's text into words twice: for
-- event_words and again for the vocabulary. The same functions, cutting once.
CREATE OR REPLACE FUNCTION event_words_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  ${wordsKept('added')}
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION event_words_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM event_words WHERE id IN (SELECT id FROM removed EXCEPT SELECT id FROM added);
  ${wordsKept('added')}
  RETURN NULL;
END
$$;
`,
  },
  {
    version: 30,
    name: 'the counts by day of each actor, claimant and status found by day',
    sql: `
-- The counts by day of each actor, claimant and status (migration 28) found by
-- their first and last day. The facets of days from mid-month count the events
-- of the edge months by day: their types, governorates and months from
-- event_days, their actors, claimants and statuses from these rows, found by
-- day here (by their key, the rows of a few days were a read of the whole
-- table: at 1,000,000 events, 100,000 rows for 1,400). They read the events of
-- those days: at 1,000,000 events, from 15 March to 14 June, 38,000 of them.
CREATE INDEX event_day_facets_day ON event_day_facets (day, end_day);
`,
  },
  {
    version: 31,
    name: 'the events of a frequent search side by side',
    sql: `
-- A word in many events is read from event_words row by row, wherever its
-- events lie: at 1,000,000 events of the bench's fill, «سراقب» is 33,000 rows
-- on 29,000 pages of a table far larger than the server's buffers, read again
-- by every count, facet, timeline and map of it (200-270 ms of CPU each).
-- A search found in many events (keepSearch, queries.ts) is kept here once:
-- its events' rows side by side (the columns event_words keeps but the
-- words), a few hundred pages read in order. The triggers below keep every
-- kept search's rows in step with events, in the statement that changes
-- them: an event is a search's when its text holds the search's words
-- (search_text LIKE pattern, as event_words' words do) or one of its names
-- is one a letter off (<%, as the names the search reads from search_terms).
-- A search looked at once is listed, kept or not (too common, or too many
-- kept already), so that it is not looked at again.
CREATE TABLE kept_searches (
  search text PRIMARY KEY,
  pattern text NOT NULL,
  kept boolean NOT NULL
);
CREATE TABLE search_matches (
  search text NOT NULL,
  ${SEARCH_MATCH_COLUMNS_TYPED}
);
-- By search alone: a search's entries are then in the order of its rows (a
-- btree orders equal keys by their place), the order event_words gave them.
CREATE INDEX search_matches_search ON search_matches (search);
CREATE INDEX search_matches_event ON search_matches (id);

CREATE FUNCTION search_matches_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  ${searchMatched('added')}
  RETURN NULL;
END
$$;
CREATE TRIGGER search_matches_insert AFTER INSERT ON events REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION search_matches_added();

CREATE FUNCTION search_matches_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_matches WHERE id IN (SELECT id FROM removed);
  ${searchMatched('added')}
  RETURN NULL;
END
$$;
CREATE TRIGGER search_matches_update AFTER UPDATE ON events
  REFERENCING OLD TABLE AS removed NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION search_matches_changed();

CREATE FUNCTION search_matches_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_matches WHERE id IN (SELECT id FROM removed);
  RETURN NULL;
END
$$;
CREATE TRIGGER search_matches_delete AFTER DELETE ON events REFERENCING OLD TABLE AS removed
  FOR EACH STATEMENT EXECUTE FUNCTION search_matches_removed();

${emptiedWithEvents('search_matches')}

-- Keeps a search: its events, found as a filter finds them on event_words,
-- written side by side in the order event_words holds them (so that the map
-- sums their points in the same order). Writers of events are waited for and
-- held off until this one commits (SHARE), so that every event is either
-- here or added by the triggers, never neither; each statement below sees
-- those that came before the lock. Not kept when it is in more than a tenth
-- of the events (its copy would be a large part of the store) or when \`most\`
-- are kept (each costs every write of events a test of its text); false then,
-- and when it was looked at before.
${keepSearchFunction('CREATE FUNCTION', 'LOCK TABLE events IN SHARE MODE;')}`,
  },
  {
    version: 32,
    name: 'the counts by square found by the values a filter names',
    sql: `
-- The counts by square (migration 23) found by each value a filter names: a
-- map read every row of event_cells whatever its filter (at 1,000,000 events,
-- 141,674 rows, in a parallel plan that cost 30-90 ms of CPU, for the 900
-- rows of a governorate, a type and seven months). Found by their months, a
-- governorate, an actor (as doer or target), a type or sub-type or a
-- claimant, the rows of a filter are the union and intersection of these.
-- (The key starts with the months too, but is twelve columns wide: the planner
-- weighed a season's 13,500 rows through it above reading the table whole.)
-- A row's key never changes: rows are moved by their counts and sums alone.
CREATE INDEX event_cells_months ON event_cells (month, end_month);
CREATE INDEX event_cells_area ON event_cells (admin1_pcode);
CREATE INDEX event_cells_actor1 ON event_cells (actor1);
CREATE INDEX event_cells_actor2 ON event_cells (actor2);
CREATE INDEX event_cells_type ON event_cells (event_type);
CREATE INDEX event_cells_sub_type ON event_cells (sub_event_type);
CREATE INDEX event_cells_claimants ON event_cells USING gin (claimants);
`,
  },
  {
    version: 33,
    name: 'a search kept once when two counts keep it together',
    sql: `
-- Two counts finding the same search frequent at once both took migration
-- 31's SHARE lock, found the search unlisted and copied it; the second then
-- failed on the first's row of kept_searches, and its count with it. SHARE ROW
-- EXCLUSIVE is held by one keeper at a time and, like SHARE, waits for the
-- writers of events and holds them off: the second keeper finds the search
-- listed and leaves it.
${keepSearchFunction('CREATE OR REPLACE FUNCTION', 'LOCK TABLE events IN SHARE ROW EXCLUSIVE MODE;')}`,
  },
  {
    version: 34,
    name: 'a search kept without waiting long for the writers of events',
    sql: `
-- Keeping a search only makes its later reads faster, and the count that
-- keeps it is someone's list, map or export: it waited for every open
-- transaction writing events (an ingest, a review) before copying, seconds
-- at times. It now waits a moment at most for its lock, and when the writers
-- hold events longer it leaves the search unlisted, for a later count to
-- keep. The wait is this statement's alone: the caller's lock_timeout is put
-- back once the lock is held (and by the block's own undoing when it is not).
${keepSearchFunction(
  'CREATE OR REPLACE FUNCTION',
  `BEGIN
    PERFORM set_config('lock_timeout', '${String(KEEP_WAIT_MS)}ms', true);
    LOCK TABLE events IN SHARE ROW EXCLUSIVE MODE;
  EXCEPTION WHEN lock_not_available THEN
    RETURN false;
  END;
  PERFORM set_config('lock_timeout', waited, true);`,
  "\n  waited text := current_setting('lock_timeout');",
)}`,
  },
  {
    version: 35,
    name: 'a phrase found in many events kept as a word is',
    sql: `
-- A search of more than one word (a place of two words, «جسر الشغور») is
-- read from the events through the trigram index on their text: at 1,000,000
-- events of the bench's fill, 33,000 matches on 30,000 pages, 180-230 ms of
-- CPU for each list, map, timeline and facets of it. It is kept as a word is
-- (migration 31): its events' rows side by side in search_matches, found
-- once on the events as a filter finds them, then kept in step by the same
-- triggers, whose test (its text holds the words as written, or a name is
-- one a letter off) is already the filter's for a phrase. keep_search learns
-- where to find a phrase's events; a word's are found on event_words as before.
DROP FUNCTION keep_search(text, text, integer);
${keepPhraseFunction()}`,
  },
  {
    version: 36,
    name: 'the counts by square and month alone, for the map of dates',
    sql: `
-- How many events, with the sums and bounds of their points, start and end in
-- each pair of months in each square of event_cells, public and private apart:
-- event_cells' rows summed over every other value they are kept by. The map of
-- a filter of dates alone read event_cells' rows of its months (at 1,000,000
-- events, up to mid-June 2023: 92,000 of its 141,674 rows, 140 ms of CPU), all
-- of which come to 5,347 here. Kept in step with events by the triggers below
-- (named to fire after event_cells', whose rows they read bounds from), in
-- the statement that changes them. Pages are left half empty so that a count
-- changes in place.
CREATE TABLE event_square_months (
  month date,
  end_month date,
  private boolean NOT NULL,
  x integer NOT NULL,
  y integer NOT NULL,
  events integer NOT NULL,
  lon_sum numeric NOT NULL,
  lat_sum numeric NOT NULL,
  west double precision,
  south double precision,
  east double precision,
  north double precision
) WITH (fillfactor = 50);
CREATE UNIQUE INDEX event_square_months_key ON event_square_months (${SQUARE_MONTH_KEY}) NULLS NOT DISTINCT;

${summaryTriggers('event_square_months', squareMonthsFunction)}

${emptiedWithEvents('event_square_months')}

-- The events already stored, summed from event_cells (the same sums: numeric, exact).
INSERT INTO event_square_months (${SQUARE_MONTH_KEY}, events, lon_sum, lat_sum, west, south, east, north)
SELECT ${SQUARE_MONTH_KEY}, sum(events), sum(lon_sum), sum(lat_sum), min(west), min(south), max(east), max(north)
FROM event_cells
GROUP BY 1, 2, 3, 4, 5
ORDER BY 1, 2, 3, 4, 5;
ANALYZE event_square_months;
`,
  },
  {
    version: 37,
    name: 'a search counted before the writers of events are held off',
    sql: `
-- keep_search (migration 35) held events locked against every writer while it
-- counted a search's events, for a phrase on the events' text: a phrase in a
-- third of them held ingest and review off for seconds, to list it as not kept.
-- It now counts before the lock and holds it for the copy alone.
${keepSearchCountedFirstFunction()}`,
  },
  {
    version: 38,
    name: 'the words and kept searches of events left alone by an update of none',
    sql: `
-- An insert of events with ON CONFLICT DO UPDATE (every batch ingest writes
-- its events so) fires the update triggers too, with nothing in their
-- transition tables when every event was new. The other update triggers
-- return at once then; these two ran their statements on nothing, and after
-- each refresh of the statistics planned them again first (PGlite: ~9 ms of
-- a batch's events statement, against 0.1 for the others). The same
-- functions (migrations 29 and 31), returning at once when no row changed:
-- an update's old and new rows are the same rows, so added empty is
-- removed empty too.
CREATE OR REPLACE FUNCTION event_words_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT FROM added) THEN
    RETURN NULL;
  END IF;
  DELETE FROM event_words WHERE id IN (SELECT id FROM removed EXCEPT SELECT id FROM added);
  ${wordsKept('added')}
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION search_matches_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT FROM added) THEN
    RETURN NULL;
  END IF;
  DELETE FROM search_matches WHERE id IN (SELECT id FROM removed);
  ${searchMatched('added')}
  RETURN NULL;
END
$$;
`,
  },
  {
    version: 39,
    name: 'events counted by square and by tile of the map, for the facets and timeline of a box',
    sql: `
-- How many events, by the map's squares (event_cells' GRID_CELL, per 1) and by
-- tiles of an eighth of a square's side (per 8, about 5 km), public and private
-- apart: under each type and the month they start in, with their best fatality
-- figures (the monthly timeline, and the facets of types and months), and under
-- each governorate, actor, claimant and review status they have (the other
-- facets). The facets and the monthly timeline of a box summed the rows of
-- event_cells of the squares wholly inside it (every value a filter names: at
-- 1,000,000 events, 17,295 rows for six squares) and read every other event of
-- the box at its point (a box cuts through squares: half of a box of one degree
-- by one and a half lay outside its whole squares, 73,688 events): ~105 ms of
-- CPU for the facets on PostgreSQL, ~60 for the timeline. They now sum these
-- rows for the box's whole squares and for the tiles of the rest of it, and
-- read at their points only the events of its edges outside whole tiles
-- (15,898 events, less than a tile wide): ~28 and ~20 ms. Kept in step with events by the triggers below, in the statement that
-- changes them; events with no point are not counted here. The counts are in
-- the key's index (INCLUDE), so that a box's rows are read from it alone: read
-- from the table, the planner priced each row as a page of its own and gave
-- the box's statement to parallel workers, whose start alone took 100-190 ms
-- on a loaded machine (the rows themselves, 3-14 ms). A count changed is
-- therefore a new entry of the index as well (no update in place).
CREATE TABLE event_tiles (
  per integer NOT NULL,
  x integer NOT NULL,
  y integer NOT NULL,
  private boolean NOT NULL,
  facet text NOT NULL,
  key text NOT NULL,
  month date,
  events integer NOT NULL,
  fatalities bigint NOT NULL
);
CREATE UNIQUE INDEX event_tiles_key ON event_tiles (per, x, y, private, facet, key, month)
  INCLUDE (events, fatalities) NULLS NOT DISTINCT;

${summaryTriggers('event_tiles', tilesFunction)}

${emptiedWithEvents('event_tiles')}

-- The events already stored, counted once, in the order of their tiles: a box reads a few.
${tilesCounted(`SELECT 1 AS sign, ${COUNTED_COLUMNS} FROM events`)};
ANALYZE event_tiles;
`,
  },
  {
    version: 40,
    name: 'a search too common to copy counted by month and square',
    sql: `
-- A search in more than a tenth of the events was not kept (migration 31: its
-- copy would be a large part of the store), so the searches people type most
-- were read event by event through the trigram index at every view: at
-- 100,000 events of the bench's fill, «قوات النظام» is in 34,000 events, and
-- its count, map, timeline and facets took 63-92 ms of CPU each. Such a
-- search is now counted instead: its events summed by the keys the views of
-- no words read (event_summary's, by month; event_square_months', by month
-- and square), a few thousand rows however many events, so that its count,
-- monthly timeline, facets and map are sums of rows; its list walks the
-- events in the list's order, a third of them matching. Kept in step with the
-- events by the statement triggers below, which test an event's text against
-- each counted search as migration 31's test each kept one (most: KEPT_MOST
-- kept and counted together). The searches listed as not kept are looked at
-- again, to be counted.
ALTER TABLE kept_searches ADD COLUMN counted boolean NOT NULL DEFAULT false;

CREATE TABLE search_summary (
  search text NOT NULL,
  month date,
  end_month date,
  private boolean NOT NULL,
  review_status text NOT NULL,
  event_type text NOT NULL,
  sub_event_type text NOT NULL,
  admin1_pcode text,
  actor1 text,
  actor2 text,
  claimants text[] NOT NULL,
  events integer NOT NULL,
  fatalities bigint NOT NULL
);
CREATE UNIQUE INDEX search_summary_key ON search_summary (${SEARCH_SUMMARY_KEY}) NULLS NOT DISTINCT;

CREATE TABLE search_square_months (
  search text NOT NULL,
  month date,
  end_month date,
  private boolean NOT NULL,
  x integer NOT NULL,
  y integer NOT NULL,
  events integer NOT NULL,
  lon_sum numeric NOT NULL,
  lat_sum numeric NOT NULL,
  west double precision,
  south double precision,
  east double precision,
  north double precision
);
CREATE UNIQUE INDEX search_square_months_key ON search_square_months (${SEARCH_SQUARE_KEY}) NULLS NOT DISTINCT;

${searchCountsFunctionOf(0)}
CREATE TRIGGER search_counts_insert AFTER INSERT ON events REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION search_counts_added();

${searchCountsFunctionOf(1)}
CREATE TRIGGER search_counts_update AFTER UPDATE ON events
  REFERENCING OLD TABLE AS removed NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION search_counts_changed();

${searchCountsFunctionOf(2)}
CREATE TRIGGER search_counts_delete AFTER DELETE ON events REFERENCING OLD TABLE AS removed
  FOR EACH STATEMENT EXECUTE FUNCTION search_counts_removed();

${emptiedWithEvents('search_summary')}

${emptiedWithEvents('search_square_months')}

${keepOrCountFunction()}
DELETE FROM kept_searches WHERE NOT kept;
`,
  },
  {
    version: 41,
    name: 'the counts of searches kept without compiling their statements',
    sql: `
-- The statement of migration 40's triggers is planned on guesses: a transition
-- table of a thousand rows or so, joined with kept_searches as the planner
-- guesses a table it has no statistics of (hundreds of rows, where a few are
-- counted). Priced far above jit_above_cost, PostgreSQL compiled it with LLVM at
-- every statement that wrote events: at 100,835 events with three searches
-- counted, an update of 2,000 events spent ~1.2 s compiling it and ~2.0 s in
-- the trigger (of a ~5 s statement). The functions now run without JIT (their
-- own setting, put back when they return): 220-350 ms. (The embedded engine
-- has no JIT: the setting changes nothing there.)
ALTER FUNCTION search_counts_added() SET jit = off;
ALTER FUNCTION search_counts_changed() SET jit = off;
ALTER FUNCTION search_counts_removed() SET jit = off;
`,
  },
  {
    version: 42,
    name: 'the bounds of a search counted by square read again only where a point left their edge',
    sql: `
-- Migration 40's triggers read again the bounds of every square a point of a
-- counted search left, from the events of the three squares around it on each
-- side in every month, testing each one's text: a square of a city holds tens
-- of thousands of events, and deleting 500 of one in it took 8.9 s where 0.25 s
-- with no search counted (moving 200 points 5.2 s), its rows locked meanwhile.
-- A point inside a square's bounds leaves them as they were (as event_cells'
-- triggers have it since migration 23): now only a square whose edge a point
-- left is read again, from its own square and month. Their matches test
-- names one letter off (<%) at the store's similarity (db.ts, WORD_SIMILARITY)
-- whatever the session writing (a session at pg_trgm's default 0.6 deleting an
-- event counted at 0.5 left it counted), and run without JIT as migration 41's
-- (a function replaced loses its settings).
${SEARCH_COUNT_FUNCTIONS.map(
  ([name, written, changed]) => `${searchCountsFunction(name, written, changed, 42)}
ALTER FUNCTION ${name}() SET jit = off;
ALTER FUNCTION ${name}() SET pg_trgm.word_similarity_threshold = 0.5;`,
).join('\n\n')}
`,
  },
  {
    version: 43,
    name: 'a kept search walked in the order of the list',
    sql: `
-- A kept search's page (migration 31) read all its rows and sorted them to keep
-- the first: at 1,000,000 events of the bench's fill, «سراقب» is 33,252 rows and
-- «جسر الشغور» 32,600, read whole for each page of the list (50) and of an export
-- (250). Its rows by search in the list's order (events_facts' for the events),
-- with the private mark a viewer's page and count test, are walked instead from
-- the page's start, as the events' are.
CREATE INDEX search_matches_order ON search_matches (search, date_start DESC NULLS LAST, id)
  INCLUDE (private);
`,
  },
  {
    version: 44,
    name: 'the words of a grown event cut once each, and its data compressed fast',
    sql: `
-- An act told by a thousand reports is one event of a thousand outlets: each
-- batch that grows it writes its whole row again. Its words (migration 38's
-- functions) were cut with a series of pieces made for each word (wordsOf
-- makes them only for a word over 500 letters), and all of them sent to the
-- vocabulary, which held all but the batch's few (wordsGained).
CREATE OR REPLACE FUNCTION event_words_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  ${wordsGained('added')}
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION event_words_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT FROM added) THEN
    RETURN NULL;
  END IF;
  DELETE FROM event_words WHERE id IN (SELECT id FROM removed EXCEPT SELECT id FROM added);
  ${wordsGained('added')}
  RETURN NULL;
END
$$;

-- Its data (a megabyte of JSON at a thousand reports) is compressed again at
-- each batch: lz4 does it in half the time of pglz, at about the same size.
-- Where the server was built without lz4 (the embedded engine) it stays pglz.
DO $$
BEGIN
  ALTER TABLE events ALTER COLUMN data SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  NULL;
END
$$;
`,
  },
  {
    version: 45,
    name: 'a search kept counted by month and square as well',
    sql: `
-- A kept search (migration 31) was read row by row at every count, facet and
-- timeline: at 1,000,000 events of the bench's fill, «سراقب» is 33,252 rows and
-- «جسر الشغور» 32,600, and their facets, grouped seven ways, took 105 and 177
-- ms at p95 (~40-60 ms of CPU). A kept search is now counted too, as a search
-- too common to keep is (migration 40): its count, facets, monthly timeline
-- and map are sums of a few thousand rows; its list still walks its rows in
-- the list's order (migration 43). keep_search copies and counts it under the
-- same lock; the triggers of migration 40 count every search listed as
-- counted. The searches already kept are counted here, from their rows.
${keepOrCountFunction(true)}
DO $$
${SEARCH_COUNT_ROWS}
BEGIN
  ${searchCountsMoved(`SELECT search, 1 AS sign, ${COUNTED_COLUMNS} FROM search_matches
    WHERE search IN (SELECT search FROM kept_searches WHERE kept AND NOT counted)`)}
END
$$;
UPDATE kept_searches SET counted = true WHERE kept;
ANALYZE search_summary, search_square_months;
`,
  },
  {
    version: 46,
    name: 'the counts moved by a fold of their deltas, not by every writer of events',
    sql: `
-- The triggers of the tables of counts (event_summary, event_points,
-- event_point_facets, event_days, event_cells, event_square_months,
-- event_day_facets, event_tiles) moved shared rows in the statement that
-- wrote events: writers of the same squares, months and values waited on each
-- other until commit, and each statement paid for five upserts of a few rows
-- (about three quarters of the statement writing a batch's events on
-- PostgreSQL). Each statement now appends what it changed of the counted
-- columns to event_count_deltas, which nothing else writes into (an update
-- of other columns appends nothing); fold_event_counts moves the counts by
-- the deltas pending, many statements' at once, one folder at a time. Every
-- read of the counts folds first (views.ts, queries.ts: the counts answer as
-- the events stand), writers fold after commit once deltas pile up, and
-- commands at their end. Emptying the events empties the deltas too.
CREATE TABLE event_count_deltas AS SELECT 1 AS sign, ${COUNTED_COLUMNS} FROM events WITH NO DATA;

DROP TRIGGER event_counts_insert ON events;
DROP TRIGGER event_counts_update ON events;
DROP TRIGGER event_counts_delete ON events;
DROP FUNCTION event_counts_added();
DROP FUNCTION event_counts_changed();
DROP FUNCTION event_counts_removed();
DROP TRIGGER event_cells_insert ON events;
DROP TRIGGER event_cells_update ON events;
DROP TRIGGER event_cells_delete ON events;
DROP FUNCTION event_cells_added();
DROP FUNCTION event_cells_changed();
DROP FUNCTION event_cells_removed();
DROP TRIGGER event_square_months_insert ON events;
DROP TRIGGER event_square_months_update ON events;
DROP TRIGGER event_square_months_delete ON events;
DROP FUNCTION event_square_months_added();
DROP FUNCTION event_square_months_changed();
DROP FUNCTION event_square_months_removed();
DROP TRIGGER event_day_facets_insert ON events;
DROP TRIGGER event_day_facets_update ON events;
DROP TRIGGER event_day_facets_delete ON events;
DROP FUNCTION event_day_facets_added();
DROP FUNCTION event_day_facets_changed();
DROP FUNCTION event_day_facets_removed();
DROP TRIGGER event_tiles_insert ON events;
DROP TRIGGER event_tiles_update ON events;
DROP TRIGGER event_tiles_delete ON events;
DROP FUNCTION event_tiles_added();
DROP FUNCTION event_tiles_changed();
DROP FUNCTION event_tiles_removed();

${deltasFunction('event_count_deltas_added', 'added', `SELECT 1, ${COUNTED_COLUMNS} FROM added`)}
CREATE TRIGGER event_count_deltas_insert AFTER INSERT ON events REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION event_count_deltas_added();

${deltasFunction(
  'event_count_deltas_changed',
  'added',
  `SELECT 1, * FROM (${countedExcept('added', 'removed')}) AS came
  UNION ALL SELECT -1, * FROM (${countedExcept('removed', 'added')}) AS went`,
)}
CREATE TRIGGER event_count_deltas_update AFTER UPDATE ON events
  REFERENCING OLD TABLE AS removed NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION event_count_deltas_changed();

${deltasFunction('event_count_deltas_removed', 'removed', `SELECT -1, ${COUNTED_COLUMNS} FROM removed`)}
CREATE TRIGGER event_count_deltas_delete AFTER DELETE ON events REFERENCING OLD TABLE AS removed
  FOR EACH STATEMENT EXECUTE FUNCTION event_count_deltas_removed();

${emptiedWithEvents('event_count_deltas')}

${foldFunction()}
`,
  },
  {
    version: 47,
    name: 'an event told by many reports checked for private incidents and wrong weekdays by index',
    sql: `
-- Each batch that grows an event asks whether any of its incidents is private
-- and whether any of its reports names a weekday its date is not: an act told
-- by a thousand reports looked up a thousand incidents and a thousand reports
-- at each batch (9 and 19 ms of PGlite's 278 for the statement writing it).
-- Both are rare: each is looked for among the few that are (saveEvents in
-- src/store/linking.ts, weekdayContradictedAmongFew).
CREATE INDEX incidents_private ON incidents (id) WHERE private;
CREATE INDEX documents_weekday_contradicted ON documents (id) WHERE ${WEEKDAY_CONTRADICTED};
`,
  },
  {
    version: 48,
    name: 'the facets of every event counted by value and month',
    sql: `
-- How many events, public and private apart, under each type and the month
-- they start in (with their best fatality figures), and under each
-- governorate, actor, claimant and review status they have: the rows of
-- event_tiles (migration 39) for every event, with no square. The facets of a
-- filter naming nothing but the private mark grouped every row of
-- event_summary seven ways (at 1,000,000 events of the bench's fill, ~34 ms of
-- CPU on PostgreSQL); they sum these, a few hundred rows. Moved by
-- fold_event_counts (migration 46) with the other counts; the deltas pending
-- are folded first, under a lock that holds the writers of events off until
-- the table counts the events as they stand.
LOCK TABLE events IN SHARE MODE;
SELECT fold_event_counts(true, 1);
CREATE TABLE event_facet_counts (
  private boolean NOT NULL,
  facet text NOT NULL,
  key text NOT NULL,
  month date,
  events integer NOT NULL,
  fatalities bigint NOT NULL
);
CREATE UNIQUE INDEX event_facet_counts_key ON event_facet_counts (private, facet, key, month)
  NULLS NOT DISTINCT;

${emptiedWithEvents('event_facet_counts')}

DO $$
DECLARE
  emptied tid[];
BEGIN
  ${facetCountsMoved(`SELECT 1 AS sign, ${COUNTED_COLUMNS} FROM events`)}
END
$$;
ANALYZE event_facet_counts;

${foldFunction('CREATE OR REPLACE FUNCTION', `\n  ${facetCountsMoved(DELTAS_TAKEN)}`)}
`,
  },
  {
    version: 49,
    name: 'a governorate and a sub-type read from an index of both',
    sql: `
-- The timeline by day or week of a governorate with a sub-type and an actor,
-- a claimant or a status (which no counts by day carry) read every event of
-- the governorate in its days from events_area and tested each for the
-- sub-type: at 1,000,000 events of the bench's fill, a governorate, two years
-- and four more filters read ~190,000 entries for ~20,000 events of the
-- sub-type (137 ms of CPU). This index holds the same columns in the order of
-- a governorate's sub-types, each in the list's order: the sub-type's events
-- alone are read (the timeline reads a type's events as two parts, those of
-- the sub-type and those of the type: eventTimeline). It holds what a timeline
-- reads and filters, not the ids and points of the list and the map: with
-- them it was as wide as events_facts, and, newer and less bloated, read whole
-- in its stead for a list of days from a day on.
CREATE INDEX events_area_sub_type ON events (admin1_pcode, sub_event_type, date_start DESC NULLS LAST)
  INCLUDE (date_end, private, event_type, actor1, actor2, claimants, review_status, fatalities_best);
`,
  },
  {
    version: 50,
    name: "the map of days at a month's edge summed from counts by square and day",
    sql: `
-- How many events, with the sums and bounds of their points, start on each day
-- and end on each day in each square of event_cells, public and private apart,
-- by type and sub-type. The map of days that are not whole months summed the
-- whole months from event_square_months (or event_cells, with a type) and read
-- the events of its edge months at their points: at 1,000,000 events of the
-- bench's fill, from mid-month to mid-month, ~38,000 events. Those are summed
-- from these rows instead, a few per square and day however many events. Moved by
-- fold_event_counts (migration 46) with the other counts; the deltas pending are
-- folded first, under a lock that holds the writers of events off until the
-- table counts the events as they stand. Pages are left half empty so that a
-- count changes in place.
LOCK TABLE events IN SHARE MODE;
SELECT fold_event_counts(true, 1);
CREATE TABLE event_square_days (
  day date NOT NULL,
  end_day date,
  private boolean NOT NULL,
  event_type text NOT NULL,
  sub_event_type text NOT NULL,
  x integer NOT NULL,
  y integer NOT NULL,
  events integer NOT NULL,
  lon_sum numeric NOT NULL,
  lat_sum numeric NOT NULL,
  west double precision,
  south double precision,
  east double precision,
  north double precision
) WITH (fillfactor = 50);
CREATE UNIQUE INDEX event_square_days_key ON event_square_days (${SQUARE_DAY_KEY}) NULLS NOT DISTINCT;
-- The events ending in a first day's month from that day on, by their last day.
CREATE INDEX event_square_days_end ON event_square_days (end_day, day);

${emptiedWithEvents('event_square_days')}

INSERT INTO event_square_days (${SQUARE_DAY_KEY}, events, lon_sum, lat_sum, west, south, east, north)
SELECT ${SQUARE_DAY_KEY}, sum(n), sum(n * lon::numeric), sum(n * lat::numeric), min(lon), min(lat),
  max(lon), max(lat)
FROM (${squareDaysChanged(`SELECT 1 AS sign, ${COUNTED_COLUMNS} FROM events`)}) AS e
GROUP BY 1, 2, 3, 4, 5, 6, 7
ORDER BY 1, 2, 3, 4, 5, 6, 7;
ANALYZE event_square_days;

${foldFunction(
  'CREATE OR REPLACE FUNCTION',
  `\n  ${facetCountsMoved(DELTAS_TAKEN)}\n  ${squareDaysMoved(DELTAS_TAKEN)}`,
)}
`,
  },
  {
    version: 51,
    name: 'the facets of every event counted by value and the months it starts and ends in',
    sql: `
-- How many events, public and private apart, under each type (with their best
-- fatality figures), governorate, actor, claimant and review status, by the
-- months they start and end in: event_facet_counts' rows (migration 48) by
-- both months. The facets, monthly timeline and months of a filter of days
-- (and the private mark) summed the rows of event_summary of its whole months
-- and grouped them seven ways: at 1,000,000 events of the bench's fill, days
-- from mid-month on read 11,744 of its 44,257 rows (~23 ms of CPU on
-- PostgreSQL); all of this table is ~2,400 rows. Moved by fold_event_counts
-- (migration 46) with the other counts; the deltas pending are folded first,
-- under a lock that holds the writers of events off until the table counts
-- the events as they stand.
LOCK TABLE events IN SHARE MODE;
SELECT fold_event_counts(true, 1);
CREATE TABLE event_facet_spans (
  private boolean NOT NULL,
  facet text NOT NULL,
  key text NOT NULL,
  month date,
  end_month date,
  events integer NOT NULL,
  fatalities bigint NOT NULL
);
CREATE UNIQUE INDEX event_facet_spans_key ON event_facet_spans (private, facet, key, month, end_month)
  NULLS NOT DISTINCT;

${emptiedWithEvents('event_facet_spans')}

DO $$
DECLARE
  emptied tid[];
BEGIN
  ${facetSpansMoved(`SELECT 1 AS sign, ${COUNTED_COLUMNS} FROM events`)}
END
$$;
ANALYZE event_facet_spans;

${foldFunction(
  'CREATE OR REPLACE FUNCTION',
  `\n  ${facetCountsMoved(DELTAS_TAKEN)}\n  ${squareDaysMoved(DELTAS_TAKEN)}\n  ${facetSpansMoved(DELTAS_TAKEN)}`,
)}
`,
  },
  {
    version: 52,
    name: "an event's members and their claims kept a row each",
    sql: `
-- An act told by many reports is one event of as many members: each batch
-- that grew it wrote its whole data again (1.5 MB of JSON at 1,500 reports),
-- compressed, compared and logged, though a batch adds a member or two. Its
-- members and their claims are kept a row each, written only when new or
-- changed (by the hash linking keeps of each, see saveEvents); events.data keeps the
-- rest, and event_whole gives the event as it was whole.
CREATE TABLE event_members (
  event_id text NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  incident_id text NOT NULL,
  member jsonb NOT NULL,
  claims jsonb NOT NULL,
  -- Of the member and claims as linking wrote them; '' for a row moved here by this migration,
  -- which the next batch that rebuilds its event writes again.
  hash text NOT NULL,
  PRIMARY KEY (event_id, incident_id)
);

-- An event's claims are its members' claims one member after another, in the order of the
-- members (by key, as linking sorts them: byte order). A report's incidents are next to each
-- other in that order (a key begins with its report's): each claim, which names its report, goes
-- to that report's first member. The claims read back one member after another are those stored.
INSERT INTO event_members (event_id, incident_id, member, claims, hash)
SELECT e.id, m.member->>'incident', m.member,
  coalesce((SELECT jsonb_agg(c.claim ORDER BY c.k)
            FROM jsonb_array_elements(e.data->'claims') WITH ORDINALITY AS c(claim, k)
            WHERE c.claim->>'document' = m.member->>'document'
              AND NOT EXISTS (
                SELECT 1 FROM jsonb_array_elements(e.data->'members') WITH ORDINALITY AS p(member, n)
                WHERE p.n < m.n AND p.member->>'document' = m.member->>'document')), '[]'),
  ''
FROM events e
CROSS JOIN LATERAL jsonb_array_elements(e.data->'members') WITH ORDINALITY AS m(member, n);

UPDATE events SET data = data - 'members' - 'claims';

-- An event as it was whole: its data with its members and their claims, in the members' order.
CREATE FUNCTION event_whole(event_id text, data jsonb) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT $2 || jsonb_build_object(
    'members', coalesce((SELECT jsonb_agg(m.member ORDER BY m.incident_id COLLATE "C")
                         FROM event_members m WHERE m.event_id = $1), '[]'::jsonb),
    'claims', coalesce((SELECT jsonb_agg(c.claim ORDER BY m.incident_id COLLATE "C", c.k)
                        FROM event_members m
                        CROSS JOIN LATERAL jsonb_array_elements(m.claims) WITH ORDINALITY AS c(claim, k)
                        WHERE m.event_id = $1), '[]'::jsonb))
$$;
ANALYZE event_members;
`,
  },
  {
    version: 53,
    name: 'an event made whole from one read of its member rows',
    sql: `
-- Read twice, once for the members and once for their claims, each a member's
-- claims spread into rows and gathered again: a page of events for export cost
-- ~1.7× its CPU before migration 52. Read once here, the claims arrays
-- gathered in the members' order and flattened in that order.
CREATE OR REPLACE FUNCTION event_whole(event_id text, data jsonb) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT $2 || jsonb_build_object(
    'members', coalesce(jsonb_agg(m.member ORDER BY m.incident_id COLLATE "C"), '[]'::jsonb),
    'claims', coalesce(
      jsonb_path_query_array(jsonb_agg(m.claims ORDER BY m.incident_id COLLATE "C"), '$[*][*]'),
      '[]'::jsonb))
  FROM event_members m WHERE m.event_id = $1
$$;
`,
  },
  {
    version: 54,
    name: 'no statistics on the columns of bytes, texts and JSON no statement filters by',
    sql: `
-- Every refresh of the statistics (refreshStatistics, at each doubling of an
-- ingest's tables) sampled these columns, detoasting up to 30,000 of their
-- values, for statistics no plan uses: no statement filters, joins or groups
-- by them, and each is read only by its row's key. On a PGlite store of 1,250
-- real reports ANALYZE of the reports' tables took 44 ms of CPU without them
-- against 66. events.data keeps its statistics: event lists fetch it in plans
-- whose sorts are priced by its width.
ALTER TABLE captures ALTER COLUMN raw SET STATISTICS 0;
ALTER TABLE documents ALTER COLUMN text SET STATISTICS 0, ALTER COLUMN tallies SET STATISTICS 0,
  ALTER COLUMN warnings SET STATISTICS 0, ALTER COLUMN sources SET STATISTICS 0;
ALTER TABLE incidents ALTER COLUMN data SET STATISTICS 0;
ALTER TABLE incident_links ALTER COLUMN reasons SET STATISTICS 0;
ALTER TABLE event_members ALTER COLUMN member SET STATISTICS 0, ALTER COLUMN claims SET STATISTICS 0;
`,
  },
  {
    version: 55,
    name: 'the facets of the events of one value counted by value and month',
    sql: `
-- How many events, public and private apart, under each value a filter of one
-- value finds them by (a type or sub-type, governorate, actor, claimant or
-- review status: by_facet, by_key), counted as event_facet_counts counts them
-- (migration 48): under their type and the month they start in, with their
-- best fatality figures, and under each governorate, actor, claimant and
-- review status they have. The facets and monthly timeline of a filter of one
-- such value grouped its rows of event_summary seven ways: at 1,000,000
-- events of the bench's fill on PGlite, a review status's facets read most of
-- its 44,000 rows (~52 ms of CPU); these are a few hundred rows a value.
-- Counted from event_summary (the same events, a row for each of their sets of
-- values), and moved by fold_event_counts (migration 46) with the other
-- counts; the deltas pending are folded first, under a lock that holds the
-- writers of events off until the table counts the events as they stand.
LOCK TABLE events IN SHARE MODE;
SELECT fold_event_counts(true, 1);
CREATE TABLE event_facet_pairs (
  private boolean NOT NULL,
  by_facet text NOT NULL,
  by_key text NOT NULL,
  facet text NOT NULL,
  key text NOT NULL,
  month date,
  events integer NOT NULL,
  fatalities bigint NOT NULL
);
CREATE UNIQUE INDEX event_facet_pairs_key ON event_facet_pairs
  (by_facet, by_key, private, facet, key, month) NULLS NOT DISTINCT;

${emptiedWithEvents('event_facet_pairs')}

DO $$
DECLARE
  emptied tid[];
BEGIN
  ${facetPairsMoved(`SELECT events AS n, fatalities AS dead, private, month, event_type, sub_event_type,
      admin1_pcode, actor1, actor2, review_status, claimants FROM event_summary`)}
END
$$;
ANALYZE event_facet_pairs;

${foldFunction('CREATE OR REPLACE FUNCTION', MOVED_SINCE_55)}
`,
  },
  {
    version: 56,
    name: 'the counts by day found by their type or sub-type',
    sql: `
-- The timeline by day or week of a type and days (eventTimeline, from the
-- counts by day: dayConditions) read every row of event_days up to its last
-- day and kept the type's (its condition, the event type or the sub-type, is
-- an OR that event_days_key, in day order, cannot follow): at 100,000 events
-- of the bench's fill, a type over fifteen months read all 29,000 rows for
-- 4,250 (PostgreSQL, 13-21 ms). By type, then day, each of the two is a range
-- (a BitmapOr of both), and only the type's rows are read (2 ms).
CREATE INDEX event_days_type ON event_days (event_type, day);
CREATE INDEX event_days_sub_type ON event_days (sub_event_type, day);
`,
  },
  {
    version: 57,
    name: "incidents' data compressed fast",
    sql: `
-- An incident's data (~2.7 kB of JSON) is over
-- the size at which a row's values are compressed, and pglz compressed each
-- one as its report was stored: the incidents of 5,000 generated reports took
-- 190-197 ms of the server's CPU to write with pglz, 80-81 with lz4 (0.02 ms a
-- report, of the ~0.8 the server spends on one), and 84-87 ms to read back
-- against 90-93; lz4 packs them less (13.6 MB against 11.4). The values are
-- the same: those stored before stay pglz, read as ever. Where the server was
-- built without lz4 (the embedded engine) it stays pglz, as events' data did
-- (migration 44).
DO $$
BEGIN
  ALTER TABLE incidents ALTER COLUMN data SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  NULL;
END
$$;
`,
  },
  {
    version: 58,
    name: 'the counts folded in no order',
    sql: `
-- fold_event_counts sorted the rows of each table of counts it moves by their
-- key before writing them, as the triggers that moved them from every writer
-- of events did so that two writers never waited on each other in turn (the
-- rows of each key locked in one order). Only the folder holding its lock
-- writes them now (migration 46): the sorts, 15% of a fold's CPU, are gone.
-- The deltas of 5,000 generated reports' events (2,617) folded at once: 540
-- and 555 ms of the server's CPU (medians of two rounds of 15 alternated
-- folds), 461 and 467 without. Written in no order, the keys'
-- indexes fill their pages less: after an ingest of the same 5,000 reports,
-- folded as it goes, the counts' indexes are 560 pages against 555.
${unordered(foldFunction('CREATE OR REPLACE FUNCTION', MOVED_SINCE_55))}
`,
  },
  {
    version: 59,
    name: 'no statistics on the words and names of events, which no plan needs',
    sql: `
-- The events' words and names are filtered by one condition only: that they
-- share a word with ARRAY(SELECT ... FROM search_words or search_terms), an
-- array the planner does not know when it plans, so it estimates the share of
-- rows with its default. PostgreSQL 17 and later (the embedded engine) also
-- read them to guess how many elements unnest() gives, 10 an array without
-- them: the plans of the words a write keeps (wordsGained) and of a kept
-- search's squares measured again (searchCountsTidied) are the same with them
-- or without on the embedded store of 2,000 generated reports. Yet each refresh sorted every
-- sampled row's whole array to make them: in the server's CPU of the
-- refreshes' ANALYZE over an ingest of 10,000 generated reports, event_words
-- took 90-104 ms against 43-46 without, events 109-146 against 92-95 (two
-- alternated runs each). A store analysed before keeps the statistics it had
-- (ANALYZE passes these columns by), as good for these plans as none.
ALTER TABLE event_words ALTER COLUMN words SET STATISTICS 0, ALTER COLUMN search_names SET STATISTICS 0;
ALTER TABLE events ALTER COLUMN search_names SET STATISTICS 0;
`,
  },
  {
    version: 60,
    name: 'the counts by facet folded from their deltas grouped first',
    sql: `
-- fold_event_counts moved the counts by facet (event_tiles,
-- event_facet_counts, event_facet_spans, event_facet_pairs) by spreading each
-- delta into its facets' values, through a subquery for each delta, then
-- summing them: a fold of 2,706 deltas (those of the second 5,000 of 10,000
-- generated reports) was ~20,000 rows for each of these tables, and 178,716
-- pairs summed into 1,803 rows. The deltas are now summed by a facet's
-- columns first (beside a point for the tiles, the months for the spans, the
-- other facet's columns for the pairs), then spread: a few hundred rows a
-- facet, ~8,500 pairs. The counts are the same sums of the same signed
-- events: after an ingest of those 10,000 reports every table of counts is
-- the same (md5) as the fold of migration 58 leaves it, on the server and on
-- the embedded engine. The fold of those 2,706 deltas took 512-608 ms of the
-- server's CPU against 750-875 (medians of three rounds of five, alternated,
-- on a loaded machine); its pairs alone 76 ms against 169 (their sums, not
-- their writes). event_day_facets keeps its statement: by day and type the
-- deltas hardly merge, and summing them first cost more (48 ms against 19).
${FOLD_GROUPED}
`,
  },
  {
    version: 61,
    name: "a phrase's events found through their words, and the trigram index of their text dropped",
    sql: `
-- events_search, the trigram index of the events' text, was kept for the
-- searches event_words could not answer alone: a phrase, or a word of over
-- 101 letters. Every event written cost 0.6-0.9 ms of the embedded engine's
-- time to keep it (its trigrams 0.12 ms of that), the largest single cost of
-- an ingest. Those searches now find their candidates through the events'
-- words (phrase_events: a word ending in the first, the middle ones, a word
-- starting with the last), then compare each candidate's text with the
-- search as written: the same events. keep_search finds a phrase's so too.
-- 20,000 generated reports into the embedded engine: 354, 367, 355 reports/s
-- of its CPU with the index, 364, 368, 378 without (alternated, load 5-7).
${PHRASE_EVENTS}
${keepOrCountFunction(true, true)}
DROP INDEX events_search;
`,
  },
  {
    version: 62,
    name: "the vocabulary's words by their letters reversed, for a phrase's first word",
    sql: `
-- A phrase's first word is the end of a word of the text: «5 قتلى» is in a
-- text with a word ending in «5». A word of one letter at the end of a LIKE
-- pattern gives the trigram index of the vocabulary no trigram to seek, and
-- it read itself whole; its words reversed are found by their start in a
-- btree instead, whatever the length (queries.ts, phraseCondition).
CREATE INDEX search_words_ending ON search_words (reverse(word) text_pattern_ops);
ANALYZE search_words;
`,
  },
  {
    version: 63,
    name: 'indexes no statement reads dropped',
    sql: `
-- Every write of an event or a report files it in each of its table's
-- indexes; these two are read by no statement, and cost every ingest.
-- events_names, the names of an event in a GIN index: a filter finds a name
-- a letter off through it only beside its text (search_text LIKE … OR
-- search_names && …), and since the trigram index of the text was dropped
-- (migration 61) no index answers that half, so the planner reads the OR as
-- one filter on the rows it reads by their other conditions; a search's views
-- read event_words (its own index of names) or search_matches. The filters
-- bench's views and the review queue, sorted lists and reports at 100,000
-- events read it 0 times (pg_stat_user_indexes).
DROP INDEX events_names;
-- captures_source: no statement looks a capture up by where it came from
-- (by its hash, the key, or its report, captures_document).
DROP INDEX captures_source;
`,
  },
];

/**
 * Brings the schema up to date, or up to the version `upTo` (where a test of a
 * migration starts: a store as an older wathiq left it). Safe to run from
 * several processes at once.
 */
export async function migrate(db: Database, upTo = Infinity): Promise<void> {
  const applied = await db.transaction(async (tx) => {
    // One process migrates; the others wait and then find nothing to do.
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('wathiq:migrate'))");
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = new Set(
      (await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).map(
        (r) => r.version,
      ),
    );
    let count = 0;
    for (const m of MIGRATIONS) {
      if (done.has(m.version) || m.version > upTo) continue;
      await execute(tx, m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        m.version,
        m.name,
      ]);
      count++;
    }
    return count;
  });
  // A migration that rewrites every event (52 moved their members out) leaves
  // the table twice its size, half of it dead rows, which the embedded engine
  // never vacuums: at 1,000,000 events on PGlite, a box's facets took 132 ms
  // of CPU against 48 once vacuumed, the timeline of every filter at once 299
  // against 23. The tables grown are refreshed as after a bulk ingest.
  if (applied > 0) await refreshStaleStatistics(db);
}

/**
 * Runs a migration's statements one by one (the extended protocol takes one at
 * a time). A statement ends at a semicolon that ends a line, outside the
 * dollar quotes of a function's body.
 */
async function execute(tx: Sql, sql: string): Promise<void> {
  const statements: string[] = [];
  let statement = '';
  sql.split('$$').forEach((part, k) => {
    // Odd parts are inside dollar quotes: the function's body, kept whole.
    if (k % 2 === 1) {
      statement += `$$${part}$$`;
      return;
    }
    const [first = '', ...rest] = part.split(/;\s*\n/);
    statement += first;
    for (const next of rest) {
      statements.push(statement);
      statement = next;
    }
  });
  statements.push(statement);
  for (const s of statements) {
    const text = s.replace(/^\s*--.*$/gm, '').trim();
    if (text !== '') await tx.query(text);
  }
}

export const SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

/** The tables whose statistics a refresh makes, beside those VACUUM (ANALYZE) makes (VACUUMED). */
const ANALYZED = 'documents, captures, incidents, incident_links, search_terms, search_words';

/** The tables a refresh vacuums as it makes their statistics. */
const VACUUMED =
  'events, event_members, event_summary, event_points, event_point_facets, event_days, event_cells, event_words, event_day_facets, search_matches, event_square_months, event_tiles, search_summary, search_square_months, event_count_deltas, event_facet_counts, event_square_days, event_facet_spans, event_facet_pairs';

/** The settings row of a refresh for readers owed since one made for the planner alone. */
const READERS_OWED = 'statistics: refresh for readers owed';

/**
 * Whether anything reads the store while the statistics are refreshed: an
 * embedded store's ingest command holds the store's folder, and nothing but
 * its own statements reads it until it ends.
 */
export interface Readers {
  readonly readers?: boolean;
}

/**
 * Tells the planner what the tables hold now (never inside a transaction). After a bulk ingest its
 * statistics are those of a far smaller store, and its plans with them
 * (PGlite has no autovacuum to do this). With no `readers`, only the
 * statistics, of the same tables: what the rest does (counts folded, pages
 * marked all-visible, the trigram indexes' pending lists merged) is for
 * reads, which the writer's end refreshes for. An ingest of 10,000 generated
 * reports into PGlite spent 1.4 s of CPU in its seven VACUUMs.
 */
export async function refreshStatistics(db: Sql, { readers = true }: Readers = {}): Promise<void> {
  if (!readers) {
    await db.query(`ANALYZE ${ANALYZED}, ${VACUUMED}`);
    // Owed until a refresh for readers is made: were the writer stopped before its end (killed,
    // a batch's error), the next refreshStaleStatistics for readers makes it (statisticsStale).
    await db.query(
      `INSERT INTO settings (name, value) VALUES ($1, 'true') ON CONFLICT (name) DO NOTHING`,
      [READERS_OWED],
    );
    return;
  }
  // The tables of counts as the events stand, but for fewer than FOLD_AFTER deltas, before their
  // statistics are taken: a fold costs nearly as much for 200 deltas as for 2,000 (on PGlite,
  // 240–380 ms against 510–540), and an ingest into a new store refreshes at every doubling (on a
  // server; an embedded store's ingest command only analyzes then, and makes this at its end). Six
  // refreshes of 5,000 reports folded 7 times for 1.47 s of CPU, piled 2–3 times for 1.06 s (and
  // VACUUM had 0.25 s less to do). The counts themselves are the same: a read folds first.
  await foldPiledCounts(db);
  await db.query(`ANALYZE ${ANALYZED}`);
  // VACUUM marks the events' pages all-visible too, so that counts, the map
  // and the timeline read events_facts alone rather than each event as well.
  // The tables of counts change a row at every event written: their dead
  // versions go here too (the embedded engine has no autovacuum), at the cost
  // of reading a few thousand rows. event_tiles is read from its index alone
  // (migration 39), which needs its pages marked all-visible as the events' are. The deltas of
  // the counts (migration 46) are deleted as they are folded: their dead rows go too.
  await db.query(`VACUUM (ANALYZE) ${VACUUMED}`);
  // The words the reports' and names' trigram indexes hold aside since the
  // last merge (GIN's pending list, up to 4 MB) are merged in: nothing else
  // merges them where there is no autovacuum, and read through by every
  // search they made the planner prefer reading all reports (`wathiq search`
  // over 10,000 reports took 1 s of CPU; the merged index answers in 15–35 ms).
  // Only the pending list is merged, not the whole index read as VACUUM does.
  await db.query(
    `SELECT gin_clean_pending_list('documents_search'::regclass),
            gin_clean_pending_list('search_terms_similar'::regclass),
            gin_clean_pending_list('search_words_holding'::regclass)`,
  );
  await db.query('DELETE FROM settings WHERE name = $1', [READERS_OWED]);
}

/**
 * Refreshes the statistics when a table the filters and linking read has grown
 * on disk since they were made (pg_class.relpages, set by the last ANALYZE or
 * VACUUM): after bulk work however it came (a folder, an upload, a worker's
 * bundles, a reprocess). Asking costs a look at four tables' sizes.
 * A refresh reads each table whole up to ANALYZE's sample (300 rows per unit
 * of default_statistics_target, 30,000) and costs some 15 tables' fixed price
 * besides (their statistics written, every cached plan of them made again):
 * for growth by f, an ingest into a small store spends on refreshes what
 * reading the store f/(f-1) times costs. So a table within the sample is
 * refreshed once it has doubled (twice, against 3 times by half and 6 by a
 * fifth; by half, 9 refreshes of 3,000 reports on PGlite took 1.6 of 13.9 s of the
 * ingest's CPU, and 18% of the server's on PostgreSQL). Beyond the sample a
 * refresh's price no longer grows with the store while the rows between two
 * refreshes do, and statistics a half behind plan badly (on 100,000 events grown by 45,000 of new dates and a new actor,
 * the planner expected 611 events of a new month for 7,028, 1 of the actor for
 * 15,001): a larger table is refreshed once grown by a fifth.
 * Never inside a transaction. True when it refreshed them; false when they
 * were fresh, or another process was refreshing them: workers that finish
 * bundles at once all found the same tables grown, and each refreshed them
 * (6,000 reports into PostgreSQL by three workers: 19 refreshes where one
 * worker made 9, a third of the server's CPU), each waiting on the other's
 * VACUUM of the same tables. One refreshes, under a lock of its session; the
 * others go on with their bundles, and one that takes the lock as the last
 * refresh ends finds the statistics fresh. With no `readers`, only the
 * statistics are made (refreshStatistics).
 */
export async function refreshStaleStatistics(
  db: Database,
  readers: Readers = {},
): Promise<boolean> {
  if (!(await statisticsStale(db, readers))) return false;
  return db.session(async (session) => {
    const [lock] = await session.query<{ taken: boolean }>(
      `SELECT pg_try_advisory_lock(${REFRESH_LOCK}) AS taken`,
    );
    if (lock?.taken !== true) return false;
    try {
      if (!(await statisticsStale(session, readers))) return false;
      await refreshStatistics(session, readers);
      return true;
    } finally {
      await session.query(`SELECT pg_advisory_unlock(${REFRESH_LOCK})`);
    }
  });
}

/** The lock one refresher of the statistics holds at a time (refreshStaleStatistics). */
const REFRESH_LOCK = "hashtext('wathiq:refresh statistics')";

/**
 * Whether a table the filters and linking read has grown enough since its statistics were made,
 * or, for `readers`, a refresh for them is owed (refreshStatistics with none).
 */
async function statisticsStale(db: Sql, { readers = true }: Readers = {}): Promise<boolean> {
  const [row] = await db.query<{ stale: boolean }>(
    `SELECT coalesce(bool_or(pg_relation_size(c.oid) >
                             CASE WHEN c.reltuples > 300 * current_setting('default_statistics_target')::int
                                  THEN 1.2 ELSE 2 END
                             * current_setting('block_size')::bigint * greatest(c.relpages, 8)), false)
            OR ($1 AND EXISTS (SELECT 1 FROM settings WHERE name = $2)) AS stale
     FROM pg_class c
     WHERE c.oid IN ('events'::regclass, 'incidents'::regclass, 'documents'::regclass,
                     'incident_links'::regclass)`,
    [readers, READERS_OWED],
  );
  return row?.stale === true;
}
