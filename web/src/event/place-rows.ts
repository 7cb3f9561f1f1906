import type { Place } from '../api/types.js';
import { translate, type Lang } from '../i18n/i18n.js';

/** A place's name in the reader's language. */
export function placeName(lang: Lang, place: Place): string {
  return lang === 'ar' ? place.name_ar : place.name_en;
}

/** One of a place's areas, in the reader's language (its English name where no Arabic is known). */
function area(lang: Lang, en: string | null, ar: string | null): string | null {
  return lang === 'ar' ? (ar ?? en) : en;
}

/**
 * What a candidate says after its name, so that no two candidates read alike:
 * what it is (a town says nothing), its district and its governorate. Places
 * of one name and kind in one governorate lie in different districts (all but
 * one pair of the shipped gazetteer); where another candidate shares the
 * district too, the sub-district is said as well. An area never names itself.
 */
export function placeDetails(lang: Lang, place: Place, candidates: readonly Place[]): string[] {
  const district = place.kind === 'district' ? null : area(lang, place.admin2, place.admin2_ar);
  const sharesDistrict = candidates.some(
    (other) =>
      other.id !== place.id &&
      placeName(lang, other) === placeName(lang, place) &&
      other.kind === place.kind &&
      other.admin2 === place.admin2,
  );
  const subdistrict =
    place.kind === 'subdistrict' || !sharesDistrict
      ? null
      : area(lang, place.admin3, place.admin3_ar);
  const parts = [
    place.kind === 'community' ? null : translate(lang, `place.${place.kind}`),
    subdistrict === null ? null : translate(lang, 'place.inSubdistrict', { name: subdistrict }),
    district === null ? null : translate(lang, 'place.inDistrict', { name: district }),
    place.kind === 'governorate' ? null : area(lang, place.admin1, place.admin1_ar),
  ];
  return parts.filter((part) => part !== null);
}
