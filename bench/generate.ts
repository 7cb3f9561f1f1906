/**
 * Generated Arabic reports for benchmarks, shaped like the reports documenters
 * read: a headline, sometimes a dateline or a byline, a long lead with an act,
 * its casualties, the doer, a chain of places and the time; a source's
 * statement, often quoted; a second act nearby; background paragraphs about
 * past acts with named people and lists of towns; sometimes a running tally and
 * an agency credit. Word lists and sentence frames are the project's own.
 * Deterministic for a seed. `bench/run.ts` prints their shape beside the real
 * reports' (tokens, sentences, places, entities, quotes, incidents) and their
 * cost per KB, which should stay within 20% of the real reports'.
 */

import { pick, random } from './random.js';

/** Towns with the countryside reports place them in. */
const TOWNS: readonly (readonly [string, string, string])[] = [
  ['سراقب', 'ريف إدلب الشرقي', 'إدلب'],
  ['كفرنبل', 'ريف إدلب الجنوبي', 'إدلب'],
  ['معرة النعمان', 'ريف إدلب الجنوبي', 'إدلب'],
  ['خان شيخون', 'ريف إدلب الجنوبي', 'إدلب'],
  ['أريحا', 'ريف إدلب', 'إدلب'],
  ['جسر الشغور', 'ريف إدلب الغربي', 'إدلب'],
  ['الباب', 'ريف حلب الشرقي', 'حلب'],
  ['منبج', 'ريف حلب الشرقي', 'حلب'],
  ['عفرين', 'ريف حلب الشمالي', 'حلب'],
  ['مارع', 'ريف حلب الشمالي', 'حلب'],
  ['الطبقة', 'ريف الرقة الغربي', 'الرقة'],
  ['عين عيسى', 'ريف الرقة الشمالي', 'الرقة'],
  ['الشحيل', 'ريف دير الزور الشرقي', 'دير الزور'],
  ['البصيرة', 'ريف دير الزور الشرقي', 'دير الزور'],
  ['ذيبان', 'ريف دير الزور الشرقي', 'دير الزور'],
  ['هجين', 'ريف دير الزور الشرقي', 'دير الزور'],
  ['الميادين', 'ريف دير الزور الشرقي', 'دير الزور'],
  ['البوكمال', 'ريف دير الزور الشرقي', 'دير الزور'],
  ['القامشلي', 'ريف الحسكة', 'الحسكة'],
  ['تل أبيض', 'ريف الرقة الشمالي', 'الرقة'],
  ['رأس العين', 'ريف الحسكة الشمالي', 'الحسكة'],
  ['دوما', 'ريف دمشق', 'دمشق'],
  ['داريا', 'ريف دمشق', 'دمشق'],
  ['الزبداني', 'ريف دمشق', 'دمشق'],
  ['جاسم', 'ريف درعا الشمالي', 'درعا'],
  ['نوى', 'ريف درعا الغربي', 'درعا'],
  ['طفس', 'ريف درعا الغربي', 'درعا'],
  ['الصنمين', 'ريف درعا الشمالي', 'درعا'],
  ['جبلة', 'ريف اللاذقية', 'اللاذقية'],
  ['بانياس', 'ريف طرطوس', 'طرطوس'],
  ['الرستن', 'ريف حمص الشمالي', 'حمص'],
  ['تلبيسة', 'ريف حمص الشمالي', 'حمص'],
  ['تدمر', 'ريف حمص الشرقي', 'حمص'],
  ['مورك', 'ريف حماة الشمالي', 'حماة'],
  ['اللطامنة', 'ريف حماة الشمالي', 'حماة'],
];
const CITIES = [
  'دمشق',
  'حلب',
  'حمص',
  'حماة',
  'اللاذقية',
  'طرطوس',
  'إدلب',
  'الرقة',
  'دير الزور',
  'الحسكة',
  'درعا',
  'السويداء',
  'القنيطرة',
];
const SETTLEMENTS = ['بلدة', 'مدينة', 'قرية', 'بلدة', 'قرية'];
const DIRECTIONS = ['شمال', 'جنوب', 'شرق', 'غرب', 'شمال شرق', 'جنوب غرب', 'شرقي', 'غربي'];
const SITES = [
  'حاجز عسكري',
  'نقطة عسكرية',
  'الطريق العام',
  'السوق الشعبي',
  'مدخل المدينة الشرقي',
  'دوار البلدة',
  'مقر أمني',
  'مفرق الطريق الدولي',
];
/** Doers with the words a headline calls them by. */
const DOERS: readonly (readonly [string, string])[] = [
  ['قوات النظام', 'النظام'],
  ['الطيران الحربي الروسي', 'الطيران الروسي'],
  ['طائرة مسيرة تركية', 'مسيرة تركية'],
  ['خلايا تنظيم داعش', 'داعش'],
  ['مسلحون مجهولون', 'مجهولين'],
  ['قوات سوريا الديمقراطية', 'قسد'],
  ['فصائل الجيش الوطني', 'الجيش الوطني'],
  ['هيئة تحرير الشام', 'تحرير الشام'],
  ['قوات التحالف الدولي', 'التحالف'],
];
const ACTS = [
  'غارة جوية',
  'قصف مدفعي',
  'انفجار عبوة ناسفة',
  'هجوم مسلح',
  'اشتباكات عنيفة',
  'انفجار سيارة مفخخة',
  'قصف صاروخي',
  'استهداف بطائرة مسيرة',
  'إطلاق نار',
];
const ACTED = ['استهدف', 'طال', 'ضرب', 'وقع في'];
const VICTIMS = [
  'مدنيين',
  'عناصر من قوات النظام',
  'عناصر من قسد',
  'أطفال',
  'أشخاص',
  'مقاتلين من الفصائل',
  'عناصر من الأمن العام',
  'نساء',
];
const ONE_VICTIM = ['شاب', 'طفل', 'عنصر من قسد', 'مدني', 'امرأة', 'عنصر من الشرطة'];
const SOURCES = [
  'المرصد السوري لحقوق الإنسان',
  'الدفاع المدني السوري',
  'مصادر محلية',
  'الشبكة السورية لحقوق الإنسان',
  'ناشطون',
  'مصدر طبي',
  'مصادر أهلية',
  'شبكة فرات بوست',
];
const OUTLETS = ['وكالة الأنباء الألمانية', 'موقع الحرية', 'شبكة الجنوب', 'وكالة سمارت'];
const SAID = ['وقال', 'وأفاد', 'وذكر', 'وأكد', 'وأوضح'];
const WHEN = [
  'اليوم',
  'أمس',
  'مساء أمس',
  'فجر اليوم',
  'صباح اليوم',
  'اليوم الثلاثاء',
  'أمس الجمعة',
  'صباح يوم الأحد',
  'ليل أمس الخميس',
];
const NUMBERS = [
  '3',
  '5',
  '7',
  '12',
  '14',
  'ثلاثة',
  'خمسة',
  'أربعة',
  'عشرة',
  'نحو 20',
  'أكثر من 30',
  'ما لا يقل عن 9',
];
const FIRST = ['أحمد', 'محمد', 'علي', 'خالد', 'عمر', 'حسين', 'إبراهيم', 'يوسف', 'سليمان'];
const LAST = ['الحسن', 'العلي', 'الخلف', 'الأحمد', 'المحمد', 'العبدالله', 'الحمود', 'الصالح'];
const ROLES = ['أحد وجهاء', 'قيادي في', 'عضو في', 'أحد شيوخ'];
const GROUPS = ['قبيلة العكيدات', 'قبيلة البكارة', 'مجلس البلدة', 'الفصيل المحلي'];
const MONTHS = ['كانون الثاني', 'آذار', 'أيار', 'تموز', 'أيلول', 'تشرين الأول', 'كانون الأول'];
const HEADLINES = [
  (town: string, doer: string) => `قتلى وجرحى بقصف لـ${doer} على ${town}`,
  (town: string, doer: string) => `مقتل عناصر بهجوم تبناه «${doer}» في ${town}`,
  (town: string, doer: string) => `تصعيد جديد في ${town}.. ضحايا برصاص ${doer} (فيديو)`,
  (town: string) => `مجهولون يغتالون شابا أمام منزله في ${town}`,
  (town: string, doer: string) => `"${doer}" تستهدف ${town} وسقوط ضحايا مدنيين`,
];
const CONTEXT = [
  'وتشهد المنطقة تصعيدا عسكريا متواصلا منذ أسابيع، وسط تحليق مكثف للطيران الحربي والمسير في أجواء المنطقة ونزوح عشرات العائلات نحو المخيمات الحدودية.',
  'ويأتي ذلك في ظل توتر أمني متزايد تشهده المنطقة، حيث تتكرر عمليات الاغتيال والخطف بشكل شبه يومي دون أن تتمكن الجهات المسيطرة من الحد منها أو محاسبة الفاعلين.',
  'ولم يصدر أي تعليق رسمي حتى لحظة إعداد هذا التقرير، فيما تستمر فرق الإسعاف بنقل الجرحى إلى المشافي القريبة وسط نقص حاد في المستلزمات الطبية.',
  'ويشكو السكان من غياب الخدمات وانتشار السلاح العشوائي، ويطالبون الجهات المعنية بوضع حد للفوضى الأمنية التي تضرب المنطقة منذ سنوات.',
];
const CREDITS = ['المصدر: وكالات', 'المصدر: مواقع التواصل', 'تحرير: فريق التحرير'];

