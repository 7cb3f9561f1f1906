import type { Token } from '../text/index.js';
import type { Gazetteer } from './gazetteer.js';
import { findPlaceMentions } from './mentions.js';
import type { PlaceMention } from './mentions.js';
import { adminCodesOf, resolveMention } from './resolve.js';
import type { ResolvedPlace } from './resolve.js';
import { Spots } from './spots.js';

/** OCHA governorate p-codes are «SY» and two digits. */
const GOVERNORATE_CODE_LENGTH = 4;

/** A place mention, the sentence it is in, and the place it resolved to (null: none fits). */
export interface LocatedMention {
  readonly mention: PlaceMention;
  readonly sentence: number;
  readonly resolved: ResolvedPlace | null;
}

/**
 * The admin p-codes the mentions that pass `keep` vouch for, in the order met.
 * Loops, not flatMap: V8 runs flatMap on a slow path, and this is run for every sentence.
 */
function adminSet(
  mentions: readonly PlaceMention[],
  keep: (mention: PlaceMention) => boolean = () => true,
): Set<string> {
  const codes = new Set<string>();
  for (const mention of mentions)
    if (keep(mention)) for (const code of adminCodesOf(mention)) codes.add(code);
  return codes;
}

/**
 * Finds and resolves every place named in a text's sentences. Ambiguous names
 * are settled by the governorates and districts named in the same sentence, then
 * anywhere in the text, then by nearness to places already resolved; so the
 * unambiguous names are resolved first. `skip` leaves mentions unresolved (a
 * speaker's title, a dateline) while their areas still count as context.
 */
export function locateMentions(
  gazetteer: Gazetteer,
  tokens: readonly Token[],
  sentences: readonly { readonly tokenStart: number; readonly tokenEnd: number }[],
  skip: (mention: PlaceMention) => boolean = () => false,
): LocatedMention[] {
  const bySentence = sentences.map((s) =>
    findPlaceMentions(gazetteer, tokens, s.tokenStart, s.tokenEnd),
  );
  // Whether each mention is skipped, asked once: the context sets and both passes need it.
  const skipped = new Set<PlaceMention>();
  for (const mentions of bySentence) for (const m of mentions) if (skip(m)) skipped.add(m);
  const kept = (m: PlaceMention): boolean => !skipped.has(m);
  const sentenceAdmins = bySentence.map((mentions) => adminSet(mentions));
  const sentenceActAdmins = bySentence.map((mentions) => adminSet(mentions, kept));
  const documentAdmin = new Set<string>();
  for (const codes of sentenceAdmins) for (const code of codes) documentAdmin.add(code);
  // The governorates the report has placed acts in so far: a governorate first named later
  // («ويأتي ذلك بعد يوم على… في دمشق») does not unsettle a town read before it.
  const governoratesSoFar = bySentence.map(
    (mentions) =>
      new Set(
        [...adminSet(mentions, (m) => !m.origin && m.aside === undefined && kept(m))].filter(
          (code) => code.length === GOVERNORATE_CODE_LENGTH,
        ),
      ),
  );
  governoratesSoFar.forEach((codes, k) => {
    for (const code of governoratesSoFar[k - 1] ?? []) codes.add(code);
  });
  const located: LocatedMention[] = [];
  // Each spot once: the context asks only how near the nearest is, and a long
  // report names the same towns hundreds of times.
  const places = new Spots();
  for (const pass of [1, 2]) {
    bySentence.forEach((mentions, k) => {
      const sentenceAdmin = sentenceAdmins[k] ?? new Set<string>();
      const sentenceActAdmin = sentenceActAdmins[k] ?? new Set<string>();
      for (const mention of mentions) {
        if ((mention.candidates.length === 1) !== (pass === 1)) continue;
        const resolved = skipped.has(mention)
          ? null
          : resolveMention(gazetteer, mention, {
              sentenceAdmin,
              sentenceActAdmin,
              documentAdmin,
              reportGovernorates: governoratesSoFar[k] ?? new Set<string>(),
              resolved: places,
            });
        if (resolved !== null) places.add(resolved.place);
        located.push({ mention, sentence: k, resolved });
      }
    });
  }
  return located.sort((a, b) => a.mention.start - b.mention.start);
}
