/**
 * Generated news for ingestion benchmarks: acts at towns on days over two
 * years, each told by one to three outlets in their own words, as NDJSON
 * records (`text`, `published`, `outlet`, `url`). Deterministic for a seed.
 */

import { pick, random } from './random.js';

/** Towns with the countryside reports name them with. */
const TOWNS: readonly (readonly [string, string])[] = [
  ['سراقب', 'ريف إدلب الشرقي'],
  ['كفرنبل', 'ريف إدلب الجنوبي'],
  ['معرة النعمان', 'ريف إدلب الجنوبي'],
  ['خان شيخون', 'ريف إدلب الجنوبي'],
  ['أريحا', 'ريف إدلب'],
  ['جسر الشغور', 'ريف إدلب الغربي'],
  ['الباب', 'ريف حلب الشرقي'],
  ['منبج', 'ريف حلب الشرقي'],
  ['عفرين', 'ريف حلب الشمالي'],
  ['مارع', 'ريف حلب الشمالي'],
  ['الطبقة', 'ريف الرقة الغربي'],
  ['عين عيسى', 'ريف الرقة الشمالي'],
  ['الشحيل', 'ريف دير الزور الشرقي'],
  ['البصيرة', 'ريف دير الزور الشرقي'],
  ['هجين', 'ريف دير الزور الشرقي'],
  ['الميادين', 'ريف دير الزور الشرقي'],
  ['البوكمال', 'ريف دير الزور الشرقي'],
  ['القامشلي', 'ريف الحسكة'],
  ['تل أبيض', 'ريف الرقة الشمالي'],
  ['رأس العين', 'ريف الحسكة الشمالي'],
  ['دوما', 'ريف دمشق'],
  ['داريا', 'ريف دمشق'],
  ['الزبداني', 'ريف دمشق'],
  ['جاسم', 'ريف درعا الشمالي'],
  ['نوى', 'ريف درعا الغربي'],
  ['طفس', 'ريف درعا الغربي'],
  ['الصنمين', 'ريف درعا الشمالي'],
  ['جبلة', 'ريف اللاذقية'],
  ['بانياس', 'ريف طرطوس'],
  ['الرستن', 'ريف حمص الشمالي'],
  ['تلبيسة', 'ريف حمص الشمالي'],
  ['تدمر', 'ريف حمص الشرقي'],
];

const ACTS: readonly (readonly [string, string])[] = [
  ['قصف مدفعي', 'قوات النظام'],
  ['غارة جوية', 'الطيران الحربي الروسي'],
  ['انفجار عبوة ناسفة', 'مجهولون'],
  ['هجوم مسلح', 'خلايا تنظيم داعش'],
  ['اشتباكات عنيفة', 'فصائل الجيش الوطني'],
  ['قصف بطائرة مسيرة', 'طائرة مسيرة تركية'],
];
const VICTIMS = ['مدنيين', 'عناصر من قوات النظام', 'عناصر من قسد', 'أطفال', 'مقاتلين من الفصائل'];
const SOURCES = [
  'المرصد السوري لحقوق الإنسان',
  'الدفاع المدني السوري',
  'مصادر محلية',
  'الشبكة السورية لحقوق الإنسان',
  'ناشطون',
];
const OUTLETS = ['شبكة الشرق', 'موقع الفرات', 'وكالة الجنوب', 'تلفزيون المدينة', 'صحيفة الغد'];
const CONTEXT = [
  'وتشهد المنطقة تصعيدا عسكريا متواصلا منذ أسابيع.',
  'ويأتي ذلك في ظل توتر أمني متزايد تشهده المنطقة.',
  'ولم يصدر أي تعليق رسمي حتى لحظة إعداد هذا التقرير.',
  'وتستمر فرق الإسعاف بنقل الجرحى إلى المشافي القريبة.',
];

/** One NDJSON record of the generated news. */
export interface StoryRecord {
  readonly text: string;
  readonly published: string;
  readonly outlet: string;
  readonly url: string;
}

function isoDay(start: number, offset: number): string {
  return new Date(start + offset * 86_400_000).toISOString().slice(0, 10);
}

/**
 * `count` reports: acts told by one to three outlets each, on `days` days from
 * 2023-01-01 (two years; a month crowds every act into one linking window),
 * the same for the same seed.
 */
export function generateStories(count: number, seed = 2025, days = 730): StoryRecord[] {
  const rnd = random(seed);
  const start = Date.UTC(2023, 0, 1);
  const records: StoryRecord[] = [];
  let story = 0;
  while (records.length < count) {
    story++;
    const [town, countryside] = pick(rnd, TOWNS);
    const [act, doer] = pick(rnd, ACTS);
    const victims = pick(rnd, VICTIMS);
    const day = Math.floor(rnd() * days);
    const killed = 1 + Math.floor(rnd() * 20);
    const tellings = 1 + Math.floor(rnd() * 3);
    for (let k = 0; k < tellings && records.length < count; k++) {
      const published = isoDay(start, day + (k === 0 ? 0 : 1));
      const when = k === 0 ? 'اليوم' : 'أمس';
      const figure = killed + (k === 2 ? Math.floor(rnd() * 3) : 0);
      const text = [
        `قتل ${String(figure)} ${victims} ${when} جراء ${act} نفذته ${doer} على بلدة ${town} في ${countryside}، بحسب ${pick(rnd, SOURCES)}.`,
        `وقال ${pick(rnd, SOURCES)} إن عدد الجرحى بلغ ${String(1 + Math.floor(rnd() * 15))}، وإن الحصيلة مرشحة للارتفاع.`,
        pick(rnd, CONTEXT),
      ].join('\n');
      records.push({
        text,
        published,
        outlet: OUTLETS[(story + k) % OUTLETS.length] ?? '',
        url: `https://example.org/${String(story)}/${String(k)}`,
      });
    }
  }
  return records;
}

/**
 * `count` reports of one act, as wire copy is republished: one town, one day,
 * one doer, each outlet in its own words with its own source and a figure
 * that grows as the toll is updated. Linking puts them all in one event.
 */
export function generateRetellings(count: number, seed = 2026): StoryRecord[] {
  const rnd = random(seed);
  const [town, countryside] = pick(rnd, TOWNS);
  const [act, doer] = pick(rnd, ACTS);
  const victims = pick(rnd, VICTIMS);
  const day = isoDay(Date.UTC(2024, 4, 1), 0);
  const killed = 4 + Math.floor(rnd() * 10);
  return Array.from({ length: count }, (_, k) => {
    const outlet = `${pick(rnd, OUTLETS)} ${String(k + 1)}`;
    return {
      text: [
        `قتل ${String(killed + Math.floor(rnd() * 3))} ${victims} اليوم جراء ${act} نفذته ${doer} على بلدة ${town} في ${countryside}، بحسب ${pick(rnd, SOURCES)}.`,
        `وقال ${pick(rnd, SOURCES)} إن عدد الجرحى بلغ ${String(1 + Math.floor(rnd() * 15))}، وإن الحصيلة مرشحة للارتفاع.`,
        pick(rnd, CONTEXT),
        // Each outlet's credit line: no two copies are the same text (the second would be known already).
        `المصدر: ${outlet}`,
      ].join('\n'),
      published: day,
      outlet,
      url: `https://example.org/one-act/${String(k + 1)}`,
    };
  });
}
