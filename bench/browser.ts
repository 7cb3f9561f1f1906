/**
 * What the events page costs a person at `--events` events, in Debian's
 * chromium driven by playwright-core against the real `wathiq serve` app (the
 * built dist/web, in-process API): the page opened until it is usable (list,
 * total, map markers and timeline drawn), a governorate filter applied, the
 * next page of the list, and the map's frame times while it is dragged and
 * zoomed (requestAnimationFrame intervals, and long tasks, from the page's
 * performance API). Figures are printed, never asserted. The store is built
 * once (bench/fill.ts) under the system's temporary folder, on PostgreSQL
 * when DATABASE_URL is set, else embedded.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { chromium, type Page } from 'playwright-core';
import { shippedKnowledge } from '../src/extract/index.js';
import { createApp, listen } from '../src/server/index.js';
import { addUser } from '../src/service/index.js';
import type { Database } from '../src/store/index.js';
import { percentile } from './alternate.js';
import { CHROMIUM_FLAGS, findChromium } from './chromium.js';
import { benchArguments } from './options.js';
import { embeddedStore, serverStore } from './stores.js';

const COMMAND = {
  usage: 'npm run bench:browser [-- --reports N --events N --runs N]',
  counts: { reports: 3000, events: 100_000, runs: 5 },
} as const;

const ms = (v: number): string => `${v.toFixed(0)} ms`;

function spread(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  return `p50 ${ms(percentile(sorted, 50))}  p95 ${ms(percentile(sorted, 95))}  (n ${String(times.length)})`;
}

const PASSWORD = 'a bench password';
const ROOT = { name: 'bench', role: 'admin' } as const;

/**
 * The kept store of `target` events the other benches measure too
 * (bench/stores.ts): PostgreSQL when DATABASE_URL is set, else embedded.
 */
async function store(reports: number, target: number): Promise<[string, Database]> {
  if (process.env.DATABASE_URL === undefined)
    return ['PGlite', await embeddedStore(reports, target, '', true)];
  const db = await serverStore(reports, target, '');
  if (db === null) throw new Error('no PostgreSQL server at DATABASE_URL');
  return ['PostgreSQL', db];
}

/** Waits until the events page is usable: total said, rows listed, markers and timeline drawn. */
async function usable(page: Page): Promise<void> {
  await page
    .locator('[data-testid="event-total"]')
    .filter({ hasText: /\p{Nd}/u })
    .waitFor();
  await page.locator('.event-row').first().waitFor();
  await page.locator('.events-map .cluster').first().waitFor();
  await page.locator('.timeline-chart canvas').first().waitFor();
}

/** Text that changes when the list does: the first row's link and the total. */
const listNow = (page: Page) =>
  page.evaluate(
    () =>
      `${document.querySelector('[data-testid="event-total"]')?.textContent ?? ''}|${document.querySelector('.event-row a')?.getAttribute('href') ?? ''}`,
  );

async function changed(page: Page, before: string): Promise<void> {
  await page.waitForFunction(
    (was) =>
      `${document.querySelector('[data-testid="event-total"]')?.textContent ?? ''}|${document.querySelector('.event-row a')?.getAttribute('href') ?? ''}` !==
      was,
    before,
    { timeout: 60_000 },
  );
}

