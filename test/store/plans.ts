import type { QueryOptions, Sql } from '../../src/store/index.js';

/** A node of a plan as EXPLAIN (FORMAT JSON) gives it, with the fields tests look at. */
export interface PlanNode {
  readonly 'Node Type': string;
  readonly 'Relation Name'?: string;
  readonly 'Index Name'?: string;
  readonly 'Index Cond'?: string;
  readonly 'Rows Removed by Filter'?: number;
  readonly 'Group Key'?: readonly string[];
  readonly Plans?: readonly PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/**
 * Runs each statement as asked, after keeping the plan the database chose for
 * it and how it was asked: `asked` holds every statement's options.
 */
export function explaining(db: Sql, plans: PlanNode[][], asked: QueryOptions[] = []): Sql {
  return {
    query: async <R extends object>(
      text: string,
      params: readonly unknown[] = [],
      options: QueryOptions = {},
    ) => {
      // The fold of the counts' deltas that a read of the counts does first (a function's call,
      // not a read) is passed on unseen.
      if (text.startsWith('SELECT fold_event_counts(')) return db.query<R>(text, params, options);
      asked.push(options);
      // What the code asks the planner itself (how many rows it expects) is passed on as it is.
      if (/^\s*EXPLAIN/.test(text)) return db.query<R>(text, params, options);
      const [row] = await db.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
        `EXPLAIN (FORMAT JSON) ${text}`,
        params,
        // (Planned as the statement is: without parallel workers where it asks so.)
        options,
      );
      const plan = row?.['QUERY PLAN'][0].Plan;
      if (plan === undefined) throw new Error(`no plan for ${text}`);
      plans.push(nodes(plan));
      return db.query<R>(text, params, options);
    },
  };
}
