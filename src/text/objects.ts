/**
 * `{ ...value, ...change }` as an object of the shape every such copy of that
 * kind of object has: a spread of `value` alone, then the changed fields
 * written into it. V8 clones a spread of one object with its shape's layout,
 * and a field written again keeps that shape, so copies of copies share one
 * shape. A spread followed by other fields gave shapes that depended on the
 * shape copied from, and fields written one by one by name into `{}` put an
 * object of more than some 16 fields in dictionary mode (a table looked up at
 * every read of a field): the event frames, copied by several rules, have 25.
 *
 * @example
 * changed({ tally: false, strength: 2 }, { tally: true }); // { tally: true, strength: 2 }
 */
export function changed<T extends object, C extends object>(value: T, change: C): T & C {
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  const changes = change as Record<string, unknown>;
  // A field written again keeps its place, as in a spread.
  for (const key of Object.keys(changes)) copy[key] = changes[key];
  // Typed as TypeScript types the spread.
  return copy as T & C;
}
