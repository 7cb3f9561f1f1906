import type {
  Claim,
  Fatalities,
  Figure,
  Incident,
  IncidentActor,
  IncidentDate,
  Location,
  Span,
} from '../contracts/index.js';
import type { PlaceMention, ResolvedPlace } from '../gazetteer/index.js';
import { idForDay } from '../lexicon/index.js';
import type { Lexicon, TriggerEntry } from '../lexicon/index.js';
import { toOriginalSpan } from '../text/index.js';
import type { DateExpression } from '../text/index.js';
import type { Analysis, Annotation } from './analysis.js';
import type { AttributedFigure, EventMention } from './events.js';
import type { IncidentDraft } from './incidents.js';
import { bestPlace } from './incidents.js';

/** Context an incident is written in: the report, and what came before each mention. */
export interface BuildContext {
  readonly analysis: Analysis;
  /** The last day named in the narrative before a token, for acts that name no day of their own. */
  narrativeDay(token: number): DateExpression | null;
  /** The last place named before a token, for acts that name no place of their own. */
  placeBefore(token: number): ResolvedPlace | null;
  /** Settlements and facilities named in tokens `[start, end)` that the gazetteer lacks. */
  unlistedPlaces(start: number, end: number): readonly PlaceMention[];
  warn(message: string): void;
}

function span(analysis: Analysis, from: number, to: number): Span {
  const first = analysis.tokens[from];
  const last = analysis.tokens[to - 1];
  if (first === undefined || last === undefined) return [0, 0];
  return toOriginalSpan(analysis.normalized, first.start, last.end);
}

function originalText(analysis: Analysis, s: Span): string {
  return analysis.document.text.slice(s[0], s[1]);
}

const STATE_INTER = new Set([1, 8]);
const CIVILIAN_SIDE = new Set(['CIV', 'PROTESTERS']);

interface ChosenType {
  readonly eventType: string;
  readonly subEventType: string;
  readonly tags: string[];
}

interface Sides {
  readonly actor1: string | null;
  readonly actor2: string | null;
  readonly assoc1: string[];
  readonly assoc2: string[];
  readonly mentionOf: Map<string, { start: number; end: number }>;
}

function allTriggers(draft: IncidentDraft): Annotation<TriggerEntry>[] {
  return draft.mentions.flatMap((m) => [...m.triggers]);
}

/** Sums each actor's weight as doer and as target over the incident's mentions. */
function weighSides(draft: IncidentDraft): {
  a1: Map<string, number>;
  a2: Map<string, number>;
  mentionOf: Map<string, { start: number; end: number }>;
} {
  const a1 = new Map<string, number>();
  const a2 = new Map<string, number>();
  const mentionOf = new Map<string, { start: number; end: number }>();
  for (const m of draft.mentions) {
    for (const r of m.roles) {
      a1.set(r.id, (a1.get(r.id) ?? 0) + r.asActor1);
      a2.set(r.id, (a2.get(r.id) ?? 0) + r.asActor2);
      if (!mentionOf.has(r.id)) mentionOf.set(r.id, { start: r.entity.start, end: r.entity.end });
    }
    for (const f of m.figures) {
      const v = f.figure.victim;
      if (v !== null) a2.set(v, (a2.get(v) ?? 0) + 1);
    }
  }
  return { a1, a2, mentionOf };
}

function pick(
  weights: Map<string, number>,
  other: Map<string, number>,
  exclude: ReadonlySet<string>,
): string[] {
  return [...weights]
    .filter(([id, w]) => w > 0 && !exclude.has(id) && w >= (other.get(id) ?? 0))
    .sort((x, y) => y[1] - x[1])
    .map(([id]) => id);
}

