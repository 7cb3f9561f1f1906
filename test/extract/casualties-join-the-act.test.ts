import { describe, expect, it } from 'vitest';
import { allTuples, only, read, sorted } from './helpers.js';

type Tuple = [string | null, string, string | null, number | null];
interface Row {
  readonly text: string;
  readonly published: string;
  readonly subEventType: string;
  readonly place: string;
  readonly figures: Tuple[];
}

/**
 * A sentence that tells only of casualties with no number («وأصيب عدد من
 * المدنيين في بلدة كفرنبل»), at a town inside the area an act was just told
 * at, is too little to be an act of its own: it joins that act, which it
 * places more precisely. Sentences written for these tests.
 */
describe('uncounted casualties at a town join the act told over its countryside', () => {
  it.each<Row>([
    {
      text: 'شنت طائرات حربية روسية غارات على ريف إدلب الجنوبي. وأصيب عدد من المدنيين في بلدة كفرنبل.',
      published: '2019-06-03',
      subEventType: 'Air/drone strike',
      place: 'Kafr Nobol',
      figures: [[null, 'injured', 'CIV', null]],
    },
    {
      text: 'قصفت القوات التركية ريف الحسكة الشمالي بالمدفعية الثقيلة. وسقط جرحى من المدنيين في قرية تل جمعة.',
      published: '2019-10-15',
      subEventType: 'Shelling/artillery/missile attack',
      place: 'Tal Jomaa',
      figures: [[null, 'injured', 'CIV', null]],
    },
    {
      text: 'قصفت قوات النظام ريف حماة الشمالي براجمات الصواريخ. وأصيبت نساء وأطفال في بلدة اللطامنة.',
      published: '2018-09-08',
      subEventType: 'Shelling/artillery/missile attack',
      place: 'Latmana',
      figures: [[null, 'injured', 'CIV', null]],
    },
    {
      text: 'ألقت مروحيات النظام براميل متفجرة على ريف درعا الشرقي. وسقط قتلى من المدنيين في بلدة الحراك.',
      published: '2015-04-22',
      subEventType: 'Air/drone strike',
      place: 'Hrak',
      figures: [[null, 'killed', 'CIV', null]],
    },
  ])('«$text»', ({ text, published, subEventType, place, figures }) => {
    const result = read(text, published);
    const incident = only(result);
    expect(incident.sub_event_type).toBe(subEventType);
    expect(incident.location?.name_en).toBe(place);
    expect(allTuples(result)).toEqual(sorted(figures));
  });
});
