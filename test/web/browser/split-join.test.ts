import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, openBrowser, screenshotDir, type Browser } from './chromium.js';
import { EXAMPLES, serveReal, type RealServer } from './server.js';
import { shotBothLanguages, signIn, signOut } from './steps.js';

/** One act told by three outlets, and an act far away in place and time. */
const FILES = [
  '2024-10-15-ariha-shamal.html',
  '2024-10-15-ariha-wadi.html',
  '2024-10-16-ariha-nahar.html',
  '2025-01-20-latamneh-hama.html',
].map((name) => join(EXAMPLES, name));

/** A report of our own, a day later, of shelling in another town: wathiq keeps it apart, a person may join it. */
const NEARBY = `---
published: 2024-10-16
---
قُتل رجلان وأصيبت امرأة أمس بقصف مدفعي استهدف أطراف بلدة معرة مصرين شمالي إدلب.
`;

const reports = (page: Page) => page.locator('article.report');

async function openAriha(page: Page, origin: string): Promise<void> {
  await page.goto(`${origin}/events?search=${encodeURIComponent('أريحا')}`);
  await page.locator('.event-row', { hasText: 'أريحا' }).first().locator('a').click();
  await page.locator('.report-text').first().waitFor();
}

describe.skipIf(chromiumPath === null)('splitting a report off an event and joining events', () => {
  let server: RealServer;
  let browser: Browser;
  let written: string;
  /** How many reports the Ariha event had before the split. */
  let told = 0;
  /** The title of the report split off. */
  let splitTitle = '';

  beforeAll(async () => {
    written = mkdtempSync(join(tmpdir(), 'wathiq-nearby-'));
    writeFileSync(join(written, 'misrin.txt'), NEARBY);
    server = await serveReal([...FILES, written]);
    browser = await openBrowser();
    mkdirSync(screenshotDir, { recursive: true });
  });

  afterAll(async () => {
    await browser.close();
    await server.close();
    rmSync(written, { recursive: true, force: true });
  });

  it('splits a report off into an event of its own, with the reason in the history', async () => {
    const { page } = browser;
    await signIn(page, server.origin, 'editor');
    await openAriha(page, server.origin);
    const before = await reports(page).count();
    expect(before).toBeGreaterThanOrEqual(2);
    told = before;
    // Why each report joined is said in Arabic: places, days and types by their Arabic names.
    const why = await page.locator('.report .why').allInnerTexts();
    expect(why.some((w) => w.startsWith('رُبط لأن'))).toBe(true);
    for (const w of why) expect(w).not.toMatch(/same|both|apart|[A-Z]\w+/);
    const last = reports(page).last();
    const title = await last.locator('h3').innerText();
    splitTitle = title;
    // By keyboard alone: the button, then the reason field it focuses, then Enter.
    await last.getByRole('button', { name: /فصل التقرير/ }).focus();
    await page.keyboard.press('Enter');
    const reason = last.getByRole('textbox', { name: 'السبب (اختياري)' });
    await expect.poll(() => reason.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('تقرير عن التشييع لا عن الغارة');
    await shotBothLanguages(page, 'event-split-ask');
    await reason.focus();
    await page.keyboard.press('Enter');

    const done = page.getByRole('status').filter({ hasText: 'فُصل التقرير' });
    await done.waitFor();
    // The status this event holds now, and what becomes of a review made before the split.
    expect(await done.innerText()).toContain('وضع هذا الحدث الآن (لم يراجع)');
    expect(await done.innerText()).toContain('ويبدأ الآخر بوضع «لم يراجع»');
    await expect.poll(() => reports(page).count()).toBe(before - 1);
    expect(await page.locator('.report h3').allInnerTexts()).not.toContain(title);
    const change = page.locator('.change').first();
    expect(await change.innerText()).toContain('فُصل عن الحدث');
    expect(await change.innerText()).toContain('تقرير عن التشييع لا عن الغارة');
    expect(await change.innerText()).toContain('editor');
    // One split is one row, however many reports it was split from.
    expect(await page.locator('.change', { hasText: 'فُصل عن الحدث' }).count()).toBe(1);
    // The history speaks words, never the stored JSON.
    expect(await page.locator('.history').innerText()).not.toMatch(/[{}]|"same"/);
    await shotBothLanguages(page, 'event-split-done');

    // Its one revert puts the report back in the event.
    await change.getByRole('button', { name: /تراجع عن: فُصل عن الحدث/ }).click();
    await expect.poll(() => reports(page).count()).toBe(before);
    expect(await page.locator('.change', { hasText: 'تراجع عن تغيير' }).count()).toBe(1);
    await shotBothLanguages(page, 'event-split-reverted');
    // And split again, to go on.
    const again = reports(page).filter({ hasText: title });
    await again.getByRole('button', { name: /فصل التقرير/ }).click();
    await again
      .getByRole('textbox', { name: 'السبب (اختياري)' })
      .fill('تقرير عن التشييع لا عن الغارة');
    await again.getByRole('button', { name: 'افصل', exact: true }).click();
    await expect.poll(() => reports(page).count()).toBe(before - 1);

    await page.getByRole('link', { name: 'افتح ذلك الحدث' }).click();
    await page.locator('.report-text').first().waitFor();
    expect(await reports(page).count()).toBe(1);
    expect(await page.locator('.report h3').innerText()).toBe(title);
    // The status it holds, and that a new event of a split stays unreviewed until someone reviews it.
    const from = page.getByRole('status').filter({ hasText: 'فُصل هذا الحدث عن حدث آخر' });
    expect(await from.innerText()).toContain('وضعه (لم يراجع)');
    expect(await from.innerText()).toContain('حتى يراجعه أحد');
    expect(await from.getByRole('link', { name: 'افتح الحدث الذي فُصل عنه' }).count()).toBe(1);
    await shotBothLanguages(page, 'event-split-off');
    await signOut(page);
  });

  it('joins an event found by search, and refuses with the reason a join that cannot be', async () => {
    const { page } = browser;
    await signIn(page, server.origin, 'editor');
    // The Ariha event that kept its reports after the split.
    await page.goto(`${server.origin}/events?search=${encodeURIComponent('أريحا')}`);
    const rows = page.locator('.event-row', { hasText: 'أريحا' });
    await expect.poll(() => rows.count()).toBe(2);
    await rows
      .filter({ hasText: 'التقارير: ' + (told - 1).toLocaleString('ar-SY') })
      .locator('a')
      .first()
      .click();
    await page.locator('.report-text').first().waitFor();
    expect(await reports(page).count()).toBe(told - 1);

    const search = page.getByRole('searchbox', { name: 'ابحث عن الحدث' });
    await search.fill('اللطامنة');
    const join = page.getByRole('button', { name: /ضمّ هذا الحدث/ });
    await join.first().waitFor();
    await join.first().click();
    const refused = page.getByRole('alert');
    await refused.waitFor();
    expect(await refused.innerText()).toContain('لم يتغير شيء');
    expect(await reports(page).count()).toBe(told - 1);
    await shotBothLanguages(page, 'event-join-refused');

    await search.fill('مصرين');
    await expect.poll(() => join.count()).toBe(1);
    await page
      .getByRole('textbox', { name: 'السبب (اختياري)' })
      .fill('القصف نفسه على أطراف البلدتين');
    await join.click();
    await page.getByRole('status').filter({ hasText: 'ضُمّ الحدثان' }).waitFor();
    await expect.poll(() => reports(page).count()).toBe(told);
    const change = page.locator('.change').first();
    expect(await change.innerText()).toContain('ضُمّ إلى حدث آخر');
    expect(await change.innerText()).toContain('القصف نفسه على أطراف البلدتين');
    await shotBothLanguages(page, 'event-joined');
    await signOut(page);
  });

  it('joins back the report split off, over the splits a person made, as one change', async () => {
    const { page } = browser;
    await signIn(page, server.origin, 'editor');
    await openAriha(page, server.origin);
    const ariha = page.locator('.report h3');
    // The event that kept its reports, not the one the split report is alone in.
    if ((await reports(page).count()) === 1) {
      await page.goto(`${server.origin}/events?search=${encodeURIComponent('أريحا')}`);
      await page
        .locator('.event-row', { hasText: 'أريحا' })
        .filter({ hasNotText: 'التقارير: ١' })
        .first()
        .locator('a')
        .first()
        .click();
      await page.locator('.report-text').first().waitFor();
    }
    expect(await ariha.allInnerTexts()).not.toContain(splitTitle);
    const before = await reports(page).count();

    const search = page.getByRole('searchbox', { name: 'ابحث عن الحدث' });
    // The other event at Ariha: the split report, alone.
    await search.fill('أريحا');
    const join = page.getByRole('button', { name: /ضمّ هذا الحدث/ });
    await expect.poll(() => join.count()).toBe(1);
    await page
      .getByRole('textbox', { name: 'السبب (اختياري)' })
      .fill('بل هو تقرير عن الغارة نفسها');
    await join.click();
    // The person's join overrides their split of the report from each other report.
    await page.getByRole('status').filter({ hasText: 'ضُمّ الحدثان' }).waitFor();
    await expect.poll(() => reports(page).count()).toBe(before + 1);
    expect(await ariha.allInnerTexts()).toContain(splitTitle);
    const joined = page.locator('.change', { hasText: 'بل هو تقرير عن الغارة نفسها' });
    expect(await joined.count()).toBe(1);
    expect(await joined.innerText()).toContain('ضُمّ إلى حدث آخر');
    // A report a person joined says so in the reader's words.
    expect(await page.locator('.report .why').allInnerTexts()).toContain(
      'رُبط لأن: ضمّه editor بيده',
    );
    await shotBothLanguages(page, 'event-rejoined');
    await signOut(page);
  });
});
