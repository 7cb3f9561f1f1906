import type { Lexicon, TriggerEntry, TriggerRole } from '../../lexicon/index.js';
import type { Annotation, RuleUse } from '../01-read/index.js';
import { because } from '../01-read/index.js';
import { flatMapped } from '../../text/index.js';

/** An incident's ACLED event type and sub-event type, and the rules that chose them. */
export interface ChosenType {
  readonly eventType: string;
  readonly subEventType: string;
  readonly tags: string[];
  readonly rules: readonly RuleUse[];
}

/** What the type is read from: the acts of an incident's clauses. */
export interface TypedAct {
  readonly triggers: readonly Annotation<TriggerEntry>[];
  readonly suicide: boolean;
  readonly air: boolean;
  readonly figures: readonly {
    readonly figure: {
      readonly measure: string;
      readonly victim: string | null;
      readonly victimClass?: string | null;
    };
  }[];
}

/** The type the words give, before the sides settle it: with the role of its trigger. */
export interface BaseType {
  readonly type: ChosenType;
  /** How the sides settle the sub-type («territory»: by whether the taker is a state force), if they do. */
  readonly role: TriggerRole | null;
}

/** The sides that settle a type: who did it, who was hit, whose people were counted. */
export interface TypeSides {
  readonly actor1: string | null;
  readonly actor2: string | null;
}

const STATE_INTER = new Set([1, 8]);
const CIVILIAN_SIDE = new Set(['CIV', 'PROTESTERS']);

function hierarchyRank(lexicon: Lexicon, sub: string): number {
  const k = lexicon.hierarchy.indexOf(sub);
  return k < 0 ? lexicon.hierarchy.length : k;
}

function settle(t: TriggerEntry, suicide: boolean, air: boolean): string {
  if (t.role === 'bombing' && suicide) return 'Suicide bomb';
  if ((t.role === 'shelling' || t.role === 'strike') && air) return 'Air/drone strike';
  return t.subEventType;
}

function protestType(acts: readonly TypedAct[], tags: string[]): ChosenType {
  const triggers = flatMapped(acts, triggersOf);
  const forceUsed = triggers.some(
    (t) => t.entry.role === 'violence' || t.entry.eventType === 'Battles',
  );
  const harmed = acts.some((m) =>
    m.figures.some((f) => f.figure.measure === 'killed' || f.figure.measure === 'injured'),
  );
  const intervened = triggers.some((t) => t.entry.subEventType === 'Protest with intervention');
  if (forceUsed && harmed)
    return {
      eventType: 'Protests',
      subEventType: 'Excessive force against protesters',
      tags,
      rules: [because('acts/protest-met-with-force')],
    };
  if (intervened)
    return {
      eventType: 'Protests',
      subEventType: 'Protest with intervention',
      tags,
      rules: [because('acts/protest-intervention')],
    };
  return {
    eventType: 'Protests',
    subEventType: 'Peaceful protest',
    tags,
    rules: [because('acts/protest')],
  };
}

function triggersOf(m: TypedAct): readonly Annotation<TriggerEntry>[] {
  return m.triggers;
}

/** The triggers' tags, each once, in the order first met. */
function distinctTags(triggers: readonly Annotation<TriggerEntry>[]): string[] {
  const tags: string[] = [];
  for (const t of triggers) for (const tag of t.entry.tags) if (!tags.includes(tag)) tags.push(tag);
  return tags;
}

/**
 * The first of the candidates most specific by ACLED's hierarchy, as a stable
 * sort by rank leaves first: each candidate's rank found once, not at every
 * comparison of a sort (an incident's candidates are mostly one).
 */
function mostSpecific(
  lexicon: Lexicon,
  candidates: readonly Annotation<TriggerEntry>[],
  suicide: boolean,
  air: boolean,
): Annotation<TriggerEntry> | undefined {
  let top: Annotation<TriggerEntry> | undefined;
  let topRank = Infinity;
  for (const t of candidates) {
    const rank = hierarchyRank(lexicon, settle(t.entry, suicide, air));
    if (rank < topRank) {
      top = t;
      topRank = rank;
    }
  }
  return top;
}

/** Whether one of the acts is a protest, named strongly enough to be one. */
export function namesAProtest(triggers: readonly Annotation<TriggerEntry>[]): boolean {
  for (const t of triggers)
    if (t.entry.eventType === 'Protests' && t.entry.strength >= 2) return true;
  return false;
}

/**
 * The type an incident's words give: its strongest triggers, most specific by
 * ACLED's hierarchy (a car bomb with a driver is a suicide bomb; shelling from
 * the air an air strike). A protest is a protest, whatever force met it.
 */
