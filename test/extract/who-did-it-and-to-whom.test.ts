import { describe, expect, it } from 'vitest';
import { actor, only, read } from './helpers.js';

type Row = [text: string, published: string, actor1: string | null, actor2: string | null];

function sides(text: string, published: string): [string | null, string | null] {
  const incident = only(read(text, published));
  return [actor(incident, 'actor1'), actor(incident, 'actor2')];
}

/** Sentences written for these tests. */
describe('the doer after the act’s noun, marked with «لـ»', () => {
  it.each<Row>([
    [
      'أصيب طفلان بقصف مكثف للقوات التركية على قرية تل جمعة بريف الحسكة.',
      '2019-10-20',
      'TUR',
      'CIV',
    ],
    [
      'جرح ثلاثة مدنيين جراء قصف عشوائي لميليشيا حزب الله على بلدة مضايا.',
      '2016-01-05',
      'HEZ',
      'CIV',
    ],
    ['دمرت منازل في بلدة الهبيط بقصف جديد للطيران الروسي.', '2019-05-20', 'RUS', 'CIV'],
  ])('«%s» (%s): %s against %s', (text, published, actor1, actor2) => {
    expect(sides(text, published)).toEqual([actor1, actor2]);
  });
});

describe('the other side of a fight «مع» someone', () => {
  it.each<Row>([
    [
      'قتل ثلاثة عناصر من قسد في اشتباكات مع خلايا داعش في بلدة الشحيل.',
      '2021-07-14',
      'ISIS',
      'SDF',
    ],
    [
      'اندلعت مواجهات مع عناصر الأمن العام في قرية المزيرعة بريف اللاذقية.',
      '2025-03-07',
      'SYR-TRANS',
      null,
    ],
    [
      'تجددت الاشتباكات مع مقاتلي العشائر في بلدة ذيبان بريف دير الزور الشرقي.',
      '2023-09-02',
      'TRIBES',
      null,
    ],
  ])('«%s» (%s): %s against %s', (text, published, actor1, actor2) => {
    expect(sides(text, published)).toEqual([actor1, actor2]);
  });
});

describe('civilians named in an act are its target', () => {
  it.each<Row>([
    ['داهمت قوات النظام منازل المدنيين في حي القابون بدمشق.', '2013-04-16', 'SYR-GOV', 'CIV'],
    ['هاجمت مجموعة مسلحة ممتلكات الأهالي في بلدة الصنمين.', '2022-08-30', 'UNKNOWN', 'CIV'],
    [
      'هاجم مسلحون مجهولون منازل المدنيين في قرية المزرعة بريف السويداء.',
      '2023-12-11',
      'UNKNOWN',
      'CIV',
    ],
  ])('«%s» (%s): %s against %s', (text, published, actor1, actor2) => {
    expect(sides(text, published)).toEqual([actor1, actor2]);
  });
});

/** A massacre or a chemical attack over a countryside, with no target named, struck civilians. */
describe('a massacre struck civilians', () => {
  it.each<Row>([
    ['ارتكبت الطائرات الروسية مجزرة بغارات جوية في ريف إدلب الجنوبي.', '2019-05-20', 'RUS', 'CIV'],
    [
      'شنت مقاتلات التحالف الدولي غارات على ريف دير الزور الشرقي خلفت مجزرة.',
      '2017-06-09',
      'COALITION',
      'CIV',
    ],
    [
      'قصفت قوات النظام ريف دمشق الشرقي بصواريخ محملة بغاز السارين.',
      '2013-08-21',
      'SYR-GOV',
      'CIV',
    ],
  ])('«%s» (%s): %s against %s', (text, published, actor1, actor2) => {
    expect(sides(text, published)).toEqual([actor1, actor2]);
  });
});

