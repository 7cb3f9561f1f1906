/**
 * Serves the built app (dist/web) the way `wathiq serve` does for non-API paths:
 * files as they are, index.html for every other path. Used by the tests that
 * need no API.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

export const appDir = join(process.cwd(), 'dist', 'web');

export async function serveApp(): Promise<{ origin: string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    // The URL parser already resolved any `..`: the path stays inside the app folder.
    const path = normalize(new URL(request.url ?? '/', 'http://x').pathname);
    if (path.startsWith('/api/')) {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { message: 'no API here' } }));
      return;
    }
    const file = join(appDir, path);
    readFile(file)
      .then((body) => {
        response.writeHead(200, {
          'content-type': types[extname(file)] ?? 'application/octet-stream',
        });
        response.end(body);
      })
      .catch(async () => {
        response.writeHead(200, { 'content-type': types['.html'] });
        response.end(await readFile(join(appDir, 'index.html')));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}
