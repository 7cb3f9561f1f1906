/**
 * The share of a function's time spent in one of its callees, read from V8's
 * sampling profiler while the function runs as it always does: each sample is
 * a stack, and the share is the samples with the callee on their stack over
 * those with the function on it. Nothing is left out of the run or timed
 * apart, so the callee costs what it costs where it runs (its data cold after
 * the stages before it, its garbage collected while theirs is alive), and two
 * timings are not subtracted, whose noise on a shared machine was as large as
 * the difference.
 *
 * A sample taken while the garbage collector runs has no JavaScript stack: it
 * goes to the stack of the sample before it, the code whose allocation the
 * collection most likely paused.
 */
import { Session } from 'node:inspector/promises';

/** A profile as `Profiler.stop` gives it, with the fields read here. */
export interface SampledProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: { readonly functionName: string };
    readonly children?: readonly number[];
  }[];
  readonly samples?: readonly number[];
}

/** Samples with `outer` on their stack, and of those with `inner` on it too. */
export interface StageSamples {
  readonly outer: number;
  readonly inner: number;
}

const GARBAGE_COLLECTOR = '(garbage collector)';

/** What each profile node's stack holds: `outer`, `inner` below it, neither; and whether it is the collector. */
function stacksOf(
  profile: SampledProfile,
  outer: string,
  inner: string,
): Map<number, { outer: boolean; inner: boolean; collector: boolean }> {
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parentOf.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const stacks = new Map<number, { outer: boolean; inner: boolean; collector: boolean }>();
  for (const node of profile.nodes) {
    let hasOuter = false;
    let hasInner = false;
    for (let id: number | undefined = node.id; id !== undefined; id = parentOf.get(id)) {
      const name = byId.get(id)?.callFrame.functionName;
      if (name === outer) hasOuter = true;
      // Only where `outer` called it: the same function called elsewhere is not its stage.
      if (name === inner && !hasOuter) hasInner = true;
    }
    stacks.set(node.id, {
      outer: hasOuter,
      inner: hasOuter && hasInner,
      collector: node.callFrame.functionName === GARBAGE_COLLECTOR,
    });
  }
  return stacks;
}

/** Counts a profile's samples under `outer`, and under `inner` within it (functions by name). */
export function stageSamples(profile: SampledProfile, outer: string, inner: string): StageSamples {
  const stacks = stacksOf(profile, outer, inner);
  let inOuter = 0;
  let inInner = 0;
  let previous: { outer: boolean; inner: boolean } | undefined;
  for (const id of profile.samples ?? []) {
    const stack = stacks.get(id);
    if (stack === undefined) continue;
    const charged = stack.collector ? previous : stack;
    if (!stack.collector) previous = stack;
    if (charged?.outer !== true) continue;
    inOuter++;
    if (charged.inner) inInner++;
  }
  return { outer: inOuter, inner: inInner };
}

/** How often the profiler samples the stack while a share is measured, in µs. */
export const SAMPLE_EVERY_US = 100;

/**
 * Runs `work` under the sampling profiler and counts its samples under the
 * functions `outer` and, within it, `inner` (by their names).
 */
export async function sampleStage(
  work: () => void,
  outer: string,
  inner: string,
): Promise<StageSamples> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: SAMPLE_EVERY_US });
    await session.post('Profiler.start');
    work();
    const { profile } = await session.post('Profiler.stop');
    return stageSamples(profile, outer, inner);
  } finally {
    session.disconnect();
  }
}
