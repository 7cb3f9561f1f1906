import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Where a long ingest stores what it reads: in this process (PGlite), or on a PostgreSQL server. */
export type StoreEngine = 'embedded' | 'server';

/**
 * How far the JavaScript heap may grow past what survived its last full
 * collection before it is collected again, by where an ingest stores. Ingesting
 * keeps little (some 40 MB: the gazetteer, dictionaries and a batch in hand)
 * but makes a great deal of short-lived garbage, and V8 on its own let the
 * heap reach three times what it kept before collecting it: 10,000 reports
 * into the embedded engine peaked at 320–390 MB, against 280–290 MB with half
 * as much again, for the same CPU time (`npm run bench:store` measures it).
 *
 * Into a server, whose engine's memory is not the process's, twice as much:
 * each full collection also drops the optimised code of every closure none
 * holds at that moment (the `(x) => …` given to map or filter, made afresh at
 * each call), which V8 then compiles again. 20,000 reports into a server,
 * with half as much again, made 26 full collections and 2,618 optimised
 * functions, ~70 closures compiled again after each; with twice as much (and
 * nothing else changed: a young collection was still forced after each
 * batch), 14 and 1,703, for 19.6–22.4 s of the command's CPU against 22.1–24.0 (3
 * alternated runs at load 5–8), peaking at 239–253 MB against 218–221
 * (10,000 of one month: 237 against 209).
 */
const HEAP_GROWTH_PERCENT: Readonly<Record<StoreEngine, number>> = { embedded: 50, server: 100 };

/**
 * How much V8 grows the young generation each time it finds it too small: not
 * at all. Left to itself it grew to 16–32 MB (its two halves together) within
 * the first second of an ingest, loading the modules and the gazetteer, and
 * kept that for the rest of the run whatever was young in it; which of the two
 * it reached decided whether 10,000 reports of one month peaked under 300 MB.
 * The young generation can be given no other size once the process runs: the
 * flag is what holds it. Held at 2 MB from the start, that run peaked at
 * 262–268 MB against 268–312, for more CPU: 96–98 s against 83–86 (a
 * collection every megabyte, and what a batch holds a while promoted). That is
 * the embedded engine, whose memory shares the process with the heap; an
 * ingest into a PostgreSQL server peaks far lower, and there the young
 * generation grows again once the command knows its store (holdHeapClose);
 * beside the embedded engine it is held until the first batch is stored, then
 * steered to a size of its own (EMBEDDED_YOUNG_BYTES).
 */
const YOUNG_GROWTH_FACTOR = 1;

/**
 * The command a command line names: its first word after the script that is
 * not an option. Of the global options only `--lang` takes a value (as the
 * next word or after `=`); the command's own options come after it.
 */
