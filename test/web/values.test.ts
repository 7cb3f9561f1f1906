import { describe, expect, it } from 'vitest';
import { showValue } from '../../web/src/values.js';

describe('audit values as a reader sees them', () => {
  it('shows text bare and nothing as a dash', () => {
    expect(showValue('reviewed', '—')).toBe('reviewed');
    expect(showValue(null, '—')).toBe('—');
  });

  it('names the fields of a changed value', () => {
    expect(showValue({ place_id: 'C1234', precision: 1 }, '—')).toBe(
      'place_id: C1234 · precision: 1',
    );
  });
});