describe('the doer after the act’s noun and its adjectives, marked with «لـ»', () => {
  it.each<Row>([
    ['تعرضت بلدة كفرنبل صباح اليوم لقصف مدفعي عنيف لقوات النظام.', '2024-03-14', 'SYR-GOV', 'CIV'],
    ['قتل مدنيان بغارة جوية للطيران الروسي على بلدة بنش.', '2024-03-14', 'RUS', 'CIV'],
    [
      'أصيب ثلاثة أطفال في قصف صاروخي لقوات سوريا الديمقراطية على قرية قرب مدينة مارع.',
      '2024-03-14',
      'SDF',
      'CIV',
    ],
    // The «لـ» on the force noun that carries the group's name.
    ['أصيب مدنيان بقصف مدفعي لعناصر قسد على قرية قرب مدينة منبج.', '2024-03-14', 'SDF', 'CIV'],
    // The same «لـ» in other words: plural victims, another weapon and place, the act told first.
    [
      'قتل ثلاثة مدنيين بقذائف هاون لعناصر قسد سقطت على بلدة في ريف دير الزور.',
      '2024-05-02',
      'SDF',
      'CIV',
    ],
    [
      'أصيبت طفلة برصاص قناص لعناصر قسد في حي بمدينة الرقة، بحسب ناشطين.',
      '2024-06-20',
      'SDF',
      'CIV',
    ],
  ])('«%s»', (text, published, doer, target) => {
    expect(sides(text, published)).toEqual([doer, target]);
  });
});

describe('the doer of an act named after «على» («بعد يوم على سيطرة قوات النظام…»)', () => {
  it.each<Row>([
    [
      'قتل مدنيان بقصف على بلدة بنش، بعد ساعات على قصف الطيران الروسي للمدينة نفسها.',
      '2024-03-14',
      'RUS',
      'CIV',
    ],
    [
      'ردا على قصف قوات النظام لمدينة أريحا، قصفت الفصائل بالمدفعية مواقع عسكرية قرب بلدة جورين.',
      '2024-03-14',
      'SYR-GOV',
      null,
    ],
  ])('«%s»', (text, published, doer, target) => {
    expect(sides(text, published)[0]).toBe(doer);
    if (target !== null) expect(sides(text, published)[1]).toBe(target);
  });
});

describe('the doer right after «استهدف», and the target after «استهدفوا»', () => {
  it.each<Row>([
    [
      'استهدفت قوات النظام حي الشعار ببرميل متفجر، ما أدى إلى مقتل ثلاثة مدنيين.',
      '2016-03-02',
      'SYR-GOV',
      'CIV',
    ],
    ['استهدف الجيش التركي قرية تل رفعت بقذائف المدفعية أمس.', '2020-01-01', 'TUR', 'CIV'],
    [
      'استهدفت قسد بقذائف الهاون مواقع لفصائل الجيش الوطني قرب بلدة تادف.',
      '2020-01-01',
      'SDF',
      'SNA',
    ],
    [
      'استهدف مسلحون مجهولون دورية لقوات النظام في مدينة الصنمين.',
      '2020-01-01',
      'UNKNOWN',
      'SYR-GOV',
    ],
  ])('«%s» (%s): %s against %s', (text, published, actor1, actor2) => {
    expect(sides(text, published)).toEqual([actor1, actor2]);
  });
});

describe('the target after «استهدف» when its subject comes before it', () => {
  it.each<Row>([
    [
      'شنت طائرة مسيرة غارة استهدفت قوات النظام قرب مدينة منبج.',
      '2020-01-01',
      'UNKNOWN',
      'SYR-GOV',
    ],
    ['هجوم بطائرة مسيرة يستهدف قوات النظام في مدينة الصنمين.', '2020-01-01', 'UNKNOWN', 'SYR-GOV'],
  ])('«%s» (%s): %s against %s', (text, published, actor1, actor2) => {
    expect(sides(text, published)).toEqual([actor1, actor2]);
  });
});

describe('a fight «بين» two sides', () => {
  it.each<Row>([
    [
      'اندلعت اشتباكات عنيفة بين قوات النظام وتنظيم داعش في بادية حمص، اليوم.',
      '2020-03-02',
      'SYR-GOV',
      'ISIS',
    ],
    [
      'قتل أربعة عناصر في اشتباكات بين قسد وفصائل المعارضة قرب مدينة منبج.',
      '2020-03-02',
      'SDF',
      'FSA',
    ],
  ])(
    '«%s» (%s): the first named, %s, against the second, %s',
    (text, published, actor1, actor2) => {
      expect(sides(text, published)).toEqual([actor1, actor2]);
    },
  );
});
