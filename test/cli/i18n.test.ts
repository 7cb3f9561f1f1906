import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { isolate, langOf } from '../../src/cli/i18n.js';
import { captureConsole, onEmbeddedStore } from './console.js';
import { inOneScript, lines, outsideIsolates } from './bidi.js';

const { out, err, run, file, dir } = captureConsole();
onEmbeddedStore();
const { LANG, LC_ALL } = process.env;
afterAll(() => {
  if (LANG === undefined) delete process.env.LANG;
  else process.env.LANG = LANG;
  if (LC_ALL !== undefined) process.env.LC_ALL = LC_ALL;
});

const FSI = '\u2068';
const PDI = '\u2069';
const REPORT =
  'قتل ثلاثة مدنيين في قصف مدفعي لقوات النظام على بلدة كفرنبل جنوبي إدلب أمس الثلاثاء، بحسب المرصد السوري لحقوق الإنسان.';

describe('the language of what a person reads', () => {
  it('takes --lang, else the locale (LC_ALL before LC_MESSAGES before LANG)', () => {
    expect(langOf('ar', { LANG: 'en_GB.UTF-8' })).toBe('ar');
    expect(langOf(undefined, { LANG: 'ar_SY.UTF-8' })).toBe('ar');
    expect(langOf(undefined, { LC_ALL: 'en_US.UTF-8', LANG: 'ar_SY.UTF-8' })).toBe('en');
    expect(langOf(undefined, { LC_ALL: '', LC_MESSAGES: 'ar_EG', LANG: 'C' })).toBe('ar');
    expect(langOf(undefined, {})).toBe('en');
  });

  it('isolates Arabic in English lines and Latin in Arabic ones, numbers in neither', () => {
    expect(isolate('en', 'كفرنبل')).toBe(`${FSI}كفرنبل${PDI}`);
    expect(isolate('en', 'Kafr Nobol')).toBe('Kafr Nobol');
    expect(isolate('ar', 'Kafr Nobol')).toBe(`${FSI}Kafr Nobol${PDI}`);
    expect(isolate('ar', 'كفرنبل')).toBe('كفرنبل');
    expect(isolate('ar', '2024-03-12')).toBe('2024-03-12');
  });

  it('prints extract in English with names for ids and every Arabic run isolated', async () => {
    expect(
      await run('extract', '--lang', 'en', '--published', '2024-03-13', file('a.txt', REPORT)),
    ).toBe(0);
    const text = stripVTControlCharacters(out.join(''));
    expect(text).toMatch(
      /Shelling\/artillery\/missile attack — 2024-03-12 \(\u2068«أمس الثلاثاء»\u2069\)/,
    );
    expect(text).toMatch(/actors: .*Syrian government forces \(Assad era\)/);
    expect(text).toMatch(/actors: .*civilians/);
    expect(text).toMatch(/Syrian Observatory for Human Rights: killed 3 civilians/);
    expect(text).not.toMatch(/\b(?:SOHR|CIV|SYR-GOV)\b/);
    for (const line of lines(text)) expect(outsideIsolates(line)).not.toMatch(/\p{Script=Arabic}/u);
  });

  it('prints extract in Arabic, from the locale, with Latin runs isolated', async () => {
    process.env.LANG = 'ar_SY.UTF-8';
    delete process.env.LC_ALL;
    try {
      expect(await run('extract', '--published', '2024-03-13', file('b.txt', REPORT))).toBe(0);
    } finally {
      if (LANG === undefined) delete process.env.LANG;
      else process.env.LANG = LANG;
    }
    const text = stripVTControlCharacters(out.join(''));
    expect(text).toMatch(/نُشر 2024-03-13 — 1 حادثة/);
    expect(text).toMatch(
      /انفجارات وعنف عن بعد \/ قصف مدفعي أو صاروخي — 2024-03-12 \(«أمس الثلاثاء»\)/,
    );
    expect(text).toMatch(/الأطراف: .*قوات النظام/);
    expect(text).toMatch(/المكان: كفر نبل \(\u2068Kafr Nobol\u2069\)/);
    expect(text).toMatch(/المرصد السوري لحقوق الإنسان: قتلى 3 من مدنيين/);
    expect(text).toMatch(/القتلى: الأدنى 3، الأرجح 3، الأعلى 3/);
    for (const line of lines(text)) expect(outsideIsolates(line)).not.toMatch(/[a-z]/i);
  });

  it('lists events for review in both languages', async () => {
    const data = join(dir, 'data');
    expect(
      await run('ingest', '--data', data, '--published', '2024-03-13', file('c.txt', REPORT)),
    ).toBe(0);
    out.length = 0;
    expect(await run('review', '--data', data, '--lang', 'ar')).toBe(0);
    const arabic = stripVTControlCharacters(out.join(''));
    expect(arabic).toMatch(/\[لم يراجع\] {2}قصف مدفعي أو صاروخي {2}2024-03-12/);
    expect(arabic).toMatch(/ ← .* {2}القتلى 3\/3\/3 \(الأدنى\/الأرجح\/الأعلى\)/);
    expect(arabic).toMatch(
      /الكلمات: التاريخ «أمس الثلاثاء» · المكان «بلدة كفرنبل» · .*المرصد السوري لحقوق الإنسان «المرصد السوري لحقوق الإنسان» · قتلى «قتل ثلاثة مدنيين»/,
    );
    expect(arabic).toMatch(/ادعاء المرصد السوري لحقوق الإنسان: قتلى 3 من مدنيين/);
    for (const line of lines(arabic)) expect(outsideIsolates(line)).not.toMatch(/[a-z]/i);
    out.length = 0;
    expect(await run('review', '--data', data, '--lang', 'en')).toBe(0);
    const english = stripVTControlCharacters(out.join(''));
    expect(english).toMatch(/\[unreviewed\] {2}Shelling\/artillery\/missile attack {2}2024-03-12/);
    expect(english).toMatch(
      /words: date \u2068«أمس الثلاثاء»\u2069 · place \u2068«بلدة كفرنبل»\u2069/,
    );
    expect(english).toMatch(/claim Syrian Observatory for Human Rights: killed 3 civilians/);
    for (const line of lines(english))
      expect(outsideIsolates(line)).not.toMatch(/\p{Script=Arabic}/u);
  });
});

