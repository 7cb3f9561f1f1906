import { describe, expect, it } from 'vitest';
import type { Incident } from '../../src/contracts/index.js';
import { only, read } from './helpers.js';

/** The reasons the incident's place rules give for the places it set aside, in order. */
function setAsideReasons(incident: Incident): string[] {
  const place = incident.why?.find((w) => w.field === 'place');
  return (place?.rules ?? [])
    .map((r) => r.rule)
    .filter((rule) => rule.startsWith('places/not-where-the-act-was:'))
    .map((rule) => rule.slice('places/not-where-the-act-was:'.length));
}

describe('the places an incident names but that do not locate it', () => {
  it('give each reason once, in the order the report first names them: the hospital the dead were taken to, then where the correspondent is posted', () => {
    const told = [
      'نقلت إلى مستشفى مدينة جسر الشغور جثث ثلاثة عناصر قتلوا أمس بانفجار عبوة ناسفة في بلدة سرمين، وفق ما ذكر مراسلنا في إدلب.',
      'وصلت إلى مشفى مدينة الباب جثة امرأة قتلت اليوم برصاص قناص في قرية تادف، بحسب ما أفاد مراسلنا في حلب.',
      'نقل إلى مشفى مدينة السقيلبية جثمانا طفلين قتلا اليوم بقصف مدفعي استهدف قرية كفرنبودة، بحسب ما أفاد مراسلنا في حماة.',
    ];
    const places = ['Sarmin', 'Tadaf', 'Kafr Nabutha'];
    told.forEach((text, k) => {
      const incident = only(read(text));
      expect(incident.location?.name_en).toBe(places[k]);
      expect(setAsideReasons(incident)).toEqual(['destination', 'correspondent']);
    });
  });
});
