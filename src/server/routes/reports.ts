import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  zApiError,
  zAuditEntry,
  zReportListQuery,
  zReportPage,
  zReportParams,
  zStoredReport,
} from '../../contracts/index.js';
import { reportCapture, reportPage, visibleReport, withdrawReport } from '../../service/index.js';
import { actorOf } from '../auth.js';
import { body, declare, json } from '../declare.js';
import type { ServerDeps, ServerEnv } from '../env.js';

const zChangeReply = z.object({ change: zAuditEntry.nullable(), events: z.array(z.string()) });

const list = declare('read', {
  method: 'get',
  path: '/api/reports',
  summary:
    'Stored reports, newest published first, a page at a time: by outlet, publication days, words, withdrawn',
  request: { query: zReportListQuery },
  responses: {
    200: { description: 'A page of reports', ...json(zReportPage) },
    403: { description: 'Withdrawn reports alone, asked by a viewer', ...json(zApiError) },
  },
});

const show = declare('read', {
  method: 'get',
  path: '/api/reports/{id}',
  summary:
    "A stored report: its text, the incidents read from it, its events, and its captures' hashes",
  request: { params: zReportParams },
  responses: { 200: { description: 'The report', ...json(z.object({ report: zStoredReport })) } },
});

const capture = declare('read', {
  method: 'get',
  path: '/api/reports/{id}/captures/{sha256}',
  summary: "A capture's bytes, exactly as captured (its SHA-256 in the x-content-sha256 header)",
  request: {
    params: zReportParams.extend({
      sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 in hex'),
    }),
  },
  responses: {
    200: {
      description: 'The bytes',
      content: { 'application/octet-stream': { schema: z.string() } },
    },
    409: { description: 'The bytes no longer match their hash' },
  },
});

/** Withdrawing a report or putting it back: a change, and where its incidents are now. */
const withdrawal = (path: 'withdraw' | 'restore', summary: string) =>
  declare('report:withdraw', {
    method: 'post',
    path: `/api/reports/{id}/${path}`,
    summary,
    request: {
      params: zReportParams,
      body: body(z.object({ reason: z.string().max(2000).optional() })),
    },
    responses: {
      200: {
        description: 'The change, and the events its incidents are in now',
        ...json(zChangeReply),
      },
    },
  });

const withdraw = withdrawal(
  'withdraw',
  'Withdraw a report: its incidents leave their events and it is hidden everywhere; its text and bytes are kept',
);

const restore = withdrawal(
  'restore',
  'Put a withdrawn report back: its incidents are linked into events again',
);

export function reportRoutes(app: OpenAPIHono<ServerEnv>, deps: ServerDeps): void {
  const ctx = { db: deps.db, knowledge: deps.knowledge };

  app.openapi(list, async (c) =>
    c.json(await reportPage(deps.db, actorOf(c), c.req.valid('query')), 200),
  );

  app.openapi(show, async (c) => {
    const { id } = c.req.valid('param');
    return c.json({ report: await visibleReport(deps.db, actorOf(c), id) }, 200);
  });

  app.openapi(capture, async (c) => {
    const { id, sha256 } = c.req.valid('param');
    const { bytes, source } = await reportCapture(deps.db, actorOf(c), id, sha256);
    const name = (source.split('/').at(-1) ?? 'capture').replace(/[^\w.-]+/g, '_');
    return new Response(new Uint8Array(bytes), {
      status: 200,
      headers: {
        'content-type': 'application/octet-stream',
        'content-disposition': `attachment; filename="${sha256.slice(0, 16)}-${name}"`,
        'x-content-sha256': sha256,
      },
    });
  });

  app.openapi(withdraw, async (c) => {
    const actor = actorOf(c);
    const { id } = c.req.valid('param');
    const entry = await withdrawReport(ctx, actor, id, true, c.req.valid('json').reason ?? null);
    return c.json({ change: entry, events: (await visibleReport(deps.db, actor, id)).events }, 200);
  });

  app.openapi(restore, async (c) => {
    const actor = actorOf(c);
    const { id } = c.req.valid('param');
    const entry = await withdrawReport(ctx, actor, id, false, c.req.valid('json').reason ?? null);
    return c.json({ change: entry, events: (await visibleReport(deps.db, actor, id)).events }, 200);
  });
}