/** What a command said, on both its outputs, escape codes taken out. */
function said(): string {
  return stripVTControlCharacters([...out, ...err].join(''));
}

describe('every command speaks the language asked for', () => {
  const data = join(dir, 'store');
  const undated = file('undated.txt', REPORT);
  const clear = (): void => {
    out.length = 0;
    err.length = 0;
  };

  it('ingest: its tally, the reports without a date and how to date them', async () => {
    expect(await run('ingest', '--data', data, '--no-progress', '--lang', 'ar', undated)).toBe(0);
    const arabic = said();
    expect(arabic).toMatch(/1 تقرير في .* أضيف 1، 0 موجود أصلاً، فشل 0؛ المخزن: /);
    expect(arabic).toMatch(/تنبيه: 1 تقرير بلا تاريخ نشر/);
    expect(arabic).toMatch(/أعطِ كلاً منها تاريخه في ترويسة/);
    inOneScript('ar', arabic);
    clear();
    expect(await run('--lang', 'en', 'ingest', '--data', data, '--no-progress', undated)).toBe(0);
    const english = said();
    expect(english).toMatch(/1 reports in .*: 0 added, 1 already have, 0 failed; store: /);
    inOneScript('en', english);
  });

  it('export, evidence and evidence verify', async () => {
    const csv = join(dir, 'events.csv');
    clear();
    expect(await run('export', '--data', data, '--format', 'json', '--lang', 'ar')).toBe(0);
    const [event] = JSON.parse(out.join('')) as { id: string }[];
    expect(err.join('')).toMatch(/صُدّر 1 حدث من /);
    clear();
    expect(
      await run('export', '--data', data, '--format', 'csv', '--out', csv, '--lang', 'en'),
    ).toBe(0);
    expect(said()).toMatch(/exported 1 events from .* to /);
    inOneScript('en', said());
    clear();
    expect(await run('evidence', event?.id ?? '', '--data', data, '--lang', 'ar')).toBe(0);
    const arabic = said();
    expect(arabic).toMatch(/ بايت {2}التُقط /);
    expect(arabic).toMatch(/المصدر: .*undated\.txt/);
    expect(arabic).toMatch(/التقرير: .*، بلا تاريخ نشر/);
    inOneScript('ar', arabic);
    clear();
    expect(await run('evidence', 'verify', '--data', data, '--lang', 'ar')).toBe(0);
    expect(said()).toMatch(/فُحص 1 ملقوط في .*: كلها تطابق بصمتها/);
    inOneScript('ar', said());
    clear();
    expect(await run('evidence', 'ev:none', '--data', data, '--lang', 'ar')).toBe(1);
    expect(said()).toMatch(/لا حدث ولا تقرير ولا ملقوط «\u2068ev:none\u2069» في المخزن/);
    clear();
    expect(await run('evidence', 'verify', '--data', data, '--lang', 'en')).toBe(0);
    expect(said()).toMatch(/checked 1 capture\(s\) in .*: every one matches its SHA-256/);
  });

  it('reprocess', async () => {
    clear();
    expect(await run('reprocess', '--data', data, '--lang', 'ar')).toBe(0);
    const arabic = said();
    expect(arabic).toMatch(/أعيدت قراءة 1 تقرير، قُرئ 0 منها على نحو مختلف؛ الأحداث: أضيف 0/);
    inOneScript('ar', arabic);
    clear();
    expect(await run('reprocess', '--data', data, '--lang', 'en')).toBe(0);
    expect(said()).toMatch(/read again 1 reports, 0 read differently; events: 0 added/);
  });

  it('gazetteer lookup and remove', async () => {
    clear();
    expect(
      await run('gazetteer', 'lookup', 'غرب مدينة الطبقة', '--data', data, '--lang', 'ar'),
    ).toBe(0);
    const arabic = said();
    expect(arabic).toMatch(/«غرب مدينة الطبقة» ← .* الدقة \d/);
    inOneScript('ar', arabic);
    clear();
    expect(
      await run('gazetteer', 'lookup', 'غرب مدينة الطبقة', '--data', data, '--lang', 'en'),
    ).toBe(0);
    expect(said()).toMatch(/«\u2068غرب مدينة الطبقة\u2069» → .* precision \d/);
    inOneScript('en', said());
    clear();
    expect(await run('gazetteer', 'remove', 'قرية لا توجد', '--data', data, '--lang', 'ar')).toBe(
      1,
    );
    expect(said()).toMatch(/لا مكان «قرية لا توجد» \(معرّفاً أو اسماً\) في ملف أماكنك/);
    inOneScript('ar', said());
  });

  it.each([
    [
      ['export', '--format', 'csv', '--actor', 'SDFF'],
      2,
      /لا طرف «\u2068SDFF\u2069»؛ الأقرب: \u2068SDF\b/,
      /no actor «SDFF»; the closest are SDF\b/,
    ],
    [
      ['export', '--format', 'csv', '--type', 'Shelling'],
      2,
      /الأقرب: \u2068Shelling\/artillery\/missile attack/,
      /the closest are Shelling\/artillery\/missile attack/,
    ],
    [
      ['export', '--format', 'csv', '--from', '2019-02-30'],
      2,
      /خطأ: قيمة الخيار .*--from.* غير صالحة\. 2019-02-30 ليس يوماً في التقويم/,
      /error: option '--from <date>' argument '2019-02-30' is invalid\. 2019-02-30 is not a day of the calendar/,
    ],
    [
      ['export', '--format', 'xyz'],
      2,
      /غير صالحة\. المتوقع واحد من \u2068csv, acled, ucdp/,
      /is invalid\. expected one of csv, acled, ucdp/,
    ],
    [
      ['review', '--data', join(dir, 'nowhere')],
      3,
      /لا مخزن لـ.*wathiq.* هنا؛ أدخل تقارير أولاً/,
      /no wathiq store here; ingest reports first/,
    ],
    [
      ['evidence'],
      2,
      /سمِّ حدثاً أو تقريراً أو ملقوطاً، أو قل .*verify/,
      /name an event, a report or a capture, or say verify/,
    ],
  ])('a failure in both languages: %j', async (args, status, arabic, english) => {
    const withData = args.includes('--data') ? args : [...args, '--data', data];
    clear();
    expect(await run(...withData, '--lang', 'ar')).toBe(status);
    expect(said()).toMatch(arabic);
    inOneScript('ar', said());
    clear();
    expect(await run('--lang', 'en', ...withData)).toBe(status);
    expect(said()).toMatch(english);
    inOneScript('en', said());
  });
});
