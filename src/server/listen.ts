import { once } from 'node:events';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';

/**
 * How long an idle kept-alive connection stays open, in ms. The embedded
 * engine runs its queries on the server's own thread, and queued queries run
 * back to back: under load Node's timers wait a second or two. A client
 * reuses a connection until a second before the server said it would close it
 * (undici reads the Keep-Alive header); with Node's 5 s, a timer that came due
 * during such a wait closed connections a client had just sent a request on,
 * and the client saw ECONNRESET (10 errors in 30 s of 20 clients). A minute
 * leaves the timer far from any connection in use.
 */
const KEEP_ALIVE_MS = 65_000;

/** Serves `fetch` on `host:port` (0: any free port); resolves once it listens. */
export async function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  host: string,
  port: number,
): Promise<Server> {
  const server = serve({ fetch, port, hostname: host }) as Server;
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  // Node wants the time to read a request's headers above the keep-alive time.
  server.headersTimeout = KEEP_ALIVE_MS + 1000;
  await once(server, 'listening');
  return server;
}
