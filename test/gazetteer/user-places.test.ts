import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  PlacesFileError,
  formatPlaces,
  loadGazetteer,
  locateMentions,
  parsePlaces,
} from '../../src/gazetteer/index.js';
import type { Gazetteer, Place } from '../../src/gazetteer/index.js';
import { normalizeForMatching, splitSentences, tokenize } from '../../src/text/index.js';

const dir = mkdtempSync(join(tmpdir(), 'wathiq-places-'));

function userFile(name: string, rows: string[]): string {
  const header =
    'id\tkind\trank\tname_ar\tname_en\tvariants_ar\tadmin1_pcode\tadmin1\tadmin2_pcode\tadmin2\tadmin3_pcode\tadmin3\tlat\tlon\tparent';
  const path = join(dir, name);
  writeFileSync(path, `${[header, ...rows].join('\n')}\n`);
  return path;
}

function resolve(gazetteer: Gazetteer, phrase: string): { id?: string; precision?: number } {
  const tokens = tokenize(normalizeForMatching(phrase).text);
  const hit = locateMentions(gazetteer, tokens, splitSentences(tokens)).find((l) => l.resolved);
  return { id: hit?.resolved?.place.id, precision: hit?.resolved?.precision };
}

describe('the user places file', () => {
  const file = userFile('places.tsv', [
    // A roundabout in the city of Raqqa, a village the data lacks, and a name the data has elsewhere.
    'user:naim\tsite\t4\tدوار النعيم\tAl-Naim roundabout\tساحة النعيم\t\t\t\t\t\t\t35.9527\t39.0106\tC5710',
    'user:qadisiya\tcommunity\t4\tمزرعة القادسية\t\t\t\t\t\t\t\t\t35.95\t39.35\tSY1101',
    'user:dhiban\tcommunity\t4\tذيبان\t\t\t\t\t\t\t\t\t35.50\t40.10\tSY0903',
    'user:checkpoint\tsite\t4\tحاجز البريد\t\t\t\t\t\t\t\t\t35.953\t39.012\tuser:naim',
  ]);
  const gazetteer = loadGazetteer({ userPlacesFiles: [file] });

  it('adds places the shipped data lacks, with the hierarchy of their parent', () => {
    const naim = gazetteer.byId('user:naim');
    expect(naim).toMatchObject({ admin1Pcode: 'SY11', admin2Pcode: 'SY1101', user: true });
    expect(resolve(gazetteer, 'انفجار عند دوار النعيم')).toEqual({ id: 'user:naim', precision: 1 });
    expect(resolve(gazetteer, 'في ساحة النعيم')).toEqual({ id: 'user:naim', precision: 1 });
    expect(resolve(gazetteer, 'في قرية مزرعة القادسية')).toEqual({
      id: 'user:qadisiya',
      precision: 1,
    });
  });

  it('settles a place inside another user place', () => {
    expect(gazetteer.byId('user:checkpoint')).toMatchObject({
      admin1Pcode: 'SY11',
      admin3Pcode: 'SY110100',
    });
  });

  it('wins over a shipped place of the same name unless the sentence names another area', () => {
    expect(resolve(gazetteer, 'في بلدة ذيبان')).toMatchObject({ id: 'user:dhiban' });
    expect(resolve(gazetteer, 'في بلدة ذيبان بريف الرقة')).toMatchObject({ id: 'C5832' });
  });

  it('replaces a shipped place with the same id', () => {
    const corrected = userFile('corrected.tsv', [
      'C5119\tcommunity\t4\tالشحيل\tShheil\tالشحيلات\tSY09\tDeir-ez-Zor\tSY0901\tDeir-ez-Zor\tSY090102\tBusayra\t35.0\t40.4\t',
    ]);
    const g = loadGazetteer({ userPlacesFiles: [corrected] });
    expect(g.byId('C5119')?.lat).toBe(35.0);
    expect(resolve(g, 'في قرية الشحيلات')).toMatchObject({ id: 'C5119' });
  });

  it('refuses a place whose parent is unknown, naming it', () => {
    const orphan = userFile('orphan.tsv', [
      'user:x\tsite\t4\tحاجز الصوامع\t\t\t\t\t\t\t\t\t35.9\t39.0\tSY9999',
    ]);
    expect(() => loadGazetteer({ userPlacesFiles: [orphan] })).toThrow(/user:x.*SY9999/);
  });

  it('names the file and line of a bad row', () => {
    const bad = userFile('bad.tsv', ['user:y\tsite\t4\tحاجز\t\t\t\t\t\t\t\t\tnorth\t39.0\tC5710']);
    expect(() => loadGazetteer({ userPlacesFiles: [bad] })).toThrow(PlacesFileError);
    expect(() => loadGazetteer({ userPlacesFiles: [bad] })).toThrow(
      /bad\.tsv:2: bad latitude "north"/,
    );
  });

  it('skips a user file that does not exist yet', () => {
    expect(loadGazetteer({ userPlacesFiles: [join(dir, 'none.tsv')] }).byId('C5119')).toBeDefined();
  });
});

describe('the places file format', () => {
  it('writes what it reads', () => {
    const place: Place = {
      id: 'user:1',
      kind: 'site',
      rank: 4,
      nameAr: 'حقل العمر',
      nameEn: 'Al-Omar field',
      variants: ['حقل العمر النفطي'],
      admin1Pcode: 'SY09',
      admin1: 'Deir-ez-Zor',
      admin2Pcode: 'SY0903',
      admin2: 'Al Mayadin',
      admin3Pcode: '',
      admin3: '',
      lat: 35.1,
      lon: 40.5,
      parent: 'SY0903',
    };
    expect(parsePlaces(formatPlaces([place]), 'x.tsv')).toEqual([place]);
  });
});
