import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { extract } from '../../src/extract/index.js';
import { knowledgeKey } from '../../src/gazetteer/knowledge-cache.js';
import { knowledgeWith, locateMentions, shippedDataDir } from '../../src/gazetteer/index.js';
import type { Knowledge } from '../../src/gazetteer/index.js';
import { normalizeForMatching, splitSentences, tokenize } from '../../src/text/index.js';

const HEADER =
  'id\tkind\trank\tname_ar\tname_en\tvariants_ar\tadmin1_pcode\tadmin1\tadmin2_pcode\tadmin2\tadmin3_pcode\tadmin3\tlat\tlon\tparent';

function placesFile(dir: string, rows: string[]): string {
  const path = join(dir, 'places.tsv');
  writeFileSync(path, `${[HEADER, ...rows].join('\n')}\n`);
  return path;
}

/**
 * Everything a knowledge holds, as bytes: equal bytes, equal tables, with the
 * same values shared. Read back once first: V8 may write a string read back in
 * another width, so only tables that made the same trip compare byte for byte.
 */
function bytesOf(knowledge: Knowledge): Buffer {
  const { lexicon, gazetteer } = knowledge;
  const once = (value: unknown): Buffer => serialize(deserialize(serialize(value)));
  return once({
    lexicon: { ...lexicon, index: lexicon.index.toData() },
    places: gazetteer.places,
    names: gazetteer.names.toData(),
    cues: gazetteer.cues.toData(),
  });
}

function placeIn(knowledge: Knowledge, phrase: string): string | undefined {
  const tokens = tokenize(normalizeForMatching(phrase).text);
  return locateMentions(knowledge.gazetteer, tokens, splitSentences(tokens)).find((l) => l.resolved)
    ?.resolved?.place.id;
}

const REPORT =
  'قتل ثلاثة مدنيين وأصيب خمسة آخرون في قصف مدفعي لقوات النظام على بلدة في ريف إدلب، بحسب الدفاع المدني.';

describe('the knowledge cache', () => {
  it('gives back, from the cache, the very tables the data files build', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'wathiq-cache-')), 'shipped');
    const none = join(dir, 'none', 'places.tsv');
    // A folder the build did not make is not made: the knowledge is built, nothing is stored.
    const built = knowledgeWith([none], dir);
    expect(existsSync(dir)).toBe(false);
    // Once the folder exists, the first start stores and the next reads.
    mkdirSync(dir);
    knowledgeWith([none], dir);
    expect(readdirSync(dir).filter((f) => f.endsWith('.bin'))).toHaveLength(1);
    const cached = knowledgeWith([none], dir);
    expect(bytesOf(cached).equals(bytesOf(built))).toBe(true);
    const document = {
      text: REPORT,
      title: null,
      outlet: null,
      url: null,
      published: '2024-03-14',
    };
    expect(extract(document, { knowledge: cached })).toEqual(
      extract(document, { knowledge: built }),
    );
  });

  it('is never read once a places file changed: a new nickname is found at the next start', () => {
    const data = mkdtempSync(join(tmpdir(), 'wathiq-cache-user-'));
    const row = (variants: string) =>
      `user:naim\tsite\t4\tدوار النعيم\tAl-Naim roundabout\t${variants}\t\t\t\t\t\t\t35.9527\t39.0106\tC5710`;
    const file = placesFile(data, [row('')]);
    const before = knowledgeKey(shippedDataDir(), [file]);
    const first = knowledgeWith([file], join(data, 'no-shipped-cache'), data);
    expect(placeIn(first, 'انفجار عند دوار النعيم')).toBe('user:naim');
    expect(placeIn(first, 'انفجار عند ساحة النعيم')).toBeUndefined();
    expect(readdirSync(join(data, 'knowledge-cache'))).toHaveLength(1);

    placesFile(data, [row('ساحة النعيم')]);
    expect(knowledgeKey(shippedDataDir(), [file])).not.toBe(before);
    const second = knowledgeWith([file], join(data, 'no-shipped-cache'), data);
    expect(placeIn(second, 'انفجار عند ساحة النعيم')).toBe('user:naim');
    // The older key's file is gone; the new one is there for the next start.
    expect(readdirSync(join(data, 'knowledge-cache'))).toHaveLength(1);
    const third = knowledgeWith([file], join(data, 'no-shipped-cache'), data);
    expect(placeIn(third, 'انفجار عند ساحة النعيم')).toBe('user:naim');
  });

  it('is named by the code that runs, the bundled command as well as the modules, and nothing else', () => {
    const root = mkdtempSync(join(tmpdir(), 'wathiq-cache-code-'));
    const write = (path: string, text: string): void => {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    for (const module of ['contracts', 'text', 'lexicon', 'gazetteer'])
      write(`${module}/index.js`, `export const name = '${module}';\n`);
    write('gazetteer/index.d.ts', 'export declare const name: string;\n');
    const key = (): string | null => knowledgeKey(shippedDataDir(), [], root);
    const modulesOnly = key();
    write('cli-bundle/chunk-A.js', 'export const built = 1;\n');
    const bundled = key();
    expect(bundled).not.toBe(modulesOnly);
    // A bundle older than the modules (tsc run alone) is no longer the code that stored the knowledge.
    write('cli-bundle/chunk-A.js', 'export const built = 2;\n');
    expect(key()).not.toBe(bundled);
    write('gazetteer/index.js', "export const name = 'gazetteer, changed';\n");
    const changed = key();
    expect(changed).not.toBe(bundled);
    // Declarations and source maps run nothing: changed, they leave the key as it was.
    write('gazetteer/index.d.ts', 'export declare const name: "gazetteer";\n');
    write('cli-bundle/chunk-A.js.map', '{}');
    write('cli-bundle/meta.json', '{}');
    expect(key()).toBe(changed);
  });

  it('builds from the files when the stored file is damaged', () => {
    const data = mkdtempSync(join(tmpdir(), 'wathiq-cache-bad-'));
    const file = placesFile(data, [
      'user:naim\tsite\t4\tدوار النعيم\t\t\t\t\t\t\t\t\t35.9527\t39.0106\tC5710',
    ]);
    knowledgeWith([file], join(data, 'no-shipped-cache'), data);
    const [stored] = readdirSync(join(data, 'knowledge-cache'));
    writeFileSync(join(data, 'knowledge-cache', stored ?? ''), 'not a cache');
    const knowledge = knowledgeWith([file], join(data, 'no-shipped-cache'), data);
    expect(placeIn(knowledge, 'انفجار عند دوار النعيم')).toBe('user:naim');
  });
});
