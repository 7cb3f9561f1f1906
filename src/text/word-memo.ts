import { MAX_CACHED_WORDS } from './tokens.js';
import type { Token } from './tokens.js';

/**
 * Word numbers past the array's first that a memo (and the gazetteer's word
 * facts) keep before starting again: the tokenizer numbers every reading it
 * makes, and makes them anew each time its cache empties, so a long run meets
 * ever higher numbers. The numbers in use lie within the cache's 20,000 of the
 * newest, so a span a little larger holds them all: a larger one only holds
 * dead numbers, at 8 bytes a slot in each of some 50-90 memos (131,072 slots
 * each grew the heap by some 40 MB near the start again).
 */
export const MAX_WORDS_KEPT = 1 << 15;

/**
 * The first number kept when a memo starts again at `wordNumber`: the numbers
 * of the readings still in the tokenizer's cache stay in the span, so their
 * words are not worked out at every call until the cache empties.
 */
export const firstKeptFrom = (wordNumber: number): number =>
  Math.max(0, wordNumber - MAX_CACHED_WORDS);

/**
 * What a rule works out of a word's keys, worked out once per word and read
 * back by the word's number (`Token.wordNumber`) at every other token of it:
 * an array read, where a table keyed by the keys (a WeakMap, or a set asked
 * for each key) was looked up at every token. Tokens that are no word
 * (numbers, punctuation) are worked out at every call.
 */
export class WordMemo<T> {
  private first = 0;
  private known: (T | undefined)[] = [];

  constructor(private readonly work: (token: Token) => T) {}

  of(token: Token): T {
    const at = token.wordNumber - this.first;
    if (token.wordNumber < 0 || at < 0) return this.work(token);
    const known = this.known[at];
    if (known !== undefined) return known;
    if (at >= MAX_WORDS_KEPT) {
      // Words numbered before the new first are worked out at each call from now on.
      this.first = firstKeptFrom(token.wordNumber);
      this.known = [];
      return this.of(token);
    }
    // Filled up to `at` so that the array stays packed (a holey array is read on a slower path).
    while (this.known.length < at) this.known.push(undefined);
    const value = this.work(token);
    this.known[at] = value;
    return value;
  }

  /** Forgets every word: what it worked out no longer holds (its tables changed). */
  clear(): void {
    this.first = 0;
    this.known = [];
  }
}

/** Two bits a word: 0 not worked out yet, then `NO` or `YES`. */
const NO = 1;
const YES = 2;

/**
 * A yes-or-no `WordMemo` in two bits a word. The rules ask some 70 such
 * questions of words (is it a force noun, a verb of falling…), each kept by
 * word number: as arrays of answers (8 bytes a slot) they spread a report's
 * few hundred words over some 70 tables as long as the highest word number,
 * megabytes that a report's reads went out of the processor's caches for; in
 * two bits, a table of 32,768 words is 8 KB.
 */
export class WordTest {
  private first = 0;
  private readonly bits = new Uint32Array(MAX_WORDS_KEPT >>> 4);

  constructor(private readonly work: (token: Token) => boolean) {}

  of(token: Token): boolean {
    const at = token.wordNumber - this.first;
    if (token.wordNumber < 0 || at < 0) return this.work(token);
    if (at >= MAX_WORDS_KEPT) {
      // As `WordMemo`: words numbered before the new first are worked out at each call from now on.
      this.first = firstKeptFrom(token.wordNumber);
      this.bits.fill(0);
      return this.of(token);
    }
    const slot = at >>> 4;
    const shift = (at & 15) << 1;
    const known = ((this.bits[slot] ?? 0) >>> shift) & 3;
    if (known !== 0) return known === YES;
    const value = this.work(token);
    this.bits[slot] = (this.bits[slot] ?? 0) | ((value ? YES : NO) << shift);
    return value;
  }
}
