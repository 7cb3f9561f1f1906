import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGazetteer } from '../../src/gazetteer/index.js';
import { LexiconError, shippedDataDir } from '../../src/lexicon/index.js';

const dir = mkdtempSync(join(tmpdir(), 'wathiq-cues-'));
const shipped = JSON.parse(
  readFileSync(join(shippedDataDir(), 'gazetteer', 'cues.json'), 'utf8'),
) as Record<string, unknown>;

/** A cues file written with these bytes; its path. */
function cuesFile(name: string, bytes: string): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

describe('the place cues file', () => {
  it('names itself and the field when a field holds the wrong kind of value', () => {
    const file = cuesFile('wrong.json', JSON.stringify({ ...shipped, near: 5 }));
    expect(() => loadGazetteer({ cuesFile: file })).toThrow(LexiconError);
    expect(() => loadGazetteer({ cuesFile: file })).toThrow(
      new RegExp(`^${file}: near: .*expected array`),
    );
  });

  it('names itself when it is not JSON', () => {
    const file = cuesFile('broken.json', '{ near: [');
    expect(() => loadGazetteer({ cuesFile: file })).toThrow(new RegExp(`^${file}: `));
  });

  it('is read as shipped when nothing is wrong with it', () => {
    const file = cuesFile('same.json', JSON.stringify(shipped));
    expect(loadGazetteer({ cuesFile: file }).places.length).toBeGreaterThan(5000);
  });
});
