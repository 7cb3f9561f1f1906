import { BORDER_TOLERANCE_KM } from './boundaries.js';
import type { Boundaries, Point } from './boundaries.js';
import type { Place } from './places.js';

/** Letters of any script but Arabic: harakat and tatweel are Arabic marks, digits are not letters. */
const NON_ARABIC_LETTER = /(?!\p{Script=Arabic})\p{L}/u;
const ARABIC_LETTER = /(?=\p{Script=Arabic})\p{L}/u;

/**
 * Why a name cannot be a place's Arabic name (it is matched against Arabic
 * reports, so a Latin transliteration would never be found), or null.
 */
export function arabicNameProblem(name: string): string | null {
  if (!ARABIC_LETTER.test(name)) return `«${name}» is not written in Arabic letters`;
  const foreign = NON_ARABIC_LETTER.exec(name);
  if (foreign !== null) return `«${name}» mixes in a letter that is not Arabic («${foreign[0]}»)`;
  return null;
}

function at(point: Point): string {
  return `${point.lat.toFixed(4)},${point.lon.toFixed(4)}`;
}

/**
 * Why a point cannot lie in its parent (it falls in another governorate, or
 * outside Syria), or null when it fits or no outline is shipped for the
 * parent's governorate (a place in an imported country).
 */
export function outsideParentProblem(
  boundaries: Boundaries,
  parent: Place,
  point: Point,
): string | null {
  const area = boundaries.area(parent.admin1Pcode);
  if (area === undefined) return null;
  if (boundaries.distanceOutsideKm(area, point) <= BORDER_TOLERANCE_KM) return null;
  const where = boundaries.governorateAt(point);
  const lies =
    where === null
      ? `${at(point)} lies outside Syria's governorates`
      : `${at(point)} lies in ${where.nameEn} governorate`;
  const swapped = { lat: point.lon, lon: point.lat };
  const hint =
    boundaries.distanceOutsideKm(area, swapped) <= BORDER_TOLERANCE_KM
      ? ' (latitude and longitude swapped?)'
      : '';
  return `${lies}, not in ${area.nameEn} where the parent ${parent.id} ${parent.nameAr} is${hint}`;
}
