import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const WATHIQ = join(ROOT, 'bin', 'wathiq.js');
const dir = mkdtempSync(join(tmpdir(), 'wathiq-loading-'));

/** The files of the bundled command (scripts/bundle-cli.ts), by their URL: the modules each holds, by theirs. */
const bundled = new Map(
  Object.entries(
    (
      JSON.parse(readFileSync(join(ROOT, 'dist', 'cli-bundle.meta.json'), 'utf8')) as {
        outputs: Record<string, { inputs: Record<string, unknown> }>;
      }
    ).outputs,
  ).map(([file, { inputs }]) => [
    pathToFileURL(join(ROOT, file)).href,
    Object.keys(inputs).map((module) => pathToFileURL(join(ROOT, module)).href),
  ]),
);

// A module loader hook (it runs on a thread of its own) notes every ES module
// the command loads; at exit, the CommonJS modules `require` loaded are added.
writeFileSync(
  join(dir, 'hooks.mjs'),
  `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  appendFileSync(process.env.WATHIQ_LOADED, url + '\\n');
  return next(url, context);
}
`,
);
writeFileSync(
  join(dir, 'record.mjs'),
  `import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';
register('./hooks.mjs', import.meta.url);
const cache = createRequire(import.meta.url).cache;
process.on('exit', () => {
  const urls = Object.keys(cache).map((path) => pathToFileURL(path).href);
  appendFileSync(process.env.WATHIQ_LOADED, urls.join('\\n') + '\\n');
});
`,
);

/**
 * The modules `wathiq ARGS…` loaded, as URLs (a file of the bundle as the modules
 * it holds: at least one was loaded), and its exit status.
 */
function loadedBy(
  name: string,
  args: readonly string[],
): { status: number | null; urls: string[]; stderr: string } {
  const list = join(dir, `${name}.loaded`);
  writeFileSync(list, '');
  const run = spawnSync(
    process.execPath,
    ['--import', join(dir, 'record.mjs'), WATHIQ, ...args, '--data', dir],
    { env: { ...process.env, WATHIQ_LOADED: list, DATABASE_URL: '' }, encoding: 'utf8' },
  );
  const loaded = readFileSync(list, 'utf8').split('\n').filter(Boolean);
  expect(loaded.filter((url) => bundled.has(url)).length).toBeGreaterThan(0);
  // None of the modules as tsc compiled them beside the bundle: a module's state would be two.
  const compiled = pathToFileURL(join(ROOT, 'dist', 'src')).href;
  expect(loaded.filter((url) => url.startsWith(compiled) && !bundled.has(url))).toEqual([]);
  return {
    status: run.status,
    urls: loaded.flatMap((url) => bundled.get(url) ?? [url]),
    stderr: run.stderr,
  };
}

const REPORT =
  'قتل مدنيان اثنان وأصيب ثلاثة آخرون بقصف صاروخي استهدف سوق بلدة سراقب شرقي إدلب مساء أمس.';

/** Modules a report read from a plain text file has no use for. */
const UNUSED = [
  '/src/store/',
  '/src/service/',
  '/src/server/',
  '/src/link/',
  '/node_modules/pg/',
  '/node_modules/@electric-sql/pglite/',
  '/node_modules/pg-boss/',
  '/node_modules/linkedom/',
  '/node_modules/@mozilla/readability/',
  '/node_modules/yaml/',
  '/node_modules/saxes/',
  '/node_modules/csv-parse/',
  '/node_modules/iconv-lite/',
  // Extraction validates nothing once its knowledge is built (src/contracts/values.ts).
  '/node_modules/zod/',
];

describe('what a command loads', () => {
  it('extract of a plain text report loads extraction, not the store, the database drivers or the page readers', () => {
    const text = join(dir, 'report.txt');
    writeFileSync(text, `${REPORT}\n`);
    const { status, urls } = loadedBy('text', ['extract', '--ndjson', text]);
    expect(status).toBe(0);
    expect(urls.some((u) => u.includes('/src/extract/'))).toBe(true);
    expect(urls.filter((u) => UNUSED.some((part) => u.includes(part)))).toEqual([]);
  });

  it('export, review and search read the store without loading the extractor', () => {
    const text = join(dir, 'stored.txt');
    writeFileSync(text, `${REPORT}\n`);
    const ingest = loadedBy('ingest', [
      'ingest',
      '--no-progress',
      '--published',
      '2024-03-14',
      text,
    ]);
    expect(ingest.status).toBe(0);
    // Ingest reads reports, so it loads extraction: the check below is not empty by construction.
    expect(ingest.urls.some((u) => u.includes('/src/extract/'))).toBe(true);
    for (const [name, args] of [
      ['export', ['export', '--format', 'csv', '--out', join(dir, 'events.csv')]],
      ['review', ['review', '--lang', 'en']],
      ['search', ['search', 'سراقب']],
    ] as const) {
      const { status, urls } = loadedBy(name, args);
      expect(status, name).toBe(0);
      expect(urls.some((u) => u.includes('/src/store/'))).toBe(true);
      expect(
        urls.filter((u) => u.includes('/src/extract/')),
        name,
      ).toEqual([]);
    }
  });

  it('extract of well-formed NDJSON reads its lines without loading zod', () => {
    const lines = join(dir, 'plain.ndjson');
    writeFileSync(
      lines,
      `${JSON.stringify({ text: REPORT, outlet: 'وكالة ما', url: null })}\n${JSON.stringify({ text: REPORT, title: 'خبر' })}\n`,
    );
    const { status, urls } = loadedBy('plain-ndjson', ['extract', '--ndjson', lines]);
    expect(status).toBe(0);
    expect(urls.some((u) => u.includes('/src/extract/'))).toBe(true);
    expect(urls.filter((u) => UNUSED.some((part) => u.includes(part)))).toEqual([]);
  });

  it('extract of NDJSON loads zod for a line that is no report, to say what is wrong with it', () => {
    const lines = join(dir, 'reports.ndjson');
    writeFileSync(lines, `${JSON.stringify({ text: REPORT })}\n${JSON.stringify({ text: 7 })}\n`);
    const { status, urls, stderr } = loadedBy('ndjson', ['extract', '--ndjson', lines]);
    // The second line is no report: it is named, and the first one is extracted (status 1).
    expect(status).toBe(1);
    expect(stderr).toMatch(/reports\.ndjson:2: text: .*expected string/);
    expect(urls.some((u) => u.includes('/node_modules/zod/'))).toBe(true);
  });

  it('extract of a saved page loads the page readers when it needs them', () => {
    const page = join(dir, 'page.html');
    writeFileSync(
      page,
      `<!doctype html><html lang="ar"><head><meta charset="utf-8"><title>خبر</title></head><body><article><p>${REPORT}</p></article></body></html>`,
    );
    const { status, urls } = loadedBy('page', ['extract', '--ndjson', page]);
    expect(status).toBe(0);
    expect(urls.some((u) => u.includes('/node_modules/linkedom/'))).toBe(true);
    expect(urls.some((u) => u.includes('/src/store/'))).toBe(false);
  });
});
