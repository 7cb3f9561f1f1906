import { createHash } from 'node:crypto';
import type { Event, EventClaim, Figure } from '../contracts/index.js';
import type { LexiconNames } from '../lexicon/index.js';
import { addDays, daysBetween } from '../text/index.js';
import { countryOf } from './countries.js';
import { csvLine, Fixed } from './writer.js';
import type { EventWriter, ReportIndex, ReportInfo } from './writer.js';

/** What the field formats need to know besides the events. */
export interface FieldContext {
  readonly lexicon: LexiconNames;
  /** The kind of a gazetteer place (`neighbourhood`, `community`…), for ACLED's «City - District». */
  readonly placeKind?: (id: string) => string | undefined;
  /** When the export is made (ACLED's `timestamp`); now by default. */
  readonly now?: Date;
  /** Add a last column, `capture_sha256`: the SHA-256 of each capture of the event's reports. */
  readonly captureHashes?: boolean;
}

/** The column `captureHashes` adds, after a format's own (its codebook's columns stay as they are). */
export const HASH_COLUMN = 'capture_sha256';

/** The header of a CSV format, with the hash column when asked for. */
export function headOf(columns: readonly string[], context: { captureHashes?: boolean }): string {
  return csvLine(context.captureHashes === true ? [...columns, HASH_COLUMN] : columns);
}

/**
 * The hash column's value, when asked for: the SHA-256 of every capture of the
 * event's reports, space-separated, so that each source's bytes can be checked
 * (`sha256sum`) against what the export was made from.
 */
export function hashCell(
  event: Event,
  reports: ReportIndex,
  context: { captureHashes?: boolean },
): string[] {
  if (context.captureHashes !== true) return [];
  const documents = new Set(event.members.map((m) => m.document));
  const hashes = [...documents].flatMap((d) => reports.get(d)?.captures ?? []);
  return [[...new Set(hashes)].join(' ')];
}

/** A report's web address's host («www.example.org/a» → «example.org»), null when it has none. */
function hostOf(url: string | null): string | null {
  if (url === null) return null;
  try {
    const host = new URL(url).hostname.replace(/^www\./, '');
    return host === '' ? null : host;
  } catch {
    return null;
  }
}

/** Who published a report: its outlet, else its address's host; null when neither is known. */
function publisher(report: { outlet: string | null; url: string | null }): string | null {
  return report.outlet ?? hostOf(report.url);
}

/** An event's days: its first and last, and how many; nulls when its date is unknown. */
interface Period {
  readonly start: string | null;
  readonly end: string | null;
  readonly days: number;
}

function periodOf(event: Event): Period {
  const { start } = event.date;
  if (start === null) return { start: null, end: null, days: 0 };
  const end = event.date.end ?? start;
  return { start, end, days: daysBetween(start, end) + 1 };
}

/** The middle day of a period: where ACLED codes an event known only to a week or a month. */
function middle(p: Period): string | null {
  return p.start === null ? null : addDays(p.start, Math.floor((p.days - 1) / 2));
}

/**
 * ACLED's time_precision: 1 the day is known; 2 a range of days or a week
 * («between 3 and 6 June»); 3 a month or longer, or no date at all.
 */
export function acledTimePrecision(event: Event): 1 | 2 | 3 {
  const p = periodOf(event);
  if (p.start === null) return 3;
  if (p.days === 1 && event.date.precision === 'day') return 1;
  return p.days <= 7 || event.date.precision === 'week' ? 2 : 3;
}

/**
 * UCDP's date_prec: 1 the day; 2 a range of 2 to 6 days; 3 a week; 4 up to a
 * month; 5 longer (a year, or unknown).
 */
export function ucdpDatePrecision(event: Event): 1 | 2 | 3 | 4 | 5 {
  const p = periodOf(event);
  if (p.start === null) return 5;
  if (p.days === 1) return event.date.precision === 'day' ? 1 : 5;
  if (p.days <= 6) return 2;
  if (p.days <= 7) return 3;
  return p.days <= 31 ? 4 : 5;
}

/** ACLED's actor types, by inter code. */
const INTER_TYPES = [
  '',
  'State forces',
  'Rebel group',
  'Political militia',
  'Identity militia',
  'Rioters',
  'Protesters',
  'Civilians',
  'External/Other forces',
] as const;

