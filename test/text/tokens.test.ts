import { describe, expect, it } from 'vitest';
import {
  matchKeys,
  normalizeForMatching,
  startsWord,
  tokenize,
  wordKey,
} from '../../src/text/index.js';
import type { Token } from '../../src/text/index.js';
import { madeUpWords } from './made-up-words.js';

const tokensOf = (text: string) => tokenize(normalizeForMatching(text).text);

describe('startsWord', () => {
  it("tells a word's text from a number's and a mark's, as tokenize reads them", () => {
    for (const text of ['قرية', 'ريف', 'SDF', '١٢', '12', '،', '-', ''])
      expect(startsWord(text)).toBe(tokenize(text)[0]?.kind === 'word');
  });
});

describe('tokenize', () => {
  it('splits words, numbers and punctuation', () => {
    expect(tokensOf('قتل 4 عناصر، وأصيب آخرون.').map((t) => [t.text, t.kind])).toEqual([
      ['قتل', 'word'],
      ['4', 'number'],
      ['عناصر', 'word'],
      [',', 'punct'],
      ['واصيب', 'word'],
      ['اخرون', 'word'],
      ['.', 'punct'],
    ]);
  });

  it('keeps thousands separators and dotted dates inside one number token', () => {
    expect(tokensOf('نحو 1,200 شخص في 02.10.2019').map((t) => t.text)).toEqual([
      'نحو',
      '1,200',
      'شخص',
      'في',
      '02.10.2019',
    ]);
  });

  it('does not keep a final period inside a number', () => {
    expect(tokensOf('قتل 15.').map((t) => t.text)).toEqual(['قتل', '15', '.']);
  });

  it.each([
    ['قال "الدفاع المدني" إن', ['قال', 'الدفاع', 'المدني', 'ان'], 'الدفاع', 'المدني'],
    ['بمقتل “9 مدنيين” في', ['بمقتل', '9', 'مدنيين', 'في'], '9', 'مدنيين'],
    ['عناصر «الفيلق الخامس».', ['عناصر', 'الفيلق', 'الخامس', '.'], 'الفيلق', 'الخامس'],
    ['مسلحو " داعش " هاجموا', ['مسلحو', 'داعش', 'هاجموا'], 'داعش', 'داعش'],
  ])(
    'reads «%s» without its quote marks, which open and close on the words they enclose',
    (text, words, opens, closes) => {
      const tokens = tokensOf(text);
      expect(tokens.map((t) => t.text)).toEqual(words);
      expect(tokens.filter((t) => t.openQuote !== null).map((t) => t.text)).toEqual([opens]);
      expect(tokens.filter((t) => t.closeQuote !== null).map((t) => t.text)).toEqual([closes]);
    },
  );

  it.each([
    ['قتل مالايقل عن عشرة', ['قتل', 'ما', 'لا', 'يقل', 'عن', 'عشره']],
    ['عدد لايقل عن 20', ['عدد', 'لا', 'يقل', 'عن', '20']],
    ['ولايزال القصف مستمرا', ['ولا', 'يزال', 'القصف', 'مستمرا']],
  ])('reads the joined spelling in «%s» as the words it is made of', (text, words) => {
    const tokens = tokensOf(text);
    expect(tokens.map((t) => t.text)).toEqual(words);
    expect(tokens.every((t, k) => k === 0 || t.start >= (tokens[k - 1]?.end ?? 0))).toBe(true);
  });

  it('marks line breaks', () => {
    expect(tokensOf('سطر\nآخر').map((t) => t.kind)).toEqual(['word', 'break', 'word']);
  });
});

