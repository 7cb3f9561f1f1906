/**
 * Generated Arabic reports for benchmarks: the shapes of the genre (a lead with
 * an act, a place, a date and casualties; a source's statement; context and a
 * running tally), filled from word lists. Deterministic for a seed.
 */

import { pick, random } from './random.js';

const TOWNS = [
  'سراقب',
  'كفرنبل',
  'معرة النعمان',
  'خان شيخون',
  'أريحا',
  'جسر الشغور',
  'الباب',
  'منبج',
  'عفرين',
  'الطبقة',
  'الشحيل',
  'البصيرة',
  'هجين',
  'الميادين',
  'البوكمال',
  'القامشلي',
  'تل أبيض',
  'رأس العين',
  'دوما',
  'داريا',
  'الزبداني',
  'جاسم',
  'نوى',
  'طفس',
  'الصنمين',
  'جبلة',
  'بانياس',
  'تلكلخ',
  'الرستن',
  'تلبيسة',
];
const COUNTRYSIDES = [
  'ريف إدلب الجنوبي',
  'ريف حلب الشمالي',
  'ريف دير الزور الشرقي',
  'ريف الرقة الغربي',
  'ريف درعا الغربي',
  'ريف حمص الشمالي',
  'ريف اللاذقية الشمالي',
  'ريف دمشق',
];
const SETTLEMENTS = ['بلدة', 'مدينة', 'قرية'];
const DOERS = [
  'قوات النظام',
  'الطيران الحربي الروسي',
  'طائرة مسيرة تركية',
  'خلايا تنظيم داعش',
  'مسلحون مجهولون',
  'قوات سوريا الديمقراطية',
  'فصائل الجيش الوطني',
  'هيئة تحرير الشام',
];
const ACTS = [
  'غارة جوية',
  'قصف مدفعي',
  'انفجار عبوة ناسفة',
  'هجوم مسلح',
  'اشتباكات عنيفة',
  'سيارة مفخخة',
  'قذائف صاروخية',
];
const VICTIMS = [
  'مدنيين',
  'عناصر من قوات النظام',
  'عناصر من قسد',
  'أطفال',
  'أشخاص',
  'مقاتلين من الفصائل',
];
const SOURCES = [
  'المرصد السوري لحقوق الإنسان',
  'الدفاع المدني السوري',
  'مصادر محلية',
  'الشبكة السورية لحقوق الإنسان',
  'وكالة سانا',
  'ناشطون',
];
const WHEN = ['اليوم', 'أمس', 'مساء أمس', 'فجر اليوم', 'يوم الجمعة', 'صباح الأحد', 'ليل أمس'];
const NUMBERS = [
  '3',
  '5',
  '7',
  '12',
  'ثلاثة',
  'خمسة',
  'عشرة',
  'نحو 20',
  'أكثر من 30',
  'ما لا يقل عن 9',
];
const CONTEXT = [
  'وتشهد المنطقة تصعيدا عسكريا متواصلا منذ أسابيع وسط تحليق مكثف للطيران الحربي في أجواء المنطقة.',
  'ويأتي ذلك في ظل توتر أمني متزايد تشهده المنطقة، حيث تتكرر عمليات الاغتيال والخطف بشكل شبه يومي.',
  'وكانت المنطقة قد شهدت في العام الماضي هجمات مماثلة أدت إلى سقوط عشرات الضحايا بين المدنيين.',
  'ولم يصدر أي تعليق رسمي حتى لحظة إعداد هذا التقرير، فيما تستمر فرق الإسعاف بنقل الجرحى إلى المشافي القريبة.',
];

function report(rnd: () => number): string {
  const town = pick(rnd, TOWNS);
  const lead = `قتل ${pick(rnd, NUMBERS)} ${pick(rnd, VICTIMS)} وأصيب ${pick(rnd, NUMBERS)} آخرون ${pick(rnd, WHEN)} جراء ${pick(rnd, ACTS)} نفذته ${pick(rnd, DOERS)} على ${pick(rnd, SETTLEMENTS)} ${town} في ${pick(rnd, COUNTRYSIDES)}، بحسب ${pick(rnd, SOURCES)}.`;
  const statement = `وقال ${pick(rnd, SOURCES)} إن ${pick(rnd, NUMBERS)} ${pick(rnd, VICTIMS)} قتلوا في ${pick(rnd, ACTS)} استهدف ${pick(rnd, SETTLEMENTS)} ${pick(rnd, TOWNS)}، وأضاف أن حصيلة القتلى مرشحة للارتفاع بسبب وجود إصابات خطيرة.`;
  const tally = `ووثق ${pick(rnd, SOURCES)} منذ مطلع العام الجاري مقتل ${String(100 + Math.floor(rnd() * 900))} مدنيا في ${pick(rnd, COUNTRYSIDES)}.`;
  const parts = [
    `قتلى وجرحى في ${town}`,
    '',
    lead,
    statement,
    pick(rnd, CONTEXT),
    pick(rnd, CONTEXT),
  ];
  if (rnd() < 0.5) parts.push(tally);
  return parts.join('\n');
}

/** `count` reports, the same for the same seed. */
export function generateReports(count: number, seed = 2024): string[] {
  const rnd = random(seed);
  return Array.from({ length: count }, () => report(rnd));
}
