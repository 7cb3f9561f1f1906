import type { EventType, Figure, Measure, Qualifier, SubEventType } from '../contracts/index.js';
import type { Lexicon } from '../lexicon/index.js';

/** The languages of what the command line prints for a person (JSON, CSV and logs stay as they are). */
export const LANGS = ['ar', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/**
 * `--lang`, else the locale as POSIX orders it (LC_ALL, then LC_MESSAGES, then
 * LANG): Arabic for an `ar…` locale, English otherwise.
 */
export function langOf(flag: Lang | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  if (flag !== undefined) return flag;
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '');
  return locale?.toLowerCase().startsWith('ar') === true ? 'ar' : 'en';
}

/** Every string a person reads from `extract` and `review`, Arabic first; `{name}` is filled in. */
const AR = {
  unknown: 'غير معروف',
  '?': '؟',
  arrow: '←',
  list: '، ',
  'extract.header': '{name} — نُشر {published} — {news} حادثة{background}، {tallies} حصيلة إجمالية',
  'extract.background': '، منها {count} في الخلفية',
  'incident.head': '{n}. {type} / {sub} — {when}{background}',
  'incident.background': ' [خلفية]',
  'incident.reportDate': '{date} (تاريخ التقرير)',
  'incident.dateUnknown': 'التاريخ غير معروف',
  'place.unknown': 'المكان: غير معروف',
  'place.line': 'المكان: {name}{area}، الدقة {precision} — {words}{choice}',
  'place.choice': ' (اختير بـ{by}، لا {other} في {admin1})',
  'actors.line': 'الأطراف: {actor1} {arrow} {actor2}',
  'actors.with': '(مع {assoc})',
  unattributed: 'دون نسبة',
  'claim.party': ' (طرف في القتال)',
  'fatalities.line': 'القتلى: الأدنى {low}، الأرجح {best}، الأعلى {high}',
  'tally.line': 'حصيلة{claimant}: {figures}',
  warning: 'تنبيه: {text}',
  'figure.some': 'عدد غير محدد',
  'figure.victim': '{figure} من {victim}',
  'qualifier.exact': '{count}',
  'qualifier.approx': 'نحو {count}',
  'qualifier.at_least': '{count} على الأقل',
  'qualifier.more_than': 'أكثر من {count}',
  'qualifier.up_to': 'حتى {count}',
  'qualifier.unspecified': '{count}',
  'measure.killed': 'قتلى',
  'measure.injured': 'جرحى',
  'measure.detained': 'معتقلون',
  'measure.missing': 'مفقودون',
  'measure.killed_or_injured': 'قتلى أو جرحى',
  'review.head': '{id}  [{status}]  {sub}  {when}',
  'review.statusBy': '{status}، {by} في {at}',
  'review.noDate': 'دون تاريخ',
  'review.placeUnknown': 'المكان غير معروف',
  'review.place': '{name}، {admin1}، الدقة {precision}',
  'review.sides': '{actor1} {arrow} {actor2}{toll}',
  'review.toll': '  القتلى {low}/{best}/{high} (الأدنى/الأرجح/الأعلى)',
  'review.report': 'تقرير {incident}  {outlet}  {url}',
  'review.first': 'أول تقرير',
  'review.linked': 'رُبط: {why}',
  'review.words': 'الكلمات: {words}',
  'review.noWords': 'لا كلمات مربوطة بحقل',
  'review.claim': 'ادعاء {who}: {figures}',
  'review.shown': '{count} حدث معروض، من {store}',
  'field.date': 'التاريخ',
  'field.place': 'المكان',
  'field.actor1': 'الفاعل',
  'field.actor2': 'المستهدف',
  'field.assoc1': 'مع الفاعل',
  'field.assoc2': 'مع المستهدف',
  'status.unreviewed': 'لم يراجع',
  'status.reviewed': 'روجع',
  'status.verified': 'تم التحقق',
  'status.disputed': 'متنازع عليه',
  'status.rejected': 'مرفوض',
  'set.done': '{event}: {before} ← {after}، بيد {by} في {at} (سجل التدقيق رقم {entry})',
  'set.same': '{event}: {status} أصلاً؛ لم يتغير شيء',
  'decide.same': '{a} و{b}: الفعل نفسه، بقرار {by}؛ أعيد تجميع أحداثهما',
  'decide.different': '{a} و{b}: فعلان مختلفان، بقرار {by}؛ أعيد تجميع أحداثهما',
  'decide.detached': '{incident} خرج من الحدث: صار في {event}',
  'decide.noEvent': 'لا حدث',
} as const;

