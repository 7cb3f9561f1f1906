import { describe, expect, it } from 'vitest';
import type { Note } from '../../src/contracts/index.js';
import { extract, shippedKnowledge } from '../../src/extract/index.js';
import { sameAct, type LinkIncident } from '../../src/link/index.js';
import { linkNotes, readingNotes } from '../../src/service/index.js';

const read = (text: string, published: string | null) =>
  extract({ text, title: null, outlet: null, url: null, published });

function linked(key: string, text: string, published: string): LinkIncident {
  const incident = read(text, published).incidents[0];
  if (incident === undefined) throw new Error(`no incident in ${text}`);
  return { key: `${key}#i1`, document: key, published, incident };
}

const codes = (notes: readonly Note[]) => notes.map((n) => n.code);

/** The notes of a reading, as the add-report preview makes them. */
const notesOf = (result: ReturnType<typeof read>) =>
  readingNotes(result.warnings, result.coded_warnings);

describe('why a report was linked, read back into codes', () => {
  it('reads the reasons linking makes: same place, day and type', () => {
    const a = linked(
      'a',
      'قتل ثلاثة مدنيين يوم 3 تشرين الأول 2024 بقصف مدفعي على بلدة سرمين في ريف إدلب.',
      '2024-10-04',
    );
    const b = linked(
      'b',
      'سقط ثلاثة قتلى مدنيين في 3 تشرين الأول 2024 إثر قصف مدفعي طال بلدة سرمين بريف إدلب.',
      '2024-10-04',
    );
    const notes = linkNotes(sameAct(a, b)?.reasons ?? []);
    expect(codes(notes)).toEqual(['link.samePlace', 'link.sameDay', 'link.sameType']);
    expect(notes[0]?.values).toEqual({
      place: { kind: 'place', id: 'C3953', en: 'Sarmin', ar: null },
    });
    expect(notes[1]?.values).toEqual({ date: { kind: 'date', date: '2024-10-03' } });
    expect(notes[2]?.values).toEqual({
      type: { kind: 'type', type: 'Shelling/artillery/missile attack' },
    });
  });

  it('reads a town inside a governorate and a doer both reports name', () => {
    const town = linked(
      'a',
      'قتل مدنيان يوم 3 تشرين الأول 2024 بقصف مدفعي لقوات النظام على مدينة سراقب بريف إدلب.',
      '2024-10-04',
    );
    const area = linked(
      'b',
      'قتل مدنيان يوم 3 تشرين الأول 2024 بقصف صاروخي لقوات النظام على محافظة إدلب.',
      '2024-10-05',
    );
    const notes = linkNotes(sameAct(town, area)?.reasons ?? []);
    expect(codes(notes)).toEqual(['link.within', 'link.sameDay', 'link.sameType', 'link.sameDoer']);
    expect(notes[0]?.values).toEqual({
      place: { kind: 'place', id: null, en: 'Saraqab', ar: null },
      area: { kind: 'place', id: null, en: 'Idlib', ar: null },
    });
    expect(notes[3]?.values).toEqual({ actor: { kind: 'actor', id: 'SYR-GOV' } });
    // With the gazetteer, both places get their Arabic names.
    const [within] = linkNotes(sameAct(town, area)?.reasons ?? [], shippedKnowledge().gazetteer);
    expect(within?.values).toMatchObject({
      place: { en: 'Saraqab', ar: 'سراقب' },
      area: { en: 'Idlib', ar: 'إدلب' },
    });
  });

  it('names places in Arabic from the gazetteer: a district, a place by its id, one inside its area', () => {
    const { gazetteer } = shippedKnowledge();
    const uses = new Map<string, number>();
    for (const p of gazetteer.places) uses.set(p.nameEn, (uses.get(p.nameEn) ?? 0) + 1);
    const once = (en: string) => uses.get(en) === 1;
    // A district and a village in it, each the only place of its English name: both get their ids.
    const district = gazetteer.places.find((p) => p.kind === 'district' && once(p.nameEn));
    const village = gazetteer.places.find(
      (p) => p.kind === 'community' && p.admin2Pcode === district?.id && once(p.nameEn),
    );
    if (district === undefined || village === undefined) throw new Error('no district');
    const [inDistrict, same] = linkNotes(
      [`${village.nameEn} lies in ${district.nameEn}`, 'same place C3953 (Sarmin)'],
      gazetteer,
    );
    expect(inDistrict?.values).toEqual({
      place: { kind: 'place', id: village.id, en: village.nameEn, ar: village.nameAr },
      area: { kind: 'place', id: district.id, en: district.nameEn, ar: district.nameAr },
    });
    expect(same?.values).toEqual({
      place: { kind: 'place', id: 'C3953', en: 'Sarmin', ar: 'سرمين' },
    });
  });

  it('leaves a place without an Arabic name where the gazetteer knows none or several', () => {
    const [note] = linkNotes(['Nowhere Town lies in Idlib'], shippedKnowledge().gazetteer);
    expect(note?.values).toEqual({
      place: { kind: 'place', id: null, en: 'Nowhere Town', ar: null },
      area: { kind: 'place', id: null, en: 'Idlib', ar: 'إدلب' },
    });
  });

  it('reads nearby points, kindred types and a night between two days', () => {
    const notes = linkNotes([
      '3.2 km apart',
      'Air/drone strike and Shelling/artillery/missile attack',
      'a day apart across a night (2024-10-03, 2024-10-04)',
    ]);
    expect(notes.map((n) => [n.code, n.values])).toEqual([
      ['link.nearby', { km: { kind: 'number', value: 3.2 } }],
      [
        'link.kindredTypes',
        {
          first: { kind: 'type', type: 'Air/drone strike' },
          second: { kind: 'type', type: 'Shelling/artillery/missile attack' },
        },
      ],
      [
        'link.acrossNight',
        {
          first: { kind: 'date', date: '2024-10-03' },
          second: { kind: 'date', date: '2024-10-04' },
        },
      ],
    ]);
  });

  it('reads a join a person made, naming them', () => {
    expect(linkNotes(['joined by editor'])).toEqual([
      {
        code: 'link.joinedBy',
        values: { name: { kind: 'quote', text: 'editor' } },
        text: 'joined by editor',
      },
    ]);
  });

  it('keeps a reason of a shape it does not know as made, with code other', () => {
    expect(linkNotes(['the moon was full'])).toEqual([
      { code: 'other', values: {}, text: 'the moon was full' },
    ]);
  });
});

