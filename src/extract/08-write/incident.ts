import type {
  Claim,
  Decision,
  Incident,
  IncidentActor,
  IncidentDate,
  Location,
  RuleUse,
  Span,
} from '../../contracts/index.js';
import { fatalitiesOf } from '../../contracts/values.js';
import { isPartyClaimant } from '../../lexicon/index.js';
import { asTheActBefore, baseType, settleType, toldAsTheActBefore } from '../05-acts/index.js';
import type { ChosenType } from '../05-acts/index.js';
import { chooseSides, weighSides, withCivilianTarget, withEarlierDoer } from '../06-sides/index.js';
import type { Sides } from '../06-sides/index.js';
import type { EventMention, IncidentDraft } from '../07-gather/index.js';
import { buildClaims } from './claims.js';
import type { BuildContext } from './context.js';
import { chooseLocation, warnUnlisted } from './location.js';
import { originalText, span, spanStart } from './spans.js';
import { chooseDate } from './when.js';
import { flatMapped } from '../../text/index.js';

/** No victims to read: shared, as `settleType` only reads them. */
const NO_VICTIMS: readonly (string | null)[] = [];

function actorsOf(
  ctx: BuildContext,
  sides: Sides,
  mentions: readonly EventMention[],
): IncidentActor[] {
  const roles: [string | null, IncidentActor['role']][] = [
    [sides.actor1, 'actor1'],
    [sides.actor2, 'actor2'],
  ];
  for (const id of sides.assoc1) roles.push([id, 'assoc1']);
  for (const id of sides.assoc2) roles.push([id, 'assoc2']);
  const first = mentions[0]?.clause.start ?? 0;
  const out: IncidentActor[] = [];
  for (const [id, role] of roles) {
    if (id === null) continue;
    const m = sides.mentionOf.get(id) ?? { start: first, end: first };
    const s = m.end > m.start ? span(ctx.analysis, m.start, m.end) : ([0, 0] as Span);
    out.push({ id, role, text: m.end > m.start ? originalText(ctx.analysis, s) : '', span: s });
  }
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

/** What the report told before an incident. */
export interface ToldBefore {
  /** The doer of the latest incident of each sub-event type. */
  readonly doers: ReadonlyMap<string, string>;
  /** The type of the latest news incident. */
  readonly last: { readonly eventType: string; readonly subEventType: string } | null;
}

/**
 * The incident's type: what its words give, settled by who did it to whom, or
 * like the act before; with the sides as weighed for that type. The sides weighed
 * to settle the type are those of its words' type, and most incidents keep it:
 * then they are the incident's sides too, not weighed again.
 */
function chooseType(
  ctx: BuildContext,
  draft: IncidentDraft,
  before: { readonly eventType: string; readonly subEventType: string } | null,
): { readonly type: ChosenType; readonly sides: Sides } {
  const base = baseType(ctx.analysis.lexicon, draft.mentions);
  // The weights do not hang on the type: summed once for both choices.
  const weights = weighSides(draft.mentions);
  const provisional = chooseSides(draft.mentions, base.type.eventType, weights);
  // Whose people fell settles only violence («violence» role): gathered for it alone. Were settleType
  // (05-acts/type.ts, its case 'violence') to read victims for another role, gather them for it here.
  const victims =
    base.role === 'violence'
      ? flatMapped(draft.mentions, (m) => m.figures.map((f) => f.figure.victim))
      : NO_VICTIMS;
  const type = asTheActBefore(
    settleType(ctx.analysis.lexicon, base, provisional, victims),
    draft.mentions,
    before,
  );
  const sides =
    type.eventType === base.type.eventType
      ? provisional
      : chooseSides(draft.mentions, type.eventType, weights);
  return { type, sides };
}

/** Why each field holds what it holds: the rules behind every decision, for `--explain`. */
function decisions(
  ctx: BuildContext,
  draft: IncidentDraft,
  fields: {
    type: ChosenType;
    sides: Sides;
    date: { date: IncidentDate; rules: readonly RuleUse[] };
    location: { location: Location | null; rules: readonly RuleUse[] };
    claims: readonly Claim[];
  },
): Decision[] {
  const { type, sides, date, location, claims } = fields;
  const background = draft.mentions[0]?.backgroundRules ?? [];
  const why: Decision[] = [
    { field: 'incident', value: null, rules: asWritten(draft.rules) },
    { field: 'background', value: String(draft.background), rules: asWritten(background) },
    {
      field: 'type',
      value: `${type.eventType} / ${type.subEventType}`,
      rules: asWritten(type.rules),
    },
    { field: 'date', value: date.date.start, rules: asWritten(date.rules) },
    { field: 'place', value: location.location?.name_ar ?? null, rules: asWritten(location.rules) },
    { field: 'actor1', value: sides.actor1, rules: asWritten(sides.rules.actor1) },
    { field: 'actor2', value: sides.actor2, rules: asWritten(sides.rules.actor2) },
  ];
  for (const c of claims)
    for (const f of c.figures)
      why.push({
        field: 'figure',
        value: `${f.measure} ${f.count === null ? '?' : String(f.count)} ${f.victim ?? '-'} by ${c.claimant ?? 'the outlet'}`,
        rules: figureRules(ctx, draft.mentions, f.span),
      });
  return why;
}

/**
 * The rules as the contract writes them, copied once: a side's votes carry the
 * side they voted for, and the contract (and its JSON Schema) has rule and score only.
 */
function asWritten(rules: readonly RuleUse[], more: readonly RuleUse[] = []): RuleUse[] {
  const written: RuleUse[] = [];
  for (const { rule, score } of rules) written.push({ rule, score });
  for (const { rule, score } of more) written.push({ rule, score });
  return written;
}

/** The rules that read a figure and attributed it, found by its words, as the contract writes them. */
function figureRules(ctx: BuildContext, mentions: readonly EventMention[], at: Span): RuleUse[] {
  for (const m of mentions)
    for (const f of m.figures)
      if (spanStart(ctx.analysis, f.figure.start, f.figure.end) === at[0])
        return asWritten(f.figure.rules, f.source.rules);
  return [];
}

/** «عشرات»: a toll of dozens, with no count. */
const DOZENS = /عشرات/;

function tellsOfDozens(claims: readonly Claim[]): boolean {
  for (const c of claims)
    for (const f of c.figures) if (f.count === null && DOZENS.test(f.text)) return true;
  return false;
}

/**
 * Writes an incident draft out as the contract's Incident, knowing what the
 * report told before it.
 */
export function buildIncident(
  ctx: BuildContext,
  draft: IncidentDraft,
  id: string,
  earlier: ToldBefore = { doers: new Map(), last: null },
): Incident {
  const { analysis } = ctx;
  const { type, sides: weighed } = chooseType(ctx, draft, earlier.last);
  const like = toldAsTheActBefore(draft.mentions);
  const sides = withCivilianTarget(
    withEarlierDoer(weighed, type.subEventType, earlier.doers, like),
    type,
    draft.mentions,
  );
  const date = chooseDate(ctx, draft);
  const location = chooseLocation(ctx, draft);
  warnUnlisted(ctx, draft, id, location.location);
  const claims = buildClaims(ctx, draft, sides).filter((c) => c.figures.length > 0);
  const day = date.date.start;
  const tags = [...type.tags];
  if (tellsOfDozens(claims)) tags.push('dozens');
  // Each sentence once, in the order its first mention is told.
  const sentences: EventMention['clause']['sentence'][] = [];
  for (const m of draft.mentions)
    if (!sentences.includes(m.clause.sentence)) sentences.push(m.clause.sentence);
  const evidence = sentences.map((s) => span(analysis, s.tokenStart, s.tokenEnd));
  return {
    id,
    background: draft.background,
    event_type: type.eventType,
    sub_event_type: type.subEventType,
    date: date.date,
    location: location.location,
    actors: actorsOf(ctx, sides, draft.mentions),
    claims,
    fatalities: fatalitiesOf(
      claims,
      (c) => c !== null && isPartyClaimant(ctx.analysis.lexicon, c, day),
    ),
    civilian_targeting: type.eventType === 'Violence against civilians' || sides.actor2 === 'CIV',
    tags,
    evidence,
    confidence: confidenceOf(draft, location.location, date.date),
    why: decisions(ctx, draft, { type, sides, date, location, claims }),
  };
}
