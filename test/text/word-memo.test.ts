import { describe, expect, it } from 'vitest';
import {
  MAX_WORDS_KEPT,
  normalizeForMatching,
  tokenize,
  WordMemo,
  WordTest,
} from '../../src/text/index.js';
import type { Token } from '../../src/text/index.js';
import * as read from '../../src/extract/01-read/index.js';
import { FORCE_NOUNS, TOLL_NOUNS } from '../../src/extract/01-read/index.js';
import type { WordSet } from '../../src/extract/01-read/index.js';
import { madeUpWords } from './made-up-words.js';

const tokensOf = (text: string): Token[] => tokenize(normalizeForMatching(text).text);

/** A memo that counts how often it works a token out. */
function counting(): { memo: WordMemo<string>; worked: string[] } {
  const worked: string[] = [];
  const memo = new WordMemo((token) => {
    worked.push(token.text);
    return token.keys.join('|');
  });
  return { memo, worked };
}

/** A test of words that counts how often it works a token out: a word of more than four letters. */
function countingTest(): { test: WordTest; worked: string[] } {
  const worked: string[] = [];
  const test = new WordTest((token) => {
    worked.push(token.text);
    return token.text.length > 4;
  });
  return { test, worked };
}

describe('WordMemo', () => {
  it('works a word out once and answers its other tokens from memory', () => {
    const { memo, worked } = counting();
    const tokens = tokensOf('قصفت الطائرات القرية ثم عادت الطائرات وقصفت القرية');
    const answers = tokens.map((t) => memo.of(t));
    expect(answers).toEqual(tokens.map((t) => t.keys.join('|')));
    // Eight tokens, six words: «الطائرات» and «القرية» come twice.
    expect(worked).toEqual([...new Set(tokens.map((t) => t.text))]);
    expect(worked).toHaveLength(6);
  });

  it('works every word out again once cleared', () => {
    const { memo, worked } = counting();
    const [word] = tokensOf('اشتباكات');
    if (word === undefined) throw new Error('no token');
    memo.of(word);
    memo.of(word);
    memo.clear();
    memo.of(word);
    expect(worked).toEqual(['اشتباكات', 'اشتباكات']);
  });

  it('answers right after a long run of new words starts it again, and works earlier words out anew', () => {
    const { memo, worked } = counting();
    const early = tokensOf('قصفت الطائرات القرية');
    for (const t of early) memo.of(t);
    // Made-up words, twice as many as it keeps: it starts again at least once.
    const made = madeUpWords(2 * MAX_WORDS_KEPT, 'ك');
    const many = tokensOf(made.join(' '));
    expect(many.map((t) => memo.of(t))).toEqual(many.map((t) => t.keys.join('|')));
    expect((many.at(-1)?.wordNumber ?? 0) - (early.at(-1)?.wordNumber ?? 0)).toBeGreaterThan(
      MAX_WORDS_KEPT,
    );

    // The earlier words' numbers now lie before its first: worked out at every call, still right.
    worked.length = 0;
    expect([...early, ...early].map((t) => memo.of(t))).toEqual(
      [...early, ...early].map((t) => t.keys.join('|')),
    );
    expect(worked).toEqual([...early, ...early].map((t) => t.text));

    // The newest words are kept: asked again, worked out no more.
    worked.length = 0;
    const newest = many.slice(-100);
    expect(newest.map((t) => memo.of(t))).toEqual(newest.map((t) => t.keys.join('|')));
    expect(worked).toEqual([]);

    // The same sentence read again now is newly numbered: worked out once, then read back.
    const late = tokensOf('قصفت الطائرات القرية');
    for (const t of [...late, ...late]) memo.of(t);
    expect(worked).toEqual(late.map((t) => t.text));
  });
});

