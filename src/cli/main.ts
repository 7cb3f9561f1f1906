import { hostname } from 'node:os';
import { inspect } from 'node:util';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { err as pc } from './colors.js';
import { EXPORT_FORMATS, REVIEW_STATUSES, ROLES } from '../contracts/values.js';
import type { ExportFormat, ReviewStatus, Role } from '../contracts/index.js';
import { UsageError } from './usage.js';
import type { PlaceKind } from '../gazetteer/index.js';
import { publicationDay } from '../text/index.js';
import { dataDir } from '../lexicon/index.js';
import type { ExportFlags } from './export.js';
import type { ExtractFlags } from './extract.js';
import type { ReprocessFlags } from './reprocess.js';
import { claimProcess } from './heap.js';
import { chooseLang, currentLang, iso, LANGS, say } from './i18n.js';
import type { Lang } from './i18n.js';
import { printable } from './terminal.js';
import { problem } from './problems.js';
import { localizeHelp } from './help.js';
import { endQuietlyOnClosedPipe } from './output.js';
import type { IngestFlags, StoreFlags } from './ingest.js';
import type { WorkerFlags } from './worker.js';
import type { DecisionFlags, JoinFlags, ReviewListFlags } from './review.js';
import type { AddFlags } from './gazetteer.js';
import type { PasswordFlags } from './accounts.js';
import type { ServeFlags } from './serve.js';
import type { StartFlags } from './start.js';
import type { EvalFlags } from './eval.js';

// Each command's module is imported when the command runs (`await import`), so
// that `extract` does not pay for loading the store, the database drivers, the
// queue, the progress bar or the scorer it never uses, and `export`, `review`
// and `search` not for the extractor: nothing here imports src/store,
// src/service or src/extract at the top (test/cli/loading.test.ts checks it).

function isoDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new InvalidArgumentError(say('arg.date'));
  // Date.parse takes «2019-02-30» for 2 March; the calendar does not.
  if (publicationDay(value) === null) throw new InvalidArgumentError(say('arg.notDay', { value }));
  return value;
}

function megabytes(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(say('arg.size'));
  return Math.round(n * 1024 * 1024);
}

function coordinate(limit: number) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || Math.abs(n) > limit)
      throw new InvalidArgumentError(say('arg.degrees', { limit }));
    return n;
  };
}

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(say('arg.positive'));
  return n;
}

/** An argument that must be one of these words: the word, or a usage error listing them. */
function oneOf<T extends string>(values: readonly T[]): (value: string) => T {
  return (value) => {
    const found = values.find((v) => v === value);
    if (found === undefined)
      throw new InvalidArgumentError(say('arg.oneOf', { values: iso(values.join(', ')) }));
    return found;
  };
}

const exportFormat = oneOf<ExportFormat>(EXPORT_FORMATS);
const reviewStatus = oneOf<ReviewStatus>(REVIEW_STATUSES);
const role = oneOf<Role>(ROLES);
/** The kinds of place a person may add (`gazetteer add`): administrative units are shipped. */
const ADDABLE_KINDS: readonly PlaceKind[] = ['community', 'neighbourhood', 'site'];
const placeKind = oneOf(ADDABLE_KINDS);

function language(value: string): Lang {
  const lang = LANGS.find((l) => l === value);
  if (lang === undefined)
    throw new InvalidArgumentError(say('arg.oneOf', { values: iso(LANGS.join(', ')) }));
  return lang;
}

const LANG_OPTION = '--lang <lang>';
const LANG_HELP = `language of what a person reads: ${LANGS.join(' | ')} (default: from LC_ALL/LANG)`;

const DATA_OPTION = '--data <dir>';
const DATA_HELP = 'your wathiq data folder (default: $WATHIQ_DATA or ./wathiq-data)';
const DB_OPTION = '--db <url>';
const DB_HELP = 'a PostgreSQL server (default: $DATABASE_URL, else the embedded database)';

