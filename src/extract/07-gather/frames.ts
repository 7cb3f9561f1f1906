import type { ResolvedPlace } from '../../gazetteer/index.js';
import { countBelow } from '../../text/index.js';
import type { Clause } from '../01-read/index.js';
import type { Attribution } from '../02-speakers/index.js';
import { protestersHome } from '../03-places/index.js';
import type { AttributedFigure, FigureMention } from '../04-figures/index.js';
import { namesAProtest, readAct } from '../05-acts/index.js';
import type { ActReading } from '../05-acts/index.js';
import { partyClaims, sideOf, weighRoles } from '../06-sides/index.js';
import type { RoleCandidate, RoleInputs } from '../06-sides/index.js';
import { splitByFigurePlace, splitByPlace } from './split.js';

/**
 * What one clause reports, its event frame: the act, its figures with who
 * states them, its places, the actors weighed as doer and target, and who
 * tells it. Frames are the raw material incidents are gathered from.
 */
export interface EventMention extends ActReading {
  readonly clause: Clause;
  readonly figures: readonly AttributedFigure[];
  readonly places: readonly ResolvedPlace[];
  readonly roles: readonly RoleCandidate[];
  /** Who tells of the act: the claimant speaking at its first trigger, null for the outlet. */
  readonly teller: string | null;
  /** The armed side the teller speaks for («مصدر في الفرقة الساحلية» for the FSA), if any. */
  readonly tellerSide: string | null;
}

export interface MentionInputs extends RoleInputs {
  readonly attribution: Attribution;
}

/** Reads one clause as an event frame, from the figures and places found in it. */
function readClause(
  inputs: MentionInputs,
  clause: Clause,
  figures: readonly FigureMention[],
  places: readonly ResolvedPlace[],
): EventMention {
  const { analysis } = inputs;
  const act = readAct(analysis, clause, figures.length > 0, places.length > 0);
  const teller = inputs.attribution.sourceAt(act.at).claimant;
  // Loops, not callbacks: every clause is read.
  const attributed: AttributedFigure[] = [];
  for (const figure of figures)
    attributed.push({ figure, source: inputs.attribution.sourceAt(figure.start) });
  const protest = namesAProtest(act.triggers);
  // The parties' own counts after the actors weighed: most clauses have none, and keep the one list.
  const roles = weighRoles(inputs, clause, act.triggers, attributed);
  const claimed = partyClaims(analysis, attributed);
  if (claimed.length > 0) roles.push(...claimed);
  // Every field written out: V8 copies a spread of this many fields followed by
  // more of its own on a slow path, and this runs for every clause.
  return {
    at: act.at,
    triggers: act.triggers,
    strength: act.strength,
    date: act.date,
    background: act.background,
    backgroundRules: act.backgroundRules,
    tally: act.tally,
    habitual: act.habitual,
    civilianSite: act.civilianSite,
    militarySite: act.militarySite,
    newAct: act.newAct,
    references: act.references,
    anaphoric: act.anaphoric,
    refersBack: act.refersBack,
    suicide: act.suicide,
    air: act.air,
    retelling: act.retelling,
    likeTheActBefore: act.likeTheActBefore,
    othersStruck: act.othersStruck,
    clause,
    figures: attributed,
    places: protest ? protestersHome(analysis, places) : places,
    roles,
    teller,
    tellerSide: teller === null ? null : sideOf(analysis, teller),
  };
}

/**
 * Every clause of the report read as an event frame, with the figures found in
 * it and the places it names; a clause that tells one act at each of several
 * places, listed or each with its own counts, becomes one frame per place. `places`
 * are in text order.
 */
export function readFrames(
  inputs: MentionInputs,
  clauses: readonly Clause[],
  figures: readonly (readonly FigureMention[])[],
  places: readonly ResolvedPlace[],
): EventMention[] {
  const frames: EventMention[] = [];
  for (let k = 0; k < clauses.length; k++) {
    const clause = clauses[k];
    if (clause === undefined) continue;
    const here = placesWithin(places, clause.start, clause.end);
    const mention = readClause(inputs, clause, figures[k] ?? [], here);
    const byFigure = splitByFigurePlace(mention);
    for (const frame of byFigure.length > 1 ? byFigure : splitByPlace(inputs.analysis, mention))
      frames.push(frame);
  }
  return frames;
}

function mentionStart(place: ResolvedPlace): number {
  return place.mention.start;
}

/**
 * The places whose mentions lie inside tokens `[from, to)`, in order; `places`
 * is sorted by where their mentions start, so a binary search finds the first.
 */
function placesWithin(places: readonly ResolvedPlace[], from: number, to: number): ResolvedPlace[] {
  const here: ResolvedPlace[] = [];
  // A mention that starts past `to` ends past it too.
  for (let k = countBelow(places, mentionStart, from); k < places.length; k++) {
    const p = places[k];
    if (p === undefined || p.mention.start > to) break;
    if (p.mention.end <= to) here.push(p);
  }
  return here;
}
