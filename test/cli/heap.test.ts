import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { commandOf, holdYoungGeneration } from '../../src/cli/heap.js';
import { main } from '../../src/cli/main.js';
import { captureConsole, onEmbeddedStore } from './console.js';
import { serverDatabase, wathiq } from './processes.js';

/** The V8 flags the code under test sets, recorded and not set: they would outlive the test. */
const flags = vi.hoisted(() => [] as string[]);
vi.mock('node:v8', async (original) => ({
  ...(await original<typeof import('node:v8')>()),
  setFlagsFromString: (flag: string) => {
    flags.push(flag);
  },
}));

const { file, dir } = captureConsole();
/** The server other suites use, put aside for the commands here that name no store. */
const serverUrl = onEmbeddedStore();

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
    // Beside the embedded engine the young generation stays held (from the start, and here) until
    // the first batch is stored, then is steered (steerYoungGeneration) until the last is.
    expect(flags).toContain('--semi-space-growth-factor=1');
    const steered = flags.length;
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(flags).toHaveLength(steered);
  });
});

describe.skipIf(serverUrl === undefined || serverUrl === '')(
  'the heap of an ingest into a PostgreSQL server, let grow further',
  () => {
    const growth = (): string[] => flags.filter((f) => f.startsWith('--semi-space-growth-factor'));
    const report = (): string =>
      file('maarat.txt', 'قتلت امرأتان يوم 6 آذار 2024 بغارة جوية على مدينة معرة النعمان.\n');

    it('grows twice what it kept, its young generation as V8 would, in an ingest into a server and in a worker', async () => {
      const { url, drop } = await serverDatabase(
        serverUrl ?? '',
        `wathiq_test_heap_${String(process.pid)}`,
      );
      try {
        flags.length = 0;
        const args = ['node', 'wathiq', 'ingest', '--no-progress', '--db', url, report()];
        expect(await main(args, { ownProcess: true })).toBe(0);
        expect(growth()).toEqual(['--semi-space-growth-factor=2']);
        // Twice what it kept, where beside the embedded engine half as much again (below).
        expect(heapFlags()).toEqual(['--heap-growing-percent=100']);
        // No young collection is forced after each batch: that is for the embedded engine's buffers.
        expect(flags).not.toContain('--expose-gc');
        flags.length = 0;
        const worker = ['node', 'wathiq', 'worker', '--db', url, '--until-empty'];
        expect(await main(worker, { ownProcess: true })).toBe(0);
        expect(growth()).toEqual(['--semi-space-growth-factor=2']);
        expect(heapFlags()).toEqual(['--heap-growing-percent=100']);
        expect(flags).not.toContain('--expose-gc');
      } finally {
        await drop();
      }
    });
  },
);

describe('the young generation, held from the start for `ingest` and `extract` only', () => {
  const HOLD = '--semi-space-growth-factor=1';

  it('reads the command past the global options and their values', () => {
    expect(commandOf(['node', 'wathiq', '--lang', 'ar', 'ingest', 'a.txt'])).toBe('ingest');
    expect(commandOf(['node', 'wathiq', '--debug', '--lang=en', 'worker'])).toBe('worker');
    expect(commandOf(['node', 'wathiq', '--help'])).toBeUndefined();
  });

  it('is left to V8 for the other commands, even with a file called ingest or extract', () => {
    flags.length = 0;
    for (const args of [['export', '--out', 'ingest'], ['search', 'extract'], ['worker'], []])
      holdYoungGeneration(['node', 'wathiq', ...args]);
    expect(flags).toEqual([]);
  });

  it('is held for `ingest` and `extract`, whatever global options come first', () => {
    flags.length = 0;
    holdYoungGeneration(['node', 'wathiq', '--lang', 'ar', 'ingest', 'a.txt']);
    holdYoungGeneration(['node', 'wathiq', '--lang=en', 'extract', 'ingest']);
    expect(flags).toEqual([HOLD, HOLD]);
  });

  it("is let grow as V8 would once an extract's knowledge is loaded, in the command's own process only", async () => {
    const report = file('idlib.txt', 'قتل مدنيان يوم 4 آذار 2024 بقصف على قرية في ريف إدلب.\n');
    flags.length = 0;
    expect(await main(['node', 'wathiq', 'extract', report])).toBe(0);
    expect(flags.filter((f) => f.startsWith('--semi-space-growth-factor'))).toEqual([]);
    expect(await main(['node', 'wathiq', 'extract', report], { ownProcess: true })).toBe(0);
    expect(flags.filter((f) => f.startsWith('--semi-space-growth-factor'))).toEqual([
      '--semi-space-growth-factor=2',
    ]);
  });
});

