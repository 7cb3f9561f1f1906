import { describe, expect, it } from 'vitest';
import type { Change } from '../../web/src/api/types.js';
import { describeChange, groupChanges } from '../../web/src/event/history.js';

const change = (fields: Partial<Change>): Change => ({
  id: 1,
  at: '2024-10-15T10:00:00Z',
  by: 'editor',
  action: 'correct',
  kind: 'correction',
  key: {},
  before: null,
  after: null,
  reason: null,
  reverts: null,
  event: 'ev:1',
  group: 1,
  ...fields,
});

describe("an event's history as a documenter reads it", () => {
  it('names a corrected place by its name in the chosen language, the machine reading before it', () => {
    const place = change({
      key: { incident: 'doc#i1', field: 'event.place' },
      after: { name_ar: 'سراقب', name_en: 'Saraqab', lat: 35.86, lon: 36.8 },
    });
    expect(describeChange(place, 'en')).toEqual({
      what: 'Place',
      before: "the machine's reading",
      after: 'Saraqab',
      revert: false,
    });
    expect(describeChange(place, 'ar').after).toBe('سراقب');
  });

  it('tells a report withdrawn from the event, and restored, in words', () => {
    const withdrawn = change({
      kind: 'report',
      action: 'report.withdraw',
      key: { report: 'sha256:abc' },
      before: { withdrawn: false },
      after: { withdrawn: true },
    });
    expect(describeChange(withdrawn, 'en')).toEqual({
      what: 'A report',
      before: 'in use',
      after: 'withdrawn',
      revert: false,
    });
    expect(describeChange(withdrawn, 'ar').after).toBe('مسحوب');
  });

  it('writes a status by its label and a date as the language writes it', () => {
    const status = change({
      kind: 'status',
      action: 'status',
      before: 'unreviewed',
      after: 'reviewed',
    });
    expect(describeChange(status, 'en')).toMatchObject({
      what: 'Review status',
      before: 'Unreviewed',
      after: 'Reviewed',
    });
    const date = change({
      key: { incident: 'doc#i1', field: 'event.date' },
      after: { start: '2024-10-14', end: '2024-10-14', precision: 'day' },
    });
    expect(describeChange(date, 'en').after).toMatch(/^Monday,? 14 October 2024$/);
    expect(describeChange(date, 'ar').after).toMatch(/[\u0660-\u0669]/);
  });

  it("names a figure's claimant and what it counts, and the count in the language's digits", () => {
    const figure = change({
      key: { incident: 'doc#i1', field: 'figure:SOHR|killed|CIV' },
      before: null,
      after: { count: 12 },
    });
    const en = describeChange(figure, 'en');
    expect(en.what).toBe('Count: Syrian Observatory for Human Rights · killed · civilians');
    expect(en.after).toBe('12');
    expect(describeChange(figure, 'ar').after).toBe('١٢');
  });

  it('names a corrected claimant, the one the machine read before it', () => {
    const renamed = change({
      key: { incident: 'doc#i1', field: 'claimant:SOHR' },
      after: { claimant: 'SNHR' },
    });
    const text = describeChange(renamed, 'en');
    expect(text.what).toBe('Claimant: Syrian Observatory for Human Rights');
    expect(text.before).toBe('Syrian Observatory for Human Rights');
    expect(text.after).toBe('Syrian Network for Human Rights');
    expect(describeChange({ ...renamed, after: { claimant: null } }, 'ar').after).toBe(
      'الوسيلة نفسها',
    );
  });

  it('says a split, a join and a revert in words, never as JSON', () => {
    const split = change({
      kind: 'decision',
      action: 'split',
      key: { a: 'doc1#i1', b: 'doc2#i1' },
      after: { same: false, by: 'editor', at: null },
    });
    expect(describeChange(split, 'en')).toMatchObject({
      what: 'Split off the event',
      after: 'different acts',
    });
    const undone = change({
      kind: 'decision',
      action: 'revert',
      reverts: 7,
      key: { a: 'doc1#i1', b: 'doc2#i1' },
      before: { same: true, by: 'editor', at: null },
      after: null,
    });
    const text = describeChange(undone, 'en');
    expect(text.revert).toBe(true);
    expect(Object.values(text).join(' ')).not.toMatch(/[{}"]/);
  });
});

describe('a change a person made at once is one row', () => {
  const split = (id: number, other: string, group: number) =>
    change({
      id,
      group,
      kind: 'decision',
      action: 'split',
      key: { a: 'doc3#i1', b: other },
      after: { same: false, by: 'editor', at: null },
      reason: 'another act',
    });

  it('groups the changes the server gave one group: a split, one decision against each other report', () => {
    const status = change({ id: 9, group: 5, kind: 'status', action: 'status', after: 'verified' });
    const groups = groupChanges([status, split(8, 'doc1#i1', 4), split(7, 'doc2#i1', 4)]);
    expect(groups.map((g) => g.map((c) => c.id))).toEqual([[9], [8, 7]]);
  });

  it('keeps apart changes of other groups however alike, and gathers a group whose entries another interleaves', () => {
    expect(
      groupChanges([split(8, 'doc1#i1', 3), split(7, 'doc2#i1', 2), split(6, 'doc2#i1', 1)]).map(
        (g) => g.length,
      ),
    ).toEqual([1, 1, 1]);
    // Two requests at once on a server database: their entries' ids may interleave.
    const mixed = groupChanges([
      split(8, 'doc1#i1', 2),
      split(7, 'doc2#i1', 1),
      split(6, 'doc4#i1', 2),
    ]);
    expect(mixed.map((g) => g.map((c) => c.id))).toEqual([[8, 6], [7]]);
  });
});