/** The named places of a report, each a town with its countryside. */
interface Setting {
  readonly town: string;
  readonly countryside: string;
  readonly province: string;
}

function setting(rnd: () => number): Setting {
  const [town, countryside, province] = pick(rnd, TOWNS);
  return { town, countryside, province };
}

function person(rnd: () => number): string {
  return `${pick(rnd, FIRST)} ${pick(rnd, FIRST)} ${pick(rnd, LAST)}`;
}

function cities(rnd: () => number, count: number): string {
  const names = Array.from({ length: count }, () => pick(rnd, CITIES));
  return `${names.slice(0, -1).join(' و')} و${names.at(-1) ?? ''}`;
}

/** «في بلدة X شرق Y بريف Z»: the chain of places real leads give. */
function placeChain(rnd: () => number, at: Setting): string {
  const settlement = `${pick(rnd, SETTLEMENTS)} ${at.town}`;
  const choice = rnd();
  if (choice < 0.3) return `في ${settlement} في ${at.countryside}`;
  if (choice < 0.55) return `عند ${pick(rnd, SITES)} في ${settlement} ب${at.countryside}`;
  if (choice < 0.8) return `في ${settlement} ${pick(rnd, DIRECTIONS)} مدينة ${at.province}`;
  return `على أطراف ${settlement} ب${at.countryside}، ${pick(rnd, DIRECTIONS)}ي سوريا`;
}

