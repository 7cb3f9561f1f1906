import { describe, expect, it } from 'vitest';
import { only, read } from './helpers.js';

/**
 * «حي الفيض»: a quarter the gazetteer does not list is placed at the city last
 * named before it (in the text or its headline line), at city precision, and
 * the location quotes the quarter the act's own words name, not the city
 * named earlier. Sentences written for these tests.
 */
describe('a quarter the gazetteer lacks is at the city named before it', () => {
  it.each<[text: string, published: string, city: string, quarter: string]>([
    [
      'توتر أمني في مدينة جبلة\nاشتبك مسلحون مع دورية للأمن العام في حي الفيض، ما أدى إلى مقتل عنصرين.',
      '2025-03-06',
      'Jablah',
      'حي الفيض',
    ],
    [
      'عاد الهدوء الحذر إلى مدينة دير الزور بعد أيام من التوتر. وأصيبت امرأتان بقذيفة سقطت على حي الموظفين.',
      '2016-02-10',
      'Deir-ez-Zor',
      'حي الموظفين',
    ],
    [
      'تشهد مدينة القامشلي انتشارا أمنيا كثيفا. وقتل رجل برصاص مجهولين في حي الكورنيش.',
      '2021-11-19',
      'Quamishli',
      'حي الكورنيش',
    ],
    [
      'تعيش مدينة إدلب أياما صعبة. وأصيب ثلاثة أطفال بانفجار قنبلة يدوية في حي الضبيط.',
      '2020-01-27',
      'Idleb',
      'حي الضبيط',
    ],
  ])('«%s» (%s): %s, at «%s»', (text, published, city, quarter) => {
    const location = only(read(text, published)).location;
    expect(location).toMatchObject({ name_en: city, precision: 2, text: quarter });
  });
});
