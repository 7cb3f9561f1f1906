import type { ResolvedPlace } from '../../gazetteer/index.js';
import { daysBetween } from '../../text/index.js';
import type { RuleUse } from '../01-read/index.js';
import { because } from '../01-read/index.js';
import { bestPlace, placesCompatible } from '../03-places/index.js';
import type { FigureMention } from '../04-figures/index.js';
import type { EventMention } from './frames.js';

/** Mentions gathered into one act: the shape of an incident before it is written out. */
export interface IncidentDraft {
  readonly mentions: EventMention[];
  readonly background: boolean;
  /** Why it was opened, then why each later mention joined it, in order. */
  readonly rules: RuleUse[];
}

/** Event types that one act can carry together (an airstrike in a battle, shooting at a protest). */
const COMPATIBLE_TYPES: readonly (readonly [string, string])[] = [
  ['Battles', 'Explosions/Remote violence'],
  ['Protests', 'Violence against civilians'],
  ['Protests', 'Riots'],
  ['Protests', 'Battles'],
  ['Explosions/Remote violence', 'Violence against civilians'],
  ['Violence against civilians', 'Strategic developments'],
  ['Battles', 'Violence against civilians'],
  ['Battles', 'Strategic developments'],
];

function mainType(mention: EventMention): string | null {
  const strongest = [...mention.triggers].sort((a, b) => b.entry.strength - a.entry.strength)[0];
  return strongest === undefined || strongest.entry.strength < 2 ? null : strongest.entry.eventType;
}

function typesCompatible(a: string | null, b: string | null): boolean {
  if (a === null || b === null || a === b) return true;
  return COMPATIBLE_TYPES.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
}

/** How far a retelling may wander: «الانفجار» names an act already told, so nearby places agree. */
const ANAPHORIC_REACH_KM = 15;

/**
 * What a draft's mentions add up to, worked out once for the mentions it has:
 * each mention is weighed against every draft, and a draft only grows.
 */
interface DraftSummary {
  readonly count: number;
  readonly last: EventMention | undefined;
  readonly place: ResolvedPlace | null;
  readonly day: string | null;
  readonly type: string | null;
  readonly actor1: string | null;
  /** Every figure its mentions state, in order. */
  readonly figures: readonly FigureMention[];
  /** The last sentence it is told in. */
  readonly lastSentence: number;
  readonly countedBack: boolean;
}

const summaries = new WeakMap<IncidentDraft, DraftSummary>();

function summaryOf(draft: IncidentDraft): DraftSummary {
  const last = draft.mentions.at(-1);
  const known = summaries.get(draft);
  if (known !== undefined && known.count === draft.mentions.length && known.last === last)
    return known;
  const summary: DraftSummary = {
    count: draft.mentions.length,
    last,
    place: bestPlace(draft.mentions.flatMap((m) => m.places)),
    day: draft.mentions.find((m) => m.date?.precision === 'day')?.date?.from ?? null,
    type: strongestType(draft),
    actor1: clearActor1(draft.mentions),
    figures: draft.mentions.flatMap((m) => m.figures.map((f) => f.figure)),
    lastSentence: draft.mentions.reduce((last, m) => Math.max(last, m.clause.sentence.index), -1),
    countedBack: countedBackTo(draft),
  };
  summaries.set(draft, summary);
  return summary;
}

function draftPlace(draft: IncidentDraft): ResolvedPlace | null {
  return summaryOf(draft).place;
}

function draftDay(draft: IncidentDraft): string | null {
  return summaryOf(draft).day;
}

function draftType(draft: IncidentDraft): string | null {
  return summaryOf(draft).type;
}

/** The incident's type so far: its strongest act («عملية هجومية» and «هجوم انتحاري» over «إحباط»). */
function strongestType(draft: IncidentDraft): string | null {
  let best: { type: string; strength: number } | null = null;
  for (const m of draft.mentions) {
    for (const t of m.triggers) {
      if (t.entry.strength >= 2 && (best === null || t.entry.strength > best.strength)) {
        best = { type: t.entry.eventType, strength: t.entry.strength };
      }
    }
  }
  return best?.type ?? null;
}