describe('matchKeys', () => {
  it.each([
    ['والتنظيم', 'تنظيم'],
    ['بالقرب', 'قرب'],
    ['لقسد', 'قسد'],
    ['للمرصد', 'مرصد'],
    ['وبريف', 'ريف'],
    ['فالجيش', 'جيش'],
    ['كالعادة', 'عاده'],
  ])('lets %s match %s', (word, key) => {
    expect(matchKeys(normalizeForMatching(word).text)).toContain(key);
  });

  it('lists the word itself first', () => {
    expect(matchKeys('قسد')[0]).toBe('قسد');
  });

  it('gives every token of a word, in any report, the same readings', () => {
    const first = tokensOf('وصلت دورية إلى والقرية');
    const second = tokensOf('قصفت المدفعية والقرية ليلا');
    const a = first.find((t) => t.text === 'والقريه');
    const b = second.find((t) => t.text === 'والقريه');
    expect(a?.keys).toEqual(['والقريه', 'قريه']);
    expect(b?.keys).toBe(a?.keys);
  });

  it('gives every token of a number, in any report, the same keys', () => {
    const first = tokensOf('قتل 12 مدنيا و3 عناصر');
    const second = tokensOf('أصيب 12 شخصا');
    const a = first.find((t) => t.text === '12');
    const b = second.find((t) => t.text === '12');
    expect(a?.keys).toEqual(['12']);
    expect(b?.keys).toBe(a?.keys);
    expect(first.find((t) => t.text === '3')?.keys).toEqual(['3']);
  });

  it('reads each of many thousand different numbers as itself, the cache emptied as it fills', () => {
    const numbers = Array.from({ length: 12_000 }, (_, n) => String(n * 7 + 1));
    const tokens = tokensOf(numbers.join(' ، '));
    const read = tokens.filter((t) => t.kind === 'number');
    expect(read.map((t) => t.keys[0])).toEqual(numbers);
    expect(read.every((t) => t.keys.length === 1)).toBe(true);
  });

  it('reads each of many thousand different words as itself, the cache emptied as it fills', () => {
    // More words than the cache keeps, each a different run of letters: none is taken for another.
    const words = madeUpWords(25_000, 'و');
    const tokens = tokensOf(words.join(' '));
    expect(tokens.map((t) => t.text)).toEqual(words);
    expect(tokens.map((t) => t.keys[0])).toEqual(words);
  });

  it('numbers each word: one number for all its tokens, another for another word, none for the rest', () => {
    const first = tokensOf('قصفت المدفعية القرية، وقتل 3 مدنيين');
    const second = tokensOf('دخلت الدورية القرية ولايزال القصف');
    const word = (tokens: readonly Token[], text: string): number =>
      tokens.find((t) => t.text === text)?.wordNumber ?? NaN;
    expect(word(second, 'القريه')).toBe(word(first, 'القريه'));
    const words = [...first, ...second].filter((t) => t.kind === 'word');
    const numbers = new Map(words.map((t) => [t.text, t.wordNumber]));
    expect(new Set(numbers.values()).size).toBe(numbers.size);
    expect(words.every((t) => Number.isInteger(t.wordNumber) && t.wordNumber >= 0)).toBe(true);
    const others = first.filter((t) => t.kind !== 'word');
    expect(others.map((t) => [t.text, t.wordNumber])).toEqual([
      [',', -1],
      ['3', -1],
    ]);
    // «ولايزال» is read as two words, each numbered as itself.
    expect(word(second, 'ولا')).not.toBe(word(second, 'يزال'));
  });

  it('never gives a number again, even to a word read again once the cache is emptied', () => {
    const [before] = tokensOf('المدفعيه');
    const words = madeUpWords(25_000, 'ف');
    const read = tokensOf(words.join(' ')).map((t) => t.wordNumber);
    const [after] = tokensOf('المدفعيه');
    expect(new Set(read).size).toBe(words.length);
    expect(read).not.toContain(before?.wordNumber);
    expect(after?.wordNumber).toBeGreaterThan(Math.max(...read));
  });

  it('reads a word joined to the next as its words, each with its own readings', () => {
    const tokens = tokensOf('ولايزال القصف مستمرا');
    expect(tokens.slice(0, 3).map((t) => t.text)).toEqual(['ولا', 'يزال', 'القصف']);
    expect(tokens[1]?.keys).toEqual(['يزال']);
  });

  it('removes the article from a phrase word', () => {
    expect(wordKey('الرقه')).toBe('رقه');
    expect(wordKey('ال')).toBe('ال');
  });
});
