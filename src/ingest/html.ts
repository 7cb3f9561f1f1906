import { dom } from './dom.js';

/** What a saved page gives: its main text and what the page says about itself. */
export interface PageContent {
  readonly text: string;
  readonly title: string | null;
  readonly outlet: string | null;
  readonly published: string | null;
  readonly url: string | null;
}

const BLOCKS = new Set([
  'P',
  'DIV',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'LI',
  'BR',
  'BLOCKQUOTE',
  'TR',
  'SECTION',
  'ARTICLE',
  'HEADER',
  'FOOTER',
  'FIGCAPTION',
  'PRE',
  'TABLE',
  'UL',
  'OL',
]);

/** Text of a DOM tree with block elements on their own lines (textContent runs paragraphs together). */
function blockText(node: Node, out: string[]): void {
  if (node.nodeType === 3) {
    out.push(node.textContent ?? '');
    return;
  }
  if (node.nodeName === 'SCRIPT' || node.nodeName === 'STYLE' || node.nodeName === 'NOSCRIPT')
    return;
  const block = BLOCKS.has(node.nodeName);
  if (block) out.push('\n');
  for (let i = 0; i < node.childNodes.length; i++) {
    const child = node.childNodes[i];
    if (child !== undefined) blockText(child, out);
  }
  if (block) out.push('\n');
}

function tidy(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The plain text of an HTML fragment («<p>…</p><p>…</p>»), one paragraph a line. */
export function htmlText(html: string): string {
  const parts: string[] = [];
  blockText(dom().parseHTML(`<html><body>${html}</body></html>`).document.body, parts);
  return tidy(parts.join(''));
}

function meta(document: ParentNode, ...selectors: string[]): string | null {
  for (const selector of selectors) {
    const value = document.querySelector(selector)?.getAttribute('content')?.trim();
    if (value !== undefined && value !== '') return value;
  }
  return null;
}

/** What a page's JSON-LD says of its article: schema.org's NewsArticle and kin. */
interface LinkedData {
  readonly headline: string | null;
  readonly published: string | null;
  readonly publisher: string | null;
  readonly url: string | null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** The article objects of JSON-LD blocks, through arrays and `@graph`. */
function articles(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.flatMap(articles);
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  const own = 'headline' in record || 'datePublished' in record ? [record] : [];
  return [...own, ...articles(record['@graph'])];
}

/** The article's headline, date, publisher and address from the page's JSON-LD, if any. */
function linkedData(scripts: readonly { textContent: string | null }[]): LinkedData {
  for (const s of scripts) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(s.textContent ?? '');
    } catch {
      continue; // a broken block says nothing
    }
    const article = articles(parsed)[0];
    if (article === undefined) continue;
    const publisher = article.publisher as Record<string, unknown> | undefined;
    const page = article.mainEntityOfPage as Record<string, unknown> | string | undefined;
    return {
      headline: text(article.headline),
      published: text(article.datePublished),
      publisher: text(publisher?.name),
      url: text(article.url) ?? text(typeof page === 'string' ? page : page?.['@id']),
    };
  }
  return { headline: null, published: null, publisher: null, url: null };
}

/**
 * The main text of a saved news page (Readability over linkedom), with its
 * title, outlet, publication date and URL from meta tags and JSON-LD. Falls back
 * to the whole body when Readability finds no article. Returns null when the
 * page holds no text at all.
 */
export function readPage(html: string): PageContent | null {
  const { parseHTML, Readability } = dom();
  const { document } = parseHTML(html);
  const ld = linkedData(
    Array.from(document.querySelectorAll('script[type="application/ld+json"]')),
  );
  const published =
    meta(
      document,
      'meta[property="article:published_time"]',
      'meta[name="pubdate"]',
      'meta[name="date"]',
      'meta[itemprop="datePublished"]',
    ) ?? ld.published;
  const outlet =
    meta(document, 'meta[property="og:site_name"]', 'meta[name="application-name"]') ??
    ld.publisher;
  const url =
    meta(document, 'meta[property="og:url"]') ??
    document.querySelector('link[rel="canonical"]')?.getAttribute('href') ??
    ld.url;
  const metaTitle = meta(document, 'meta[property="og:title"]') ?? ld.headline;
  const article = new Readability(document.cloneNode(true) as Document).parse();
  let text: string;
  if (article?.content != null) {
    text = htmlText(article.content);
  } else {
    const parts: string[] = [];
    blockText(document.body, parts);
    text = tidy(parts.join(''));
  }
  if (text === '') return null;
  const title =
    metaTitle ?? article?.title ?? document.querySelector('title')?.textContent.trim() ?? null;
  return {
    text,
    title: title === '' ? null : title,
    outlet,
    published: published ?? article?.publishedTime ?? null,
    url,
  };
}
