import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedKnowledge } from '../../src/extract/index.js';
import { createApp } from '../../src/server/index.js';
import { openStore } from '../../src/store/index.js';
import type { Database } from '../../src/store/index.js';

describe('the review app, served with the API', () => {
  let db: Database;
  let root: string;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    db = await openStore({});
    root = mkdtempSync(join(tmpdir(), 'wathiq-web-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(
      join(root, 'index.html'),
      '<!doctype html><title>wathiq</title><script type="module" src="/assets/app.js"></script>',
    );
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1);');
    app = createApp({
      db,
      knowledge: shippedKnowledge,
      log: pino({ level: 'silent' }),
      webRoot: root,
    });
  });
  afterAll(async () => {
    await db.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves its files, and its page at every address the app routes itself', async () => {
    const script = await app.request('/assets/app.js');
    expect(script.status).toBe(200);
    expect(await script.text()).toContain('console.log');
    for (const path of ['/', '/events', '/events/ev:abc', '/admin']) {
      const page = await app.request(path);
      expect(page.status, path).toBe(200);
      expect(await page.text()).toContain('<title>wathiq</title>');
    }
  });

  it('sends the security headers with the page', async () => {
    const page = await app.request('/events');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers an unknown API address with the error shape, not the page', async () => {
    const reply = await app.request('/api/nothing-here');
    expect(reply.status).toBe(404);
    expect(((await reply.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});