/** The actor a mention most clearly names as the doer. */
function clearActor1(mentions: readonly EventMention[]): string | null {
  let best: { id: string; w: number } | null = null;
  for (const m of mentions) {
    for (const r of m.roles) {
      if (r.asActor1 >= 2 && r.asActor1 > r.asActor2 && (best === null || r.asActor1 > best.w))
        best = { id: r.id, w: r.asActor1 };
    }
  }
  return best?.id ?? null;
}

/** Whether two doers fight on one side («قوات النظام» and «حزب الله» taking a town together). */
export type Allied = (a: string, b: string) => boolean;

/** An earlier act the report only counts back to («بعد يومين من غارة…»): dated by that span alone. */
function countedBackTo(draft: IncidentDraft): boolean {
  return (
    draft.mentions.some((m) => m.date?.alone === true) &&
    draft.mentions.every((m) => m.date === null || m.date.alone === true)
  );
}

/** «وفي حادثة أخرى», «كما» opening the act: no incident told before is this one. */
function announcedAsAnother(mention: EventMention): boolean {
  return mention.newAct === 'explicit' || (mention.newAct === 'opener' && !mention.anaphoric);
}

function compatible(draft: IncidentDraft, mention: EventMention, allied: Allied): boolean {
  if (draft.background !== mention.background) return false;
  // What follows tells of the report's own act unless it points back to the earlier one.
  if (
    summaryOf(draft).countedBack &&
    mention.date === null &&
    !mention.anaphoric &&
    !mention.refersBack
  )
    return false;
  if (announcedAsAnother(mention)) return false;
  const here = bestPlace(mention.places);
  const there = draftPlace(draft);
  if (here === null && !closeBy(draft, mention)) return false;
  const reach = mention.anaphoric ? ANAPHORIC_REACH_KM : undefined;
  if (here !== null && there !== null && !placesCompatible(here, there, reach)) return false;
  const day = mention.date?.precision === 'day' ? mention.date.from : null;
  const draftDate = draftDay(draft);
  // A day apart is the same act told from both ends of a night («منذ ليل أمس… إلى فجر اليوم») when nothing else differs.
  // An act counted back to («بعد يومين من…») is dated to the day.
  const tolerance =
    mention.date?.alone !== true &&
    (here === null || (there !== null && here.place.id === there.place.id))
      ? 1
      : 0;
  if (day !== null && draftDate !== null && Math.abs(daysBetween(day, draftDate)) > tolerance)
    return false;
  if (!typesCompatible(draftType(draft), mainType(mention))) return false;
  const a = clearActor1([mention]);
  const b = summaryOf(draft).actor1;
  return a === null || b === null || a === b || allied(a, b);
}

/**
 * A mention that names no place joins an incident told in the same or the
 * previous sentence, or one it names («الانفجار»), or one it gives a count for.
 */
function closeBy(draft: IncidentDraft, mention: EventMention): boolean {
  const sentence = mention.clause.sentence.index;
  return (
    mention.anaphoric ||
    mention.refersBack ||
    mention.figures.some((f) => f.figure.count !== null) ||
    summaryOf(draft).lastSentence >= sentence - 1
  );
}

/** Whether a mention is enough to open an incident of its own. */
function opensIncident(mention: EventMention): boolean {
  if (mention.habitual || mention.tally) return false;
  if (mention.strength >= 2) return true;
  const counted = mention.figures.some((f) => f.figure.count !== null);
  // «تعزيزات», «حظر التجول», «سواتر ترابية»: moves around the acts, not acts of their own.
  const preparations = mention.triggers.every((t) => t.entry.tags.includes('development'));
  if (mention.strength === 1) return counted || (mention.places.length > 0 && !preparations);
  // «مقتل شخصين في بلدة سرمين.»: people counted dead or wounded in a town are an act, named or
  // not; over a whole governorate («بريف دير الزور») they may sum up several.
  return (
    mention.places.some((p) => p.precision <= 2) &&
    mention.figures.some(
      (f) => f.figure.count !== null && f.figure.measure !== 'detained' && !f.figure.reference,
    )
  );
}

