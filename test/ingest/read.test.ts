import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { InputError, documentFromBytes, readDocument } from '../../src/ingest/index.js';

const REPORT =
  'قتل ثلاثة مدنيين وأصيب خمسة آخرون في قصف مدفعي على بلدة كفرنبل بريف إدلب الجنوبي اليوم.';
const dir = mkdtempSync(join(tmpdir(), 'wathiq-ingest-'));
const file = (name: string, content: string | Uint8Array): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe('documentFromBytes', () => {
  it('reads a UTF-8 text report', () => {
    const doc = documentFromBytes('r.txt', Buffer.from(REPORT), { published: '2024-03-14' });
    expect(doc).toMatchObject({ text: REPORT, published: '2024-03-14', title: null });
  });

  it('decodes a page saved in windows-1256', () => {
    const html = `<html><head><meta charset="windows-1256"><title>قصف على كفرنبل</title></head><body><article><p>${REPORT}</p></article></body></html>`;
    const doc = documentFromBytes('page.html', iconv.encode(html, 'windows-1256'));
    expect(doc.text).toContain('قصف مدفعي على بلدة كفرنبل');
  });

  it('decodes undeclared windows-1256 bytes that are not UTF-8', () => {
    const doc = documentFromBytes('legacy.txt', iconv.encode(REPORT, 'windows-1256'));
    expect(doc.text).toBe(REPORT);
  });

  it('reads UTF-8 with a few stray bytes as UTF-8, replacing them, and warns', () => {
    const stray = Buffer.concat([
      Buffer.from(REPORT.slice(0, 10)),
      Buffer.from([0xff]),
      Buffer.from(REPORT.slice(10, 30)),
      Buffer.from([0xfe, 0x80]),
      Buffer.from(REPORT.slice(30)),
      Buffer.from([0xc0]),
    ]);
    const warnings: string[] = [];
    const doc = documentFromBytes('stray.txt', stray, { onWarning: (w) => warnings.push(w) });
    expect(doc.text).toContain('قصف مدفعي على بلدة كفرنبل');
    expect(doc.text.match(/\ufffd/g)?.length).toBe(4);
    expect(warnings).toEqual([expect.stringMatching(/^4 byte sequence\(s\) that are not UTF-8/)]);
  });

  it('reads UTF-16 with a byte order mark, either way round', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(REPORT, 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(REPORT, 'utf16be')]);
    expect(documentFromBytes('le.txt', le).text).toBe(REPORT);
    expect(documentFromBytes('be.txt', be).text).toBe(REPORT);
  });

  it('takes the main text, title, outlet, date and URL of a saved page', () => {
    const html = `<!doctype html><html><head><title>قصف على كفرنبل | موقع</title>
      <meta property="og:site_name" content="موقع الخبر"><meta property="og:url" content="https://example.org/a/1">
      <meta property="article:published_time" content="2024-03-14T09:00:00+03:00"></head>
      <body><nav>الرئيسية أخبار اتصل بنا</nav><article><h1>قصف على كفرنبل</h1><p>${REPORT}</p><p>وقال الدفاع المدني إن فرقه أسعفت الجرحى إلى مشفى قريب.</p></article><footer>جميع الحقوق محفوظة</footer></body></html>`;
    const doc = documentFromBytes('page.html', Buffer.from(html));
    expect(doc).toMatchObject({
      outlet: 'موقع الخبر',
      url: 'https://example.org/a/1',
      published: '2024-03-14T09:00:00+03:00',
    });
    expect(doc.text).toContain(REPORT);
    expect(doc.text.split('\n').filter((l) => l.trim() !== '').length).toBeGreaterThan(1);
  });

  it.each([
    ['empty.txt', Buffer.alloc(0), /empty file/],
    ['blank.txt', Buffer.from('   \n\n  '), /no text/],
    [
      'image.png',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      /binary/,
    ],
    [
      'english.txt',
      Buffer.from(
        'Three civilians were killed in shelling on a town in Idlib today, local sources said.',
      ),
      /not an Arabic report/,
    ],
    [
      'short.txt',
      Buffer.from('سقط جريح في حمص'),
      /too short to read as a report \(12 Arabic letters; at least 20\)/,
    ],
    [
      'broken.html',
      Buffer.from('<html><body><div><script>var x = 1;</script></div'),
      /no readable text|not an Arabic/,
    ],
  ])('rejects %s with a clear message', (name, bytes, problem) => {
    expect(() => documentFromBytes(name, bytes)).toThrow(InputError);
    expect(() => documentFromBytes(name, bytes)).toThrow(problem);
    expect(() => documentFromBytes(name, bytes)).toThrow(
      new RegExp(`^${name.replace('.', '\\.')}: `),
    );
  });

  it('takes what the page’s JSON-LD says when its meta tags are silent', () => {
    const ld = {
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebSite', name: 'x' },
        {
          '@type': 'NewsArticle',
          headline: 'قصف على كفرنبل',
          datePublished: '2024-03-14T09:30:00+03:00',
          publisher: { '@type': 'Organization', name: 'شبكة الأخبار' },
          mainEntityOfPage: { '@id': 'https://example.org/news/1' },
        },
      ],
    };
    const html = `<html><head><script type="application/ld+json">{ broken</script><script type="application/ld+json">${JSON.stringify(ld)}</script></head><body><article><p>${REPORT}</p><p>${REPORT}</p></article></body></html>`;
    expect(documentFromBytes('page.html', Buffer.from(html))).toMatchObject({
      title: 'قصف على كفرنبل',
      outlet: 'شبكة الأخبار',
      published: '2024-03-14T09:30:00+03:00',
      url: 'https://example.org/news/1',
    });
  });

  it('rejects a report above the size limit, naming the sizes', () => {
    expect(() =>
      documentFromBytes('big.txt', Buffer.alloc(2048, 0x61), { maxBytes: 1024 }),
    ).toThrow(/big\.txt: 0\.0 MB is larger than/);
  });
});

describe('readDocument', () => {
  it('reads a file from disk', async () => {
    await expect(readDocument(file('ok.txt', REPORT))).resolves.toMatchObject({ text: REPORT });
  });

  it('names a missing file', async () => {
    await expect(readDocument(join(dir, 'missing.txt'))).rejects.toThrow(
      /missing\.txt: no such file/,
    );
  });

  it('refuses a folder', async () => {
    await expect(readDocument(dir)).rejects.toThrow(/is a folder/);
  });

  it('refuses a 50 MB file without reading it whole', async () => {
    const big = file('huge.txt', Buffer.alloc(50 * 1024 * 1024, 0x20));
    await expect(readDocument(big)).rejects.toThrow(
      /huge\.txt: 50\.0 MB is larger than the 5\.0 MB limit/,
    );
  });
});
