import { CIVILIAN_SIDE } from '../../lexicon/index.js';
import type { RuleUse } from '../01-read/index.js';
import { because } from '../01-read/index.js';
import type { RoleCandidate } from './roles.js';
import { flatMapped } from '../../text/index.js';

/** The sides of an incident, with the words that name each and the rules that chose them. */
export interface Sides {
  readonly actor1: string | null;
  readonly actor2: string | null;
  readonly assoc1: string[];
  readonly assoc2: string[];
  readonly mentionOf: Map<string, { start: number; end: number }>;
  readonly rules: { readonly actor1: readonly RuleUse[]; readonly actor2: readonly RuleUse[] };
}

/** What the sides are chosen from: the incident's clauses, their weighed actors and figures. */
export interface SidedAct {
  readonly roles: readonly RoleCandidate[];
  readonly figures: readonly {
    readonly figure: { readonly victim: string | null; readonly victimClass: string | null };
  }[];
  /** The armed side the clause's teller speaks for, if any. */
  readonly tellerSide: string | null;
}

/** The actors' weights over an incident's clauses: what `chooseSides` chooses from, whatever the type. */
export interface Weights {
  readonly a1: Map<string, number>;
  readonly a2: Map<string, number>;
  /** The votes for each actor as the doer, and as the target: two tables, no key string made per vote. */
  readonly votes1: Map<string, RuleUse[]>;
  readonly votes2: Map<string, RuleUse[]>;
  readonly mentionOf: Map<string, { start: number; end: number }>;
}

function note(votes: Map<string, RuleUse[]>, id: string, rule: RuleUse): void {
  const list = votes.get(id);
  if (list === undefined) votes.set(id, [rule]);
  else list.push(rule);
}

/** Sums each actor's weight as doer and as target over the incident's clauses. */
export function weighSides(acts: readonly SidedAct[]): Weights {
  const a1 = new Map<string, number>();
  const a2 = new Map<string, number>();
  const votes1 = new Map<string, RuleUse[]>();
  const votes2 = new Map<string, RuleUse[]>();
  const mentionOf = new Map<string, { start: number; end: number }>();
  for (const m of acts) {
    for (const r of m.roles) {
      a1.set(r.id, (a1.get(r.id) ?? 0) + r.asActor1);
      a2.set(r.id, (a2.get(r.id) ?? 0) + r.asActor2);
      for (const v of r.votes) note(v.side === 'actor1' ? votes1 : votes2, r.id, v);
      if (!mentionOf.has(r.id)) mentionOf.set(r.id, { start: r.entity.start, end: r.entity.end });
    }
    for (const f of m.figures) {
      // «قتل 15 شخصا»: the figure does not say whose people, but people counted
      // with no group named point to civilians as the side hit, as monitors code it.
      const v = f.figure.victim ?? (f.figure.victimClass === 'person' ? 'CIV' : null);
      if (v === null) continue;
      a2.set(v, (a2.get(v) ?? 0) + 1);
      const rule =
        f.figure.victim === null
          ? 'sides/people-counted-civilians'
          : 'sides/whose-people-were-counted';
      note(votes2, v, because(rule, 1));
    }
  }
  return { a1, a2, votes1, votes2, mentionOf };
}

/** No actor left out, no weight to outweigh: shared, as `pick` only reads them. */
const NO_ONE: ReadonlySet<string> = new Set();
const NO_WEIGHTS: ReadonlyMap<string, number> = new Map();
const NO_VICTIMS: ReadonlySet<string | null> = new Set();

/** How many of the sides whose people fell are armed ones. */
function armedSides(fallen: ReadonlySet<string | null>): number {
  let armed = 0;
  for (const id of fallen) if (id !== null && !CIVILIAN_SIDE.has(id)) armed++;
  return armed;
}

function pick(
  weights: ReadonlyMap<string, number>,
  other: ReadonlyMap<string, number>,
  exclude: ReadonlySet<string>,
): string[] {
  const picked: [string, number][] = [];
  for (const weighed of weights) {
    const [id, w] = weighed;
    if (w > 0 && !exclude.has(id) && w >= (other.get(id) ?? 0)) picked.push(weighed);
  }
  picked.sort(heaviestFirst);
  const ids: string[] = [];
  for (const [id] of picked) ids.push(id);
  return ids;
}

function heaviestFirst(x: readonly [string, number], y: readonly [string, number]): number {
  return y[1] - x[1];
}

