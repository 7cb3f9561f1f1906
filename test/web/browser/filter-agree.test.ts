import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, openBrowser, screenshotDir, type Browser } from './chromium.js';
import { EXAMPLES, serveReal, type RealServer } from './server.js';
import { shotBothLanguages, signIn, signOut } from './steps.js';

/** Events in Idlib (one told three times), Deir ez-Zor, Hama and Daraa. */
const FILES = [
  '2024-09-28-daret-azza-shamal.html',
  '2024-10-15-ariha-shamal.html',
  '2024-10-15-ariha-wadi.html',
  '2024-10-16-ariha-nahar.html',
  '2024-11-03-shuhayl-furat.html',
  '2025-01-20-latamneh-hama.html',
  '2025-02-11-tafas-hawran.html',
].map((name) => join(EXAMPLES, name));

/** A number as the page writes it, in Arabic-Indic or Latin digits; null while it says «loading». */
function numberIn(text: string): number | null {
  const latin = text.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660));
  const match = /\d[\d,\u066C]*/.exec(latin);
  return match === null ? null : Number(match[0].replace(/[,\u066C]/g, ''));
}

interface Shown {
  list: number | null;
  rows: number;
  map: number;
  timeline: number | null;
}

/** What the list, the map and the timeline each say at this moment. */
async function shownNow(page: Page): Promise<Shown> {
  const list = numberIn(await page.getByTestId('event-total').innerText());
  const rows = await page.locator('.event-row').count();
  const markers = await page
    .locator('.events-map .cluster-count')
    .evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-count'))));
  const timeline = numberIn(await page.getByTestId('timeline-total').innerText());
  return { list, rows, map: markers.reduce((a, b) => a + b, 0), timeline };
}

/**
 * What the four say once they have all answered the address's filter. A filter
 * applied in the app changes the address without a navigation, so the page's
 * load state says nothing of its requests: the four are read until they agree
 * on a count that `expected` accepts (the last reading is printed otherwise).
 */
async function shown(page: Page, expected: (count: number) => boolean): Promise<number> {
  await expect
    .poll(() => shownNow(page), { timeout: 15_000 })
    .toSatisfy(
      ({ list, rows, map, timeline }: Shown) =>
        list !== null && expected(list) && rows === list && map === list && timeline === list,
    );
  const { list } = await shownNow(page);
  if (list === null) throw new Error('the list went back to loading');
  return list;
}

/** Governorate names on the map that an event marker covers. */
function namesUnderMarkers(page: Page): Promise<string[]> {
  return page.locator('.events-map').evaluate((map) => {
    const markers = [...map.querySelectorAll('.cluster')].map((el) => el.getBoundingClientRect());
    return [...map.querySelectorAll('.leaflet-tooltip.map-area-label')]
      .filter((el) => getComputedStyle(el).visibility !== 'hidden')
      .filter((el) => {
        const a = el.getBoundingClientRect();
        return markers.some(
          (b) => a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top,
        );
      })
      .map((el) => el.textContent);
  });
}

describe.skipIf(chromiumPath === null)('the filter bar, the list, the map and the timeline', () => {
  let server: RealServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await serveReal(FILES);
    browser = await openBrowser();
    mkdirSync(screenshotDir, { recursive: true });
  });

  afterAll(async () => {
    await browser.close();
    await server.close();
  });

  it('agree on every event, and again on a governorate', async () => {
    const { page } = browser;
    await signIn(page, server.origin, 'viewer');
    await page.locator('.event-row').first().waitFor();
    const all = await shown(page, (count) => count >= 4);
    // No event marker hides a governorate's name.
    await expect.poll(() => namesUnderMarkers(page)).toEqual([]);

    await page.getByLabel('المحافظة').selectOption({ label: 'إدلب' });
    await page.getByRole('button', { name: 'تطبيق' }).click();
    await page.waitForURL(/governorate=SY07/);
    const idlib = await shown(page, (count) => count > 0 && count < all);
    // Every event listed is in Idlib, and the counts by governorate name only Idlib.
    const byGovernorate = page.locator('.count-table', {
      has: page.getByRole('heading', { name: 'بحسب المحافظة' }),
    });
    expect(await byGovernorate.locator('li').count()).toBe(1);
    // No two governorate names on the map cover each other.
    const overlaps = await page.locator('.leaflet-tooltip.map-area-label').evaluateAll((els) => {
      const boxes = els
        .filter((el) => getComputedStyle(el).visibility !== 'hidden')
        .map((el) => el.getBoundingClientRect());
      return boxes.flatMap((a, i) =>
        boxes
          .slice(i + 1)
          .filter(
            (b) => a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top,
          ),
      ).length;
    });
    expect(overlaps).toBe(0);
    // The marker at Ariha stands on Idlib's name: the name moves off it and stays readable.
    await expect.poll(() => namesUnderMarkers(page)).toEqual([]);
    await expect
      .poll(() =>
        page
          .locator('.leaflet-tooltip.map-area-label', { hasText: 'إدلب' })
          .evaluate((el) => getComputedStyle(el).visibility),
      )
      .toBe('visible');
    // The time axis spans the one day of the one event, not years past it.
    const chart = page.locator('.timeline-chart');
    await expect.poll(() => chart.getAttribute('data-to')).toBe('2024-10-15');
    expect(await chart.getAttribute('data-from')).toBe('2024-10-14');
    expect(await page.getByTestId('timeline-span').innerText()).toBe(
      'الفترات من ١٥ تشرين الأول ٢٠٢٤ إلى ١٥ تشرين الأول ٢٠٢٤',
    );
    await shotBothLanguages(page, 'events-idlib');

    // A dragged period or a date typed in the filter narrows all three alike.
    await page.getByRole('group', { name: 'من تاريخ' }).getByLabel('اليوم').fill('١٦');
    await page.getByRole('group', { name: 'من تاريخ' }).getByLabel('الشهر').selectOption('10');
    await page.getByRole('group', { name: 'من تاريخ' }).getByLabel('السنة').fill('٢٠٢٤');
    await page.getByRole('button', { name: 'تطبيق' }).click();
    await page.waitForURL(/from=2024-10-16/);
    await shown(page, (count) => count < idlib);
    await signOut(page);
  });
});
