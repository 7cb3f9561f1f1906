import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectReports, readManifest, readReport } from '../../src/ingest/index.js';
import type { Manifest, RawReport } from '../../src/ingest/index.js';

/** A report written for these tests, with nothing said of its publication. */
const BODY =
  'قتل مدنيان في قصف مدفعي لقوات النظام على بلدة سراقب جنوبي إدلب اليوم، بحسب الدفاع المدني السوري.';

const dir = mkdtempSync(join(tmpdir(), 'wathiq-facts-'));
function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function rawReport(path: string, manifest: Manifest = new Map()): Promise<RawReport> {
  for await (const entry of collectReports([path], { manifest })) {
    if ('failure' in entry) throw entry.failure.error;
    return entry.report;
  }
  throw new Error('no report');
}

async function documentOf(path: string, manifest?: Manifest) {
  return readReport(await rawReport(path, manifest));
}

describe('the facts of a report', () => {
  it('come from front matter at the top of a .txt, which is not part of its text', async () => {
    const path = file(
      'front.txt',
      `---\npublished: 2019-03-12\noutlet: شبكة الاختبار\nurl: https://example.org/a\ntitle: قصف على سراقب\n---\n${BODY}\n`,
    );
    const doc = await documentOf(path);
    expect(doc).toMatchObject({
      published: '2019-03-12',
      outlet: 'شبكة الاختبار',
      url: 'https://example.org/a',
      title: 'قصف على سراقب',
      sources: { published: 'front-matter', outlet: 'front-matter', url: 'front-matter' },
    });
    expect(doc.text.startsWith('قتل')).toBe(true);
  });

  it('come from a sidecar NAME.meta.json', async () => {
    const path = file('side.txt', BODY);
    file('side.meta.json', JSON.stringify({ published: '2019-03-13', outlet: 'موقع ب' }));
    expect(await documentOf(path)).toMatchObject({
      published: '2019-03-13',
      outlet: 'موقع ب',
      sources: { published: 'sidecar', outlet: 'sidecar' },
    });
  });

  it('come from a CSV manifest, its files named relative to it', async () => {
    const path = file('listed.txt', BODY);
    const manifest = await readManifest(
      file(
        'manifest.csv',
        'file,url,outlet,published\nlisted.txt,https://example.org/l,قناة ج,2019-03-14\n',
      ),
    );
    const doc = await documentOf(path, manifest);
    expect(doc).toMatchObject({
      published: '2019-03-14',
      url: 'https://example.org/l',
      sources: { published: 'manifest', url: 'manifest', outlet: 'manifest' },
    });
  });

  it('come from a TSV manifest too', async () => {
    const manifest = await readManifest(
      file('manifest.tsv', 'file\tpublished\nlisted.txt\t2019-03-15\n'),
    );
    expect([...manifest.values()][0]?.published).toEqual({
      value: '2019-03-15',
      source: 'manifest',
    });
  });

  it('come from a date in the file name', async () => {
    const doc = await documentOf(file('2019-03-16-saraqib.txt', BODY));
    expect(doc).toMatchObject({ published: '2019-03-16', sources: { published: 'file-name' } });
  });

  it('come from a «نشر بتاريخ» line, a dateline and a signature in the text', async () => {
    const said = await documentOf(file('said.txt', `نشر بتاريخ: 17 آذار 2019\n${BODY}`));
    expect(said).toMatchObject({ published: '2019-03-17', sources: { published: 'text' } });
    const dateline = await documentOf(
      file('dateline.txt', `إدلب - 18 آذار 2019\n${BODY}\n- وكالة الأنباء المحلية`),
    );
    expect(dateline).toMatchObject({
      published: '2019-03-18',
      outlet: 'وكالة الأنباء المحلية',
      sources: { published: 'text', outlet: 'text' },
    });
  });

  it('take the front matter before the sidecar, and the report before the options', async () => {
    const path = file('both.txt', `---\npublished: 2019-03-19\n---\n${BODY}`);
    file('both.meta.json', JSON.stringify({ published: '2019-03-01', outlet: 'موقع ب' }));
    const doc = readReport(await rawReport(path), {
      published: '2020-01-01',
      url: 'https://x.org',
    });
    expect(doc).toMatchObject({
      published: '2019-03-19',
      outlet: 'موقع ب',
      url: 'https://x.org',
      sources: { published: 'front-matter', outlet: 'sidecar', url: 'option' },
    });
  });

  it('refuse an impossible date in one line naming the report', async () => {
    const path = file('feb.txt', `---\npublished: 2019-02-30\n---\n${BODY}`);
    const report = await rawReport(path);
    expect(() => readReport(report)).toThrow(
      /feb\.txt front matter: published 2019-02-30 is not a day of the calendar/,
    );
  });

  it('refuse a manifest row with an impossible date, naming the row', async () => {
    await expect(
      readManifest(file('bad.csv', 'file,published\na.txt,2019-03-01\nb.txt,2019-02-30\n')),
    ).rejects.toThrow(/bad\.csv row 3: published 2019-02-30 is not a day of the calendar/);
  });
});
