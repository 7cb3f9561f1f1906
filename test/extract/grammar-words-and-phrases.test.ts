import { describe, expect, it } from 'vitest';
import { normalizeForMatching, tokenize } from '../../src/text/index.js';
import type { Token } from '../../src/text/index.js';
import { AGAINST, AGENT_MARKERS, endsWithPhrase } from '../../src/extract/01-read/index.js';

const tokensOf = (text: string): Token[] => tokenize(normalizeForMatching(text).text);

/** The grammar words and phrases the rules ask of tokens, read word by word in loops. */
describe('grammar words and phrases', () => {
  it('finds a phrase of two words that ends right before a token, under a proclitic too', () => {
    const tokens = tokensOf('قتل رجل على يد مسلحين وعلى يد عناصر');
    // «على يد» ends before «مسلحين» (4) and, written «وعلى يد», before «عناصر» (7).
    expect(endsWithPhrase(tokens, 4, AGENT_MARKERS)).toBe(true);
    expect(endsWithPhrase(tokens, 7, AGENT_MARKERS)).toBe(true);
    expect(endsWithPhrase(tokens, 3, AGENT_MARKERS)).toBe(false);
    expect(endsWithPhrase(tokens, 5, AGENT_MARKERS)).toBe(false);
  });

  it('finds no phrase that would begin before the first token', () => {
    // «يد» alone opens the report: «على يد» would need a word before it.
    const tokens = tokensOf('يد مسلحين');
    expect(endsWithPhrase(tokens, 1, AGENT_MARKERS)).toBe(false);
    expect(endsWithPhrase(tokens, 0, AGENT_MARKERS)).toBe(false);
  });

  it('finds a phrase a skipped word away', () => {
    const tokens = tokensOf('برصاص قناص مسلحين');
    expect(endsWithPhrase(tokens, 2, AGENT_MARKERS)).toBe(false);
    expect(endsWithPhrase(tokens, 2, AGENT_MARKERS, 1)).toBe(true);
  });

  it('holds a word under its proclitics, and never a number or a mark', () => {
    const tokens = tokensOf('هجوم على 5 مواقع، وعلى ضد');
    const held = tokens.map((t) => AGAINST.holds(t));
    // «على», «وعلى» and «ضد» are words of the set; «5» and «،» are asked at every call.
    expect(tokens.map((t) => t.text)).toEqual(['هجوم', 'علي', '5', 'مواقع', ',', 'وعلي', 'ضد']);
    expect(held).toEqual([false, true, false, false, false, true, true]);
    // Asked again, the same answers.
    expect(tokens.map((t) => AGAINST.holds(t))).toEqual(held);
  });
});
