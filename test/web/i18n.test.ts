import { describe, expect, it } from 'vitest';
import ar from '../../web/src/i18n/ar.json';
import en from '../../web/src/i18n/en.json';
import { formatDate, formatNumber, translate, direction } from '../../web/src/i18n/i18n.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  it('has every Arabic key in English and no key English alone has', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ar).sort());
  });

  it('uses the same placeholders in both languages', () => {
    for (const [key, text] of Object.entries(ar))
      expect(placeholders(en[key as keyof typeof en]), key).toEqual(placeholders(text));
  });

  it('fills placeholders, formatting numbers for the language', () => {
    expect(translate('en', 'map.cluster', { count: 1200 })).toBe('Events: 1,200');
    expect(translate('ar', 'map.cluster', { count: 12 })).toBe('عدد الأحداث: ١٢');
  });

  it('writes Arabic right to left and English left to right', () => {
    expect(direction('ar')).toBe('rtl');
    expect(direction('en')).toBe('ltr');
  });
});

describe('formats', () => {
  it('writes numbers with the digits of each language', () => {
    expect(formatNumber('ar', 2024)).toMatch(/^٢\D?٠٢٤$/);
    expect(formatNumber('en', 2024)).toBe('2,024');
  });

  it('keeps a calendar day on its day whatever the time zone, with its weekday', () => {
    // ICU versions differ in punctuation, so only the parts are checked.
    expect(formatDate('en', '2024-03-05')).toMatch(/^Tuesday\W+5 March 2024$/);
    expect(formatDate('ar', '2024-03-05')).toContain('الثلاثاء');
  });

  it('shows only what a month- or year-precise date knows', () => {
    expect(formatDate('en', '2024-03-01', 'month')).toBe('March 2024');
    expect(formatDate('en', '2024-01-01', 'year')).toBe('2024');
  });
});
