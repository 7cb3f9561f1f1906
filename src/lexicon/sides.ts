import { idForDay } from './lexicon.js';
import type { LexiconNames } from './lexicon.js';

/** The sides that bear no arms: their people are struck, never the strikers. */
export const CIVILIAN_SIDE: ReadonlySet<string> = new Set(['CIV', 'PROTESTERS']);

/**
 * Whether a claimant is a party to the fight on that day: an armed actor, or a
 * source speaking for one (Amaq for ISIS), as opposed to a monitor or outlet.
 */
export function isPartyClaimant(
  lexicon: LexiconNames,
  claimant: string,
  day: string | null,
): boolean {
  if (lexicon.actors.has(claimant)) return !CIVILIAN_SIDE.has(claimant);
  const info = lexicon.claimants.get(claimant);
  return info !== undefined && idForDay(info.partyOf, day) !== null;
}
