import { describe, expect, it } from 'vitest';
import { engineChosen, parseBenchArguments, storeName, UsageAsked } from '../../bench/options.js';

const COMMAND = {
  usage: 'npm run bench:example [-- --reports N --name NAME --pglite]',
  counts: { reports: 200, runs: 5 },
  texts: ['name'],
  flags: ['pglite', 'postgres'],
} as const;

describe('a bench command line', () => {
  it('gives each count its default and each text null when nothing is given', () => {
    const { counts, texts, flags } = parseBenchArguments(COMMAND, []);
    expect(counts).toEqual({ reports: 200, runs: 5 });
    expect(texts).toEqual({ name: null });
    expect(flags).toEqual({ pglite: false, postgres: false });
  });

  it('reads counts, texts and flags in any order, with = or a space', () => {
    const { counts, texts, flags } = parseBenchArguments(COMMAND, [
      '--pglite',
      '--runs=9',
      '--name',
      'mine',
      '--reports',
      '1500',
    ]);
    expect(counts).toEqual({ reports: 1500, runs: 9 });
    expect(texts.name).toBe('mine');
    expect(flags.pglite).toBe(true);
  });

  it('names an unknown option in one line instead of running without it', () => {
    expect(() => parseBenchArguments(COMMAND, ['--report', '10'])).toThrow(
      /^Unknown option '--report'$/,
    );
  });

  it('refuses a count that is not a positive whole number, naming it', () => {
    for (const bad of ['0', '-3', '2.5', 'many', ''])
      expect(() => parseBenchArguments(COMMAND, [`--reports=${bad}`])).toThrow(
        `--reports ${bad}: not a positive whole number`,
      );
  });

  it('refuses an option given without its value', () => {
    expect(() => parseBenchArguments(COMMAND, ['--name'])).toThrow(/--name.*missing/);
  });

  it('answers --help with the usage, not a run', () => {
    expect(() => parseBenchArguments(COMMAND, ['--runs', '3', '--help'])).toThrow(UsageAsked);
    expect(() => parseBenchArguments(COMMAND, ['--help'])).toThrow(COMMAND.usage);
  });
});

describe('the engine and the store name a bench is given', () => {
  it('measures both engines unless one flag names one', () => {
    expect(engineChosen({ pglite: false, postgres: false })).toBeNull();
    expect(engineChosen({ pglite: true, postgres: false })).toBe('pglite');
    expect(engineChosen({ pglite: false, postgres: true })).toBe('postgres');
  });

  it('keeps only what may name a database', () => {
    expect(storeName('my-branch.2')).toBe('mybranch2');
    expect(storeName(null)).toBe('');
  });
});
