import { dom } from './dom.js';
import { htmlText } from './html.js';

/** One item of an RSS or Atom feed, with the bytes it was written in. */
export interface FeedItem {
  /** The item's XML exactly as the feed has it: the evidence kept for it. */
  readonly xml: string;
  readonly index: number;
}

/** What an item says about the report it carries. */
export interface FeedEntry {
  readonly title: string | null;
  readonly url: string | null;
  readonly published: string | null;
  /** The report's text: the item's full content, else its summary, as plain text. */
  readonly text: string;
}

/** Whether text is an RSS or Atom feed (its root element, after any XML declaration). */
export function isFeed(text: string): boolean {
  return /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:rss|feed|rdf:RDF)\b/i.test(
    text.slice(0, 2048),
  );
}

/** The parts of a parsed feed this module reads. */
interface XmlDocument {
  querySelector(selector: string): { readonly textContent: string } | null;
  readonly documentElement: ItemElement;
}

function parseXml(text: string): XmlDocument {
  return new (dom().DOMParser)().parseFromString(text, 'text/xml');
}

/** The feed's own title: the outlet, for items that name none. */
export function feedTitle(text: string): string | null {
  const title = parseXml(text).querySelector('channel > title, feed > title')?.textContent.trim();
  return title === undefined || title === '' ? null : title;
}

/**
 * The items of a feed as written: each `<item>` or `<entry>` element's own
 * text, cut from the feed unchanged so that it can be kept as evidence.
 */
export function feedItems(text: string): FeedItem[] {
  const items: FeedItem[] = [];
  const open = /<(item|entry)\b[^>]*>/gi;
  for (let m = open.exec(text); m !== null; m = open.exec(text)) {
    const tag = m[1] ?? 'item';
    const close = text.indexOf(`</${tag}>`, m.index);
    if (close < 0) break;
    const end = close + tag.length + 3;
    items.push({ xml: text.slice(m.index, end), index: items.length + 1 });
    open.lastIndex = end;
  }
  return items;
}

/** The part of a parsed item this module reads: its child elements. */
interface ItemElement {
  readonly children: ArrayLike<{
    readonly tagName: string;
    readonly textContent: string;
    getAttribute(name: string): string | null;
  }>;
}

function childText(item: ItemElement, ...names: string[]): string | null {
  for (const name of names) {
    const child = Array.from(item.children).find((c) => c.tagName.toLowerCase() === name);
    const value = child?.textContent.trim();
    if (value !== undefined && value !== '') return value;
  }
  return null;
}

/** Reads one item's title, link, date and text (HTML content made plain). */
export function readFeedItem(xml: string): FeedEntry {
  const item = parseXml(xml).documentElement;
  const link =
    childText(item, 'link') ??
    Array.from(item.children)
      .find((c) => c.tagName.toLowerCase() === 'link')
      ?.getAttribute('href') ??
    null;
  const content = childText(item, 'content:encoded', 'content', 'description', 'summary') ?? '';
  return {
    title: childText(item, 'title'),
    url: link,
    published: isoDate(childText(item, 'pubdate', 'published', 'updated', 'dc:date')),
    text: /<[a-z][^>]*>/i.test(content) ? htmlText(content) : content,
  };
}

/** RSS dates are RFC 822 («Tue, 12 Mar 2024 10:00:00 +0300»); Atom's are ISO already. */
function isoDate(value: string | null): string | null {
  if (value === null) return null;
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) return value;
  const m = /(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{4})/.exec(value);
  const month = m === null ? -1 : MONTHS.indexOf((m[2] ?? '').toLowerCase());
  if (m === null || month < 0) return null;
  return `${m[3] ?? ''}-${String(month + 1).padStart(2, '0')}-${(m[1] ?? '').padStart(2, '0')}`;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
