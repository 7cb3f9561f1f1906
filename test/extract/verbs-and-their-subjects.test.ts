import { describe, expect, it } from 'vitest';
import { actor, only, read, sides, tuples } from './helpers.js';

/**
 * Verbs of violence read with their subjects and objects, and the people a
 * count «of them» stands for. Sentences written for these tests.
 */
describe('an act told by a verb after «بعد أن»', () => {
  it.each([
    ['قتل شاب بعد أن أطلق مجهولون النار عليه في مدينة جاسم.', 'Jasim'],
    ['قتلت امرأة في بلدة الغارية الشرقية بعد أن فتح مسلحون النار على سيارتها.', 'Eastern Ghariyeh'],
    ['أصيب طفلان بجروح بعد أن أطلقت عناصر حاجز النار عليهما قرب مدينة نوى.', 'Nawa'],
  ])('is the act the casualties fell in, at its place: «%s»', (text, place) => {
    const incident = only(read(text, '2016-01-01'));
    expect(incident.location?.name_en).toBe(place);
    expect(incident.sub_event_type).toBe('Attack');
  });
});

describe('«فتح النار», opening fire', () => {
  it.each([
    ['فتح مسلحون النار على دورية لجيش الإسلام في مدينة دوما.', 'Armed clash'],
    ['فتحت عناصر الحاجز النار على سيارة مدنية قرب بلدة الصنمين ما أدى لإصابة امرأة.', 'Attack'],
    ['قتل شاب بعد أن فتح مجهولون النار عليه في مدينة نوى.', 'Attack'],
  ])('is an act of violence: «%s»', (text, subType) => {
    expect(only(read(text, '2016-01-01')).sub_event_type).toBe(subType);
  });
});

describe('the subject between a verb and its object', () => {
  it.each([
    [
      'فتحت عناصر حاجز لقوات النظام النار على سيارة مدنية قرب بلدة الصنمين فأصيبت امرأة.',
      '2016-01-01',
      'SYR-GOV',
    ],
    [
      'أطلق عناصر من الأمن العام النار على شاب في مدينة جبلة فأردوه قتيلاً.',
      '2025-03-01',
      'SYR-TRANS',
    ],
    [
      'أطلقت دورية لقسد النيران على متظاهرين في بلدة ذيبان ما أدى إلى إصابة ثلاثة منهم.',
      '2020-03-01',
      'SDF',
    ],
  ])('is who fired, not whom they fired at: «%s»', (text, day, doer) => {
    const incident = only(read(text, day));
    expect(actor(incident, 'actor1')).toBe(doer);
    expect(actor(incident, 'actor2')).not.toBe(doer);
  });
});

describe('a patrol right after a verb of arrest', () => {
  it.each([
    ['أوقفت دورية للأمن العام ثلاثة شبان في مدينة جبلة.', '2025-03-01', 'SYR-TRANS'],
    ['احتجزت دورية لقوات النظام امرأتين على طريق مدينة نوى.', '2019-05-01', 'SYR-GOV'],
    ['أوقف حاجز لقسد خمسة شبان في بلدة الشحيل.', '2021-02-11', 'SDF'],
  ])('is who arrests: «%s»', (text, day, doer) => {
    const incident = only(read(text, day));
    expect(incident.sub_event_type).toBe('Arrests');
    expect(actor(incident, 'actor1')).toBe(doer);
  });
});

describe('«توقف», stopping', () => {
  it.each([
    'فتحت المحال التجارية أبوابها في مدينة إدلب بعد توقف القصف.',
    'عاد الأهالي إلى بلدة كفرنبل عقب توقف الغارات الجوية.',
    'توقف العمل في مشفى مدينة الباب بسبب انقطاع الكهرباء.',
  ])('is no arrest: «%s»', (text) => {
    expect(read(text, '2020-03-01').incidents).toEqual([]);
  });
});

describe('a count «of them»', () => {
  it.each([
    [
      'أطلقت دورية لقسد النيران على متظاهرين في بلدة ذيبان ما أدى إلى إصابة ثلاثة منهم.',
      'injured',
      'PROTESTERS',
      3,
    ],
    [
      'استهدفت طائرة مسيرة سيارة تقل عناصر من قوات النظام قرب مدينة الميادين ما أدى إلى مقتل اثنين منهم.',
      'killed',
      'SYR-GOV',
      2,
    ],
    ['داهمت قوات الأمن تجمعاً لمدنيين في بلدة الصنمين واعتقلت خمسة منهم.', 'detained', 'CIV', 5],
  ])('counts the people named before it: «%s»', (text, measure, victim, count) => {
    expect(tuples(only(read(text, '2020-03-01')))).toContainEqual([null, measure, victim, count]);
  });

  it('is part of the count before it for the same measure, not more dead', () => {
    const incident = only(
      read(
        'قتل 30 مدنياً في قصف جوي على مدينة أريحا، حيث قتل 12 منهم في السوق الشعبي.',
        '2020-03-01',
      ),
    );
    expect(tuples(incident)).toEqual([[null, 'killed', 'CIV', 30]]);
  });
});

