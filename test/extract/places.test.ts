import { describe, expect, it } from 'vitest';
import { news, only, read } from './helpers.js';

describe('where an incident happened', () => {
  it('falls back to the countryside for a village the gazetteer lacks, and says so', () => {
    const result = read('قتل ثلاثة مدنيين بقصف على قرية مزرعة الزيتونة بريف الرقة الشرقي اليوم.');
    expect(only(result).location).toMatchObject({ place_id: 'SY11', precision: 3 });
    expect(result.warnings).toContainEqual(
      expect.stringMatching(/«قرية مزرعة الزيتونة» is not in the gazetteer .* precision 3/),
    );
  });

  it('shows the place chosen among namesakes, why, and the runner-up', () => {
    const location = only(read('قتل مدني بقصف على بلدة ذيبان بريف دير الزور اليوم.')).location;
    expect(location).toMatchObject({ place_id: 'C5202', chosen_by: 'sentence' });
    expect(location?.alternatives[0]).toMatchObject({ place_id: 'C5832', admin1: 'Ar-Raqqa' });
  });

  it('reads a name one letter off and warns that it did', () => {
    const result = read('قتل مدنيان بقصف على قرية الشحيلي بريف دير الزور اليوم.');
    expect(only(result).location?.place_id).toBe('C5119');
    expect(result.warnings).toContainEqual(expect.stringMatching(/«الشحيلي» read as «الشحيل»/));
  });

  it('places an act at a facility near its town', () => {
    const location = only(
      read('قتل حارس بهجوم مسلح على سجن الصناعة بمدينة الحسكة صباح اليوم.'),
    ).location;
    expect(location).toMatchObject({ place_id: 'C4360', precision: 2 });
  });

  it('places a report by the words of its headline over a headline line that is only a place name', () => {
    const labelled = only(
      read('الحسكة.. مسيّرة تضرب سيارة عند أطراف القامشلي\n\nقتل شخصان بقصف جوي على سيارة اليوم.'),
    );
    expect(labelled.location?.name_en).toBe('Quamishli');
    const labelOnly = only(read('الحسكة\n\nقتل شخصان بقصف جوي على سيارة اليوم.'));
    expect(labelOnly.location?.name_en).toBe('Al-Hasakeh');
  });

  it('does not place a protest where the act it denounces was', () => {
    const result = read(
      'خرجت مظاهرات اليوم في مدن السويداء وشهبا وصلخد، حيث رفع المتظاهرون لافتات تندد بقصف مدينة درعا.',
    );
    expect(result.incidents.map((i) => i.location?.name_en)).toEqual([
      'As-Sweida',
      'Shahba',
      'Salkhad',
    ]);
  });

  it('places a protest of a town’s people in the town, not its countryside', () => {
    const incident = only(
      read('خرج أهالي مدينة منبج بريف حلب الشرقي في مظاهرة اليوم احتجاجا على اعتقال 20 شابا.'),
    );
    expect(incident.location).toMatchObject({ place_id: 'C1767', precision: 1 });
    expect(incident.claims.flatMap((c) => c.figures)).toEqual([]);
  });

  it('places an act on a road between two towns by the other places named, not its ends', () => {
    const incident = only(
      read(
        'خرجت مظاهرات اليوم في قرى ريف منبج الشرقي، وقطع المتظاهرون الطريق الدولي حلب - القامشلي.',
      ),
    );
    expect(incident.location).toMatchObject({ place_id: 'SY0205', precision: 3 });
  });

  it('does not place an act where its quoted speaker works', () => {
    const incident = only(
      read(
        'وقال مدير إدارة الأمن العام في محافظة حماة "هاجمت مجموعات مسلحة حواجزنا في ريف حمص الغربي اليوم وقتل عنصران من قواتنا".',
      ),
    );
    expect(incident.location).toMatchObject({ place_id: 'SY04', precision: 3 });
  });

  it('puts an act at «تلك المنطقة» where the clause before it was', () => {
    const result = read(
      'شنت طائرات روسية غارات على محاور بلدة كباني بريف اللاذقية اليوم، كما شنت طائرات سورية غارات أخرى على تلك المنطقة.',
    );
    const places = result.incidents.map((i) => i.location?.place_id);
    expect(places).toEqual(['C3751', 'C3751']);
  });
});

