import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A value made on first use and kept. */
function onFirstUse<T>(load: () => T): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= load());
}

/*
 * The readers of YAML front matter, CSV manifests, feeds and legacy encodings,
 * loaded on first use: together they take about a tenth of a second to load,
 * and a plain UTF-8 report needs none of them (`wathiq extract` of one line).
 * Loaded through `require` (each ships CommonJS) so the readers stay synchronous.
 */
export const yaml = onFirstUse(() => require('yaml') as typeof import('yaml'));
export const csv = onFirstUse(() => require('csv-parse/sync') as typeof import('csv-parse/sync'));
export const saxes = onFirstUse(() => require('saxes') as typeof import('saxes'));
export const iconv = onFirstUse(() => require('iconv-lite') as typeof import('iconv-lite'));
