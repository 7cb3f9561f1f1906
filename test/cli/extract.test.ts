import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import {
  OUTPUT_SCHEMA_ID,
  OUTPUT_SCHEMA_VERSION,
  documentOutputJsonSchema,
  zDocumentOutput,
} from '../../src/contracts/index.js';
import { captureConsole } from './console.js';
import { schemaErrors } from './json-schema.js';

const SHIPPED_SCHEMA = join(import.meta.dirname, '..', '..', 'schema', 'document-result.v1.json');

const { out, err, run, file } = captureConsole();
const REPORT =
  'قتل ثلاثة مدنيين في قصف مدفعي لقوات النظام على بلدة كفرنبل جنوبي إدلب أمس الثلاثاء، بحسب المرصد السوري لحقوق الإنسان.';

const OTHER =
  'أصيب خمسة عناصر من قوات سوريا الديمقراطية بانفجار عبوة ناسفة قرب مدينة الطبقة غربي الرقة صباح اليوم.';

describe('wathiq extract', () => {
  it('prints a readable summary per incident', async () => {
    const status = await run('extract', '--published', '2024-03-13', file('a.txt', REPORT));
    expect(status).toBe(0);
    const text = out.join('');
    expect(text).toMatch(/Shelling\/artillery\/missile attack — 2024-03-12/);
    expect(text).toMatch(/Syrian Observatory for Human Rights: killed 3 civilians/);
  });

  it('prints the document result as JSON that the contract accepts', async () => {
    await run('extract', '--json', '--published', '2024-03-13', file('b.txt', REPORT));
    const [parsed] = z.array(zDocumentOutput).parse(JSON.parse(out.join('')));
    if (parsed === undefined) throw new Error('no result printed');
    expect(parsed.schema_version).toBe(OUTPUT_SCHEMA_VERSION);
    expect(parsed.incidents[0]?.claims[0]?.claimant).toBe('SOHR');
    const span = parsed.incidents[0]?.location?.span ?? [0, 0];
    expect(parsed.document.text.slice(span[0], span[1])).toContain('كفرنبل');
  });

  it('prints an array for one file as for two, each result valid under the shipped JSON Schema', async () => {
    const shipped: unknown = JSON.parse(readFileSync(SHIPPED_SCHEMA, 'utf8'));
    expect(shipped).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: OUTPUT_SCHEMA_ID,
      properties: { schema_version: { const: OUTPUT_SCHEMA_VERSION } },
    });
    // The file in the package is what the zod contract generates (`wathiq schema` prints it).
    expect(shipped).toEqual(documentOutputJsonSchema());
    for (const files of [
      [file('one.txt', REPORT)],
      [file('two-a.txt', REPORT), file('two-b.txt', OTHER)],
    ]) {
      out.length = 0;
      expect(await run('extract', '--json', '--published', '2024-03-13', ...files)).toBe(0);
      const printed: unknown = JSON.parse(out.join(''));
      expect(Array.isArray(printed)).toBe(true);
      const results = z.array(zDocumentOutput).parse(printed);
      expect(results).toHaveLength(files.length);
      for (const result of printed as unknown[]) expect(schemaErrors(shipped, result)).toEqual([]);
    }
  });

  it('finds what breaks the shipped schema (the check is not vacuous)', () => {
    const shipped: unknown = JSON.parse(readFileSync(SHIPPED_SCHEMA, 'utf8'));
    const broken = {
      schema_version: 2,
      document: { id: 1 },
      incidents: [{}],
      tallies: [],
      warnings: [],
    };
    const errors = schemaErrors(shipped, broken).join('\n');
    expect(errors).toMatch(/\$\.schema_version: expected 1/);
    expect(errors).toMatch(/\$\.document\.id: expected string/);
    expect(errors).toMatch(/\$\.incidents\[0\]: lacks required event_type/);
  });

  it('lets a result carry fields its version does not name, as the contract allows a version to add them', async () => {
    const shipped: unknown = JSON.parse(readFileSync(SHIPPED_SCHEMA, 'utf8'));
    expect(
      await run('extract', '--json', '--published', '2024-03-13', file('later.txt', REPORT)),
    ).toBe(0);
    const [result] = JSON.parse(out.join('')) as Record<string, unknown>[];
    const incidents = (result?.incidents ?? []) as Record<string, unknown>[];
    expect(incidents.length).toBeGreaterThan(0);
    const later = {
      ...result,
      a_later_field: true,
      incidents: incidents.map((incident) => ({ ...incident, another_later_field: 'x' })),
    };
    expect(schemaErrors(shipped, later)).toEqual([]);
  });

  it('prints its JSON Schema with wathiq schema', async () => {
    expect(await run('schema')).toBe(0);
    expect(JSON.parse(out.join(''))).toEqual(documentOutputJsonSchema());
  });

  it('prints one JSON line per document with --ndjson', async () => {
    await run(
      'extract',
      '--ndjson',
      '--published',
      '2024-03-13',
      file('c.txt', REPORT),
      file('d.txt', REPORT),
    );
    const lines = out.join('').trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines)
      expect(zDocumentOutput.parse(JSON.parse(line)).schema_version).toBe(1);
  });

  it('goes on past bad files, names each with its problem, and fails the batch', async () => {
    const status = await run(
      'extract',
      '--ndjson',
      file('empty.txt', ''),
      file('binary.bin', Buffer.from([0, 1, 2, 3, 0, 5])),
      file('good.txt', REPORT),
      file('english.txt', 'A report in English about shelling in a town of Idlib province today.'),
    );
    expect(status).toBe(1);
    expect(out.join('').trim().split('\n')).toHaveLength(1);
    expect(err.join('')).toMatch(/empty\.txt: empty file/);
    expect(err.join('')).toMatch(/binary\.bin: binary file/);
    expect(err.join('')).toMatch(/english\.txt: not an Arabic report/);
    expect(err.join('').trim().split('\n')).toHaveLength(3);
  });

  it('reads a feed item by item, as ingest does: a result per item, a line for a bad one', async () => {
    const feed = file(
      'feed.xml',
      `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>شبكة التجربة</title>
<item><title>قصف على كفرنبل</title><link>https://example.org/1</link><pubDate>Wed, 13 Mar 2024 09:00:00 GMT</pubDate><description>${REPORT}</description></item>
<item><title>English only</title><description>A report in English about shelling in a town of Idlib province.</description></item>
<item><title>انفجار في الطبقة</title><link>https://example.org/3</link><pubDate>Wed, 13 Mar 2024 11:00:00 GMT</pubDate><description>${OTHER}</description></item>
</channel></rss>`,
    );
    expect(await run('extract', '--ndjson', feed)).toBe(1);
    const results = out
      .join('')
      .trim()
      .split('\n')
      .map((line) => zDocumentOutput.parse(JSON.parse(line)));
    expect(results.map((r) => [r.document.url, r.document.outlet])).toEqual([
      ['https://example.org/1', 'شبكة التجربة'],
      ['https://example.org/3', 'شبكة التجربة'],
    ]);
    expect(results[0]?.incidents[0]?.claims[0]?.claimant).toBe('SOHR');
    expect(err.join('').trim().split('\n')).toEqual([
      expect.stringMatching(/feed\.xml#2: not an Arabic report/),
    ]);
  });

  it('reads an NDJSON file line by line: a result per line, a line for a bad one', async () => {
    const lines = file(
      'reports.ndjson',
      [
        JSON.stringify({ text: REPORT, published: '2024-03-13', outlet: 'موقع المثال' }),
        '{"text": "not closed',
        JSON.stringify({ text: OTHER, published: '2024-03-14' }),
        '',
      ].join('\n'),
    );
    expect(await run('extract', lines)).toBe(1);
    const text = out.join('');
    expect(text).toContain(`${lines}:1 — published 2024-03-13`);
    expect(text).toContain(`${lines}:3 — published 2024-03-14`);
    expect(text).toMatch(/Syrian Observatory for Human Rights: killed 3 civilians/);
    expect(err.join('').trim().split('\n')).toEqual([
      expect.stringMatching(/reports\.ndjson:2: not JSON/),
    ]);
  });

  it('refuses a malformed --published date', async () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation(() => undefined as never);
    await run('extract', '--published', '13/03/2024', file('e.txt', REPORT)).catch(() => undefined);
    expect(err.join('')).toMatch(/YYYY-MM-DD/);
    exit.mockRestore();
  });

  it('ends quietly when the reader stops early (| head -1)', async () => {
    const files = Array.from({ length: 300 }, (_, k) => file(`many-${String(k)}.txt`, REPORT));
    const wathiq = join(import.meta.dirname, '..', '..', 'bin', 'wathiq.js');
    const child = spawn(process.execPath, [wathiq, 'extract', '--ndjson', ...files], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let first = '';
    // What `head -1` does: read up to the first line, then close the pipe.
    child.stdout.on('data', (chunk: Buffer) => {
      first += chunk.toString();
      if (first.includes('\n')) child.stdout.destroy();
    });
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(first).toMatch(/^\{"schema_version":1,"document"/);
    expect(stderr).toBe('');
    expect(status).toBe(0);
  });
});
