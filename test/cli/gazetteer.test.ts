import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zDocumentResult } from '../../src/contracts/index.js';
import { captureConsole } from './console.js';

const { out, err, run, file, dir } = captureConsole();
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
    expect(out.join('')).toMatch(/added user:\w+ دوار النعيم \(site in Ar-Raqqa/);
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
    expect(err.join('')).toMatch(/parent SY99 is not in the gazetteer/);
  });

  it('imports files, goes on past a bad one, and says what it took', async () => {
    const csv = file(
      'mine.csv',
      'id,kind,rank,name_ar,name_en,variants_ar,admin1_pcode,admin1,admin2_pcode,admin2,admin3_pcode,admin3,lat,lon,parent\nuser:omar,site,4,حقل العمر,Al-Omar oil field,,,,,,,,35.10,40.50,SY0903\n',
    );
    const status = await run('gazetteer', 'import', '--data', data, file('odd.txt', 'hello'), csv);
    expect(status).toBe(1);
    expect(err.join('')).toMatch(/odd\.txt: not a GeoNames dump/);
    expect(out.join('')).toMatch(/mine\.csv: 1 places from a places file \(1 new, 0 replaced\)/);
    expect(readFileSync(join(data, 'places.tsv'), 'utf8')).toContain('Al-Omar oil field');
  });

  it('shows how a phrase reads, with the other places of that name', async () => {
    await run('gazetteer', 'lookup', '--data', data, 'في قرية ذيبان بريف الرقة', 'حقل العمر');
    const text = out.join('');
    expect(text).toMatch(/«قرية ذيبان» → C5832 ذيبان .* precision 1; also C5202/);
    expect(text).toMatch(/«حقل العمر» → user:omar/);
  });
});
