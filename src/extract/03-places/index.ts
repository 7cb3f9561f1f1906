/** Where: the places a report names, resolved, and how places compare. */
export { locatePlaces, spellingWarnings } from './places.js';
export type { ReportPlaces } from './places.js';
export { bestPlace, filedUnder, placeIdKey, placesCompatible, soughtUnder } from './compare.js';
export { datelines } from './zones.js';
export { protestersHome } from './protest.js';
