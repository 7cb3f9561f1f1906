/**
 * `{ ...value, ...change }` as an object of the shape every such copy of that
 * kind of object has: its fields written one by one, in their order, into a
 * new object. V8 gives a spread copy a shape that depends on the shape it was
 * copied from, so that copies of copies multiply the shapes; past four, every
 * read of a field of such objects goes through V8's slow generic path. The
 * event frames, copied by several rules, came in 7 shapes in the dev reports.
 *
 * @example
 * changed({ tally: false, strength: 2 }, { tally: true }); // { tally: true, strength: 2 }
 */
export function changed<T extends object, C extends object>(value: T, change: C): T & C {
  const copy: Record<string, unknown> = {};
  const from = value as Record<string, unknown>;
  const changes = change as Record<string, unknown>;
  for (const key of Object.keys(from)) copy[key] = from[key];
  // A field written again keeps its place, as in a spread.
  for (const key of Object.keys(changes)) copy[key] = changes[key];
  // Typed as TypeScript types the spread.
  return copy as T & C;
}