describe('«وفقاً لـ» with the source joined to its «لـ»', () => {
  it.each([
    [
      'وفقاً للمرصد السوري لحقوق الإنسان، قتل سبعة عناصر من قوات النظام في هجوم على مواقعهم في بادية السخنة.',
      'SOHR',
    ],
    [
      'قتل سبعة عناصر من قوات النظام في هجوم على مواقعهم في بادية السخنة، وفقاً للمرصد السوري لحقوق الإنسان.',
      'SOHR',
    ],
    ['قتل ثلاثة مدنيين في قصف على بلدة البارة طبقاً للدفاع المدني.', 'SCD'],
    ['وفقاً لوكالة سانا، استشهد مواطنان بقذيفة هاون على حي باب توما.', 'SANA'],
  ])('names who claims the count: «%s»', (text, claimant) => {
    expect(only(read(text, '2021-06-01')).claims.map((c) => c.claimant)).toEqual([claimant]);
  });
});

describe('«فقد» before a casualty verb', () => {
  it.each([
    [
      'وبحسب المرصد السوري لحقوق الإنسان فقد قتل سبعة عناصر من قوات النظام في بادية السخنة.',
      'killed',
      7,
    ],
    ['وأما في مدينة الباب فقد أصيب أربعة مدنيين بجروح جراء انفجار دراجة مفخخة.', 'injured', 4],
    ['وفي ريف إدلب فقد استشهد طفلان بقصف مدفعي على بلدة كنصفرة.', 'killed', 2],
  ])('is «ف» and «قد», not «lost»: «%s»', (text, measure, count) => {
    expect(tuples(only(read(text, '2021-06-01'))).map(([, m, , n]) => [m, n])).toEqual([
      [measure, count],
    ]);
  });

  it('is still «lost» before the people lost', () => {
    const text = 'فقد ثلاثة شبان من بلدة الصنمين بعد خروجهم إلى دمشق.';
    expect(tuples(only(read(text, '2021-06-01')))).toEqual([[null, 'missing', 'CIV', 3]]);
  });
});

describe('a party that counts civilians killed by others', () => {
  it.each([
    'استهدفت المقاتلات التركية قرية زركان بريف الحسكة ما أسفر عن مقتل مدنيين اثنين، بحسب ما أفادت قوات سوريا الديمقراطية.',
    'قصفت الطائرات التركية قرية زركان بريف الحسكة وقتلت مدنيين اثنين، وفق ما ذكرت قوات سوريا الديمقراطية.',
  ])('is not taken for the doer: «%s»', (text) => {
    const incident = only(read(text, '2021-06-01'));
    expect(incident.actors.map((a) => a.id)).not.toContain('SDF');
    expect(actor(incident, 'actor1')).toBe('TUR');
  });

  it('while one announcing its enemy’s dead is', () => {
    const text = 'أعلن تنظيم داعش مقتل 12 عنصراً من قسد في هجوم على حاجز قرب بلدة الشحيل.';
    expect(actor(only(read(text, '2021-06-01')), 'actor1')).toBe('ISIS');
  });
});

describe('a force announcing an arrest', () => {
  it.each([
    [
      'أعلنت وزارة الداخلية السورية القبض على خلية تابعة لتنظيم داعش في ريف دمشق.',
      '2021-06-01',
      'SYR-GOV',
      'ISIS',
    ],
    [
      'أعلنت وزارة الداخلية السورية القبض على خلية تابعة لتنظيم داعش في ريف دمشق.',
      '2025-06-01',
      'SYR-TRANS',
      'ISIS',
    ],
    [
      'أعلنت قيادة قسد القبض على ثلاثة عناصر من خلايا داعش في بلدة الشحيل.',
      '2023-06-01',
      'SDF',
      'ISIS',
    ],
    [
      'أعلنت إدارة الأمن العام إلقاء القبض على مجموعة تابعة للنظام البائد في مدينة جبلة.',
      '2025-06-01',
      'SYR-TRANS',
      null,
    ],
  ])(
    'made it, and whom it names after «على» it arrested: «%s» (%s)',
    (text, day, doer, arrested) => {
      const incident = only(read(text, day));
      expect(incident.sub_event_type).toBe('Arrests');
      expect(actor(incident, 'actor1')).toBe(doer);
      if (arrested !== null) expect(actor(incident, 'actor2')).toBe(arrested);
      expect(
        incident.actors.filter((a) => a.role === 'actor1' || a.role === 'assoc1').map((a) => a.id),
      ).toEqual([doer]);
    },
  );
});

