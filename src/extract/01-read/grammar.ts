import { accusative, phraseKeys } from '../../lexicon/index.js';
import { flatMapped, normalizePhrase, WordMemo, WordTest } from '../../text/index.js';
import type { Token } from '../../text/index.js';

/**
 * A set of words that also tells whether a token is one of them, worked out
 * once per word (by its number) rather than asked of the set for each of the
 * token's keys at every token a rule reads. Read-only: a word added or removed
 * would leave the answers worked out before it stale.
 */
export type WordSet = ReadonlySet<string> & {
  /** Whether the token, read with or without its proclitics, is one of these words. */
  holds(token: Token): boolean;
  /** `holds`, or the word as written (its article kept) is one of them. */
  holdsAsWritten(token: Token): boolean;
};

class MemoWordSet extends Set<string> implements WordSet {
  private readonly byKeys = new WordTest((token) => this.hasAnyKey(token));
  private readonly byKeysOrSurface = new WordTest(
    (token) => this.holds(token) || (token.kind === 'word' && this.has(token.text)),
  );

  /** Whether the token, read with or without its proclitics, is one of these words. */
  holds(token: Token): boolean {
    return this.byKeys.of(token);
  }

  /**
   * Whether one of the token's keys is one of these words: worked out at every call
   * for a number or a mark (no word number to keep it by), so a loop, no callback.
   */
  private hasAnyKey(token: Token): boolean {
    for (const key of token.keys) if (this.has(key)) return true;
    return false;
  }

  /** `holds`, or the word as written (its article kept) is one of them. */
  holdsAsWritten(token: Token): boolean {
    return this.byKeysOrSurface.of(token);
  }
}

/**
 * A set of function words the rules lean on: closed classes of Arabic, not
 * domain knowledge (that lives in data/lexicon). Written in ordinary spelling,
 * compared normalized, with the accusative of each noun («نقاط», «نقاطا»).
 */
function words(...list: string[]): WordSet {
  return new MemoWordSet(list.flatMap((w) => [normalizePhrase(w), normalizePhrase(accusative(w))]));
}

/**
 * Before a group that belongs to the victims: «عناصر من قسد», «في صفوف الحزب», «قتلى لقسد»,
 * «ممن يقاتلون في صفوف قسد».
 */
export const VICTIM_MARKERS = words(
  'من',
  'ممن',
  'يقاتلون',
  'يقاتل',
  'المقاتلين',
  'صفوف',
  'طرف',
  'عناصر',
  'أفراد',
  'مقاتلي',
  'جنود',
  'التابعين',
  'التابعة',
  'الموالين',
  'المنتمين',
  'بين',
  'ل',
  'لـ',
);

/** Plural nouns of the people of a group or place: «أحد عناصر قسد», «أحد وجهاء البلدة». */
export const MEMBERS = words(
  'عناصر',
  'أفراد',
  'مقاتلي',
  'جنود',
  'ضباط',
  'مسلحي',
  'أبناء',
  'وجهاء',
  'شيوخ',
  'قادة',
  'أعضاء',
  'سكان',
  'أهالي',
  'موظفي',
  'عمال',
);

/** «ممن يقاتلون في صفوف قسد»: «those who», opening what the counted people do for a side. */
export const THOSE_WHO = words('ممن');

/** «فقد قتل»: «ف» and «قد» before a verb, spelled as the verb «فَقَدَ» (lost). */
export const PARTICLE_HOMOGRAPHS = words('فقد');

/** «ثلاثة منهم»: «of them», pointing back to people already named. */
export const PARTITIVE_PRONOUNS = words('منهم', 'منهما', 'منهن');

/** Words that may sit between a victim noun and its group: «في صفوف», «بين عناصر», «ضمن صفوف». */
export const VICTIM_GLUE = words('في', 'بين', 'من', 'ضمن');

/** A breakdown of the figure before it, not a figure of its own: «بينهم 19 طفلا». */
export const SUBSET_MARKERS = words(
  'بينهم',
  'بينهن',
  'بينها',
  'منهم',
  'منهن',
  'معظمهم',
  'غالبيتهم',
  'أغلبهم',
  'بينهما',
  'منهما',
);

/** Nouns that introduce a running toll: «حصيلة القتلى … إلى 72», «عدد الضحايا إلى نحو 1200». */
export const TOLL_NOUNS = words('حصيلة', 'الحصيلة', 'عدد', 'العدد', 'أعداد', 'الأعداد', 'مجموع');
/** The preposition that gives a toll its number. */
export const TOLL_TO = words('إلى', 'الى', 'لـ');