function chooseSides(draft: IncidentDraft, eventType: string): Sides {
  const { a1, a2, mentionOf } = weighSides(draft);
  const firsts = pick(a1, a2, new Set());
  let actor1 = firsts[0] ?? null;
  const seconds = pick(a2, new Map(), new Set(actor1 === null ? [] : [actor1]));
  let actor2 = seconds[0] ?? null;
  if (eventType === 'Protests') {
    const force =
      firsts.find((id) => !CIVILIAN_SIDE.has(id)) ?? seconds.find((id) => !CIVILIAN_SIDE.has(id));
    return {
      actor1: force ?? 'PROTESTERS',
      actor2: force === undefined ? null : 'PROTESTERS',
      assoc1: [],
      assoc2: [],
      mentionOf,
    };
  }
  if (
    actor1 === null &&
    (eventType === 'Explosions/Remote violence' || eventType === 'Violence against civilians')
  ) {
    actor1 = 'UNKNOWN';
  }
  if (actor2 === null && eventType === 'Violence against civilians') actor2 = 'CIV';
  // «مصدر في الفرقة الساحلية: شنت مقاتلات روسية غارات على محاور البلدة»: a side that
  // tells of strikes it names no target or victims for was their target.
  const victims = draft.mentions.some((m) => m.figures.length > 0);
  if (actor2 === null && eventType === 'Explosions/Remote violence' && !victims) {
    actor2 =
      draft.mentions
        .map((m) => m.tellerSide)
        .find((side) => side !== null && !firsts.includes(side) && !CIVILIAN_SIDE.has(side)) ??
      null;
  }
  if (actor1 !== null && actor1 === actor2) actor2 = null;
  return {
    actor1,
    actor2,
    assoc1: firsts.slice(1, 3).filter((id) => id !== actor2),
    assoc2: seconds.slice(1, 3).filter((id) => id !== actor1),
    mentionOf,
  };
}

function hierarchyRank(analysis: Analysis, sub: string): number {
  const k = analysis.lexicon.hierarchy.indexOf(sub);
  return k < 0 ? analysis.lexicon.hierarchy.length : k;
}

/**
 * The incident's ACLED type: its strongest triggers, most specific by ACLED's
 * hierarchy, then settled by context (a car bomb with a driver is a suicide
 * bomb; shelling from the air an air strike; a capture by state forces a
 * government regain; an arrest by non-state forces an abduction).
 */
function chooseType(
  analysis: Analysis,
  draft: IncidentDraft,
  actorInter: (id: string | null) => number | null,
): ChosenType {
  const triggers = allTriggers(draft);
  const tags = [...new Set(triggers.flatMap((t) => t.entry.tags))];
  const suicide = draft.mentions.some((m) => m.suicide);
  const air = draft.mentions.some((m) => m.air);
  const protest = triggers.find((t) => t.entry.eventType === 'Protests' && t.entry.strength >= 2);
  if (protest !== undefined) {
    const forceUsed = triggers.some(
      (t) => t.entry.role === 'violence' || t.entry.eventType === 'Battles',
    );
    const harmed = draft.mentions.some((m) =>
      m.figures.some((f) => f.figure.measure === 'killed' || f.figure.measure === 'injured'),
    );
    const intervened = triggers.some((t) => t.entry.subEventType === 'Protest with intervention');
    const sub =
      forceUsed && harmed
        ? 'Excessive force against protesters'
        : intervened
          ? 'Protest with intervention'
          : 'Peaceful protest';
    return { eventType: 'Protests', subEventType: sub, tags };
  }
  const strongest = Math.max(0, ...triggers.map((t) => t.entry.strength));
  const candidates = triggers.filter((t) => t.entry.strength === strongest);
  candidates.sort(
    (a, b) =>
      hierarchyRank(analysis, settle(a.entry, suicide, air)) -
      hierarchyRank(analysis, settle(b.entry, suicide, air)),
  );
  const top = candidates[0];
  if (top === undefined) {
    const civilians = draft.mentions.some((m) => m.figures.some((f) => f.figure.victim === 'CIV'));
    return civilians
      ? { eventType: 'Violence against civilians', subEventType: 'Attack', tags }
      : { eventType: 'Battles', subEventType: 'Armed clash', tags };
  }
  const sub = settle(top.entry, suicide, air);
  const eventType = sub === 'Air/drone strike' ? 'Explosions/Remote violence' : top.entry.eventType;
  const base = { eventType, subEventType: sub, tags };
  const sides = chooseSides(draft, base.eventType);
  switch (top.entry.role) {
    case 'territory':
      return {
        ...base,
        subEventType:
          actorInter(sides.actor1) === 1
            ? 'Government regains territory'
            : 'Non-state actor overtakes territory',
      };
    case 'arrest': {
      const inter = actorInter(sides.actor1);
      const governs =
        sides.actor1 !== null && analysis.lexicon.actors.get(sides.actor1)?.authority === true;
      const state = (inter !== null && STATE_INTER.has(inter)) || governs;
      return state
        ? base
        : {
            eventType: 'Violence against civilians',
            subEventType: 'Abduction/forced disappearance',
            tags,
          };
    }
    case 'violence': {
      const victims = draft.mentions
        .flatMap((m) => m.figures.map((f) => f.figure.victim))
        .filter((v) => v !== null);
      const armed = victims.length > 0 && victims.every((v) => !CIVILIAN_SIDE.has(v));
      return armed ||
        (sides.actor2 !== null && !CIVILIAN_SIDE.has(sides.actor2) && victims.length === 0)
        ? { eventType: 'Battles', subEventType: 'Armed clash', tags }
        : base;
    }
    default:
      return base;
  }
}

