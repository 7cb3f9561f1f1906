import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { captureConsole, onEmbeddedStore } from './console.js';

const { err, run, file, dir } = captureConsole();
onEmbeddedStore();

const data = join(dir, 'data');
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

describe('export --hashes', () => {
  const reports = [
    file(
      'idlib.txt',
      '---\npublished: 2024-03-13\noutlet: شبكة الشمال\n---\nقتل ثلاثة مدنيين في قصف مدفعي لقوات النظام على بلدة كفرنبل جنوبي إدلب أمس الثلاثاء، بحسب المرصد السوري لحقوق الإنسان.',
    ),
    file(
      'raqqa.txt',
      '---\npublished: 2024-05-02\nurl: https://www.furat.example/news/7\n---\nقتل خمسة عناصر من قوات سوريا الديمقراطية في هجوم لتنظيم داعش على حاجز قرب مدينة الطبقة غرب الرقة يوم أمس الأربعاء.',
    ),
  ];
  const expected = new Set(reports.map((path) => sha256(readFileSync(path))));

  it('ends each csv, acled and ucdp row with the SHA-256 of the bytes stored for its reports', async () => {
    expect(await run('ingest', '--data', data, '--no-progress', ...reports)).toBe(0);
    // The bytes as the store keeps them, written out by `evidence --save`.
    const stored = new Set<string>();
    for (const [k, path] of reports.entries()) {
      const saved = join(dir, `saved-${String(k)}`);
      err.length = 0;
      expect(
        await run('evidence', sha256(readFileSync(path)), '--data', data, '--save', saved),
        err.join(''),
      ).toBe(0);
      for (const name of readdirSync(saved).filter(
        (n) => !/^(?:manifest\.json|SHA256SUMS)$/.test(n),
      ))
        stored.add(sha256(readFileSync(join(saved, name))));
    }
    expect(stored).toEqual(expected);
    for (const format of ['csv', 'acled', 'ucdp']) {
      const target = join(dir, `events-${format}.csv`);
      expect(
        await run('export', '--format', format, '--hashes', '--out', target, '--data', data),
      ).toBe(0);
      const table = parse<Record<string, string>>(readFileSync(target, 'utf8'), {
        columns: true,
      });
      expect(table.length, format).toBeGreaterThanOrEqual(2);
      const hashes = table.flatMap((row) => (row.capture_sha256 ?? '').split(' '));
      expect(new Set(hashes), format).toEqual(stored);
      expect(readFileSync(target, 'utf8').split('\n')[0]?.endsWith(',capture_sha256')).toBe(true);
    }
  });

  it('names the outlet, else the host, in ACLED’s source', async () => {
    const target = join(dir, 'acled.csv');
    expect(await run('export', '--format', 'acled', '--out', target, '--data', data)).toBe(0);
    const table = parse<Record<string, string>>(readFileSync(target, 'utf8'), { columns: true });
    expect(table.map((r) => r.source).sort()).toEqual(['furat.example', 'شبكة الشمال']);
    expect(readFileSync(target, 'utf8').split('\n')[0]).not.toMatch(/capture_sha256/);
  });

  it('is refused for a format with no column to put them in', async () => {
    err.length = 0;
    expect(await run('export', '--format', 'json', '--hashes', '--data', data)).toBe(2);
    expect(err.join('')).toMatch(/--hashes adds a column to csv, acled, ucdp only, not to json/);
  });
});
