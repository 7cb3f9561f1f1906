import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, openBrowser, screenshotDir, type Browser } from './chromium.js';
import { EXAMPLES, serveReal, type RealServer } from './server.js';
import { shotBothLanguages, signIn, signOut } from './steps.js';

const FILES = ['2024-10-15-ariha-shamal.html', '2024-10-15-ariha-wadi.html'].map((name) =>
  join(EXAMPLES, name),
);

/** Whatever is wider than the window, and controls that stand outside it: what 200% zoom hides. */
async function overflow(page: Page): Promise<{ page: boolean; wide: string[]; out: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id === '' ? '' : `#${el.id}`}.${[...el.classList].join('.')}`;
    const wide = [...document.querySelectorAll('header, main, section, form, nav, article, table')]
      .filter((el) => el.getBoundingClientRect().width > width + 1)
      .map(name);
    // The skip link waits off-screen until the keyboard reaches it: by design.
    const out = [...document.querySelectorAll('button, a:not(.skip), input, select, textarea')]
      .filter((el) => {
        const box = el.getBoundingClientRect();
        if (box.width === 0 && box.height === 0) return false;
        return box.left < -1 || box.right > width + 1;
      })
      .map(name);
    return { page: document.documentElement.scrollWidth > width + 1, wide, out };
  });
}

describe.skipIf(chromiumPath === null)('the app at 200% zoom (a 640-pixel-wide window)', () => {
  let server: RealServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await serveReal(FILES);
    // 1280 pixels at 200%: the page lays out as in a window 640 wide.
    browser = await openBrowser({ width: 640, height: 900 });
    mkdirSync(screenshotDir, { recursive: true });
  });

  afterAll(async () => {
    await browser.close();
    await server.close();
  });

  it('scrolls only down on the events, event and add-report pages, every control within reach', async () => {
    const { page } = browser;
    await signIn(page, server.origin, 'editor');
    await page.locator('.event-row').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(await overflow(page)).toEqual({ page: false, wide: [], out: [] });
    await shotBothLanguages(page, 'zoom200-events');

    await page.locator('.event-row a').first().click();
    await page.locator('.report-text').first().waitFor();
    expect(await overflow(page)).toEqual({ page: false, wide: [], out: [] });
    await shotBothLanguages(page, 'zoom200-event');

    await page.getByRole('link', { name: 'إضافة تقرير' }).click();
    await page.getByLabel('نص التقرير').waitFor();
    expect(await overflow(page)).toEqual({ page: false, wide: [], out: [] });
    await shotBothLanguages(page, 'zoom200-add');
    await signOut(page);
  });
});
