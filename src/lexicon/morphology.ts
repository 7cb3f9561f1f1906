/**
 * The regular forms of Arabic nouns and verbs, generated so that a dictionary
 * lists a word once («غارة», «قصف») and matches it in every number and person
 * reports write it in. Unvowelled spelling makes most of morphology a matter
 * of affixes; irregular forms (hollow verbs «قام/يقوم», broken plurals) are
 * listed as they are.
 */

/** «مدرس» → «مدرسا»: the accusative of a counted noun, written with its tanween alef. */
export function accusative(word: string): string {
  return /[اةىء]$/.test(word) ? word : `${word}ا`;
}

/** «غارة» → «غارتان», «صاروخ» → «صاروخان»: the nominative dual. */
export function nominativeDual(word: string): string {
  if (word.endsWith('ة')) return `${word.slice(0, -1)}تان`;
  return word.endsWith('ا') ? word : `${word}ان`;
}

/** «غارة» → «غارتين», «برميل» → «برميلين»: the dual in the other cases. */
export function obliqueDual(word: string): string {
  if (word.endsWith('ة')) return `${word.slice(0, -1)}تين`;
  return `${word}ين`;
}

/** «قذيفة» → «قذيفتي», «قذيفتا»: the dual before the noun it is annexed to («قذيفتي هاون»). */
function constructDuals(word: string): string[] {
  const stem = word.endsWith('ة') ? `${word.slice(0, -1)}ت` : word;
  return [`${stem}ي`, `${stem}ا`];
}

/**
 * A noun or noun phrase in the forms a count or an article leaves it in: as
 * written, accusative («قصفا مدفعيا»), and dual — its adjectives agreeing
 * («عبوتين ناسفتين») or, annexed, its head alone («قذيفتي هاون»). The article
 * and proclitics are matched by the index.
 */
export function nounForms(noun: string): { singular: string[]; dual: string[] } {
  const [head = '', ...rest] = noun.split(' ');
  const singular = [noun, [head, ...rest].map(accusative).join(' ')];
  const agreeing = [nominativeDual, obliqueDual].map((dual) => [head, ...rest].map(dual).join(' '));
  const annexed = rest.length === 0 ? [] : constructDuals(head).map((h) => [h, ...rest].join(' '));
  return { singular: [...new Set(singular)], dual: [...new Set([...agreeing, ...annexed])] };
}

/** Forms IV, VII, VIII and X drop their initial alef in the imperfect: «أطلق» → «يطلق», «استهدف» → «يستهدف». */
function imperfectStem(past: string): string {
  return past.length >= 4 && /^[اأإ]/.test(past) ? past.slice(1) : past;
}

/**
 * The third-person forms of a verb given in the past masculine singular, the
 * dictionary form: past (he, she, they, both), imperfect (he, she, they; and
 * «they» after «أن», «لم», «قبل أن», which drops its nūn: «قبل أن يختطفوا»)
 * and the passive, which unvowelled spelling writes as the active. A final «ى»
 * (defective verbs: «ألقى», «رمى») turns to «ي» or drops before a suffix.
 */
export function verbForms(past: string): string[] {
  if (past.endsWith('ى')) {
    const stem = past.slice(0, -1);
    const imperfect = imperfectStem(past).slice(0, -1);
    return [
      past,
      `${stem}ت`,
      `${stem}وا`,
      `${stem}يا`,
      `${stem}تا`,
      `ي${imperfect}ي`,
      `ت${imperfect}ي`,
      `ي${imperfect}ون`,
      `ي${imperfect}وا`,
    ];
  }
  const imperfect = imperfectStem(past);
  return [
    past,
    `${past}ت`,
    `${past}وا`,
    `${past}ا`,
    `${past}تا`,
    `ي${imperfect}`,
    `ت${imperfect}`,
    `ي${imperfect}ون`,
    `ي${imperfect}وا`,
  ];
}
