import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { isolate, langOf } from '../../src/cli/i18n.js';
import { captureConsole } from './console.js';

const { out, run, file, dir } = captureConsole();
const serverUrl = process.env.DATABASE_URL;
delete process.env.DATABASE_URL;
const { LANG, LC_ALL } = process.env;
afterAll(() => {
  if (serverUrl !== undefined) process.env.DATABASE_URL = serverUrl;
  if (LANG === undefined) delete process.env.LANG;
  else process.env.LANG = LANG;
  if (LC_ALL !== undefined) process.env.LC_ALL = LC_ALL;
});

const FSI = '\u2068';
const PDI = '\u2069';
const REPORT =
  'قتل ثلاثة مدنيين في قصف مدفعي لقوات النظام على بلدة كفرنبل جنوبي إدلب أمس الثلاثاء، بحسب المرصد السوري لحقوق الإنسان.';

/** A line with its isolated runs taken out: what is left must be in the line's own script. */
function outsideIsolates(line: string): string {
  return line.replace(/\u2068[^\u2069]*\u2069/g, '');
}

function lines(text: string): string[] {
  return stripVTControlCharacters(text)
    .split('\n')
    .filter((l) => l.trim() !== '');
}

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
