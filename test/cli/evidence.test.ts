import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { captureConsole, onEmbeddedStore } from './console.js';

const { out, err, run, file, dir } = captureConsole();
onEmbeddedStore();

/** A report written for this test, with its facts in front matter. */
const REPORT = `---\npublished: 2024-03-14\noutlet: شبكة أ\nurl: https://example.org/saraqib\n---\nقتل مدنيان في قصف مدفعي لقوات النظام على بلدة سراقب جنوبي إدلب اليوم، بحسب الدفاع المدني السوري.\n`;

describe('wathiq evidence', () => {
  const data = join(dir, 'data');
  const path = file('saraqib.txt', REPORT);
  const sha = createHash('sha256').update(REPORT).digest('hex');

  it('shows the capture behind an event: hash, size, source, URL, capture time', async () => {
    expect(await run('ingest', '--data', data, path)).toBe(0);
    out.length = 0;
    await run('export', '--data', data, '--format', 'ndjson');
    const event = (JSON.parse(out[0] ?? '{}') as { id: string }).id;
    out.length = 0;
    expect(await run('evidence', event, '--data', data)).toBe(0);
    const said = out.join('');
    expect(said).toContain(`${sha}  ${String(Buffer.byteLength(REPORT))} bytes  captured `);
    expect(said).toContain(`source: ${path}`);
    expect(said).toContain('url: https://example.org/saraqib');
    expect(said).toMatch(/facts: .*published from front-matter/);
  });

  it('saves the original bytes with a manifest and checksums', async () => {
    const saved = join(dir, 'saved');
    expect(await run('evidence', sha, '--data', data, '--save', saved)).toBe(0);
    const manifest = JSON.parse(readFileSync(join(saved, 'manifest.json'), 'utf8')) as {
      captures: { file: string; sha256: string; source: string }[];
    };
    expect(manifest.captures).toHaveLength(1);
    const [entry] = manifest.captures;
    expect(entry?.sha256).toBe(sha);
    expect(readFileSync(join(saved, entry?.file ?? '')).toString('utf8')).toBe(REPORT);
    expect(readFileSync(join(saved, 'SHA256SUMS'), 'utf8')).toBe(`${sha}  ${entry?.file ?? ''}\n`);
  });

  it('says so, in one line, of an id the store does not hold', async () => {
    expect(await run('evidence', 'ev:nothing', '--data', data)).toBe(1);
    expect(err.join('')).toMatch(/no event, report or capture «ev:nothing» in the store/);
  });

  it('verify finds every capture intact, then catches a byte changed in one', async () => {
    expect(await run('evidence', 'verify', '--data', data)).toBe(0);
    expect(out.join('')).toMatch(/checked 1 capture\(s\) in .*: every one matches its SHA-256/);
    const db = await openStore({ dataDir: join(data, 'db') });
    try {
      await db.query('UPDATE captures SET raw = set_byte(raw, 10, 65) WHERE sha256 = $1', [sha]);
    } finally {
      await db.close();
    }
    out.length = 0;
    expect(await run('evidence', 'verify', '--data', data)).toBe(1);
    expect(err.join('')).toContain(`capture ${sha} (${path}): its stored bytes now hash to `);
    expect(out.join('')).toMatch(/1 no longer match/);
    expect(await run('evidence', sha, '--data', data, '--save', join(dir, 'again'))).toBe(1);
    expect(err.join('')).toMatch(/no longer matches its hash; run wathiq evidence verify/);
  });
});
