import type { Context } from 'hono';
import type { Logger } from 'pino';
import type { Knowledge } from '../extract/index.js';
import type { Actor, BackgroundStatistics } from '../service/index.js';
import type { Database } from '../store/index.js';

/** How the request proved who sent it: a browser session's cookie, or a script's bearer token. */
export type Credential = 'session' | 'token';

/** What a request carries through the server once it is known who sent it. */
export interface ServerEnv {
  Variables: {
    /** Who sent it; null when nobody signed in. */
    actor: Actor | null;
    credential: Credential | null;
    /** The session's CSRF token, which every change it sends must echo. */
    csrf: string | null;
  };
}

export type ServerContext = Context<ServerEnv>;

/**
 * What the server works with: the store, what wathiq knows (loaded at first
 * need), its log, and the statistics refreshed behind the replies to bulk work.
 */
export interface ServerDeps {
  readonly db: Database;
  readonly knowledge: () => Knowledge;
  readonly log: Logger;
  readonly statistics: BackgroundStatistics;
}
