import { describe, expect, it } from 'vitest';
import { normalizeForMatching, normalizePhrase, toOriginalSpan } from '../../src/text/index.js';

describe('normalizeForMatching', () => {
  it.each([
    ['أحمد', 'احمد'],
    ['إدلب', 'ادلب'],
    ['آذار', 'اذار'],
    ['ٱلرقة', 'الرقه'],
    ['مستشفى', 'مستشفي'],
    ['مدينة', 'مدينه'],
    ['مسؤول', 'مسوول'],
    ['رئيس', 'رييس'],
    ['قُتِلَ', 'قتل'],
    ['عنصراً', 'عنصرا'],
    ['الجـــيش', 'الجيش'],
    ['٢٠ قتيلاً', '20 قتيلا'],
    ['۱۵ جريحاً', '15 جريحا'],
    ['«قسد»', '"قسد"'],
    ['“داعش”', '"داعش"'],
    ['حلب، إدلب؛ لماذا؟', 'حلب, ادلب; لماذا?'],
    ['AFP', 'afp'],
    ['ﻻ', 'لا'],
    ['یک', 'يك'],
  ])('normalizes %s to %s', (input, expected) => {
    expect(normalizeForMatching(input).text).toBe(expected);
  });

  it('maps every normalized character back to its original offset', () => {
    const original = 'قُتِلَ ٣ عناصرَ';
    const n = normalizeForMatching(original);
    const start = n.text.indexOf('عناصر');
    const [s, e] = toOriginalSpan(n, start, start + 'عناصر'.length);
    expect(original.slice(s, e)).toBe('عناصرَ');
    const [ds, de] = toOriginalSpan(n, n.text.indexOf('3'), n.text.indexOf('3') + 1);
    expect(original.slice(ds, de)).toBe('٣');
  });

  it('keeps the original length at the end of the offset map', () => {
    const n = normalizeForMatching('بـــلدة');
    expect(n.origin[n.text.length]).toBe('بـــلدة'.length);
  });

  it('reads presentation forms as the letters they draw, and keeps those that draw none', () => {
    // «ﻻ» (lam-alef, isolated) and «ﺑ» (initial ba) are letters; «﴾ ﴿» enclose a quotation.
    expect(normalizeForMatching('\ufefb\u0020\ufe91\u064a\u062a').text).toBe('لا بيت');
    expect(normalizeForMatching('قال \ufd3eنص\ufd3f').text).toBe('قال \ufd3eنص\ufd3f');
  });

  it('normalizes every presentation form without failing', () => {
    for (let code = 0xfb50; code <= 0xfefc; code++) {
      const n = normalizeForMatching(String.fromCharCode(code));
      expect(n.origin.length).toBe(n.text.length + 1);
    }
  });

  it('collapses spaces in dictionary phrases', () => {
    expect(normalizePhrase('  قوات   سوريا الديمقراطية ')).toBe('قوات سوريا الديمقراطيه');
  });
});
