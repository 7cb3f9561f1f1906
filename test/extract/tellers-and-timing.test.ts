import { describe, expect, it } from 'vitest';
import { actor, allTuples, news, only, read } from './helpers.js';

/** Who goes on speaking, and clauses that only say when. */
describe('a teller who goes on', () => {
  it.each<[string, [string | null, string, string | null, number | null][]]>([
    [
      'قال المرصد السوري لحقوق الإنسان إن لغما انفجر بدورية لقسد في بلدة البصيرة. وفي معلومات أوردها، أسفر الانفجار عن مقتل 3 عناصر من قسد.',
      [['SOHR', 'killed', 'SDF', 3]],
    ],
    [
      'أعلنت مديرية الدفاع المدني أن فرقها استجابت لقصف على مدينة إدلب. وفي حصيلة نشرتها لاحقا، قتل 4 مدنيين.',
      [['SCD', 'killed', 'CIV', 4]],
    ],
    [
      'ذكرت وكالة سانا أن قذائف سقطت على حي الميدان في دمشق. وبحسب تفاصيل ذكرتها، أصيب طفلان.',
      [['SANA', 'injured', 'CIV', 2]],
    ],
  ])('«%s» keeps the teller of the sentence before', (text, figures) => {
    expect(allTuples(read(text, '2019-04-02'))).toEqual(figures);
  });
});

describe('a clause that only says when', () => {
  it.each([
    'انفجرت عبوة ناسفة بسيارة عسكرية في بلدة الصنمين تزامنا مع مرور رتل للجيش، قبل استهدافها بقذيفة آر بي جي.',
    'تزامنا مع مرور دورية لقوات الأمن، انفجرت عبوة ناسفة على طريق بلدة الشحيل.',
    'انفجر لغم أرضي بسيارة مدنية قرب بلدة معدان بالتزامن مع عودة الأهالي إلى أراضيهم.',
  ])('«%s» is one act', (text) => {
    expect(news(read(text))).toHaveLength(1);
  });

  it('still sets two acts apart when «بالتزامن مع» names an act', () => {
    const result = read(
      'قصفت قوات النظام بلدة كنصفرة بالمدفعية، بالتزامن مع غارات جوية روسية على مدينة أريحا.',
      '2019-06-03',
    );
    expect(news(result).map((i) => i.sub_event_type)).toEqual([
      'Shelling/artillery/missile attack',
      'Air/drone strike',
    ]);
  });
});

describe('a fight', () => {
  it.each([
    'استهدف مسلحون دورية لقسد بقذيفة آر بي جي في بلدة الشحيل ما أدى لإصابة عنصرين.',
    'هاجم مجهولون حاجزا لقوات الأمن العام بقذائف RPG في ريف حمص الشرقي.',
    'تعرضت نقطة لقوات سوريا الديمقراطية لهجوم بقذيفة آر بي جي قرب بلدة ذيبان.',
  ])(
    '«%s»: an RPG round is direct fire, not shelling, and its unnamed shooter an unidentified group',
    (text) => {
      const incident = only(read(text, '2025-02-10'));
      expect(incident.sub_event_type).toBe('Armed clash');
      expect(actor(incident, 'actor1')).toBe('UNKNOWN');
    },
  );
});

describe('a source named in quote marks', () => {
  it.each<[string, string]>([
    [
      'وذكر "الدفاع المدني السوري" عبر صفحته على "فيسبوك" أن قصفا على مدينة إدلب أدى إلى مقتل 4 مدنيين.',
      'SCD',
    ],
    ['وقال "المرصد السوري" إن غارة على بلدة كفرنبل قتلت 3 مدنيين.', 'SOHR'],
    ['وأفادت "سانا" بأن قذائف سقطت على حي القصاع في دمشق وقتلت مدنيين اثنين.', 'SANA'],
  ])('«%s» is that source', (text, claimant) => {
    expect(allTuples(read(text, '2019-04-02')).map(([c]) => c)).toEqual([claimant]);
  });

  it('is not taken for a speaker when the quotation is speech', () => {
    const text = 'وقال "إن الغارة استهدفت منزلا في كفرنبل وقتلت 3 مدنيين".';
    expect(allTuples(read(text, '2019-04-02'))).toEqual([[null, 'killed', 'CIV', 3]]);
  });
});

describe('a toll that rose', () => {
  it.each<[string, [string | null, string, string | null, number | null]]>([
    ['ارتفع عدد ضحايا التفجير في مدينة منبج إلى أربعة قتلى مدنيين.', [null, 'killed', 'CIV', 4]],
    ['ارتفع عدد قتلى القصف على مدينة إدلب إلى سبعة قتلى من المدنيين.', [null, 'killed', 'CIV', 7]],
    [
      'ارتفعت حصيلة قتلى الهجوم على حاجز في ريف حمص إلى 12 قتيلا من عناصر الأمن العام.',
      [null, 'killed', 'SYR-TRANS', 12],
    ],
  ])('«%s» names its victims after the casualty noun', (text, figure) => {
    expect(allTuples(read(text, '2025-03-01'))).toEqual([figure]);
  });
});

describe('one teller telling an act closer', () => {
  it('keeps a teller’s area and then its village as one act', () => {
    const text =
      'قال المرصد السوري إن تنظيم داعش خطف عشرات العائلات في ريف دير الزور الشرقي. وأوضح المرصد أن التنظيم خطف العائلات في هجومه على مخيم في بلدة هجين.';
    expect(news(read(text, '2018-10-13'))).toHaveLength(1);
  });
});

describe('anniversaries', () => {
  it.each([
    [
      'تحل اليوم الذكرى السنوية الخامسة لمجزرة الحولة التي ارتكبتها قوات النظام في أيار 2012.',
      '2012-05-01',
    ],
    ['أحيا ناشطون اليوم ذكرى مجزرة داريا التي قتل فيها مئات المدنيين في آب 2012.', '2012-08-01'],
  ])('dates the act remembered, not the remembrance, in «%s»', (text, day) => {
    const past = read(text, '2017-05-25').incidents.filter((i) => i.background);
    expect(past.map((i) => i.date.start)).toContain(day);
    expect(past.every((i) => i.location !== null)).toBe(true);
  });
});
