export {
  PLACES_COLUMNS,
  PlacesFileError,
  KM_PER_DEGREE,
  distanceKm,
  formatPlaces,
  parsePlaces,
} from './places.js';
export type { Place, PlaceKind } from './places.js';
export { detectFormat, importPlaces, placesFromSyriaTable } from './import.js';
export type { ImportFormat, ImportResult } from './import.js';
export {
  buildGazetteer,
  gazetteerFromData,
  loadGazetteer,
  loadPlaces,
  userPlacesFile,
  withParentHierarchy,
  wordSigns,
} from './gazetteer.js';
export type {
  Anaphor,
  Gazetteer,
  GazetteerData,
  GazetteerOptions,
  PlaceCue,
  PlaceMatch,
  PlaceName,
  WordClass,
  WordSigns,
} from './gazetteer.js';
export { BETWEEN_KM, findPlaceMentions, shaped } from './mentions.js';
export type { AdminLevel, Aside, PlaceMention, PlaceRelation } from './mentions.js';
export { adminCodesOf, placed, resolveMention } from './resolve.js';
export { locateMentions } from './locate.js';
export type { LocatedMention } from './locate.js';
export type { PlaceContext, ResolvedPlace } from './resolve.js';
export { Spots } from './spots.js';
export { shippedDataDir } from '../lexicon/index.js';
export { BORDER_TOLERANCE_KM, Boundaries, loadBoundaries } from './boundaries.js';
export type { Area, Point } from './boundaries.js';
export { arabicNameProblem, outsideParentProblem } from './checks.js';
export { knowledgeWith, loadKnowledge, shippedKnowledge } from './knowledge.js';
export type { Knowledge } from './knowledge.js';
export { shippedCacheDir } from './knowledge-cache.js';
