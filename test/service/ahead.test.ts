import { describe, expect, it } from 'vitest';
import { readAhead } from '../../src/service/ahead.js';

/** A source of three values that writes down when each is asked for, and whether it was let go. */
function counting(log: string[]): AsyncGenerator<number> {
  return (async function* () {
    try {
      for (let k = 1; k <= 3; k++) {
        log.push(`asked ${String(k)}`);
        await Promise.resolve();
        yield k;
      }
    } finally {
      log.push('let go');
    }
  })();
}

/** Works on each value until the next turn of the event loop, writing down when it is done. */
async function workOn(
  values: AsyncGenerator<number>,
  log: string[],
  most = Infinity,
): Promise<void> {
  for await (const value of values) {
    await new Promise((resolve) => setImmediate(resolve));
    log.push(`done ${String(value)}`);
    if (value >= most) break;
  }
}

/** A source whose second value fails as soon as it is asked for. */
async function* failingAfterOne(): AsyncGenerator<number> {
  yield 1;
  await Promise.resolve();
  throw new Error('the second value could not be read');
}

/** Several turns of the event loop, as a caller working on a value gives. */
async function turns(n: number): Promise<void> {
  for (let k = 0; k < n; k++) await new Promise((resolve) => setImmediate(resolve));
}

describe('readAhead', () => {
  it('asks the source for the next value while the caller works on this one', async () => {
    const log: string[] = [];
    await workOn(readAhead(counting(log), true), log);
    expect(log).toEqual(['asked 1', 'asked 2', 'done 1', 'asked 3', 'done 2', 'let go', 'done 3']);
  });

  it('asks for the next value only once the caller is done with this one, when not ahead', async () => {
    const log: string[] = [];
    await workOn(readAhead(counting(log), false), log);
    expect(log).toEqual(['asked 1', 'done 1', 'asked 2', 'done 2', 'asked 3', 'done 3', 'let go']);
  });

  it('lets the source finish the value it was working on and drops it when the caller stops early', async () => {
    const log: string[] = [];
    await workOn(readAhead(counting(log), true), log, 1);
    expect(log).toEqual(['asked 1', 'asked 2', 'done 1', 'let go']);
  });

  it('throws the failure of a value read ahead when the caller comes to it, not before', async () => {
    const failing = failingAfterOne();
    const seen: number[] = [];
    const read = async (): Promise<void> => {
      for await (const value of readAhead(failing, true)) {
        // Several turns of the event loop while the value ahead fails.
        await turns(3);
        seen.push(value);
      }
    };
    await expect(read()).rejects.toThrow('the second value could not be read');
    expect(seen).toEqual([1]);
  });

  it('drops the failure of a value read ahead when the caller stops first', async () => {
    const failing = failingAfterOne();
    const seen: number[] = [];
    for await (const value of readAhead(failing, true)) {
      await turns(3);
      seen.push(value);
      break;
    }
    expect(seen).toEqual([1]);
  });
});
