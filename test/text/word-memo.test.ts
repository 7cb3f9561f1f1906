import { describe, expect, it } from 'vitest';
import { normalizeForMatching, tokenize, WordMemo } from '../../src/text/index.js';
import type { Token } from '../../src/text/index.js';
import { FORCE_NOUNS, TOLL_NOUNS } from '../../src/extract/01-read/index.js';

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

  it('works numbers and punctuation out at every token', () => {
    const { memo, worked } = counting();
    for (const t of tokensOf('سقط 3 جرحى، ثم 3 آخرون،')) memo.of(t);
    expect(worked.filter((w) => w === '3' || w === ',')).toEqual(['3', ',', '3', ',']);
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
});
