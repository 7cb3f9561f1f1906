import type { Lang } from '../i18n/i18n.js';
import type { Governorate } from './labels.js';

/** What a place says of its governorate: the fields of an incident's location it needs. */
export interface PlaceInGovernorate {
  precision: number;
  admin1_pcode: string | null;
  admin1: string | null;
}

/**
 * The governorate a place lies in, in the reader's language, from the shipped
 * boundaries' names; null for a governorate-level place (it names itself).
 * The location carries the governorate's English name only: an Arabic reader
 * gets nothing rather than that while the boundaries have not come, or for a
 * p-code they lack.
 */
export function governorateName(
  lang: Lang,
  location: PlaceInGovernorate,
  governorates: readonly Governorate[],
): string | null {
  if (location.precision === 3) return null;
  const known = governorates.find((g) => g.pcode === location.admin1_pcode);
  if (known !== undefined) return known.name;
  return lang === 'en' ? location.admin1 : null;
}
