import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGazetteer, wordSigns } from '../../src/gazetteer/index.js';
import type { WordClass } from '../../src/gazetteer/index.js';
import { readingsOf } from '../../src/gazetteer/name-readings.js';
import { STOP_PAIR_SLOTS } from '../../src/gazetteer/gazetteer.js';
import { phraseKeys, shippedDataDir } from '../../src/lexicon/index.js';
import { normalizeForMatching, tokenize } from '../../src/text/index.js';
import type { Token } from '../../src/text/index.js';
import { madeUpWords } from '../text/made-up-words.js';

const gazetteer = loadGazetteer();

const CLASS_FIELDS: Record<WordClass, string> = {
  personTitle: 'person_titles',
  organisationHead: 'organisation_heads',
  organisationTail: 'organisation_tails',
  correspondent: 'correspondents',
  destination: 'destination_words',
  hospital: 'hospitals',
  namedAfter: 'named_after',
  leaving: 'leaving_words',
};

const cues = JSON.parse(
  readFileSync(join(shippedDataDir(), 'gazetteer', 'cues.json'), 'utf8'),
) as Record<string, unknown>;

/** A class's words as the cues file lists them, by key. */
function listed(cls: WordClass): Set<string> {
  const words = cues[CLASS_FIELDS[cls]] as string[];
  return new Set(words.flatMap((w) => phraseKeys(w)));
}

const tokensOf = (text: string): Token[] =>
  tokenize(normalizeForMatching(text).text).filter((t) => t.kind !== 'break');

/** Every word of the cues file's classes, with clitics and without, and words of our own. */
const WORDS: readonly Token[] = [
  ...Object.values(CLASS_FIELDS).flatMap((field) =>
    (cues[field] as string[]).flatMap((w) => [...tokensOf(w), ...tokensOf(`و${w}`)]),
  ),
  ...tokensOf(
    'وصل الوفد صباحا إلى بلدة الرمانة شرق حلب، ونقل المصابون بالمستشفيات فيما قال مراسلنا إن الشيخ سليم غادر',
  ),
];

