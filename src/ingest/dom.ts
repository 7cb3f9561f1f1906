import { createRequire } from 'node:module';

/** The HTML and XML parsers, and Readability: what reading pages and feeds takes. */
export interface Dom {
  readonly parseHTML: typeof import('linkedom').parseHTML;
  readonly DOMParser: typeof import('linkedom').DOMParser;
  readonly Readability: typeof import('@mozilla/readability').Readability;
}

let loaded: Dom | null = null;

/**
 * The parsers, loaded on first use: they take a quarter of a second to load,
 * and plain text, NDJSON and every command that reads no page never need them.
 * Loaded through `require` (both packages ship CommonJS) so that the readers
 * stay synchronous.
 */
export function dom(): Dom {
  if (loaded === null) {
    const require = createRequire(import.meta.url);
    const linkedom = require('linkedom') as typeof import('linkedom');
    const readability = require('@mozilla/readability') as typeof import('@mozilla/readability');
    loaded = {
      parseHTML: linkedom.parseHTML,
      DOMParser: linkedom.DOMParser,
      Readability: readability.Readability,
    };
  }
  return loaded;
}
