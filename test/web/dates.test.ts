import { describe, expect, it } from 'vitest';
import { isoOf, latinDigits, localDigits, partsOf } from '../../web/src/dates.js';

describe('days as people type them', () => {
  it('reads Arabic-Indic and Persian digits as Latin ones', () => {
    expect(latinDigits('١٥/١٠/٢٠٢٤')).toBe('15/10/2024');
    expect(latinDigits('۱۲')).toBe('12');
    expect(localDigits('ar', '2024')).toBe('٢٠٢٤');
    expect(localDigits('en', '2024')).toBe('2024');
  });

  it('makes a day of its parts in either digits, and none of an impossible one', () => {
    expect(isoOf({ day: '٥', month: '3', year: '٢٠٢٤' })).toBe('2024-03-05');
    expect(isoOf({ day: '', month: '', year: '' })).toBe('');
    expect(isoOf({ day: '31', month: '4', year: '2024' })).toBeNull();
    expect(isoOf({ day: '29', month: '2', year: '2023' })).toBeNull();
    expect(isoOf({ day: '1', month: '1', year: '24' })).toBeNull();
    expect(isoOf({ day: 'x', month: '1', year: '2024' })).toBeNull();
  });

  it('splits an ISO day into its parts and back', () => {
    expect(partsOf('2024-10-05')).toEqual({ day: '5', month: '10', year: '2024' });
    expect(isoOf(partsOf('2024-10-05'))).toBe('2024-10-05');
    expect(partsOf('')).toEqual({ day: '', month: '', year: '' });
  });
});
