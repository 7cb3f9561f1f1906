import { normalizePhrase, tokenize, wordKey, WordMemo } from '../text/index.js';
import type { Token } from '../text/index.js';

/**
 * A dictionary of phrases matched against tokens, longest first.
 *
 * Phrases are tokenized with the same tokenizer as reports and keyed without the
 * article; report tokens offer every clitic reading (`Token.keys`), so one entry
 * «قوات النظام» matches «لقوات النظام», «وقوات النظام» and «بقوات النظام».
 */
export interface PhraseMatch<V> {
  /** Tokens `[start, end)`. */
  readonly start: number;
  readonly end: number;
  readonly values: readonly V[];
}

export interface TrieNode<V> {
  readonly children: Map<string, TrieNode<V>>;
  values: V[];
  /** The identities of `values`, so that one meaning reached twice is kept once. */
  identities?: Set<string>;
}

/** The longest match so far of a `longestAt` walk. */
interface Longest<V> {
  end: number;
  values: V[] | null;
}

/** The trie nodes a word's keys lead to from an index's root: where its walks start. */
export type PhraseStarts<V> = readonly TrieNode<V>[];

/** No node: what a word that starts no phrase starts at. */
const NO_NODES: readonly never[] = [];

function node<V>(): TrieNode<V> {
  return { children: new Map(), values: [] };
}

/**
 * A built index as plain data (Maps, Sets and objects, no functions): what a
 * knowledge cache stores with `v8.serialize`, which keeps shared values shared.
 */
export interface PhraseIndexData<V> {
  readonly root: unknown;
  readonly size: number;
  /** Never read: ties the data to its values' type. */
  readonly values?: V;
}

/** The keys of a phrase as the index stores them. */
export function phraseKeys(phrase: string): string[] {
  return tokenize(normalizePhrase(phrase))
    .filter((t) => t.kind !== 'break')
    .map((t) => (t.kind === 'word' ? wordKey(t.text) : t.text));
}

/**
 * Matches in the order of their ends, of two ending alike the one found first
 * first (as a stable sort leaves them). A walk finds a few, mostly in order
 * already: moved into place one by one, with no sort's work array for each token.
 */
function inOrderOfEnd<V>(found: PhraseMatch<V>[]): PhraseMatch<V>[] {
  for (let k = 1; k < found.length; k++) {
    const match = found[k];
    if (match === undefined) continue;
    let j = k;
    for (
      let before = found[j - 1];
      before !== undefined && before.end > match.end;
      before = found[j - 1]
    ) {
      found[j] = before;
      j--;
    }
    found[j] = match;
  }
  return found;
}

export class PhraseIndex<V> {
  private root: TrieNode<V> = node();
  private size = 0;

  /**
   * @param identity what makes two values one meaning (their JSON by default;
   *   a place's id is cheaper than the JSON of the whole place).
   */
  constructor(private readonly identity: (value: V) => string = (v) => JSON.stringify(v)) {}

  /** The index as plain data, to store; `fromData` gives it back. */
  toData(): PhraseIndexData<V> {
    return { root: this.root, size: this.size };
  }

  /**
   * An index from what `toData` gave (through a cache); `identity` as the
   * index was built with, for phrases added later.
   */
  static fromData<V>(data: PhraseIndexData<V>, identity?: (value: V) => string): PhraseIndex<V> {
    const index = new PhraseIndex<V>(identity);
    index.root = data.root as TrieNode<V>;
    index.size = data.size;
    return index;
  }

  /** Adds a phrase (in ordinary spelling) with its value. Empty phrases are ignored. */
  add(phrase: string, value: V): void {
    this.addKeys(phraseKeys(phrase), value);
  }

