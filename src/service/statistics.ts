import { refreshStaleStatistics } from '../store/index.js';
import type { Database } from '../store/index.js';

/**
 * The planner's statistics refreshed after a request's bulk work, behind its
 * reply. On a large store the refresh (ANALYZE, and VACUUM of the events) takes
 * seconds: an upload that waited for it would keep its sender waiting for
 * work that is not theirs. Asks made while a refresh runs make one more run
 * after it, not one each.
 */
export interface BackgroundStatistics {
  /** Refreshes them if stale (refreshStaleStatistics), once the reply now being sent is on its way. */
  request(): void;
  /** Resolves once no refresh runs or waits: before the store is closed. */
  settled(): Promise<void>;
}

/** Refreshes in the background; a failure is handed to `failed` (the log), never to a request. */
export function backgroundStatistics(
  db: Database,
  failed: (error: unknown) => void,
): BackgroundStatistics {
  let running: Promise<void> | null = null;
  let asked = false;
  const run = async (): Promise<void> => {
    // A check-phase callback runs after the turn in which the reply was written to its socket.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (asked) {
      asked = false;
      try {
        await refreshStaleStatistics(db);
      } catch (error) {
        failed(error);
      }
    }
    // In the turn the last run ended: an ask from here on starts a new one.
    running = null;
  };
  return {
    request() {
      asked = true;
      running ??= run();
    },
    async settled() {
      while (running !== null) await running;
    },
  };
}