/**
 * Gathers the report's event mentions into incidents: a mention joins the most
 * recent compatible incident (same place or one inside the other, same day,
 * compatible type, the same doer or one of its camp, not announced as another
 * act), preferring one at the very same place; otherwise a strong enough
 * mention opens a new incident.
 */
export function gatherIncidents(
  mentions: readonly EventMention[],
  allied: Allied = () => false,
): IncidentDraft[] {
  const drafts: IncidentDraft[] = [];
  let lastMention: EventMention | undefined;
  // «لقي خمسة مدنيين مصرعهم، وأصيب آخرون جراء غارة…»: counts told before their act waits for it.
  let waiting: EventMention[] = [];
  for (const told of mentions) {
    if (told.tally || told.habitual) continue;
    const mention = retoldInPast(drafts, told);
    const informative =
      mention.strength > 0 ||
      mention.figures.length > 0 ||
      (mention.anaphoric && mention.places.length > 0);
    if (!informative) continue;
    const here = bestPlace(mention.places);
    // None fits an act announced as another: a long report need not weigh them all.
    const fitting = announcedAsAnother(mention)
      ? []
      : drafts.filter((d) => compatible(d, mention, allied));
    // The very same town or village is the same act; a whole governorate is not that telling.
    const samePlace =
      here === null || here.precision === 3
        ? undefined
        : fitting.findLast((d) => draftPlace(d)?.place.id === here.place.id);
    // A mention that names an act joins the incident of that kind of act, else the latest.
    const latest = fitting.findLast((d) => sharesKind(d, mention)) ?? fitting.at(-1);
    // An act at another place inside or around the incident's is the same act only when the text says so.
    const joins =
      latest !== undefined &&
      (here === null ||
        draftPlace(latest) === null ||
        !opensIncident(mention) ||
        coreferent(latest, mention) ||
        retold(latest, mention));
    // «…، حيث دارت اشتباكات…»: a clause that goes on about its sentence's act stays with it.
    const previous = drafts.find((d) => d.mentions.at(-1) === lastMention);
    // An earlier act counted back from this one («بعد يومين من غارة…») is not what the sentence goes on about.
    const continues =
      previous !== undefined &&
      lastMention?.date?.alone !== true &&
      lastMention?.clause.sentence === mention.clause.sentence &&
      mention.newAct === 'no' &&
      fitting.includes(previous);
    // «…ما أدى إلى استشهاد مدنيين اثنين وإصابة أربعة»: the same toll again is the same act, wherever the clause says its doers came from.
    const twin =
      mention.newAct === 'explicit'
        ? undefined
        : drafts.findLast((d) => d.background === mention.background && repeatsToll(d, mention));
    // «…مقتل خمسة مدنيين من عائلة واحدة» with no place: the incident whose count it repeats, not merely the latest.
    const echoed =
      here === null ? fitting.findLast((d) => repeatsACount(d, mention, true)) : undefined;
    const chosen: [IncidentDraft | undefined, string][] = [
      [continues ? previous : undefined, 'gather/goes-on-in-its-sentence'],
      [samePlace, 'gather/same-place'],
      [echoed, 'gather/repeats-its-count'],
      [joins ? latest : undefined, joinRule(latest, mention, here)],
      [twin, 'gather/repeats-the-toll'],
    ];
    const [target, rule] = chosen.find(([d]) => d !== undefined) ?? [undefined, ''];
    const before = waiting.filter((w) => countedFor(w, mention));
    if (target !== undefined) {
      target.mentions.push(...before, mention);
      target.rules.push(
        ...before.map(() => because('gather/counted-before-its-act')),
        because(rule),
      );
    } else if (opensIncident(mention))
      drafts.push({
        mentions: [...before, mention],
        background: mention.background,
        rules: [
          ...before.map(() => because('gather/counted-before-its-act')),
          because('gather/opens-incident', mention.strength),
        ],
      });
    if (drafts.some((d) => d.mentions.at(-1) === mention)) {
      lastMention = mention;
      waiting = [];
    } else if (countsWithoutAnAct(mention)) waiting = [...before, mention];
  }
  return drafts;
}

