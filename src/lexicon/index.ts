export { PhraseIndex, phraseKeys } from './phrase-index.js';
export type { PhraseIndexData, PhraseMatch, PhraseStarts } from './phrase-index.js';
export { LexiconError, idForDay, loadLexicon, loadNames, readDataFile } from './lexicon.js';
export { accusative, nounForms, verbForms } from './morphology.js';
export type { ActorInfo, ClaimantInfo, Lexicon, LexiconNames, SplitTrigger } from './lexicon.js';
export { dataDir, shippedDataDir } from './data-dir.js';
export { CIVILIAN_SIDE, isPartyClaimant } from './sides.js';
export type {
  ActorEntry,
  ActorRef,
  AttributionEntry,
  AttributionKind,
  ClaimantEntry,
  Completion,
  CueEntry,
  CueKind,
  GrammaticalNumber,
  LexEntry,
  MeasureEntry,
  MeasurePosition,
  NisbaEntry,
  QualifierEntry,
  TriggerEntry,
  VictimEntry,
} from './entries.js';
export type { Era, TriggerRole, VictimClass } from './schema.js';
