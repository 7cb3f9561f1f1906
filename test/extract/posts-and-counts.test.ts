import { describe, expect, it } from 'vitest';
import { allTuples, read } from './helpers.js';

type Tuple = [string | null, string, string | null, number | null];

/** Embedded social posts: the author is named on a line after a dash. */
describe('an embedded post', () => {
  it.each<[string, Tuple[]]>([
    [
      'قصفت قوات النظام بلدة البارة صباح اليوم.\nمقتل طفلين وإصابة 3 مدنيين بقصف مدفعي على بلدة البارة.\n— الدفاع المدني السوري (@SyriaCivilDefe) May 3, 2021\n',
      [
        ['SCD', 'injured', 'CIV', 3],
        ['SCD', 'killed', 'CIV', 2],
      ],
    ],
    [
      'شنت طائرات حربية غارات على مدينة سراقب.\nصباح دام في سراقب\n— المرصد السوري لحقوق الإنسان (@syriahr) June 9, 2019\nمقتل 5 مدنيين بغارات على سراقب #سوريا pic.twitter.com/abc123\n',
      [['SOHR', 'killed', 'CIV', 5]],
    ],
    [
      'انفجرت سيارة مفخخة في مدينة الباب.\nإصابة 6 مدنيين بانفجار سيارة مفخخة وسط مدينة الباب.\n- الدفاع المدني السوري (@SyriaCivilDefe) January 2, 2023\n',
      [['SCD', 'injured', 'CIV', 6]],
    ],
  ])('%s', (text, figures) => {
    expect(allTuples(read(text, '2021-05-03'))).toEqual(figures);
  });

  it('leaves a paragraph after the byline to the outlet when it is not a post', () => {
    const text =
      'شنت طائرات حربية غارات على مدينة سراقب.\nمقتل 5 مدنيين بغارات على سراقب.\n— المرصد السوري لحقوق الإنسان (@syriahr) June 9, 2019\nوفي حلب أصيب 3 مدنيين بقصف على حي صلاح الدين.\n';
    expect(allTuples(read(text, '2019-06-09'))).toContainEqual([null, 'injured', 'CIV', 3]);
  });
});

describe('civilians and their count', () => {
  it.each<[string, Tuple[]]>([
    ['أدى القصف إلى إصابة مدنيين اثنين في بلدة كنصفرة.', [[null, 'injured', 'CIV', 2]]],
    [
      'أسفر الهجوم عن مقتل مدنيين ثلاثة وإصابة طفلين في بلدة كفرنبل.',
      [
        [null, 'injured', 'CIV', 2],
        [null, 'killed', 'CIV', 3],
      ],
    ],
    ['أصيب أطفال أربعة بقصف صاروخي على مدينة أريحا.', [[null, 'injured', 'CIV', 4]]],
    ['اغتال مسلحون مجهولون شابا مدنيا في بلدة تسيل.', [[null, 'killed', 'CIV', 1]]],
  ])('%s', (text, figures) => {
    expect(allTuples(read(text))).toEqual(figures);
  });
});

describe('people counted together', () => {
  it.each<[string, number]>([
    ['أدت الغارة إلى مقتل 4 أطفال وامرأة في بلدة بلشون.', 5],
    ['قتل ثلاث نساء وطفل بقصف على مدينة أريحا.', 4],
    ['مقتل رجل وزوجته برصاص مجهولين في بلدة الجيزة.', 2],
    ['أسفر القصف عن مقتل طفلين وامرأتين في بلدة كفرنبل.', 4],
    ['استشهد ثلاثة أطفال ووالدتهم بغارة جوية على بلدة حاس.', 4],
    ['قتلت امرأة وأمها بقصف مدفعي على بلدة كنصفرة.', 2],
    ['قتل طفلان ووالداهما بانفجار لغم في بلدة نوى.', 4],
    ['قتل شاب وأبوه برصاص قناص في مدينة درعا.', 2],
    ['استشهد شاب مع أحد أبناء قريته برصاص قناص في بلدة اليادودة.', 2],
    ['قتلت امرأة مع طفليها بقصف مدفعي على بلدة كنصفرة.', 3],
    ['قتل مدني مع ثلاثة من أقاربه بانفجار لغم في بلدة نوى.', 4],
    ['قتل مختار القرية برفقة اثنين من أبنائه برصاص مجهولين في بلدة الحراك.', 3],
  ])('«%s» is %i people', (text, count) => {
    expect(allTuples(read(text))).toEqual([[null, 'killed', 'CIV', count]]);
  });

  it('does not count the side fought with («اشتباكات مع داعش») as people who fell', () => {
    expect(
      allTuples(read('قتل عنصر من قسد في اشتباكات مع داعش في بلدة ذيبان.')).map(([, , , c]) => c),
    ).toEqual([1]);
  });

  it('does not add the next casualty count to this one', () => {
    expect(allTuples(read('أسفر القصف عن مقتل 3 مدنيين وإصابة طفل في بلدة كفرنبل.'))).toEqual([
      [null, 'injured', 'CIV', 1],
      [null, 'killed', 'CIV', 3],
    ]);
  });
});
