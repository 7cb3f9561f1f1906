import { describe, expect, it } from 'vitest';
import { loadGazetteer } from '../../src/gazetteer/index.js';
import { FORM_COUNT, formBit } from '../../src/gazetteer/word-forms.js';
import type { WordForm } from '../../src/gazetteer/word-forms.js';
import { normalizeForMatching, tokenize } from '../../src/text/index.js';
import type { Token } from '../../src/text/index.js';
import { madeUpWords } from '../text/made-up-words.js';

const gazetteer = loadGazetteer();

const tokensOf = (text: string): Token[] =>
  tokenize(normalizeForMatching(text).text).filter((t) => t.kind !== 'break');

const FORMS: readonly WordForm[] = [
  'locative',
  'origin',
  'towards',
  'between',
  'carriesBa',
  'withArticle',
  'noProclitic',
];

/** The forms the gazetteer reads a word as. */
const formsOf = (token: Token | undefined): WordForm[] =>
  FORMS.filter((form) => gazetteer.hasForm(token, form));

/** Each word of a text of our own and the forms it is written as. */
const EXPECTED: readonly (readonly [string, readonly WordForm[]])[] = [
  ['في', ['locative', 'noProclitic']],
  ['نحو', ['locative', 'towards', 'noProclitic']],
  // Normalized «الي»: read as if it were spelled with the article.
  ['إلى', ['locative', 'towards', 'withArticle']],
  ['مهجري', ['origin', 'noProclitic']],
  ['من', ['locative', 'origin', 'noProclitic']],
  ['وبين', ['between']],
  ['بين', ['locative', 'between', 'carriesBa']],
  ['والرقة', ['withArticle']],
  ['للرقة', ['withArticle']],
  ['بالرقة', ['withArticle']],
  ['الرقة', ['withArticle']],
  ['ورقة', []],
  ['بدرعا', ['carriesBa']],
  ['قرية', ['noProclitic']],
];

describe('the forms a gazetteer reads the words around place names as', () => {
  it('reads each word as written: a locative, of origin or heading, «بين», «بـ» on it, the article', () => {
    for (const round of [1, 2])
      for (const [word, forms] of EXPECTED) {
        const tokens = tokensOf(word);
        expect(tokens, word).toHaveLength(1);
        expect(formsOf(tokens[0]), `${word} (${String(round)})`).toEqual(forms);
      }
  });

  it('reads a mark or a number as no word, with no proclitic in play, and no token as nothing', () => {
    for (const token of tokensOf('، 12 ( -'))
      expect(formsOf(token), token.text).toEqual(['noProclitic']);
    expect(formsOf(undefined)).toEqual([]);
  });

  it('reads a word alike after a long run of new words as before it', () => {
    const before = EXPECTED.map(([word]) => formsOf(tokensOf(word)[0]));
    for (let chunk = 0; chunk < 3; chunk++)
      for (const token of tokensOf(madeUpWords(25_000, 'ظ'.repeat(chunk + 1)).join(' ')))
        gazetteer.hasForm(token, 'withArticle');
    expect(EXPECTED.map(([word]) => formsOf(tokensOf(word)[0]))).toEqual(before);
  });
});

describe('the bits of the forms', () => {
  it('are one each, all below FORM_COUNT, where the gazetteer files its marks above them', () => {
    // Every form, checked by the type: a form added without a bit fails here.
    const forms = {
      locative: true,
      origin: true,
      towards: true,
      between: true,
      carriesBa: true,
      withArticle: true,
      noProclitic: true,
    } satisfies Record<WordForm, true>;
    const bits = Object.keys(forms).map((form) => formBit(form as WordForm));
    expect(bits).toHaveLength(FORM_COUNT);
    expect(bits.reduce((all, bit) => all | bit, 0)).toBe((1 << FORM_COUNT) - 1);
  });
});
