import { normalizePhrase, tokenize, wordKey, WordMemo, WordTest } from '../text/index.js';
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
  children: Map<string, TrieNode<V>>;
  values: V[];
  /** The identities of `values`, so that one meaning reached twice is kept once. */
  identities?: Set<string>;
}

/** The longest match so far of a `longestAt` walk. */
interface Longest<V> {
  end: number;
  values: readonly V[] | null;
}

/**
 * Where the longest-phrase walks of a word start (`startNodes`): what the word alone
 * matches, and the nodes its keys lead to that longer phrases go on from. A walk reads
 * no node of a phrase of one word: the nodes lie far apart in memory, and a walk that
 * read each of them waited on each.
 */
export interface PhraseStarts<V> {
  /** The values of the word alone: of its nodes with values, the last (of two as long, the one reached later). */
  readonly oneWord: V[] | null;
  /** The nodes its keys lead to that have children, in the order of its keys. */
  readonly deeper: readonly TrieNode<V>[];
}

/** The trie nodes a word's keys lead to from an index's root, each once: where its walks start. */
type StartNodes<V> = readonly TrieNode<V>[];

/**
 * Where the walks of a word start (`walkFrom`, `longestAt`), read out of the nodes its keys lead
 * to once per word: the meanings of the word alone (of each node that has some,
 * in the order of its keys) and the nodes longer phrases go on from. A walk
 * reads the nodes of a word's phrases of one word no more: they lie far apart
 * in memory, and most phrases a report meets are of one word.
 */
interface WalkStarts<V> {
  readonly oneWord: readonly (readonly V[])[];
  readonly deeper: readonly TrieNode<V>[];
}

/** No node: what a word that starts no phrase starts at. */
const NO_NODES: readonly never[] = [];
const NO_STARTS: PhraseStarts<never> = { oneWord: null, deeper: NO_NODES };
const NO_WALKS: WalkStarts<never> = { oneWord: NO_NODES, deeper: NO_NODES };

function node<V>(): TrieNode<V> {
  return { children: new Map(), values: [] };
}

/**
 * A built index as plain data (Maps and objects, no functions): what a
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

/** Where a phrase found by a walk ends, and what it means, with what the caller gave the walk. */
export type MatchVisitor<V, C> = (
  context: C,
  start: number,
  end: number,
  values: readonly V[],
) => void;

function listMatch<V>(
  list: PhraseMatch<V>[],
  start: number,
  end: number,
  values: readonly V[],
): void {
  list.push({ start, end, values });
}

/**
 * The phrases a walk found, as ends and values side by side, in `count`
 * slots reused by every walk of the index (walks neither nest nor wait):
 * annotating a report walks at every word that starts a phrase, and a list
 * and a match object made at each were the walks' allocation.
 */
interface Found<V> {
  readonly ends: number[];
  readonly values: (readonly V[])[];
  count: number;
}

export class PhraseIndex<V> {
  private root: TrieNode<V> = node();
  private size = 0;

  /**
   * @param identity what makes two values one meaning (their JSON by default;
   *   a place's id is cheaper than the JSON of the whole place).
   */
  constructor(private readonly identity: (value: V) => string = (v) => JSON.stringify(v)) {}