  /** Adds a phrase by the keys `phraseKeys` gave for it, for callers that needed them already. */
  addKeys(keys: readonly string[], value: V): void {
    if (keys.length === 0) return;
    let at = this.root;
    for (const key of keys) {
      let next = at.children.get(key);
      if (next === undefined) {
        next = node();
        at.children.set(key, next);
      }
      at = next;
    }
    // The same meaning reached twice («خسائر بشرية», «الخسائر البشرية» share keys) is one meaning.
    const identity = this.identity(value);
    at.identities ??= new Set();
    if (at.identities.has(identity)) return;
    at.identities.add(identity);
    at.values.push(value);
    this.size++;
    this.starts.clear();
  }

  get phraseCount(): number {
    return this.size;
  }

  /**
   * Every phrase that starts at token `start`, longest last. A token matches a
   * trie edge through any of its keys; punctuation matches itself.
   */
  matchesAt(tokens: readonly Token[], start: number, end = tokens.length): PhraseMatch<V>[] {
    const token = start < end ? tokens[start] : undefined;
    if (token === undefined || token.kind === 'break') return [];
    if (token.kind === 'word') return this.matchesFrom(this.wordStarts(token), tokens, start, end);
    const found: PhraseMatch<V>[] = [];
    const next = this.root.children.get(token.text);
    if (next !== undefined) this.step(tokens, start, start, end, next, found);
    return inOrderOfEnd(found);
  }

  /**
   * `matchesAt` for the word token at `start`, from the nodes its walks start
   * at (`wordStarts`): a caller that first asks whether the word starts any
   * phrase looks its nodes up once, not again for the walk.
   */
  matchesFrom(
    starts: PhraseStarts<V>,
    tokens: readonly Token[],
    start: number,
    end = tokens.length,
  ): PhraseMatch<V>[] {
    const found: PhraseMatch<V>[] = [];
    if (start >= end) return found;
    for (const next of starts) this.step(tokens, start, start, end, next, found);
    return inOrderOfEnd(found);
  }

  /** The keys phrases start with, for a test across several indexes at once. */
  firstKeys(): Iterable<string> {
    return this.root.children.keys();
  }

  /** Whether any phrase can start with this token: a cheap test before a walk. */
  mayStartWith(token: Token | undefined): boolean {
    if (token === undefined) return false;
    if (token.kind !== 'word') return this.root.children.has(token.text);
    return this.wordStarts(token).length > 0;
  }

  /**
   * The trie nodes a word's keys lead to from the root, in the order of its
   * keys (a node reached twice, once). A word's keys are one array for every
   * token of it, so the look-ups in the root's large table are made once per
   * word and kept by its number; the walks start from these nodes.
   */
  wordStarts(token: Token): PhraseStarts<V> {
    return this.starts.of(token);
  }

  /** The nodes each word starts at; forgotten when a phrase is added. */
  private readonly starts = new WordMemo<PhraseStarts<V>>((token) => this.startNodes(token.keys));

  /**
   * Where the walks of a word with these keys start, for a caller that keeps
   * what it knows of each word in one place (the gazetteer asks two indexes
   * and its word classes of every word): given back to `longestFrom`. Worked
   * out anew at each call; valid until a phrase is added.
   */
  startNodes(keys: readonly string[]): PhraseStarts<V> {
    const nodes: TrieNode<V>[] = [];
    for (const key of keys) {
      const next = this.root.children.get(key);
      if (next !== undefined && nodes[0] !== next) nodes.push(next);
    }
    return nodes.length === 0 ? NO_NODES : nodes;
  }

  /**
   * The longest phrase that starts at token `start`, if any: the last of
   * `matchesAt`, found by the same walk without gathering and sorting the rest
   * (of two as long, the one reached later, as that stable sort leaves last).
   */
  longestAt(tokens: readonly Token[], start: number, end = tokens.length): PhraseMatch<V> | null {
    const token = start < end ? tokens[start] : undefined;
    if (token === undefined || token.kind === 'break') return null;
    if (token.kind !== 'word') {
      const next = this.root.children.get(token.text);
      if (next === undefined) return null;
      const best = this.freshLongest();
      this.longestStep(tokens, start, end, next, best);
      return best.values === null ? null : { start, end: best.end, values: best.values };
    }
    return this.longestFrom(this.wordStarts(token), tokens, start, end);
  }

