import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { captureConsole, onEmbeddedStore } from './console.js';

const { out, err, run, file, dir } = captureConsole();
onEmbeddedStore();

const data = join(dir, 'data');

/** The ACLED rows of the store. */
async function acled(): Promise<Record<string, string>[]> {
  out.length = 0;
  expect(await run('export', '--format', 'acled', '--data', data)).toBe(0);
  return parse<Record<string, string>>(out.join(''), { columns: true });
}

describe('a report stored without a date, ingested again with one', () => {
  const report = file(
    'hama.txt',
    'قتل طفلان بقصف مدفعي لقوات النظام على بلدة كفرزيتا في ريف حماة الشمالي، بحسب المرصد السوري لحقوق الإنسان.',
  );

  it('takes the date its sidecar gives, and its events are dated', async () => {
    expect(await run('ingest', '--data', data, '--no-progress', report)).toBe(0);
    expect(err.join('')).toMatch(/1 report\(s\) have no publication date/);
    expect((await acled())[0]).toMatchObject({ event_date: '', time_precision: '3' });
    writeFileSync(
      join(dir, 'hama.meta.json'),
      JSON.stringify({ published: '2024-07-21', outlet: 'شبكة حماة' }),
    );
    out.length = 0;
    err.length = 0;
    expect(await run('ingest', '--data', data, '--no-progress', report)).toBe(0);
    expect(out.join('')).toMatch(/0 added, 1 already have, 1 of them given facts they lacked/);
    expect(err.join('')).not.toMatch(/no publication date/);
    const [row] = await acled();
    expect(row).toMatchObject({
      event_date: '2024-07-21',
      time_precision: '1',
      source: 'شبكة حماة',
    });
    out.length = 0;
    expect(await run('evidence', 'verify', '--data', data)).toBe(0);
  });

  it('keeps a fact it has: a later, different one is not taken, and it says which it keeps', async () => {
    writeFileSync(join(dir, 'hama.meta.json'), JSON.stringify({ published: '2024-08-01' }));
    out.length = 0;
    err.length = 0;
    expect(await run('ingest', '--data', data, '--no-progress', report)).toBe(0);
    expect(out.join('')).not.toMatch(/given facts/);
    expect(err.join('')).toMatch(
      /hama\.txt: stored before with publication date 2024-07-21; 2024-08-01 was not taken/,
    );
    expect((await acled())[0]?.event_date).toBe('2024-07-21');
  });

  it('names a manifest row that gives its facts to no report ingested', async () => {
    const manifest = join(dir, 'elsewhere', 'manifest.csv');
    mkdirSync(join(dir, 'elsewhere'));
    writeFileSync(manifest, 'file,published\nhama.txt,2024-07-21\n');
    err.length = 0;
    expect(
      await run('ingest', '--data', data, '--no-progress', '--manifest', manifest, report),
    ).toBe(0);
    expect(err.join('')).toMatch(
      /a --manifest row names .*elsewhere\/hama\.txt, which is not among the reports ingested/,
    );
  });
});
