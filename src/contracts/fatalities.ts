import type { Claim, Fatalities } from './result.js';

/**
 * low/best/high of deaths over the claims: each source's total across victims
 * (or its count naming no victims, when larger);
 * low the smallest, high the largest, best the smallest among sources that are
 * not party to the fight (else low).
 */
export function fatalitiesOf(
  claims: readonly Claim[],
  isPartyClaim: (claimant: string | null) => boolean,
): Fatalities | null {
  const totals: { party: boolean; total: number }[] = [];
  for (const claim of claims) {
    const killed = claim.figures.filter((f) => f.measure === 'killed' && f.count !== null);
    if (killed.length === 0) continue;
    // Counts of named victims add up; a count that names none is a total of its own («ارتفع إلى 9 عدد القتلى»).
    const named = killed.filter((f) => f.victim !== null).reduce((s, f) => s + (f.count ?? 0), 0);
    const unnamed = killed.filter((f) => f.victim === null).map((f) => f.count ?? 0);
    totals.push({ party: isPartyClaim(claim.claimant), total: Math.max(named, ...unnamed) });
  }
  if (totals.length === 0) return null;
  const all = totals.map((t) => t.total);
  const low = Math.min(...all);
  const neutral = totals.filter((t) => !t.party).map((t) => t.total);
  return { low, best: neutral.length > 0 ? Math.min(...neutral) : low, high: Math.max(...all) };
}
