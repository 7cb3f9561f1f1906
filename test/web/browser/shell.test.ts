import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, openBrowser, screenshotDir, type Browser } from './chromium.js';
import { serveApp } from './static.js';

describe.skipIf(chromiumPath === null)('the app shell in a real browser', () => {
  let app: Awaited<ReturnType<typeof serveApp>>;
  let browser: Browser;
  const requests: string[] = [];

  beforeAll(async () => {
    app = await serveApp();
    browser = await openBrowser();
    browser.page.on('request', (request) => requests.push(request.url()));
    mkdirSync(screenshotDir, { recursive: true });
  });

  afterAll(async () => {
    await browser.close();
    await app.close();
  });

  it('opens in Arabic, right to left, and switches to English and back', async () => {
    const { page } = browser;
    await page.goto(`${app.origin}/events`);
    await page.getByRole('heading', { name: 'تسجيل الدخول' }).waitFor();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('html').getAttribute('lang')).toBe('ar');
    await page.screenshot({ path: join(screenshotDir, 'signin-ar.png'), fullPage: true });

    await page.getByRole('button', { name: 'التبديل إلى الإنكليزية' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.locator('html').getAttribute('dir')).toBe('ltr');
    expect(await page.getByLabel('User name').count()).toBe(1);
    await page.screenshot({ path: join(screenshotDir, 'signin-en.png'), fullPage: true });

    await page.reload();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByRole('button', { name: 'Switch to Arabic' }).click();
    // The switch re-renders after the click returns: wait for the Arabic heading first.
    await page.getByRole('heading', { name: 'تسجيل الدخول' }).waitFor();
    await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('rtl');
  });

  it('asks nothing of any server but its own', () => {
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((url) => !url.startsWith(app.origin))).toEqual([]);
  });
});