export function commandOf(argv: readonly string[]): string | undefined {
  for (let k = 2; k < argv.length; k++) {
    const arg = argv[k] ?? '';
    if (arg === '--lang') k++;
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

/** Whether this process is the `wathiq` command's own (bin/wathiq.js), not a host calling `main`. */
let ownProcess = false;

/**
 * Holds the young generation at its first size (1 MB a half) from before the
 * command's modules load, in the command's own process (bin/wathiq.js calls it
 * first, which is when V8 would grow it): for an `ingest` until it knows its
 * store, beside the embedded engine until its first batch is stored (above),
 * and for an `extract` until its knowledge is loaded (releaseYoungGeneration).
 * Reading the knowledge back from its cache makes some 10 MB of objects, 6 MB
 * of them kept: held, the young generation commits fewer pages meanwhile
 * (8,000 page faults a run against 9,800; its collections take as long), and
 * a one-line `extract` ends 0.02 s sooner on a quiet machine (of 0.32 s), up
 * to 0.06 s at load 3 (alternated runs).
 */
export function holdYoungGeneration(argv: readonly string[]): void {
  const command = commandOf(argv);
  if (command === 'ingest' || command === 'extract')
    setFlagsFromString(`--semi-space-growth-factor=${String(YOUNG_GROWTH_FACTOR)}`);
}

/** V8's own growth factor of the young generation (its default), which an `extract` goes back to. */
const V8_YOUNG_GROWTH_FACTOR = 2;

/**
 * Lets the young generation of an `extract` grow as V8 would, once its
 * knowledge is loaded, in the command's own process only: held for a whole
 * run, 1,160 reports took ~10% more CPU (a collection every megabyte).
 */
export function releaseYoungGeneration(): void {
  if (ownProcess)
    setFlagsFromString(`--semi-space-growth-factor=${String(V8_YOUNG_GROWTH_FACTOR)}`);
}

/**
 * How much bytecode V8's optimising compiler may inline into one function, in
 * all (V8's own limit is 920). Extraction's rules are hundreds of small
 * functions, and a command's run is mostly its first few thousand reports:
 * with V8's limit the largest callers (readReportFrames, weighRoles,
 * gatherIncidents) swallowed their rules whole and took 0.5–1 s each to
 * optimise, on top of the reports read slowly meanwhile. With 200, `extract
 * --ndjson` over 1,680 real reports takes some 20% less CPU, and a process
 * warmed up reads reports as fast as with V8's limit.
 */
const INLINED_BYTECODE_LIMIT = 200;

/**
 * Says, at each command, whether the process is the command's own: if so, its
 * flags are the command's to set, and it compiles for a command's run
 * (INLINED_BYTECODE_LIMIT). A host that runs the command in its own process (a
 * test runner's worker) keeps its flags as it set them: a flag outlives the
 * command, for every test the worker runs after.
 */
export function claimProcess(own: boolean): void {
  ownProcess = own;
  // An ingest that failed before its batches began (its store unopenable) left its collector
  // and its steering armed: each command starts with neither, a host's command with no flag set.
  batchesStored();
  collectYoung = () => undefined;
  if (own)
    setFlagsFromString(`--max-inlined-bytecode-size-cumulative=${String(INLINED_BYTECODE_LIMIT)}`);
}

/**
 * Holds a long ingest's heap close to what it keeps (above, by engine), in the command's
 * own process only (claimProcess). V8 reads the flag at each full collection,
 * so setting it once the process runs takes effect; Node does not promise
 * what a flag set after start-up does, and `bench:store` is where a Node
 * upgrade that ignores it shows.
 *
 * The young generation is held at its first size only beside the embedded
 * engine. Into a server, held, it was collected every megabyte: 1,280 young
 * collections, 0.84 s, in 5,000 reports' ingest (24% of the samples of the
 * command's main thread busy, in a CPU profile). Let grow, the command spent
 * 1.13–1.14 ms of CPU a report against 1.26–1.33 (3 alternated runs each),
 * peaking at 169–182 MB against 140–142; 10,000 reports of one month 2.33
 * against 3.11 ms, peaking at 209 MB against 190.
 */
export function holdHeapClose(engine: StoreEngine): void {
  if (!ownProcess) return;
  const embedded = engine === 'embedded';
  setFlagsFromString(`--heap-growing-percent=${String(HEAP_GROWTH_PERCENT[engine])}`);
  // An ingest's young generation is held from the start (holdYoungGeneration): into a server it is
  // let go here. A worker's was never held, and keeps V8's own growth.
  const growth = embedded ? YOUNG_GROWTH_FACTOR : V8_YOUNG_GROWTH_FACTOR;
  setFlagsFromString(`--semi-space-growth-factor=${String(growth)}`);
  if (!embedded) return;
  // Only the embedded engine's buffers need a young collection after each batch (sweepBatch).
  exposeYoungCollection();
  steerYoung = startSteering;
}

/**
 * The young generation an embedded ingest is let grow to once its first batch
 * is stored, its two halves together: 4 MB a half. Held at its first 1 MB a
 * half, it was collected every megabyte (20,000 reports: 5,467 collections,
 * 7.2 s of their pauses, some 12% of the command's CPU), and what a batch
 * holds a while was promoted, to be marked and compacted later. At 4 MB a
 * half, 10,000 reports of one month took 6–7% less CPU (69.8–77.0 s against
 * 75.0–82.7, medians 76.8 and 82.3; 3 runs each, run side by side with the
 * build before at load 8–13), peaking at 276–277 MB against 277–280; 20,000
 * reports 5–6% less (59.1–75.9 s against 62.9–80.3), peaking at 275–286 MB
 * against 279–282; 10,000 at `--batch` 1,000 and 10,000, 247 MB. At 8 MB a
 * half (set on Node's command line) they peaked at 287 MB, and 20,000 at 292:
 * too near the goal of 300.
 */
const EMBEDDED_YOUNG_BYTES = 8 * 2 ** 20;

/**
 * How often the young generation's size is looked at, once steered: V8 grows
 * it after scavenges, between two batches' ends too. Looked at only at each
 * batch's end, it reached 16 MB a half at `--batch` 500 (2,000 reports). The
 * timer ticks when the event loop turns: during the engine's queries (db.ts
 * takes a turn after 20 ms of them), not during a batch's extraction; the
 * looks came 65–69 ms apart (median), at most 649 ms.
 */
const STEER_EVERY_MS = 50;

/** The bytes of V8's young generation, its two halves together. */
function youngBytes(): number {
  return getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0;
}

/**
 * Lets V8 grow the young generation (doubling it) while it is under
 * EMBEDDED_YOUNG_BYTES, and holds it once there. Its size cannot be set once
 * the process runs, and V8 shrinks it at will (after a stretch of the engine's
 * queries, little is allocated): the growth factor is all there is to steer by.
 */
function steerYoungGeneration(): void {
  const growth = youngBytes() < EMBEDDED_YOUNG_BYTES ? V8_YOUNG_GROWTH_FACTOR : YOUNG_GROWTH_FACTOR;
  setFlagsFromString(`--semi-space-growth-factor=${String(growth)}`);
}

/** The young generation steered until the ingest's batches are stored (batchesStored). */
let steering: NodeJS.Timeout | undefined;

/**
 * Starts steering the young generation, after the first batch: until then,
 * opening the engine (its WebAssembly, its files) leaves so much alive that
 * V8 doubled it four times before the first look.
 */
function startSteering(): void {
  steerYoung = () => undefined;
  steerYoungGeneration();
  steering = setInterval(steerYoungGeneration, STEER_EVERY_MS).unref();
}

/** Where an embedded ingest asked for it (holdHeapClose), starts steering; nothing elsewhere. */
let steerYoung = (): void => undefined;

/** The ingest's batches are stored: its young generation is no longer steered. */
export function batchesStored(): void {
  clearInterval(steering);
  steering = undefined;
  steerYoung = () => undefined;
}

/** Gives sweepBatch V8's collector of the young generation. */
function exposeYoungCollection(): void {
  // The collector is given to contexts made once the flag is set: one made here hands it over.
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext("typeof gc === 'function' ? gc : null") as Collector | null;
  if (gc !== null)
    collectYoung = () => {
      gc({ type: 'minor' });
    };
}

/** V8's collector as `--expose-gc` gives it. */
type Collector = (options: { readonly type: 'minor' | 'major' }) => void;

/** A collection of the young generation alone (holdHeapClose); nothing where it was not asked for. */
let collectYoung = (): void => undefined;

/**
 * Lets go of what a batch left behind, once it is stored: the buffers the
 * embedded engine's protocol made of its statements (a batch's rows sent as
 * JSON, copied four times over on the way in) are freed only when their
 * wrappers are collected, and between two collections V8 let them pile up
 * batch after batch (+20–30 MB at the peak of 10,000 reports of one month,
 * in the C heap, which then stays as large). A young collection after each
 * batch costs a few ms against a batch's ~0.5 s; an ingest of 10,000 reports
 * of one month peaked at 289–299 MB with it (4 runs), 304–306 without. An
 * ingest into a server has no such buffers, and no collection is forced.
 */
export function sweepBatch(): void {
  // After the first batch, the embedded engine's young generation is steered (EMBEDDED_YOUNG_BYTES).
  collectYoung();
  steerYoung();
}
