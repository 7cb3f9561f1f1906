import { describe, expect, it } from 'vitest';
import { filedUnder, placesCompatible, soughtUnder } from '../../src/extract/03-places/index.js';
import { loadGazetteer } from '../../src/gazetteer/index.js';
import type { Place, ResolvedPlace } from '../../src/gazetteer/index.js';
import { news, read } from './helpers.js';

/**
 * The gathering weighs a mention only against the drafts it can fit: those at
 * a place compatible with its own (found by `soughtUnder` among the keys
 * `filedUnder` files them by), those told lately when it names no place. Sentences
 * written for these tests.
 */
const gazetteer = loadGazetteer();

function resolvedAt(place: Place, precision: 1 | 3): ResolvedPlace {
  return {
    place,
    precision,
    alternatives: [],
    basis: 'only',
    mention: {
      start: 0,
      end: 1,
      nameStart: 0,
      nameEnd: 1,
      candidates: [place],
      relation: 'at',
      settlement: false,
      facility: false,
      admin: null,
      direction: null,
      compass: false,
      pair: false,
      weak: false,
      origin: false,
    },
  };
}

/**
 * A place read as a town (precisions 1 and 2 compare alike) and as an area; a
 * region («ريف حلب») only ever rules a pair out.
 */
function readings(place: Place): ResolvedPlace[] {
  return [resolvedAt(place, 1), resolvedAt(place, 3)];
}

function keysMeet(a: ResolvedPlace, b: ResolvedPlace, reach: number | undefined): boolean {
  const filed = new Set(filedUnder(b));
  return soughtUnder(a, reach).some((key) => filed.has(key));
}

describe('every pair of places that can be one act is found by the index of places', () => {
  const areas = gazetteer.places.filter((p) => p.kind !== 'community');
  // Towns in order of latitude: each beside the next few, some of them a few km away.
  const towns = gazetteer.places
    .filter((p) => p.kind === 'community')
    .sort((a, b) => a.lat - b.lat);
  const sample = towns.filter((_, k) => k % 40 === 0);

  it.each([undefined, 15])('within reach %s km', (reach) => {
    let compatible = 0;
    const check = (a: Place, b: Place): void => {
      for (const ra of readings(a))
        for (const rb of readings(b)) {
          if (!placesCompatible(ra, rb, reach)) continue;
          compatible++;
          if (!keysMeet(ra, rb, reach))
            throw new Error(
              `${a.id} (${String(ra.precision)}) misses ${b.id} (${String(rb.precision)})`,
            );
        }
    };
    for (const area of areas) for (const town of [...areas, ...sample]) check(area, town);
    for (const town of sample) for (const area of areas) check(town, area);
    towns.forEach((town, k) => {
      for (const other of towns.slice(k, k + 10)) {
        check(town, other);
        check(other, town);
      }
    });
    // The pairs checked hold many compatible ones, near and inside each other.
    expect(compatible).toBeGreaterThan(10_000);
  });
});

describe('an act summed up over an area still takes in the town it was at, told after acts elsewhere', () => {
  const text =
    'قصفت قوات النظام بالمدفعية ريف إدلب الجنوبي صباح اليوم. وقصفت الطائرات الروسية مدينة دوما. ' +
    'واستهدفت الطائرات الروسية بلدة حرستا. وقصفت قوات النظام مدينة درعا. وقصفت قوات النظام بلدة نوى. ' +
    'وأدى القصف المدفعي على بلدة كفرنبل إلى مقتل ثلاثة مدنيين.';
  const told = ['Kafr Nobol', 'Duma', 'Harasta', "Dar'a", 'Nawa'];

  it('the shelling of the countryside of Idlib is the shelling of Kafr Nobol', () => {
    expect(news(read(text)).map((i) => i.location?.name_en)).toEqual(told);
  });

  it('so it is after sixteen acts told before, when the drafts are looked up in the indexes', () => {
    // Sixteen air strikes on towns far apart: sixteen incidents before the paragraph above,
    // more than the gathering reads one by one.
    const towns = ['سراقب', 'أريحا', 'سرمين', 'بنش', 'تفتناز', 'خان شيخون', 'معرة النعمان'];
    towns.push('منبج', 'الباب', 'اعزاز', 'عفرين', 'جرابلس', 'الأتارب', 'الرستن', 'صوران', 'جبلة');
    const before = towns.map((town) => `وقصفت الطائرات الروسية بلدة ${town}.`).join(' ');
    const incidents = news(read(`${before} ${text}`));
    expect(incidents).toHaveLength(towns.length + told.length);
    expect(incidents.slice(towns.length).map((i) => i.location?.name_en)).toEqual(told);
    expect(incidents[towns.length]?.claims.flatMap((c) => c.figures.map((f) => f.count))).toEqual([
      3,
    ]);
  });
});

describe('a retelling that repeats an act’s toll joins it far into a long report', () => {
  // Sixteen acts before: with the act, more than the gathering reads one by one (so its indexes
  // are asked); then the act, three acts elsewhere that state two dead, and the retelling placed
  // where the act was not.
  const towns = ['سراقب', 'أريحا', 'سرمين', 'بنش', 'تفتناز', 'خان شيخون', 'معرة النعمان', 'منبج'];
  towns.push('الباب', 'اعزاز', 'عفرين', 'جرابلس', 'الأتارب', 'الرستن', 'صوران', 'جبلة');
  const before = towns.map((town) => `وقصفت الطائرات الروسية بلدة ${town}.`).join(' ');
  const between = ['نوى', 'طفس', 'جاسم']
    .map((town) => `وقتل مدنيان في قصف مدفعي على بلدة ${town} بريف درعا.`)
    .join(' ');
  const acts = (text: string): [string | undefined, (string | null)[]][] =>
    news(read(text)).map((i) => [i.location?.name_en, i.claims.map((c) => c.claimant)]);
  const elsewhere: [string | undefined, (string | null)[]][] = [
    ['Nawa', [null]],
    ['Tafs', [null]],
    ['Jasim', [null]],
  ];

  it('two of its counts, past acts that share one of them: the correspondent’s account is the act at Rasif', () => {
    const act =
      'قتل مدنيان وأصيب 4 آخرون جراء قذائف صاروخية أطلقها مسلحون على قرية الرصيف بريف حماة اليوم.';
    const retold =
      'وقال مراسلنا إن مسلحين ينتشرون في ريف إدلب استهدفت قذائفهم بيوت السكان في القرية ما أدى إلى مقتل مدنيين اثنين وإصابة أربعة آخرين.';
    const found = acts(`${before} ${act} ${between} ${retold}`);
    expect(found).toHaveLength(towns.length + 4);
    expect(found.slice(towns.length)).toEqual([['Rasif', ['LOCAL']], ...elsewhere]);
  });

  it('one large count: the correspondent’s account is the act at Kafr Nobol', () => {
    const act = 'قتل 12 مدنيا في غارة جوية على بلدة كفرنبل اليوم.';
    const retold = 'وذكر مراسلنا أن طائرات حربية أغارت على ريف حماة ما أدى إلى مقتل 12 مدنيا.';
    const found = acts(`${before} ${act} ${between} ${retold}`);
    expect(found).toHaveLength(towns.length + 4);
    expect(found.slice(towns.length)).toEqual([['Kafr Nobol', ['LOCAL']], ...elsewhere]);
  });
});