/** ACLED's interaction: the two actor types, lower code first («State forces-Civilians»), or «Rebel group only». */
export function acledInteraction(a: number, b: number): string {
  if (a === 0 && b === 0) return '';
  if (a === 0 || b === 0) return `${INTER_TYPES[a || b] ?? ''} only`;
  const [low, high] = a <= b ? [a, b] : [b, a];
  return `${INTER_TYPES[low] ?? ''}-${INTER_TYPES[high] ?? ''}`;
}

/** ACLED's disorder type of an event type and sub-event type. */
export function disorderType(eventType: string, subEventType: string): string {
  if (eventType === 'Strategic developments') return 'Strategic developments';
  if (
    subEventType === 'Excessive force against protesters' ||
    subEventType === 'Violent demonstration'
  )
    return 'Political violence; Demonstrations';
  if (eventType === 'Protests' || eventType === 'Riots')
    return subEventType === 'Mob violence' ? 'Political violence' : 'Demonstrations';
  return 'Political violence';
}

/** A stable number for an event (its id's hash): ACLED's and UCDP's ids are numbers. */
function eventNumber(event: Event): number {
  return Number.parseInt(createHash('sha256').update(event.id).digest('hex').slice(0, 12), 16);
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function longDate(iso: string, withYear = true): string {
  const [y, m, d] = iso.split('-').map(Number);
  const month = MONTHS[(m ?? 1) - 1] ?? '';
  return `${String(d)} ${month}${withYear ? ` ${String(y)}` : ''}`;
}

/** «On 14 March 2024», «Between 3 and 6 June 2024», «In June 2024», «On an unknown date». */
function whenPhrase(event: Event): string {
  const p = periodOf(event);
  if (p.start === null || p.end === null) return 'On an unknown date';
  if (p.days === 1) return `On ${longDate(p.start)}`;
  if (event.date.precision === 'month' && p.days >= 28) {
    const [y, m] = p.start.split('-').map(Number);
    return `In ${MONTHS[(m ?? 1) - 1] ?? ''} ${String(y)}`;
  }
  const sameYear = p.start.slice(0, 4) === p.end.slice(0, 4);
  const sameMonth = sameYear && p.start.slice(5, 7) === p.end.slice(5, 7);
  const first = sameMonth ? String(Number(p.start.slice(8))) : longDate(p.start, !sameYear);
  return `Between ${first} and ${longDate(p.end)}`;
}

const MEASURE_WORDS: Readonly<Record<Figure['measure'], string>> = {
  killed: 'killed',
  injured: 'injured',
  detained: 'detained',
  missing: 'missing',
  killed_or_injured: 'killed or injured',
};

const QUALIFIER_WORDS: Readonly<Record<Figure['qualifier'], string>> = {
  exact: '',
  approx: 'about ',
  at_least: 'at least ',
  more_than: 'more than ',
  up_to: 'up to ',
  unspecified: '',
};

/** Names for the people of notes: actors by name, never by wathiq's ids. */
class Names {
  constructor(private readonly lexicon: LexiconNames) {}

  actor(id: string | null): string {
    if (id === null) return '';
    return this.lexicon.actors.get(id)?.name ?? (id === 'civilians' ? 'civilians' : id);
  }

  claimant(claim: EventClaim): string {
    if (claim.claimant === null) return claim.outlet ?? 'the reporting outlet';
    const id = claim.claimant;
    return this.lexicon.claimants.get(id)?.name ?? this.lexicon.actors.get(id)?.name ?? id;
  }

  /** «at least 4 killed (Syrian Democratic Forces)», «an unknown number injured». */
  figure(f: Figure): string {
    const count =
      f.count === null ? 'an unknown number' : `${QUALIFIER_WORDS[f.qualifier]}${String(f.count)}`;
    return `${count} ${MEASURE_WORDS[f.measure]}${f.victim === null ? '' : ` (${this.actor(f.victim)})`}`;
  }
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

/** A sentence's first word: «the reporting outlet» opens one as «The reporting outlet». */
function capitalized(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/**
 * ACLED's notes: «On [date], [who] [did what] in [place]. [Claimant] reported
 * [figures]. …», naming each claimant and whether it is a party to the fight.
 */
function acledNotes(event: Event, names: Names): string {
  const l = event.location;
  const doer = event.actor1 === null ? 'an unidentified armed group' : names.actor(event.actor1);
  const target = event.actor2 === null ? '' : names.actor(event.actor2);
  const sub = event.sub_event_type.toLowerCase();
  const act =
    event.sub_event_type === 'Armed clash'
      ? `clashed with ${target === '' ? 'another armed group' : target}`
      : `carried out ${article(sub)} ${sub}${target === '' ? '' : ` against ${target}`}`;
  const area =
    l === null
      ? []
      : [...new Set([l.admin2, l.admin1].filter((a) => a !== null && a !== l.name_en))];
  const where =
    l === null ? '' : ` in ${l.name_en}${area.length > 0 ? ` (${area.join(', ')})` : ''}`;
  const claims = event.claims
    .filter((c) => c.figures.length > 0)
    .map(
      (c) =>
        // A sentence of its own: «The reporting outlet reported…» when no claimant or outlet is named.
        `${capitalized(names.claimant(c))}${c.party ? ' (a party to the fighting)' : ''} reported ${c.figures.map((f) => names.figure(f)).join(', ')}.`,
    );
  return [`${whenPhrase(event)}, ${doer} ${act}${where}.`, ...claims].join(' ');
}

/** Outlets known to reach beyond Syria: the rest are counted national. */
const INTERNATIONAL =
  /رويترز|فرانس برس|أسوشيتد|الأناضول|بي بي سي|BBC|Reuters|AFP|Associated Press|Anadolu/i;
const REGIONAL =
  /الجزيرة|العربية|الشرق الأوسط|القدس العربي|سكاي نيوز عربية|عنب بلدي|Al Jazeera|Al Arabiya/i;
const NEW_MEDIA = /تلغرام|تويتر|فيسبوك|يوتيوب|Telegram|Twitter|Facebook|YouTube|X\.com/i;

/** ACLED's source_scale of one outlet. */
function scaleOf(outlet: string): string {
  if (NEW_MEDIA.test(outlet)) return 'New media';
  if (INTERNATIONAL.test(outlet)) return 'International';
  return REGIONAL.test(outlet) ? 'Regional' : 'National';
}

const SCALE_ORDER = [
  'Local partner',
  'Subnational',
  'National',
  'Regional',
  'International',
  'New media',
];

/** ACLED's source_scale of an event: its outlets' scales, joined («National-International»); blank with no outlet. */
function sourceScale(outlets: readonly string[]): string {
  if (outlets.length === 0) return '';
  const scales = new Set(outlets.map(scaleOf));
  return SCALE_ORDER.filter((s) => scales.has(s)).join('-') || 'National';
}

/** The outlets of an event's reports, else their hosts; a report with neither is not named. */
function outletsOf(event: Event): string[] {
  return [...new Set(event.members.flatMap((m) => publisher(m) ?? []))];
}

/** ACLED's columns (codebook 2023+), in ACLED's order. */
export const ACLED_COLUMNS = [
  'event_id_cnty',
  'event_date',
  'year',
  'time_precision',
  'disorder_type',
  'event_type',
  'sub_event_type',
  'actor1',
  'assoc_actor_1',
  'inter1',
  'actor2',
  'assoc_actor_2',
  'inter2',
  'interaction',
  'civilian_targeting',
  'iso',
  'region',
  'country',
  'admin1',
  'admin2',
  'admin3',
  'location',
  'latitude',
  'longitude',
  'geo_precision',
  'source',
  'source_scale',
  'notes',
  'fatalities',
  'tags',
  'timestamp',
] as const;

/**
 * ACLED's columns and conventions: one row per event; the event's day, or the
 * middle of its range or month with time_precision 2 or 3; actors by name with
 * their types as text; the conservative fatality figure (the lowest count of a
 * source that is no party); notes that tell each claim and name its claimant.
 */
export function acledWriter(context: FieldContext): EventWriter {
  const { lexicon } = context;
  const names = new Names(lexicon);
  const inter = (id: string | null): number =>
    id === null ? 0 : (lexicon.actors.get(id)?.inter ?? 0);
  const timestamp = Math.floor((context.now ?? new Date()).getTime() / 1000);
  return {
    head: headOf(ACLED_COLUMNS, context),
    separator: '',
    row: (e, reports: ReportIndex = new Map()) => {
      const l = e.location;
      const country = countryOf(l);
      const date = acledTimePrecision(e) === 1 ? e.date.start : middle(periodOf(e));
      const neighbourhood =
        l?.place_id != null && context.placeKind?.(l.place_id) === 'neighbourhood';
      const city = l?.admin3 ?? l?.admin2 ?? null;
      const location =
        l === null
          ? ''
          : neighbourhood && city !== null && city !== l.name_en
            ? `${city} - ${l.name_en}`
            : l.name_en;
      const [i1, i2] = [inter(e.actor1), inter(e.actor2)];
      const outlets = outletsOf(e);
      return csvLine([
        `${country.iso3}${String(eventNumber(e))}`,
        date,
        date?.slice(0, 4),
        acledTimePrecision(e),
        disorderType(e.event_type, e.sub_event_type),
        e.event_type,
        e.sub_event_type,
        names.actor(e.actor1),
        e.assoc1.map((a) => names.actor(a)).join('; '),
        INTER_TYPES[i1] ?? '',
        names.actor(e.actor2),
        e.assoc2.map((a) => names.actor(a)).join('; '),
        INTER_TYPES[i2] ?? '',
        acledInteraction(i1, i2),
        e.civilian_targeting ? 'Civilians targeted' : '',
        country.iso,
        country.region,
        country.name,
        l?.admin1,
        l?.admin2,
        l?.admin3,
        location,
        l === null ? null : new Fixed(l.lat, 4),
        l === null ? null : new Fixed(l.lon, 4),
        l?.precision,
        outlets.join('; '),
        sourceScale(outlets),
        acledNotes(e, names),
        e.fatalities?.best ?? 0,
        '',
        timestamp,
        ...hashCell(e, reports, context),
      ]);
    },
    tail: '',
  };
}

/** UCDP's type_of_violence: 1 state-based, 2 non-state, 3 one-sided (an organized actor against civilians). */
function typeOfViolence(event: Event, inter: (id: string | null) => number): 1 | 2 | 3 {
  if (
    event.civilian_targeting ||
    event.event_type === 'Violence against civilians' ||
    inter(event.actor2) === 7
  )
    return 3;
  const state = (n: number): boolean => n === 1 || n === 8;
  return state(inter(event.actor1)) || state(inter(event.actor2)) ? 1 : 2;
}

/** Event types UCDP records: organized violence. Protests, riots and strategic developments are not. */
const VIOLENT_TYPES = new Set([
  'Battles',
  'Explosions/Remote violence',
  'Violence against civilians',
]);

/** The killed of one claim, by whose people: side a, side b, civilians, or not said. */
function deathsBySide(
  claim: EventClaim | undefined,
  sideA: ReadonlySet<string>,
  sideB: ReadonlySet<string>,
): { a: number; b: number; civilians: number; unknown: number } {
  const deaths = { a: 0, b: 0, civilians: 0, unknown: 0 };
  for (const f of claim?.figures ?? []) {
    if (f.measure !== 'killed' || f.count === null) continue;
    if (f.victim === 'CIV' || f.victim === 'civilians') deaths.civilians += f.count;
    else if (f.victim !== null && sideA.has(f.victim)) deaths.a += f.count;
    else if (f.victim !== null && sideB.has(f.victim)) deaths.b += f.count;
    else deaths.unknown += f.count;
  }
  return deaths;
}

function killedBy(claim: EventClaim): number {
  return claim.figures.reduce(
    (n, f) => n + (f.measure === 'killed' && f.count !== null ? f.count : 0),
    0,
  );
}

/** The claim that gives the best estimate: the lowest total of a source that is no party (else the lowest). */
function bestClaim(event: Event): EventClaim | undefined {
  const best = event.fatalities?.best;
  if (best === undefined) return undefined;
  const counted = event.claims.filter((c) => killedBy(c) === best);
  return counted.find((c) => !c.party) ?? counted[0];
}

/**
 * UCDP's where_prec: 1 the place itself; 2 near it or part of it (within about
 * 25 km); 3 a district (ADM2) or sub-district; 4 a governorate (ADM1); 6 only the country.
 */
function wherePrecision(event: Event): 1 | 2 | 3 | 4 | 6 {
  const l = event.location;
  if (l === null) return 6;
  if (l.precision === 1) return 1;
  if (l.precision === 2) return 2;
  const id = l.place_id ?? '';
  if (/^SY\d{2}$/.test(id) || id === l.admin1_pcode) return 4;
  return 3;
}

/** UCDP GED's columns, in GED's order; its registry ids (conflict, dyad, side) are UCDP's own and left out. */
export const UCDP_COLUMNS = [
  'id',
  'relid',
  'year',
  'type_of_violence',
  'side_a',
  'side_b',
  'number_of_sources',
  'source_article',
  'source_office',
  'source_date',
  'source_headline',
  'where_prec',
  'where_coordinates',
  'where_description',
  'adm_1',
  'adm_2',
  'latitude',
  'longitude',
  'geom_wkt',
  'country',
  'country_id',
  'region',
  'event_clarity',
  'date_prec',
  'date_start',
  'date_end',
  'deaths_a',
  'deaths_b',
  'deaths_civilians',
  'deaths_unknown',
  'best',
  'high',
  'low',
] as const;

/** A report as UCDP cites a source article: «outlet, date, "headline"» (no headline when it has none). */
function sourceArticle(r: ReportInfo): string {
  const who = publisher(r);
  return [
    // A report whose outlet and address are unknown is cited by its date (and headline) alone.
    ...(who === null ? [] : [who]),
    r.published?.slice(0, 10) ?? 'undated',
    // A report with no title is cited without one, not with an empty «""».
    ...(r.title === null ? [] : [`"${r.title}"`]),
  ].join(', ');
}

/**
 * UCDP GED's columns and scales: lethal organized violence only (an event with
 * no reported death, a protest or a strategic development is left out); side a
 * the state where one fights, else the doer; deaths by side from the claim that
 * gives the best estimate, so that they add up to `best`.
 */
export function ucdpWriter(context: FieldContext): EventWriter {
  const { lexicon } = context;
  const names = new Names(lexicon);
  const inter = (id: string | null): number =>
    id === null ? 0 : (lexicon.actors.get(id)?.inter ?? 0);
  return {
    head: headOf(UCDP_COLUMNS, context),
    separator: '',
    row: (e, reports: ReportIndex = new Map()) => {
      if (!VIOLENT_TYPES.has(e.event_type) || e.fatalities === null || e.fatalities.high === 0)
        return null;
      const type = typeOfViolence(e, inter);
      // In a state-based conflict side a is the government; else the doer.
      const swap = type === 1 && inter(e.actor1) !== 1 && inter(e.actor2) === 1;
      const [a, b] = swap ? [e.actor2, e.actor1] : [e.actor1, e.actor2];
      const [assocA, assocB] = swap ? [e.assoc2, e.assoc1] : [e.assoc1, e.assoc2];
      const deaths = deathsBySide(
        bestClaim(e),
        new Set([a ?? '', ...assocA]),
        new Set([b ?? '', ...assocB]),
      );
      const l = e.location;
      const country = countryOf(l);
      const syrian = country.iso3 === 'SYR';
      const members = [...new Map(e.members.map((m) => [m.document, m])).values()];
      const infos = members.map(
        (m): ReportInfo =>
          reports.get(m.document) ?? {
            title: null,
            outlet: m.outlet,
            url: m.url,
            published: null,
            captures: [],
          },
      );
      const p = periodOf(e);
      return csvLine([
        eventNumber(e),
        e.id,
        p.start?.slice(0, 4),
        type,
        a === null ? 'unidentified' : names.actor(a),
        type === 3 ? 'Civilians' : b === null ? 'unidentified' : names.actor(b),
        members.length,
        infos.map(sourceArticle).join('; '),
        [...new Set(infos.flatMap((r) => publisher(r) ?? []))].join('; '),
        infos.map((r) => r.published?.slice(0, 10) ?? '').join('; '),
        infos.map((r) => r.title ?? '').join('; '),
        wherePrecision(e),
        l === null ? country.name : `${l.name_en}${l.admin1 === null ? '' : `, ${l.admin1}`}`,
        l?.text,
        l?.admin1 == null ? null : syrian ? `${l.admin1} governorate` : l.admin1,
        l?.admin2 == null ? null : syrian ? `${l.admin2} district` : l.admin2,
        l === null ? null : new Fixed(l.lat, 6),
        l === null ? null : new Fixed(l.lon, 6),
        l === null ? null : `POINT (${l.lon.toFixed(6)} ${l.lat.toFixed(6)})`,
        country.name,
        country.gw,
        country.region,
        1,
        ucdpDatePrecision(e),
        p.start,
        p.end,
        deaths.a,
        deaths.b,
        deaths.civilians,
        deaths.unknown,
        e.fatalities.best,
        e.fatalities.high,
        e.fatalities.low,
        ...hashCell(e, reports, context),
      ]);
    },
    tail: '',
  };
}
