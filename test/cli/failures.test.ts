import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureConsole } from './console.js';
import { setAside } from './environment.js';

const { out, err, run, file, dir } = captureConsole();
setAside('DATABASE_URL', 'WATHIQ_DATA');

/** What the command said on standard error: one line, no stack trace. */
function oneLine(): string {
  const said = err.join('');
  expect(said.trim().split('\n')).toHaveLength(1);
  expect(said).not.toMatch(/^\s+at /m);
  return said;
}

describe('a failure is one line naming the input and the problem, with a documented status', () => {
  const empty = join(dir, 'empty');
  mkdirSync(empty);

  it('an output folder that is not there: 2', async () => {
    const target = join(dir, 'nowhere', 'events.csv');
    expect(await run('export', '--data', empty, '--format', 'csv', '--out', target)).toBe(2);
    expect(oneLine()).toContain(`--out ${target}: no folder ${join(dir, 'nowhere')}`);
  });

  it('a day the calendar does not have: 2', async () => {
    expect(await run('export', '--data', empty, '--format', 'csv', '--from', '2019-02-30')).toBe(2);
    expect(oneLine()).toMatch(/--from <date>.*2019-02-30 is not a day of the calendar/);
  });

  it('a governorate Syria does not have: 2', async () => {
    expect(
      await run('export', '--data', empty, '--format', 'csv', '--governorate', 'Atlantis'),
    ).toBe(2);
    expect(oneLine()).toContain('no governorate called «Atlantis»');
  });

  it('a database server that does not answer: 3, its password not shown', async () => {
    const url = 'postgres://me:secret@127.0.0.1:1/none';
    expect(await run('export', '--db', url, '--format', 'csv')).toBe(3);
    const said = oneLine();
    expect(said).toMatch(/postgres:\/\/me:\*\*\*@127\.0\.0\.1:1\/none: database unreachable/);
    expect(said).not.toContain('secret');
  });

  it.each([['export', '--format', 'csv'], ['search', 'سراقب'], ['review']])(
    'a read-only command on a folder with no store: 3, and no empty store left (%s)',
    async (...args) => {
      expect(await run(...args, '--data', empty)).toBe(3);
      expect(oneLine()).toContain(`${empty}: no wathiq store here`);
      expect(existsSync(join(empty, 'db'))).toBe(false);
    },
  );

  it.each([
    ['--actor', 'SDFF', /no actor «SDFF»; the closest are SDF\b/],
    ['--claimant', 'SOHRR', /no claimant «SOHRR»; the closest are SOHR\b/],
    ['--type', 'Armed clashes', /no event type «Armed clashes»; the closest are Armed clash\b/],
  ])(
    'a filter no event can match (%s %s): 2, naming the closest ids',
    async (flag, value, said) => {
      expect(await run('export', '--data', empty, '--format', 'csv', flag, value)).toBe(2);
      expect(oneLine()).toMatch(said);
    },
  );

  it('a corpus folder that is not there: 1', async () => {
    expect(await run('eval', join(dir, 'no-corpus'))).toBe(1);
    expect(out.join('')).toMatch(/failed: .*no-corpus: no such folder/);
    expect(out.join('')).not.toMatch(/1\.000/);
  });

  it('a folder without gold files says so, and scores nothing: 1', async () => {
    file('empty/report.txt', 'قتل مدنيان في قصف على بلدة سراقب اليوم.');
    expect(await run('eval', empty)).toBe(1);
    const said = out.join('');
    expect(said).toMatch(/no gold files \(NAME\.gold\.json\) here/);
    expect(said).toMatch(/score: none/);
    expect(said).not.toMatch(/1\.000/);
  });

  it('--debug adds where it happened', async () => {
    expect(
      await run('export', '--debug', '--db', 'postgres://127.0.0.1:1/x', '--format', 'csv'),
    ).toBe(3);
    expect(err.join('')).toMatch(/database unreachable/);
    expect(err.join('')).toMatch(/^\s+at /m);
  });

  it('a usage error of the command line itself: 2', async () => {
    expect(await run('export')).toBe(2);
    expect(oneLine()).toMatch(/required option '--format <format>' not specified/);
  });
});

describe('the store, wherever the command runs', () => {
  it('is the one WATHIQ_DATA names, and the output names it', async () => {
    const data = join(dir, 'named');
    const reports = file(
      'one.ndjson',
      `${JSON.stringify({ text: 'قتل مدنيان في قصف مدفعي لقوات النظام على بلدة سراقب جنوبي إدلب اليوم، بحسب الدفاع المدني السوري.', published: '2024-03-14' })}\n`,
    );
    process.env.WATHIQ_DATA = data;
    try {
      expect(await run('ingest', reports)).toBe(0);
      expect(out.join('')).toContain(`store: ${data}`);
      expect(await run('export', '--format', 'csv')).toBe(0);
      expect(err.join('')).toContain(`exported 1 events from ${data}`);
    } finally {
      delete process.env.WATHIQ_DATA;
    }
  });
});