  /**
   * `longestAt` for the word token at `start`, from the nodes `startNodes`
   * gave for its keys.
   */
  longestFrom(
    starts: PhraseStarts<V>,
    tokens: readonly Token[],
    start: number,
    end = tokens.length,
  ): PhraseMatch<V> | null {
    // Most words start no phrase: they are answered before anything is made.
    if (starts.length === 0 || start >= end) return null;
    const best = this.freshLongest();
    for (const next of starts) this.longestStep(tokens, start, end, next, best);
    return best.values === null ? null : { start, end: best.end, values: best.values };
  }

  /**
   * The longest match so far of a walk, one record for every walk of this index (walks
   * neither nest nor wait): place resolution walks two indexes several times at each
   * word that may start a place, and made one at each walk.
   */
  private readonly best: Longest<V> = { end: -1, values: null };

  private freshLongest(): Longest<V> {
    this.best.end = -1;
    this.best.values = null;
    return this.best;
  }

  private longest(
    tokens: readonly Token[],
    i: number,
    end: number,
    at: TrieNode<V>,
    best: Longest<V>,
  ): void {
    if (i >= end) return;
    const token = tokens[i];
    if (token === undefined || token.kind === 'break') return;
    if (token.kind !== 'word') {
      const next = at.children.get(token.text);
      if (next !== undefined) this.longestStep(tokens, i, end, next, best);
      return;
    }
    // A word token may reach the same child through two readings; visit it once.
    let first: TrieNode<V> | undefined;
    for (const key of token.keys) {
      const next = at.children.get(key);
      if (next === undefined || next === first) continue;
      first ??= next;
      this.longestStep(tokens, i, end, next, best);
    }
  }

  private longestStep(
    tokens: readonly Token[],
    i: number,
    end: number,
    next: TrieNode<V>,
    best: Longest<V>,
  ): void {
    if (next.values.length > 0 && i + 1 >= best.end) {
      best.end = i + 1;
      best.values = next.values;
    }
    if (next.children.size > 0) this.longest(tokens, i + 1, end, next, best);
  }

  /** Non-overlapping matches over `[from, to)`, left to right, longest at each start. */
  scan(tokens: readonly Token[], from = 0, to = tokens.length): PhraseMatch<V>[] {
    const found: PhraseMatch<V>[] = [];
    let i = from;
    while (i < to) {
      const match = this.longestAt(tokens, i, to);
      if (match === null) {
        i++;
      } else {
        found.push(match);
        i = match.end;
      }
    }
    return found;
  }

  private walk(
    tokens: readonly Token[],
    start: number,
    i: number,
    end: number,
    at: TrieNode<V>,
    found: PhraseMatch<V>[],
  ): void {
    if (i >= end) return;
    const token = tokens[i];
    if (token === undefined || token.kind === 'break') return;
    if (token.kind !== 'word') {
      const next = at.children.get(token.text);
      if (next !== undefined) this.step(tokens, start, i, end, next, found);
      return;
    }
    // A word token may reach the same child through two readings; visit it once.
    let first: TrieNode<V> | undefined;
    for (const key of token.keys) {
      const next = at.children.get(key);
      if (next === undefined || next === first) continue;
      first ??= next;
      this.step(tokens, start, i, end, next, found);
    }
  }

  private step(
    tokens: readonly Token[],
    start: number,
    i: number,
    end: number,
    next: TrieNode<V>,
    found: PhraseMatch<V>[],
  ): void {
    if (next.values.length > 0) found.push({ start, end: i + 1, values: next.values });
    if (next.children.size > 0) this.walk(tokens, start, i + 1, end, next, found);
  }
}
