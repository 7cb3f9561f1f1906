import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodTimeline, timelinePeriod } from '../../src/service/index.js';
import { eventTimeline, periodOfSpan, refreshStatistics } from '../../src/store/index.js';
import type { Database, EventFilter, Period } from '../../src/store/index.js';
import { engines } from '../store/engines.js';

/**
 * For each span, a word of its own held by two public events that many days
 * apart, and by a private one 2,000 days after the first: a viewer's span is
 * the public events', a reviewer's reaches the private one.
 */
const SPANS: readonly (readonly [string, number, Period])[] = [
  ['spana', 92, 'day'],
  ['spanb', 93, 'week'],
  ['spanc', 730, 'week'],
  ['spand', 731, 'month'],
];

async function fill(db: Database): Promise<void> {
  for (const [word, days] of SPANS)
    await db.query(
      `INSERT INTO events (id, event_type, sub_event_type, date_start, date_end, admin1_pcode, admin1,
         fatalities_best, claimants, review_status, search_text, search_names, data, private)
       SELECT $1 || k, 'Battles', 'Armed clash', d, d, 'SY07', 'محافظة', k, ARRAY['SOHR'],
         'unreviewed', 'اشتباك في قرية | ' || $1, ARRAY[]::text[], jsonb_build_object('id', $1 || k), k = 3
       FROM (VALUES (1, date '2021-02-10'), (2, date '2021-02-10' + $2::int),
                    (3, date '2021-02-10' + 2000)) AS e (k, d)`,
      [word, days],
    );
  await refreshStatistics(db);
}

describe.each(engines())("the timeline's period on $name", (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await engine.open();
    await fill(db);
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  it.each(SPANS)(
    'counts a search whose events span its days at the period the rule gives (%s: %i days)',
    async (word, days, period) => {
      expect(periodOfSpan(days)).toBe(period);
      const viewer: EventFilter = { search: word, publicOnly: true };
      const timeline = await periodTimeline(db, viewer);
      expect(timeline.period).toBe(period);
      expect(await timelinePeriod(db, viewer)).toBe(period);
      expect(timeline.buckets).toEqual(await eventTimeline(db, viewer, period));
      expect(timeline.buckets.reduce((sum, b) => sum + b.events, 0)).toBe(2);
      // A reviewer sees the private event 2,000 days on too: months.
      const reviewer: EventFilter = { search: word };
      const seen = await periodTimeline(db, reviewer);
      expect(seen.period).toBe('month');
      expect(seen.buckets.reduce((sum, b) => sum + b.events, 0)).toBe(3);
      expect(seen.buckets).toEqual(await eventTimeline(db, reviewer, 'month'));
    },
  );

  it('counts a filter without words at the period its counts tell, as the two steps do', async () => {
    for (const filter of [{ admin1Pcode: 'SY07', publicOnly: true }, {}] as EventFilter[]) {
      const period = await timelinePeriod(db, filter);
      expect(period).toBe('month');
      expect(await periodTimeline(db, filter)).toEqual({
        period,
        buckets: await eventTimeline(db, filter, period),
      });
    }
  });

  it('counts a search no event holds as no buckets, by month', async () => {
    expect(await periodTimeline(db, { search: 'spanz', publicOnly: true })).toEqual({
      period: 'month',
      buckets: [],
    });
  });
});
