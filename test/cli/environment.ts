import { afterAll } from 'vitest';

/**
 * Puts these environment variables aside for the calling suite: gone from
 * now, given back when its tests end. Gives what each held, for a suite that
 * uses it itself (the server's URL for the tests that name it).
 */
export function setAside<Name extends string>(
  ...names: readonly Name[]
): Readonly<Record<Name, string | undefined>> {
  const held = {} as Record<Name, string | undefined>;
  for (const name of names) {
    held[name] = process.env[name];
    Reflect.deleteProperty(process.env, name);
  }
  afterAll(() => {
    for (const name of names) {
      const value = held[name];
      if (value !== undefined) process.env[name] = value;
    }
  });
  return held;
}

/**
 * Runs the calling suite's commands on the embedded store: DATABASE_URL (the
 * server other suites use) is put aside until the suite ends. Gives it, for a
 * suite that also runs some commands on the server.
 */
export function onEmbeddedStore(): string | undefined {
  return setAside('DATABASE_URL').DATABASE_URL;
}