/** Verbs of falling that sit between a count and its casualty noun: «20 عنصرا سقطوا بين قتيل وجريح». */
export const FALL_VERBS = words('سقط', 'سقطوا', 'سقطت', 'سقطا', 'وقع', 'وقعوا', 'قضوا', 'قضى');

/** Complementizers and clause openers a count may follow: «أعلنت أن 6 من…». */
export const COUNT_OPENERS = words('أن', 'إن', 'بأن', 'ان', 'فإن', 'فان');

/** A phrase as the keys of its words, matched against token keys. */
export type KeyPhrase = readonly string[];

const NO_PHRASES: readonly KeyPhrase[] = [];

/**
 * Phrases indexed by their last word, so that a token is checked against few
 * of them; the phrases a word can end, by any of its keys, gathered once per
 * word (by its number), not looked up for each key at every token asked.
 */
export type PhraseList = ReadonlyMap<string, readonly KeyPhrase[]> & {
  /** The phrases whose last word the token can be, in the order of its keys. */
  endingWith(token: Token): readonly KeyPhrase[];
};

class MemoPhraseList extends Map<string, KeyPhrase[]> implements PhraseList {
  private readonly byWord = new WordMemo((token) => {
    const buckets = flatMapped(token.keys, (key) => this.get(key) ?? NO_PHRASES);
    return buckets.length === 0 ? NO_PHRASES : buckets;
  });

  /** The phrases whose last word the token can be, in the order of its keys. */
  endingWith(token: Token): readonly KeyPhrase[] {
    return this.byWord.of(token);
  }
}

function keyPhrases(...list: string[]): PhraseList {
  const byLast = new MemoPhraseList();
  for (const p of list) {
    for (const phrase of p.includes(' ')
      ? [phraseKeys(p)]
      : [phraseKeys(p), phraseKeys(accusative(p))]) {
      const last = phrase.at(-1);
      if (last === undefined) continue;
      const bucket = byLast.get(last) ?? [];
      bucket.push(phrase);
      byLast.set(last, bucket);
    }
  }
  return byLast;
}

function endsAt(tokens: readonly Token[], stop: number, list: PhraseList): boolean {
  // No token before the first: a read at -1 is far slower than one inside the array.
  const last = stop > 0 ? tokens[stop - 1] : undefined;
  if (last === undefined) return false;
  for (const phrase of list.endingWith(last)) if (spelledBefore(tokens, stop, phrase)) return true;
  return false;
}

/**
 * Whether the tokens ending right before `stop` spell `phrase`: asked at nearly
 * every actor and act a rule weighs, so a loop, no callback.
 */
function spelledBefore(tokens: readonly Token[], stop: number, phrase: KeyPhrase): boolean {
  const from = stop - phrase.length;
  for (let n = 0; n < phrase.length; n++) {
    const key = phrase[n];
    if (key === undefined || tokens[from + n]?.keys.includes(key) !== true) return false;
  }
  return true;
}

/** Whether tokens ending right before `end` (or `skip` tokens earlier) spell one of the phrases («من قبل», «على يد»). */
export function endsWithPhrase(
  tokens: readonly Token[],
  end: number,
  list: PhraseList,
  skip = 0,
): boolean {
  for (let gap = 0; gap <= skip; gap++) if (endsAt(tokens, end - gap, list)) return true;
  return false;
}

/** Before the doer of an act: «على يد», «برصاص», «من قبل», «نفذه». */
export const AGENT_MARKERS = keyPhrases(
  'من قبل',
  'على يد',
  'على أيدي',
  'بيد',
  'برصاص',
  'رصاص',
  'من طرف',
  'من جانب',
  'نفذه',
  'نفذته',
  'نفذها',
  'نفذتها',
  'شنه',
  'شنته',
  'شنها',
  'شنتها',
  'تبناه',
  'تبنته',
  'تبنى',
  'تبنت',
  'ارتكبتها',
  'ارتكبها',
  'ارتكبه',
  'أطلقها',
  'أطلقه',
  'ألقاها',
  'يشنها',
  'تشنها',
  'قام به',
  'قامت به',
  'قام بها',
  'قامت بها',
);