function lead(rnd: () => number, at: Setting, doer: string): string {
  const source = pick(rnd, SOURCES);
  const place = placeChain(rnd, at);
  const when = pick(rnd, WHEN);
  const act = pick(rnd, ACTS);
  switch (Math.floor(rnd() * 4)) {
    case 0:
      return `قتل ${pick(rnd, NUMBERS)} ${pick(rnd, VICTIMS)} وأصيب ${pick(rnd, NUMBERS)} آخرون بجروح متفاوتة، ${when}، جراء ${act} نفذته ${doer} ${place}، بحسب ما أفادت ${source} التي أشارت إلى أن بين القتلى ${pick(rnd, ONE_VICTIM)} من أبناء المنطقة.`;
    case 1:
      return `أفادت ${source} بمقتل ${pick(rnd, NUMBERS)} ${pick(rnd, VICTIMS)} وإصابة آخرين، ${when}، إثر ${act} ${pick(rnd, ACTED)} تجمعا للأهالي ${place}، في حين لم تعرف الحصيلة النهائية بسبب وجود عالقين تحت الأنقاض.`;
    case 2:
      return `استهدفت ${doer} ${when} ${pick(rnd, SETTLEMENTS)} ${at.town} في ${at.countryside} بـ${act}، ما أدى إلى مقتل ${pick(rnd, ONE_VICTIM)} وإصابة ${pick(rnd, NUMBERS)} ${pick(rnd, VICTIMS)} بجروح، وفقا لـ«${source}».`;
    default:
      return `قتل ${pick(rnd, ONE_VICTIM)} يدعى "${person(rnd)}" ${when} برصاص ${doer} ${place}، فيما أصيب ${pick(rnd, NUMBERS)} من المارة بجروح نقلوا على إثرها إلى مشفى ${at.province} الوطني.`;
  }
}

