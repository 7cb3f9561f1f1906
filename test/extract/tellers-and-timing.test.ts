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
