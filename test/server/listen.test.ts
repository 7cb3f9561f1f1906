import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { listen } from '../../src/server/index.js';

describe('the HTTP server', () => {
  it('tells clients it keeps idle connections a minute, so a busy embedded engine never resets one in use', async () => {
    const server = await listen(() => new Response('ok'), '127.0.0.1', 0);
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${String(port)}/`);
      expect(await response.text()).toBe('ok');
      const timeout = /timeout=(\d+)/.exec(response.headers.get('keep-alive') ?? '')?.[1];
      expect(Number(timeout)).toBeGreaterThanOrEqual(60);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