/** Verbs whose subject is the doer of the act named after them: «شنّ مقاتلو العشائر هجوما», «نفذت قوى الأمن حملة». */
export const LIGHT_VERBS = keyPhrases(
  'عمد',
  'عمدت',
  'عمدوا',
  'شن',
  'شنت',
  'شنوا',
  'يشن',
  'تشن',
  'نفذ',
  'نفذت',
  'نفذوا',
  'ارتكب',
  'ارتكبت',
  'ارتكبوا',
  'أطلق',
  'أطلقت',
  'أطلقوا',
  'قام',
  'قامت',
  'قاموا',
  'هاجم',
  'هاجمت',
  'هاجموا',
  'اقتحم',
  'اقتحمت',
  'اقتحموا',
  'داهم',
  'داهمت',
  'داهموا',
  'ألقى',
  'ألقت',
  'ألقوا',
  'فجر',
  'فجرت',
  'اختطف',
  'اختطفت',
  'اختطفوا',
  'اعتقل',
  'اعتقلت',
  'اعتقلوا',
  'اغتال',
  'اغتالت',
  'اغتالوا',
  'قصف',
  'قصفت',
  'قصفوا',
  'سيطر',
  'سيطرت',
  'سيطروا',
  'استولى',
  'استولت',
  'توغلت',
  'توغل',
  'أعدم',
  'أعدمت',
  'دخلت',
  'تصدت',
  'تصدى',
  'أطلقها',
  'أطلقتها',
  'أطلقوها',
  'أطلقه',
  'أطلقته',
  'زرعها',
  'زرعتها',
  'زرعه',
  'فجرها',
  'فجرتها',
);

/** «القبض على», «هجوم ضد»: the prepositions that put an act's target after them. */
export const AGAINST = words('على', 'ضد');

/** Before the target of an act: «على مواقع», «ضد», «استهدفت». */
export const TARGET_MARKERS = keyPhrases(
  'على',
  'ضد',
  'مواقع',
  'موقع',
  'نقاط',
  'نقطة',
  'تجمع',
  'تجمعات',
  'حواجز',
  'حاجز',
  'دورية',
  'دوريات',
  'مقرات',
  'مقر',
  'صفوف',
  'في صفوف',
  'أرتال',
  'رتل',
  'استهداف',
  'مراكز',
  'مركز',
  'آليات',
  'آلية',
  'سيارة',
  'شاحنة',
  'قاعدة',
  'معسكر',
  'بحق',
  'ضمن صفوف',
);

/** Nouns for a body of forces or their machines: «قوات من الاحتلال», «آليات عسكرية إسرائيلية». */
export const FORCE_NOUNS = words(
  'قوات',
  'قوة',
  'عناصر',
  'مجموعة',
  'مجموعات',
  'دورية',
  'دوريات',
  'آليات',
  'آلية',
  'طائرات',
  'طائرة',
  'مقاتلين',
  'مقاتلو',
  'مقاتلي',
  'خلايا',
  'خلية',
  'مسلحين',
  'مسلحو',
  'عربات',
  'عربة',
  'دبابات',
  'دبابة',
  'جنود',
  'وحدات',
  'كتيبة',
  'رتل',
  'أرتال',
  'زوارق',
  'مروحيات',
  'عسكرية',
  'عسكريه',
  'حربية',
  'مسيرة',
  'من',
);

/** «غارات أخرى», «هجوم آخر»: the act named is another one. */
export const ANOTHER = words('آخر', 'أخرى', 'ثانية', 'ثان', 'جديد', 'جديدة');

/** «برميل ثان», «قذيفة ثانية»: the second of a kind. */
export const SECOND = words('ثانية', 'ثان');

/** «إثر ارتكاب المجزرة قصف…», «عقب الاشتباكات بدأت…»: what follows happened after the act pointed back to. */
export const AFTER = words('عقب', 'بعد', 'إثر', 'اثر', 'أعقاب', 'وعقب', 'وبعد');

/** «بعد أن أطلق مسلحون النار»: after «أن» an act is told by a verb, not pointed back to by a noun. */
export const VERB_CLAUSE_OPENERS = words('أن', 'ان');

/** Before a definite act noun that only points back to an act: «عقب الاشتباكات», «منطقة الاشتباك», «حصيلة القصف». */
export const REFERENCE_BEFORE = words(
  'مناطق',
  'عقب',
  'بعد',
  'إثر',
  'اثر',
  'جراء',
  'نتيجة',
  'خلال',
  'منذ',
  'قبل',
  'منطقة',
  'موقع',
  'مكان',
  'مسرح',
  'حصيلة',
  'ضحايا',
  'أعقاب',
  'بسبب',
);

/**
 * «استهدف»: followed by its doer when it opens its clause («استهدفت قوات النظام
 * الحي»), by its target after the noun it tells of («غارة استهدفت قوات النظام»)
 * or joined to a verb before it («تقدمت الفصائل واستهدفت قوات النظام»).
 */
export const TARGETING = words('استهدف', 'استهدفت', 'يستهدف', 'تستهدف');