/** The rules that chose each side: the choice's own, then the votes for the actor chosen. */
function sideRules(
  chosen: Sides['rules'],
  weights: Weights,
  actor1: string | null,
  actor2: string | null,
): Sides['rules'] {
  return {
    actor1: [...chosen.actor1, ...(weights.votes1.get(actor1 ?? '') ?? [])],
    actor2: [...chosen.actor2, ...(weights.votes2.get(actor2 ?? '') ?? [])],
  };
}

/**
 * The doer and the target of an incident: the actors most weighed as each over
 * its clauses. Protesters face the force that met them; an explosion or an
 * attack on civilians with no doer named has an unknown one; an attack on
 * civilians with no target named struck civilians.
 */
export function chooseSides(
  acts: readonly SidedAct[],
  eventType: string,
  weights: Weights = weighSides(acts),
): Sides {
  const { a1, a2, mentionOf } = weights;
  const firsts = pick(a1, a2, NO_ONE);
  let actor1 = firsts[0] ?? null;
  const seconds = pick(a2, NO_WEIGHTS, actor1 === null ? NO_ONE : new Set([actor1]));
  let actor2 = seconds[0] ?? null;
  const rules = {
    actor1: [] as RuleUse[],
    actor2: [] as RuleUse[],
  };
  if (eventType === 'Protests') {
    const force =
      firsts.find((id) => !CIVILIAN_SIDE.has(id)) ?? seconds.find((id) => !CIVILIAN_SIDE.has(id));
    actor1 = force ?? 'PROTESTERS';
    actor2 = force === undefined ? null : 'PROTESTERS';
    rules.actor1.push(because(force === undefined ? 'sides/protesters' : 'sides/force-at-protest'));
    if (force !== undefined) rules.actor2.push(because('sides/protesters-met-by-force'));
    return {
      actor1,
      actor2,
      assoc1: [],
      assoc2: [],
      mentionOf,
      rules: sideRules(rules, weights, actor1, actor2),
    };
  }
  // «اشتباكات بين قسد ومقاتلين من العشائر أسفرت عن مقتل 4 من العشائر و3 من قسد»: both
  // sides of a fight lose people, so their dead do not unmake the side named first as its doer.
  // Gathered only for a fight with no doer: most incidents name one.
  const fallen =
    actor1 === null && eventType === 'Battles'
      ? new Set(flatMapped(acts, (m) => m.figures.map((f) => f.figure.victim)))
      : NO_VICTIMS;
  if (actor1 === null && eventType === 'Battles' && armedSides(fallen) >= 2) {
    const fighter = [...a1]
      .filter(([id, w]) => w > 0 && fallen.has(id))
      .sort((x, y) => y[1] - x[1])[0]?.[0];
    if (fighter !== undefined) {
      actor1 = fighter;
      rules.actor1.push(because('sides/a-side-of-the-fight'));
      actor2 = pick(a2, NO_WEIGHTS, new Set([fighter]))[0] ?? null;
    }
  }
  // A strike, an attack on civilians, or a fight against a named side by nobody named: an unidentified group.
  if (
    actor1 === null &&
    (eventType === 'Explosions/Remote violence' ||
      eventType === 'Violence against civilians' ||
      (eventType === 'Battles' && actor2 !== null))
  ) {
    actor1 = 'UNKNOWN';
    rules.actor1.push(because('sides/no-doer-named'));
    // «مسلحون مجهولون» weighed as target too: an unknown doer is not its own target.
    if (actor2 === actor1) actor2 = seconds.find((id) => id !== actor1) ?? null;
  }
  if (actor2 === null && eventType === 'Violence against civilians') {
    actor2 = 'CIV';
    rules.actor2.push(because('sides/violence-against-civilians'));
  }
  // «مصدر في الفرقة الساحلية: شنت مقاتلات روسية غارات على محاور البلدة»: a side that
  // tells of strikes it names no target or victims for was their target.
  const victims = acts.some((m) => m.figures.length > 0);
  if (actor2 === null && eventType === 'Explosions/Remote violence' && !victims) {
    actor2 =
      acts
        .map((m) => m.tellerSide)
        .find((side) => side !== null && !firsts.includes(side) && !CIVILIAN_SIDE.has(side)) ??
      null;
    if (actor2 !== null) rules.actor2.push(because('sides/teller-was-struck'));
  }
  if (actor1 !== null && actor1 === actor2) actor2 = null;
  return {
    actor1,
    actor2,
    assoc1: firsts.slice(1, 3).filter((id) => id !== actor2),
    assoc2: seconds.slice(1, 3).filter((id) => id !== actor1),
    mentionOf,
    rules: sideRules(rules, weights, actor1, actor2),
  };
}

/** Kinds of strike that fall on a whole town when they name no target within it. */
const AREA_STRIKES: ReadonlySet<string> = new Set([
  'Shelling/artillery/missile attack',
  'Air/drone strike',
]);

