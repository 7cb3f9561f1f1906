import type { Token } from '../text/index.js';
import type { Gazetteer } from './gazetteer.js';
import { findPlaceMentions } from './mentions.js';
import type { PlaceMention } from './mentions.js';
import { GOVERNORATE_CODE_LENGTH, adminCodesOf, resolveMention } from './resolve.js';
import type { Areas, PlaceContext, ResolvedPlace } from './resolve.js';
import { Spots } from './spots.js';

/** No areas: shared by every sentence that names none. */
const NO_AREAS: Areas = [];

/** A place mention, the sentence it is in, and the place it resolved to (null: none fits). */
export interface LocatedMention {
  readonly mention: PlaceMention;
  readonly sentence: number;
  readonly resolved: ResolvedPlace | null;
}

/**
 * Finds and resolves every place named in a text's sentences. Ambiguous names
 * are settled by the governorates and districts named in the same sentence, then
 * anywhere in the text, then by nearness to places already resolved; so the
 * unambiguous names are resolved first. `skip` leaves mentions unresolved (a
 * speaker's title, a dateline) while their areas still count as context.
 * The sentences are in text order and do not overlap, as a text's split gives them.
 */
export function locateMentions(
  gazetteer: Gazetteer,
  tokens: readonly Token[],
  sentences: readonly { readonly tokenStart: number; readonly tokenEnd: number }[],
  skip: (mention: PlaceMention) => boolean = () => false,
): LocatedMention[] {
  // One walk over the sentences in text order (findPlaceMentions reads a sentence left to right,
  // each mention starting past the one before it): each sentence's mentions found, whether each
  // is skipped, its areas and those of its acts, and its context, made while its mentions are
  // fresh, where a walk for each of these read every mention again. The loops go by index: run
  // once a report, this code is often not optimized yet, and a loop over an array's iterator
  // then made an object for every step.
  const bySentence: PlaceMention[][] = [];
  // Whether each mention is skipped and whether it names one place (`ONE_PLACE`, `SKIPPED`),
  // asked once: the areas and both passes need them. Kept by the mention's place in text order,
  // where a set of mentions hashed each one; each pass reads these numbers, and loads only the
  // mentions it resolves, where it loaded every mention and its candidates to pass half of them.
  const mentionFlags: number[] = [];
  // The report's areas in a list of its own, each once, where a set hashed every code of every
  // mention into it: a report names a few areas (at most the country's governorates and districts).
  const documentAdmin: string[] = [];
  // The governorates the report has placed acts in so far. Lists of codes only read from here
  // on: a sentence whose areas are those of one mention shares that mention's list, one that
  // names none the empty list, and one that adds no governorate the report's list so far (most
  // sentences do one of these), where each sentence that named an area made a set of its own.
  let reportGovernorates = NO_AREAS;
  // Each spot once: the context asks only how near the nearest is, and a long
  // report names the same towns hundreds of times.
  const places = new Spots();
  const contexts: PlaceContext[] = [];
  for (let k = 0; k < sentences.length; k++) {
    const s = sentences[k];
    if (s === undefined) continue;
    const mentions = findPlaceMentions(gazetteer, tokens, s.tokenStart, s.tokenEnd);
    bySentence.push(mentions);
    let admin = NO_AREAS;
    // A mention left out whose areas count for the sentence, not for its acts: most sentences
    // have none, and their acts' areas are the sentence's, one list for both.
    let leftOut = false;
    for (let m = 0; m < mentions.length; m++) {
      // Dense: findPlaceMentions pushes only mentions found.
      const mention = mentions[m] as PlaceMention;
      const kept = !skip(mention);
      mentionFlags.push((mention.candidates.length === 1 ? ONE_PLACE : 0) | (kept ? 0 : SKIPPED));
      const codes = adminCodesOf(mention);
      if (codes.length === 0) continue;
      admin = withAreas(admin, codes);
      if (!kept) leftOut = true;
      const placesAct = kept && !mention.origin && mention.aside === undefined;
      for (let c = 0; c < codes.length; c++) {
        const code = codes[c];
        if (code === undefined) continue;
        if (!documentAdmin.includes(code)) documentAdmin.push(code);
        // Copied, not added to: the sentences before keep the list they were given.
        if (
          placesAct &&
          code.length === GOVERNORATE_CODE_LENGTH &&
          !reportGovernorates.includes(code)
        )
          reportGovernorates = [...reportGovernorates, code];
      }
    }
    contexts.push({
      sentenceAdmin: admin,
      sentenceActAdmin: leftOut ? actAreas(mentions, mentionFlags, mentionFlags.length) : admin,
      documentAdmin,
      // A governorate first named later («ويأتي ذلك بعد يوم على… في دمشق») does not unsettle a town read before it.
      reportGovernorates,
      resolved: places,
    });
  }
  // The names of one place first, then the others: each pass in text order, each mention
  // put at its own place in text order, where each pass made a list and the two were merged.
  const located: LocatedMention[] = new Array<LocatedMention>(mentionFlags.length);
  const pass = { gazetteer, bySentence, flags: mentionFlags, contexts, places, located };
  resolvePass(pass, true);
  resolvePass(pass, false);
  return located;
}

