import { placed, shaped } from '../../gazetteer/index.js';
import type { PlaceMention, ResolvedPlace } from '../../gazetteer/index.js';
import type { Analysis } from '../01-read/index.js';
import { RESIDENTS } from '../01-read/index.js';

/**
 * «شاب من أهالي بلدة X قتل في Y» names where a victim came from; «خرج أهالي
 * مدينة X في مظاهرة» names where a protest was: its people protest at home.
 */
export function protestersHome(
  analysis: Analysis,
  places: readonly ResolvedPlace[],
): readonly ResolvedPlace[] {
  return places.map((p) =>
    p.mention.origin &&
    (analysis.tokens[p.mention.start - 1]?.keys ?? []).some((k) => RESIDENTS.has(k))
      ? placed(p, { mention: atHome(p.mention) })
      : p,
  );
}

/** The mention read as where its people are, not where they came from: of `shaped`'s shape, as every mention is. */
function atHome(m: PlaceMention): PlaceMention {
  const home = shaped(m);
  home.origin = false;
  return home;
}
