import { OpenAPIHono } from '@hono/zod-openapi';
import { backgroundStatistics } from '../service/index.js';
import { authenticate } from './auth.js';
import type { ServerDeps, ServerEnv } from './env.js';
import { HttpProblem, problemBody, problemOf, sendProblem } from './problems.js';
import { accountRoutes } from './routes/account.js';
import { adminRoutes } from './routes/admin.js';
import { eventRoutes } from './routes/events.js';
import { lookupRoutes } from './routes/lookups.js';
import { reportRoutes } from './routes/reports.js';
import { reprocessRoutes } from './routes/reprocess.js';
import { reviewRoutes } from './routes/review.js';
import { sessionRoutes } from './routes/session.js';
import { securityHeaders, serveWeb } from './web.js';

export interface AppOptions extends Omit<ServerDeps, 'statistics'> {
  /** The built web app's folder; none: the API alone. */
  readonly webRoot?: string | null;
  /** Whose `settled()` the caller awaits before closing the store; one of the app's own when absent. */
  readonly statistics?: ServerDeps['statistics'];
}

/**
 * wathiq's HTTP API and review app. Every route is declared from the zod
 * contracts (body and query validated, OpenAPI at /api/openapi.json) and
 * guarded by role; every refusal has one JSON shape.
 */
export function createApp(appOptions: AppOptions): OpenAPIHono<ServerEnv> {
  const app = new OpenAPIHono<ServerEnv>({
    defaultHook: (result, c) => {
      if (result.success) return undefined;
      const issue = result.error.issues[0];
      const field = issue?.path.map(String).join('.') ?? '';
      return c.json(
        problemBody(
          'invalid',
          `${field === '' ? 'the request' : field}: ${issue?.message ?? 'not valid'}`,
          field === '' ? null : field,
        ),
        400,
      );
    },
  });
  const { log } = appOptions;
  const options: ServerDeps & Pick<AppOptions, 'webRoot'> = {
    ...appOptions,
    statistics:
      appOptions.statistics ??
      backgroundStatistics(appOptions.db, (error) => {
        log.error({ err: error }, 'refreshing the statistics failed');
      }),
  };

  app.use('*', securityHeaders);
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    // Method, path and status only: no query (it may hold search words), no header, no body.
    log.info(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
        user: c.get('actor')?.name ?? null,
      },
      'request',
    );
  });
  app.use('/api/*', authenticate(options.db));
  app.onError((error, c) => {
    const problem = problemOf(error);
    if (problem !== null) return sendProblem(c, problem);
    log.error({ err: error, path: c.req.path }, 'request failed');
    return sendProblem(c, new HttpProblem(500, 'internal', 'the server failed; the log says why'));
  });

  sessionRoutes(app, options);
  eventRoutes(app, options);
  reviewRoutes(app, options);
  adminRoutes(app, options);
  accountRoutes(app, options);
  lookupRoutes(app, options);
  reportRoutes(app, options);
  reprocessRoutes(app, options);

  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'wathiq',
      version: '1',
      description:
        'Incidents read from Arabic news reports about violence in Syria: events, evidence, review, corrections.',
    },
  });
  app.all('/api/*', (c) =>
    c.json(problemBody('not_found', `no route ${c.req.method} ${c.req.path}`, null), 404),
  );
  if (options.webRoot !== undefined && options.webRoot !== null) serveWeb(app, options.webRoot);
  return app;
}