/** A clause that counts the dead or wounded and names no act, nor a place closer than a governorate. */
function countsWithoutAnAct(mention: EventMention): boolean {
  return (
    mention.strength === 0 &&
    mention.places.every((p) => p.precision === 3) &&
    !mention.background &&
    mention.figures.some(
      (f) =>
        f.figure.count !== null &&
        (f.figure.measure === 'killed' || f.figure.measure === 'injured'),
    )
  );
}

/**
 * Whether counts told before any act are the victims of this one: told in its
 * sentence, or over an area it lies in («استشهد أحد شيوخ القبيلة بريف دير الزور…»
 * then «…إطلاق الرصاص على السيارة في قرية الحوايج»).
 */
function countedFor(counts: EventMention, mention: EventMention): boolean {
  // The dead and wounded are an act of violence's, not an arrest's.
  if (mainType(mention) === 'Strategic developments') return false;
  if (counts.clause.sentence === mention.clause.sentence) return true;
  const area = bestPlace(counts.places);
  const here = bestPlace(mention.places);
  // «قتل 5 مدنيين بريف إدلب… وقتل طفلان بغارة على كفرنبل»: a total larger than the act's own sums several acts.
  const ownCount = mention.figures.some(({ figure: f }) =>
    counts.figures.some(
      ({ figure: c }) =>
        c.measure === f.measure && f.count !== null && c.count !== null && c.count > f.count,
    ),
  );
  return (
    area !== null &&
    here !== null &&
    here.precision < 3 &&
    !ownCount &&
    placesCompatible(here, area)
  );
}

/** Why a mention joins the latest fitting incident. */
function joinRule(
  latest: IncidentDraft | undefined,
  mention: EventMention,
  here: ReturnType<typeof bestPlace>,
): string {
  if (latest === undefined) return '';
  if (here === null) return 'gather/names-no-place-of-its-own';
  if (draftPlace(latest) === null) return 'gather/incident-had-no-place';
  if (!opensIncident(mention)) return 'gather/too-little-to-be-an-act-of-its-own';
  if (coreferent(latest, mention)) return 'gather/points-back-to-the-act';
  return 'gather/retold-closer-by-another-teller';
}

/**
 * «قتل عناصر من قسد بانفجار شرق دير الزور… وحسب التنظيم فإن 20 عنصراً سقطوا
 * بانفجار عبوة في منطقة ذيبان»: another teller's account of the same kind of
 * act, at a place inside the area the lead gave, is the lead's act told closer.
 */
function retold(draft: IncidentDraft, mention: EventMention): boolean {
  const area = draftPlace(draft);
  return (
    area !== null && area.precision === 3 && mention.newAct === 'no' && sharesKind(draft, mention)
  );
}

/**
 * «…انفجار في سوق مدينة أعزاز صباح اليوم. وكان انفجار سيارة مفخخة قد هز السوق»:
 * a past-tense clause with no day or place of its own, of the kind of act just
 * told, tells that act; the past tense is the telling's.
 */
function retoldInPast(drafts: readonly IncidentDraft[], mention: EventMention): EventMention {
  if (!mention.background || !mention.retelling) return mention;
  const latest = drafts.findLast((d) => !d.background);
  return latest !== undefined && sharesKind(latest, mention)
    ? {
        ...mention,
        background: false,
        backgroundRules: [
          ...mention.backgroundRules,
          because('acts/past-tense-retells-the-act-just-told'),
        ],
      }
    : mention;
}

