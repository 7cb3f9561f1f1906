import { setImmediate } from 'node:timers/promises';

/** Lets what else this process has to do (a statement's answer, a request) run before going on. */
export async function giveWay(): Promise<void> {
  await setImmediate();
}

/**
 * The values of `source`, in order; when `ahead`, the next one is asked for
 * as soon as one is given, so that the source works on it while the caller
 * works on this one. A caller that stops early waits for the source to
 * finish the value it was working on, and drops it: a source that may wait
 * long (for work to come) must be told to stop first.
 */
export async function* readAhead<V>(source: AsyncGenerator<V>, ahead: boolean): AsyncGenerator<V> {
  let next = asked(source);
  try {
    for (;;) {
      const step = await next;
      if (step.done === true) return;
      if (ahead) next = asked(source);
      yield step.value;
      if (!ahead) next = asked(source);
    }
  } finally {
    await source.return(undefined);
  }
}

/**
 * The source's next value, its failure marked as handled at once: a value
 * read ahead may fail long before the caller comes to it, which is when its
 * failure is thrown (or never, if the caller stops first).
 */
function asked<V>(source: AsyncGenerator<V>): Promise<IteratorResult<V>> {
  const next = source.next();
  next.catch(() => undefined);
  return next;
}
