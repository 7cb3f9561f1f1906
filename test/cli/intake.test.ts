import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { captureConsole, onEmbeddedStore } from './console.js';

const { out, err, run, file, dir } = captureConsole();
onEmbeddedStore();

/** Reports written for this test, none of which carries its date in its own words. */
const TEXTS = {
  saraqib:
    'قتل مدنيان في قصف مدفعي لقوات النظام على بلدة سراقب جنوبي إدلب اليوم، بحسب الدفاع المدني السوري.',
  shuhail:
    'قتل أربعة عناصر من قوات سوريا الديمقراطية في تفجير انتحاري بسيارة مفخخة استهدف حاجزا في بلدة الشحيل بريف دير الزور الشرقي أمس الأربعاء، بحسب المرصد السوري لحقوق الإنسان.',
  ariha:
    'قتل ثلاثة مدنيين في غارة جوية روسية على مدينة أريحا بريف إدلب الجنوبي اليوم، بحسب الدفاع المدني السوري.',
  daraa:
    'قتل عنصران من قوات النظام في هجوم مسلح على حاجز في بلدة طفس بريف درعا الغربي اليوم، بحسب المرصد السوري لحقوق الإنسان.',
} as const;

describe('a folder of plain-text reports with their facts beside them', () => {
  const reports = join(dir, 'reports');
  mkdirSync(reports);
  file(
    'reports/saraqib.txt',
    `---\npublished: 2024-03-14\noutlet: شبكة أ\nurl: https://example.org/saraqib\n---\n${TEXTS.saraqib}\n`,
  );
  file('reports/shuhail.txt', TEXTS.shuhail);
  file(
    'reports/shuhail.meta.json',
    JSON.stringify({ published: '2024-03-14', outlet: 'موقع ب', url: 'https://example.org/s' }),
  );
  file('reports/ariha.txt', TEXTS.ariha);
  file('reports/daraa.txt', TEXTS.daraa);
  const manifest = file(
    'manifest.csv',
    'file,url,outlet,published\nreports/ariha.txt,https://example.org/ariha,قناة ج,2024-03-15\nreports/daraa.txt,https://example.org/daraa,قناة ج,2024-03-16\n',
  );
  const data = join(dir, 'data');

  it('are ingested with every fact, and say which source gave it', async () => {
    expect(await run('ingest', '--data', data, '--manifest', manifest, reports)).toBe(0);
    expect(out.join('')).toMatch(/4 reports in .* 4 added/);
    expect(err.join('')).not.toMatch(/no publication date/);
    const db = await openStore({ dataDir: join(data, 'db') });
    try {
      const rows = await db.query<{ url: string; published: string; sources: unknown }>(
        'SELECT url, published, sources FROM documents ORDER BY url',
      );
      expect(rows).toEqual([
        {
          url: 'https://example.org/ariha',
          published: '2024-03-15',
          sources: { url: 'manifest', outlet: 'manifest', published: 'manifest' },
        },
        {
          url: 'https://example.org/daraa',
          published: '2024-03-16',
          sources: { url: 'manifest', outlet: 'manifest', published: 'manifest' },
        },
        {
          url: 'https://example.org/s',
          published: '2024-03-14',
          sources: { url: 'sidecar', outlet: 'sidecar', published: 'sidecar' },
        },
        {
          url: 'https://example.org/saraqib',
          published: '2024-03-14',
          sources: { url: 'front-matter', outlet: 'front-matter', published: 'front-matter' },
        },
      ]);
    } finally {
      await db.close();
    }
  });

  it('export with every event dated', async () => {
    expect(await run('export', '--data', data, '--format', 'acled')).toBe(0);
    const rows = parse<Record<string, string>>(out.join(''), { columns: true });
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const row of rows) {
      expect(row.event_date).toMatch(/^2024-03-1[3-6]$/);
      expect(row.time_precision).toBe('1');
    }
  });

  it('lists, at the end, a report whose date nothing gives, and says how to give it', async () => {
    const undated = file('undated.txt', TEXTS.saraqib.replace('مدنيان', 'ثلاثة مدنيين'));
    expect(await run('ingest', '--data', data, undated)).toBe(0);
    const said = err.join('');
    expect(said).toMatch(/1 report\(s\) have no publication date/);
    expect(said).toContain(undated);
    expect(said).toMatch(/front matter.*\n +---\n +published: YYYY-MM-DD\n +---\n/);
    expect(said).toMatch(/sidecar NAME\.meta\.json/);
    expect(said).toMatch(/--manifest FILE\s.* --published YYYY-MM-DD/s);
    // Every line break is one: no escaped «\n» printed as two characters.
    expect(said).not.toContain('\\n');
    out.length = 0;
    await run('export', '--data', data, '--format', 'acled');
    const rows = parse<Record<string, string>>(out.join(''), { columns: true });
    const blank = rows.filter((r) => r.event_date === '');
    expect(blank.length).toBeGreaterThan(0);
    for (const row of blank) expect(row.time_precision).toBe('3');
  });

  it('refuses a manifest it cannot use, in one line, as a usage error', async () => {
    const bad = file('bad.csv', 'name,published\nx.txt,2024-03-01\n');
    expect(await run('ingest', '--data', data, '--manifest', bad, reports)).toBe(2);
    expect(err.join('')).toMatch(/bad\.csv: no `file` column/);
  });
});