export type Key = keyof typeof AR;

const EN: Readonly<Record<Key, string>> = {
  unknown: 'unknown',
  '?': '?',
  arrow: '→',
  list: ', ',
  'extract.header':
    '{name} — published {published} — {news} incident(s){background}, {tallies} tally(ies)',
  'extract.background': ', {count} in background',
  'incident.head': '{n}. {type} / {sub} — {when}{background}',
  'incident.background': ' [background]',
  'incident.reportDate': '{date} (report date)',
  'incident.dateUnknown': 'date unknown',
  'place.unknown': 'place: unknown',
  'place.line': 'place: {name}{area}, precision {precision} — {words}{choice}',
  'place.choice': ' (by {by}, over {other} in {admin1})',
  'actors.line': 'actors: {actor1} {arrow} {actor2}',
  'actors.with': '(with {assoc})',
  unattributed: 'unattributed',
  'claim.party': ' (a party)',
  'fatalities.line': 'fatalities: low {low}, best {best}, high {high}',
  'tally.line': 'tally{claimant}: {figures}',
  warning: 'warning: {text}',
  'figure.some': 'some',
  'figure.victim': '{figure} {victim}',
  'qualifier.exact': '{count}',
  'qualifier.approx': 'about {count}',
  'qualifier.at_least': 'at least {count}',
  'qualifier.more_than': 'more than {count}',
  'qualifier.up_to': 'up to {count}',
  'qualifier.unspecified': '{count}',
  'measure.killed': 'killed',
  'measure.injured': 'injured',
  'measure.detained': 'detained',
  'measure.missing': 'missing',
  'measure.killed_or_injured': 'killed or injured',
  'review.head': '{id}  [{status}]  {sub}  {when}',
  'review.statusBy': '{status} by {by} {at}',
  'review.noDate': 'no date',
  'review.placeUnknown': 'place unknown',
  'review.place': '{name}, {admin1}, precision {precision}',
  'review.sides': '{actor1} {arrow} {actor2}{toll}',
  'review.toll': '  killed {low}/{best}/{high} (low/best/high)',
  'review.report': 'report {incident}  {outlet}  {url}',
  'review.first': 'first report',
  'review.linked': 'linked: {why}',
  'review.words': 'words: {words}',
  'review.noWords': 'no words tied to a field',
  'review.claim': 'claim {who}: {figures}',
  'review.shown': '{count} event(s) shown, from {store}',
  'field.date': 'date',
  'field.place': 'place',
  'field.actor1': 'actor1',
  'field.actor2': 'actor2',
  'field.assoc1': 'assoc1',
  'field.assoc2': 'assoc2',
  'status.unreviewed': 'unreviewed',
  'status.reviewed': 'reviewed',
  'status.verified': 'verified',
  'status.disputed': 'disputed',
  'status.rejected': 'rejected',
  'set.done': '{event}: {before} → {after}, set by {by} at {at} (audit #{entry})',
  'set.same': '{event}: {status} already; nothing changed',
  'decide.same': '{a} and {b}: the same act, decided by {by}; their events are regrouped',
  'decide.different': '{a} and {b}: different acts, decided by {by}; their events are regrouped',
  'decide.detached': '{incident} left the event: now in {event}',
  'decide.noEvent': 'no event',
};

