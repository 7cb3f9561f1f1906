import { describe, expect, it } from 'vitest';
import { actor, only, read, tuples } from './helpers.js';

/**
 * People counted with no group named («أشخاص», «كرديا»): the figure leaves
 * whose people they were unsaid, as the text does, while the sides still read
 * them as civilians struck. Sentences written for these tests.
 */
describe('people counted with no group named', () => {
  it.each([
    'قتل خمسة أشخاص في غارة جوية على سوق بلدة سرمين صباح اليوم.',
    'أودى قصف مدفعي على حي الكلاسة في حلب بحياة شخصين اليوم.',
    'لقي سبعة أشخاص مصرعهم إثر انفجار سيارة مفخخة في مدينة إعزاز مساء أمس.',
  ])('leaves the victims of «%s» unsaid and its target civilians', (text) => {
    const incident = only(read(text));
    expect(tuples(incident).every(([, , victim]) => victim === null)).toBe(true);
    expect(actor(incident, 'actor2')).toBe('CIV');
  });

  it('keeps the armed side struck as target when people are counted at its post', () => {
    const incident = only(
      read(
        'قتل ثلاثة أشخاص في هجوم بسيارة مفخخة على مقر لقوات سوريا الديمقراطية في الشدادي اليوم.',
      ),
    );
    expect(tuples(incident)).toContainEqual([null, 'killed', null, 3]);
    expect(actor(incident, 'actor2')).toBe('SDF');
  });
});

describe('a figure a source gives twice', () => {
  it.each([
    'اعتقلت دورية لقوات النظام 6 سوريين في بلدة الصنمين اليوم، وقال المرصد إن الدورية اعتقلت 6 شبان من البلدة.',
    'أفادت وكالة سانا بأن مسلحين خطفوا أربعة أشخاص على طريق السويداء اليوم، وأوضحت الوكالة أن المسلحين خطفوا أربعة مدنيين كانوا في حافلة.',
  ])('is one figure, the one that says whose people, in «%s»', (text) => {
    const detained = tuples(only(read(text))).filter(([, measure]) => measure === 'detained');
    expect(detained).toHaveLength(1);
    expect(detained[0]?.[2]).toBe('CIV');
  });

  it('keeps the lead’s untold toll beside a source’s untold toll', () => {
    const incident = only(
      read(
        'قتل أربعة مدنيين وجرح العشرات بانفجار في مدينة جبلة اليوم. وقالت وكالة سانا إن الانفجار أدى إلى مقتل أربعة أشخاص وإصابة آخرين.',
      ),
    );
    const injured = tuples(incident).filter(([, measure]) => measure === 'injured');
    expect(injured.map(([claimant]) => claimant).sort()).toEqual([null, 'SANA'].sort());
  });
});
