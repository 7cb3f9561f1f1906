import { describe, expect, it } from 'vitest';
import { findPlaceMentions, loadGazetteer } from '../../src/gazetteer/index.js';
import type { PlaceMention } from '../../src/gazetteer/index.js';
import { normalizeForMatching, tokenize } from '../../src/text/index.js';

const gazetteer = loadGazetteer();

/** The mentions of a phrase, each as the words of its name and the readings that matter here. */
function readings(phrase: string): { name: string; mention: PlaceMention }[] {
  const tokens = tokenize(normalizeForMatching(phrase).text);
  return findPlaceMentions(gazetteer, tokens).map((mention) => ({
    name: tokens
      .slice(mention.nameStart, mention.nameEnd)
      .map((t) => t.text)
      .join(' '),
    mention,
  }));
}

/** The first mention whose name (as normalized) starts with `name`. */
function mentionOf(phrase: string, name: string): PlaceMention | undefined {
  const key = normalizeForMatching(name).text;
  // «وطفس»: a name joined by و keeps its و in the text.
  return readings(phrase).find((r) => r.name.startsWith(key) || r.name.startsWith(`و${key}`))
    ?.mention;
}

type Row = readonly [phrase: string, name: string];

/** Phrases written for this test, by what they exercise. */
const ASIDE: Record<'organisation' | 'destination', readonly Row[]> = {
  organisation: [
    ['قال مركز حماة الإعلامي إن الغارات استهدفت القرية', 'مركز حماة'],
    ['ذكرت تنسيقية مدينة داريا أن القصف تجدد', 'داريا'],
    ['أعلن مجلس محافظة درعا الحرة عن حصيلة جديدة', 'درعا'],
    ['نشرت شبكة إدلب الإخبارية صورا للدمار', 'إدلب'],
    ['وقال مكتب دير الزور الإعلامي إن الاشتباكات مستمرة', 'دير الزور'],
    ['وأفادت هيئة حمص الإعلامية بسقوط قذائف', 'حمص'],
  ],
  destination: [
    ['ونقل الجرحى إلى مشافي درعا وإزرع وبصرى الشام', 'درعا'],
    ['وجرى إسعافهم إلى مشفى مدينة إدلب', 'إدلب'],
    ['أثناء توجههم إلى مدينة سرمدا', 'سرمدا'],
    ['وكانوا متجهين نحو بلدة الكرك الشرقي', 'الكرك'],
    ['ونقلت المصابة إلى المستشفى الوطني في مدينة حماة', 'حماة'],
    ['وتم نقلهم إلى مستشفيات حمص والرستن', 'حمص'],
  ],
};

const NOT_PLACES: readonly Row[] = [
  // Personal names and kunyas that open like village names.
  ['فيما أصيب الشيخ إبراهيم الهفل بجروح طفيفة', 'الشيخ ابراهيم'],
  ['قتل القيادي أبو طلحة الأردني بانفجار عبوة', 'ابو طلحه'],
  ['أعلنت قسد مقتل أمير يدعى أبو بكر الشامي', 'ابو بكر'],
  ['اغتال مسلحون الشيخ يوسف العبد الله أمام منزله', 'الشيخ يوسف'],
  ['أصيب الشيخ عيسى الحمد برصاص مجهولين', 'الشيخ عيسى'],
  // Common words that are also village names.
  ['قتل ثلاثة مدنيين وكان بين الشهداء طفلان', 'الشهداء'],
  ['وقتل في الأخيرة ثلاثة عناصر', 'الاخيره'],
  ['استهدفت المدفعية التركية محيط القرية', 'المدفعيه'],
  ['اشتدت المعارك في الأحياء الشمالية لمدينة البوكمال', 'الشماليه'],
  ['تقدمت القوات في القرى الغربية من المدينة', 'الغربيه'],
];

