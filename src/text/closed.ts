import { normalizePhrase } from './normalize.js';

/**
 * Closed classes of Arabic that the text stage leans on, in ordinary spelling
 * and normalized at load: small, fixed sets of function words, not domain
 * knowledge (that lives in data/lexicon).
 */

/** Words written joined that are two or three: «لايقل» is «لا يقل», «مالايقل» «ما لا يقل». */
const JOINED: readonly (readonly string[])[] = [
  ['لا', 'يقل'],
  ['لا', 'تقل'],
  ['ما', 'لا', 'يقل'],
  ['لا', 'يزال'],
  ['لا', 'تزال'],
  ['لا', 'يزالون'],
  ['لا', 'يمكن'],
  ['لا', 'يوجد'],
  ['لا', 'يتجاوز'],
  ['لا', 'يعرف'],
];

/** A joined spelling (normalized) and the words it is made of. */
export const JOINED_SPELLINGS: ReadonlyMap<string, readonly string[]> = new Map(
  JOINED.map((parts) => [normalizePhrase(parts.join('')), parts.map((p) => normalizePhrase(p))]),
);

/**
 * Words that cannot open a sentence of this genre but continue one: a line that
 * ends without a stop and goes on with one of them («…بقصف مدفعي\nعلى بلدة
 * كفرنبل») is one sentence broken across lines.
 */
export const CONTINUATIONS: ReadonlySet<string> = new Set(
  [
    'على',
    'إلى',
    'عن',
    'من',
    'إن',
    'أن',
    'بأن',
    'ما',
    'مما',
    'جراء',
    'إثر',
    'في حين',
    'بينما',
    'حيث',
  ].map((w) => normalizePhrase(w)),
);

/**
 * Ordinals that rank an act in a series («الهجوم الثاني خلال أسبوع», «الغارة
 * الثالثة منذ مطلع الشهر»): what follows counts acts, not people.
 */
export const SERIES_ORDINALS: ReadonlySet<string> = new Set(
  [
    'الثاني',
    'الثانية',
    'الثالث',
    'الثالثة',
    'الرابع',
    'الرابعة',
    'الخامس',
    'الخامسة',
    'السادس',
    'السادسة',
    'السابع',
    'السابعة',
    'الثامن',
    'الثامنة',
    'التاسع',
    'التاسعة',
    'العاشر',
    'العاشرة',
    'الأخير',
    'الأخيرة',
  ].map((w) => normalizePhrase(w)),
);
