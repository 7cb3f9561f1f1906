import { setFlagsFromString } from 'node:v8';

/**
 * How far the JavaScript heap may grow past what survived its last full
 * collection before it is collected again: half as much again. Ingesting
 * keeps little (some 40 MB: the gazetteer, dictionaries and a batch in hand)
 * but makes a great deal of short-lived garbage, and V8 on its own let the
 * heap reach three times what it kept before collecting it: 10,000 reports
 * peaked at 320–390 MB, against 280–290 MB this way, for the same CPU time
 * (`npm run bench:store` measures it).
 */
const HEAP_GROWTH_PERCENT = 50;

/** Whether this process is the `wathiq` command's own (bin/wathiq.js), not a host calling `main`. */
let ownProcess = false;

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
 * Says that the process is the command's own: its flags are the command's to
 * set, and it compiles for a command's run (INLINED_BYTECODE_LIMIT). A host
 * that runs the command in its own process (a test runner's worker) keeps its
 * flags as it set them: a flag outlives the command, for every test the
 * worker runs after.
 */
export function claimProcess(): void {
  ownProcess = true;
  setFlagsFromString(`--max-inlined-bytecode-size-cumulative=${String(INLINED_BYTECODE_LIMIT)}`);
}

/**
 * Holds a long ingest's heap close to what it keeps (above), in the command's
 * own process only (claimProcess). V8 reads the flag at each full collection,
 * so setting it once the process runs takes effect; Node does not promise
 * what a flag set after start-up does, and `bench:store` is where a Node
 * upgrade that ignores it shows.
 */
export function holdHeapClose(): void {
  if (ownProcess) setFlagsFromString(`--heap-growing-percent=${String(HEAP_GROWTH_PERCENT)}`);
}
