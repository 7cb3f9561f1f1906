import { describe, expect, it } from 'vitest';
import { linkNotes, readingNotes } from '../../src/service/index.js';
import { noteText, shownAsMade } from '../../web/src/notes.js';
import { shippedKnowledge } from '../../src/extract/index.js';

const sarmin = { id: 'C3953', name_ar: 'سرمين', name_en: 'Sarmin' };
const latin = /[a-z]/i;

describe('notes in the reader’s language', () => {
  it('says why a report was linked in Arabic, naming places, days, types and doers', () => {
    const [place, day, type, doer] = linkNotes([
      'same place C3953 (Sarmin)',
      'same day 2024-10-03',
      'both Shelling/artillery/missile attack',
      'both by SYR-GOV',
    ]).map((n) => noteText('ar', n, [sarmin]));
    expect(place).toBe('المكان نفسه: سرمين');
    expect(day).toContain('الخميس');
    for (const text of [place, day, type, doer]) expect(text).not.toMatch(latin);
  });

  it('names a place by its English name in English, and keeps it where no Arabic is known', () => {
    const [note] = linkNotes(['Saraqab lies in Idlib']);
    if (note === undefined) throw new Error('no note');
    expect(noteText('en', note, [])).toBe('Saraqab lies in Idlib');
    const idlib = { id: 'SY07', name_ar: 'إدلب', name_en: 'Idlib' };
    const saraqab = { id: 'C3916', name_ar: 'سراقب', name_en: 'Saraqab' };
    expect(noteText('ar', note, [saraqab, idlib])).toBe('سراقب تقع في إدلب');
  });

  it('names a place no report shows by the Arabic name the gazetteer gave it, never in English', () => {
    const [named] = linkNotes(['Saraqab lies in Idlib'], shippedKnowledge().gazetteer);
    if (named === undefined) throw new Error('no note');
    // Only the town is among the places shown: the governorate's Arabic name came with the note.
    const saraqab = { id: 'C3916', name_ar: 'سراقب', name_en: 'Saraqab' };
    expect(noteText('ar', named, [saraqab])).toBe('سراقب تقع في إدلب');
    expect(noteText('ar', named, [])).toBe('سراقب تقع في إدلب');
    expect(noteText('en', named, [])).toBe('Saraqab lies in Idlib');
    // A place the gazetteer does not know by that name is said to be so, in Arabic.
    const [unknown] = linkNotes(['Nowhere Town lies in Idlib'], shippedKnowledge().gazetteer);
    if (unknown === undefined) throw new Error('no note');
    const text = noteText('ar', unknown, []);
    expect(text).toContain('تقع في إدلب');
    expect(text).not.toMatch(latin);
  });

  it('tells which notes are shown as made, for their own direction', () => {
    const [known, made] = readingNotes(
      [
        '3 byte sequence(s) that are not UTF-8 replaced by U+FFFD; the rest is UTF-8',
        'something new',
      ],
      [],
    );
    if (known === undefined || made === undefined) throw new Error('no notes');
    expect(shownAsMade(known)).toBe(false);
    expect(shownAsMade(made)).toBe(true);
  });

  it('says a reading’s notes in Arabic with Arabic digits, quoting the report as written', () => {
    const [weekday, unlisted, stray] = readingNotes(
      [
        'date «الجمعة 3 تشرين الأول»: the text names Friday for 2024-10-03, which is a Thursday (report date 2024-10-04); kept 2024-10-03',
        'incident i2: place «تلة الزيتون» is not in the gazetteer (wathiq gazetteer add); placed at «سرمين» (Sarmin), precision 2',
        '3 byte sequence(s) that are not UTF-8 replaced by U+FFFD; the rest is UTF-8',
      ],
      [{ code: 'weekday_contradicts', date: '2024-10-03' }],
    ).map((n) => noteText('ar', n));
    expect(weekday).toContain('الجمعة');
    expect(weekday).toContain('الخميس');
    expect(weekday).not.toMatch(latin);
    expect(unlisted).toContain('الحادثة ٢');
    expect(unlisted).toContain('«تلة الزيتون»');
    expect(unlisted).toContain('قرب المكان أو جزء منه');
    expect(stray).toContain('٣');
  });

  it('shows a note of a shape not known as it was made', () => {
    const [note] = readingNotes(['something new'], []);
    if (note === undefined) throw new Error('no note');
    expect(noteText('ar', note)).toBe('something new');
  });
});
