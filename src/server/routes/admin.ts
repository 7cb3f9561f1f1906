import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  REPORT_FACTS,
  zApiEvent,
  zIncident,
  zNote,
  zPlace,
  zRole,
  zUser,
  zUserName,
} from '../../contracts/index.js';
import { extract } from '../../extract/index.js';
import { collectReports, factsOf, InputError, readReport, sha256Hex } from '../../ingest/index.js';
import type { KnownFacts, RawReport } from '../../ingest/index.js';
import {
  addUser,
  disableTotp,
  ingestBatch,
  readingNotes,
  reviewQueue,
  searchPlaces,
  ServiceError,
  setDisabled,
  setRequireTotp,
  setRole,
  users,
} from '../../service/index.js';
import { actorOf } from '../auth.js';
import { body, declare, json } from '../declare.js';
import type { ServerDeps, ServerEnv } from '../env.js';

const listUsers = declare('users', {
  method: 'get',
  path: '/api/users',
  summary: 'Every user, their role, disabled or not',
  responses: { 200: { description: 'The users', ...json(z.object({ users: z.array(zUser) })) } },
});

const createUser = declare('users', {
  method: 'post',
  path: '/api/users',
  summary: 'Add a user',
  request: {
    body: body(z.object({ name: zUserName, role: zRole, password: z.string().min(1).max(1024) })),
  },
  responses: { 200: { description: 'The user', ...json(z.object({ user: zUser })) } },
});

const changeUser = declare('users', {
  method: 'patch',
  path: '/api/users/{name}',
  summary:
    "Change a user's role, disable or enable them (their sessions and tokens stop at once), require a second factor of them, or take theirs away (a lost phone)",
  request: {
    params: z.object({ name: zUserName }),
    body: body(
      z.object({
        role: zRole.optional(),
        disabled: z.boolean().optional(),
        /** Signing in asks them for a second factor, and to set one up if they have none. */
        require_totp: z.boolean().optional(),
        /** false takes their second factor away; only they can set one up. */
        totp: z.literal(false).optional(),
        reason: z.string().max(2000).optional(),
      }),
    ),
  },
  responses: { 200: { description: 'The user', ...json(z.object({ user: zUser })) } },
});

const gazetteer = declare('read', {
  method: 'get',
  path: '/api/gazetteer',
  summary: 'Places whose Arabic or English name holds the words, for a place picker',
  request: {
    query: z.object({
      q: z.string().min(1).max(100),
      limit: z.coerce.number().int().min(1).max(100).optional(),
    }),
  },
  responses: { 200: { description: 'The places', ...json(z.object({ places: z.array(zPlace) })) } },
});

const queue = declare('correct', {
  method: 'get',
  path: '/api/review/queue',
  summary: 'Unreviewed events, those that most need a person first, with why',
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(500).optional() }) },
  responses: {
    200: {
      description: 'The queue',
      ...json(
        z.object({ items: z.array(z.object({ event: zApiEvent, reasons: z.array(z.string()) })) }),
      ),
    },
  },
});

const zPasted = z.object({
  text: z.string().min(1).max(1_000_000),
  title: z.string().max(1000).nullable().optional(),
  outlet: z.string().max(200).nullable().optional(),
  url: z.string().max(2000).nullable().optional(),
  published: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}/, 'expected a date as YYYY-MM-DD')
    .nullable()
    .optional(),
});

const zSaved = z.object({
  source: z.string(),
  outcome: z.string(),
  reason: z.string().nullable(),
  document: z.string().nullable(),
  events: z.array(z.string()),
  /** Facts a report stored before lacked, given by this one and read again with. */
  completed: z.array(z.enum(REPORT_FACTS)),
  /** Facts it lacked that it could not take: it could not be read again with them. */
  not_completed: z.object({ facts: z.array(z.enum(REPORT_FACTS)), reason: z.string() }).nullable(),
  /** Facts it keeps that this one gave otherwise (another date): a stored fact is never replaced. */
  differing: z.array(
    z.object({ fact: z.enum(REPORT_FACTS), stored: z.string(), given: z.string() }),
  ),
});

/** A report that was not stored, and why. */
const unsaved = (source: string, reason: string): z.infer<typeof zSaved> => ({
  source,
  outcome: 'failed',
  reason,
  document: null,
  events: [],
  completed: [],
  not_completed: null,
  differing: [],
});

