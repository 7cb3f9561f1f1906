import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ADMIN, start } from '../../src/cli/start.js';
import { setAside } from './environment.js';

// `npm start` is the embedded database's first look: no server is asked for.
setAside('DATABASE_URL');
const data = mkdtempSync(join(tmpdir(), 'wathiq-start-'));
const examples = join(import.meta.dirname, '..', '..', 'examples');
const flags = { data, examples, port: 0, host: '127.0.0.1' };

afterAll(() => {
  rmSync(data, { recursive: true, force: true });
});

function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .join('; ');
}

/** Signs in as the admin the way the app does, and reads the first page of events. */
async function eventsAs(url: string, password: string): Promise<{ total: number }> {
  const guest = await fetch(new URL('api/session', url));
  const { csrf } = (await guest.json()) as { csrf: string };
  const signIn = await fetch(new URL('api/session', url), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-csrf-token': csrf,
      cookie: cookiesOf(guest),
    },
    body: JSON.stringify({ name: ADMIN, password }),
  });
  expect(signIn.status).toBe(200);
  const events = await fetch(new URL('api/events', url), {
    headers: { cookie: cookiesOf(signIn) },
  });
  expect(events.status).toBe(200);
  return (await events.json()) as { total: number };
}

describe('npm start', () => {
  let password = '';

  it('stores the examples, makes an admin and serves their events on a first start', async () => {
    const started = await start(flags);
    try {
      expect(started.added).toBe(11);
      expect(started.password).not.toBeNull();
      password = started.password ?? '';
      expect(started.url).toMatch(/^http:\/\/localhost:\d+\/$/);
      const { total } = await eventsAs(started.url.replace('localhost', '127.0.0.1'), password);
      expect(total).toBeGreaterThan(5);
    } finally {
      await started.close();
    }
  });

  it('reuses the store, the examples and the admin on a second start', async () => {
    const started = await start(flags);
    try {
      expect(started.added).toBe(0);
      expect(started.password).toBeNull();
      const { total } = await eventsAs(started.url.replace('localhost', '127.0.0.1'), password);
      expect(total).toBeGreaterThan(5);
    } finally {
      await started.close();
    }
  });
});
