import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, openBrowser, screenshotDir, type Browser } from './chromium.js';
import { EXAMPLES, serveReal, type RealServer } from './server.js';
import { shotBothLanguages, signIn, signOut } from './steps.js';

/** A report of our own, pasted as a documenter would. */
const PASTED =
  'قُتل أربعة مدنيين بينهم طفل وأصيب سبعة آخرون يوم الأحد بقصف مدفعي لقوات النظام على بلدة كنصفرة في جبل الزاوية جنوبي إدلب، بحسب الدفاع المدني السوري.';

/** A report file of our own, dropped as a documenter would. */
const DROPPED = `---
published: 2024-10-04
---
قتل ثلاثة مدنيين يوم الخميس بقصف مدفعي على بلدة سرمين في ريف إدلب.
`;

describe.skipIf(chromiumPath === null)('adding a report by paste', () => {
  let server: RealServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await serveReal([join(EXAMPLES, '2025-02-11-tafas-hawran.html')]);
    browser = await openBrowser();
    mkdirSync(screenshotDir, { recursive: true });
  });

  afterAll(async () => {
    await browser.close();
    await server.close();
  });

  it('shows what wathiq reads before saving, then saves it and opens its event', async () => {
    const { page } = browser;
    await signIn(page, server.origin, 'editor');
    await page.getByRole('link', { name: 'إضافة تقرير' }).click();
    await page.getByLabel('نص التقرير').fill(PASTED);
    await page.getByLabel('العنوان').fill('قصف على كنصفرة');
    await page.getByLabel('الوسيلة الإعلامية').fill('نشرة تجريبية');
    await page.getByLabel('الرابط').fill('https://example.org/kansafra');
    const published = page.getByRole('group', { name: 'تاريخ النشر' });
    await published.getByLabel('اليوم').fill('١٢');
    await published.getByLabel('الشهر').selectOption({ label: 'أيار' });
    await published.getByLabel('السنة').fill('2025');
    expect(await published.getByRole('alert').count()).toBe(0);

    await page.getByRole('button', { name: 'معاينة ما يقرؤه وثّق' }).focus();
    await page.keyboard.press('Enter');
    const preview = page.locator('section.preview');
    const heading = preview.getByRole('heading', { name: /الحوادث المقروءة/ });
    await heading.waitFor();
    // The reading is announced where the keyboard is: focus moves to its heading.
    await expect.poll(() => heading.evaluate((el) => el === document.activeElement)).toBe(true);
    const incident = preview.locator('.preview-incident').first();
    const fields = await incident.innerText();
    expect(fields).toContain('قصف');
    expect(fields).toContain('كنصفرة');
    // The governorate too is named in Arabic.
    expect(fields).not.toContain('Idleb');
    // The day is read against the date typed in the form: the Sunday before 12 May 2025.
    expect(fields).toContain('١١ أيار ٢٠٢٥');
    expect(await incident.locator('table.claims tbody tr').count()).toBeGreaterThan(0);
    expect(await incident.locator('table.claims').innerText()).toContain('٤');
    // The words behind each field are marked in the text as read; pointing at a field lights them.
    const text = preview.locator('.report-text');
    expect(await text.locator('mark').count()).toBeGreaterThan(0);
    await incident.locator('[data-point="place"]').hover();
    expect(await text.locator('mark.lit').innerText()).toContain('كنصفرة');
    // By keyboard too: the marked words are in the Tab order, say their field, and light it.
    await page.mouse.move(0, 0);
    const place = text.locator('mark', { hasText: 'كنصفرة' }).first();
    expect(await place.evaluate((el) => el.tabIndex)).toBe(0);
    await place.focus();
    expect(await place.getAttribute('title')).toMatch(/^كلمات تشهد على: .*المكان/);
    await expect
      .poll(() => incident.locator('[data-point="place"]').getAttribute('class'))
      .toContain('lit');
    // The reading's notes speak Arabic: a place the gazetteer lacks is told in the reader's words.
    const notes = preview.locator('section.warnings li');
    expect(await notes.count()).toBeGreaterThan(0);
    const unlisted = await notes.filter({ hasText: 'جبل الزاوية' }).first().innerText();
    expect(unlisted).toContain('ليس في المعجم الجغرافي');
    expect(unlisted).not.toContain('is not in the gazetteer');
    // Nothing is stored by a preview.
    const before = await page.evaluate(async () => {
      const reply = (await (await fetch('/api/events')).json()) as { total: number };
      return reply.total;
    });
    expect(before).toBe(1);
    await shotBothLanguages(page, 'add-preview');

    await page.getByRole('button', { name: 'حفظ التقرير' }).click();
    const saved = page.getByRole('status').filter({ hasText: 'حُفظ التقرير' });
    await saved.waitFor();
    await shotBothLanguages(page, 'add-saved');
    await saved.getByRole('link', { name: 'افتح الحدث' }).click();
    await page.locator('#event-title').getByText('كنصفرة').waitFor();
    expect(await page.locator('.report h3').innerText()).toBe('قصف على كنصفرة');
    await signOut(page);
  });

  it('shows what wathiq reads from a dropped file before saving it, as for pasted text', async () => {
    const { page } = browser;
    await signIn(page, server.origin, 'editor');
    await page.getByRole('link', { name: 'إضافة تقرير' }).click();
    const dataTransfer = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'sarmin.txt', { type: 'text/plain' }));
      return dt;
    }, DROPPED);
    await page.locator('.drop').dispatchEvent('drop', { dataTransfer });
    await page.locator('.drop li', { hasText: 'sarmin.txt' }).waitFor();
    await page.getByRole('button', { name: 'معاينة ما يقرؤه وثّق' }).click();
    const preview = page.locator('section.preview');
    const heading = preview.getByRole('heading', { name: /sarmin\.txt/ });
    await heading.waitFor();
    expect(await heading.innerText()).toMatch(/^sarmin\.txt — الحوادث المقروءة/);
    const incident = preview.locator('.preview-incident').first();
    expect(await incident.innerText()).toContain('سرمين');
    expect(await preview.locator('.report-text mark').count()).toBeGreaterThan(0);
    // Nothing is stored by a preview.
    const total = await page.evaluate(async () => {
      const reply = (await (await fetch('/api/events')).json()) as { total: number };
      return reply.total;
    });
    expect(total).toBe(2);
    await shotBothLanguages(page, 'add-drop-preview');
    await signOut(page);
  });

  it('shows a reading note it has no words for as made, in the note’s own direction', async () => {
    const { page } = browser;
    await signIn(page, server.origin, 'editor');
    // A warning of a kind the app has no translation for, as a newer server might send.
    await page.route('**/api/reports/preview', async (route) => {
      const response = await route.fetch();
      const reading = (await response.json()) as { notes: unknown[] };
      reading.notes.push({ code: 'other', values: {}, text: 'a warning of a new kind' });
      await route.fulfill({ response, json: reading });
    });
    await page.getByRole('link', { name: 'إضافة تقرير' }).click();
    await page.getByLabel('نص التقرير').fill(PASTED);
    await page.getByRole('button', { name: 'معاينة ما يقرؤه وثّق' }).click();
    const made = page.locator('section.warnings li', { hasText: 'a warning of a new kind' });
    await made.waitFor();
    expect(await made.getAttribute('dir')).toBe('auto');
    // Its English runs left to right inside the Arabic page; the translated notes stay in the page's direction.
    expect(await made.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
    const translated = page.locator('section.warnings li', { hasText: 'ليس في المعجم الجغرافي' });
    expect(await translated.first().getAttribute('dir')).toBeNull();
    await page.unroute('**/api/reports/preview');
    await signOut(page);
  });

  it('chooses files by keyboard with a labelled control in the page’s language', async () => {
    const { page } = browser;
    await signIn(page, server.origin, 'editor');
    await page.getByRole('link', { name: 'إضافة تقرير' }).click();
    const chooser = page.getByLabel('اختر ملفات');
    expect(await chooser.getAttribute('type')).toBe('file');
    const status = page.locator('#files-chosen');
    expect(await status.innerText()).toBe('لم يُختر ملف');
    // The browser's own control («No file chosen», «Choose Files») is out of sight.
    const box = await chooser.boundingBox();
    expect(box === null || (box.width <= 1 && box.height <= 1)).toBe(true);
    expect(await chooser.evaluate((el) => getComputedStyle(el).opacity)).toBe('0');
    // Listening for the chooser turns on the browser's interception of it, a message Playwright
    // does not wait for: begun here, well before Space, the dialog cannot open uncaught.
    const picking = page.waitForEvent('filechooser');
    // Should a check below fail first, its timeout is not an unhandled rejection besides.
    picking.catch(() => undefined);
    // Tab reaches it from the URL field; its label, the control seen, shows the focus.
    await page.getByLabel('الرابط').focus();
    for (let k = 0; k < 10; k++) {
      if (await chooser.evaluate((el) => el === document.activeElement)) break;
      await page.keyboard.press('Tab');
    }
    expect(await chooser.evaluate((el) => el === document.activeElement)).toBe(true);
    const button = page.locator('label.file-button');
    expect(await button.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
    // Space opens the chooser, as for any file control.
    await page.keyboard.press('Space');
    const picker = await picking;
    expect(picker.isMultiple()).toBe(true);
    await picker.setFiles({
      name: 'sarmin.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(DROPPED),
    });
    await page.locator('.drop li', { hasText: 'sarmin.txt' }).waitFor();
    expect(await status.innerText()).toBe('الملفات المختارة: ١');
    await shotBothLanguages(page, 'add-files-chosen');
    await page.getByRole('button', { name: 'التبديل إلى الإنكليزية' }).click();
    await page.locator('html[lang="en"]').waitFor();
    expect(await page.locator('label.file-button').innerText()).toBe('Choose files');
    expect(await status.innerText()).toBe('Files chosen: 1');
    await page.getByRole('button', { name: 'Switch to Arabic' }).click();
    await page.locator('html[lang="ar"]').waitFor();
    await signOut(page);
  });

  it('tells that a report pasted again with the date it was saved without now has it, and that another date is not taken', async () => {
    const { page } = browser;
    const UNDATED =
      'قتل شاب برصاص قناص على أطراف بلدة بصرى الشام شرقي درعا صباح اليوم، بحسب ناشطين من المنطقة.';
    await signIn(page, server.origin, 'editor');
    const pasted = async (): Promise<void> => {
      await page.getByRole('link', { name: 'إضافة تقرير' }).click();
      await page.getByLabel('نص التقرير').fill(UNDATED);
    };
    await pasted();
    await page.getByRole('button', { name: 'حفظ التقرير' }).click();
    await page.getByRole('status').filter({ hasText: 'حُفظ التقرير' }).waitFor();
    await pasted();
    const published = page.getByRole('group', { name: 'تاريخ النشر' });
    await published.getByLabel('اليوم').fill('٣');
    await published.getByLabel('الشهر').selectOption({ label: 'آذار' });
    await published.getByLabel('السنة').fill('2025');
    await page.getByRole('button', { name: 'حفظ التقرير' }).click();
    const told = page.getByRole('status').filter({ hasText: 'كان محفوظاً من قبل' });
    await told.waitFor();
    expect(await told.innerText()).toContain('أُعطي الآن ما كان ينقصه (تاريخ النشر)');
    await shotBothLanguages(page, 'add-completed');
    // Pasted once more with another day: the day it keeps stands, and the page says which.
    await pasted();
    await published.getByLabel('اليوم').fill('٥');
    await published.getByLabel('الشهر').selectOption({ label: 'آذار' });
    await published.getByLabel('السنة').fill('2025');
    await page.getByRole('button', { name: 'حفظ التقرير' }).click();
    const kept = page.getByRole('status').filter({ hasText: 'لم يؤخذ' });
    await kept.waitFor();
    expect(await kept.innerText()).toMatch(
      /ويبقى تاريخ النشر فيه .*٣ آذار ٢٠٢٥.*لم يؤخذ .*٥ آذار ٢٠٢٥/,
    );
    await shotBothLanguages(page, 'add-kept');
    await signOut(page);
  });
});