const paste = declare('report:add', {
  method: 'post',
  path: '/api/reports',
  summary: 'Add a pasted report: read, extracted, linked and stored as `wathiq ingest` does',
  request: { body: body(zPasted) },
  responses: { 200: { description: 'What became of it', ...json(zSaved) } },
});

/** What wathiq reads from a report, before it is stored: every span points into `text`. */
const zReading = z.object({
  /** `pasted`, or the file (and line or item) it came from. */
  source: z.string(),
  text: z.string(),
  incidents: z.array(zIncident),
  warnings: z.array(z.string()),
  /** The warnings, each with a code and the values it names, for a reader's language. */
  notes: z.array(zNote),
});

const preview = declare('report:add', {
  method: 'post',
  path: '/api/reports/preview',
  summary: 'What wathiq reads from a pasted report, without storing it',
  request: { body: body(zPasted) },
  responses: {
    200: {
      description: 'The incidents read, and the text as read (every span points into it)',
      ...json(zReading),
    },
  },
});

const upload = declare('report:add', {
  method: 'post',
  path: '/api/reports/upload',
  summary: 'Add report files (.txt, .html, feeds, NDJSON) in a multipart form, field `file`',
  request: {
    body: {
      required: true,
      content: { 'multipart/form-data': { schema: z.object({ file: z.unknown() }) } },
    },
  },
  responses: {
    200: { description: 'What became of each', ...json(z.object({ reports: z.array(zSaved) })) },
  },
});

const uploadPreview = declare('report:add', {
  method: 'post',
  path: '/api/reports/upload/preview',
  summary:
    'What wathiq reads from report files (as `/api/reports/upload` takes them), without storing them',
  request: {
    body: {
      required: true,
      content: { 'multipart/form-data': { schema: z.object({ file: z.unknown() }) } },
    },
  },
  responses: {
    200: {
      description: 'A reading of each report the files hold, and the files that could not be read',
      ...json(z.object({ readings: z.array(zReading), failed: z.array(zSaved) })),
    },
  },
});

/** A pasted report as the ingest path takes it: one NDJSON record. */
function pastedReport(pasted: z.infer<typeof zPasted>): RawReport {
  // The bytes are the text alone; what the person typed beside it are facts given
  // with it (source 'form'), as `ingest --published` gives them: so the same text
  // pasted again with a date it was stored without is the same report, and takes
  // the date. A stored fact is never replaced by another.
  const raw = new TextEncoder().encode(JSON.stringify({ text: pasted.text }));
  const { title, outlet, url, published } = pasted;
  let facts: KnownFacts;
  try {
    facts = factsOf('the pasted report', { title, outlet, url, published }, 'form');
  } catch (error) {
    // Of these facts only a date can be refused (one that is no day of the calendar).
    if (error instanceof InputError) throw new ServiceError('invalid', error.problem, 'published');
    throw error;
  }
  return {
    source: 'pasted',
    format: 'ndjson',
    raw,
    sha256: sha256Hex(raw),
    capturedAt: new Date().toISOString(),
    facts,
  };
}

