import { describe, expect, it } from 'vitest';
import { filterFromQuery, filterToQuery, isEmpty } from '../../web/src/filter.js';

describe('the events filter in the address', () => {
  it('reads back what it wrote', () => {
    const filter = {
      from: '2024-01-01',
      to: '2024-12-31',
      governorate: 'SY07',
      type: 'Battles',
      search: 'أريحا',
      private: 'only' as const,
    };
    expect(filterFromQuery(filterToQuery(filter))).toEqual(filter);
  });

  it('drops empty fields, malformed days and unknown private values', () => {
    const filter = filterFromQuery(
      new URLSearchParams('from=yesterday&actor=&private=maybe&to=2024-02-03'),
    );
    expect(filter).toEqual({ to: '2024-02-03' });
  });

  it('knows an empty filter', () => {
    expect(isEmpty(filterFromQuery(new URLSearchParams('page=2')))).toBe(true);
    expect(isEmpty({ status: 'unreviewed' })).toBe(false);
  });
});