/** A count this large is rarely repeated by chance in one report. */
const TELLING_COUNT = 10;

/**
 * Whether a mention repeats an incident's toll: two of its counts, or one large
 * one; or any one of them for the same kind of act at a place inside the area
 * the incident was told at («…فيما جرح طفلان بقصف مماثل على ريف القنيطرة» in
 * the lead, then «كما تعرضت بلدة خان أرنبة لقصف مماثل أدى إلى جرح طفلين»).
 */
function repeatsToll(draft: IncidentDraft, mention: EventMention): boolean {
  const counted = mention.figures.map((f) => f.figure).filter((f) => f.count !== null);
  if (counted.length === 0) return false;
  const told = summaryOf(draft).figures;
  const repeated = counted.filter((f) =>
    told.some((t) => t.measure === f.measure && t.count === f.count),
  );
  return (
    repeated.length >= 2 ||
    repeated.some((f) => (f.count ?? 0) >= TELLING_COUNT) ||
    (repeated.length === 1 && toldCloserInItsArea(draft, mention))
  );
}

/** A mention of the incident's kind of act, on its day, at a place inside the area the incident names. */
function toldCloserInItsArea(draft: IncidentDraft, mention: EventMention): boolean {
  const area = draftPlace(draft);
  const here = bestPlace(mention.places);
  const day = mention.date?.precision === 'day' ? mention.date.from : null;
  const draftDate = draftDay(draft);
  return (
    area !== null &&
    here !== null &&
    area.precision === 3 &&
    here.precision < 3 &&
    (day === null || draftDate === null || day === draftDate) &&
    placesCompatible(here, area) &&
    sharesKind(draft, mention)
  );
}

/**
 * Sub-event types that name one act from two sides: a raid that carries people
 * off is an arrest when a state makes it and an abduction when others do, and
 * reports call it by either («داهمت… واختطفت», «حملة دهم واعتقال»).
 */
const ONE_KIND: ReadonlyMap<string, string> = new Map([
  ['Abduction/forced disappearance', 'Arrests'],
]);

function kindOf(subEventType: string): string {
  return ONE_KIND.get(subEventType) ?? subEventType;
}

function sharesKind(draft: IncidentDraft, mention: EventMention): boolean {
  const kinds = new Set(
    [...mention.triggers, ...mention.references]
      .filter((t) => t.entry.strength >= 2)
      .map((t) => kindOf(t.entry.subEventType)),
  );
  return (
    kinds.size > 0 &&
    draft.mentions.some((m) => m.triggers.some((t) => kinds.has(kindOf(t.entry.subEventType))))
  );
}

/**
 * A count of one or two repeats by chance; a larger one is the same toll told
 * again — of the same people, when `sameVictims` asks.
 */
function repeatsACount(draft: IncidentDraft, mention: EventMention, sameVictims = false): boolean {
  const told = summaryOf(draft).figures;
  return mention.figures.some(
    ({ figure: f }) =>
      f.count !== null &&
      f.count >= 3 &&
      told.some(
        (t) =>
          t.measure === f.measure && t.count === f.count && (!sameVictims || t.victim === f.victim),
      ),
  );
}

/**
 * Signs that a mention tells of an act already told: it names it («الانفجار»),
 * repeats one of its counts, or breaks one of its totals down («9 قتلى»: 6 + 3).
 */
function coreferent(draft: IncidentDraft, mention: EventMention): boolean {
  if (mention.anaphoric || (mention.refersBack && mention.strength < 2)) return true;
  if (repeatsACount(draft, mention)) return true;
  const told = summaryOf(draft).figures.filter((f) => f.count !== null);
  const here = mention.figures.map((f) => f.figure).filter((f) => f.count !== null);
  return told.some((t) => {
    const parts = here.filter((f) => f.measure === t.measure);
    return parts.length >= 2 && parts.reduce((sum, f) => sum + (f.count ?? 0), 0) === t.count;
  });
}
