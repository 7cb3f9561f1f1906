import { describe, expect, it } from 'vitest';
import { governorateName } from '../../web/src/vocabulary/governorate.js';

const idlib = { pcode: 'SY07', name: 'إدلب' };
const town = { precision: 1, admin1_pcode: 'SY07', admin1: 'Idleb' };

describe('the governorate a place lies in', () => {
  it('is named from the boundaries in the reader’s language', () => {
    expect(governorateName('ar', town, [idlib])).toBe('إدلب');
  });

  it('is not named in English to an Arabic reader when the boundaries lack it or have not come', () => {
    expect(governorateName('ar', town, [])).toBeNull();
    expect(governorateName('ar', { ...town, admin1_pcode: 'SY99' }, [idlib])).toBeNull();
    expect(governorateName('en', town, [])).toBe('Idleb');
  });

  it('is left out for a place that is itself a governorate or wider area', () => {
    expect(governorateName('ar', { ...town, precision: 3 }, [idlib])).toBeNull();
  });
});