/** Kinds of place where people live: a strike on one, by its name alone, fell on a town. */
const POPULATED: ReadonlySet<string> = new Set(['community', 'neighbourhood']);

/** A massacre or a chemical attack with no target named struck civilians. */
export function withCivilianTarget(
  sides: Sides,
  type: {
    readonly eventType: string;
    readonly subEventType: string;
    readonly tags: readonly string[];
  },
  acts: readonly {
    readonly civilianSite: boolean;
    readonly militarySite: boolean;
    readonly places: readonly {
      readonly mention: { readonly settlement: boolean; readonly neighbourhood?: boolean };
      readonly place: { readonly kind: string };
    }[];
    readonly figures: readonly { readonly figure: { readonly victimClass: string | null } }[];
  }[],
): Sides {
  if (sides.actor2 !== null || sides.actor1 === 'CIV') return sides;
  const massacre = type.subEventType === 'Chemical weapon' || type.tags.includes('massacre');
  // «انفجار سيارة مفخخة في سوق المدينة», «غارات على الأحياء السكنية»: a blast or
  // strike on a place where civilians are, with no armed target named, struck them.
  // Fighters among the dead say the target was armed, whatever carried them («حافلة مبيت»).
  const fighters = acts.some((a) =>
    a.figures.some((f) => f.figure.victimClass === 'fighter' || f.figure.victimClass === 'armed'),
  );
  // «قصف مدفعي على بلدة الفطيرة»: shells or strikes on a town or quarter, no
  // front, post or position named («محاور البلدة»), fell on its people.
  const town =
    AREA_STRIKES.has(type.subEventType) &&
    !acts.some((a) => a.militarySite) &&
    acts.some((a) =>
      a.places.some(
        (p) =>
          p.mention.settlement || p.mention.neighbourhood === true || POPULATED.has(p.place.kind),
      ),
    );
  const site =
    type.eventType === 'Explosions/Remote violence' &&
    !fighters &&
    (acts.some((a) => a.civilianSite) || town);
  if (!massacre && !site) return sides;
  const rule = massacre
    ? 'sides/massacre-struck-civilians'
    : town && !acts.some((a) => a.civilianSite)
      ? 'sides/town-struck'
      : 'sides/civilian-site-struck';
  return { ...sides, actor2: 'CIV', rules: { ...sides.rules, actor2: [because(rule)] } };
}

/**
 * Whose people a figure counts, once the sides are known: fighters with no
 * group named («سقط قتلى من عناصر الموقعين المستهدفين») are of the armed side
 * hit — where the target was civilians, of the armed side there —, attackers
 * of the side that attacked.
 */
export function victimSide(
  figure: { readonly victim: string | null; readonly victimClass: string | null },
  sides: { readonly actor1: string | null; readonly actor2: string | null } | null,
): string | null {
  const armed = (id: string | null | undefined): string | null =>
    id === null || id === undefined || CIVILIAN_SIDE.has(id) ? null : id;
  const side =
    // Fighters of no named side fell on the armed side that was struck; where the
    // doer fought civilians («في مواجهات مع أهالي القرية»), on the doer's; never
    // on the doer's when the target is unknown.
    figure.victimClass === 'fighter'
      ? (armed(sides?.actor2) ??
        (CIVILIAN_SIDE.has(sides?.actor2 ?? '') ? armed(sides?.actor1) : null))
      : figure.victimClass === 'attacker'
        ? (sides?.actor1 ?? null)
        : null;
  return figure.victim ?? side ?? null;
}

/**
 * «قصف مدفعي لقوات النظام على بلدة البارة… وطال القصف أيضاً قرى مجاورة»: strikes
 * of a kind the report already told with their doer, told again with none
 * named, are that doer's; so is any act told as like the one before («هجوم
 * مماثل»). `earlier` maps a sub-event type to the doer of the latest such
 * incident before this one.
 */
export function withEarlierDoer(
  sides: Sides,
  subEventType: string,
  earlier: ReadonlyMap<string, string>,
  like = false,
): Sides {
  if (sides.actor1 !== 'UNKNOWN' || !(like || AREA_STRIKES.has(subEventType))) return sides;
  if (!sides.rules.actor1.some((r) => r.rule === 'sides/no-doer-named')) return sides;
  const doer = earlier.get(subEventType);
  if (doer === undefined || doer === sides.actor2) return sides;
  const rule = like
    ? 'sides/doer-of-the-like-act-before'
    : 'sides/doer-of-like-strikes-told-before';
  return { ...sides, actor1: doer, rules: { ...sides.rules, actor1: [because(rule)] } };
}
