import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { ServerEnv } from './env.js';

/** Where `npm run build` puts the web app, next to the compiled server. */
export function builtWebRoot(): string {
  return join(import.meta.dirname, '..', '..', 'web');
}

/**
 * Headers on every answer: no script but the app's own files (no inline
 * script, no eval), no framing, no sniffing of types, no referrer leaking an
 * event's address to the outlets a report links to.
 */
export const securityHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    connectSrc: ["'self'"],
    fontSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  xContentTypeOptions: 'nosniff',
  xFrameOptions: 'DENY',
  referrerPolicy: 'no-referrer',
  crossOriginResourcePolicy: 'same-origin',
});

/**
 * The built app: its files as they are, and its page for every other address
 * outside /api (the app routes in the browser).
 */
export function serveWeb(app: Hono<ServerEnv>, root: string): void {
  const index = join(root, 'index.html');
  if (!existsSync(index)) return;
  const page = readFileSync(index, 'utf8');
  app.use('/assets/*', serveStatic({ root }));
  app.get('*', serveStatic({ root }));
  app.get('*', (c) => {
    if (c.req.path.startsWith('/api/')) return c.notFound();
    return c.html(page);
  });
}