/** Frame intervals and long tasks while the map is dragged and zoomed, from the page's own clock. */
async function mapFrames(page: Page): Promise<{ frames: number[]; longTasks: number }> {
  await page.evaluate(() => {
    const w = window as unknown as { frames: number[]; longTasks: number; recording: boolean };
    w.frames = [];
    w.longTasks = 0;
    w.recording = true;
    new PerformanceObserver((list) => {
      w.longTasks += list.getEntries().length;
    }).observe({ type: 'longtask' });
    let last = performance.now();
    const tick = (now: number) => {
      w.frames.push(now - last);
      last = now;
      if (w.recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const box = await page.locator('.events-map .map').boundingBox();
  if (box === null) throw new Error('no map on the page');
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  for (let k = 0; k < 4; k++) {
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    for (let step = 1; step <= 10; step++)
      await page.mouse.move(cx + (k % 2 === 0 ? 8 : -8) * step, cy + 4 * step);
    await page.mouse.up();
    await page.mouse.wheel(0, k < 2 ? -240 : 240);
    await page.waitForTimeout(400);
  }
  await page.waitForLoadState('networkidle');
  return page.evaluate(() => {
    const w = window as unknown as { frames: number[]; longTasks: number; recording: boolean };
    w.recording = false;
    // The first interval runs from before the recording began.
    return { frames: w.frames.slice(1), longTasks: w.longTasks };
  });
}

async function main(): Promise<void> {
  const { reports, events: target, runs } = benchArguments(COMMAND).counts;
  const executablePath = findChromium();
  if (executablePath === null) {
    process.stdout.write('browser bench: no chromium found (apt-get install -y chromium)\n');
    return;
  }
  const [engine, db] = await store(reports, target);
  const profile = mkdtempSync(join(tmpdir(), 'wathiq-bench-chromium-'));
  const server = await (async () => {
    const ctx = { db, knowledge: shippedKnowledge };
    // A store kept from an earlier run still has its editor, and that editor's sessions.
    await db.query('DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE name = $1)', [
      'bench-editor',
    ]);
    await db.query('DELETE FROM users WHERE name = $1', ['bench-editor']);
    await addUser(ctx, ROOT, { name: 'bench-editor', role: 'editor', password: PASSWORD });
    const app = createApp({
      ...ctx,
      log: pino({ level: 'silent' }),
      webRoot: join(process.cwd(), 'dist', 'web'),
    });
    return listen(app.fetch, '127.0.0.1', 0);
  })();
  const origin = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [...CHROMIUM_FLAGS],
    viewport: { width: 1366, height: 900 },
    locale: 'ar-SY',
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${origin}/events`);
    await page.getByLabel('اسم المستخدم').fill('bench-editor');
    await page.getByLabel('كلمة المرور').fill(PASSWORD);
    await page.getByRole('button', { name: 'تسجيل الدخول' }).click();
    await usable(page);
    const total = await page.getByTestId('event-total').innerText();
    process.stdout.write(
      `wathiq browser bench (${engine}, chromium ${context.browser()?.version() ?? ''}): ${total}\n`,
    );

    const open: number[] = [];
    const filter: number[] = [];
    const next: number[] = [];
    for (let k = 0; k < runs; k++) {
      let started = performance.now();
      await page.goto(`${origin}/events`);
      await usable(page);
      open.push(performance.now() - started);

      // A governorate chosen and applied, as a person does: until list, total and map agree with it.
      const before = await listNow(page);
      await page.getByLabel('المحافظة').selectOption(k % 2 === 0 ? 'SY07' : 'SY02');
      started = performance.now();
      await page.getByRole('button', { name: 'تطبيق' }).click();
      await changed(page, before);
      await page.waitForLoadState('networkidle');
      filter.push(performance.now() - started);

      const shown = await listNow(page);
      started = performance.now();
      await page.getByRole('button', { name: 'التالي' }).click();
      await changed(page, shown);
      next.push(performance.now() - started);
    }
    process.stdout.write(`  events page opened until usable   ${spread(open)}\n`);
    process.stdout.write(`  governorate filter applied        ${spread(filter)}\n`);
    process.stdout.write(`  next page of the list             ${spread(next)}\n`);

    await page.goto(`${origin}/events`);
    await usable(page);
    const { frames, longTasks } = await mapFrames(page);
    const sorted = [...frames].sort((a, b) => a - b);
    process.stdout.write(
      `  map dragged and zoomed: ${String(frames.length)} frames, p50 ${ms(percentile(sorted, 50))}  p95 ${ms(percentile(sorted, 95))}  worst ${ms(sorted.at(-1) ?? NaN)}; ${String(longTasks)} long tasks (> 50 ms)\n`,
    );
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    server.close();
    await db.close();
  }
}

await main();
