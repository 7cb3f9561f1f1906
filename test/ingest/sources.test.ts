import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectReports, InputError, readReport, sha256Hex } from '../../src/ingest/index.js';
import type { SourceEntry } from '../../src/ingest/index.js';

const REPORT =
  'قتل ثلاثة مدنيين في قصف مدفعي لقوات النظام على بلدة كفرنبل جنوبي إدلب أمس، بحسب المرصد السوري.';

function folder(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'wathiq-sources-'));
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, content);
  }
  return dir;
}

async function collect(...paths: string[]): Promise<SourceEntry[]> {
  return collectWith({}, ...paths);
}

async function collectWith(
  options: { maxBytes?: number },
  ...paths: string[]
): Promise<SourceEntry[]> {
  const entries: SourceEntry[] = [];
  for await (const e of collectReports(paths, options)) entries.push(e);
  return entries;
}

/** What each entry is: a report's source, or a failure's source and reason. */
function outline(entries: readonly SourceEntry[], dir: string): string[] {
  return entries.map((e) =>
    'report' in e
      ? e.report.source.replace(dir, '')
      : `failed ${e.failure.source.replace(dir, '')}: ${e.failure.error.problem}`,
  );
}

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>شبكة الأخبار</title>
<item><title>قصف على كفرنبل</title><link>https://example.org/1</link>
<pubDate>Tue, 12 Mar 2024 10:00:00 +0300</pubDate>
<content:encoded><![CDATA[<p>${REPORT}</p><p>وأصيب آخرون بجروح.</p>]]></content:encoded></item>
<item><title>خبر ثان</title><link>https://example.org/2</link><description>${REPORT}</description></item>
</channel></rss>`;

const ATOM = `<feed xmlns="http://www.w3.org/2005/Atom"><title>موقع</title>
<entry><title>عنوان</title><link href="https://example.org/a"/><published>2024-03-12T08:00:00Z</published>
<content type="html">&lt;p&gt;${REPORT}&lt;/p&gt;</content></entry></feed>`;

describe('what ingest takes in', () => {
  it('walks folders in order, skipping hidden files and files of other kinds', async () => {
    const dir = folder({
      'b.txt': REPORT,
      'a/page.html': `<html><body><article><p>${REPORT}</p></article></body></html>`,
      '.hidden.txt': REPORT,
      'photo.jpg': Buffer.from([0xff, 0xd8, 0xff]),
    });
    const sources = (await collect(dir)).map((e) =>
      'report' in e ? e.report.source : e.failure.source,
    );
    expect(sources).toEqual([join(dir, 'a/page.html'), join(dir, 'b.txt')]);
  });

  it('keeps each report’s bytes with their hash', async () => {
    const dir = folder({ 'r.txt': REPORT });
    const [entry] = await collect(join(dir, 'r.txt'));
    if (entry === undefined || !('report' in entry)) throw new Error('no report');
    expect(Buffer.from(entry.report.raw).toString('utf8')).toBe(REPORT);
    expect(entry.report.sha256).toBe(sha256Hex(Buffer.from(REPORT)));
  });

  it('reads an RSS feed as one report per item, with title, link, date and outlet', async () => {
    const entries = await collect(join(folder({ 'feed.xml': RSS }), 'feed.xml'));
    expect(entries).toHaveLength(2);
    const first = entries[0];
    if (first === undefined || !('report' in first)) throw new Error('no item');
    expect(first.report.source).toMatch(/feed\.xml#1$/);
    expect(Buffer.from(first.report.raw).toString()).toMatch(/^<item>.*<\/item>$/s);
    const doc = readReport(first.report);
    expect(doc).toMatchObject({
      title: 'قصف على كفرنبل',
      url: 'https://example.org/1',
      published: '2024-03-12',
      outlet: 'شبكة الأخبار',
    });
    expect(doc.text).toBe(`${REPORT}\n\nوأصيب آخرون بجروح.`);
  });

  it('reads a feed with a document type, and names an unclosed last item rather than drop it', async () => {
    const rss091 = RSS.replace(
      '<rss version="2.0"',
      '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"\n "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n<rss version="0.91"',
    );
    const dir = folder({
      'whole.xml': rss091,
      'cut.xml': rss091.slice(0, rss091.lastIndexOf('</description></item>')),
    });
    expect(outline(await collect(join(dir, 'whole.xml'), join(dir, 'cut.xml')), dir)).toEqual([
      '/whole.xml#1',
      '/whole.xml#2',
      '/cut.xml#1',
      'failed /cut.xml#2: not closed: the feed ends inside this item',
    ]);
  });

  it('reads an Atom feed', async () => {
    const [entry] = await collect(join(folder({ 'site.atom': ATOM }), 'site.atom'));
    if (entry === undefined || !('report' in entry)) throw new Error('no entry');
    expect(readReport(entry.report)).toMatchObject({
      url: 'https://example.org/a',
      published: '2024-03-12T08:00:00Z',
      text: REPORT,
    });
  });

  it('reads NDJSON line by line, naming a bad line and going on', async () => {
    const lines = [
      JSON.stringify({
        text: REPORT,
        url: 'https://example.org/x',
        published: '2024-03-12',
        outlet: 'سانا',
      }),
      '{"text": oops}',
      '',
      JSON.stringify({ url: 'https://example.org/y' }),
    ].join('\n');
    const entries = await collect(join(folder({ 'batch.ndjson': lines }), 'batch.ndjson'));
    const reports = entries.flatMap((e) => ('report' in e ? [e.report] : []));
    expect(reports.map((r) => r.source.replace(/.*batch/, 'batch'))).toEqual([
      'batch.ndjson:1',
      'batch.ndjson:2',
      'batch.ndjson:4',
    ]);
    expect(readReport(reports[0] as (typeof reports)[0])).toMatchObject({
      outlet: 'سانا',
      published: '2024-03-12',
    });
    expect(() => readReport(reports[1] as (typeof reports)[0])).toThrow(
      /batch\.ndjson:2: not JSON/,
    );
    expect(() => readReport(reports[2] as (typeof reports)[0])).toThrow(/batch\.ndjson:4: text: /);
  });

  it('reads an NDJSON line with facts of null and keys of its own as one without them, and names a fact that is no text', async () => {
    const lines = [
      JSON.stringify({ text: REPORT, published: '2024-03-12', outlet: null, extra: 1 }),
      JSON.stringify({ text: REPORT, published: 20240312 }),
      JSON.stringify({ text: '' }),
      JSON.stringify([REPORT]),
    ].join('\n');
    const entries = await collect(join(folder({ 'odd.ndjson': lines }), 'odd.ndjson'));
    const reports = entries.flatMap((e) => ('report' in e ? [e.report] : []));
    const read = (k: number) => () => readReport(reports[k] as (typeof reports)[0]);
    expect(read(0)()).toMatchObject({ published: '2024-03-12', outlet: null });
    expect(read(1)).toThrow(/odd\.ndjson:2: published: /);
    expect(read(2)).toThrow(/odd\.ndjson:3: text: /);
    expect(read(3)).toThrow(/odd\.ndjson:4: line: /);
  });

  it('names a path that is not there and goes on', async () => {
    const dir = folder({ 'r.txt': REPORT });
    const entries = await collect(join(dir, 'missing.txt'), join(dir, 'r.txt'));
    expect('failure' in (entries[0] ?? {})).toBe(true);
    const failure = entries[0] !== undefined && 'failure' in entries[0] ? entries[0].failure : null;
    expect(failure?.error).toBeInstanceOf(InputError);
    expect(failure?.error.message).toMatch(/missing\.txt: no such file or folder/);
    expect('report' in (entries[1] ?? {})).toBe(true);
  });

  it('walks each real folder once, however symbolic links loop back', async () => {
    const dir = folder({ 'a/one.txt': REPORT, 'a/two.txt': REPORT });
    symlinkSync('..', join(dir, 'a', 'up'));
    symlinkSync('../a', join(dir, 'a', 'again'));
    symlinkSync('a', join(dir, 'b'));
    symlinkSync('a/one.txt', join(dir, 'c.txt'));
    const entries = await collect(dir);
    expect(outline(entries, dir)).toEqual(['/a/one.txt', '/a/two.txt']);
  });

  it('names a broken or looping link and goes on', async () => {
    const dir = folder({ 'a.txt': REPORT });
    symlinkSync('nowhere.txt', join(dir, 'broken.txt'));
    symlinkSync('loop.txt', join(dir, 'loop.txt'));
    expect(outline(await collect(dir), dir)).toEqual([
      '/a.txt',
      'failed /broken.txt: no such file or folder',
      'failed /loop.txt: a symbolic link that leads back to itself',
    ]);
  });

  it('holds every report to --max-size, whatever holds it: an NDJSON line, a feed item', async () => {
    const big = `${REPORT} `.repeat(40);
    const line = (text: string): string => JSON.stringify({ text });
    const dir = folder({
      'batch.ndjson': `${line(REPORT)}\n${line(big)}\n${line(REPORT)}\n`,
      'feed.xml': RSS.replace(
        `<description>${REPORT}</description>`,
        `<description>${big}</description>`,
      ),
    });
    const entries = await collectWith({ maxBytes: 2048 }, dir);
    expect(outline(entries, dir)).toEqual([
      '/batch.ndjson:1',
      'failed /batch.ndjson:2: 0.0 MB is larger than the 0.0 MB limit for one report',
      '/batch.ndjson:3',
      '/feed.xml#1',
      'failed /feed.xml#2: 0.0 MB is larger than the 0.0 MB limit for one report',
    ]);
    const failed = entries.find((e) => 'failure' in e);
    expect(failed !== undefined && 'failure' in failed ? failed.failure.sha256 : null).toMatch(
      /^[0-9a-f]{64}$/,
    );
    // A report that reaches a worker through the queue is held to the limit too.
    const first = entries[0];
    if (first === undefined || !('report' in first)) throw new Error('no report');
    expect(() => readReport(first.report, { maxBytes: 64 })).toThrow(/limit for one report/);
  });

  it('keeps the first line of an NDJSON file that starts with a byte order mark', async () => {
    const dir = folder({
      'bom.ndjson': `\ufeff${JSON.stringify({ text: REPORT, published: '2024-03-12' })}\n${JSON.stringify({ text: REPORT, published: '2024-03-13' })}\n`,
    });
    const entries = await collect(dir);
    expect(outline(entries, dir)).toEqual(['/bom.ndjson:1', '/bom.ndjson:2']);
    const first = entries[0];
    if (first === undefined || !('report' in first)) throw new Error('no report');
    expect(readReport(first.report).published).toBe('2024-03-12');
  });
});
