import { describe, expect, it } from 'vitest';
import { only, read } from './helpers.js';

type Row = [text: string, published: string, subEventType: string];

/**
 * One clause may name several acts. The words that name a specific act on
 * their own outweigh generic ones («هجوم», «اقتحام»), whatever ACLED ranks
 * the generic ones' type; sentences written for these tests.
 */
describe('a specific act outweighs a generic word for an attack', () => {
  it.each<Row>([
    [
      'اغتال مسلحون مجهولون قياديا في فصيل محلي خلال هجوم على منزله في بلدة طفس بريف درعا.',
      '2022-06-09',
      'Attack',
    ],
    [
      'اختطف مسلحون طفلا خلال اقتحام منزل عائلته في مدينة جرمانا بريف دمشق.',
      '2023-01-17',
      'Abduction/forced disappearance',
    ],
    [
      'أعدمت عناصر من تنظيم داعش ثلاث نساء خلال هجوم على قرية الشعفة في ريف دير الزور.',
      '2015-08-30',
      'Attack',
    ],
    [
      'اعتقلت قوات الأمن العام أربعة شبان خلال اقتحام حي الوعر في مدينة حمص.',
      '2025-03-02',
      'Arrests',
    ],
    [
      'داهمت دورية للأمن العام منزلا في بلدة الكسوة واعتقلت رجلين خلال هجوم على المنزل.',
      '2025-05-21',
      'Arrests',
    ],
  ])('«%s» (%s) is %s', (text, published, subEventType) => {
    expect(only(read(text, published)).sub_event_type).toBe(subEventType);
  });
});

/**
 * Acts of equal weight in one clause: ACLED's hierarchy names the incident by
 * the more specific or graver one, wherever the clause tells it.
 */
describe('the graver of two acts told together names the incident', () => {
  it.each<Row>([
    [
      'قصفت قوات النظام بلدة اللطامنة بقذائف محملة بغاز الكلور ما أدى إلى إصابة 12 مدنيا بحالات اختناق.',
      '2017-03-26',
      'Chemical weapon',
    ],
    [
      'قصفت طائرات حربية روسية بصواريخ محملة بمادة الكلور حي الشعار في مدينة حلب.',
      '2016-09-07',
      'Chemical weapon',
    ],
    [
      'دارت اشتباكات بين قسد وتنظيم داعش في بلدة الشحيل تخللها تفجير سيارة مفخخة يقودها انتحاري.',
      '2019-02-11',
      'Suicide bomb',
    ],
    [
      'اندلعت اشتباكات عنيفة في محيط بلدة كفرنبل تخللتها غارات جوية روسية على مواقع الفصائل.',
      '2019-05-28',
      'Air/drone strike',
    ],
    [
      'هاجمت خلايا تابعة لتنظيم داعش حاجزا لقوات النظام في بادية الميادين بقنابل يدوية وقذائف الهاون.',
      '2020-11-04',
      'Shelling/artillery/missile attack',
    ],
  ])('«%s» (%s) is %s', (text, published, subEventType) => {
    expect(only(read(text, published)).sub_event_type).toBe(subEventType);
  });
});
