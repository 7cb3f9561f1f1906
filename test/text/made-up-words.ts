/** The letters made-up words are spelt with. */
const LETTERS = 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي';

/**
 * `count` different made-up words, for tests that read more words than a
 * cache keeps: `prefix`, then four letters spelling each word's number in
 * base 28 (different up to 28^4 = 614,656 words).
 */
export function madeUpWords(count: number, prefix: string): string[] {
  return Array.from({ length: count }, (_, n) => {
    let word = prefix;
    for (let k = n; word.length < prefix.length + 4; k = Math.floor(k / LETTERS.length))
      word += LETTERS.charAt(k % LETTERS.length);
    return word;
  });
}