type PlaceRow = readonly [report: string, place: string, precision: 1 | 2 | 3];

/**
 * Reports written for these tests, by the phrase that must not place the act
 * (or that places it), each with the place (Arabic name as in the gazetteer) and
 * ACLED precision of its one incident.
 */
const WHERE: Record<string, readonly PlaceRow[]> = {
  'a person named like a village is not a place': [
    ['أصيب الشيخ عيسى الحمد بجروح إثر إطلاق نار استهدفه في مدينة الباب اليوم.', 'الباب', 1],
    ['قتل القيادي أبو عمر الحموي بغارة روسية على مقره في مدينة اللطامنة.', 'اللطامنة', 1],
    ['اغتال مسلحون مجهولون الشيخ يوسف العبد الله في بلدة جاسم بريف درعا.', 'جاسم', 1],
    ['أعلنت قسد مقتل أمير في داعش يدعى أبو بكر الشامي خلال مداهمة في بلدة البصيرة.', 'البصيرة', 1],
    ['قتلت امرأة تدعى أم محمد الحسين بقصف على بلدة كفرنبل مساء أمس.', 'كفر نبل', 1],
  ],
  'an organisation named after a place is not where the act was': [
    [
      'قال مركز حلب الإعلامي إن الطائرات الروسية قصفت بلدة عندان، ما أدى إلى مقتل طفلين.',
      'عندان',
      1,
    ],
    [
      'قالت تنسيقية مدينة داريا إن قوات النظام قصفت بلدة معضمية الشام بالمدفعية.',
      'معضمية الشام',
      1,
    ],
    ['أفاد مجلس محافظة درعا الحرة بأن مدنيين قتلا بقصف على بلدة الحراك اليوم.', 'الحراك', 1],
    [
      'نشرت شبكة إدلب الإخبارية صورا لغارة جوية استهدفت مدينة معرة النعمان اليوم.',
      'معرة النعمان',
      1,
    ],
  ],
  'where the wounded were taken, or people were heading, is not where the act was': [
    [
      'انفجرت عبوة ناسفة بسيارة عسكرية قرب بلدة مورك، ونقل المصابون إلى مستشفيات حماة ومحردة.',
      'مورك',
      2,
    ],
    ['أصيب خمسة مدنيين بقصف على بلدة بنش، وجرى إسعافهم إلى مشفى مدينة إدلب.', 'بنش', 1],
    ['أصيب ستة أشخاص بقصف على مدينة تلبيسة، ونقل الجرحى إلى مشافي الرستن وحمص.', 'تلبيسة', 1],
    ['قتل ثلاثة مدنيين بانفجار لغم قرب بلدة تفتناز أثناء توجههم إلى مدينة سرمدا.', 'تفتناز', 2],
    ['قتل شاب برصاص قناص في بلدة نصيب بينما كان متجها إلى مدينة درعا.', 'نصيب', 1],
  ],
  'a facility named after another town lies where the report says': [
    ['انفجرت عبوة ناسفة قرب دوار تدمر في مدينة حمص، ما أدى إلى مقتل مدني.', 'حمص', 2],
    ['انفجرت سيارة مفخخة على طريق حلب في مدينة حماة، ما أسفر عن إصابة سبعة مدنيين.', 'حماة', 2],
    ['استهدفت غارة جوية شارع حمص في مدينة حماة، ما أدى إلى مقتل مدنيين.', 'حماة', 2],
    [
      'قصفت الطائرات الحربية مدينة إدلب، وسقط أحد الصواريخ قرب دوار حلب، ما أدى إلى مقتل امرأتين.',
      'إدلب',
      1,
    ],
  ],
  'a gate or roundabout named after a town is not that town': [
    [
      'انفجرت سيارة مفخخة في مدينة حمص اليوم، قرب دوار باب تدمر، ما أدى إلى مقتل ثلاثة مدنيين.',
      'حمص',
      1,
    ],
  ],
  'a quarter is read in its town, never as a village one letter off elsewhere': [
    ['قتل مدني برصاص قناص في حي الصاخور بمدينة حلب.', 'حلب', 1],
    ['سقطت قذيفة على حي الميسات في دمشق، ما أدى إلى إصابة امرأة.', 'الميسات', 1],
  ],
  'an area named by an ordinary word lies in the report’s town': [
    [
      'فجر انتحاري سيارة مفخخة في منطقة الصناعة بحي العنترية في مدينة القامشلي اليوم.',
      'القامشلي',
      1,
    ],
    ['سقطت قذائف هاون على حي الثورة في مدينة دير الزور، ما أدى إلى إصابة طفلين.', 'دير الزور', 1],
    ['انفجرت عبوة ناسفة في منطقة الصناعة وسط مدينة منبج، ما أدى إلى مقتل عامل.', 'منبج', 1],
  ],
  'a town named one slip off, two letters swapped, is read and flagged': [
    ['انفجرت سيارة مفخخة في مدينة القاملشي، ما أدى إلى مقتل خمسة مدنيين.', 'القامشلي', 1],
    ['قصفت الطائرات الحربية مدينة سرقاب بريف إدلب، ما أدى إلى مقتل ثلاثة مدنيين.', 'سراقب', 1],
  ],
  'where fighters withdrew from is where the act began': [
    [
      'استهدفت طائرة مسيرة عناصر من قوات النظام أثناء انسحابهم من مدينة سراقب شرقي إدلب.',
      'سراقب',
      1,
    ],
    ['قتل ثلاثة عناصر بكمين أثناء خروجهم من بلدة الصور بريف دير الزور.', 'الصور', 1],
  ],
  'a village the gazetteer has only outside the report’s governorate is not that village': [
    [
      'قصفت قوات النظام ريف دير الزور الشرقي بالمدفعية اليوم. وقتل مدنيان في بلدة البحرة جراء القصف.',
      'دير الزور',
      3,
    ],
    [
      'قصفت قوات النظام ريف حماة الشمالي اليوم. وقتل مدنيان في بلدة البحرة جراء القصف.',
      'البحرة',
      1,
    ],
  ],
  'where the victims came from places an act only when nothing else does': [
    ['قتل شاب من أبناء بلدة الحراك برصاص قناص في مدينة درعا.', 'درعا', 1],
    [
      'خطف مسلحون بدويا في قرية الثعلة أمس. ودفع ذلك أقاربه إلى خطف ثلاثة مدنيين من محافظة درعا اليوم.',
      'الثعلة',
      2,
    ],
    ['قتل شاب من أبناء بلدة الحراك برصاص قناص اليوم.', 'الحراك', 1],
  ],
  'a common word that is also a village name is not a place': [
    ['قتل ثلاثة مدنيين اليوم بقصف على مدينة سراقب، ومن بين الشهداء طفلان.', 'سراقب', 1],
    ['قصفت قوات النظام بلدة كفرنبل، وقتل في الأخيرة ثلاثة مدنيين.', 'كفر نبل', 1],
    ['أصيب ثلاثة مدنيين بجروح بقصف مدفعي على بلدة اللطامنة.', 'اللطامنة', 1],
    ['قصفت المدفعية التركية قرية قرب مدينة عامودا، ما أدى إلى إصابة امرأة.', 'عامودا', 2],
  ],
  'an act between two nearby towns is one act, near the first': [
    ['انفجرت عبوة ناسفة بسيارة على الطريق بين بلدتي داعل وطفس، ما أدى إلى مقتل مدني.', 'داعل', 2],
    ['قتل مدنيان بقصف استهدف سيارتهما بين مدينتي معرة النعمان وخان شيخون.', 'معرة النعمان', 2],
    ['استهدف مجهولون سيارة على طريق نوى – الشيخ مسكين بالرصاص، ما أدى إلى إصابة شخصين.', 'نوى', 2],
    [
      'انفجر لغم بحافلة على طريق بلدتي (كحيل-السهوة) في ريف درعا الشرقي، ما أدى إلى مقتل أربعة عناصر.',
      'كحيل',
      2,
    ],
  ],
  'a settlement word with the article points back to the last place of its kind': [
    ['دخلت دورية روسية بلدة طفس صباح اليوم. وبعد ساعات قتل شاب برصاص مجهولين في البلدة.', 'طفس', 1],
    [
      'تشهد مدينة منبج توترا منذ أيام. وانفجرت سيارة مفخخة وسط المدينة ظهر اليوم، ما أدى إلى مقتل مدنيين اثنين.',
      'منبج',
      1,
    ],
    [
      'يعيش أهالي قرية مرعيان في جبل الزاوية أوضاعا صعبة. وقصفت قوات النظام أطراف القرية اليوم، ما أدى إلى إصابة طفلين.',
      'مرعيان',
      2,
    ],
  ],
};

