import { userInfo } from 'node:os';
import { err as pc } from './colors.js';
import {
  dataDir,
  loadKnowledge,
  openExistingStore,
  ServiceError,
  storeOptions,
} from '../service/index.js';
import type { Actor, ServiceContext } from '../service/index.js';
import type { Knowledge } from '../extract/index.js';
import { openStore } from '../store/index.js';
import type { StoreFlags } from './ingest.js';
import { printable } from './terminal.js';
import { problem } from './problems.js';

/**
 * Whoever runs the command line holds the database itself, so has every right;
 * the audit log names them by `--by`, else their login name.
 */
export function operator(by?: string): Actor {
  return { name: by ?? process.env.USER ?? process.env.USERNAME ?? loginName(), role: 'admin' };
}

/** The login name from the system when the environment has none (a service, cron). */
function loginName(): string {
  try {
    return userInfo().username;
  } catch {
    // No entry for this uid (a container's arbitrary user).
    return 'operator';
  }
}

export function complain(message: string): number {
  process.stderr.write(`${pc.red('wathiq:')} ${printable(message)}\n`);
  return 1;
}

/**
 * Runs a command's work on the store; a request that cannot be carried out is
 * one line, status 1. With `existing`, the store must be there already (review
 * works on stored events: it never makes an empty store).
 */
export async function withService(
  flags: StoreFlags,
  work: (ctx: ServiceContext) => Promise<number>,
  options: { readonly existing?: boolean } = {},
): Promise<number> {
  const db =
    options.existing === true
      ? await openExistingStore(flags)
      : await openStore(storeOptions(flags));
  let knowledge: Knowledge | null = null;
  const ctx: ServiceContext = {
    db,
    knowledge: () => (knowledge ??= loadKnowledge(dataDir(flags.data))),
  };
  try {
    return await work(ctx);
  } catch (error) {
    if (error instanceof ServiceError) return complain(problem(error.message));
    throw error;
  } finally {
    await db.close();
  }
}
