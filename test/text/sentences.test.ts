import { describe, expect, it } from 'vitest';
import { normalizeForMatching, splitSentences, tokenize } from '../../src/text/index.js';

const split = (text: string) => {
  const n = normalizeForMatching(text);
  return splitSentences(tokenize(n.text)).map((s) => ({
    text: n.text.slice(s.start, s.end),
    prose: s.prose,
    line: s.line,
  }));
};

describe('splitSentences', () => {
  it('splits prose at final punctuation and keeps decimals whole', () => {
    const result = split('قتل 1.5 ألف شخص. وأصيب آخرون! هل انتهى؟');
    expect(result.map((s) => s.text)).toEqual(['قتل 1.5 الف شخص.', 'واصيب اخرون!', 'هل انتهي?']);
  });

  it('splits sentences that lack a space after the period', () => {
    expect(split('سيطرت القوات على البلدة.وقال المصدر إن المعارك انتهت.')).toHaveLength(2);
  });

  it('keeps a closing quote with its sentence', () => {
    expect(split('قال المتحدث «انسحبنا من القرية.» ثم غادر.').map((s) => s.text)).toEqual([
      'قال المتحدث "انسحبنا من القريه."',
      'ثم غادر.',
    ]);
  });

  it.each([
    ['قتل ثلاثة مدنيين بقصف مدفعي\nعلى بلدة كفرنبل.'],
    ['وقالت مصادر محلية\nإن الغارات استهدفت السوق.'],
    ['أصيب طفلان بقصف على بلدة بنش\nفي حين قتل رجل في سرمدا.'],
  ])('joins a line broken inside its sentence: «%s»', (text) => {
    const result = split(text);
    expect(result).toHaveLength(1);
    expect(result[0]?.prose).toBe(true);
  });

  it.each([
    [
      'قتل ثلاثة مدنيين وأصيب خمسة آخرون بجروح إثر سقوط قذائف صاروخية على الأحياء السكنية\nفي مدينة الباب بريف حلب.',
    ],
    [
      'شنت الطائرات الحربية الروسية صباح اليوم أكثر من عشر غارات جوية على المنازل والأسواق\nفي بلدة كنصفرة بجبل الزاوية.',
    ],
    [
      'أفادت مصادر محلية بأن مسلحين مجهولين اغتالوا مختار القرية مع اثنين من مرافقيه مساء أمس\nفي ريف درعا الغربي.',
    ],
  ])('joins a long line that goes on with «في» in the next: «%s»', (text) => {
    expect(split(text)).toHaveLength(1);
  });

  it('keeps a short headline apart from a paragraph that opens with «في»', () => {
    const result = split('غارات روسية على جبل الزاوية\nفي ريف إدلب، قصفت الطائرات بلدة كنصفرة.');
    expect(result.map((s) => s.prose)).toEqual([false, true]);
  });

  it('reads a report that is only a headline as prose', () => {
    expect(split('مقتل 4 مدنيين بقصف على خان شيخون').map((s) => s.prose)).toEqual([true]);
  });

  it('marks a short headline without final punctuation as not prose', () => {
    const result = split('قتلى في قصف على بلدة\n\nقصفت الطائرات البلدة صباح اليوم.');
    expect(result.map((s) => s.prose)).toEqual([false, true]);
  });

  it('treats long unpunctuated lines as prose when the whole text lacks punctuation', () => {
    const line =
      'قصفت الطائرات الحربية بلدة في ريف المدينة الشمالي صباح اليوم ما أدى إلى مقتل ثلاثة مدنيين';
    const result = split(`عنوان قصير\n${line}`);
    expect(result.map((s) => s.prose)).toEqual([false, true]);
  });

  it('numbers lines', () => {
    expect(split('أولا.\nثانيا.').map((s) => s.line)).toEqual([0, 1]);
  });
});