describe('where an act was, among the places a report names', () => {
  for (const [what, rows] of Object.entries(WHERE)) {
    it.each(rows)(`${what}: «%s» → %s`, (report, place, precision) => {
      const located = news(read(report))
        .map((i) => i.location)
        .filter((l) => l !== null);
      expect(located.at(-1)).toMatchObject({ name_ar: place, precision });
      expect(located.every((l) => l.name_ar === place)).toBe(true);
    });
  }

  it('places an act in a quarter the gazetteer lacks at the city the report stands in', () => {
    const result = read(
      'ألقت مروحيات النظام براميل متفجرة على مدينة حلب اليوم، وسقط أحدها على أطراف حي النيرب، ما أدى إلى مقتل خمسة مدنيين.',
    );
    expect(news(result).map((i) => i.location?.admin1)).toEqual(['Aleppo']);
    expect(result.warnings).toContainEqual(
      expect.stringMatching(/«أطراف حي النيرب» is not in the gazetteer/),
    );
  });

  it('reads a quoted village the gazetteer lacks whole, and places it at its countryside', () => {
    const result = read(
      'سقطت أربعة صواريخ على قرية "ميدان الغزال" في ريف حماة الشمالي، ما أدى إلى مقتل طفل.',
    );
    expect(only(result).location).toMatchObject({ place_id: 'SY05', precision: 3 });
    expect(result.warnings).toContainEqual(expect.stringMatching(/ميدان الغزال/));
  });

  it('names the other town an act was between as its alternative', () => {
    const location = only(
      read('انفجرت عبوة ناسفة بسيارة على الطريق بين بلدتي داعل وطفس، ما أدى إلى مقتل مدني.'),
    ).location;
    expect(location?.alternatives[0]?.place_id).toBe('C6034');
  });
});

