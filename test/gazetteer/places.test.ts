import { describe, expect, it } from 'vitest';
import { loadGazetteer, locateMentions } from '../../src/gazetteer/index.js';
import type { ResolvedPlace } from '../../src/gazetteer/index.js';
import { normalizeForMatching, splitSentences, tokenize } from '../../src/text/index.js';

const gazetteer = loadGazetteer();

/** The place a phrase puts an act at: its most precise resolved place, the first of equals. */
function placeOf(phrase: string): ResolvedPlace | null {
  const tokens = tokenize(normalizeForMatching(phrase).text);
  let best: ResolvedPlace | null = null;
  for (const { resolved } of locateMentions(gazetteer, tokens, splitSentences(tokens))) {
    if (resolved !== null && (best === null || resolved.precision < best.precision))
      best = resolved;
  }
  return best;
}

type Row = readonly [phrase: string, id: string, precision: 1 | 2 | 3];

/** Place phrases written for this test, by what they exercise; each with its place and ACLED precision. */
const TABLE: Record<string, readonly Row[]> = {
  'settlement words name the place itself': [
    ['في قرية الشحيل', 'C5119', 1],
    ['في بلدة الشحيل', 'C5119', 1],
    ['في مدينة الرقة', 'C5710', 1],
    ['في مدينة دير الزور', 'C5086', 1],
    ['في مدينة حلب', 'C1007', 1],
    ['في مدينة إدلب', 'C3871', 1],
    ['في مدينة حماة', 'C2987', 1],
    ['في مدينة حمص', 'C2528', 1],
    ['في مدينة درعا', 'C5993', 1],
    ['في مدينة السويداء', 'C6147', 1],
    ['في مدينة اللاذقية', 'C3480', 1],
    ['في مدينة طرطوس', 'C5221', 1],
    ['في مدينة الحسكة', 'C4360', 1],
    ['في مدينة القامشلي', 'C4564', 1],
    ['في مدينة منبج', 'C1767', 1],
    ['في مدينة الباب', 'C1202', 1],
    ['في مدينة الميادين', 'C5192', 1],
    ['في مدينة البوكمال', 'C5167', 1],
    ['في مدينة الطبقة', 'C5929', 1],
    ['في مدينة تدمر', 'C2889', 1],
    ['في بلدة هجين', 'C5175', 1],
    ['في بلدة الشعفة', 'C5183', 1],
    ['في بلدة الطيانة', 'C5197', 1],
    ['في بلدة كفرنبل', 'C4068', 1],
    ['في بلدة اللطامنة', 'C3458', 1],
    ['في بلدة عين عيسى', 'C5905', 1],
    ['في مخيم الهول', 'C4519', 1],
    ['في حي المزة', 'C10011071', 1],
    ['في حي جوبر', 'C10011011', 1],
    ['في حي القابون', 'C10011012', 1],
    ['في حي برزة', 'C10011013', 1],
    ['في مخيم اليرموك', 'C10011023', 1],
    ['في بلدة زملكا', 'C2320', 1],
    ['في بلدة سقبا', 'C2314', 1],
    ['في مزرعة الشحيل', 'C5119', 1],
    ['في قرية كباني', 'C3751', 1],
    ['في مدينة سلمية', 'C3244', 1],
    ['في مدينة مصياف', 'C3367', 1],
  ],
  'admin words name the admin area': [
    ['في محافظة الرقة', 'SY11', 3],
    ['في محافظة دير الزور', 'SY09', 3],
    ['في محافظة إدلب', 'SY07', 3],
    ['في محافظة درعا', 'SY12', 3],
    ['في محافظة السويداء', 'SY13', 3],
    ['في محافظة طرطوس', 'SY10', 3],
    ['في منطقة منبج', 'SY0205', 3],
    ['في منطقة عفرين', 'SY0203', 3],
    ['في منطقة القصير', 'SY0402', 3],
    ['في ناحية عين عيسى', 'C5905', 1],
    ['في ناحية الهول', 'C4519', 1],
    ['في ناحية البصيرة', 'C5110', 1],
  ],
  'facilities stand at their town, near it': [
    ['عند دوار الباب', 'C1202', 2],
    ['على حاجز لقوات النظام في بلدة كفرنبل', 'C4068', 2],
    ['في سجن الصناعة في الحسكة', 'C4360', 2],
    ['في سجن الصناعة بالحسكة', 'C4360', 2],
    ['في مطار الطبقة', 'C5929', 2],
    ['في مطار دير الزور', 'C5086', 2],
    ['في حقل الشحيل بريف دير الزور', 'C5119', 2],
    ['على جسر الرقة', 'C5710', 2],
    ['عند سد الطبقة', 'C5929', 2],
    ['على مشفى مدينة إدلب', 'C3871', 2],
    ['على طريق الرقة', 'C5710', 2],
    ['في معبر البوكمال', 'C5167', 2],
    ['على محاور بلدة كباني', 'C3751', 2],
  ],
  'relations put the act near a place': [
    ['غرب مدينة الطبقة', 'C5929', 2],
    ['شرق مدينة الرقة', 'C5710', 2],
    ['شمال مدينة منبج', 'C1767', 2],
    ['جنوب مدينة الحسكة', 'C4360', 2],
    ['شرقي بلدة الشحيل', 'C5119', 2],
    ['غربي مدينة حلب', 'C1007', 2],
    ['جنوب غرب مدينة درعا', 'C5993', 2],
    ['شمال شرق مدينة حماة', 'C2987', 2],
    ['على أطراف مدينة الباب', 'C1202', 2],
    ['في محيط بلدة خان شيخون', 'C3987', 2],
    ['بالقرب من بلدة كفرنبل', 'C4068', 2],
    ['قرب مدينة سراقب', 'C3916', 2],
    ['على مقربة من بلدة مارع', 'C1643', 2],
    ['على مداخل مدينة تدمر', 'C2889', 2],
    ['في ضواحي مدينة دمشق', 'C1001', 2],
    ['بين مارع وتل رفعت', 'C1643', 2],
    ['بين بلدتي هجين والشعفة', 'C5175', 2],
    ['على تخوم مدينة الرستن', 'C2870', 2],
    ['خارج مدينة القامشلي', 'C4564', 2],
    ['في وسط مدينة الرقة', 'C5710', 1],
    ['داخل مدينة منبج', 'C1767', 1],
    ['في قلب مدينة حمص', 'C2528', 1],
  ],
  'countrysides are their governorate or district': [
    ['في ريف الرقة', 'SY11', 3],
    ['في ريف الرقة الشرقي', 'SY11', 3],
    ['بريف دير الزور الشرقي', 'SY09', 3],
    ['في ريف حلب الشمالي', 'SY02', 3],
    ['في ريف إدلب الجنوبي', 'SY07', 3],
    ['في ريف حماة الشمالي', 'SY05', 3],
    ['في ريف حمص الشرقي', 'SY04', 3],
    ['بريف درعا الغربي', 'SY12', 3],
    ['في ريف اللاذقية الشمالي', 'SY06', 3],
    ['في ريف منبج', 'SY0205', 3],
    ['في ريف الباب', 'SY0202', 3],
    ['في ريف الميادين', 'SY0903', 3],
    ['في ريف البوكمال', 'SY0902', 3],
    ['في بادية دير الزور', 'SY09', 3],
    ['في بادية حمص', 'SY04', 3],
    ['في ريف محافظة درعا الشرقي', 'SY12', 3],
    ['في ريف السويداء الغربي', 'SY13', 3],
    ['في ريف الحسكة الجنوبي', 'SY08', 3],
  ],
  'a compass word before a governorate is that part of it': [
    ['شرق دير الزور', 'SY09', 3],
    ['شمالي حلب', 'SY02', 3],
    ['جنوب إدلب', 'SY07', 3],
    ['غرب درعا', 'SY12', 3],
  ],
  'a compass word with the article describes the word before it, not where the act was': [
    ['على حي الوعر الغربي بمدينة حمص', 'C2528', 1],
    ['في الحي الجنوبي بمدينة درعا', 'C5993', 1],
    ['في حي الشيخ مقصود الشرقي بحلب', 'C1007', 1],
    ['في الحارة الغربية بمدينة جاسم', 'C6111', 1],
    ['غربي مدينة سراقب', 'C3916', 2],
    ['إلى الشمال الغربي لمدينة إدلب', 'C3871', 2],
    ['إلى الغرب لمدينة حمص', 'C2528', 2],
  ],
  'the edge of a place is near it': [
    ['على الطرف الجنوبي لبلدة تلبيسة', 'C2882', 2],
    ['على الطرف الشرقي لمدينة حلب', 'C1007', 2],
    ['على الأطراف الشرقية لبلدة كفرنبل', 'C4068', 2],
    ['على الضواحي الغربية لمدينة درعا', 'C5993', 2],
    ['عند المداخل الشمالية لمدينة حماة', 'C2987', 2],
    ['على الأطراف الشرقية والشمالية لمدينة حماة', 'C2987', 2],
    ['قصفت الأطراف الشرقية وبلدة تلبيسة', 'C2882', 1],
  ],
  'a village named like a direction, after a near word, is that village': [
    ['قرب الشمالية', 'C2014', 2],
    ['بالقرب من الشمالية', 'C2014', 2],
  ],
  'a village and its countryside: the village': [
    ['في قرية الشحيل بريف دير الزور الشرقي', 'C5119', 1],
    ['في بلدة الطيانة بريف دير الزور', 'C5197', 1],
    ['في بلدة اللطامنة بريف حماة الشمالي', 'C3458', 1],
    ['في بلدة زملكا بريف دمشق', 'C2320', 1],
    ['في قرية كباني بريف اللاذقية', 'C3751', 1],
    ['في بلدة سلوك بريف الرقة الشمالي', 'C5843', 1],
  ],
  'names shared by several places, settled by the area named': [
    ['في بلدة ذيبان بريف دير الزور', 'C5202', 1],
    ['في قرية ذيبان بريف الرقة', 'C5832', 1],
    ['في بلدة ذيبان', 'C5202', 1],
    ['في مدينة القصير بريف حمص', 'C2733', 1],
    ['في مدينة دوما بريف دمشق', 'C2338', 1],
    ['في بلدة الكسوة بريف دمشق', 'C2280', 1],
    ['في قرية الكسرة بريف دير الزور', 'C5096', 1],
    ['في قرية الراعي بريف حلب الشمالي', 'C1250', 1],
    ['في قرية عين عيسى بريف الرقة', 'C5905', 1],
    ['في بلدة نوى', 'C6124', 1],
    ['في قرية نوى بريف حماة', 'C3255', 1],
    ['في حي الميدان بدمشق', 'C10011059', 1],
    ['في قرية اليرموك بريف الرقة', 'C5701', 1],
  ],
  'bare names: cities count, villages after a locative word': [
    ['في الرقة', 'C5710', 1],
    ['في دير الزور', 'C5086', 1],
    ['في حلب', 'C1007', 1],
    ['في إدلب', 'C3871', 1],
    ['في منبج', 'C1767', 1],
    ['في الشحيل بريف دير الزور', 'C5119', 1],
    ['في هجين', 'C5175', 1],
    ['من الطبقة', 'C5929', 1],
    ['إلى سراقب', 'C3916', 1],
    ['في تدمر', 'C2889', 1],
  ],
  'clitics on the place name or its cue': [
    ['بالرقة', 'C5710', 1],
    ['للرقة', 'C5710', 1],
    ['والرقة', 'C5710', 1],
    ['بمدينة الرقة', 'C5710', 1],
    ['لمدينة الرقة', 'C5710', 1],
    ['ولمدينة الرقة', 'C5710', 1],
    ['وبمدينة الميادين', 'C5192', 1],
    ['لبلدة الشحيل', 'C5119', 1],
    ['فبلدة الشحيل', 'C5119', 1],
    ['بريف الرقة', 'SY11', 3],
    ['وريف الرقة', 'SY11', 3],
    ['بحي المزة', 'C10011071', 1],
    ['بمخيم الهول', 'C4519', 1],
    ['وبالقرب من بلدة كفرنبل', 'C4068', 2],
  ],
  'spellings: hamza, alef, taa marbuta, alef maqsura, diacritics, tatweel': [
    ['في مدينة ادلب', 'C3871', 1],
    ['في مدينة الرقه', 'C5710', 1],
    ['في مدينة حماه', 'C2987', 1],
    ['في مدينة حماة', 'C2987', 1],
    ['في مدينة الرَّقَّة', 'C5710', 1],
    ['في مدينة الرقـــة', 'C5710', 1],
    ['في مدينة أريحا', 'C4278', 1],
    ['في مدينة اريحا', 'C4278', 1],
    ['في بلدة إنخل', 'C6058', 1],
    ['في مدينة معرة النعمان', 'C3985', 1],
    ['في مدينة معرّة النعمان', 'C3985', 1],
    ['في بلدة كفر نبل', 'C4068', 1],
    ['في مدينة جسر الشغور', 'C4199', 1],
  ],
  'names whose head reports write joined to the next word': [
    ['في قرية كفرصفرة', 'C1449', 1],
    ['في بلدة كفرتخاريم', 'C4157', 1],
    ['في بلدة تلتمر', 'C4409', 1],
  ],
  'names one letter off, announced by a cue word': [
    ['في قرية الشحيلي', 'C5119', 1],
    ['في قرية الكباني', 'C3751', 1],
    ['في قرية الهبيطة', 'C3989', 1],
    ['في بلدة الصنمينن', 'C6051', 1],
  ],
};

