import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, openBrowser, screenshotDir, type Browser } from './chromium.js';
import { EXAMPLES, PASSWORD, serveReal, type RealServer } from './server.js';
import { shotBothLanguages } from './steps.js';

/** One act told by three outlets, and an act elsewhere: enough to split and join. */
const FILES = [
  '2024-10-15-ariha-shamal.html',
  '2024-10-15-ariha-wadi.html',
  '2024-10-16-ariha-nahar.html',
  '2025-01-20-latamneh-hama.html',
].map((name) => join(EXAMPLES, name));

/** A report of our own, a day later in a town nearby: kept apart, joined by a person. */
const NEARBY = `---
published: 2024-10-16
---
قُتل شابان وأصيب طفل أمس بقصف مدفعي على أطراف بلدة معرة مصرين شمالي إدلب.
`;

/** A report of our own, typed in as a documenter would. */
const TYPED =
  'قُتل مدني وأصيب اثنان يوم السبت بقصف صاروخي لقوات النظام على قرية البارة في جبل الزاوية جنوبي إدلب.';

interface Stop {
  /** The control's number in the page, as marked before the walk. */
  n: number;
  what: string;
  /** Whether the focus shows: an outline (or shadow) on it, or on the label a hidden file input shows through. */
  shown: boolean;
  /** Whether the control stands within the window's width once focused. */
  inside: boolean;
}

/** Numbers every control a person may reach: what the walk must meet. */
async function markControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const controls = [
      ...document.querySelectorAll<HTMLElement>(
        'a[href], button:not([disabled]), input, select, textarea, [tabindex="0"]',
      ),
    ].filter((el) => el.getClientRects().length > 0 && !el.matches('.skip'));
    return controls.map((el, n) => {
      el.dataset['kw'] = String(n);
      return `${el.tagName.toLowerCase()} ${(el.getAttribute('aria-label') ?? el.textContent).trim().slice(0, 40)}`;
    });
  });
}

async function focused(page: Page): Promise<Stop | null> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!(el instanceof HTMLElement) || el === document.body) return null;
    const seen = el.matches('.file-input') ? (el.nextElementSibling ?? el) : el;
    const style = getComputedStyle(seen);
    const box = seen.getBoundingClientRect();
    return {
      n: Number(el.dataset['kw'] ?? -1),
      what: `${el.tagName.toLowerCase()} ${(el.getAttribute('aria-label') ?? el.textContent).trim().slice(0, 40)}`,
      shown:
        (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) ||
        style.boxShadow !== 'none',
      inside: box.left >= -1 && box.right <= document.documentElement.clientWidth + 1,
    };
  });
}

/**
 * Tabs through the whole page from its top, once round: every control marked
 * must be met, each showing its focus and standing within the window.
 */
async function walkPage(page: Page): Promise<Stop[]> {
  const controls = await markControls(page);
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  const stops: Stop[] = [];
  for (let k = 0; k < 400; k++) {
    await page.keyboard.press('Tab');
    const stop = await focused(page);
    if (stop === null) continue;
    if (stops.some((s) => s.n === stop.n && s.n >= 0)) break;
    stops.push(stop);
  }
  const met = new Set(stops.map((s) => s.n));
  expect(controls.filter((_, n) => !met.has(n))).toEqual([]);
  expect(stops.filter((s) => !s.shown).map((s) => s.what)).toEqual([]);
  expect(stops.filter((s) => !s.inside).map((s) => s.what)).toEqual([]);
  return stops;
}

const isFocused = (target: Locator) => target.evaluate((el) => el === document.activeElement);

