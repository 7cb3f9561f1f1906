/**
 * A bench script's command line, read by Node's own `parseArgs`: the counts,
 * texts and flags it takes, `--help` for its usage, and one line naming the
 * option at fault — a mistyped option would otherwise be ignored by a run of
 * minutes, or a typed count replaced by its default without a word.
 */
import { parseArgs } from 'node:util';

/** What a bench takes: its usage line, its counts with their defaults, its texts and its flags. */
export interface BenchCommand<N extends string, T extends string, F extends string> {
  readonly usage: string;
  readonly counts?: Readonly<Record<N, number>>;
  readonly texts?: readonly T[];
  readonly flags?: readonly F[];
}

/** The options as given: each count (its default when not given), each text (null when not), each flag. */
export interface BenchArguments<N extends string, T extends string, F extends string> {
  readonly counts: Readonly<Record<N, number>>;
  readonly texts: Readonly<Record<T, string | null>>;
  readonly flags: Readonly<Record<F, boolean>>;
}

/** Asked for the usage (`--help`), not for a run. */
export class UsageAsked extends Error {}

/**
 * The options of `argv` by `command`; throws a one-line Error naming an
 * unknown option, a count that is not a positive whole number or an option
 * given without its value, and UsageAsked for `--help`.
 */
export function parseBenchArguments<N extends string, T extends string, F extends string>(
  command: BenchCommand<N, T, F>,
  argv: readonly string[],
): BenchArguments<N, T, F> {
  const defaults = (command.counts ?? {}) as Readonly<Record<N, number>>;
  const countNames = Object.keys(defaults) as N[];
  const textNames = command.texts ?? [];
  const flagNames = command.flags ?? [];
  const options: Record<string, { type: 'string' | 'boolean' }> = { help: { type: 'boolean' } };
  for (const name of [...countNames, ...textNames]) options[name] = { type: 'string' };
  for (const name of flagNames) options[name] = { type: 'boolean' };
  const { values } = parseOptions([...argv], options);
  if (values.help === true) throw new UsageAsked(command.usage);
  const counts = {} as Record<N, number>;
  for (const name of countNames) counts[name] = countOf(name, values[name], defaults[name]);
  const texts = {} as Record<T, string | null>;
  for (const name of textNames) {
    const value = values[name];
    texts[name] = typeof value === 'string' ? value : null;
  }
  const flags = {} as Record<F, boolean>;
  for (const name of flagNames) flags[name] = values[name] === true;
  return { counts, texts, flags };
}

function parseOptions(
  args: string[],
  options: Record<string, { type: 'string' | 'boolean' }>,
): { values: Record<string, string | boolean | undefined> } {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false });
  } catch (error) {
    // parseArgs's messages go on to explain positionals after `--`: its first sentence says it.
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(message.split(/\.\s/)[0] ?? message);
  }
}

function countOf(name: string, given: string | boolean | undefined, fallback: number): number {
  if (typeof given !== 'string') return fallback;
  const count = Number(given);
  if (!Number.isInteger(count) || count <= 0)
    throw new Error(`--${name} ${given}: not a positive whole number`);
  return count;
}

/**
 * The options of this process's command line; for `--help` its usage is
 * printed and the process ends, and for a mistake one line on stderr (exit 2).
 */
export function benchArguments<N extends string, T extends string, F extends string>(
  command: BenchCommand<N, T, F>,
): BenchArguments<N, T, F> {
  try {
    return parseBenchArguments(command, process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageAsked) {
      process.stdout.write(`${command.usage}\n`);
      process.exit(0);
    }
    usageError(command, error instanceof Error ? error.message : String(error));
  }
}

/** A mistake on the command line: one line saying it, the usage beneath, exit 2. */
export function usageError(command: { readonly usage: string }, message: string): never {
  process.stderr.write(`${message}\n${command.usage}\n`);
  process.exit(2);
}

/** The engine one flag chose (`--pglite` or `--postgres`), or null for both. */
export function engineChosen(flags: {
  readonly pglite: boolean;
  readonly postgres: boolean;
}): 'pglite' | 'postgres' | null {
  return flags.pglite ? 'pglite' : flags.postgres ? 'postgres' : null;
}

/** `--name`'s letters, digits and _ only: it names the bench's databases apart from another checkout's. */
export function storeName(given: string | null): string {
  return (given ?? '').replace(/\W/g, '');
}