function settle(t: TriggerEntry, suicide: boolean, air: boolean): string {
  if (t.role === 'bombing' && suicide) return 'Suicide bomb';
  if ((t.role === 'shelling' || t.role === 'strike') && air) return 'Air/drone strike';
  return t.subEventType;
}

/** A massacre or a chemical attack with no target named struck civilians. */
function withCivilianTarget(sides: Sides, type: ChosenType): Sides {
  if (sides.actor2 !== null || sides.actor1 === 'CIV') return sides;
  const civilian = type.subEventType === 'Chemical weapon' || type.tags.includes('massacre');
  return civilian ? { ...sides, actor2: 'CIV' } : sides;
}

function chooseDate(ctx: BuildContext, draft: IncidentDraft): IncidentDate {
  const { analysis } = ctx;
  const dated =
    draft.mentions.find((m) => m.date?.precision === 'day' && m.date.from !== null) ??
    draft.mentions.find((m) => m.date?.from != null);
  const expression = dated?.date ?? null;
  const first = draft.mentions[0];
  const fallback = first === undefined ? null : ctx.narrativeDay(first.clause.start);
  const chosen = expression ?? (draft.background ? null : fallback);
  if (chosen !== null && chosen.from !== null) {
    const s = span(analysis, chosen.start, chosen.end);
    return {
      start: chosen.from,
      end: chosen.to,
      precision: chosen.precision,
      text: originalText(analysis, s),
      span: s,
    };
  }
  if (analysis.published !== null && !draft.background) {
    return {
      start: analysis.published,
      end: analysis.published,
      precision: 'day',
      text: null,
      span: null,
    };
  }
  return { start: null, end: null, precision: 'unknown', text: null, span: null };
}

function toLocation(ctx: BuildContext, r: ResolvedPlace, precision = r.precision): Location {
  const s = span(ctx.analysis, r.mention.start, r.mention.end);
  return {
    text: originalText(ctx.analysis, s),
    span: s,
    place_id: r.place.id,
    name_ar: r.place.nameAr,
    name_en: r.place.nameEn,
    admin1: r.place.admin1 || null,
    admin2: r.place.admin2 || null,
    admin3: r.place.admin3 || null,
    admin1_pcode: r.place.admin1Pcode || null,
    lat: r.place.lat,
    lon: r.place.lon,
    precision,
    alternatives: r.alternatives.map((p) => ({
      place_id: p.id,
      name_en: p.nameEn,
      admin1: p.admin1,
    })),
    chosen_by: r.basis,
  };
}

/**
 * «قرية مزرعة القادسية بريف الرقة الشرقي» where the gazetteer lacks the village:
 * the incident stands at the countryside, and the reviewer is told so.
 */
function warnUnlisted(
  ctx: BuildContext,
  draft: IncidentDraft,
  id: string,
  location: Location | null,
): void {
  const unlisted = draft.mentions.flatMap((m) => ctx.unlistedPlaces(m.clause.start, m.clause.end));
  for (const m of new Set(unlisted)) {
    const name = originalText(ctx.analysis, span(ctx.analysis, m.start, m.nameEnd));
    const placed =
      location === null
        ? 'no place given'
        : `placed at «${location.text}» (${location.name_en}), precision ${String(location.precision)}`;
    ctx.warn(
      `incident ${id}: place «${name}» is not in the gazetteer (wathiq gazetteer add); ${placed}`,
    );
  }
}