/** Presses Tab (or Shift+Tab) until the target has the focus, as a person would; fails if it never does. */
async function tabTo(page: Page, target: Locator, back = false): Promise<void> {
  await target.waitFor();
  for (let k = 0; k < 300; k++) {
    if (await isFocused(target)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** Moves a focused select to the option of that value by arrow keys. */
async function arrowTo(page: Page, select: Locator, value: string): Promise<void> {
  for (let k = 0; k < 60; k++) {
    if ((await select.inputValue()) === value) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`no option ${value}`);
}

describe.skipIf(chromiumPath === null)('the app by keyboard alone at 200% zoom', () => {
  let server: RealServer;
  let browser: Browser;
  let written: string;

  beforeAll(async () => {
    written = mkdtempSync(join(tmpdir(), 'wathiq-keyboard-'));
    writeFileSync(join(written, 'misrin.txt'), NEARBY);
    server = await serveReal([...FILES, written]);
    // 1280 pixels at 200%: the page lays out as in a window 640 wide.
    browser = await openBrowser({ width: 640, height: 900 });
    mkdirSync(screenshotDir, { recursive: true });
  });

  afterAll(async () => {
    await browser.close();
    await server.close();
    rmSync(written, { recursive: true, force: true });
  });

  it('signs in, filters the events and opens one by keyboard, every control reached with its focus shown', async () => {
    const { page } = browser;
    await page.goto(`${server.origin}/events`);
    await tabTo(page, page.getByLabel('اسم المستخدم'));
    await page.keyboard.type('editor');
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.locator('.event-row').first().waitFor();
    await page.waitForLoadState('networkidle');
    const stops = await walkPage(page);
    expect(stops.length).toBeGreaterThan(20);

    // A filter by governorate: the select by arrows, then «تطبيق» by Enter.
    const total = page.getByTestId('event-total');
    const all = await total.innerText();
    const governorate = page.getByLabel('المحافظة');
    await tabTo(page, governorate);
    await arrowTo(page, governorate, 'SY07');
    await tabTo(page, page.getByRole('button', { name: 'تطبيق' }));
    await page.keyboard.press('Enter');
    await page.waitForURL(/governorate=SY07/);
    // The total says «loading» a moment first: wait for the new count itself.
    await expect
      .poll(async () => {
        const now = await total.innerText();
        return /\p{Nd}/u.test(now) && now !== all;
      })
      .toBe(true);
    await page.waitForLoadState('networkidle');
    const rows = page.locator('.event-row');
    await rows.first().waitFor();
    // The mine in Hama's countryside is filtered out; Idlib's events stay.
    const listed = (await rows.allInnerTexts()).join('\n');
    expect(listed).not.toContain('اللطامنة');
    expect(listed).toContain('أريحا');
    await shotBothLanguages(page, 'keyboard-events');

    // The list: an event opens from its row by Enter.
    const ariha = rows.filter({ hasText: 'أريحا' }).first().locator('a').first();
    await tabTo(page, ariha);
    await page.keyboard.press('Enter');
    await page.locator('.report-text').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.locator('article.report').count()).toBeGreaterThanOrEqual(3);
    await walkPage(page);
  });

  it('sets the status, corrects type, place and a count, reverts, splits and joins by keyboard', async () => {
    const { page } = browser;
    const field = (name: string) => page.locator(`[data-field="${name}"]`);

    // A status button.
    await tabTo(page, page.getByRole('button', { name: 'اجعل الحالة: روجع' }));
    await page.keyboard.press('Enter');
    await expect.poll(() => field('status').innerText()).toContain('روجع');

    // The type picker: its select takes the focus when it opens.
    await tabTo(page, page.getByRole('button', { name: 'تصحيح: النوع' }));
    await page.keyboard.press('Enter');
    const type = page.locator('.inline-edit select');
    await expect.poll(() => isFocused(type)).toBe(true);
    const before = await type.inputValue();
    await page.keyboard.press('ArrowDown');
    expect(await type.inputValue()).not.toBe(before);
    const typeNow = (await type.locator('option:checked').innerText()).trim();
    await tabTo(page, page.locator('.inline-edit').getByRole('button', { name: 'حفظ' }));
    await page.keyboard.press('Enter');
    await expect.poll(() => field('type').innerText()).toContain(typeNow);
    // Chosen: the keyboard goes on from the button that opened the picker, not the top of the page.
    const typeButton = page.getByRole('button', { name: 'تصحيح: النوع' });
    await expect.poll(() => isFocused(typeButton)).toBe(true);

    // The actor picker closed by Escape, then by Tab leaving it: the focus is back on its button each time.
    const actorButton = page.getByRole('button', { name: 'تصحيح: الفاعل' });
    await tabTo(page, actorButton);
    await page.keyboard.press('Enter');
    await expect.poll(() => isFocused(page.locator('.inline-edit select'))).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.inline-edit').count()).toBe(0);
    await expect.poll(() => isFocused(actorButton)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => isFocused(page.locator('.inline-edit select'))).toBe(true);
    // Select, save, cancel, and out.
    for (let k = 0; k < 3; k++) await page.keyboard.press('Tab');
    await expect.poll(() => page.locator('.inline-edit').count()).toBe(0);
    await expect.poll(() => isFocused(actorButton)).toBe(true);

    // The place picker: type a name, Tab to a candidate, choose it, save.
    await tabTo(page, page.getByRole('button', { name: 'تصحيح: المكان' }));
    await page.keyboard.press('Enter');
    const search = page.getByRole('searchbox', { name: 'ابحث عن مكان' });
    await expect.poll(() => isFocused(search)).toBe(true);
    // Towns of one name and governorate: each row names its district, no two read alike.
    await page.keyboard.type('الدانا');
    await page
      .getByRole('option', { name: /منطقة حارم/ })
      .first()
      .waitFor();
    const danas = await page.getByRole('option', { name: /^الدانا · / }).allInnerTexts();
    expect(danas.length).toBeGreaterThan(1);
    expect(new Set(danas).size).toBe(danas.length);
    await search.fill('');
    await page.keyboard.type('سرمين');
    const candidate = page.getByRole('option', { name: /سرمين/ }).first();
    await candidate.waitFor();
    // The town and its sub-district share name and governorate: each says what it is, none twice.
    const offered = await page.getByRole('option').allInnerTexts();
    expect(new Set(offered).size).toBe(offered.length);
    expect(offered.some((o) => o.includes('ناحية'))).toBe(true);
    await tabTo(page, candidate);
    await page.keyboard.press('Enter');
    expect(await candidate.getAttribute('aria-selected')).toBe('true');
    await shotBothLanguages(page, 'keyboard-place-picker');
    await tabTo(page, page.locator('.place-picker').getByRole('button', { name: 'حفظ' }));
    await page.keyboard.press('Enter');
    await expect.poll(() => field('place').innerText()).toContain('سرمين');
    await expect
      .poll(() => isFocused(page.getByRole('button', { name: 'تصحيح: المكان' })))
      .toBe(true);

    // A claim's count: its button opens a number field with the focus in it.
    const count = page.getByRole('button', { name: /^تصحيح: العدد/ }).first();
    await tabTo(page, count);
    await page.keyboard.press('Enter');
    const number = page.locator('.count-edit input');
    await expect.poll(() => isFocused(number)).toBe(true);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('17');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('table.claims').innerText()).toContain('١٧');
    await expect.poll(() => isFocused(count)).toBe(true);

    // The latest change is put back from the history.
    const changes = page.locator('.history li.change');
    const made = await changes.count();
    await tabTo(page, changes.first().getByRole('button', { name: /^تراجع عن/ }));
    await page.keyboard.press('Enter');
    await expect.poll(() => changes.count()).toBe(made + 1);
    await expect.poll(() => page.locator('table.claims').innerText()).not.toContain('١٧');
    await walkPage(page);

    // Split the last report off, with a reason.
    const last = page.locator('article.report').last();
    const title = (await last.locator('h3').innerText()).trim();
    await tabTo(page, last.getByRole('button', { name: /فصل التقرير/ }));
    await page.keyboard.press('Enter');
    await page.keyboard.type('تقرير عن يوم آخر');
    await page.keyboard.press('Enter');
    const notice = page.getByRole('status').filter({ hasText: 'فُصل التقرير' });
    await notice.waitFor();
    await expect.poll(() => page.locator('article.report h3').allInnerTexts()).not.toContain(title);

    // Join it back: search by its title's words, Tab to its «ضمّ», Enter.
    const words = page.getByRole('searchbox', { name: 'ابحث عن الحدث' });
    await tabTo(page, words);
    await page.keyboard.type('أريحا');
    const join = page
      .locator('.join-results')
      .getByRole('button', { name: /^ضمّ هذا الحدث/ })
      .first();
    await tabTo(page, join);
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'ضُمّ الحدثان' }).waitFor();
    await expect.poll(() => page.locator('article.report h3').allInnerTexts()).toContain(title);
    await shotBothLanguages(page, 'keyboard-event');
  });

  it('adds a report by keyboard: types it, previews it, walks its marked words and saves it', async () => {
    const { page } = browser;
    await tabTo(page, page.getByRole('link', { name: 'إضافة تقرير' }), true);
    await page.keyboard.press('Enter');
    const text = page.getByLabel('نص التقرير');
    await text.waitFor();
    await walkPage(page);
    await tabTo(page, text);
    await page.keyboard.insertText(TYPED);
    await tabTo(page, page.getByRole('button', { name: 'معاينة ما يقرؤه وثّق' }));
    await page.keyboard.press('Enter');
    const preview = page.locator('section.preview');
    await preview.getByRole('heading', { name: /الحوادث المقروءة/ }).waitFor();
    await walkPage(page);
    const place = preview.locator('.report-text mark', { hasText: 'البارة' }).first();
    await tabTo(page, place);
    await expect
      .poll(() => preview.locator('[data-point="place"]').first().getAttribute('class'))
      .toContain('lit');
    await tabTo(page, page.getByRole('button', { name: 'حفظ التقرير' }), true);
    await page.keyboard.press('Enter');
    const open = page.getByRole('status').getByRole('link', { name: 'افتح الحدث' });
    await tabTo(page, open);
    await page.keyboard.press('Enter');
    await page.locator('#event-title').getByText('البارة').waitFor();
    await shotBothLanguages(page, 'keyboard-added');
  });
});
