import { describe, expect, it } from 'vitest';
import { SpellingIndex } from '../../src/gazetteer/spelling.js';

describe('names one letter off', () => {
  const index = new SpellingIndex(
    [
      ['هدهد', 'Hadhud'],
      ['كباني', 'Kabani'],
      ['تل رفعت', 'Tell Rifaat'],
      ['نوى', 'Nawa'],
    ],
    4,
  );
  const near = (key: string): string[] => index.near(key).map((h) => h.value);

  it('finds a letter added, dropped or changed', () => {
    expect(near('هدهود')).toEqual(['Hadhud']);
    expect(near('كبانه')).toEqual(['Kabani']);
    expect(near('كبان')).toEqual([]);
    expect(near('تل رفعه')).toEqual(['Tell Rifaat']);
    expect(near('تلرفعت')).toEqual([]);
  });

  it('leaves exact spellings to the exact index, and short names alone', () => {
    expect(near('هدهد')).toEqual([]);
    expect(near('نوا')).toEqual([]);
    expect(near('نواى')).toEqual([]);
  });

  it('finds nothing two letters off', () => {
    expect(near('هدهودي')).toEqual([]);
  });
});
