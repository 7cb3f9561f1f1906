import { describe, expect, it } from 'vitest';
import { actor, news, only, read, tuples } from './helpers.js';

/**
 * Written for these tests: a raid told as an abduction or an arrest, a scene
 * set before the act («توجهت دورية إلى… قبل أن تعتقل»), and a force named
 * before its act with «لـ» saying whose it is.
 */
describe('a raid and the people it carries off', () => {
  it.each([
    [
      'اعتقلت قوات النظام عشرات الشبان في ريف درعا الشرقي. وذكرت مصادر محلية أن دورية للأمن العسكري داهمت منازل في بلدة المسيفرة واعتقلت 12 شابا.',
      'Mseifra',
    ],
    [
      'خطف مسلحون مجهولون ثلاثة مدنيين في منطقة الباب. وقال ناشطون إن المسلحين دهموا منزلا في قرية قباسين واقتادوا ساكنيه إلى جهة مجهولة.',
      'Qabasin',
    ],
    [
      'اختطفت فصائل مسلحة سبعة مزارعين في منطقة عفرين. ونقلت شبكة محلية أن عناصر من الفصيل داهموا قرية كفرصفرة واختطفوا المزارعين.',
      'Kafr Safra',
    ],
  ])('tells one act at the village the second telling names: «%s»', (text, place) => {
    expect(only(read(text)).location?.name_en).toBe(place);
  });
});

describe('a scene set before the act', () => {
  it.each([
    [
      'توجهت دورية للأمن العسكري إلى بلدة جاسم صباح اليوم، قبل أن تعتقل شابين من أبنائها.',
      'Jasim',
      'SYR-GOV',
    ],
    [
      'ذكر ناشطون أن عناصر من الفصيل دخلوا قرية كفرصفرة في ريف عفرين وقاموا باختطاف ثلاثة مزارعين.',
      'Kafr Safra',
      'UNKNOWN',
    ],
    [
      'وصلت مجموعة لتنظيم داعش إلى أطراف قرية الشعفة ثم هاجمت حاجزا لقوات سوريا الديمقراطية.',
      'Shafa',
      'ISIS',
    ],
  ])('places the act where the scene was set: «%s»', (text, place, doer) => {
    const incident = only(read(text));
    expect([incident.location?.name_en, actor(incident, 'actor1')]).toEqual([place, doer]);
  });

  it('keeps apart two acts of one sentence that each name their act', () => {
    const result = read(
      'قصفت قوات النظام بلدة كنصفرة بالمدفعية، ثم شنت الطائرات الروسية غارات على مدينة أريحا.',
    );
    expect(news(result).map((i) => i.location?.name_en)).toEqual(['Kansafra', 'Ariha']);
  });
});

describe('a force named before its act', () => {
  it.each([
    ['توجهت دورية للأمن العسكري إلى بلدة جاسم، قبل أن تعتقل شابين.', 'SYR-GOV', 'CIV'],
    [
      'وصلت مجموعة لتنظيم داعش إلى أطراف قرية الشعفة ثم هاجمت حاجزا لقوات سوريا الديمقراطية.',
      'ISIS',
      'SDF',
    ],
    ['انتشرت عناصر لهيئة تحرير الشام في مدينة سرمدا قبل أن تعتقل ثلاثة ناشطين.', 'HTS', 'CIV'],
  ])('is the doer: «%s»', (text, doer, target) => {
    const incident = only(read(text));
    expect([actor(incident, 'actor1'), actor(incident, 'actor2')]).toEqual([doer, target]);
  });

  it.each([
    ['استهدفت عبوة ناسفة دورية للأمن العسكري على طريق بلدة طفس ما أدى إلى مقتل عنصرين.', 'SYR-GOV'],
    ['تعرضت دورية لقوات النظام لهجوم مسلح قرب بلدة المزيريب.', 'SYR-GOV'],
    ['انفجرت عبوة ناسفة بدورية لقوات سوريا الديمقراطية في بلدة الشحيل.', 'SDF'],
  ])('is the target when the act comes first or befalls it: «%s»', (text, target) => {
    expect(actor(only(read(text)), 'actor2')).toBe(target);
  });

  it('counts the people the raid carried off by the teller who named them', () => {
    const incident = only(
      read(
        'اعتقلت قوات النظام شبانا في ريف درعا. وقال ناشطون إن دورية داهمت بلدة المسيفرة واعتقلت 9 شبان.',
      ),
    );
    expect(tuples(incident)).toContainEqual(['LOCAL', 'detained', 'CIV', 9]);
  });
});

describe('a force said to belong to a group («تابعة لـ»)', () => {
  it.each([
    ['هاجمت خلايا تابعة لتنظيم داعش نقطة عسكرية قرب بلدة الشحيل.', '2024-03-14', 'ISIS'],
    ['قصفت مدفعية تابعة للقوات التركية قرية قرب مدينة عامودا.', '2024-03-14', 'TUR'],
    ['اعتقلت دورية تابعة للأمن العام ثلاثة شبان في مدينة جبلة.', '2025-03-14', 'SYR-TRANS'],
  ])('acts for that group: «%s»', (text, published, doer) => {
    expect(actor(only(read(text, published)), 'actor1')).toBe(doer);
  });
});
