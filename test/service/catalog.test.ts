import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGazetteer, PlacesFileError, userPlacesFile } from '../../src/gazetteer/index.js';
import { loadLexicon } from '../../src/lexicon/index.js';
import { governorateCode, loadCatalog } from '../../src/service/index.js';

const HEADER =
  'id\tkind\trank\tname_ar\tname_en\tvariants_ar\tadmin1_pcode\tadmin1\tadmin2_pcode\tadmin2\tadmin3_pcode\tadmin3\tlat\tlon\tparent';

function dataFolder(places: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'wathiq-catalog-'));
  mkdirSync(dir, { recursive: true });
  writeFileSync(userPlacesFile(dir), places);
  return dir;
}

describe('the catalog a reading command loads instead of the whole knowledge', () => {
  it('names every actor and claimant as the dictionaries do', () => {
    const lexicon = loadLexicon();
    const { names } = loadCatalog(dataFolder(`${HEADER}\n`));
    expect([...names.actors.entries()]).toEqual([...lexicon.actors.entries()]);
    expect([...names.claimants.entries()]).toEqual([...lexicon.claimants.entries()]);
  });

  it('holds the same places as the gazetteer, the folder’s own included, with their hierarchy', () => {
    const dir = dataFolder(
      `${HEADER}\nuser:farm\tsite\t4\tمزرعة التجربة\tTest farm\t\t\t\t\t\t\t\t35.93\t36.63\tSY07\n`,
    );
    const catalog = loadCatalog(dir);
    const gazetteer = loadGazetteer({ userPlacesFiles: [userPlacesFile(dir)] });
    expect(catalog.places).toEqual(gazetteer.places);
    expect(catalog.place('user:farm')).toMatchObject({ kind: 'site', admin1Pcode: 'SY07' });
    expect(governorateCode(catalog, 'إدلب')).toBe('SY07');
  });

  it('reads the places file only when a place is asked for', () => {
    const catalog = loadCatalog(dataFolder('not a places file\n'));
    expect(catalog.names.actors.size).toBeGreaterThan(0);
    expect(() => catalog.place('SY07')).toThrow(PlacesFileError);
  });
});