describe('place readings', () => {
  for (const [why, rows] of Object.entries(ASIDE)) {
    it.each(rows)(`sets aside as ${why}: «%s» (%s)`, (phrase, name) => {
      expect(mentionOf(phrase, name)?.aside).toBe(why);
    });
  }

  it.each(NOT_PLACES)('reads no place in «%s» (not «%s»)', (phrase, name) => {
    expect(mentionOf(phrase, name)).toBeUndefined();
  });

  it.each([
    ['في الشيخ مسكين', 'الشيخ مسكين'],
    ['في بلدة أبو حمام', 'ابو حمام'],
    ['قصفت الطائرات بلدة الشيخ مسكين', 'الشيخ مسكين'],
  ] as const)(
    'still reads a village named like a person after a place word: «%s»',
    (phrase, name) => {
      expect(mentionOf(phrase, name)?.candidates.length).toBeGreaterThan(0);
    },
  );

  it.each([
    ['على الطريق بين بلدتي داعل وطفس', 'داعل', 'طفس'],
    ['في المنطقة الواقعة بين بلدتي الشحيل والبصيرة', 'الشحيل', 'البصيرة'],
    ['بين مدينتي معرة النعمان وخان شيخون', 'معرة النعمان', 'خان شيخون'],
  ] as const)('reads «%s» as between two places', (phrase, first, second) => {
    expect(mentionOf(phrase, first)?.between).toBe(true);
    expect(mentionOf(phrase, second)?.between).toBe(true);
  });

  it.each([
    ['على طريق نوى - الشيخ مسكين', 'نوى', 'الشيخ مسكين'],
    ['على طريق بلدتي (كحيل-السهوة)', 'كحيل', 'السهوة'],
    ['على طريق كحيل- السهوة', 'كحيل', 'السهوة'],
  ] as const)('reads both ends of a road named by its ends: «%s»', (phrase, first, second) => {
    const a = mentionOf(phrase, first);
    const b = mentionOf(phrase, second);
    // The two ends vouch for each other: only their namesakes in Daraa are meant.
    expect(a?.candidates.map((p) => p.admin1Pcode)).toContain('SY12');
    expect(new Set(b?.candidates.map((p) => p.admin1Pcode))).toEqual(new Set(['SY12']));
    expect(a?.weak).toBe(false);
  });

  it.each([
    ['في البلدة', 'at'],
    ['وسط المدينة', 'inside'],
    ['على أطراف القرية', 'near'],
    ['داخل المخيم', 'inside'],
  ] as const)('reads «%s» as pointing back, %s', (phrase, relation) => {
    const found = readings(phrase);
    expect(found).toHaveLength(1);
    expect(found[0]?.mention.anaphor).toBeDefined();
    expect(found[0]?.mention.relation).toBe(relation);
  });

  // A word that may start a place but starts none (a first name such as «علي») is no second
  // pointer back to the settlement word before it.
  it.each([
    'اقتحمت الدورية المدينة علي مراحل',
    'وصل إلى البلدة علي وأخوه بعد القصف',
    'غادرت العائلات القرية علي عجل',
  ])('points back once, from the settlement word itself: «%s»', (phrase) => {
    const pointers = readings(phrase).filter((r) => r.mention.anaphor !== undefined);
    expect(pointers).toHaveLength(1);
    expect(pointers[0]?.mention.end).toBeGreaterThan(pointers[0]?.mention.start ?? Infinity);
  });

  it.each(['في المدينة الصناعية', 'القرية المجاورة', 'في المنطقة'])(
    'does not point back from «%s»',
    (phrase) => {
      expect(readings(phrase).filter((r) => r.mention.anaphor !== undefined)).toEqual([]);
    },
  );

  it.each([
    ['قرب دوار تدمر', 'تدمر'],
    ['في شارع حلب', 'حلب'],
    ['على كراج درعا', 'درعا'],
  ] as const)('marks a facility that may be named after a town: «%s»', (phrase, name) => {
    expect(mentionOf(phrase, name)?.namedAfter).toBe(true);
  });

  it.each([
    ['سقطت صواريخ على قرية "ميدان الغزال" في ريف حماة', 'ميدان الغزال'],
    ['قصفت الطائرات قرية «ميدان الغزال» شرقي المدينة', 'ميدان الغزال'],
  ] as const)(
    'reads a quoted village name whole, not one letter off a shorter one: «%s»',
    (phrase, name) => {
      const found = readings(phrase).find((r) => r.mention.settlement);
      expect(found?.name).toBe(normalizeForMatching(name).text);
      expect(found?.mention.candidates).toEqual([]);
    },
  );

  it('reads a known name inside a quoted one only where the report vouches for it', () => {
    const found = readings('داهمت الدورية قرية «معمل أوشاغي» في ناحية راجو').find(
      (r) => r.mention.settlement,
    );
    expect(found?.mention.weak).toBe(true);
    expect(found?.mention.candidates.map((p) => p.admin2Pcode)).toContain('SY0203');
  });
});
