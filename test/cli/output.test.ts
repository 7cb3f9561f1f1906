import { Writable } from 'node:stream';
import { tmpdir } from 'node:os';
import { setImmediate as tick } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { write } from '../../src/cli/output.js';
import { wathiq } from './processes.js';

/** A stream that takes one chunk at a time, slowly: every write waits for a drain. */
function slowStream(): Writable {
  return new Writable({
    highWaterMark: 1,
    write: (_chunk, _encoding, done) => {
      setImmediate(done);
    },
  });
}

describe('writing with back-pressure', () => {
  it('leaves no listener behind, however often the output fills', async () => {
    const out = slowStream();
    const warnings: Error[] = [];
    const onWarning = (w: Error): void => {
      warnings.push(w);
    };
    process.on('warning', onWarning);
    try {
      for (let k = 0; k < 50; k++) expect(await write(out, `row ${String(k)}\n`)).toBe(true);
      await tick();
    } finally {
      process.off('warning', onWarning);
    }
    expect(out.listenerCount('drain')).toBe(0);
    expect(out.listenerCount('close')).toBe(0);
    expect(out.listenerCount('error')).toBe(0);
    expect(warnings.map((w) => w.name)).not.toContain('MaxListenersExceededWarning');
  });

  it('says the reader is gone once the stream is closed', async () => {
    const out = slowStream();
    out.destroy();
    expect(await write(out, 'late\n')).toBe(false);
  });
});

describe('messages on a pipe', () => {
  it('carry no colour codes, even where CI is set', async () => {
    const run = await wathiq(['ingest', '--data', tmpdir(), '/no/such/folder'], {
      env: { CI: '1' },
    });
    expect(run.stderr).toMatch(/^wathiq: /);
    expect(run.stderr).not.toContain('\u001b[');
  });

  it('are coloured when FORCE_COLOR asks for it', async () => {
    const run = await wathiq(['ingest', '--data', tmpdir(), '/no/such/folder'], {
      env: { FORCE_COLOR: '1' },
    });
    expect(run.stderr).toContain('\u001b[31mwathiq:');
  });
});
