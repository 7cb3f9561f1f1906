import { describe, expect, it } from 'vitest';
import { vocabularyLabel } from '../../web/src/vocabulary/actors.js';

describe('names of actors and claimants', () => {
  it('names an actor by its first Arabic form, or its English name', () => {
    expect(vocabularyLabel('ar', 'SDF')).toMatch(/[\u0600-\u06FF]/);
    expect(vocabularyLabel('en', 'SDF')).toMatch(/Syrian Democratic Forces/);
  });

  it('names claimants that are not actors', () => {
    expect(vocabularyLabel('en', 'SOHR')).toBe('Syrian Observatory for Human Rights');
  });

  it('shows an id the dictionaries lack as it is', () => {
    expect(vocabularyLabel('ar', 'NEW-GROUP')).toBe('NEW-GROUP');
  });
});