describe('WordTest', () => {
  it('answers yes and no as its test does, working each word out once', () => {
    const { test, worked } = countingTest();
    const tokens = tokensOf('قصفت الطائرات القرية ثم عادت الطائرات وقصفت القرية');
    expect(tokens.map((t) => test.of(t))).toEqual(tokens.map((t) => t.text.length > 4));
    expect(tokens.map((t) => test.of(t))).toEqual(tokens.map((t) => t.text.length > 4));
    expect(worked).toEqual([...new Set(tokens.map((t) => t.text))]);
  });

  it('answers right after a long run of new words starts it again, and works earlier words out anew', () => {
    const { test, worked } = countingTest();
    const early = tokensOf('قصفت الطائرات القرية');
    for (const t of early) test.of(t);
    const many = tokensOf(madeUpWords(2 * MAX_WORDS_KEPT, 'ف').join(' '));
    expect(many.map((t) => test.of(t))).toEqual(many.map((t) => t.text.length > 4));
    worked.length = 0;
    expect([...early, ...early].map((t) => test.of(t))).toEqual(
      [...early, ...early].map((t) => t.text.length > 4),
    );
    expect(worked).toEqual([...early, ...early].map((t) => t.text));
    worked.length = 0;
    const newest = many.slice(-100);
    expect(newest.map((t) => test.of(t))).toEqual(newest.map((t) => t.text.length > 4));
    expect(worked).toEqual([]);
  });

  it('keeps both answers when working a word out asks another test of it', () => {
    const { test: long, worked } = countingTest();
    const longAndDefinite = new WordTest((t) => long.of(t) && t.text.startsWith('ال'));
    const tokens = tokensOf('الطائرات قصفت القرية والطائرات');
    expect(tokens.map((t) => longAndDefinite.of(t))).toEqual([true, false, true, false]);
    expect(tokens.map((t) => long.of(t))).toEqual(tokens.map((t) => t.text.length > 4));
    expect(worked).toEqual(tokens.map((t) => t.text));
  });
});

describe('WordSet', () => {
  it('holds a word read with its proclitics, and as written with its article', () => {
    const tokens = tokensOf('ارتفع العدد وعناصر الحصيلة ولعناصر بيت');
    expect(tokens.map((t) => FORCE_NOUNS.holds(t))).toEqual(
      tokens.map((t) => t.keys.some((k) => FORCE_NOUNS.has(k))),
    );
    expect(tokens.map((t) => TOLL_NOUNS.holdsAsWritten(t))).toEqual([
      false,
      true,
      false,
      true,
      false,
      false,
    ]);
  });

  it('answers as its list does for every word set, for words read before and after its answers start again', () => {
    const sets = Object.entries(read).filter(
      (entry): entry is [string, WordSet] =>
        entry[1] instanceof Set && typeof (entry[1] as Partial<WordSet>).holds === 'function',
    );
    expect(sets.length).toBeGreaterThan(30);
    const asListed = (set: WordSet, t: Token): [boolean, boolean] => {
      const holds = t.keys.some((k) => set.has(k));
      return [holds, holds || (t.kind === 'word' && set.has(t.text))];
    };
    const asked = (set: WordSet, t: Token): [boolean, boolean] => [
      set.holds(t),
      set.holdsAsWritten(t),
    ];
    const early = tokensOf(
      'وأعلنت أن حصيلة القتلى ارتفعت إلى 12 بينهم عناصر من قسد، سقطوا في صفوفها',
    );
    for (const [, set] of sets)
      expect(early.map((t) => asked(set, t))).toEqual(early.map((t) => asListed(set, t)));
    // More new words than the answers keep: they start again, early words before their first.
    const many = tokensOf(madeUpWords(2 * MAX_WORDS_KEPT, 'ث').join(' '));
    for (const [, set] of sets) for (const t of many) asked(set, t);
    const late = tokensOf('فإن عدد الجرحى بين المدنيين وصل لـ 40 منهم');
    for (const [, set] of sets) {
      expect([...early, ...late].map((t) => asked(set, t))).toEqual(
        [...early, ...late].map((t) => asListed(set, t)),
      );
      expect(late.map((t) => asked(set, t))).toEqual(late.map((t) => asListed(set, t)));
    }
  });
});

describe.each([
  [
    'WordMemo',
    (): { of: (t: Token) => unknown; worked: string[] } => {
      const { memo, worked } = counting();
      return { of: (t) => memo.of(t), worked };
    },
  ],
  [
    'WordTest',
    (): { of: (t: Token) => unknown; worked: string[] } => {
      const { test, worked } = countingTest();
      return { of: (t) => test.of(t), worked };
    },
  ],
])('%s', (_name, made) => {
  it('works numbers and punctuation out at every token', () => {
    const { of, worked } = made();
    for (const t of tokensOf('سقط 3 جرحى، ثم 3 آخرون،')) of(t);
    expect(worked.filter((w) => w === '3' || w === ',')).toEqual(['3', ',', '3', ',']);
  });
});
