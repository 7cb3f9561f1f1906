import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, openBrowser, screenshotDir, type Browser } from './chromium.js';
import { EXAMPLES, serveReal, type RealServer } from './server.js';
import { shotBothLanguages, signIn, signOut } from './steps.js';

/** A report of our own whose words hold markup: it must show as words and run nothing. */
const HOSTILE = `---
published: 2024-10-07
---
قُتل ثلاثة مدنيين وأصيب خمسة آخرون يوم الإثنين بقصف مدفعي على بلدة كفرنبل في ريف إدلب الجنوبي. <img src=x onerror=alert(1)> <script>alert(2)</script>
`;

const EXAMPLE_FILES = [
  '2024-10-15-ariha-shamal.html',
  '2024-11-03-shuhayl-furat.html',
  '2025-02-11-tafas-hawran.html',
].map((name) => join(EXAMPLES, name));

describe.skipIf(chromiumPath === null)('the review app against the real server', () => {
  let server: RealServer;
  let browser: Browser;
  let written: string;
  const dialogs: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    written = mkdtempSync(join(tmpdir(), 'wathiq-hostile-'));
    writeFileSync(join(written, 'kafranbel.txt'), HOSTILE);
    server = await serveReal([...EXAMPLE_FILES, written]);
    browser = await openBrowser();
    browser.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    browser.page.on('request', (request) => requests.push(request.url()));
    mkdirSync(screenshotDir, { recursive: true });
  });

  afterAll(async () => {
    await browser.close();
    await server.close();
    rmSync(written, { recursive: true, force: true });
  });

  it('signs an editor in, lists the events, and signs them out', async () => {
    const { page } = browser;
    await signIn(page, server.origin, 'editor');
    const list = page.getByRole('region', { name: 'قائمة الأحداث' });
    await list.locator('.event-row').first().waitFor();
    expect(await list.locator('.event-row').count()).toBeGreaterThanOrEqual(3);
    await shotBothLanguages(page, 'events');
    await signOut(page);
  });

  it("opens an event and shows its report's words with the evidence highlighted", async () => {
    const { page } = browser;
    await signIn(page, server.origin, 'editor');
    await page.locator('.event-row', { hasText: 'أريحا' }).first().locator('a').click();
    const text = page.locator('.report-text').first();
    await text.waitFor();
    expect(await text.innerText()).toContain('أريحا');
    expect(await text.locator('mark').count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: 'تصحيح' }).count()).toBeGreaterThan(0);
    await shotBothLanguages(page, 'event-editor');
    await signOut(page);
  });

  it('shows a viewer no edit controls', async () => {
    const { page } = browser;
    await signIn(page, server.origin, 'viewer');
    await page.locator('.event-row', { hasText: 'أريحا' }).first().locator('a').click();
    await page.locator('.report-text').first().waitFor();
    expect(await page.getByRole('button', { name: 'تصحيح' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'تراجع' }).count()).toBe(0);
    expect(await page.locator('.status-buttons').count()).toBe(0);
    expect(await page.getByRole('button', { name: /فصل التقرير/ }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'ضمّ إلى حدث آخر' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'إضافة تقرير' }).count()).toBe(0);
    // A request forged in the page, with the session's own CSRF token, is refused all the same.
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1) ?? '');
    const forged = await page.evaluate(async (event) => {
      const session = (await (await fetch('/api/session')).json()) as { csrf: string };
      const send = (path: string, body: unknown) =>
        fetch(`/api/events/${encodeURIComponent(event)}/${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrf },
          body: JSON.stringify(body),
        }).then(async (r) => ({ status: r.status, body: await r.text() }));
      return Promise.all([
        send('corrections', { field: 'actor1', value: null }),
        send('status', { status: 'rejected' }),
        send('join', { with: event }),
      ]);
    }, id);
    expect(forged.map((r) => r.status)).toEqual([403, 403, 403]);
    expect(forged[0].body).toContain('forbidden');
    await page.reload();
    await page.locator('.report-text').first().waitFor();
    expect(await page.locator('.change').count()).toBe(0);
    await shotBothLanguages(page, 'event-viewer');
    await signOut(page);
  });

  it('shows markup in a report as words and runs none of it', async () => {
    const { page } = browser;
    await signIn(page, server.origin, 'admin');
    await page.locator('.event-row', { hasText: 'كفر نبل' }).first().locator('a').click();
    const text = page.locator('.report-text').first();
    await text.waitFor();
    expect(await text.innerText()).toContain('<img src=x onerror=alert(1)>');
    expect(await text.innerText()).toContain('<script>alert(2)</script>');
    expect(await page.locator('.report-text img, .report-text script').count()).toBe(0);
    // A report with no title is named as one, never by a hash that runs off the screen.
    expect(await page.locator('.report h3').first().innerText()).toBe('تقرير بلا عنوان');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(
      true,
    );
    await shotBothLanguages(page, 'event-markup');
    expect(dialogs).toEqual([]);
    expect(requests.filter((url) => !url.startsWith(server.origin))).toEqual([]);
    expect(requests.filter((url) => new URL(url).pathname === '/x')).toEqual([]);
    await signOut(page);
  });

  it('lets an editor correct a place, see it, and revert it', async () => {
    const { page } = browser;
    await signIn(page, server.origin, 'editor');
    await page.locator('.event-row', { hasText: 'أريحا' }).first().locator('a').click();
    const title = page.locator('#event-title');
    await title.getByText('أريحا').waitFor();
    await page.getByRole('button', { name: 'تصحيح: المكان' }).click();
    await page.getByRole('searchbox', { name: 'ابحث عن مكان' }).fill('سراقب');
    await page.getByRole('option', { name: /سراقب/ }).first().click();
    await page.getByRole('button', { name: 'حفظ', exact: true }).click();
    await title.getByText('سراقب').waitFor();
    await shotBothLanguages(page, 'event-corrected');
    await page.getByRole('button', { name: 'تراجع' }).first().click();
    await title.getByText('أريحا').waitFor();
    expect(await title.innerText()).not.toContain('سراقب');
    await signOut(page);
  });
});
