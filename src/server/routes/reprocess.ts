import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { zEventQuery } from '../../contracts/index.js';
import { eventFilter, reprocess, ServiceError } from '../../service/index.js';
import type { ReprocessSummary } from '../../service/index.js';
import type { ReportScope } from '../../store/index.js';
import { actorOf } from '../auth.js';
import { declare, json } from '../declare.js';
import type { ServerDeps, ServerEnv } from '../env.js';

const zCounts = <K extends string>(keys: readonly [K, ...K[]]) =>
  z.object(Object.fromEntries(keys.map((k) => [k, z.number().int()])) as Record<K, z.ZodNumber>);

/** A reprocess run by the server: who asked, how far it is, and what it changed once done. */
export const zReprocessJob = z
  .object({
    id: z.number().int(),
    by: z.string(),
    started_at: z.string(),
    finished_at: z.string().nullable(),
    state: z.enum(['running', 'done', 'failed']),
    /** Reports read again so far, of how many in the scope. */
    done: z.number().int(),
    total: z.number().int(),
    summary: z
      .object({
        reports_changed: z.number().int(),
        incidents: zCounts(['added', 'removed', 'changed', 'kept']),
        events: zCounts(['added', 'removed', 'merged', 'split', 'figures', 'changed']),
        failed: z.array(z.object({ report: z.string(), reason: z.string() })),
      })
      .nullable(),
    /** Why it failed, when it did. */
    error: z.string().nullable(),
  })
  .meta({ id: 'ReprocessJob' });
type Job = z.infer<typeof zReprocessJob>;

const start = declare('reprocess', {
  method: 'post',
  path: '/api/reprocess',
  summary:
    "Read the stored reports of a filter's events (or an outlet's, or all) again with this wathiq, its dictionaries and gazetteer, and link them again, as `wathiq reprocess` does; people's corrections and decisions are kept. Runs in the background, one at a time",
  request: {
    body: {
      required: true,
      ...json(zEventQuery.extend({ outlet: z.string().min(1).max(200).optional() })),
    },
  },
  responses: {
    202: {
      description: 'Started: GET /api/reprocess follows it',
      ...json(z.object({ job: zReprocessJob })),
    },
    409: { description: 'A reprocess is running already' },
  },
});

const status = declare('reprocess', {
  method: 'get',
  path: '/api/reprocess',
  summary: 'The reprocess running, or the last one, with what it changed',
  responses: {
    200: {
      description: 'The job; null when none ran',
      ...json(z.object({ job: zReprocessJob.nullable() })),
    },
  },
});

function summaryOf(s: ReprocessSummary): NonNullable<Job['summary']> {
  return {
    reports_changed: s.reportsChanged,
    incidents: { ...s.incidents },
    events: { ...s.events },
    failed: s.failed.map((f) => ({ ...f })),
  };
}

export function reprocessRoutes(app: OpenAPIHono<ServerEnv>, deps: ServerDeps): void {
  let job: Job | null = null;
  let count = 0;

  app.openapi(start, (c) => {
    const actor = actorOf(c);
    if (job?.state === 'running')
      throw new ServiceError('conflict', `reprocess ${String(job.id)} is running: wait for it`);
    const { outlet, ...query } = c.req.valid('json');
    const events = eventFilter(actor, query, () => deps.knowledge().gazetteer);
    // An admin's filter is never narrowed to public events: asked nothing, every report is read again.
    const narrowed = Object.keys(events).some((k) => k !== 'publicOnly');
    const scope: ReportScope = {
      ...(narrowed ? { events } : {}),
      ...(outlet === undefined ? {} : { outlet }),
    };
    const knowledge = deps.knowledge();
    const current: Job = {
      id: ++count,
      by: actor.name,
      started_at: new Date().toISOString(),
      finished_at: null,
      state: 'running',
      done: 0,
      total: 0,
      summary: null,
      error: null,
    };
    job = current;
    deps.log.info({ user: actor.name, job: current.id }, 'reprocess started');
    void reprocess(deps.db, knowledge, scope, {
      onBatch: (done, total) => {
        current.done = done;
        current.total = total;
      },
    }).then(
      (summary) => {
        Object.assign(current, {
          state: 'done',
          finished_at: new Date().toISOString(),
          done: summary.done,
          total: summary.total,
          summary: summaryOf(summary),
        });
        // Its incidents and events rewritten: the planner's statistics may be those of another store.
        deps.statistics.request();
        deps.log.info(
          {
            user: actor.name,
            job: current.id,
            reports: summary.total,
            changed: summary.reportsChanged,
          },
          'reprocess done',
        );
      },
      (error: unknown) => {
        Object.assign(current, {
          state: 'failed',
          finished_at: new Date().toISOString(),
          error: error instanceof Error ? error.message : String(error),
        });
        deps.log.error({ err: error, job: current.id }, 'reprocess failed');
      },
    );
    return c.json({ job: current }, 202);
  });

  app.openapi(status, (c) => c.json({ job }, 200));
}
