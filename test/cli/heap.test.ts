import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureConsole, onEmbeddedStore } from './console.js';

/** The V8 flags the code under test sets, recorded and not set: they would outlive the test. */
const flags = vi.hoisted(() => [] as string[]);
vi.mock('node:v8', async (original) => ({
  ...(await original<typeof import('node:v8')>()),
  setFlagsFromString: (flag: string) => {
    flags.push(flag);
  },
}));

const { file, dir } = captureConsole();
onEmbeddedStore();

const heapFlags = (): string[] => flags.filter((f) => f.startsWith('--heap-growing-percent'));

describe("the heap flag an ingest sets, in the command's own process only", () => {
  const report = (): string =>
    file('sarmin.txt', 'قتل ثلاثة مدنيين يوم 3 آذار 2024 بقصف مدفعي على بلدة سرمين في ريف إدلب.\n');

  it('leaves the heap of a process that runs the command in-process (a test worker) alone', async () => {
    const status = await main([
      'node',
      'wathiq',
      'ingest',
      report(),
      '--data',
      join(dir, 'hosted'),
    ]);
    expect(status).toBe(0);
    expect(heapFlags()).toEqual([]);
    expect(flags).not.toContain('--expose-gc');
    expect(flags).not.toContain('--semi-space-growth-factor=1');
  });

  it('holds the heap close when the process is the command’s own (bin/wathiq.js)', async () => {
    const status = await main(['node', 'wathiq', 'ingest', report(), '--data', join(dir, 'own')], {
      ownProcess: true,
    });
    expect(status).toBe(0);
    expect(heapFlags()).toEqual(['--heap-growing-percent=50']);
    // The young generation is collected after each batch (sweepBatch), by the collector this exposes.
    expect(flags).toContain('--expose-gc');
    // The young generation is kept at the size it has, not grown to V8's 32 MB.
    expect(flags).toContain('--semi-space-growth-factor=1');
  });
});

describe("the inlining limit, in the command's own process only", () => {
  const inliningFlags = (): string[] =>
    flags.filter((f) => f.startsWith('--max-inlined-bytecode-size-cumulative'));
  const report = (): string =>
    file('hama.txt', 'قتل مدني يوم 5 آذار 2024 بقصف على بلدة اللطامنة في ريف حماة.\n');

  it('leaves the compiler of a process that runs the command in-process alone', async () => {
    flags.length = 0;
    expect(await main(['node', 'wathiq', 'extract', report()])).toBe(0);
    expect(inliningFlags()).toEqual([]);
  });

  it('limits what is inlined when the process is the command’s own, whatever the command', async () => {
    flags.length = 0;
    expect(await main(['node', 'wathiq', 'extract', report()], { ownProcess: true })).toBe(0);
    expect(inliningFlags()).toEqual(['--max-inlined-bytecode-size-cumulative=200']);
  });
});
