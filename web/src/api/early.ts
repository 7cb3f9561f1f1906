/**
 * Requests a page makes as it opens, sent as the app starts, beside the
 * session's: the events page asks for its list, counts and timeline at once,
 * not only after the server has said who is signed in (a round trip, and the
 * app's first render, saved). Each is taken once, by the first `useApi` that
 * asks the same; one that failed (nobody signed in yet) is simply asked again.
 */
import { apiGet, queryString, type Query } from './client.js';

const sent = new Map<string, { readonly request: Promise<unknown>; readonly at: number }>();

/**
 * How long an early request stays worth taking: it answers the page as it
 * opens, not a later visit to it (after edits, or after signing in).
 */
const EARLY_FOR_MS = 5000;

const keyOf = (path: string, query: Query): string => path + queryString(query);

export function sendEarly(path: string, query: Query): void {
  const request = apiGet(path, query);
  // Never taken (the person signs in first): its failure is nobody's to hear.
  request.catch(() => undefined);
  sent.set(keyOf(path, query), { request, at: Date.now() });
}

export function takeEarly<T>(path: string, query: Query): Promise<T> | null {
  const key = keyOf(path, query);
  const early = sent.get(key);
  sent.delete(key);
  if (early === undefined || Date.now() - early.at > EARLY_FOR_MS) return null;
  return early.request as Promise<T>;
}