/** A mention's flag (`locateMentions`): it names one place. */
const ONE_PLACE = 1;
/** A mention's flag: it is left unresolved (`skip`). */
const SKIPPED = 2;

/** What both resolution passes read: the sentences' mentions, their flags, their contexts. */
interface Pass {
  readonly gazetteer: Gazetteer;
  readonly bySentence: readonly (readonly PlaceMention[])[];
  /** Each mention's `ONE_PLACE` and `SKIPPED`, by its place in text order. */
  readonly flags: readonly number[];
  readonly contexts: readonly PlaceContext[];
  /** The spots resolved so far, added to as the pass resolves. */
  readonly places: Spots;
  /**
   * The mentions located, by their place in text order (as `flags`): what both passes fill.
   * Each mention starts past where the one before it started (`findPlaceMentions` scans a
   * sentence left to right, the sentences in text order), so this is the order by start a
   * merge of the passes gave.
   */
  readonly located: LocatedMention[];
}

/**
 * One pass over the mentions in text order, resolving those of one place (`ofOnePlace`) or
 * the others, each put at its place in `located`. A function of its own, where a closure
 * over the report was made at each. Loops by index, where a callback for each sentence was
 * made and called at each pass.
 */
function resolvePass(pass: Pass, ofOnePlace: boolean): void {
  const { gazetteer, bySentence, flags, contexts, places, located } = pass;
  const wanted = ofOnePlace ? ONE_PLACE : 0;
  let mentionIndex = 0;
  for (let k = 0; k < bySentence.length; k++) {
    // Dense lists, a context for each sentence (locateMentions pushes both together): read as
    // they are, so that every slot of `located` is filled, as its type says.
    const mentions = bySentence[k] as readonly PlaceMention[];
    const context = contexts[k] as PlaceContext;
    for (let m = 0; m < mentions.length; m++) {
      const at = mentionIndex;
      const flag = flags[at] ?? 0;
      mentionIndex++;
      if ((flag & ONE_PLACE) !== wanted) continue;
      const mention = mentions[m] as PlaceMention;
      const resolved = (flag & SKIPPED) !== 0 ? null : resolveMention(gazetteer, mention, context);
      if (resolved !== null) places.add(resolved.place);
      located[at] = { mention, sentence: k, resolved };
    }
  }
}

/**
 * The areas the kept mentions of a sentence vouch for, in their order: `flags` say which
 * are left out (`SKIPPED`), by the place in text order of each, `end` past the sentence's last.
 */
function actAreas(mentions: readonly PlaceMention[], flags: readonly number[], end: number): Areas {
  let areas = NO_AREAS;
  const first = end - mentions.length;
  for (let m = 0; m < mentions.length; m++) {
    const mention = mentions[m];
    if (mention === undefined || ((flags[first + m] ?? 0) & SKIPPED) !== 0) continue;
    areas = withAreas(areas, adminCodesOf(mention));
  }
  return areas;
}

/**
 * The areas with `codes` added, each once, in the order first met: the list itself when it
 * has them all, `codes` itself when it is empty (a mention's codes are each once already).
 * Never changed in place: a list may be a mention's, shared by every mention of the name.
 */
function withAreas(areas: Areas, codes: readonly string[]): Areas {
  if (areas.length === 0) return codes;
  let joined = areas;
  for (let c = 0; c < codes.length; c++) {
    const code = codes[c];
    if (code === undefined || joined.includes(code)) continue;
    // Copied at the first code added, then added to: the copy is this call's own.
    if (joined === areas) joined = [...areas];
    (joined as string[]).push(code);
  }
  return joined;
}
