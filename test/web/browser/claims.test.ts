import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, openBrowser, screenshotDir, type Browser } from './chromium.js';
import { EXAMPLES, serveReal, type RealServer } from './server.js';
import { shotBothLanguages, signIn } from './steps.js';

/** One act told by three outlets, whose figures disagree. */
const ARIHA = [
  '2024-10-15-ariha-shamal.html',
  '2024-10-15-ariha-wadi.html',
  '2024-10-16-ariha-nahar.html',
];

describe.skipIf(chromiumPath === null)('correcting who claims which figures', () => {
  let server: RealServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await serveReal(ARIHA.map((name) => join(EXAMPLES, name)));
    browser = await openBrowser();
    mkdirSync(screenshotDir, { recursive: true });
    await signIn(browser.page, server.origin, 'editor');
    await browser.page.locator('.event-row', { hasText: 'أريحا' }).first().locator('a').click();
    await browser.page.locator('table.claims tbody tr').first().waitFor();
  });

  afterAll(async () => {
    await browser.close();
    await server.close();
  });

  const claimants = () =>
    browser.page.locator('table.claims tbody tr td:first-child').allInnerTexts();

  it('corrects a claimant with a picker of the vocabulary, and the history says so', async () => {
    const { page } = browser;
    const opener = page.getByRole('button', { name: /^تصحيح المصدر:/ }).first();
    const was = (await opener.innerText()).trim();
    await opener.click();
    const picker = page.locator('form.inline-edit').getByLabel('المصدر');
    expect(await picker.evaluate((el) => el === document.activeElement)).toBe(true);
    // Another claimant than the one shown, from the dictionaries' own list.
    const choice = await picker
      .locator('option')
      .evaluateAll(
        (options, shown) =>
          options
            .map((o) => ({ value: (o as HTMLOptionElement).value, label: o.textContent }))
            .find((o) => o.value !== '' && o.label.trim() !== shown),
        was,
      );
    if (choice === undefined) throw new Error('the picker offers no other claimant');
    await picker.selectOption(choice.value);
    await page.locator('form.inline-edit').getByRole('button', { name: 'حفظ' }).click();
    await page.locator('table.claims', { hasText: choice.label }).waitFor();
    expect(await claimants()).toContain(choice.label);
    // Chosen: the keyboard goes on from the claimant's button, not from the top of the page.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? ''))
      .toMatch(/^تصحيح المصدر:/);
    const entry = page.locator('.history li.change').first();
    expect(await entry.locator('.change-what').innerText()).toContain('مصدر الرقم');
    expect(await entry.locator('.after').innerText()).toBe(choice.label);
    await shotBothLanguages(page, 'event-claimant');
  });

  it('adds a claim the machine missed and strikes one it invented', async () => {
    const { page } = browser;
    const rows = page.locator('table.claims tbody tr');
    const before = await rows.count();
    await page.getByRole('button', { name: 'إضافة رقم فات الآلة' }).click();
    const form = page.getByRole('form', { name: 'إضافة رقم فات الآلة' });
    await form.getByLabel('المصدر').selectOption('SCD');
    await form.getByLabel('ماذا').selectOption('injured');
    await form.getByLabel('العدد').fill('23');
    await shotBothLanguages(page, 'event-add-claim');
    await form.getByRole('button', { name: 'أضف الرقم' }).click();
    await page.locator('table.claims tbody tr', { hasText: '٢٣' }).waitFor();
    expect(await rows.count()).toBe(before + 1);

    const struck = rows.filter({ hasText: '٢٣' });
    await struck.getByRole('button', { name: /^شطب/ }).click();
    await expect.poll(() => rows.filter({ hasText: '٢٣' }).count()).toBe(0);
    expect(await rows.count()).toBe(before);

    // One the machine read, struck: it is no figure of the event any more, and the history says so.
    const invented = rows.first();
    const said = await invented.innerText();
    await invented.getByRole('button', { name: /^شطب/ }).click();
    await page.locator('.history li.change .after', { hasText: 'مشطوب' }).first().waitFor();
    expect(await rows.count()).toBe(before - 1);
    expect(await rows.allInnerTexts()).not.toContain(said);
  });
});
