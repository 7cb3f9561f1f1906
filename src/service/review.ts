import type { ReviewStatus } from '../contracts/index.js';
import type { Knowledge } from '../extract/index.js';
import { decideLink, setReviewStatus } from '../store/index.js';
import type { Database } from '../store/index.js';

/** A request a person made that cannot be carried out, in words for that person. */
export class ReviewError extends Error {}

/** A reviewer's status on an event; false when there is no such event. */
export function setStatus(db: Database, eventId: string, status: ReviewStatus): Promise<boolean> {
  return setReviewStatus(db, eventId, status);
}

/** A person's word on whether two incidents are one act; their events are regrouped at once. */
export async function decide(
  db: Database,
  knowledge: Knowledge,
  pair: { readonly a: string; readonly b: string; readonly same: boolean; readonly by: string },
): Promise<void> {
  if (pair.a === pair.b)
    throw new ReviewError('an incident is always the same act as itself: name two');
  await decideLink(db, pair, knowledge.lexicon);
}