describe('a family counted by a number after its noun', () => {
  it.each([
    ['استشهد رجل وزوجته وأطفالهما الثلاثة بغارة جوية على قرية كفرعويد.', 5],
    ['قتلت امرأة وأطفالها الأربعة في قصف مدفعي على بلدة كنصفرة.', 5],
    ['قتل مدني وأبناؤه الخمسة بقصف طائرة مسيرة على بلدة سرمين.', 6],
  ])('adds the number to the people before: «%s»', (text, count) => {
    expect(tuples(only(read(text, '2021-06-01')))).toEqual([[null, 'killed', 'CIV', count]]);
  });

  it('adds nothing for a plural with no number', () => {
    const text = 'قتل 3 مدنيين وأطفالهم في قصف على بلدة سرمين.';
    expect(tuples(only(read(text, '2021-06-01')))).toEqual([[null, 'killed', 'CIV', 3]]);
  });
});

describe('a fight whose two sides both lose people', () => {
  it.each([
    [
      'اندلعت اشتباكات بين قوات سوريا الديمقراطية ومقاتلين من العشائر في بلدة ذيبان، أسفرت عن مقتل 4 من مقاتلي العشائر و3 من قسد.',
      'SDF',
      'TRIBES',
    ],
    [
      'دارت اشتباكات عنيفة بين فصائل المعارضة وقوات النظام في محيط بلدة كبانة أسفرت عن مقتل 5 من الفصائل و7 من قوات النظام.',
      'FSA',
      'SYR-GOV',
    ],
    [
      'اشتبك مقاتلو العشائر مع قسد في بلدة الشحيل ما أدى لمقتل 3 من قسد و2 من مقاتلي العشائر.',
      'TRIBES',
      'SDF',
    ],
  ])('keeps the side named first as its doer: «%s»', (text, doer, target) => {
    expect(sides(only(read(text, '2019-06-01')))).toEqual([doer, target]);
  });
});

describe('more people struck elsewhere, «آخرون», with no act of their own', () => {
  it.each([
    [
      'تعرضت مدينة معرة النعمان لقصف جوي عنيف، ما أدى إلى مقتل 15 مدنياً، فيما قتل 4 آخرون في بلدة كفرنبل المجاورة.',
      'Air/drone strike',
      null,
    ],
    [
      'قصفت قوات النظام بلدة كنصفرة بالمدفعية ما أدى لمقتل طفلين، بينما أصيب ثلاثة آخرون في بلدة البارة.',
      'Shelling/artillery/missile attack',
      'SYR-GOV',
    ],
  ])('fell to an act like the one before: «%s»', (text, subType, doer) => {
    const incidents = read(text, '2019-06-01').incidents;
    expect(incidents.map((i) => i.sub_event_type)).toEqual([subType, subType]);
    if (doer !== null) expect(incidents.map((i) => actor(i, 'actor1'))).toEqual([doer, doer]);
  });

  it.each([
    [
      'قتل 5 عناصر من قسد بهجوم لخلايا داعش على حاجز في بلدة ذيبان، فيما قتل عنصران آخران في بلدة الشحيل.',
      'SDF',
      2,
    ],
    ['قتل ثلاثة جنود أتراك بقصف على قاعدة قرب مدينة الباب، وأصيب جنديان آخران.', 'TUR', 2],
    [
      'قتل 4 من مقاتلي هيئة تحرير الشام في كمين قرب سراقب، كما قتل مقاتل آخر بانفجار لغم.',
      'HTS',
      1,
    ],
  ])('are of the side counted before: «%s»', (text, side, count) => {
    const counts = read(text, '2019-06-01').incidents.flatMap((i) => tuples(i));
    expect(counts.at(-1)?.slice(2)).toEqual([side, count]);
  });
  it.each([
    [
      'قصفت قوات النظام مدينة سراقب بالمدفعية، فيما قتل أربعة آخرون بغارة جوية على بلدة كفرنبل المجاورة.',
      'Air/drone strike',
    ],
    [
      'شنت الطائرات الروسية غارات على مدينة أريحا، بينما قتل ثلاثة آخرون بتفجير في بلدة سرمين.',
      'Remote explosive/landmine/IED',
    ],
    [
      'شنت الطائرات الروسية غارات على مدينة أريحا، فيما قتل شخصان آخران بإطلاق نار في بلدة سرمين.',
      'Attack',
    ],
    [
      'استهدفت غارة روسية مدينة أريحا، في حين قتلت امرأتان أخريان بقصف على بلدة بنش.',
      'Shelling/artillery/missile attack',
    ],
  ])('fell to an act of their own when their clause names one: «%s»', (text, subType) => {
    const incidents = read(text, '2019-06-01').incidents;
    expect(incidents).toHaveLength(2);
    const own = incidents[1];
    // Their own act's type, and not the doer of the act before: its words do not name one.
    expect(own?.sub_event_type).toBe(subType);
    expect(own === undefined ? null : actor(own, 'actor1')).toBe('UNKNOWN');
  });
});

