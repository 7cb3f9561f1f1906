import { describe, expect, it } from 'vitest';
import { segments } from '../../web/src/evidence/segments.js';

const text = 'قتل خمسة مدنيين في مدينة أريحا اليوم';

function spanOf(words: string): [number, number] {
  const start = text.indexOf(words);
  return [start, start + words.length];
}

describe('evidence runs', () => {
  it('gives back the whole text, in order, whatever the spans', () => {
    const runs = segments(text, [
      { field: 'place', span: spanOf('مدينة أريحا') },
      { field: 'claim:0', span: spanOf('خمسة مدنيين') },
    ]);
    expect(runs.map((r) => r.text).join('')).toBe(text);
  });

  it('marks the words of each field and no others', () => {
    const runs = segments(text, [{ field: 'place', span: spanOf('مدينة أريحا') }]);
    const lit = runs.filter((r) => r.fields.includes('place'));
    expect(lit.map((r) => r.text).join('')).toBe('مدينة أريحا');
    expect(runs.filter((r) => r.fields.length === 0).map((r) => r.text)).toEqual([
      'قتل خمسة مدنيين في ',
      ' اليوم',
    ]);
  });

  it('splits overlapping spans so a run names every field it belongs to', () => {
    const runs = segments(text, [
      { field: 'event', span: spanOf('قتل خمسة مدنيين') },
      { field: 'claim:0', span: spanOf('خمسة مدنيين') },
    ]);
    expect(runs.find((r) => r.text === 'خمسة مدنيين')?.fields).toEqual(['event', 'claim:0']);
    expect(runs.find((r) => r.text === 'قتل ')?.fields).toEqual(['event']);
  });

  it('clips spans that run past the text and drops empty ones', () => {
    const runs = segments('نص', [
      { field: 'a', span: [1, 99] },
      { field: 'b', span: [2, 2] },
    ]);
    expect(runs).toEqual([
      { text: 'ن', start: 0, fields: [] },
      { text: 'ص', start: 1, fields: ['a'] },
    ]);
  });

  it('keeps markup in a report as plain characters', () => {
    const hostile = '<img src=x onerror=alert(1)> قتل';
    expect(segments(hostile, []).map((r) => r.text)).toEqual([hostile]);
  });
});