function statement(rnd: () => number, at: Setting, doer: string): string {
  const source = pick(rnd, SOURCES);
  const said = pick(rnd, SAID);
  const other = setting(rnd);
  switch (Math.floor(rnd() * 3)) {
    case 0:
      return `${said} ${source} لـ«${pick(rnd, OUTLETS)}» إن "${pick(rnd, ACTS)} ${pick(rnd, ACTED)} منازل المدنيين في ${at.town} وقرية ${other.town} المجاورة، وإن ${pick(rnd, NUMBERS)} من الجرحى في حالة خطرة، والحصيلة مرشحة للارتفاع".`;
    case 1:
      return `${said} ${source} أن ${doer} دفعت بتعزيزات عسكرية إلى محيط ${at.town} قادمة من ${other.town}، مضيفا أن «الأهالي يعيشون حالة من الخوف بعد ${pick(rnd, ACTS)} الذي ${pick(rnd, ACTED)} الحي الشرقي من المدينة أمس».`;
    default:
      return `ونقلت ${pick(rnd, OUTLETS)} عن ${source} أن ${pick(rnd, NUMBERS)} ${pick(rnd, VICTIMS)} سقطوا بين قتيل وجريح، فيما أشارت ${pick(rnd, SOURCES)} إلى أن ${pick(rnd, ACTS)} استهدف سيارة كانت تقلهم على الطريق الواصل بين ${at.town} و${other.town}.`;
  }
}

/** A sentence about the act with no new place: what a source adds, often in its words. */
function detail(rnd: () => number): string {
  const said = pick(rnd, SAID);
  switch (Math.floor(rnd() * 3)) {
    case 0:
      return `${said} المصدر أن فرق الدفاع المدني عملت لساعات على انتشال الضحايا من تحت الأنقاض، وأن بين المصابين "${pick(rnd, NUMBERS)} أطفال حالتهم حرجة"، مشيرا إلى أن المشافي الميدانية "تعاني من نقص في الكوادر والأدوية".`;
    case 1:
      return `${said} ناشطون أن الهجوم جاء بعد ساعات من تهديدات أطلقها قياديون في "${pick(rnd, DOERS)[1]}" عبر معرفاتهم الرسمية، متوعدين بالرد على ما وصفوه بـ«الاعتداءات المتكررة» على مواقعهم.`;
    default:
      return `ولم تتبن أي جهة المسؤولية عن الهجوم حتى ساعة إعداد هذا الخبر، فيما اتهم ناشطون "${pick(rnd, DOERS)[1]}" بالوقوف خلفه، مؤكدين أن المنطقة شهدت "حالة من الاستنفار الأمني" منذ مطلع الأسبوع.`;
  }
}

