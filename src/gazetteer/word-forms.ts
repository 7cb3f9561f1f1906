import type { Token } from '../text/index.js';

/**
 * What the words around a place name are, read off how a word is written: a
 * locative before a bare name («في», «قرب»), a word of origin («مهجري»), a word
 * of heading («نحو»), «بين», «بـ» on a name («بدرعا»), the article spelled past
 * its proclitics («والرقة»), or no proclitic in play. The gazetteer keeps them as
 * bits of the word (`Gazetteer.hasForm`), beside those the place scan has just read
 * for every word of the sentence, where each was a table of its own, far in memory.
 */
export type WordForm =
  'locative' | 'origin' | 'towards' | 'between' | 'carriesBa' | 'withArticle' | 'noProclitic';

/** How many forms there are: `formBits` holds them in bits 0 to FORM_COUNT - 1. */
export const FORM_COUNT = 7;

/**
 * Each form as one bit of `formBits`, FORM_COUNT from bit 0 up. A switch, as the classes'
 * bits are: each rule asks its own form at one place.
 */
export function formBit(form: WordForm): number {
  switch (form) {
    case 'locative':
      return 1;
    case 'origin':
      return 2;
    case 'towards':
      return 4;
    case 'between':
      return 8;
    case 'carriesBa':
      return 16;
    case 'withArticle':
      return 32;
    case 'noProclitic':
      return 64;
  }
}

/**
 * The forms only a word can have (`formBits` asks `word` first): a mark or a number
 * asked for one of them is answered without working out its forms, where the words
 * before and after every place name («إلى», «من», «في»…) were asked of them at each.
 */
export const WORD_ONLY_FORMS = formBit('locative') | formBit('origin') | formBit('towards');

const LOCATIVES: ReadonlySet<string> = new Set([
  'في',
  'من',
  'الي',
  'علي',
  'عند',
  'نحو',
  'قرب',
  'حتي',
  'باتجاه',
  'اتجاه',
  'داخل',
  'بين',
]);

const ORIGIN_WORDS: ReadonlySet<string> = new Set([
  'من',
  'مهجري',
  'نازحي',
  'اهالي',
  'ابناء',
  'سكان',
  'ينحدر',
  'ينحدران',
  'ينحدرون',
  'المنحدر',
  'المنحدرين',
]);

const TOWARDS: ReadonlySet<string> = new Set(['الي', 'نحو', 'باتجاه', 'اتجاه']);

/** «بين»: a cue word, and the key that marks two places the act was between. */
const BETWEEN = 'بين';

/** The forms of a token, as bits (`formBit`): worked out here, kept per word by the gazetteer. */
export function formBits(token: Token): number {
  const word = token.kind === 'word';
  const text = token.text;
  const article = spelledWithArticle(text);
  const bit = (form: WordForm, holds: boolean): number => (holds ? formBit(form) : 0);
  return (
    bit('locative', word && LOCATIVES.has(text)) |
    bit('origin', word && ORIGIN_WORDS.has(text)) |
    bit('towards', word && TOWARDS.has(text)) |
    bit('between', token.keys.includes(BETWEEN)) |
    // «بدرعا»: a word read with «بـ» on it, not a name that begins with the letter («بنش»).
    bit('carriesBa', text.startsWith('ب') && token.keys.includes(text.slice(1))) |
    bit('withArticle', article === true) |
    bit('noProclitic', article === null)
  );
}

/**
 * Whether a report token spells its word with the article once its proclitics
 * are set aside: true for «والرقة», «بالرقة», «للرقة», false for «ورقة», «فرقة»
 * (which read «رقة» only by dropping a letter), null when no proclitic is in play.
 */
function spelledWithArticle(surface: string): boolean | null {
  if (surface.startsWith('ال')) return true;
  const clitics = procliticLength(surface);
  if (clitics === 0 || surface.length - clitics < 2) return null;
  const conjunction = isConjunction(surface[0]);
  if (surface.startsWith('لل', conjunction ? 1 : 0)) return true;
  return surface.startsWith('ال', clitics);
}

const isConjunction = (c: string | undefined): boolean => c === 'و' || c === 'ف';
const isPreposition = (c: string | undefined): boolean => c === 'ب' || c === 'ل' || c === 'ك';

/**
 * How many letters of proclitics a word may open with: a conjunction and a
 * preposition («وب», «فل»), one of them, or none. Read letter by letter, where a
 * pattern made a match and a string for every place name.
 */
function procliticLength(surface: string): number {
  if (isConjunction(surface[0])) return isPreposition(surface[1]) ? 2 : 1;
  return isPreposition(surface[0]) ? 1 : 0;
}
