import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { migrate, openDatabase } from '../../src/store/index.js';
import type { Database, QueryOptions } from '../../src/store/index.js';

/** A database engine the store tests run on. */
export interface Engine {
  readonly name: string;
  /** A fresh, empty store with the schema. */
  open(): Promise<Database>;
  /** A fresh, empty store with the schema as it was at a version: to test the migrations after it. */
  openAt(version: number): Promise<Database>;
}

/** A database with the schema up to a version (all of it by default). */
async function migrated(url: string | null, version = Infinity): Promise<Database> {
  const db = await openDatabase(url === null ? {} : { url });
  try {
    await migrate(db, version);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

let counter = 0;

/** A database of its own on the PostgreSQL server of DATABASE_URL, dropped when the store closes. */
async function freshServerStore(url: string, version = Infinity): Promise<Database> {
  counter++;
  const name = `wathiq_test_${String(process.pid)}_${String(counter)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = await migrated(target.toString(), version);
  return {
    ...db,
    close: async () => {
      await db.close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name}`);
      await cleanup.end();
    },
  };
}

/** The embedded engine always; the PostgreSQL server too when DATABASE_URL names one (as CI does). */
export function engines(): Engine[] {
  const list: Engine[] = [
    { name: 'PGlite', open: () => migrated(null), openAt: (version) => migrated(null, version) },
  ];
  const url = process.env.DATABASE_URL;
  if (url !== undefined && url !== '')
    list.push({
      name: 'PostgreSQL',
      open: () => freshServerStore(url),
      openAt: (version) => freshServerStore(url, version),
    });
  return list;
}

/** Empties every table, keeping the schema: a clean store between tests without starting a new one. */
export async function emptyStore(db: Database): Promise<void> {
  await db.query(
    `TRUNCATE captures, incident_links, link_decisions, events, event_members, incidents, failures, documents,
       audit_log, sessions, tokens, settings, users, corrections, event_corrections RESTART IDENTITY`,
  );
}

/**
 * The calling suite's store on an engine: a fresh one opened before its
 * tests, closed after them. What it gives stands for that store (each call
 * goes to it), so a suite's tests use it as they would the store itself.
 */
export function suiteStore(engine: Engine): Database {
  let opened: Database | null = null;
  beforeAll(async () => {
    opened = await engine.open();
  }, 60_000);
  afterAll(async () => {
    await opened?.close();
  });
  const store = (): Database => {
    if (opened === null)
      throw new Error(`the ${engine.name} store is open only in its suite's tests`);
    return opened;
  };
  return {
    get engine() {
      return store().engine;
    },
    get location() {
      return store().location;
    },
    query: <R extends object>(text: string, params?: readonly unknown[], options?: QueryOptions) =>
      store().query<R>(text, params, options),
    transaction: (work) => store().transaction(work),
    session: (work) => store().session(work),
    close: () => store().close(),
  };
}
