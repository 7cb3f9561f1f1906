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

  it('collapses spaces in dictionary phrases', () => {
    expect(normalizePhrase('  قوات   سوريا الديمقراطية ')).toBe('قوات سوريا الديمقراطيه');
  });
});