describe('an act between two towns however far apart', () => {
  it.each([
    ['قتل سائق شاحنة برصاص مجهولين على الطريق الواصل بين حلب والرقة.', 'حلب'],
    ['استهدفت مسيرة سيارة على الطريق الواصل بين القامشلي وعامودا ما أدى لمقتل شخصين.', 'القامشلي'],
    ['سقطت قذيفة على الطريق الدولي الواصل بين حمص وحماة وأصيبت امرأتان.', 'حمص'],
  ])('is one incident, not one at each town: «%s»', (text, first) => {
    expect(only(read(text)).location?.name_ar).toBe(first);
  });

  it.each([
    ['قتل 12 مدنيا بغارات جوية توزعوا بين إدلب وحماة ودرعا.'],
    ['قتل 12 مدنيا بغارات جوية، توزعوا بين مدن إدلب ودرعا وحمص.'],
  ])('reads «بين» before three towns or a plural settlement word as «among»: «%s»', (text) => {
    expect(news(read(text)).map((i) => i.location?.name_ar)).toHaveLength(3);
  });

  it('leaves a list of towns with no «بين» one act at each', () => {
    const result = read('خرجت مظاهرات في مدن إدلب وسراقب وأريحا للمطالبة بإسقاط النظام.');
    expect(news(result).map((i) => i.location?.name_ar)).toEqual(['إدلب', 'سراقب', 'أريحا']);
  });
});