  /**
   * The index as plain data, to store; `fromData` gives it back. Its nodes are
   * copies without their identities (made again from the values when a phrase
   * is added), and every node without children or values shares one empty
   * table and list: read back from a cache, each object is made anew, and the
   * shipped tries' 10,600 nodes had a Map, a list and a Set each, 30,000
   * objects, a third of them empty (the Sets are made again only for a node a
   * phrase is added to).
   */
  toData(): PhraseIndexData<V> {
    const noChildren = new Map<string, TrieNode<V>>();
    const noValues: V[] = [];
    const copy = (at: TrieNode<V>): TrieNode<V> => {
      let children = noChildren;
      if (at.children.size > 0) {
        children = new Map();
        for (const [key, child] of at.children) children.set(key, copy(child));
      }
      return { children, values: at.values.length > 0 ? [...at.values] : noValues };
    };
    return { root: copy(this.root), size: this.size };
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
        // From `toData`'s copy, the empty tables are one table shared by many nodes.
        if (at.children.size === 0) at.children = new Map();
        at.children.set(key, next);
      }
      at = next;
    }
    // The same meaning reached twice («خسائر بشرية», «الخسائر البشرية» share keys) is one meaning.
    const identity = this.identity(value);
    // From `toData`'s copy, a node holds its values without their identities, an empty list shared.
    at.identities ??= new Set(at.values.map((v) => this.identity(v)));
    if (at.identities.has(identity)) return;
    at.identities.add(identity);
    if (at.values.length === 0) at.values = [];
    at.values.push(value);
    this.size++;
    this.walkStarts.clear();
    this.goingOn = null;
  }

  get phraseCount(): number {
    return this.size;
  }

  /**
   * Every phrase that starts at token `start`, longest last. A token matches a
   * trie edge through any of its keys; punctuation matches itself.
   */
  matchesAt(tokens: readonly Token[], start: number, end = tokens.length): PhraseMatch<V>[] {
    const found: PhraseMatch<V>[] = [];
    this.eachMatchAt(tokens, start, listMatch, found, end);
    return found;
  }

  /**
   * Calls `visit` with `context` and every phrase that starts at token
   * `start`, in the order `matchesAt` lists them, without making the list.
   * `visit` must not walk this index: the phrases are read from slots the next
   * walk reuses. The context is passed, not captured, so that `visit` can be
   * one function for every walk (V8 drops the optimised code of a closure made
   * per call at each full collection).
   */
  eachMatchAt<C>(
    tokens: readonly Token[],
    start: number,
    visit: MatchVisitor<V, C>,
    context: C,
    end = tokens.length,
  ): void {
    const found = this.walkFrom(tokens, start, end);
    for (let k = 0; k < found.count; k++) {
      const values = found.values[k];
      if (values !== undefined) visit(context, start, found.ends[k] ?? start, values);
    }
  }

  /** The keys phrases start with, for a test across several indexes at once. */
  firstKeys(): Iterable<string> {
    return this.root.children.keys();
  }

  /** The keys some phrase has past its first word: a word with none of them goes on no phrase. */
  laterKeys(): Set<string> {
    const keys = new Set<string>();
    const nodes = [...this.root.children.values()];
    for (let node = nodes.pop(); node !== undefined; node = nodes.pop()) {
      for (const [key, child] of node.children) {
        keys.add(key);
        nodes.push(child);
      }
    }
    return keys;
  }

  /**
   * Where each word's walks start (`walkFrom`, `longestAt`): the trie nodes its
   * keys lead to from the root, those that end a phrase of the word alone and
   * those that go on. A word's keys are one array for every token of it, so the
   * look-ups in the root's large table are made once per word and kept by its
   * number; forgotten when a phrase is added.
   */
  private readonly walkStarts = new WordMemo<WalkStarts<V>>((token) => this.walksOf(token.keys));

  private walksOf(keys: readonly string[]): WalkStarts<V> {
    const nodes = this.nodesOf(keys);
    if (nodes.length === 0) return NO_WALKS;
    const oneWord: (readonly V[])[] = [];
    const deeper: TrieNode<V>[] = [];
    for (const node of nodes) {
      if (node.values.length > 0) oneWord.push(node.values);
      if (node.children.size > 0) deeper.push(node);
    }
    return {
      oneWord: oneWord.length === 0 ? NO_NODES : oneWord,
      deeper: deeper.length === 0 ? NO_NODES : deeper,
    };
  }

  private nodesOf(keys: readonly string[]): StartNodes<V> {
    const nodes: TrieNode<V>[] = [];
    for (const key of keys) {
      const next = this.root.children.get(key);
      if (next !== undefined && nodes[0] !== next) nodes.push(next);
    }
    return nodes.length === 0 ? NO_NODES : nodes;
  }

  /**
   * Where the walks of a word with these keys start, for a caller that keeps
   * what it knows of each word in one place (the gazetteer asks two indexes
   * and its word classes of every word): given back to `longestFrom`. Worked
   * out anew at each call; valid until a phrase is added.
   */
  startNodes(keys: readonly string[]): PhraseStarts<V> {
    const nodes = this.nodesOf(keys);
    if (nodes.length === 0) return NO_STARTS;
    let oneWord: V[] | null = null;
    const deeper: TrieNode<V>[] = [];
    for (const node of nodes) {
      if (node.values.length > 0) oneWord = node.values;
      if (node.children.size > 0) deeper.push(node);
    }
    return { oneWord, deeper: deeper.length === 0 ? NO_NODES : deeper };
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
    const { oneWord, deeper } = this.walkStarts.of(token);
    // Most words start no phrase: they are answered before anything is made.
    if (oneWord.length === 0 && deeper.length === 0) return null;
    // The word alone, then the longer phrases: of two phrases of one word, the later.
    const best = this.freshLongest();
    const alone = oneWord.at(-1);
    if (alone !== undefined) {
      best.end = start + 1;
      best.values = alone;
    }
    for (const next of deeper) this.longest(tokens, start + 1, end, next, best);
    return best.values === null ? null : { start, end: best.end, values: best.values };
  }

  /**
   * `longestAt` for the word token at `start`, from where `startNodes` gave
   * its walks start: a phrase that goes on is longer than the word alone, and
   * of two as long the one reached later is kept, as `longestAt` keeps it.
   */
  longestFrom(
    starts: PhraseStarts<V>,
    tokens: readonly Token[],
    start: number,
    end = tokens.length,
  ): PhraseMatch<V> | null {
    if (start >= end) return null;
    const { oneWord, deeper } = starts;
    // Many words that start a phrase start only phrases of one word: no node is read.
    if (deeper.length === 0)
      return oneWord === null ? null : { start, end: start + 1, values: oneWord };
    const best = this.freshLongest();
    if (oneWord !== null) {
      best.end = start + 1;
      best.values = oneWord;
    }
    // An index loop, as in the place scan's other hot loops: no iterator made at each word.
    for (let k = 0; k < deeper.length; k++) {
      const next = deeper[k];
      if (next !== undefined) this.longest(tokens, start + 1, end, next, best);
    }
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

  private readonly found: Found<V> = { ends: [], values: [], count: 0 };

  /** Walks every phrase that starts at token `start` into `found`, in the order of their ends. */
  private walkFrom(tokens: readonly Token[], start: number, end: number): Found<V> {
    this.found.count = 0;
    const token = start < end ? tokens[start] : undefined;
    if (token === undefined || token.kind === 'break') return this.found;
    if (token.kind === 'word') {
      // The word alone first, then the longer phrases: the order of ends the
      // walk gives is the same, as every phrase of one word ends first.
      const { oneWord, deeper } = this.walkStarts.of(token);
      for (let k = 0; k < oneWord.length; k++) {
        const values = oneWord[k];
        if (values !== undefined) keep(this.found, start + 1, values);
      }
      for (let k = 0; k < deeper.length; k++) {
        const next = deeper[k];
        if (next !== undefined) this.walk(tokens, start + 1, end, next);
      }
    } else {
      const next = this.root.children.get(token.text);
      if (next !== undefined) this.step(tokens, start, end, next);
    }
    inOrderOfEnd(this.found);
    return this.found;
  }

  /**
   * Whether a word can go on a phrase past its first word (`laterKeys`), worked
   * out once per word; made when first asked, forgotten when a phrase is added.
   */
  private goingOn: WordTest | null = null;

  private goesOn(token: Token): boolean {
    if (this.goingOn === null) {
      const later = this.laterKeys();
      this.goingOn = new WordTest((word) => word.keys.some((key) => later.has(key)));
    }
    return this.goingOn.of(token);
  }

  private walk(tokens: readonly Token[], i: number, end: number, at: TrieNode<V>): void {
    if (i >= end) return;
    const token = tokens[i];
    if (token === undefined || token.kind === 'break') return;
    if (token.kind !== 'word') {
      const next = at.children.get(token.text);
      if (next !== undefined) this.step(tokens, i, end, next);
      return;
    }
    // Most words after a phrase's first go on none: answered from a bit, no child's table read.
    if (!this.goesOn(token)) return;
    // A word token may reach the same child through two readings; visit it once.
    let first: TrieNode<V> | undefined;
    for (const key of token.keys) {
      const next = at.children.get(key);
      if (next === undefined || next === first) continue;
      first ??= next;
      this.step(tokens, i, end, next);
    }
  }

  private step(tokens: readonly Token[], i: number, end: number, next: TrieNode<V>): void {
    if (next.values.length > 0) keep(this.found, i + 1, next.values);
    if (next.children.size > 0) this.walk(tokens, i + 1, end, next);
  }
}

/** Adds a phrase to `found`, into a slot of an earlier walk when there is one. */
function keep<V>(found: Found<V>, end: number, values: readonly V[]): void {
  const k = found.count++;
  if (k < found.ends.length) {
    found.ends[k] = end;
    found.values[k] = values;
  } else {
    found.ends.push(end);
    found.values.push(values);
  }
}

/**
 * The phrases found in the order of their ends, of two ending alike the one
 * found first first (as a stable sort leaves them). A walk finds a few, mostly
 * in order already: moved into place one by one, with no sort's work array.
 */
function inOrderOfEnd<V>(found: Found<V>): void {
  const { ends, values } = found;
  for (let k = 1; k < found.count; k++) {
    const end = ends[k] ?? 0;
    const value = values[k];
    if (value === undefined) continue;
    let j = k;
    for (let before = ends[j - 1] ?? 0; j > 0 && before > end; before = ends[j - 1] ?? 0) {
      ends[j] = before;
      values[j] = values[j - 1] ?? value;
      j--;
    }
    ends[j] = end;
    values[j] = value;
  }
}