/**
 * Loaded into a `wathiq` process before its script: records each V8 flag set,
 * with the process's title, the young generation's size and the heap in use when it was set,
 * and that size at start and at exit, on standard error.
 */
const FLAG_PROBE = `
import v8 from 'node:v8';
import { syncBuiltinESMExports } from 'node:module';
import { writeSync } from 'node:fs';
const young = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
const first = young();
const set = v8.setFlagsFromString;
const flags = [];
v8.setFlagsFromString = (flag) => {
  flags.push({ flag, title: process.title, young: young(), heap: v8.getHeapStatistics().used_heap_size });
  set(flag);
};
syncBuiltinESMExports();
process.on('exit', () => writeSync(2, 'flag-probe ' + JSON.stringify({ first, last: young(), flags }) + '\\n'));
`;

interface Probed {
  readonly first: number;
  readonly last: number;
  readonly flags: readonly {
    readonly flag: string;
    readonly title: string;
    readonly young: number;
    readonly heap: number;
  }[];
}

async function probed(args: readonly string[]): Promise<Probed> {
  const probe = file('flag-probe.mjs', FLAG_PROBE);
  const run = await wathiq(args, { env: { NODE_OPTIONS: `--import=${probe}` } });
  expect(run.status).toBe(0);
  const line = /^flag-probe (.*)$/m.exec(run.stderr)?.[1] ?? 'null';
  return JSON.parse(line) as Probed;
}

describe("the young generation of the command's own process (bin/wathiq.js)", () => {
  const report = (): string =>
    file('kafr.txt', 'جرح أربعة مدنيين يوم 7 آذار 2024 بقصف على بلدة كفرنبل في ريف إدلب.\n');

  it('is held from before an ingest names itself or opens its store, and grows to 4 MB a half at most', async () => {
    const run = await probed(['ingest', '--no-progress', '--data', join(dir, 'probed'), report()]);
    const growth = run.flags.filter((f) => f.flag.startsWith('--semi-space-growth-factor='));
    // The command names its process (`wathiq ingest`) before it does anything: here it had not yet.
    expect(growth[0]?.flag).toBe('--semi-space-growth-factor=1');
    expect(growth[0]?.young).toBe(run.first);
    expect(growth[0]?.title).not.toBe('wathiq ingest');
    // Held while the store opens; let grow (doubled) only while under 8 MB, its two halves together.
    for (const f of growth)
      if (f.flag !== '--semi-space-growth-factor=1') expect(f.young).toBeLessThan(8 * 2 ** 20);
    expect(run.last).toBeLessThanOrEqual(8 * 2 ** 20);
  });

  it("is held while an extract's knowledge loads, from before it names itself, then let grow", async () => {
    const run = await probed(['extract', report()]);
    const growth = run.flags.filter((f) => f.flag.startsWith('--semi-space-growth-factor='));
    expect(growth.map((f) => f.flag)).toEqual([
      '--semi-space-growth-factor=1',
      '--semi-space-growth-factor=2',
    ]);
    expect(growth[0]?.young).toBe(run.first);
    expect(growth[0]?.title).not.toBe('wathiq extract');
    // Let go once the knowledge is loaded, some 10 MB later (its ~6 MB kept), not before it.
    const loaded = (growth[1]?.heap ?? 0) - (growth[0]?.heap ?? 0);
    expect(loaded).toBeGreaterThan(4 * 1024 * 1024);
  });

  it('is left to V8 by a command that neither ingests nor extracts', async () => {
    const run = await probed(['gazetteer', 'lookup', 'ريف إدلب', '--data', join(dir, 'probed')]);
    expect(run.flags.map((f) => f.flag)).not.toContain('--semi-space-growth-factor=1');
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
