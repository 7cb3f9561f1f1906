import { describe, expect, it } from 'vitest';
import { actor, only, read, tuples } from './helpers.js';

/** Names of armed groups from the dictionary, resolved by the report's day. Sentences written for these tests. */
describe('armed groups by name and era', () => {
  it.each([
    ['2022-05-10', 'HTS'],
    ['2025-03-02', 'SYR-TRANS'],
  ])('reads «جهاز الأمن العام» on %s as %s', (day, id) => {
    const incident = only(
      read('اعتقل جهاز الأمن العام ثلاثة شبان في مدينة سرمدا شمالي إدلب اليوم.', day),
    );
    expect(actor(incident, 'actor1')).toBe(id);
  });

  it.each([
    'قتل خمسة عناصر إثر انفجار عبوة ناسفة استهدفت سيارة للفيلق الخامس قرب بلدة بصرى الشام اليوم.',
    'استهدف مجهولون بعبوة ناسفة رتلا لقوات النمر على طريق السلمية أمس، ما أدى لمقتل عنصرين.',
    'أدى انفجار لغم بدورية لقوات الغيث في ريف حماة الشرقي اليوم إلى مقتل ثلاثة عناصر.',
  ])('counts the fighters of a government unit as government forces in «%s»', (text) => {
    const incident = only(read(text, '2020-06-20'));
    expect(actor(incident, 'actor2')).toBe('SYR-GOV');
    expect(tuples(incident).some(([, m, victim]) => m === 'killed' && victim === 'SYR-GOV')).toBe(
      true,
    );
  });
});
