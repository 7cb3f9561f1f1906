import { describe, expect, it } from 'vitest';
import {
  normalizeForMatching,
  parseDigits,
  readDefiniteNumber,
  readNumber,
  readVagueQuantity,
  tokenize,
} from '../../src/text/index.js';

const read = (text: string) => readNumber(tokenize(normalizeForMatching(text).text), 0);

describe('readNumber', () => {
  it.each([
    ['20 عنصراً', 20],
    ['٢٠ عنصراً', 20],
    ['1,200 شخص', 1200],
    ['ثلاثة عناصر', 3],
    ['ثلاث نساء', 3],
    ['ستة', 6],
    ['عشرة', 10],
    ['أحد عشر قتيلا', 11],
    ['إحدى عشرة امرأة', 11],
    ['اثنا عشر', 12],
    ['خمسة عشر', 15],
    ['عشرين مدنيا', 20],
    ['ثلاثون', 30],
    ['خمسة وعشرون قتيلا', 25],
    ['ثلاث وأربعين', 43],
    ['مئة', 100],
    ['مائتي شخص', 200],
    ['ثلاثمئة', 300],
    ['ثلاث مئة', 300],
    ['خمسمائة وخمسين', 550],
    ['ألف قتيل', 1000],
    ['الألف', 1000],
    ['ألفين', 2000],
    ['ثلاثة آلاف', 3000],
    ['300 ألف نسمة', 300_000],
    ['1.5 مليون', 1_500_000],
  ])('reads %s as %d', (text, value) => {
    expect(read(text)?.value).toBe(value);
  });

  it('reports the tokens it spans', () => {
    expect(read('خمسة وعشرون قتيلا')).toMatchObject({ start: 0, end: 2 });
  });

  it.each(['عناصر', 'أحد عناصر', 'قتلى', '02.10.2019'])('reads no number in %s', (text) => {
    expect(read(text)).toBeNull();
  });

  it('reads a dual-free plain «اثنين» as two', () => {
    expect(read('اثنين')?.value).toBe(2);
  });
});

describe('readDefiniteNumber', () => {
  const definite = (text: string) =>
    readDefiniteNumber(tokenize(normalizeForMatching(text).text), 0)?.value ?? null;

  it.each([
    ['الثلاثة', 3],
    ['الأربعة', 4],
    ['الخمس', 5],
    ['العشرين', 20],
  ])('reads «%s» after its noun as %d', (text, value) => {
    expect(definite(text)).toBe(value);
  });

  it.each(['الأربعاء', 'الثلاثاء', 'ثلاثة', 'الخميس'])('reads no number in «%s»', (text) => {
    expect(definite(text)).toBeNull();
  });
});

describe('parseDigits', () => {
  it('refuses dotted dates', () => {
    expect(parseDigits('12.7.2012')).toBeNull();
  });
});

describe('readVagueQuantity', () => {
  it.each([
    ['عشرات الجرحى', 'dozens'],
    ['المئات', 'hundreds'],
    ['آلاف', 'thousands'],
    ['وعشرات', 'dozens'],
  ])('reads %s as %s', (text, quantity) => {
    expect(readVagueQuantity(tokenize(normalizeForMatching(text).text), 0)?.quantity).toBe(
      quantity,
    );
  });
});
