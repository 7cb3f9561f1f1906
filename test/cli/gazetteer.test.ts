import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zDocumentResult } from '../../src/contracts/index.js';
import { captureConsole } from './console.js';

const { out, err, run, file, dir } = captureConsole();

/** What the command printed, without the bidi isolates around Arabic in English lines. */
function plain(printed: readonly string[]): string {
  return printed.join('').replace(/[\u2068\u2069]/g, '');
}
const data = join(dir, 'data');
const REPORT = 'انفجرت عبوة ناسفة عند دوار النعيم وسط مدينة الرقة اليوم، ما أدى إلى مقتل مدنيين.';

describe('wathiq gazetteer', () => {
  it('adds a place to the user file, and extraction puts incidents there', async () => {
    const status = await run(
      'gazetteer',
      'add',
      'دوار النعيم',
      '--lat',
      '35.9527',
      '--lon',
      '39.0106',
      '--parent',
      'C5710',
      '--name-en',
      'Al-Naim roundabout',
      '--data',
      data,
    );
    expect(status).toBe(0);
    expect(plain(out)).toMatch(/added user:\w+ دوار النعيم \(site in Ar-Raqqa/);
    expect(readFileSync(join(data, 'places.tsv'), 'utf8')).toContain('Al-Naim roundabout');

    out.length = 0;
    await run(
      'extract',
      '--json',
      '--published',
      '2024-03-14',
      '--data',
      data,
      file('r.txt', REPORT),
    );
    const [result] = z.array(zDocumentResult).parse(JSON.parse(out.join('')));
    expect(result).toBeDefined();
    expect(result?.incidents[0]?.location).toMatchObject({
      name_en: 'Al-Naim roundabout',
      admin1: 'Ar-Raqqa',
      precision: 1,
    });
  });

  it('refuses a parent the gazetteer lacks', async () => {
    const status = await run(
      'gazetteer',
      'add',
      'حاجز',
      '--lat',
      '35',
      '--lon',
      '39',
      '--parent',
      'SY99',
      '--data',
      data,
    );
    expect(status).toBe(1);
    expect(plain(err)).toMatch(/parent SY99 is not in the gazetteer/);
  });

  /** `wathiq gazetteer add NAME --lat --lon --parent` with the suite's data folder. */
  const add = (name: string, lat: string, lon: string, parent: string, ...more: string[]) =>
    run(
      'gazetteer',
      'add',
      name,
      '--lat',
      lat,
      '--lon',
      lon,
      '--parent',
      parent,
      '--data',
      data,
      ...more,
    );
  const userFile = () => readFileSync(join(data, 'places.tsv'), 'utf8');

  it('refuses a name that is not in Arabic letters, in one line, and writes nothing', async () => {
    const before = userFile();
    expect(await add('Al-Naim roundabout', '35.9527', '39.0106', 'C5710')).toBe(1);
    expect(plain(err)).toMatch(
      /^wathiq: «Al-Naim roundabout» is not written in Arabic letters: .*--name-en/,
    );
    expect(await add('دوار Naim', '35.9527', '39.0106', 'C5710')).toBe(1);
    expect(plain(err)).toMatch(/«دوار Naim» mixes in a letter that is not Arabic \(«N»\)/);
    expect(
      await add('دوار الساعة', '35.9527', '39.0106', 'C5710', '--variants', 'دوار الساعه|Clock'),
    ).toBe(1);
    expect(plain(err)).toMatch(/«Clock» is not written in Arabic letters/);
    expect(plain(err).trim().split('\n')).toHaveLength(3);
    expect(userFile()).toBe(before);
  });

  it("refuses a point outside the parent's governorate, naming where it lies", async () => {
    const before = userFile();
    // Aleppo's citadel, given with a parent in the city of Raqqa.
    expect(await add('حاجز القلعة', '36.1993', '37.1628', 'C5710')).toBe(1);
    expect(plain(err)).toMatch(
      /^wathiq: 36\.1993,37\.1628 lies in Aleppo governorate, not in Raqqa where the parent C5710 \S+ is; check --lat, --lon and --parent\n$/,
    );
    err.length = 0;
    expect(await add('حاجز الدوار', '39.0106', '35.9527', 'C5710')).toBe(1);
    expect(plain(err)).toMatch(
      /lies outside Syria's governorates, .*\(latitude and longitude swapped\?\)/,
    );
    expect(userFile()).toBe(before);
  });

  it('removes a place it added, by id or by name, and says so', async () => {
    expect(await add('مزرعة الصنوبر', '35.9400', '39.0200', 'C5710')).toBe(0);
    const id = /added (user:\w+)/.exec(plain(out))?.[1] ?? '';
    expect(userFile()).toContain('مزرعة الصنوبر');
    out.length = 0;
    expect(await run('gazetteer', 'remove', id, '--data', data)).toBe(0);
    expect(plain(out)).toMatch(new RegExp(`^removed ${id} مزرعة الصنوبر \\(Ar-Raqqa`));
    expect(userFile()).not.toContain('مزرعة الصنوبر');
    expect(await add('مزرعة الصنوبر', '35.9400', '39.0200', 'C5710')).toBe(0);
    expect(await run('gazetteer', 'remove', 'مزرعة الصنوبر', '--data', data)).toBe(0);
    expect(userFile()).not.toContain('مزرعة الصنوبر');
    expect(userFile()).toContain('Al-Naim roundabout');
  });

  it('refuses to remove a shipped place, an unknown one, or the parent of another', async () => {
    const before = userFile();
    expect(await run('gazetteer', 'remove', 'C5710', '--data', data)).toBe(1);
    expect(plain(err)).toMatch(
      /^wathiq: C5710 \S+ is a shipped place, not one you added: only places in .*places\.tsv can be removed/,
    );
    err.length = 0;
    expect(await run('gazetteer', 'remove', 'user:nowhere', '--data', data)).toBe(1);
    expect(plain(err)).toMatch(
      /^wathiq: no place «user:nowhere» \(id or name\) in your places file/,
    );
    expect(await add('مزرعة التوت', '35.9410', '39.0210', 'C5710')).toBe(0);
    const farm = /added (user:\w+) مزرعة التوت/.exec(plain(out))?.[1] ?? '';
    expect(await add('بئر المزرعة', '35.9411', '39.0211', farm)).toBe(0);
    err.length = 0;
    expect(await run('gazetteer', 'remove', farm, '--data', data)).toBe(1);
    expect(plain(err)).toMatch(
      new RegExp(
        `^wathiq: ${farm} مزرعة التوت is the parent of user:\\w+ بئر المزرعة: remove those first\n$`,
      ),
    );
    expect(userFile()).toContain('مزرعة التوت');
    expect(before).not.toContain('مزرعة التوت');
  });

  it('imports files, goes on past a bad one, and says what it took', async () => {
    const csv = file(
      'mine.csv',
      'id,kind,rank,name_ar,name_en,variants_ar,admin1_pcode,admin1,admin2_pcode,admin2,admin3_pcode,admin3,lat,lon,parent\nuser:omar,site,4,حقل العمر,Al-Omar oil field,,,,,,,,35.10,40.50,SY0903\n',
    );
    const status = await run('gazetteer', 'import', '--data', data, file('odd.txt', 'hello'), csv);
    expect(status).toBe(1);
    expect(plain(err)).toMatch(/odd\.txt: not a GeoNames dump/);
    expect(plain(out)).toMatch(/mine\.csv: 1 places from a places file \(1 new, 0 replaced\)/);
    expect(readFileSync(join(data, 'places.tsv'), 'utf8')).toContain('Al-Omar oil field');
  });

  it('shows how a phrase reads, with the other places of that name', async () => {
    await run('gazetteer', 'lookup', '--data', data, 'في قرية ذيبان بريف الرقة', 'حقل العمر');
    const text = plain(out);
    expect(text).toMatch(/«قرية ذيبان» → C5832 ذيبان .* precision 1; also C5202/);
    expect(text).toMatch(/«حقل العمر» → user:omar/);
  });
});