describe('a subject sought past the cause, place and time of its verb', () => {
  it.each<[text: string, tuple: [string, string | null, number]]>([
    ['أصيب في القصف على مدينة سراقب اليوم وقتل خمسة مدنيين.', ['killed', 'CIV', 5]],
    ['جرح بقصف الطيران على بلدة كفرنبل أمس وقتل ثلاثة أطفال.', ['killed', 'CIV', 3]],
    ['قتل في الغارة على مدينة أريحا اليوم وأصيب سبعة مدنيين.', ['injured', 'CIV', 7]],
  ])('stops at a casualty verb of another measure, whose count it is: «%s»', (text, tuple) => {
    expect(tuples(only(read(text)))).toEqual([[null, ...tuple]]);
  });
});

describe('a group named after an act noun with «لـ» on its force noun', () => {
  it.each([
    ['قتل 5 عناصر من قسد بهجوم لخلايا داعش على حاجز في بلدة ذيبان.', 'ISIS', 'SDF'],
    ['أصيب ثلاثة مدنيين في قصف لعناصر قسد على قرية تل رفعت.', 'SDF', 'CIV'],
    ['استشهد طفل في قصف لمقاتلي هيئة تحرير الشام على بلدة السقيلبية.', 'HTS', 'CIV'],
  ])('did the act: «%s»', (text, doer, target) => {
    expect(sides(only(read(text, '2019-06-01')))).toEqual([doer, target]);
  });
});

describe('«وأدى» (and it led), spelled like «وادي» (a valley) once normalized', () => {
  it.each([
    'قصفت قوات النظام بلدة الهبيط. وأدى القصف على البلدة إلى مقتل امرأة.',
    'انفجر لغم أرضي بجرار زراعي قرب قرية الغوز، وأدى الانفجار إلى مقتل سائقه.',
    'استهدفت غارة جوية بلدة كفرنبل، وأدت الغارة إلى مقتل طفلين.',
  ])('names no valley the gazetteer lacks: «%s»', (text) => {
    const result = read(text, '2021-06-10');
    expect(result.incidents).toHaveLength(1);
    expect(result.warnings.filter((w) => w.includes('gazetteer'))).toEqual([]);
  });

  it('while a valley is still a place the gazetteer may lack', () => {
    const result = read('قتل راع بانفجار لغم في وادي العذيب شرقي السلمية.', '2021-06-10');
    expect(result.warnings.some((w) => w.includes('«وادي العذيب»'))).toBe(true);
  });
});

describe('the army of a named state', () => {
  it.each([
    ['قصفت قوات الجيش التركي قرية تل رفعت بالمدفعية.', 'TUR'],
    ['هاجم عناصر الجيش الوطني مواقع لقسد قرب بلدة عين عيسى.', 'SNA'],
  ])('is that state’s or that group’s: «%s»', (text, doer) => {
    expect(actor(only(read(text, '2021-06-01')), 'actor1')).toBe(doer);
  });
});

describe('a count «of them» in a later sentence', () => {
  it('counts the people of its own sentence, not part of the figure before', () => {
    const result = read(
      'قتل 5 مدنيين بقصف مدفعي على بلدة سرمين. وفي بلدة كفرنبل استهدفت طائرة حربية حافلة تقل مدنيين فقتلت 3 منهم.',
      '2020-03-01',
    );
    expect(result.incidents.flatMap((i) => tuples(i))).toEqual([
      [null, 'killed', 'CIV', 5],
      [null, 'killed', 'CIV', 3],
    ]);
  });
});

describe('an arrest announced with an aside between', () => {
  it.each([
    'أعلنت وزارة الداخلية في بيان رسمي القبض على خلية تابعة لتنظيم داعش في ريف دمشق.',
    'أعلنت وزارة الداخلية، عبر معرفاتها الرسمية، إلقاء القبض على خلية تابعة لتنظيم داعش في ريف دمشق.',
  ])('was made by who announced it: «%s»', (text) => {
    const incident = only(read(text, '2025-06-01'));
    expect(incident.sub_event_type).toBe('Arrests');
    expect(sides(incident)).toEqual(['SYR-TRANS', 'ISIS']);
  });
});
