import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  LexiconError,
  PhraseIndex,
  idForDay,
  loadLexicon,
  phraseKeys,
  shippedDataDir,
} from '../../src/lexicon/index.js';
import { normalizeForMatching, tokenize } from '../../src/text/index.js';

const tokensOf = (text: string) => tokenize(normalizeForMatching(text).text);

describe('PhraseIndex', () => {
  const index = new PhraseIndex<string>();
  index.add('قوات سوريا الديمقراطية', 'SDF');
  index.add('قسد', 'SDF');
  index.add('قوات النظام', 'SYR-GOV');
  index.add('الدفاع المدني', 'SCD');
  index.add('الدفاع المدني السوري', 'SCD');

  it('matches phrases whatever proclitics the report puts on them', () => {
    for (const text of ['لقوات النظام', 'وقوات النظام', 'بقوات النظام', 'لقسد', 'والدفاع المدني']) {
      expect(index.longestAt(tokensOf(text), 0)?.values.length).toBeGreaterThan(0);
    }
  });

  it('prefers the longest phrase', () => {
    const match = index.longestAt(tokensOf('الدفاع المدني السوري'), 0);
    expect(match?.end).toBe(3);
  });

  it('looks through quote marks inside a phrase', () => {
    expect(index.longestAt(tokensOf('قوات "سوريا الديمقراطية"'), 0)?.values).toEqual(['SDF']);
  });

  it('finds nothing in near misses', () => {
    expect(index.longestAt(tokensOf('قوات سوريا'), 0)).toBeNull();
    expect(index.scan(tokensOf('الدفاع الوطني'))).toHaveLength(0);
  });

  it('finds from the nodes a word starts at what it finds from the word', () => {
    const tokens = tokensOf('اشتباكات بين قسد وقوات النظام ولقوات سوريا الديمقراطية');
    // The phrases this sentence names, so that agreeing on none everywhere would not pass.
    expect(index.scan(tokens).map((m) => m.values[0])).toEqual(['SDF', 'SYR-GOV', 'SDF']);
    for (let start = 0; start < tokens.length; start++) {
      const keys = tokens[start]?.keys ?? [];
      expect(index.longestFrom(index.startNodes(keys), tokens, start)).toEqual(
        index.longestAt(tokens, start),
      );
      expect(index.longestFrom(index.startNodes(keys), tokens, start, start)).toBeNull();
    }
    expect(index.startNodes(tokensOf('اشتباكات')[0]?.keys ?? [])).toEqual({
      oneWord: null,
      deeper: [],
    });
  });

  it('knows the keys phrases have past their first word, and only those', () => {
    const later = index.laterKeys();
    for (const word of ['سوريا', 'الديمقراطية', 'النظام', 'المدني', 'السوري'])
      expect(later.has(phraseKeys(word)[0] ?? ''), word).toBe(true);
    // First words only, or a phrase of one word.
    for (const word of ['قوات', 'الدفاع', 'قسد'])
      expect(later.has(phraseKeys(word)[0] ?? ''), word).toBe(false);
    expect(later.size).toBe(5);
  });

  it('finds from where a word starts the longest phrase, the word alone when nothing goes on', () => {
    const readings = new PhraseIndex<string>();
    // «وقوات» reads as itself and as «قوات»: both are phrases alone, and each goes on.
    readings.add('وقوات', 'joined');
    readings.add('قوات', 'bare');
    readings.add('وقوات النظام', 'joined long');
    readings.add('قوات النظام', 'bare long');
    readings.add('قسد', 'alone');
    const texts = ['وقوات النظام', 'وقوات المعارضة', 'وقوات', 'قوات النظام قسد', 'قسد النظام'];
    for (const text of texts) {
      const tokens = tokensOf(text);
      for (let start = 0; start < tokens.length; start++) {
        const starts = readings.startNodes(tokens[start]?.keys ?? []);
        for (let end = start; end <= tokens.length; end++)
          expect(readings.longestFrom(starts, tokens, start, end)).toEqual(
            readings.longestAt(tokens, start, end),
          );
      }
    }
    // Of two phrases as long, the one the later reading reaches, as longestAt keeps it.
    expect(readings.longestAt(tokensOf('وقوات النظام'), 0)?.values).toEqual(['bare long']);
    expect(readings.longestAt(tokensOf('وقوات المعارضة'), 0)?.values).toEqual(['bare']);
    // A word that starts only a phrase of one word leads to no node.
    expect(readings.startNodes(tokensOf('قسد')[0]?.keys ?? [])).toEqual({
      oneWord: ['alone'],
      deeper: [],
    });
  });

  it('gives every phrase at a token shortest first, whichever reading reaches it', () => {
    const readings = new PhraseIndex<string>();
    // «وقوات» reads as itself and as «قوات»: its first reading reaches the longest phrase.
    readings.add('وقوات النظام السوري', 'long');
    readings.add('قوات', 'short');
    readings.add('قوات النظام', 'middle');
    const tokens = tokensOf('وقوات النظام السوري');
    expect(readings.matchesAt(tokens, 0).map((m) => [m.end, m.values[0]])).toEqual([
      [1, 'short'],
      [2, 'middle'],
      [3, 'long'],
    ]);
    expect(readings.matchesAt(tokens, 0, 2).map((m) => m.values[0])).toEqual(['short', 'middle']);
    expect(readings.matchesAt(tokens, 0, 0)).toEqual([]);
  });

  it('visits at each token the phrases it lists there, each walk after the last', () => {
    const tokens = tokensOf('قال الدفاع المدني السوري إن قوات النظام قصفت');
    const visited: [number, number, string | undefined][] = [];
    for (let start = 0; start < tokens.length; start++)
      index.eachMatchAt(
        tokens,
        start,
        (seen, from, to, values) => seen.push([from, to, values[0]]),
        visited,
      );
    // «الدفاع المدني» and «الدفاع المدني السوري» both start at the second word, shortest first.
    expect(visited).toEqual([
      [1, 3, 'SCD'],
      [1, 4, 'SCD'],
      [5, 7, 'SYR-GOV'],
    ]);
    const listed = tokens.flatMap((_, start) => index.matchesAt(tokens, start));
    expect(listed.map((m) => [m.start, m.end, m.values[0]])).toEqual(visited);
  });

  it('lists the phrases of the word alone, under every reading, before the longer ones', () => {
    const readings = new PhraseIndex<string>();
    // «وقوات» reads as itself, then as «قوات»: each reading is a phrase alone and goes on.
    readings.add('وقوات النظام', 'joined long');
    readings.add('وقوات', 'joined');
    readings.add('قوات', 'bare');
    readings.add('قوات النظام', 'bare long');
    const tokens = tokensOf('وقوات النظام');
    expect(readings.matchesAt(tokens, 0).map((m) => [m.end, m.values[0]])).toEqual([
      [1, 'joined'],
      [1, 'bare'],
      [2, 'joined long'],
      [2, 'bare long'],
    ]);
  });

  it('takes as the longest phrase at a word the later reading of two as long', () => {
    const readings = new PhraseIndex<string>();
    // «وقوات» reads as itself, then as «قوات»: both readings are phrases alone and go on.
    readings.add('وقوات', 'joined');
    readings.add('قوات', 'bare');
    readings.add('وقوات الأمن', 'joined long');
    readings.add('قوات الأمن', 'bare long');
    readings.add('قوات النظام', 'regime');
    const at = (text: string): [number, string | undefined] | null => {
      const match = readings.longestAt(tokensOf(text), 0);
      return match === null ? null : [match.end, match.values[0]];
    };
    expect(at('وقوات الأمن العام')).toEqual([2, 'bare long']);
    expect(at('وقوات النظام')).toEqual([2, 'regime']);
    expect(at('وقوات المعارضة')).toEqual([1, 'bare']);
    expect(at('وقوات')).toEqual([1, 'bare']);
    expect(at('اشتباكات')).toBeNull();
    // Walked once, a word's starts are kept: a phrase added after, of a word that started
    // none or that went on no further, is found all the same.
    readings.add('اشتباكات', 'clashes');
    readings.add('وقوات المعارضة', 'opposition');
    expect(at('اشتباكات')).toEqual([1, 'clashes']);
    expect(at('وقوات المعارضة')).toEqual([2, 'opposition']);
  });

  it('finds a phrase added after the index was walked', () => {
    const growing = new PhraseIndex<string>();
    growing.add('قصف', 'strike');
    growing.add('قصف جوي', 'air strike');
    const tokens = tokensOf('قصف مدفعي عنيف');
    expect(growing.matchesAt(tokens, 0).map((m) => m.values[0])).toEqual(['strike']);
    expect(growing.matchesAt(tokens, 1)).toEqual([]);
    // «مدفعي» went on no phrase and started none when the walks met it; now it does both, and «عنيف» after it too.
    growing.add('قصف مدفعي', 'shelling');
    growing.add('مدفعي عنيف', 'heavy');
    expect(growing.matchesAt(tokens, 0).map((m) => [m.end, m.values[0]])).toEqual([
      [1, 'strike'],
      [2, 'shelling'],
    ]);
    expect(growing.matchesAt(tokens, 1).map((m) => [m.end, m.values[0]])).toEqual([[3, 'heavy']]);
  });

  it('read back from its stored data, finds what it found and takes new phrases, each meaning once', () => {
    const built = new PhraseIndex<{ id: string }>((v) => v.id);
    const sdf = { id: 'SDF' };
    built.add('قسد', sdf);
    built.add('قوات سوريا الديمقراطية', sdf);
    built.add('قوات النظام', { id: 'SYR-GOV' });
    // As a knowledge cache stores it and reads it back.
    const read = PhraseIndex.fromData(
      deserialize(serialize(built.toData())) as ReturnType<typeof built.toData>,
      (v) => v.id,
    );
    const ids = (text: string, at = 0) =>
      read.matchesAt(tokensOf(text), at).map((m) => [m.end, m.values.map((v) => v.id)]);
    expect(ids('لقوات سوريا الديمقراطية')).toEqual([[3, ['SDF']]]);
    // One meaning stored under two phrases is one object read back.
    expect(read.longestAt(tokensOf('قسد'), 0)?.values[0]).toBe(
      read.longestAt(tokensOf('قوات سوريا الديمقراطية'), 0)?.values[0],
    );
    // Phrases added past a phrase's end, where only longer phrases ended, where one ended, and at a
    // new first word: no node read back shares what is added to another.
    read.add('قوات النظام السوري', { id: 'SYR-GOV' });
    read.add('قوات', { id: 'FORCES' });
    read.add('قسد', { id: 'SDF' });
    read.add('قسد', { id: 'SDF-2' });
    read.add('جيش العزة', { id: 'JAI' });
    expect(ids('قوات النظام السوري')).toEqual([
      [1, ['FORCES']],
      [2, ['SYR-GOV']],
      [3, ['SYR-GOV']],
    ]);
    expect(ids('قوات سوريا السوري')).toEqual([[1, ['FORCES']]]);
    expect(ids('قسد السوري')).toEqual([[1, ['SDF', 'SDF-2']]]);
    expect(ids('قسد')).toEqual([[1, ['SDF', 'SDF-2']]]);
    expect(ids('جيش العزة')).toEqual([[2, ['JAI']]]);
    expect(ids('قوات سوريا الديمقراطية السوري')).toEqual([
      [1, ['FORCES']],
      [3, ['SDF']],
    ]);
    expect(read.phraseCount).toBe(built.phraseCount + 4);
  });

  it('scans left to right without overlaps', () => {
    expect(index.scan(tokensOf('اشتباكات بين قسد وقوات النظام')).map((m) => m.values[0])).toEqual([
      'SDF',
      'SYR-GOV',
    ]);
  });
});