export function adminRoutes(app: OpenAPIHono<ServerEnv>, deps: ServerDeps): void {
  const ctx = { db: deps.db, knowledge: deps.knowledge };
  const findUser = async (name: string) => {
    const user = (await users(deps.db)).find((u) => u.name === name);
    if (user === undefined) throw new ServiceError('not_found', `no user ${name}`);
    return user;
  };
  /** What became of stored reports: their document and the events their incidents are in. */
  const saved = async (
    results: Awaited<ReturnType<typeof ingestBatch>>,
    reports: readonly RawReport[],
  ) =>
    Promise.all(
      results.map(async (result, k) => {
        const [row] = await deps.db.query<{ document: string; events: string[] }>(
          `SELECT c.document_id AS document,
                  coalesce(array_agg(DISTINCT i.event_id) FILTER (WHERE i.event_id IS NOT NULL), '{}') AS events
           FROM captures c LEFT JOIN incidents i ON i.document_id = c.document_id
           WHERE c.sha256 = $1 GROUP BY c.document_id`,
          [reports[k]?.sha256 ?? ''],
        );
        return {
          source: result.source,
          outcome: result.outcome,
          reason: result.reason ?? null,
          document: row?.document ?? null,
          events: row?.events ?? [],
          completed: [...(result.completed ?? [])],
          not_completed:
            result.notCompleted === undefined
              ? null
              : { facts: [...result.notCompleted.facts], reason: result.notCompleted.reason },
          differing: (result.differing ?? []).map((d) => ({ ...d })),
        };
      }),
    );

  app.openapi(listUsers, async (c) => c.json({ users: await users(deps.db) }, 200));

  app.openapi(createUser, async (c) => {
    const request = c.req.valid('json');
    await addUser(ctx, actorOf(c), request);
    return c.json({ user: await findUser(request.name) }, 200);
  });

  app.openapi(changeUser, async (c) => {
    const actor = actorOf(c);
    const { name } = c.req.valid('param');
    const request = c.req.valid('json');
    await findUser(name);
    if (request.role !== undefined)
      await setRole(ctx, actor, name, request.role, request.reason ?? null);
    if (request.disabled !== undefined)
      await setDisabled(ctx, actor, name, request.disabled, request.reason ?? null);
    if (request.require_totp !== undefined)
      await setRequireTotp(ctx, actor, name, request.require_totp, request.reason ?? null);
    if (request.totp === false) await disableTotp(ctx, actor, name);
    return c.json({ user: await findUser(name) }, 200);
  });

  app.openapi(gazetteer, (c) => {
    const query = c.req.valid('query');
    return c.json(
      { places: searchPlaces(deps.knowledge().gazetteer, query.q, query.limit ?? 12) },
      200,
    );
  });

  app.openapi(queue, async (c) => {
    const { limit } = c.req.valid('query');
    return c.json({ items: await reviewQueue(deps.db, actorOf(c), limit ?? 100) }, 200);
  });

  /** What wathiq reads from a report, stored nowhere. */
  const reading = (report: RawReport, source: string) => {
    const warnings: string[] = [];
    const document = readReport(report, { onWarning: (w) => warnings.push(w) });
    const result = extract(document, { knowledge: deps.knowledge() });
    const all = [...warnings, ...result.warnings];
    return {
      source,
      text: document.text,
      incidents: result.incidents,
      warnings: all,
      notes: readingNotes(all, result.coded_warnings),
    };
  };

  app.openapi(preview, (c) => c.json(reading(pastedReport(c.req.valid('json')), 'pasted'), 200));

  app.openapi(paste, async (c) => {
    const report = pastedReport(c.req.valid('json'));
    const results = await ingestBatch(deps.db, deps.knowledge(), [report]);
    const [one] = await saved(results, [report]);
    deps.statistics.request();
    return c.json(one ?? unsaved('pasted', 'lost'), 200);
  });

  /** Uploaded files as the ingest path takes them: on disk, walked, each feed item and NDJSON line a report. */
  const uploaded = async (request: {
    formData: () => Promise<FormData>;
  }): Promise<{ reports: RawReport[]; failed: z.infer<typeof zSaved>[] }> => {
    const form = await request.formData();
    const files = form.getAll('file').filter((f): f is File => f instanceof File);
    if (files.length === 0)
      throw new ServiceError('invalid', 'file: send one or more files', 'file');
    const dir = await mkdtemp(join(tmpdir(), 'wathiq-upload-'));
    try {
      const paths: string[] = [];
      for (const [k, file] of files.entries()) {
        const path = join(
          dir,
          `${String(k)}-${basename(file.name).replace(/[^\p{L}\p{N}._-]/gu, '_')}`,
        );
        await writeFile(path, new Uint8Array(await file.arrayBuffer()));
        paths.push(path);
      }
      const reports: RawReport[] = [];
      const failed: z.infer<typeof zSaved>[] = [];
      // Named as the person's files were, without the number that kept two of one name apart on disk.
      const named = (source: string) => basename(source).replace(/^\d+-/, '');
      for await (const entry of collectReports(paths))
        if ('report' in entry)
          reports.push({ ...entry.report, source: named(entry.report.source) });
        else failed.push(unsaved(named(entry.failure.source), entry.failure.error.problem));
      return { reports, failed };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };

  app.openapi(upload, async (c) => {
    const { reports, failed } = await uploaded(c.req);
    const results = await ingestBatch(deps.db, deps.knowledge(), reports);
    const stored = await saved(results, reports);
    // Asked last, to run behind the reply: on a large store it takes seconds nobody should wait for.
    deps.statistics.request();
    return c.json({ reports: [...stored, ...failed] }, 200);
  });

  app.openapi(uploadPreview, async (c) => {
    const { reports, failed } = await uploaded(c.req);
    return c.json({ readings: reports.map((r) => reading(r, r.source)), failed }, 200);
  });
}