describe('what a reading warns of, read back into codes', () => {
  it('reads a weekday that contradicts its date, with the report date', () => {
    const result = read(
      'قتل ثلاثة مدنيين يوم الجمعة 3 تشرين الأول 2024 بقصف مدفعي على بلدة سرمين في ريف إدلب.',
      '2024-10-04',
    );
    const [note] = readingNotes(result.warnings, result.coded_warnings);
    expect(note?.code).toBe('reading.weekdayContradictsReport');
    expect(note?.values).toMatchObject({
      said: { kind: 'weekday', day: 5 },
      actual: { kind: 'weekday', day: 4 },
      date: { kind: 'date', date: '2024-10-03' },
      published: { kind: 'date', date: '2024-10-04' },
    });
  });

  it('reads a report with no publication date and places the gazetteer lacks', () => {
    expect(codes(notesOf(read('قتل رجلان أمس بغارة جوية على قرية الزعفرانة.', null)))).toContain(
      'reading.noPublished',
    );
    const unlisted = notesOf(
      read('قتل رجلان بغارة جوية على قرية كفرعويد العليا في جبل الزاوية.', '2024-10-04'),
    );
    expect(unlisted.length).toBeGreaterThan(0);
    for (const note of unlisted) {
      expect(note.code).toMatch(/^reading\.unlisted(NoPlace|Placed)$/);
      expect(note.values['incident']).toEqual({ kind: 'number', value: 1 });
    }
  });

  it('reads the other warnings by their shapes', () => {
    const notes = readingNotes(
      [
        'date «يوم 3 و4 تشرين الأول»: the text names both 2024-10-03 and 2024-10-04 for one day; kept 2024-10-03',
        'date «الجمعة 3 تشرين الأول»: the text names Friday for 2024-10-03, which is a Thursday; kept 2024-10-03',
        "place «سرمبن» read as «سرمين» (C3953), one letter off the gazetteer's spelling",
        'incident i2: place «تلة الزيتون» is not in the gazetteer (wathiq gazetteer add); placed at «سرمين» (Sarmin), precision 2',
        'place «تلة الزيتون» is not in the gazetteer',
        '3 byte sequence(s) that are not UTF-8 replaced by U+FFFD; the rest is UTF-8',
      ],
      [
        { code: 'dates_disagree', date: '2024-10-03' },
        { code: 'weekday_contradicts', date: '2024-10-03' },
      ],
    );
    expect(codes(notes)).toEqual([
      'reading.datesDisagree',
      'reading.weekdayContradicts',
      'reading.spelling',
      'reading.unlistedPlaced',
      'reading.unlisted',
      'reading.strayBytes',
    ]);
    expect(notes[1]?.values).toMatchObject({
      said: { kind: 'weekday', day: 5 },
      actual: { kind: 'weekday', day: 4 },
    });
    expect(notes[3]?.values).toEqual({
      incident: { kind: 'number', value: 2 },
      place: { kind: 'quote', text: 'تلة الزيتون' },
      at: { kind: 'quote', text: 'سرمين' },
      precision: { kind: 'precision', level: 2 },
    });
  });

  it('keeps a note naming a weekday it does not know as made, not as a Sunday', () => {
    const notes = readingNotes(
      [
        'date «يوم العيد 3 تشرين الأول»: the text names Feastday for 2024-10-03, which is a Thursday; kept 2024-10-03',
        'date «الجمعة 3 تشرين الأول»: the text names Friday for 2024-10-03, which is a Thursdai (report date 2024-10-04); kept 2024-10-03',
      ],
      [
        { code: 'weekday_contradicts', date: '2024-10-03' },
        { code: 'weekday_contradicts', date: '2024-10-03' },
      ],
    );
    expect(notes.map((n) => n.code)).toEqual(['other', 'other']);
    for (const note of notes) expect(note.values).toEqual({});
  });

  it('knows a date warning by the code extraction gave it, not by its words', () => {
    const weekdayWords =
      'date «الجمعة 3 تشرين الأول»: the text names Friday for 2024-10-03, which is a Thursday; kept 2024-10-03';
    // Words of the shape with no code, a code of another kind, or a code for another day: as made.
    expect(codes(readingNotes([weekdayWords], []))).toEqual(['other']);
    expect(
      codes(readingNotes([weekdayWords], [{ code: 'dates_disagree', date: '2024-10-03' }])),
    ).toEqual(['other']);
    expect(
      codes(readingNotes([weekdayWords], [{ code: 'weekday_contradicts', date: '2024-10-04' }])),
    ).toEqual(['other']);
    // One code takes one warning: the same words twice with one code behind them.
    expect(
      codes(
        readingNotes(
          [weekdayWords, weekdayWords],
          [{ code: 'weekday_contradicts', date: '2024-10-03' }],
        ),
      ),
    ).toEqual(['reading.weekdayContradicts', 'other']);
  });

  it('reads the two dates a report names for one day, from its code', () => {
    const result = read(
      'قتل ثلاثة مدنيين يوم 3 تشرين الأول 2024 الموافق 5 تشرين الأول 2024 بقصف مدفعي على بلدة سرمين في ريف إدلب.',
      '2024-10-06',
    );
    expect(result.coded_warnings.map((w) => w.code)).toContain('dates_disagree');
    const notes = notesOf(result);
    expect(codes(notes)).toContain('reading.datesDisagree');
  });
});