/** ACLED's event and sub-event types in Arabic, as the review app names them. */
const TYPES_AR: Readonly<Record<EventType | SubEventType, string>> = {
  Battles: 'معارك',
  'Explosions/Remote violence': 'انفجارات وعنف عن بعد',
  'Violence against civilians': 'عنف ضد المدنيين',
  Protests: 'احتجاجات',
  Riots: 'أعمال شغب',
  'Strategic developments': 'تطورات استراتيجية',
  'Armed clash': 'اشتباك مسلح',
  'Government regains territory': 'استعادة الحكومة أراضي',
  'Non-state actor overtakes territory': 'سيطرة جهة غير حكومية على أراض',
  'Chemical weapon': 'سلاح كيميائي',
  'Air/drone strike': 'غارة جوية أو بطائرة مسيرة',
  'Suicide bomb': 'تفجير انتحاري',
  'Shelling/artillery/missile attack': 'قصف مدفعي أو صاروخي',
  'Remote explosive/landmine/IED': 'عبوة ناسفة أو لغم',
  Grenade: 'قنبلة يدوية',
  'Sexual violence': 'عنف جنسي',
  Attack: 'اعتداء',
  'Abduction/forced disappearance': 'خطف أو إخفاء قسري',
  'Peaceful protest': 'احتجاج سلمي',
  'Protest with intervention': 'احتجاج تم التدخل فيه',
  'Excessive force against protesters': 'قوة مفرطة ضد المحتجين',
  'Violent demonstration': 'مظاهرة عنيفة',
  'Mob violence': 'عنف جماعي',
  Agreement: 'اتفاق',
  Arrests: 'اعتقالات',
  'Change to group/activity': 'تغيير في جماعة أو نشاط',
  'Disrupted weapons use': 'إحباط استخدام سلاح',
  'Headquarters or base established': 'إنشاء مقر أو قاعدة',
  'Looting/property destruction': 'نهب أو تدمير ممتلكات',
  'Non-violent transfer of territory': 'انتقال أراض دون عنف',
  Other: 'أخرى',
};

const TYPE_AR = new Map<string, string>(Object.entries(TYPES_AR));

const TABLES: Readonly<Record<Lang, Readonly<Record<Key, string>>>> = { ar: AR, en: EN };

/** First strong isolate … pop directional isolate (Unicode bidi, UAX #9). */
const FSI = '\u2068';
const PDI = '\u2069';
const ARABIC = /\p{Script=Arabic}/u;

/**
 * A value set in a line of the other direction, isolated so that it cannot
 * reorder its neighbours: Arabic inside an English line, and ids, dates, URLs
 * and English names inside an Arabic one. Numbers alone need no isolate.
 */
export function isolate(lang: Lang, text: string): string {
  if (text === '' || /^[\d\s.,:/-]+$/.test(text)) return text;
  const arabic = ARABIC.test(text);
  return arabic === (lang === 'en') ? `${FSI}${text}${PDI}` : text;
}

/** What the command line prints, in one language: strings, names and figures. */
export interface Words {
  readonly lang: Lang;
  /** The string for `key` with its `{name}`s filled (values are put in as given). */
  t(key: Key, params?: Readonly<Record<string, string | number>>): string;
  /** A value from a report or the store, isolated for this language's lines. */
  v(text: string): string;
  /** An actor's name for its id (the id itself when the dictionaries do not know it). */
  actor(id: string): string;
  /** A claimant's name for its id. */
  claimant(id: string): string;
  /** An ACLED event or sub-event type, in this language. */
  type(name: string): string;
  /** «killed at least 4 Syrian Democratic Forces»: a figure in a few words. */
  figure(f: Figure): string;
  /** Report words in «», isolated. */
  quote(words: string): string;
}

/** The words of one language, with the names the dictionaries give actors and claimants. */
export function wordsFor(lang: Lang, lexicon: Pick<Lexicon, 'actors' | 'claimants'>): Words {
  const table = TABLES[lang];
  const t: Words['t'] = (key, params = {}) =>
    table[key].replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      return value === undefined ? whole : String(value);
    });
  const v = (text: string): string => isolate(lang, text);
  const named = (info: { name: string; nameAr: string } | undefined, id: string): string =>
    v(info === undefined ? id : lang === 'ar' ? info.nameAr : info.name);
  const words: Words = {
    lang,
    t,
    v,
    actor: (id) => named(lexicon.actors.get(id), id),
    claimant: (id) => named(lexicon.claimants.get(id), id),
    type: (name) => v(lang === 'ar' ? (TYPE_AR.get(name) ?? name) : name),
    figure(f) {
      const count =
        f.count === null
          ? t('figure.some')
          : t(`qualifier.${f.qualifier satisfies Qualifier}`, { count: f.count });
      const figure = `${t(`measure.${f.measure satisfies Measure}`)} ${count}`;
      return f.victim === null
        ? figure
        : t('figure.victim', { figure, victim: words.actor(f.victim) });
    },
    quote: (text) => v(`«${text}»`),
  };
  return words;
}
