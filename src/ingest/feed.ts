import { dom } from './dom.js';
import { htmlText } from './html.js';
import { saxes } from './lazy.js';

/** One item of an RSS or Atom feed, with the bytes it was written in. */
export interface FeedItem {
  /** The item's XML exactly as the feed has it: the evidence kept for it. */
  readonly xml: string;
  readonly index: number;
}

/** An item that is not well-formed XML, or not closed: it is not read, and says why. */
export interface BrokenItem {
  readonly index: number;
  readonly problem: string;
}

/** What a feed holds, as a strict XML parser reads it. */
export interface ParsedFeed {
  /** The feed's own title: the outlet, for items that name none. */
  readonly title: string | null;
  /** Its items in order, whole or broken; numbered from 1 as they come. */
  readonly items: readonly (FeedItem | BrokenItem)[];
  /** What is wrong with the feed outside its items (read as far as they are whole). */
  readonly problem: string | null;
}

/** What an item says about the report it carries. */
export interface FeedEntry {
  readonly title: string | null;
  readonly url: string | null;
  readonly published: string | null;
  /** The report's text: the item's full content, else its summary, as plain text. */
  readonly text: string;
}

/**
 * Whether text is an RSS or Atom feed: its root element, after any XML
 * declaration, comments and document type (RSS 0.91 has one).
 */
export function isFeed(text: string): boolean {
  return /^\s*(?:<\?xml[^>]*\?>\s*)?(?:(?:<!--[\s\S]*?-->|<!DOCTYPE\s[^[>]*(?:\[[^\]]*\][^>]*)?>)\s*)*<(?:rss|feed|rdf:RDF)\b/i.test(
    text.slice(0, 65_536),
  );
}

const ITEMS = new Set(['item', 'entry']);
const FEED_TITLE_PARENTS = new Set(['channel', 'feed']);

/** An element's name without its namespace prefix (`content:encoded` is `encoded`). */
function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1).toLowerCase();
}

/** saxes' «4:44: undefined entity.» as «line 4, column 44: undefined entity &nbsp;». */
function describe(error: Error, text: string, position: number): string {
  const m = /^(\d+):(\d+): (.*?)\.?$/s.exec(error.message);
  if (m === null) return error.message;
  let what = m[3] ?? '';
  if (what === 'undefined entity') {
    const start = text.lastIndexOf('&', position - 1);
    if (start >= 0 && position - start <= 64) what += ` ${text.slice(start, position)}`;
  }
  return `not well-formed XML at line ${m[1] ?? ''}, column ${m[2] ?? ''}: ${what}`;
}

/**
 * Reads a feed with a strict XML parser (saxes): each `<item>` or `<entry>`
 * element is cut from the feed unchanged, to be kept as evidence, when it is
 * well-formed; one that is not, or that the feed ends inside, is named with
 * the parser's own words. Entities are never expanded beyond XML's five: a
 * document type's declarations are not read (no XXE, no billion laughs), and a
 * reference to one is an error of its item.
 */
export function parseFeed(text: string): ParsedFeed {
  const parser = new (saxes().SaxesParser)({ position: true });
  const path: string[] = [];
  const items: (FeedItem | BrokenItem)[] = [];
  let open: { index: number; start: number; depth: number; problem: string | null } | null = null;
  let title: string | null = null;
  let titleText: string | null = null;
  let problem: string | null = null;
  let ended = false;
  const addText = (chunk: string): void => {
    if (titleText !== null) titleText += chunk;
  };
  parser.on('opentagstart', (tag) => {
    const name = localName(tag.name);
    if (open === null && ITEMS.has(name)) {
      open = {
        index: items.length + 1,
        start: text.lastIndexOf('<', parser.position - 1),
        depth: path.length,
        problem: null,
      };
    }
    if (
      title === null &&
      open === null &&
      name === 'title' &&
      FEED_TITLE_PARENTS.has(path.at(-1) ?? '')
    )
      titleText = '';
    path.push(name);
  });
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => {
    path.pop();
    if (titleText !== null) {
      title = titleText.trim() === '' ? null : titleText.trim();
      titleText = null;
    }
    if (open !== null && path.length === open.depth) {
      items.push(
        open.problem === null
          ? { xml: text.slice(open.start, parser.position), index: open.index }
          : { index: open.index, problem: open.problem },
      );
      open = null;
    }
  });
  parser.on('error', (error) => {
    // At the end, the parser names each element left open: the item the feed ends inside says it once.
    const said = ended
      ? 'not closed: the feed ends inside this item'
      : describe(error, text, parser.position);
    if (open !== null) open.problem = ended ? said : (open.problem ?? said);
    else
      problem ??= ended ? `the feed ends early (${describe(error, text, parser.position)})` : said;
  });
  parser.write(text);
  ended = true;
  parser.close();
  const unclosed = open as { index: number; problem: string | null } | null;
  if (unclosed !== null)
    items.push({
      index: unclosed.index,
      problem: unclosed.problem ?? 'not closed: the feed ends inside this item',
    });
  return { title, items, problem };
}

/** The parts of a parsed item this module reads. */
interface XmlDocument {
  readonly documentElement: ItemElement;
}

function parseXml(text: string): XmlDocument {
  return new (dom().DOMParser)().parseFromString(text, 'text/xml');
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
