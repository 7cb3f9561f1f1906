import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureConsole, onEmbeddedStore } from './console.js';

const { out, err, run, file, dir } = captureConsole();
onEmbeddedStore();

describe('wathiq reprocess', () => {
  const data = join(dir, 'data');
  // Written for this test: a village no shipped gazetteer has.
  const report = file(
    'khirbat-zarazir.txt',
    '---\npublished: 2024-06-10\noutlet: شبكة التجربة\n---\nقتل ثلاثة مدنيين في قصف مدفعي لقوات النظام على قرية خربة الزرازير الشمالية بريف إدلب الشرقي اليوم، بحسب الدفاع المدني السوري.\n',
  );

  it('says in one line what a gazetteer change did, and each change with -v', async () => {
    expect(await run('ingest', '--data', data, report)).toBe(0);
    expect(
      await run(
        'gazetteer',
        'add',
        'خربة الزرازير',
        '--lat',
        '35.84',
        '--lon',
        '36.85',
        '--parent',
        'C3916',
        '--name-en',
        'Khirbat Zarazir',
        '--data',
        data,
      ),
    ).toBe(0);
    out.length = 0;
    expect(await run('reprocess', '-v', '--data', data)).toBe(0);
    const lines = out.join('').trimEnd().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(
        /^changed ev:\S+: place Idlib \(SY07\) → Khirbat Zarazir \(user:\w+\)$/,
      ),
      expect.stringMatching(
        /^read again 1 reports, 1 read differently; events: 0 added, 0 removed, 0 merged, 0 split, 0 with figures changed, 1 otherwise changed; incidents: 0 added, 0 removed, 1 changed, 0 kept for a person’s word; store: /,
      ),
    ]);
  });

  it('finds nothing to change the second time', async () => {
    expect(await run('reprocess', '--data', data, '--governorate', 'Idleb')).toBe(0);
    expect(out.join('')).toMatch(
      /^read again 1 reports, 0 read differently; events: 0 added, 0 removed/,
    );
  });

  it('names an unknown governorate, and a folder without a store, in one line', async () => {
    expect(await run('reprocess', '--data', data, '--governorate', 'Atlantis')).toBe(2);
    expect(err.join('')).toMatch(/no governorate called «Atlantis»/);
    expect(await run('reprocess', '--data', join(dir, 'nothing-here'))).toBe(3);
    expect(err.join('')).toMatch(/no wathiq store here/);
  });
});