/**
 * Acts whose following noun is their target, not their doer: «اغتيال قيادي»,
 * «اعتقال عناصر», and a verb whose subject it carries («استهدفوا دورية»). A
 * verb without one is followed by its subject («استهدفت قوات النظام الحي»).
 */
export const OBJECT_FIRST = words(
  'استهدفوا',
  'اغتيال',
  'اعتقال',
  'اختطاف',
  'خطف',
  'مقتل',
  'إعدام',
  'تصفية',
  'استهداف',
  'مداهمة',
  'توقيف',
  'احتجاز',
  'أسر',
  'إصابة',
  'محاصرة',
  'تطويق',
  'ملاحقة',
);

/** «طريق حلب–القامشلي», «أوتوستراد دمشق حمص»: a road, named by the towns at its ends. */
export const ROADS = words('طريق', 'أوتوستراد', 'اوتستراد', 'أتوستراد');
/** «الطريق الدولي», «الأوتوستراد السريع»: words between a road and its ends. */
export const ROAD_WORDS = words('الدولي', 'السريع', 'العام', 'الرئيسي', 'القديم', 'الواصل', 'بين');

/** «بالتزامن مع», «تزامناً مع»: what follows happens alongside the clause before. */
export const SIMULTANEOUS = words('بالتزامن مع', 'تزامنا مع', 'وبالتزامن مع', 'وتزامنا مع');

/** «طائرة مسيرة تابعة لهيئة تحرير الشام»: the group that owns a weapon. */
export const OWNED_BY = words('تابعة', 'التابعة', 'تابع', 'التابع');

/** «خرج أهالي مدينة منبج…»: the people of a place, who protest where they live. */
export const RESIDENTS = words('أهالي', 'سكان', 'أبناء');

/** «اشتباكات مع X», «اشتبكت قوات Y مع X»: before the other side of a fight. */
export const COUNTERPART = keyPhrases('مع');

/** «بين X و Y»: the two sides of a clash. */
export const BETWEEN = words('بين');

/** Words that follow a trigger verb before its subject: «شنت يوم أمس طائرات…». */
export const SUBJECT_SKIP = words(
  'عدة',
  'عدد',
  'بعض',
  'اليوم',
  'أمس',
  'يوم',
  'مساء',
  'صباح',
  'فجر',
  'ليل',
  'ظهر',
  'عصر',
  'الليلة',
  'الماضية',
);

/** Generic source nouns: «مصدر في الفرقة…» is the group the source is in, alone it is a local source. */
export const SOURCE_NOUNS = words('مصدر', 'مصادر', 'المصدر', 'المصادر');

/** Words that add a further group to a figure: «إضافة لعدد من الخبراء». */
export const ADDITION = words('إضافة', 'بالإضافة', 'فضلا', 'علاوة');

/** Words before a casualty noun that make it a report of casualties, not a reference to them («سقوط القتلى»). */
export const RESULT_WORDS = words(
  'سقوط',
  'وقوع',
  'عن',
  'إلى',
  'خلف',
  'خلفت',
  'أوقع',
  'أوقعت',
  'أسفر',
  'أسفرت',
);

/** Words between a casualty verb and its count that say when, not how many: «قتل يوم أمس شخص». */
export const TIME_WORDS = words(
  'يوم',
  'اليوم',
  'أمس',
  'الأمس',
  'صباح',
  'مساء',
  'فجر',
  'ليل',
  'ليلة',
  'ظهر',
  'عصر',
  'أيضا',
  'كذلك',
  'بدورهم',
);

/** Words between a source noun and the group it is in: «مصدر عسكري في», «مصادر مقربة من». */
export const SOURCE_LINKS = words(
  'في',
  'من',
  'داخل',
  'مقرب',
  'مقربة',
  'تابع',
  'تابعة',
  'ضمن',
  'لدى',
  'عسكري',
  'عسكرية',
  'أمني',
  'أمنية',
  'رفيع',
  'مطلع',
  'مطلعة',
  'خاص',
  'خاصة',
  'ميداني',
  'ميدانية',
  'قيادي',
  'مسؤول',
);

/** Auxiliaries of the pluperfect: «كانت إدارة الأمن قد ألقت القبض…» tells of an earlier act. */
export const WAS = words('كان', 'كانت', 'كانوا', 'وكان', 'وكانت', 'وكانوا');
export const ALREADY = words('قد');

/** «بيان صادر عن», «الصادر عن»: the issuer of a statement follows. */
export const ISSUED = words('صادر', 'الصادر', 'صادرة', 'الصادرة');

/** Words that end the search for the speaker of a reporting verb. */
export const SUBJECT_END = words(':', 'قوله', 'قولها', 'قولهم');