describe('the words a gazetteer knows around place names', () => {
  it('puts a word in each class whose list holds one of its keys, and in no other', () => {
    for (const cls of Object.keys(CLASS_FIELDS) as WordClass[]) {
      const keys = listed(cls);
      for (const token of WORDS) {
        const expected = token.kind === 'word' && token.keys.some((k) => keys.has(k));
        expect(gazetteer.isA(token, cls), `${token.text} ${cls}`).toBe(expected);
      }
    }
  });

  it('answers alike for every token of a word, the first time and after', () => {
    const first = tokensOf('قرب مشفى البلدة');
    const again = tokensOf('داخل مشفى المدينة');
    for (const cls of Object.keys(CLASS_FIELDS) as WordClass[])
      expect(gazetteer.isA(again[1], cls)).toBe(gazetteer.isA(first[1], cls));
    expect(gazetteer.isA(first[1], 'hospital')).toBe(true);
    expect(gazetteer.isA(again[1], 'hospital')).toBe(true);
  });

  it('lets a place start only at a word one of whose keys starts a place name or a cue', () => {
    const starts = new Set([...gazetteer.names.firstKeys(), ...gazetteer.cues.firstKeys()]);
    for (const token of WORDS) {
      const expected =
        token.kind === 'word' ? token.keys.some((k) => starts.has(k)) : starts.has(token.text);
      expect(gazetteer.mayStartPlace(token), token.text).toBe(expected);
    }
    expect(gazetteer.mayStartPlace(tokensOf('بلدة')[0])).toBe(true);
  });

  it('lets a number or a punctuation mark start a place only where a listed name or cue starts with it', () => {
    const starts = new Set([...gazetteer.names.firstKeys(), ...gazetteer.cues.firstKeys()]);
    const listed = [...starts].filter((key) => tokensOf(key)[0]?.kind !== 'word');
    expect(listed.length).toBeGreaterThan(0);
    const others = [...listed.flatMap(tokensOf), ...tokensOf('قتل 12 شخصا ، ( 7 ) - 2024 .')];
    for (const token of others.filter((t) => t.kind !== 'word')) {
      expect(gazetteer.mayStartPlace(token), token.text).toBe(starts.has(token.text));
      // The scan stops at such a mark or number as asking it does, and passes the others.
      expect(gazetteer.nextPlaceStart([token], 0, 1), token.text).toBe(
        starts.has(token.text) ? 0 : 1,
      );
    }
    expect(others.some((t) => t.kind !== 'word' && gazetteer.mayStartPlace(t))).toBe(true);
  });

  it('lets a place start at the first word of every name and cue it lists, asked once or again', () => {
    const starts = new Set([...gazetteer.names.firstKeys(), ...gazetteer.cues.firstKeys()]);
    // Every phrase of the cues file, lists and the lists inside its objects alike.
    const strings = (v: unknown): string[] =>
      typeof v === 'string'
        ? [v]
        : Array.isArray(v)
          ? v.flatMap(strings)
          : typeof v === 'object' && v !== null
            ? Object.values(v).flatMap(strings)
            : [];
    const phrases = [
      ...gazetteer.places.flatMap((p) => [p.nameAr, ...p.variants]),
      ...Object.entries(cues)
        .filter(([field]) => field !== '$comment')
        .flatMap(([, v]) => strings(v)),
    ].filter((p) => p !== '');
    for (const round of [1, 2])
      for (const phrase of phrases) {
        const [first] = tokensOf(phrase);
        if (first === undefined) continue;
        const expected =
          first.kind === 'word' ? first.keys.some((k) => starts.has(k)) : starts.has(first.text);
        expect(gazetteer.mayStartPlace(first), `${phrase} (${String(round)})`).toBe(expected);
        if (gazetteer.names.longestAt([first], 0) !== null)
          expect(gazetteer.mayStartPlace(first), phrase).toBe(true);
      }
  });

  it('knows a word as well after a long run of new words as before it', () => {
    // More new words than the gazetteer keeps by number: it starts again, and words
    // numbered before that are still known.
    const early = tokensOf('قصف بريف حلب الشرقي وفي بلدتي ذيبان والطيانة مشفى الرقة');
    const many: Token[] = [];
    for (let chunk = 0; chunk < 7; chunk++)
      many.push(...tokensOf(madeUpWords(25_000, 'ك'.repeat(chunk + 1)).join(' ')));
    const late = tokensOf('قصف بريف حلب الشرقي وفي بلدتي ذيبان والطيانة مشفى الرقة');
    const starts = new Set([...gazetteer.names.firstKeys(), ...gazetteer.cues.firstKeys()]);
    const sample = [...early, ...many.filter((_, k) => k % 997 === 0), ...many.slice(-50), ...late];
    for (const token of [...sample, ...early, ...late]) {
      expect(gazetteer.mayStartPlace(token), token.text).toBe(
        token.keys.some((k) => starts.has(k)),
      );
      expect(gazetteer.isA(token, 'hospital'), token.text).toBe(
        token.keys.some((k) => listed('hospital').has(k)),
      );
    }
    expect(many.at(-1)?.wordNumber ?? 0).toBeGreaterThan((early[0]?.wordNumber ?? 0) + 150_000);
    const oneByOne = (tokens: readonly Token[]): number[] =>
      tokens.map((token, k) => (gazetteer.mayStartPlace(token) ? k : k + 1));
    for (const tokens of [early, late, sample])
      expect(tokens.map((_, k) => gazetteer.nextPlaceStart(tokens, k, k + 1))).toEqual(
        oneByOne(tokens),
      );
  });

  it('finds the next token where a name or a cue may be found, passing none that asking token by token finds', () => {
    // Words of our own seen here first, then again: asked before anything is known of them.
    const tokens = tokensOf(
      'قال شاهد زقزوق إن قصفا طال بريف حلب الشرقي، (قرب) مدينة دير الزور وقرية الهدهود وزقزوق ودير أمس',
    );
    const found = (k: number, to: number): boolean =>
      gazetteer.nameAt(tokens, k, to) !== null || gazetteer.cueAt(tokens, k, to) !== null;
    for (let from = 0; from <= tokens.length; from++)
      for (const to of [tokens.length, from + 2, from]) {
        const next = gazetteer.nextPlaceStart(tokens, from, to);
        const at = `${String(from)}–${String(to)}`;
        let first = from;
        while (first < to && !found(first, to)) first++;
        // Never past a token where something is found, never at one where no place may start.
        expect(next, at).toBeGreaterThanOrEqual(Math.min(from, to));
        expect(next, at).toBeLessThanOrEqual(Math.max(first, from));
        if (next < to) expect(gazetteer.mayStartPlace(tokens[next]), at).toBe(true);
      }
    expect(tokens[gazetteer.nextPlaceStart(tokens, 0, tokens.length)]?.text).toBe('بريف');
    expect(gazetteer.nextPlaceStart(tokens, 0, 3)).toBe(3);
  });

  it('passes a word that only opens longer names when the word after it goes on none', () => {
    // «دير» alone is no name and no cue: it opens «دير الزور» and the like.
    const [opener] = tokensOf('دير');
    expect(gazetteer.mayStartPlace(opener)).toBe(true);
    const alone = tokensOf('قصف دير أمس');
    expect(gazetteer.nameAt(alone, 1)).toBeNull();
    expect(gazetteer.nextPlaceStart(alone, 0, alone.length)).toBe(alone.length);
    // Followed by the rest of its name, or cut off by the sentence's end, it stops the scan or not.
    const named = tokensOf('قصف دير الزور');
    expect(gazetteer.nextPlaceStart(named, 0, named.length)).toBe(1);
    expect(gazetteer.nameAt(named, 1)?.end).toBe(3);
    expect(gazetteer.nextPlaceStart(named, 0, 2)).toBe(2);
    // A word that is a name alone stops the scan whatever follows.
    const town = tokensOf('قصف حلب أمس');
    expect(gazetteer.nextPlaceStart(town, 0, town.length)).toBe(1);
  });

  it('finds the name and the cue at a word as its tries do, with clitics, punctuation and bounds', () => {
    const tokens = tokensOf(
      'قصف بريف حلب الشرقي وفي بلدتي ذيبان والطيانة، (قرب) مدينة دير الزور وقرية الهدهود',
    );
    // A name's first word before another name's later word, a number, a latin word, and last.
    const cut = tokensOf('بلدة دير حلب ودير 12 الزور ومدينة دير abc الزور نحو دير');
    // Marks and numbers where a name or cue starts or might go on.
    const marks = tokensOf('حلب - دمشق، 12 ( حمص ) «درعا» قرية 5 بلدة . ريف');
    // Names that go on through a mark or a number, and one cut before its mark.
    const through = tokensOf('قرب هليل - هوليلو وفي مارونية دالي / بريم والمجدل 6 ثم دالي /');
    for (const text of [tokens, cut, marks, through])
      for (let start = 0; start <= text.length; start++)
        for (const end of [text.length, start + 2, start + 1, start]) {
          const at = `${String(start)}–${String(end)}`;
          const name = gazetteer.nameAt(text, start, end);
          expect(name && { start: name.start, end: name.end, values: name.values }, at).toEqual(
            gazetteer.names.longestAt(text, start, end),
          );
          // The readings a match comes with are those kept for its spellings, shared.
          if (name?.readings !== undefined) expect(name.readings, at).toBe(readingsOf(name.values));
          expect(gazetteer.cueAt(text, start, end), at).toEqual(
            gazetteer.cues.longestAt(text, start, end),
          );
        }
    expect(gazetteer.nameAt(tokens, 6)?.end).toBe(7);
    expect([1, 5, 9].map((start) => gazetteer.nameAt(through, start)?.end)).toEqual([4, 9, 11]);
    expect(gazetteer.cueAt(tokens, 1)?.values[0]?.kind).toBe('region');
  });

  it('finds a name at a word as its tries do, before a word none of its names goes on through and after', () => {
    // «دير» before «حلب» (a later word of other names), then before «الزور», each more than once.
    const tokens = tokensOf('قرب دير حلب ثم دير الزور ثم دير حلب ودير الزور ثم دير حلب، دير الزور');
    for (const round of [1, 2])
      for (let start = 0; start <= tokens.length; start++) {
        const name = gazetteer.nameAt(tokens, start);
        expect(
          name && { start: name.start, end: name.end, values: name.values },
          `${String(start)} (${String(round)})`,
        ).toEqual(gazetteer.names.longestAt(tokens, start));
      }
    expect([4, 9, 15].map((start) => gazetteer.nameAt(tokens, start)?.end)).toEqual([6, 11, 17]);
  });

  it('finds a name at a word as its tries do after more words it keeps that none of its names goes on through', () => {
    // Later words of the shipped names of two words (each some name goes on through), 300 of
    // them after «دير», each then again, «دير الزور» between.
    const later = readFileSync(join(shippedDataDir(), 'gazetteer', 'places.tsv'), 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.split('\t')[3]?.split(' ') ?? [])
      .flatMap((words) => (words.length === 2 && words[0] !== 'دير' ? [words[1] ?? ''] : []));
    const words = [...new Set(later)].slice(0, 300);
    expect(words.length).toBe(300);
    const tokens = tokensOf(
      [...words, ...words.slice(0, 40)]
        .map((word, n) => `دير ${word}${n % 50 === 0 ? ' دير الزور' : ''}`)
        .join(' '),
    );
    for (let start = 0; start <= tokens.length; start++) {
      const name = gazetteer.nameAt(tokens, start);
      expect(
        name && { start: name.start, end: name.end, values: name.values },
        String(start),
      ).toEqual(gazetteer.names.longestAt(tokens, start));
    }
  });

  it('finds a name at a word as its tries do after more pairs of words than it keeps, and again', () => {
    // The first and the later words of the shipped names of two words: each first word before
    // each later word, more pairs than the pairs of words where no name goes on are kept for.
    const twoWords = readFileSync(join(shippedDataDir(), 'gazetteer', 'places.tsv'), 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.split('\t')[3]?.split(' ') ?? [])
      .filter((words) => words.length === 2);
    const firsts = [...new Set(twoWords.map((words) => words[0] ?? ''))].slice(0, 60);
    const laters = [...new Set(twoWords.map((words) => words[1] ?? ''))].slice(0, 300);
    expect(firsts.length * laters.length).toBeGreaterThan(STOP_PAIR_SLOTS);
    const tokens = tokensOf(
      firsts.flatMap((first) => laters.map((later) => `${first} ${later}`)).join(' '),
    );
    for (const round of ['first', 'again']) {
      for (let start = 0; start < tokens.length; start++) {
        const name = gazetteer.nameAt(tokens, start);
        const walked = gazetteer.names.longestAt(tokens, start);
        if (name?.end === walked?.end && name?.values === walked?.values) continue;
        expect(
          name && { start: name.start, end: name.end, values: name.values },
          `${round} ${String(start)}`,
        ).toEqual(walked);
      }
    }
  });

  it('tells a word never part of a name as its keys do, with clitics and after marks', () => {
    const never = [...(cues.not_names as string[]), ...(cues.stop_words as string[])];
    // As the gazetteer keys them: a stop word by its whole phrase, a word never in a name by each key.
    const neverKeys = new Set([
      ...(cues.stop_words as string[]).map((w) => phraseKeys(w).join(' ')),
      ...(cues.not_names as string[]).flatMap((w) => phraseKeys(w)),
    ]);
    const tokens = [
      ...WORDS,
      ...never.flatMap((w) => [...tokensOf(w), ...tokensOf(`و${w}`)]),
      ...tokensOf('قرية المذكورة في 12 ، حلب نفسها'),
    ];
    for (const token of tokens)
      expect(gazetteer.notAName(token), token.text).toBe(token.keys.some((k) => neverKeys.has(k)));
    expect(tokens.some((t) => gazetteer.notAName(t))).toBe(true);
  });

  it('answers every question of a word alike whichever question first meets it', () => {
    // The scan and the walks read a word's marks, the rules around a name its classes and
    // forms: each kept apart, both learnt at once, whichever is asked first.
    const tokens = [
      ...WORDS,
      ...tokensOf('قصف بريف حلب الشرقي وفي بلدتي ذيبان والطيانة، دير الزور المذكورة نحو بدرعا'),
    ];
    const answers = (own: typeof gazetteer) =>
      tokens.map((token, k) => ({
        word: token.text,
        starts: own.mayStartPlace(token),
        next: own.nextPlaceStart(tokens, k, tokens.length),
        name: own.nameAt(tokens, k)?.end ?? null,
        cue: own.cueAt(tokens, k)?.end ?? null,
        never: own.notAName(token),
        hospital: own.isA(token, 'hospital'),
        towards: own.hasForm(token, 'towards'),
      }));
    const expected = answers(gazetteer);
    const firstAsked: ((own: typeof gazetteer) => unknown)[] = [
      (own) => own.nextPlaceStart(tokens, 0, tokens.length),
      (own) => tokens.map((token) => own.isA(token, 'destination')),
      (own) => tokens.map((token) => own.notAName(token)),
    ];
    for (const [k, ask] of firstAsked.entries()) {
      const own = loadGazetteer();
      ask(own);
      expect(answers(own), String(k)).toEqual(expected);
    }
  });

  it('knows no class of a word that is not one, nor of what is no token', () => {
    const [comma] = tokensOf('،');
    for (const cls of Object.keys(CLASS_FIELDS) as WordClass[]) {
      expect(gazetteer.isA(comma, cls)).toBe(false);
      expect(gazetteer.isA(undefined, cls)).toBe(false);
    }
    expect(gazetteer.mayStartPlace(undefined)).toBe(false);
  });

  it('asks several classes and forms of a word at once as asking each of them does', () => {
    const tokens = [...WORDS, ...tokensOf('نحو مدينة إلى 12 ، حلب')];
    const asked = [
      wordSigns(['correspondent', 'destination'], ['towards']),
      wordSigns(['hospital'], []),
      wordSigns([], ['locative', 'withArticle']),
    ];
    const each = [
      (t: Token) =>
        gazetteer.isA(t, 'correspondent') ||
        gazetteer.isA(t, 'destination') ||
        gazetteer.hasForm(t, 'towards'),
      (t: Token) => gazetteer.isA(t, 'hospital'),
      // A mark or a number is none: the forms asked at once are asked of words.
      (t: Token) =>
        t.kind === 'word' &&
        (gazetteer.hasForm(t, 'locative') || gazetteer.hasForm(t, 'withArticle')),
    ];
    for (const token of tokens)
      for (const [k, signs] of asked.entries())
        expect(gazetteer.isAnyOf(token, signs), `${token.text} ${String(k)}`).toBe(
          each[k]?.(token),
        );
    expect(tokens.some((t) => gazetteer.isAnyOf(t, asked[0] ?? 0))).toBe(true);
    expect(gazetteer.isAnyOf(undefined, asked[0] ?? 0)).toBe(false);
  });

  it('tells a word whose names, read bare, are places only where a locative word locates them', () => {
    // «مجدليا», «نحليا»: villages; «حلب» a city, counted bare; «قرية» a cue; «دير» opens
    // longer names and is none alone; «قصف» names nothing; a number and a mark are no words.
    const [village, other, city, cue, opener, act, number, comma] = tokensOf(
      'مجدليا نحليا حلب قرية دير قصف 12 ،',
    );
    for (const own of [gazetteer, loadGazetteer()]) {
      // Asked before and after the scan has read the words.
      for (const round of [1, 2]) {
        const at = String(round);
        expect(village && own.needsLocative(village, undefined), at).toBe(true);
        expect(other && own.needsLocative(other, act), at).toBe(true);
        for (const token of [city, cue, opener, act, number, comma])
          expect(token && own.needsLocative(token, undefined), `${token?.text ?? ''} ${at}`).toBe(
            false,
          );
        own.nextPlaceStart(tokensOf('مجدليا نحليا حلب قرية دير قصف 12 ،'), 0, 8);
      }
    }
  });

  it('tells a village that also opens longer names needs a locative only where none of them goes on', () => {
    // «قسطل»: a village alone, and the first word of «قسطل معاف».
    const [village, rest, , evening] = tokensOf('قسطل معاف قسطل مساء قسطل');
    for (const own of [gazetteer, loadGazetteer()])
      for (const round of [1, 2]) {
        const at = String(round);
        expect(village && own.needsLocative(village, rest), at).toBe(false);
        for (const next of [evening, undefined])
          expect(village && own.needsLocative(village, next), `${next?.text ?? ''} ${at}`).toBe(
            true,
          );
        own.nextPlaceStart(tokensOf('قسطل معاف قسطل مساء قسطل'), 0, 5);
      }
  });
});
