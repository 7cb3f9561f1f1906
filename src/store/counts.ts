import type { Sql } from './db.js';

/**
 * How many deltas of the counts (event_count_deltas, schema.ts migration 46)
 * a writer lets pile up before it folds them after a commit: folded together,
 * the events of one place, month and value move their rows once, not once a
 * batch, while a read that finds them pending folds no more than this many.
 */
export const FOLD_AFTER = 2000;

/**
 * The same for a writer nothing reads beside (an embedded store's ingest
 * command, which holds the store's folder): its deltas are folded once, at
 * its end (foldCounts), not every FOLD_AFTER, which no read would see. A fold
 * costs less the more it takes at once (10,000 generated reports into PGlite:
 * 1.3 s of CPU for one fold of 5,600 deltas against 2.1 s for four). Still a
 * bound, so that a command stopped before its end leaves the next read no
 * more than this many.
 */
export const FOLD_ALONE_AFTER = 20_000;

/**
 * The counts moved by every delta committed (fold_event_counts), waiting for
 * a fold already under way: what a read of the counts does first, so that
 * they answer as the events stand.
 */
export async function foldCounts(db: Sql): Promise<void> {
  await db.query('SELECT fold_event_counts(true, 1)');
}

/**
 * The same once `pile` deltas are pending, by a writer after its commit,
 * left to the folder under way if there is one (never waiting on it).
 */
export async function foldPiledCounts(db: Sql, pile = FOLD_AFTER): Promise<void> {
  await db.query('SELECT fold_event_counts(false, $1)', [pile]);
}
