import type { Place } from '../gazetteer/index.js';
import { normalizePhrase } from '../text/index.js';

/** A governorate by p-code, English or Arabic name («SY11», «Raqqa», «الرقة»). */
export function governorateCode(
  gazetteer: { readonly places: readonly Place[] },
  name: string,
): string | null {
  const wanted = normalizePhrase(name).toLowerCase();
  const governorates = gazetteer.places.filter((p) => p.kind === 'governorate');
  const match = governorates.find((p) =>
    [p.id, p.nameEn, p.nameAr, p.admin1, ...p.variants].some(
      (n) => n !== '' && normalizePhrase(n).toLowerCase() === wanted,
    ),
  );
  return match?.id ?? null;
}
