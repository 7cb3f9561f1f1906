import { describe, expect, it } from 'vitest';
import type { Figure } from '../../src/contracts/index.js';
import { actor, news, only, read } from './helpers.js';

/**
 * Cue words decide whether words of violence tell an act, another act, or no
 * act at all. Sentences written for these tests.
 */
describe('«حادثة أخرى», «وفي سياق آخر»: another act at the same place', () => {
  it.each<[text: string, published: string, types: string[]]>([
    [
      'قتل شاب برصاص مجهولين في مدينة جاسم. وشهدت المدينة حادثة أخرى أصيب فيها رجل بانفجار عبوة ناسفة.',
      '2021-09-13',
      ['Attack', 'Remote explosive/landmine/IED'],
    ],
    [
      'اغتال مسلحون مختار بلدة المسيفرة. وسجلت البلدة حادثة أخرى إذ أصيبت امرأة برصاص طائش.',
      '2020-06-18',
      ['Attack', 'Attack'],
    ],
    [
      'قصفت قوات النظام مدينة سراقب بالمدفعية، وفي سياق آخر قتل شاب برصاص مجهولين في المدينة.',
      '2019-12-20',
      ['Shelling/artillery/missile attack', 'Attack'],
    ],
    [
      'قتل عنصران من قسد بهجوم على حاجز في بلدة ذيبان، وفي سياق آخر اعتقلت قسد ثلاثة شبان في البلدة.',
      '2022-04-07',
      ['Armed clash', 'Arrests'],
    ],
  ])('«%s» (%s): %j', (text, published, types) => {
    expect(news(read(text, published)).map((i) => i.sub_event_type)).toEqual(types);
  });
});

describe('«، وطال …»: another act, at another place, in the same sentence', () => {
  it.each<[text: string, published: string, acts: [string, string][]]>([
    [
      'استهدفت مسيرة تركية سيارة في مدينة القامشلي، وطال قصف مدفعي قرية تل حميس.',
      '2022-11-23',
      [
        ['Air/drone strike', 'Quamishli'],
        ['Shelling/artillery/missile attack', 'Tal Hmis'],
      ],
    ],
    [
      'اغتال مسلحون شابا في مدينة جاسم، وطال انفجار عبوة ناسفة سيارة في بلدة نوى.',
      '2021-03-30',
      [
        ['Attack', 'Jasim'],
        ['Remote explosive/landmine/IED', 'Nawa'],
      ],
    ],
    [
      'ألقت مروحيات النظام براميل متفجرة على مدينة داريا، وطال قصف صاروخي بلدة معضمية الشام.',
      '2015-08-12',
      [
        ['Air/drone strike', 'Darayya'],
        ['Shelling/artillery/missile attack', 'Madamiyet Elsham'],
      ],
    ],
    [
      'قتل عنصر من قسد بهجوم على حاجز في بلدة الشحيل، وطال انفجار لغم سيارة مدنية في بلدة ذيبان.',
      '2022-09-19',
      [
        ['Armed clash', 'Shiheil'],
        ['Remote explosive/landmine/IED', 'Thiban'],
      ],
    ],
  ])('«%s» (%s): %j', (text, published, acts) => {
    expect(news(read(text, published)).map((i) => [i.sub_event_type, i.location?.name_en])).toEqual(
      acts,
    );
  });
});

