import { describe, expect, it } from 'vitest';
import type { Place } from '../../src/contracts/index.js';
import { shippedKnowledge } from '../../src/extract/index.js';
import { searchPlaces } from '../../src/service/index.js';
import { placeDetails, placeName } from '../../web/src/event/place-rows.js';
import type { Lang } from '../../web/src/i18n/i18n.js';

/** A candidate's row as the picker shows it: its name, then what tells it apart. */
const row = (lang: Lang, place: Place, candidates: readonly Place[]): string =>
  [placeName(lang, place), ...placeDetails(lang, place, candidates)].join(' · ');

const LANGS: readonly Lang[] = ['ar', 'en'];

describe('the place picker’s candidates', () => {
  it('tells two towns of one name in one governorate apart by their districts', () => {
    const found = searchPlaces(shippedKnowledge().gazetteer, 'الدانا', 12);
    const dana = found.filter((p) => p.name_en === 'Dana' && p.kind === 'community');
    expect(dana).toHaveLength(2);
    const rows = dana.map((p) => row('ar', p, found));
    expect(new Set(rows).size).toBe(2);
    expect(rows.some((r) => r.includes('منطقة حارم'))).toBe(true);
    expect(rows.every((r) => r.includes('إدلب'))).toBe(true);
    expect(new Set(dana.map((p) => row('en', p, found))).size).toBe(2);
  });

  it('says the sub-district where the district does not tell them apart, and only there', () => {
    const gazetteer = shippedKnowledge().gazetteer;
    const found = searchPlaces(gazetteer, 'حوايس أم جرن', 12);
    const pair = found.filter((p) => p.kind === 'community' && p.name_ar === 'حوايس أم جرن');
    expect(pair).toHaveLength(2);
    expect(new Set(pair.map((p) => p.admin2)).size).toBe(1);
    for (const lang of LANGS) expect(new Set(pair.map((p) => row(lang, p, found))).size).toBe(2);
    expect(pair.every((p) => row('ar', p, found).includes('ناحية'))).toBe(true);
    // A town alone of its name in its district: no sub-district said.
    const [dana] = searchPlaces(gazetteer, 'الدانا', 12);
    expect(dana === undefined ? '' : row('ar', dana, [dana])).not.toContain('ناحية');
  });

  it('shows no two candidates alike for any name the gazetteer gives several places of one kind', () => {
    const gazetteer = shippedKnowledge().gazetteer;
    const groups = new Map<string, number>();
    for (const p of gazetteer.places) {
      const key = `${p.nameAr}\u0000${p.kind}`;
      groups.set(key, (groups.get(key) ?? 0) + 1);
    }
    const names = [...groups].filter(([, n]) => n > 1).map(([key]) => key.split('\u0000')[0] ?? '');
    expect(names.length).toBeGreaterThan(25);
    for (const name of new Set(names)) {
      const found = searchPlaces(gazetteer, name, 100);
      for (const lang of LANGS) {
        const rows = found.map((p) => row(lang, p, found));
        expect(new Set(rows).size, `${name} (${lang}): ${rows.join(' | ')}`).toBe(rows.length);
      }
    }
  });
});