export function baseType(lexicon: Lexicon, acts: readonly TypedAct[]): BaseType {
  const triggers = flatMapped(acts, triggersOf);
  const tags = distinctTags(triggers);
  const suicide = acts.some((m) => m.suicide);
  const air = acts.some((m) => m.air);
  if (namesAProtest(triggers)) return { type: protestType(acts, tags), role: null };
  let strongest = 0;
  for (const t of triggers) strongest = Math.max(strongest, t.entry.strength);
  const candidates: Annotation<TriggerEntry>[] = [];
  for (const t of triggers) if (t.entry.strength === strongest) candidates.push(t);
  const top = mostSpecific(lexicon, candidates, suicide, air);
  if (top === undefined) {
    // People counted with no side named («مقتل شخصين») are counted as civilians are.
    const civilians = acts.some((m) =>
      m.figures.some((f) => f.figure.victim === 'CIV' || f.figure.victimClass === 'person'),
    );
    return {
      type: civilians
        ? {
            eventType: 'Violence against civilians',
            subEventType: 'Attack',
            tags,
            rules: [because('acts/civilians-counted-no-act-word')],
          }
        : {
            eventType: 'Battles',
            subEventType: 'Armed clash',
            tags,
            rules: [because('acts/no-act-word')],
          },
      role: null,
    };
  }
  const sub = settle(top.entry, suicide, air);
  const rules = [because('acts/strongest-trigger', strongest)];
  if (candidates.length > 1) rules.push(because('acts/acled-hierarchy'));
  if (sub !== top.entry.subEventType)
    rules.push(because(suicide ? 'acts/suicide-cue' : 'acts/air-cue'));
  const eventType = sub === 'Air/drone strike' ? 'Explosions/Remote violence' : top.entry.eventType;
  return { type: { eventType, subEventType: sub, tags, rules }, role: top.entry.role ?? null };
}

/**
 * The type settled by the sides: a capture by state forces is a government
 * regain, by others an overtaking; an arrest by non-state forces that govern no
 * territory is an abduction; violence whose every victim is armed is a clash.
 */
export function settleType(
  lexicon: Lexicon,
  base: BaseType,
  sides: TypeSides,
  victims: readonly (string | null)[],
): ChosenType {
  const { type } = base;
  const inter = sides.actor1 === null ? null : (lexicon.actors.get(sides.actor1)?.inter ?? null);
  const with_ = (eventType: string, subEventType: string, rule: string): ChosenType => ({
    ...type,
    eventType,
    subEventType,
    rules: [...type.rules, because(rule)],
  });
  switch (base.role) {
    case 'territory':
      return inter === 1
        ? with_(type.eventType, 'Government regains territory', 'acts/taken-by-state-forces')
        : with_(type.eventType, 'Non-state actor overtakes territory', 'acts/taken-by-non-state');
    case 'arrest': {
      const governs = sides.actor1 !== null && lexicon.actors.get(sides.actor1)?.authority === true;
      const state = (inter !== null && STATE_INTER.has(inter)) || governs;
      return state
        ? with_(type.eventType, type.subEventType, 'acts/arrest-by-authority')
        : with_(
            'Violence against civilians',
            'Abduction/forced disappearance',
            'acts/arrest-by-non-state',
          );
    }
    case 'violence': {
      const named = victims.filter((v) => v !== null);
      const armed = named.length > 0 && named.every((v) => !CIVILIAN_SIDE.has(v));
      const armedTarget =
        sides.actor2 !== null && !CIVILIAN_SIDE.has(sides.actor2) && named.length === 0;
      return armed || armedTarget
        ? with_('Battles', 'Armed clash', 'acts/violence-between-armed-sides')
        : type;
    }
    default:
      return type;
  }
}

interface ToldLikeBefore {
  readonly likeTheActBefore: boolean;
  readonly othersStruck: boolean;
  readonly strength: number;
}

/**
 * «بعد يومين من هجوم مشابه», «قصفا مماثلا»: an act told as like the one
 * before it; «…، فيما قتل 4 آخرون في بلدة كفرنبل المجاورة»: an incident that
 * only counts more people struck, with no act of its own, fell to such an act.
 */
export function toldAsTheActBefore(acts: readonly ToldLikeBefore[]): boolean {
  if (acts.some((a) => a.likeTheActBefore)) return true;
  return acts.some((a) => a.othersStruck) && acts.every((a) => a.strength < 2);
}

/** An act told as like the one before it is of that act's type, whatever its noun says alone. */
export function asTheActBefore(
  type: ChosenType,
  acts: readonly ToldLikeBefore[],
  before: { readonly eventType: string; readonly subEventType: string } | null,
): ChosenType {
  if (before === null || !toldAsTheActBefore(acts)) return type;
  return {
    ...type,
    eventType: before.eventType,
    subEventType: before.subEventType,
    rules: [because('acts/like-the-act-before')],
  };
}