/** Builds the `wathiq` command line. `exit` receives the status to end with. */
export function program(exit: (code: number) => void): Command {
  const cli = new Command('wathiq')
    .description('Arabic reports of violence in Syria in, attributed incident records out')
    .version('0.1.0')
    .option('--debug', 'on an error, print where it happened (the stack trace) too')
    // Every command's messages speak it, wherever it stands on the line (main reads it first).
    .option(LANG_OPTION, LANG_HELP, language)
    // A usage error is thrown to main, which ends with status 2; set before the commands, so they inherit it.
    .exitOverride()
    // Commander's own one-line errors, in the language of the run.
    .configureOutput({
      outputError: (text, write) => {
        write(commanderError(text));
      },
    })
    .addHelpText('after', `\n${say('help.exitStatus')}`)
    // The process names itself by its command (`wathiq ingest`): the store's lock and `ps` show it.
    .hook('preAction', (_cli, action) => {
      const names: string[] = [];
      for (let c: Command | null = action; c !== null; c = c.parent) names.unshift(c.name());
      process.title = names.join(' ');
    });

  cli
    .command('extract')
    .description('print the incidents each report holds (no database)')
    .argument(
      '<file...>',
      '.txt or .html reports, RSS/Atom feeds and .ndjson files (a result per item), or - for standard input',
    )
    .option(
      '--published <date>',
      'publication date (YYYY-MM-DD) for reports that do not carry one',
      isoDate,
    )
    .option('--outlet <name>', 'outlet for reports that do not name one')
    .option('--url <url>', 'address of the report, when it does not carry one')
    .option('--json', 'print a JSON array of document results (`wathiq schema` describes one)')
    .option('--ndjson', 'print one JSON document result per line')
    .option('--explain', 'print, under each incident, the rules that decided each field')
    .option(LANG_OPTION, LANG_HELP, language)
    .option('--max-size <MB>', 'largest report to read', megabytes)
    .option(DATA_OPTION, DATA_HELP)
    .action(async (files: string[], flags: ExtractFlags) => {
      const { runExtract } = await import('./extract.js');
      exit(await runExtract(files, flags));
    });

  cli
    .command('schema')
    .description(
      'print the JSON Schema of a document result, as `extract --json|--ndjson` prints it',
    )
    .action(async () => {
      const { documentOutputJsonSchema } = await import('../contracts/index.js');
      process.stdout.write(`${JSON.stringify(documentOutputJsonSchema(), null, 2)}\n`);
      exit(0);
    });

  cli
    .command('ingest')
    .description('store reports (files, folders, feeds, NDJSON), link them into events')
    .argument(
      '[path...]',
      'files and folders; RSS/Atom feeds and .ndjson files hold several reports; - for standard input',
    )
    .option(DB_OPTION, DB_HELP)
    .option(DATA_OPTION, DATA_HELP)
    .option(
      '--manifest <file>',
      'a CSV or TSV with a row per report: file, url, outlet, published (title)',
    )
    .option(
      '--published <date>',
      'publication date (YYYY-MM-DD) for reports that do not carry one',
      isoDate,
    )
    .option('--outlet <name>', 'outlet for reports that do not name one')
    .option('--url <url>', 'address of the report, for a single report or standard input')
    .option('--max-size <MB>', 'largest report to read', megabytes)
    .option('--queue', 'put the reports in the server queue for `wathiq worker` instead')
    .option('--failed', 'list the inputs that failed, with the reason')
    .option('--no-progress', 'no progress bar, even on a terminal')
    .option('--log', 'a line per stored batch on standard error (for logs)')
    .option(
      '--batch <n>',
      'reports per queued job, and per transaction up to 4 MB and 100 reports, 200 on a server (default: as many as a transaction holds)',
      positive,
    )
    .action(async (paths: string[], flags: IngestFlags) => {
      const { runIngest } = await import('./ingest.js');
      exit(await runIngest(paths, flags));
    });

  cli
    .command('worker')
    .description('ingest reports from the server queue (run as many as you like, anywhere)')
    .option('--db <url>', 'the PostgreSQL server (default: $DATABASE_URL)')
    .option(DATA_OPTION, DATA_HELP)
    .option('--until-empty', 'stop when the queue is empty instead of waiting for more')
    .action(async (flags: WorkerFlags) => {
      const { runWorker } = await import('./worker.js');
      exit(await runWorker(flags));
    });

  cli
    .command('export')
    .description('write the stored events in a format, filtered')
    .requiredOption('--format <format>', EXPORT_FORMATS.join(' | '), exportFormat)
    .option('--out <file>', 'write to a file instead of standard output')
    .option('--from <date>', 'events on or after this day', isoDate)
    .option('--to <date>', 'events on or before this day', isoDate)
    .option('--governorate <name>', 'a governorate: p-code, English or Arabic name')
    .option('--actor <id>', 'an actor id, as doer or target (vocabulary.md)')
    .option('--type <type>', 'an event type or sub-event type')
    .option('--search <words>', 'words in the event (Arabic spelling variants match)')
    .option('--claimant <id>', 'events with figures from this claimant')
    .option('--status <status>', 'review status', reviewStatus)
    .option(
      '--hashes',
      "csv, acled, ucdp: a last column capture_sha256, the SHA-256 of each source report's captured bytes",
    )
    .option(DB_OPTION, DB_HELP)
    .option(DATA_OPTION, DATA_HELP)
    .action(async (flags: ExportFlags) => {
      const { runExport } = await import('./export.js');
      exit(await runExport(flags));
    });

  cli
    .command('reprocess')
    .description(
      'read stored reports again after the gazetteer, the dictionaries or wathiq changed; people’s corrections and decisions are kept',
    )
    .option('--from <date>', 'reports of events on or after this day', isoDate)
    .option('--to <date>', 'reports of events on or before this day', isoDate)
    .option(
      '--governorate <name>',
      'reports of events in a governorate: p-code, English or Arabic name',
    )
    .option('--actor <id>', 'reports of events with this actor, as doer or target')
    .option('--type <type>', 'reports of events of an event type or sub-event type')
    .option('--search <words>', 'reports of events with these words')
    .option('--claimant <id>', 'reports of events with figures from this claimant')
    .option('--status <status>', 'reports of events with this review status', reviewStatus)
    .option('--outlet <name>', 'only this outlet’s reports')
    .option('--batch <n>', 'reports read again per transaction (default 50)', positive)
    .option('-v, --verbose', 'a line per change: events added, merged, split, figures changed…')
    .option(DB_OPTION, DB_HELP)
    .option(DATA_OPTION, DATA_HELP)
    .action(async (flags: ReprocessFlags) => {
      const { runReprocess } = await import('./reprocess.js');
      exit(await runReprocess(flags));
    });

  cli
    .command('search')
    .description('find stored reports by words (normalized Arabic, spelling variants too)')
    .argument('<words>', 'what to look for')
    .option('--limit <n>', 'how many reports', positive)
    .option(DB_OPTION, DB_HELP)
    .option(DATA_OPTION, DATA_HELP)
    .action(async (words: string, flags: { db?: string; data?: string; limit?: number }) => {
      const { runSearch } = await import('./export.js');
      exit(await runSearch(words, flags));
    });

  const review = cli
    .command('review')
    .description(
      'events for a person to check: list them, set their status, split or join incidents',
    )
    .option(
      '--status <status>',
      'events with this review status (default unreviewed)',
      reviewStatus,
    )
    .option('--governorate <name>', 'a governorate: p-code, English or Arabic name')
    .option('--from <date>', 'events on or after this day', isoDate)
    .option('--to <date>', 'events on or before this day', isoDate)
    .option('--linked', 'only events that join several reports')
    .option(LANG_OPTION, LANG_HELP, language)
    .option('--limit <n>', 'how many events (default 20)', positive)
    .option(DB_OPTION, DB_HELP)
    .option(DATA_OPTION, DATA_HELP)
    .action(async (flags: ReviewListFlags) => {
      const { listForReview } = await import('./review.js');
      exit(await listForReview(flags));
    });
  // `--data` and `--db` belong to `review` and reach its subcommands from there.
  review
    .command('set')
    .description('set an event’s review status')
    .argument('<event>', 'the event id')
    .argument('<status>', REVIEW_STATUSES.join(' | '), reviewStatus)
    .option('--by <name>', 'who decides, for the audit log (default: the login name)')
    .action(async (event: string, status: ReviewStatus, _flags: object, command: Command) => {
      const { setStatus } = await import('./review.js');
      exit(await setStatus(event, status, command.optsWithGlobals<DecisionFlags>()));
    });
  for (const [name, same, what] of [
    ['split', false, 'two incidents are different acts: never in one event'],
    ['join', true, 'two incidents are the same act: always in one event'],
  ] as const) {
    const decision = review
      .command(name)
      .description(what)
      .argument('<incident-a>', 'an incident id as `review` lists it (DOCUMENT#iN)')
      .argument('<incident-b>', 'the other incident')
      .option('--by <name>', 'who decides, for the audit log (default: the login name)');
    if (same)
      decision.option(
        '--detach',
        'join even if a third incident must leave the event (each one is named)',
      );
    decision.action(async (a: string, b: string, _flags: object, command: Command) => {
      const { decide } = await import('./review.js');
      exit(await decide(a, b, same, command.optsWithGlobals<JoinFlags>()));
    });
  }

  cli
    .command('serve')
    .description('the HTTP API and the review app, for a team (accounts: `wathiq user add`)')
    .option('--port <n>', 'the port to listen on', positive, 8080)
    .option('--host <address>', 'the address to listen on (0.0.0.0: every one)', '127.0.0.1')
    .option(DB_OPTION, DB_HELP)
    .option(DATA_OPTION, DATA_HELP)
    .action(async (flags: ServeFlags) => {
      const { runServe } = await import('./serve.js');
      exit(await runServe(flags));
    });

  const evidence = cli
    .command('evidence')
    .description('the original bytes behind an event or a report: hashes, sources, capture times')
    .argument('[id]', 'an event id (ev:…), a report id (sha256:…) or a capture’s SHA-256')
    .option('--save <dir>', 'write the original bytes there, with manifest.json and SHA256SUMS')
    .option(DB_OPTION, DB_HELP)
    .option(DATA_OPTION, DATA_HELP)
    .action(async (id: string | undefined, flags: StoreFlags & { save?: string }) => {
      if (id === undefined) throw new UsageError('evidence.which');
      const { showEvidence } = await import('./evidence.js');
      exit(await showEvidence(id, flags));
    });
  evidence
    .command('verify')
    .description('hash every stored capture again and report any that no longer match')
    .action(async (_flags: object, command: Command) => {
      const { verifyEvidence } = await import('./evidence.js');
      exit(await verifyEvidence(command.optsWithGlobals<StoreFlags>()));
    });

  cli
    .command('start')
    .description(
      'what `npm start` runs: the example reports and an admin on a first start, then the app',
    )
    .option('--port <n>', 'the port to listen on', positive, 8080)
    .option('--host <address>', 'the address to listen on (0.0.0.0: every one)', '127.0.0.1')
    .option(DB_OPTION, DB_HELP)
    .option(DATA_OPTION, DATA_HELP)
    .action(async (flags: StartFlags) => {
      const { runStart } = await import('./start.js');
      exit(await runStart(flags));
    });

  addAccountCommands(cli, exit);
  localizeHelp(cli, currentLang());

  const gazetteer = cli
    .command('gazetteer')
    .description('the places wathiq knows: add your own, import more, see how a phrase reads');
  gazetteer
    .command('add')
    .description('add a place (a village, a farm, a checkpoint…) to your places file')
    .argument('<name>', 'its Arabic name as reports write it (Arabic letters only)')
    .requiredOption('--lat <degrees>', 'latitude (WGS84)', coordinate(90))
    .requiredOption('--lon <degrees>', 'longitude (WGS84)', coordinate(180))
    .requiredOption(
      '--parent <p-code>',
      'the place it lies in (SY1101, C5710…); the point must lie in its governorate',
    )
    .option('--variants <a|b>', 'other Arabic spellings, separated by |')
    .option('--kind <kind>', `one of ${ADDABLE_KINDS.join(', ')}`, placeKind)
    .option('--name-en <name>', 'its English name')
    .option('--id <id>', 'an id of your own (default: derived from the name and parent)')
    .option(DATA_OPTION, DATA_HELP)
    .action(async (name: string, flags: AddFlags & { data?: string }) => {
      const { addPlace } = await import('./gazetteer.js');
      exit(addPlace(dataDir(flags.data), name, flags));
    });
  gazetteer
    .command('remove')
    .description('take a place you added or imported out of your places file')
    .argument('<place>', 'its id (user:…) or its Arabic name')
    .option(DATA_OPTION, DATA_HELP)
    .action(async (place: string, flags: { data?: string }) => {
      const { removePlace } = await import('./gazetteer.js');
      exit(removePlace(dataDir(flags.data), place));
    });
  gazetteer
    .command('import')
    .description(
      'import GeoNames dumps (IQ.txt, cities500.txt) or places tables into your places file',
    )
    .argument('<file...>', 'GeoNames dump files, or CSV/TSV files in the places format')
    .option(DATA_OPTION, DATA_HELP)
    .action(async (files: string[], flags: { data?: string }) => {
      const { importFiles } = await import('./gazetteer.js');
      exit(importFiles(dataDir(flags.data), files));
    });
  gazetteer
    .command('lookup')
    // The Arabic example isolated, as in every English line.
    .description('show how wathiq reads the places in a phrase (\u2068«غرب مدينة الطبقة»\u2069)')
    .argument('<text...>', 'phrases or sentences')
    .option(DATA_OPTION, DATA_HELP)
    .action(async (texts: string[], flags: { data?: string }) => {
      const { lookup } = await import('./gazetteer.js');
      exit(lookup(dataDir(flags.data), texts));
    });

  cli
    .command('eval')
    .description('score extraction against gold annotations (shared/spec/gold.md)')
    .argument('<dir...>', 'folders of NAME.txt|html with NAME.gold.json')
    .option('-v, --verbose', 'list every miss, to study them')
    .option(
      '--link',
      "also link reports into events and score same-event pairs against manifest.tsv's clusters",
    )
    .option(
      '--baseline <file>',
      'fail (status 1) when a score falls below the one this JSON file gives it',
    )
    .action(async (dirs: string[], flags: EvalFlags) => {
      const { runEval } = await import('./eval.js');
      exit(await runEval(dirs, flags));
    });

  return cli;
}

