export {
  normalizeForMatching,
  normalizePhrase,
  toOriginalSpan,
  toOriginalStart,
} from './normalize.js';
export type { NormalizedText } from './normalize.js';
export { matchKeys, startsWord, tokenize, wordKey } from './tokens.js';
export type { Token, TokenKind } from './tokens.js';
export { firstKeptFrom, MAX_WORDS_KEPT, WordMemo, WordTest } from './word-memo.js';
export { splitSentences } from './sentences.js';
export type { Sentence } from './sentences.js';
export { parseDigits, readDefiniteNumber, readNumber, readVagueQuantity } from './numbers.js';
export type { NumberReading, VagueQuantity, VagueReading } from './numbers.js';
export { findDates } from './dates.js';
export { SERIES_ORDINALS } from './closed.js';
export type { DateExpression, DateKind } from './dates.js';
export { countBelow, firstWithMost } from './ordered.js';
export { byKey, compareCodeUnits, flatMapped } from './lists.js';
export { changed } from './objects.js';
export { addDays, daysBetween, isoDate, publicationDay, weekdayOf } from './calendar.js';
