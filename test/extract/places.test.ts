import { describe, expect, it } from 'vitest';
import { only, read } from './helpers.js';

describe('where an incident happened', () => {
  it('falls back to the countryside for a village the gazetteer lacks, and says so', () => {
    const result = read('قتل ثلاثة مدنيين بقصف على قرية مزرعة الزيتونة بريف الرقة الشرقي اليوم.');
    expect(only(result).location).toMatchObject({ place_id: 'SY11', precision: 3 });
    expect(result.warnings).toContainEqual(
      expect.stringMatching(/«قرية مزرعة الزيتونة» is not in the gazetteer .* precision 3/),
    );
  });

  it('shows the place chosen among namesakes, why, and the runner-up', () => {
    const location = only(read('قتل مدني بقصف على بلدة ذيبان بريف دير الزور اليوم.')).location;
    expect(location).toMatchObject({ place_id: 'C5202', chosen_by: 'sentence' });
    expect(location?.alternatives[0]).toMatchObject({ place_id: 'C5832', admin1: 'Ar-Raqqa' });
  });

  it('reads a name one letter off and warns that it did', () => {
    const result = read('قتل مدنيان بقصف على قرية الشحيلي بريف دير الزور اليوم.');
    expect(only(result).location?.place_id).toBe('C5119');
    expect(result.warnings).toContainEqual(expect.stringMatching(/«الشحيلي» read as «الشحيل»/));
  });

  it('places an act at a facility near its town', () => {
    const location = only(read('قتل سجين في هجوم على سجن الصناعة في مدينة الحسكة اليوم.')).location;
    expect(location).toMatchObject({ place_id: 'C4360', precision: 2 });
  });

  it('does not place a protest where the act it denounces was', () => {
    const result = read(
      'خرجت مظاهرات اليوم في مدن السويداء وشهبا وصلخد، حيث رفع المتظاهرون لافتات تندد بقصف مدينة درعا.',
    );
    expect(result.incidents.map((i) => i.location?.name_en)).toEqual([
      'As-Sweida',
      'Shahba',
      'Salkhad',
    ]);
  });

  it('places a protest of a town’s people in the town, not its countryside', () => {
    const incident = only(
      read('خرج أهالي مدينة منبج بريف حلب الشرقي في مظاهرة اليوم احتجاجا على اعتقال 20 شابا.'),
    );
    expect(incident.location).toMatchObject({ place_id: 'C1767', precision: 1 });
    expect(incident.claims.flatMap((c) => c.figures)).toEqual([]);
  });

  it('places an act on a road between two towns by the other places named, not its ends', () => {
    const incident = only(
      read(
        'خرجت مظاهرات اليوم في قرى ريف منبج الشرقي، وقطع المتظاهرون الطريق الدولي حلب - القامشلي.',
      ),
    );
    expect(incident.location).toMatchObject({ place_id: 'SY0205', precision: 3 });
  });

  it('does not place an act where its quoted speaker works', () => {
    const incident = only(
      read(
        'وقال مدير إدارة الأمن العام في محافظة حماة "هاجمت مجموعات مسلحة حواجزنا في ريف حمص الغربي اليوم وقتل عنصران من قواتنا".',
      ),
    );
    expect(incident.location).toMatchObject({ place_id: 'SY04', precision: 3 });
  });

  it('puts an act at «تلك المنطقة» where the clause before it was', () => {
    const result = read(
      'شنت طائرات روسية غارات على محاور بلدة كباني بريف اللاذقية اليوم، كما شنت طائرات سورية غارات أخرى على تلك المنطقة.',
    );
    const places = result.incidents.map((i) => i.location?.place_id);
    expect(places).toEqual(['C3751', 'C3751']);
  });
});