/** `wathiq user …` and `wathiq token …`: the server's accounts, from the command line. */
function addAccountCommands(cli: Command, exit: (code: number) => void): void {
  const BY_HELP = 'who makes the change, for the audit log (default: the login name)';
  const user = cli
    .command('user')
    .description('the people who use `wathiq serve`: add them, give them a role, disable them');
  user
    .command('add')
    .description('add a user (the password is asked at the terminal)')
    .argument('<name>', 'the sign-in name')
    .requiredOption('--role <role>', ROLES.join(' | '), role)
    .option('--password-stdin', 'read the password from standard input instead')
    .option('--by <name>', BY_HELP)
    .option(DB_OPTION, DB_HELP)
    .option(DATA_OPTION, DATA_HELP)
    .action(async (name: string, flags: PasswordFlags & { role: Role; by?: string }) => {
      const { userAdd } = await import('./accounts.js');
      exit(await userAdd(name, flags));
    });
  user
    .command('list')
    .description('every user, their role, disabled or not')
    .option(DB_OPTION, DB_HELP)
    .option(DATA_OPTION, DATA_HELP)
    .action(async (flags: StoreFlags) => {
      const { userList } = await import('./accounts.js');
      exit(await userList(flags));
    });
  user
    .command('role')
    .description("change a user's role")
    .argument('<name>', 'the user')
    .argument('<role>', ROLES.join(' | '), role)
    .option('--by <name>', BY_HELP)
    .option(DB_OPTION, DB_HELP)
    .option(DATA_OPTION, DATA_HELP)
    .action(async (name: string, newRole: Role, flags: StoreFlags & { by?: string }) => {
      const { userRole } = await import('./accounts.js');
      exit(await userRole(name, newRole, flags));
    });
  for (const [verb, disabled, what] of [
    ['disable', true, 'stop a user signing in; their sessions and tokens stop at once'],
    ['enable', false, 'let a disabled user sign in again'],
  ] as const) {
    user
      .command(verb)
      .description(what)
      .argument('<name>', 'the user')
      .option('--by <name>', BY_HELP)
      .option(DB_OPTION, DB_HELP)
      .option(DATA_OPTION, DATA_HELP)
      .action(async (name: string, flags: StoreFlags & { by?: string }) => {
        const { userDisabled } = await import('./accounts.js');
        exit(await userDisabled(name, disabled, flags));
      });
  }
  user
    .command('password')
    .description("set a user's password (asked at the terminal); their sessions end")
    .argument('<name>', 'the user')
    .option('--password-stdin', 'read the password from standard input instead')
    .option('--by <name>', BY_HELP)
    .option(DB_OPTION, DB_HELP)
    .option(DATA_OPTION, DATA_HELP)
    .action(async (name: string, flags: PasswordFlags & { by?: string }) => {
      const { userPassword } = await import('./accounts.js');
      exit(await userPassword(name, flags));
    });

  const token = cli.command('token').description('keys for scripts that use the API');
  token
    .command('create')
    .description('make a token for a user and print it (only its hash is kept)')
    .argument('<user>', 'whose rights the token carries')
    .option('--name <label>', 'what it is for (default: script)')
    .option('--by <name>', BY_HELP)
    .option(DB_OPTION, DB_HELP)
    .option(DATA_OPTION, DATA_HELP)
    .action(async (name: string, flags: StoreFlags & { name?: string; by?: string }) => {
      const { tokenCreate } = await import('./accounts.js');
      exit(await tokenCreate(name, flags));
    });
  token
    .command('list')
    .description("the tokens, everyone's or a user's")
    .argument('[user]', 'only this user')
    .option(DB_OPTION, DB_HELP)
    .option(DATA_OPTION, DATA_HELP)
    .action(async (name: string | undefined, flags: StoreFlags) => {
      const { tokenList } = await import('./accounts.js');
      exit(await tokenList(name, flags));
    });
  token
    .command('revoke')
    .description('stop a token working')
    .argument('<id>', 'the token id as `token list` shows it')
    .option('--by <name>', BY_HELP)
    .option(DB_OPTION, DB_HELP)
    .option(DATA_OPTION, DATA_HELP)
    .action(async (id: string, flags: StoreFlags & { by?: string }) => {
      const { tokenRevoke } = await import('./accounts.js');
      exit(await tokenRevoke(id, flags));
    });
}

