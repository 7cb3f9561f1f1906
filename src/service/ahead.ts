import { setImmediate } from 'node:timers/promises';

/** Lets what else this process has to do (a statement's answer, a request) run before going on. */
export async function giveWay(): Promise<void> {
  await setImmediate();
}

/**
 * The values of `source`, in order; when `ahead`, the next one is asked for
 * as soon as one is given, so that the source works on it while the caller
 * works on this one. A caller that stops early lets the source finish the
 * value it was working on, and drops it.
 */
export async function* readAhead<V>(source: AsyncGenerator<V>, ahead: boolean): AsyncGenerator<V> {
  let next = source.next();
  try {
    for (;;) {
      const step = await next;
      if (step.done === true) return;
      if (ahead) next = source.next();
      yield step.value;
      if (!ahead) next = source.next();
    }
  } finally {
    // Settled or dropped: its failure, if any, is the dropped value's, which nobody waits for.
    next.catch(() => undefined);
    await source.return(undefined);
  }
}