function chooseLocation(ctx: BuildContext, draft: IncidentDraft): Location | null {
  const best = bestPlace(draft.mentions.flatMap((m) => m.places));
  if (best !== null) return toLocation(ctx, best);
  const first = draft.mentions[0];
  const before = first === undefined ? null : ctx.placeBefore(first.clause.start);
  return before === null
    ? null
    : toLocation(ctx, before, before.precision === 1 ? 2 : before.precision);
}

/**
 * A figure as written out. Fighters with no group named («سقط قتلى من عناصر
 * الموقعين المستهدفين») are the side that was hit: the incident's actor2.
 */
function toFigure(
  ctx: BuildContext,
  f: AttributedFigure,
  sides: { actor1: string | null; actor2: string | null } | null = null,
): Figure {
  const s = span(ctx.analysis, f.figure.start, f.figure.end);
  // Fighters are of the armed side hit; where the target was civilians, of the armed side there.
  const armed = (id: string | null | undefined): string | null =>
    id === null || id === undefined || CIVILIAN_SIDE.has(id) ? null : id;
  const side =
    f.figure.victimClass === 'fighter'
      ? (armed(sides?.actor2) ?? armed(sides?.actor1))
      : f.figure.victimClass === 'attacker'
        ? sides?.actor1
        : null;
  const victim = f.figure.victim ?? side ?? null;
  return {
    measure: f.figure.measure,
    victim,
    count: f.figure.count,
    qualifier: f.figure.qualifier,
    text: originalText(ctx.analysis, s),
    span: s,
  };
}

const sameFigure = (a: Figure, b: Figure): boolean =>
  a.measure === b.measure && a.count === b.count && a.victim === b.victim;

/**
 * Claims by source. A figure repeated by the same source is kept once; an
 * unattributed figure that a named source states too (the lead restating a
 * monitor's count) goes under that source; a total that a source breaks down
 * into parts («9 قتلى: 6 من الأمن و3 مسلحين») is left to its parts.
 */
function buildClaims(ctx: BuildContext, draft: IncidentDraft, sides: Sides): Claim[] {
  const bySource = new Map<string, { claim: Claim; figures: Figure[] }>();
  // A toll told without its number adds nothing where a count of that measure is known.
  const counted = new Set(
    draft.mentions
      .flatMap((m) => m.figures)
      .filter((f) => f.figure.count !== null)
      .map((f) => f.figure.measure),
  );
  const attributed = draft.mentions
    .flatMap((m) => m.figures)
    .filter((f) => f.figure.reference !== true || !counted.has(f.figure.measure));
  const named = attributed
    .filter((f) => f.source.claimant !== null)
    .map((f) => toFigure(ctx, f, sides));
  for (const f of attributed) {
    const figure = toFigure(ctx, f, sides);
    if (f.source.claimant === null) {
      // The lead's number that a named source states too is that source's figure, with the victims the lead names.
      const k = named.findIndex(
        (n) =>
          n.measure === figure.measure &&
          n.count === figure.count &&
          (n.count !== null || n.victim === figure.victim),
      );
      const same = named[k];
      if (same !== undefined) {
        if (same.victim === null) named[k] = { ...same, victim: figure.victim };
        continue;
      }
    }
    const key = f.source.claimant ?? '';
    let entry = bySource.get(key);
    if (entry === undefined) {
      const mention = f.source.mention;
      const s = mention === null ? null : span(ctx.analysis, mention.start, mention.end);
      entry = {
        claim: {
          claimant: f.source.claimant,
          claimant_text: s === null ? null : originalText(ctx.analysis, s),
          claimant_span: s,
          figures: [],
        },
        figures: [],
      };
      bySource.set(key, entry);
    }
    const stated =
      f.source.claimant === null
        ? figure
        : (named.find((n) => n.span[0] === figure.span[0] && n.span[1] === figure.span[1]) ??
          figure);
    if (!entry.figures.some((g) => sameFigure(g, stated))) entry.figures.push(stated);
  }
  return [...bySource.values()].map(({ claim, figures }) => ({
    ...claim,
    figures: withoutBrokenDownTotals(figures),
  }));
}

