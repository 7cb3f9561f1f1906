import { describe, expect, it } from 'vitest';
import { isFeed, parseFeed } from '../../src/ingest/feed.js';

const REPORT = 'قتل مدنيان في قصف على بلدة سراقب شرقي إدلب صباح اليوم، بحسب الدفاع المدني.';

/** RSS 0.91 as Netscape wrote it: its standard document type before the root. */
const RSS_091 = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
  "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>أخبار &amp; تقارير</title>
<item><title>قصف على سراقب</title><link>https://example.org/1</link><description>${REPORT}</description></item>
<item><title>خبر ثان</title><description>${REPORT}</description></item>
</channel></rss>`;

describe('a feed, as a strict XML parser reads it', () => {
  it('is taken for a feed with a document type (RSS 0.91), item by item', () => {
    expect(isFeed(RSS_091)).toBe(true);
    const feed = parseFeed(RSS_091);
    expect(feed.title).toBe('أخبار & تقارير');
    expect(feed.problem).toBeNull();
    expect(feed.items).toEqual([
      {
        index: 1,
        xml: `<item><title>قصف على سراقب</title><link>https://example.org/1</link><description>${REPORT}</description></item>`,
      },
      { index: 2, xml: `<item><title>خبر ثان</title><description>${REPORT}</description></item>` },
    ]);
  });

  it('names an unclosed last item instead of dropping it', () => {
    const cut = RSS_091.slice(0, RSS_091.lastIndexOf('</description></item>'));
    const feed = parseFeed(cut);
    expect(feed.items).toEqual([
      expect.objectContaining({ index: 1 }),
      { index: 2, problem: 'not closed: the feed ends inside this item' },
    ]);
    expect(feed.problem).toBeNull();
  });

  it('names an item that is not well-formed, with the line and column, and reads the others', () => {
    const broken = RSS_091.replace('<title>خبر ثان</title>', '<title>خبر ثان</titel>');
    const feed = parseFeed(broken);
    expect(feed.items[0]).toHaveProperty('xml');
    expect(feed.items[1]).toEqual({
      index: 2,
      problem: expect.stringMatching(/^not well-formed XML at line 6, column \d+: /) as string,
    });
  });

  it('expands no entity a feed declares: no billion laughs, no external file', () => {
    const laughs = `<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<rss version="2.0"><channel><title>&lol3;</title>
<item><title>&xxe;</title><description>${REPORT} &lol3;</description></item>
<item><title>سليم</title><description>${REPORT}</description></item>
</channel></rss>`;
    expect(isFeed(laughs)).toBe(true);
    const feed = parseFeed(laughs);
    expect(feed.items).toEqual([
      {
        index: 1,
        problem: 'not well-formed XML at line 9, column 18: undefined entity &xxe;',
      },
      expect.objectContaining({ index: 2 }),
    ]);
    expect(feed.problem).toMatch(
      /^not well-formed XML at line 8, column \d+: undefined entity &lol3;$/,
    );
    expect(JSON.stringify(feed)).not.toMatch(/lollol|root:/);
  });

  it('is no feed when it is an HTML page with a document type', () => {
    expect(isFeed('<!DOCTYPE html>\n<html><body><p>rss</p></body></html>')).toBe(false);
  });
});