describe('a general situation, a running one or a threat is no act', () => {
  it.each<[text: string, published: string]>([
    // «يشهد»: what a place goes through, not what happened there today.
    ['يشهد ريف حماة الشمالي قصفا مدفعيا من قوات النظام على القرى.', '2019-06-11'],
    ['يشهد محيط مدينة سراقب اشتباكات بين قوات النظام والفصائل.', '2020-01-30'],
    // «مستمر», «اليومية» after the act's word: it goes on, it is not one act.
    ['تخضع بلدة كفرنبل لقصف مدفعي مستمر من قوات النظام.', '2019-05-02'],
    ['تحدث الأهالي في بلدة الشحيل عن قصف تركي مستمر على قرى المنطقة.', '2019-10-28'],
    ['وأكد ناشطون أن القصف مستمر على قرى جبل الزاوية.', '2020-02-14'],
    ['يعاني سكان مدينة الباب من التفجيرات اليومية في أسواقها.', '2018-11-22'],
    ['تحدث ناشطون عن الاشتباكات اليومية بين الفصائل في مدينة عفرين.', '2019-03-05'],
    ['قال سكان في مدينة درعا إن الاغتيالات اليومية تطال عناصر سابقين في الفصائل.', '2021-02-17'],
    // «من يخالف»: what will befall whoever breaks a rule.
    [
      'أعلنت قوى الأمن الداخلي في مدينة الرقة أن كل من يخالف حظر التجوال سيتعرض للاعتقال.',
      '2020-03-24',
    ],
    ['قالت الشرطة في مدينة عفرين إن من يخالف التعليمات عرضة للاعتقال.', '2021-05-09'],
    ['أكدت قيادة الشرطة في مدينة اللاذقية أن كل من يخالف القرار يعرض نفسه للاعتقال.', '2025-03-02'],
    [
      'ذكرت إدارة الأمن العام في مدينة حماة أن أي سائق يخالف الأوامر سيتعرض لإطلاق النار.',
      '2025-02-19',
    ],
  ])('«%s» (%s)', (text, published) => {
    expect(news(read(text, published))).toEqual([]);
  });
});

function figures(text: string, published: string): Figure[] {
  return news(read(text, published)).flatMap((i) => i.claims.flatMap((c) => c.figures));
}

describe('a word of a general situation after the act', () => {
  it.each([
    // Said of the place struck, after the act is told: today's act still stands.
    ['قصفت قوات النظام بلدة كفرنبل اليوم، وهي بلدة تشهد قصفا يوميا.', 'SYR-GOV'],
    [
      'قتل ثلاثة مدنيين بقصف مدفعي على مدينة سراقب اليوم، في منطقة تتعرض للقصف باستمرار.',
      'UNKNOWN',
    ],
    [
      'استهدفت غارة جوية سوقا في مدينة أريحا صباح اليوم، والمدينة تتعرض لغارات بشكل متكرر.',
      'UNKNOWN',
    ],
  ])('leaves the act told before it: «%s»', (text, doer) => {
    expect(actor(only(read(text)), 'actor1')).toBe(doer);
  });

  it('while one leading the clause makes it no act', () => {
    expect(news(read('تشهد بلدة كفرنبل قصفا يوميا من قوات النظام.'))).toEqual([]);
  });
});

describe('«دون ورود أنباء عن إصابات»: casualties denied are no figure', () => {
  it.each<[text: string, published: string, type: string]>([
    [
      'قصفت قوات النظام بلدة كفرنبل بقذائف الهاون، دون ورود أنباء عن إصابات.',
      '2019-04-27',
      'Shelling/artillery/missile attack',
    ],
    [
      'سقطت قذيفتان على حي الميدان في مدينة حلب دون ورود أنباء عن ضحايا.',
      '2015-10-06',
      'Shelling/artillery/missile attack',
    ],
    [
      'انفجرت عبوة ناسفة قرب دورية لقسد في بلدة الشحيل، دون ورود أنباء عن قتلى أو جرحى.',
      '2020-08-16',
      'Remote explosive/landmine/IED',
    ],
  ])('«%s» (%s): %s, no casualties', (text, published, type) => {
    expect(news(read(text, published)).map((i) => i.sub_event_type)).toEqual([type]);
    expect(figures(text, published)).toEqual([]);
  });
});

describe('«تقريبا» after a count makes it approximate', () => {
  it.each<[text: string, published: string, measure: string, count: number]>([
    ['قتل 20 شخصا تقريبا بغارات جوية على مدينة معرة النعمان.', '2019-07-22', 'killed', 20],
    ['أصيب 35 مدنيا تقريبا بقصف صاروخي على مدينة إدلب.', '2020-01-15', 'injured', 35],
    ['اعتقلت قوات النظام 40 شابا تقريبا في مدينة التل.', '2016-12-03', 'detained', 40],
  ])('«%s» (%s): %s about %i', (text, published, measure, count) => {
    expect(figures(text, published)).toEqual([
      expect.objectContaining({ measure, count, qualifier: 'approx' }),
    ]);
  });
});