describe('loadLexicon', () => {
  it('loads the shipped dictionaries', () => {
    const lexicon = loadLexicon();
    expect(lexicon.actors.get('ISIS')?.inter).toBe(2);
    expect(lexicon.claimants.get('Amaq')?.partyOf[0]?.id).toBe('ISIS');
    expect(lexicon.index.phraseCount).toBeGreaterThan(1000);
  });

  it('names the file and field of a malformed dictionary', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wathiq-lexicon-'));
    cpSync(join(shippedDataDir(), 'lexicon'), dir, { recursive: true });
    writeFileSync(
      join(dir, 'actors.json'),
      JSON.stringify({ actors: [{ id: 'X', name: 'x', inter: 12, forms: [] }], aliases: [] }),
    );
    expect(() => loadLexicon(dir)).toThrow(LexiconError);
    expect(() => loadLexicon(dir)).toThrow(/actors\.json: actors\.0\.inter/);
  });

  it('lets a user add a spelling by editing a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wathiq-lexicon-'));
    cpSync(join(shippedDataDir(), 'lexicon'), dir, { recursive: true });
    const actors = JSON.parse(String(readFileSync(join(dir, 'actors.json')))) as {
      actors: { id: string; forms: string[] }[];
    };
    actors.actors.find((a) => a.id === 'SDF')?.forms.push('الميليشيا الانفصالية');
    writeFileSync(join(dir, 'actors.json'), JSON.stringify(actors));
    const match = loadLexicon(dir).index.longestAt(tokensOf('الميليشيا الانفصالية'), 0);
    expect(match?.values).toContainEqual({ kind: 'actor', ref: { type: 'fixed', id: 'SDF' } });
  });
});

describe('idForDay', () => {
  const eras = [
    { id: 'SYR-GOV', until: '2024-12-07' },
    { id: 'SYR-TRANS', from: '2024-12-08' },
  ];
  it('picks the era of the day', () => {
    expect(idForDay(eras, '2024-12-07')).toBe('SYR-GOV');
    expect(idForDay(eras, '2024-12-08')).toBe('SYR-TRANS');
  });
  it('takes the latest era without a day', () => {
    expect(idForDay(eras, null)).toBe('SYR-TRANS');
  });
});
