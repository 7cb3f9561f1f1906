import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidateQuery, refreshStatistics, searchSpans } from '../../src/store/index.js';
import type { Database, SearchSpan } from '../../src/store/index.js';
import { resultOf } from '../link/reports.js';
import { engines } from './engines.js';

/** The monitor's bombing as a stored incident dated `day` in governorate `area`. */
function incidentOn(day: string, area: string, document: string) {
  const incident = resultOf('monitor').incidents[0];
  if (incident === undefined || incident.location === null) throw new Error('no test incident');
  return {
    key: `${document}#i1`,
    document,
    published: null,
    outlet: null,
    url: null,
    incident: {
      ...incident,
      date: { ...incident.date, start: day, end: day, precision: 'day' as const },
      location: { ...incident.location, admin1_pcode: area },
    },
  };
}

describe('where linking looks for candidates', () => {
  it('merges the windows of one governorate whose index ranges meet, and no others', () => {
    const spans = searchSpans([
      incidentOn('2024-03-10', 'SY07', 'a'),
      incidentOn('2024-03-12', 'SY07', 'b'),
      incidentOn('2024-01-02', 'SY07', 'c'),
      incidentOn('2024-03-11', 'SY02', 'd'),
    ]);
    expect(spans).toEqual([
      { area: 'SY02', from: '2024-03-11', to: '2024-03-11' },
      { area: 'SY07', from: '2024-01-02', to: '2024-01-02' },
      { area: 'SY07', from: '2024-03-10', to: '2024-03-12' },
    ]);
  });
});

interface PlanNode {
  readonly 'Node Type': string;
  readonly 'Relation Name'?: string;
  readonly 'Index Name'?: string;
  readonly Plans?: readonly PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/** Thousands of incidents over eight years in fourteen governorates: enough for the planner to weigh a scan. */
async function fill(db: Database, count: number): Promise<void> {
  await db.query(
    `INSERT INTO documents (id, text, search_text, tallies, warnings, published_day)
     SELECT 'doc' || k, 'نص', 'نص', '[]', '[]', date '2016-01-01' + k % 2900
     FROM generate_series(1, $1::int) AS k`,
    [count],
  );
  await db.query(
    `INSERT INTO incidents (id, document_id, background, event_type, sub_event_type, admin1_pcode,
       window_from, window_to, data)
     SELECT 'doc' || k || '#i1', 'doc' || k, k % 10 = 0, 'Battles', 'Armed clash',
       'SY' || lpad((1 + k % 14)::text, 2, '0'), date '2016-01-01' + k % 2900,
       date '2016-01-01' + k % 2900 + k % 3, '{}'
     FROM generate_series(1, $1::int) AS k`,
    [count],
  );
  await refreshStatistics(db);
}

describe.each(engines())('the candidate query on $name', (engine) => {
  let db: Database;
  beforeAll(async () => {
    db = await engine.open();
    await fill(db, 20_000);
  });
  afterAll(async () => {
    await db.close();
  });

  const spans: SearchSpan[] = [
    { area: 'SY07', from: '2020-01-01', to: '2020-01-02' },
    { area: 'SY02', from: '2021-05-03', to: '2021-05-03' },
  ];

  /** The plan of the query as a prepared statement settles on it: generic, with no values to go by. */
  async function genericPlan(): Promise<PlanNode[]> {
    const { text, params } = candidateQuery(spans);
    return db.transaction(async (tx) => {
      await tx.query('SET LOCAL plan_cache_mode = force_generic_plan');
      await tx.query(`PREPARE wathiq_candidates (text[], date[], date[]) AS ${text}`);
      const literal = (values: unknown): string => `'{${(values as string[]).join(',')}}'`;
      const [row] = await tx.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
        `EXPLAIN (FORMAT JSON) EXECUTE wathiq_candidates (${params.map(literal).join(', ')})`,
      );
      await tx.query('DEALLOCATE wathiq_candidates');
      const plan = row?.['QUERY PLAN'][0].Plan;
      if (plan === undefined) throw new Error('no plan');
      return nodes(plan);
    });
  }

  it('reads the linking index, never every incident', async () => {
    const plan = await genericPlan();
    const onIncidents = plan.filter((n) => n['Relation Name'] === 'incidents');
    expect(onIncidents.map((n) => n['Node Type'])).not.toContain('Seq Scan');
    expect(plan.map((n) => n['Index Name'])).toContain('incidents_linking');
  });

  it('finds the incidents of the spans’ governorates and days, and only those', async () => {
    const { text, params } = candidateQuery(spans);
    const rows = await db.query<{ id: string }>(text, params);
    const [expected] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM incidents WHERE NOT background AND (
         (admin1_pcode = 'SY07' AND window_from BETWEEN date '2019-11-30' AND date '2020-01-03'
           AND window_to >= date '2019-12-31')
         OR (admin1_pcode = 'SY02' AND window_from BETWEEN date '2021-04-01' AND date '2021-05-04'
           AND window_to >= date '2021-05-02'))`,
    );
    expect(rows.length).toBe(expected?.n);
    expect(rows.length).toBeGreaterThan(0);
  });
});