describe('place phrases', () => {
  for (const [family, rows] of Object.entries(TABLE)) {
    describe(family, () => {
      it.each(rows)('«%s» → %s at precision %i', (phrase, id, precision) => {
        const place = placeOf(phrase);
        expect({ id: place?.place.id, precision: place?.precision }).toEqual({ id, precision });
      });
    });
  }

  it('holds at least 150 phrases', () => {
    expect(Object.values(TABLE).flat().length).toBeGreaterThanOrEqual(150);
  });
});

describe('words that are place names too', () => {
  it.each([
    'اندلعت الثورة في عام 2011',
    'احتفل السكان بعيد الجلاء',
    'في شهر تشرين الأول',
    'حقق النصر على خصومه',
    'أعلن النظام أن الجيش',
    'على الطريق',
    'قال إن الأمن مستتب',
    'وجهاء القرية تدخلوا',
    'في المدينة بين قوات النظام والمعارضة',
    'العمر المتوقع',
  ])('reads no place in «%s»', (phrase) => {
    expect(placeOf(phrase)).toBeNull();
  });

  it.each([
    ['في مدينة الثورة', 'C5929'],
    ['في قرية تشرين بريف الرقة', 'C5731'],
    ['في بلدة الجلاء بريف دير الزور', 'C5178'],
    ['في قرية الحرية بريف حماة', 'C3198'],
  ])('reads «%s» with its cue word', (phrase, id) => {
    expect(placeOf(phrase)?.place.id).toBe(id);
  });
});

describe('areas named by mentions left out', () => {
  const located = (phrase: string, skip: (start: number) => boolean) => {
    const tokens = tokenize(normalizeForMatching(phrase).text);
    return locateMentions(gazetteer, tokens, splitSentences(tokens), (m) => skip(m.start));
  };
  // Our own sentence: a village none of whose namesakes is in Idlib, after where the speaker is (Idlib).
  const phrase = 'قالت مصادر في مدينة إدلب إن قصفا طال قرية زيادية';
  const village = (all: ReturnType<typeof located>) => all.find((l) => l.mention.start > 5);

  it('leaves a village outside the governorate of a mention that counts for the acts', () => {
    const all = located(phrase, () => false);
    expect(village(all)?.mention.candidates.some((p) => p.id === 'C1579')).toBe(true);
    expect(village(all)?.resolved).toBeNull();
  });

  it('places the village when that mention is left out: its areas count for the sentence, not its acts', () => {
    const all = located(phrase, (start) => start < 5);
    expect(village(all)?.resolved?.place.admin1Pcode).not.toBe('SY07');
    expect(village(all)?.resolved).not.toBeNull();
    expect(all.find((l) => l.mention.start < 5)?.resolved).toBeNull();
  });
});