function secondAct(rnd: () => number, doer: string): string {
  const at = setting(rnd);
  const opener = pick(rnd, ['وفي سياق متصل،', 'وفي ريف ' + at.province + '،', 'وبالتزامن مع ذلك،']);
  if (rnd() < 0.5)
    return `${opener} أصيب ${pick(rnd, ONE_VICTIM)} بجروح ${pick(rnd, WHEN)} إثر ${pick(rnd, ACTS)} ${placeChain(rnd, at)}، وفق ما ذكرته ${pick(rnd, SOURCES)}.`;
  return `${opener} قتل ${pick(rnd, NUMBERS)} ${pick(rnd, VICTIMS)} في ${pick(rnd, ACTS)} شنته ${doer} على ${pick(rnd, SETTLEMENTS)} ${at.town} في ${at.countryside}، بينما قصفت ${pick(rnd, DOERS)[0]} مواقع في محيط قرية ${setting(rnd).town}.`;
}

function background(rnd: () => number, at: Setting): string {
  const name = person(rnd);
  switch (Math.floor(rnd() * 3)) {
    case 0:
      return `وكان مجهولون قد اغتالوا ${name} ${pick(rnd, ROLES)} ${pick(rnd, GROUPS)}، في ${Math.floor(1 + rnd() * 28)} ${pick(rnd, MONTHS)} الفائت، في ${pick(rnd, SETTLEMENTS)} ${setting(rnd).town} الواقعة تحت سيطرة ${pick(rnd, DOERS)[0]} ب${at.countryside}، وذلك بعد أيام من نجاته من محاولة اغتيال مماثلة قرب منزله.`;
    case 1:
      return `وسبق أن تبنت ${pick(rnd, DOERS)[0]} عمليات اغتيال وتفجيرات استهدفت مواقع عسكرية في أرياف ${cities(rnd, 3)}، إضافة إلى هجمات على أرتال عسكرية في المنطقة الممتدة بين ${at.town} و${setting(rnd).town}.`;
    default:
      return `وشهدت مدن ${cities(rnd, 3)} خلال الأشهر الماضية احتجاجات متفرقة، حيث خرج المتظاهرون في ${at.town} ورفعوا لافتات تطالب بالإفراج عن المعتقلين ومحاسبة المسؤولين عن مقتل ${name}.`;
  }
}

function tally(rnd: () => number, at: Setting): string {
  return `ووثقت ${pick(rnd, SOURCES)} منذ مطلع العام الجاري مقتل ${String(100 + Math.floor(rnd() * 900))} مدنيا في ${at.countryside}، بينهم ${String(10 + Math.floor(rnd() * 90))} طفلا و${String(5 + Math.floor(rnd() * 40))} امرأة.`;
}

function report(rnd: () => number): string {
  const at = setting(rnd);
  const [doer, short] = pick(rnd, DOERS);
  const parts = [pick(rnd, HEADLINES)(at.town, short)];
  const dateline = rnd();
  if (dateline < 0.25)
    parts.push(`${String(1 + Math.floor(rnd() * 28))} ${pick(rnd, MONTHS)} 2023`);
  else if (dateline < 0.45) parts.push(`${at.province} - خاص`);
  parts.push(lead(rnd, at, doer));
  if (rnd() < 0.8) parts.push(statement(rnd, at, doer));
  if (rnd() < 0.6) parts.push(detail(rnd));
  if (rnd() < 0.4) parts.push(secondAct(rnd, doer));
  parts.push(background(rnd, at));
  if (rnd() < 0.5) parts.push(pick(rnd, CONTEXT));
  if (rnd() < 0.3) parts.push(tally(rnd, at));
  if (rnd() < 0.15) parts.push(pick(rnd, CREDITS));
  return parts.join(rnd() < 0.5 ? '\n\n' : '\n');
}

/** `count` reports, the same for the same seed. */
export function generateReports(count: number, seed = 2024): string[] {
  const rnd = random(seed);
  return Array.from({ length: count }, () => report(rnd));
}