/** The status when another process holds the embedded store: try again later (sysexits' EX_TEMPFAIL). */
export const STORE_BUSY = 75;
/** The status when the disk under the store is full (sysexits' EX_IOERR). */
export const STORE_FULL = 74;

/** Exit statuses, the same for every command (README, «Exit status»). */
export const EXIT = {
  done: 0,
  inputsFailed: 1,
  usage: 2,
  storeUnavailable: 3,
} as const;

/**
 * The words of an error, whatever was thrown: the WebAssembly database throws
 * plain objects and numbers, not Errors, and «[object Object]» tells no one anything.
 */
function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null) {
    const message = (error as { message?: unknown }).message;
    if (typeof message === 'string' && message !== '') return message;
    return `unexpected failure: ${inspect(error, { depth: 1, breakLength: Infinity })}`;
  }
  return `unexpected failure: ${String(error)}`;
}

/** The status and the one line an error ends the command with. */
async function ending(error: unknown): Promise<{ status: number; line: string | null }> {
  if (error instanceof CommanderError)
    // Commander has printed its one line already («error: option '--from <date>' argument …»).
    return { status: error.exitCode === 0 ? EXIT.done : EXIT.usage, line: null };
  const message = describeError(error);
  if (error instanceof UsageError) return { status: EXIT.usage, line: error.said() };
  // Loaded already by any command that opened a store; `extract` pays for it only on a failure.
  const { StoreBusyError, StoreFullError, StoreUnavailableError, ROOM_NEEDED } =
    await import('../store/index.js');
  if (error instanceof StoreBusyError) {
    const { holder } = error;
    return {
      status: STORE_BUSY,
      line: say('store.busy', {
        folder: iso(error.folder),
        command: iso(holder.command),
        pid: holder.pid,
        where: holder.host === hostname() ? '' : say('store.busyHost', { host: iso(holder.host) }),
        since: iso(holder.since.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')),
      }),
    };
  }
  if (error instanceof StoreFullError) {
    const location = iso(error.location);
    const line =
      error.free === null
        ? say('store.full', { location })
        : say('store.fullRoom', {
            location,
            free: (error.free / MB).toFixed(0),
            needed: ROOM_NEEDED / MB,
          });
    return { status: STORE_FULL, line };
  }
  if (error instanceof StoreUnavailableError) {
    const location = iso(error.location);
    const line =
      error.reason.kind === 'missing'
        ? say('store.missing', { location })
        : say(error.reason.kind === 'uncreatable' ? 'store.uncreatable' : 'store.unreachable', {
            location,
            detail: iso(error.reason.detail),
          });
    return { status: EXIT.storeUnavailable, line };
  }
  return { status: EXIT.inputsFailed, line: problem(message.split('\n')[0] ?? message) };
}

const MB = 1024 * 1024;

/** Commander's one-line errors it prints itself, by their English shape. */
const COMMANDER_ERRORS: readonly (readonly [RegExp, (m: RegExpExecArray) => string])[] = [
  [
    /^error: option (.+?) argument (.+?) is invalid\. (.*)$/s,
    (m) =>
      say('commander.invalid', {
        option: iso(m[1] ?? ''),
        value: iso(m[2] ?? ''),
        why: m[3] ?? '',
      }),
  ],
  [
    /^error: unknown option ('[^']*')(.*)$/s,
    (m) => say('commander.unknownOption', { option: iso(m[1] ?? ''), rest: m[2] ?? '' }),
  ],
  [
    /^error: unknown command ('[^']*')(.*)$/s,
    (m) => say('commander.unknownCommand', { command: iso(m[1] ?? ''), rest: m[2] ?? '' }),
  ],
  [
    /^error: missing required argument (.+)$/s,
    (m) => say('commander.missingArgument', { argument: iso(m[1] ?? '') }),
  ],
  [
    /^error: required option (.+?) not specified$/s,
    (m) => say('commander.missingOption', { option: iso(m[1] ?? '') }),
  ],
  [
    /^error: option (.+?) argument missing$/s,
    (m) => say('commander.optionValue', { option: iso(m[1] ?? '') }),
  ],
  [/^error: too many arguments(.*)$/s, (m) => say('commander.tooMany', { rest: m[1] ?? '' })],
];

/** A line commander prints, in the language of the run (its English when no shape fits). */
function commanderError(text: string): string {
  const line = text.replace(/\n$/, '');
  for (const [shape, words] of COMMANDER_ERRORS) {
    const m = shape.exec(line);
    if (m !== null) return `${words(m)}\n`;
  }
  return text;
}

/** How `main` is run. */
export interface MainOptions {
  /**
   * The process is the command's own (bin/wathiq.js): it may set the
   * process's V8 flags (claimProcess, holdHeapClose). A host calling `main` in its own
   * process, a test, leaves it out.
   */
  readonly ownProcess?: boolean;
}

/** Runs the command line and resolves with the exit status. */
export async function main(argv: readonly string[], options: MainOptions = {}): Promise<number> {
  claimProcess(options.ownProcess === true);
  chooseLang(argv);
  endQuietlyOnClosedPipe(process.stdout, 'standard output');
  let status = 0;
  try {
    await program((code) => {
      status = code;
    }).parseAsync([...argv]);
  } catch (error) {
    const end = await ending(error);
    if (end.line !== null) process.stderr.write(`${pc.red('wathiq:')} ${printable(end.line)}\n`);
    if (argv.includes('--debug'))
      process.stderr.write(
        `${error instanceof Error && error.stack !== undefined ? error.stack : inspect(error)}\n`,
      );
    return end.status;
  }
  return status;
}
