import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBaseline } from '../../src/cli/baseline.js';

describe('eval --baseline FILE', () => {
  it('reads the committed file and refuses a misspelt measure in one line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wathiq-baseline-'));
    const good = join(dir, 'good.json');
    await writeFile(good, JSON.stringify({ $comment: 'floors', score: 0.9, actor1: 0.8 }));
    expect(await readBaseline(good)).toEqual({ $comment: 'floors', score: 0.9, actor1: 0.8 });
    const typo = join(dir, 'typo.json');
    await writeFile(typo, JSON.stringify({ scor: 0.9 }));
    await expect(readBaseline(typo)).rejects.toThrow(/typo\.json: not a baseline: .*scor/);
    await expect(readBaseline(join(dir, 'absent.json'))).rejects.toThrow(
      /absent\.json: no such file/,
    );
    await writeFile(join(dir, 'broken.json'), '{ score: ');
    await expect(readBaseline(join(dir, 'broken.json'))).rejects.toThrow(/broken\.json: not JSON/);
  });

  it('the committed baseline is a valid file', async () => {
    const floors = await readBaseline(join(import.meta.dirname, '../../.ci/eval-baseline.json'));
    expect(floors.score).toBeGreaterThan(0.8);
  });
});