describe('a settlement word before a name that is also a word', () => {
  it.each([
    ['اعتقلت قوات النظام 12 شابا خلال حملة دهم في مدينة التل بريف دمشق اليوم.', 'التل'],
    ['قصفت قوات النظام مدينة التل صباح اليوم.', 'التل'],
    ['قصفت قوات النظام بلدة تل رفعت صباح اليوم.', 'تل رفعت'],
  ])('takes the name after «مدينة»/«بلدة»: «%s»', (text, name) => {
    expect(only(read(text, '2016-05-25')).location?.name_ar).toBe(name);
  });
});

describe('where a correspondent is posted', () => {
  it.each([
    [
      'قتل ثلاثة عناصر بانفجار عبوة ناسفة على طريق بلدة طفس. مراسل قناة محلية في درعا: الحافلة المستهدفة كانت تقل عناصر من الفيلق.',
      'Tafs',
    ],
    [
      'انفجرت سيارة مفخخة في مدينة أعزاز صباح اليوم. وقالت مراسلة الوكالة بحلب إن الانفجار أوقع قتلى.',
      'Azaz',
    ],
    ['سقطت قذائف هاون على حي الميدان في دمشق. مراسلنا بحمص: القذائف أطلقت من الغوطة.', 'Al Midan'],
  ])('is not where the act was: «%s»', (text, place) => {
    expect(only(read(text)).location?.name_en).toBe(place);
  });

  it('places the act near the correspondent when the report names nothing else', () => {
    const location = only(
      read('أفاد مراسلنا في ريف حلب الشمالي بمقتل مدنيين اثنين بقصف مدفعي.'),
    ).location;
    expect(location).toMatchObject({ place_id: 'SY02', precision: 3 });
  });
});

describe('a speaker going on in the same sentence («مشيرا», «مضيفا», «لافتة»)', () => {
  it.each([
    [
      'وقال مصدر في شرطة حمص للوكالة إن انفجار الأمس في مدينة تلبيسة خلف 12 قتيلا، مشيرا إلى أن بين الجرحى أطفالا.',
      'Talbiseh',
    ],
    [
      'أكد مصدر طبي في مشفى إدلب أن القصف على بلدة بنش أسفر عن مقتل أربعة مدنيين، مضيفا أن الحصيلة قد ترتفع.',
      'Bennsh',
    ],
    [
      'ذكرت مصادر محلية في ريف درعا أن مسلحين اغتالوا شابا في بلدة طفس، لافتة إلى أن الفاعلين لاذوا بالفرار.',
      'Tafs',
    ],
  ])('leaves what it said in between to the act: «%s»', (text, place) => {
    expect(only(read(text)).location?.name_en).toBe(place);
  });
});

describe('a place in the purpose of a journey is where people were going, not where the act was', () => {
  it.each<[text: string, place: string]>([
    [
      'أطلق مسلحون مجهولون النار على سيارة مختار في قرية الحوايج أثناء توجهه لحضور عرس في بلدة ذيبان، ما أدى إلى مقتله.',
      'Hawayej',
    ],
    ['قتل شابان بانفجار لغم قرب بلدة الشحيل خلال ذهابهما للعمل في مدينة الميادين.', 'Shiheil'],
    ['أصيب رجل برصاص قناص في مدينة درعا أثناء التوجه لشراء الخبز في بلدة اليادودة.', "Dar'a"],
  ])('«%s»: %s', (text, place) => {
    expect(only(read(text, '2020-07-19')).location?.name_en).toBe(place);
  });
});

describe('where people were going places an act that names no other place, near it', () => {
  it.each<[text: string, place: string]>([
    ['أصيب طفلان بانفجار لغم أثناء توجههما للرعي في أطراف بلدة تادف.', 'Tadaf'],
    ['قتل شاب برصاص مجهولين أثناء توجهه لعمله في مدينة الباب.', 'Al Bab'],
  ])('«%s»: %s, precision 2', (text, place) => {
    const incident = only(read(text, '2020-07-19'));
    expect([incident.location?.name_en, incident.location?.precision]).toEqual([place, 2]);
  });
});
