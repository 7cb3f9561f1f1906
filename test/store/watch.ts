import type { Database, QueryOptions, Sql } from '../../src/store/index.js';

/**
 * The database, telling `before` of each statement (in a transaction or a
 * session too)
 * before it runs: to keep it, hold it back until the test lets it go, or stop
 * it by throwing, as a failing server would.
 */
export function watching(db: Database, before: (text: string) => void | Promise<void>): Database {
  const watch = (sql: Sql): Sql => ({
    query: async <R extends object>(
      text: string,
      params?: readonly unknown[],
      options?: QueryOptions,
    ): Promise<R[]> => {
      await before(text);
      return sql.query<R>(text, params, options);
    },
  });
  return {
    ...db,
    ...watch(db),
    transaction: (work) => db.transaction((tx) => work(watch(tx))),
    session: (work) => db.session((session) => work(watch(session))),
  };
}
