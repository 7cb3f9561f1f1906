import { describe, expect, it } from 'vitest';
import { SpellingIndex } from '../../src/gazetteer/spelling.js';

describe('names one letter off', () => {
  const index = new SpellingIndex(
    [
      ['هدهد', 'Hadhud'],
      ['كباني', 'Kabani'],
      ['تل رفعت', 'Tell Rifaat'],
      ['نوى', 'Nawa'],
      ['قامشلي', 'Qamishli'],
      ['سراقب', 'Saraqeb'],
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

  it.each([
    ['قاملشي', 'Qamishli'],
    ['قامشيل', 'Qamishli'],
    ['سرقاب', 'Saraqeb'],
    ['ساراقب', 'Saraqeb'],
  ])('finds two neighbouring letters swapped, or one added: «%s»', (key, value) => {
    expect(near(key)).toEqual([value]);
  });

  it('does not take two letters swapped apart from each other for one slip', () => {
    expect(near('قلمشاي')).toEqual([]);
    expect(near('بسراقا')).toEqual([]);
  });

  it('finds nothing two letters off', () => {
    expect(near('هدهودي')).toEqual([]);
  });
});
