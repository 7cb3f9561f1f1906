import { z } from 'zod';
import type { OpenAPIHono } from '@hono/zod-openapi';
import {
  EXPORT_FORMATS,
  zClusters,
  zEventDetail,
  zEventListQuery,
  zEventPage,
  zEventParams,
  zEventQuery,
  zFacets,
  zMapQuery,
  zTimeline,
  zTimelineQuery,
} from '../../contracts/index.js';
import type { ExportFormat } from '../../contracts/index.js';
import {
  decodeCursor,
  encodeCursor,
  eventDetail,
  eventFilter,
  exportEvents,
  periodTimeline,
} from '../../service/index.js';
import {
  countEvents,
  eventClusters,
  eventFacets,
  eventTimeline,
  listMarkedEvents,
} from '../../store/index.js';
import { actorOf } from '../auth.js';
import { declare, json } from '../declare.js';
import type { ServerDeps, ServerEnv } from '../env.js';

const list = declare('read', {
  method: 'get',
  path: '/api/events',
  summary:
    'Events matching a filter, a page at a time: newest first, or by fatalities, last change or review status',
  request: { query: zEventListQuery },
  responses: { 200: { description: 'A page of events', ...json(zEventPage) } },
});

const facets = declare('read', {
  method: 'get',
  path: '/api/events/facets',
  summary: 'Counts of the filtered events by type, governorate, actor, claimant, status, month',
  request: { query: zEventQuery },
  responses: { 200: { description: 'The counts', ...json(zFacets) } },
});

const timeline = declare('read', {
  method: 'get',
  path: '/api/events/timeline',
  summary: 'Events and fatalities of the filter per day, week or month, by type',
  request: { query: zTimelineQuery },
  responses: { 200: { description: 'The buckets', ...json(zTimeline) } },
});

const map = declare('read', {
  method: 'get',
  path: '/api/events/map',
  summary: 'The filtered events in a bounding box, clustered for a zoom level',
  request: { query: zMapQuery },
  responses: { 200: { description: 'The clusters', ...json(zClusters) } },
});

const detail = declare('read', {
  method: 'get',
  path: '/api/events/{id}',
  summary:
    "An event: its reports' text with the evidence of every field, claims, why linked, history",
  request: { params: zEventParams },
  responses: { 200: { description: 'The event', ...json(zEventDetail) } },
});

const zExportQuery = zEventQuery.extend({ format: z.enum(EXPORT_FORMATS) });

const exportRoute = declare('read', {
  method: 'get',
  path: '/api/export',
  summary: 'The filtered events in a format, streamed, however many',
  request: { query: zExportQuery },
  responses: {
    200: {
      description: 'The export',
      content: {
        'text/csv': { schema: z.string() },
        'application/json': { schema: z.string() },
        'application/geo+json': { schema: z.string() },
        'application/x-ndjson': { schema: z.string() },
      },
    },
  },
});

const MEDIA: Readonly<Record<ExportFormat, { type: string; extension: string }>> = {
  csv: { type: 'text/csv; charset=utf-8', extension: 'csv' },
  acled: { type: 'text/csv; charset=utf-8', extension: 'csv' },
  ucdp: { type: 'text/csv; charset=utf-8', extension: 'csv' },
  geojson: { type: 'application/geo+json', extension: 'geojson' },
  json: { type: 'application/json', extension: 'json' },
  ndjson: { type: 'application/x-ndjson', extension: 'ndjson' },
};

/** Map cells of about 64 screen pixels: a 256-pixel tile spans 360 / 2^zoom degrees. */
function cellDegrees(zoom: number): number {
  return 360 / 2 ** zoom / 4;
}

export function eventRoutes(app: OpenAPIHono<ServerEnv>, deps: ServerDeps): void {
  const gazetteer = () => deps.knowledge().gazetteer;

  app.openapi(list, async (c) => {
    const query = c.req.valid('query');
    const filter = eventFilter(actorOf(c), query, gazetteer);
    const sort = query.sort ?? 'date';
    const after = query.after === undefined ? null : decodeCursor(query.after, sort);
    const [page, total] = await Promise.all([
      listMarkedEvents(deps.db, filter, { limit: query.limit ?? 50, after, sort }),
      countEvents(deps.db, filter),
    ]);
    return c.json(
      {
        events: page.events,
        next: page.next === null ? null : encodeCursor(page.next, sort),
        total,
      },
      200,
    );
  });

  app.openapi(facets, async (c) => {
    const filter = eventFilter(actorOf(c), c.req.valid('query'), gazetteer);
    return c.json(await eventFacets(deps.db, filter), 200);
  });

  app.openapi(timeline, async (c) => {
    const query = c.req.valid('query');
    const filter = eventFilter(actorOf(c), query, gazetteer);
    return c.json(
      query.period === undefined
        ? await periodTimeline(deps.db, filter)
        : { period: query.period, buckets: await eventTimeline(deps.db, filter, query.period) },
      200,
    );
  });

  app.openapi(map, async (c) => {
    const query = c.req.valid('query');
    const filter = eventFilter(actorOf(c), query, gazetteer);
    return c.json({ clusters: await eventClusters(deps.db, filter, cellDegrees(query.zoom)) }, 200);
  });

  app.openapi(detail, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await eventDetail(deps.db, actorOf(c), id, gazetteer()), 200);
  });

  app.openapi(exportRoute, (c) => {
    const query = c.req.valid('query');
    const filter = eventFilter(actorOf(c), query, gazetteer);
    const chunks = exportEvents(deps.db, deps.knowledge(), query.format, filter);
    const encoder = new TextEncoder();
    // Pulled a page of events at a time as the client reads: memory stays flat, no cap on rows.
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await chunks.next();
        if (next.done === true) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
      async cancel() {
        await chunks.return(undefined);
      },
    });
    const media = MEDIA[query.format];
    return new Response(body, {
      status: 200,
      headers: {
        'content-type': media.type,
        'content-disposition': `attachment; filename="wathiq-events.${media.extension}"`,
      },
    });
  });
}