function withoutBrokenDownTotals(figures: readonly Figure[]): Figure[] {
  return figures.filter((total) => {
    if (total.count === null) return true;
    const parts = figures.filter(
      (p) => p !== total && p.measure === total.measure && p.count !== null,
    );
    return parts.length < 2 || parts.reduce((sum, p) => sum + (p.count ?? 0), 0) !== total.count;
  });
}

/**
 * Whether a claimant is a party to the fight on that day: an armed actor, or a
 * source speaking for one (Amaq for ISIS), as opposed to a monitor or outlet.
 */
export function isPartyClaimant(lexicon: Lexicon, claimant: string, day: string | null): boolean {
  if (lexicon.actors.has(claimant)) return !CIVILIAN_SIDE.has(claimant);
  const info = lexicon.claimants.get(claimant);
  return info !== undefined && idForDay(info.partyOf, day) !== null;
}

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

function actorsOf(
  ctx: BuildContext,
  sides: Sides,
  mentions: readonly EventMention[],
): IncidentActor[] {
  const out: IncidentActor[] = [];
  const add = (id: string | null, role: IncidentActor['role']): void => {
    if (id === null) return;
    const m = sides.mentionOf.get(id) ?? {
      start: mentions[0]?.clause.start ?? 0,
      end: mentions[0]?.clause.start ?? 0,
    };
    const s = m.end > m.start ? span(ctx.analysis, m.start, m.end) : ([0, 0] as Span);
    out.push({ id, role, text: m.end > m.start ? originalText(ctx.analysis, s) : '', span: s });
  };
  add(sides.actor1, 'actor1');
  add(sides.actor2, 'actor2');
  for (const id of sides.assoc1) add(id, 'assoc1');
  for (const id of sides.assoc2) add(id, 'assoc2');
  return out;
}

function confidenceOf(draft: IncidentDraft, location: Location | null, date: IncidentDate): number {
  const strength = Math.max(...draft.mentions.map((m) => m.strength));
  let c = 0.3 + 0.1 * strength;
  if (location !== null) c += location.precision === 1 ? 0.15 : 0.08;
  if (date.text !== null) c += 0.1;
  if (draft.mentions.length > 1) c += 0.05;
  return Math.min(0.95, Math.round(c * 100) / 100);
}

/** Writes an incident draft out as the contract's Incident. */
export function buildIncident(ctx: BuildContext, draft: IncidentDraft, id: string): Incident {
  const { analysis } = ctx;
  const inter = (actor: string | null): number | null =>
    actor === null ? null : (analysis.lexicon.actors.get(actor)?.inter ?? null);
  const type = chooseType(analysis, draft, inter);
  const sides = withCivilianTarget(chooseSides(draft, type.eventType), type);
  const date = chooseDate(ctx, draft);
  const location = chooseLocation(ctx, draft);
  warnUnlisted(ctx, draft, id, location);
  const claims = buildClaims(ctx, draft, sides).filter((c) => c.figures.length > 0);
  const day = date.start;
  const tags = [
    ...type.tags,
    ...new Set(
      claims.flatMap((c) =>
        c.figures.flatMap((f) => (f.count === null && /عشرات/.test(f.text) ? ['dozens'] : [])),
      ),
    ),
  ];
  const evidence = [...new Set(draft.mentions.map((m) => m.clause.sentence))].map((s) =>
    span(analysis, s.tokenStart, s.tokenEnd),
  );
  return {
    id,
    background: draft.background,
    event_type: type.eventType,
    sub_event_type: type.subEventType,
    date,
    location,
    actors: actorsOf(ctx, sides, draft.mentions),
    claims,
    fatalities: fatalitiesOf(
      claims,
      (c) => c !== null && isPartyClaimant(ctx.analysis.lexicon, c, day),
    ),
    civilian_targeting: type.eventType === 'Violence against civilians' || sides.actor2 === 'CIV',
    tags,
    evidence,
    confidence: confidenceOf(draft, location, date),
  };
}
