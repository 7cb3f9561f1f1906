import { describe, expect, it } from 'vitest';
import { readAct } from '../../src/extract/05-acts/index.js';
import { readReportFrames, shippedKnowledge } from '../../src/extract/index.js';

/** Every clause's frame, beside the act reading of its clause, for a report of our own. */
function framesOf(text: string) {
  const document = { text, title: null, outlet: null, url: null, published: '2024-03-14' };
  const { analysis, frames } = readReportFrames(document, shippedKnowledge());
  return frames.map((frame) => ({
    frame,
    act: readAct(analysis, frame.clause, frame.figures.length > 0, frame.places.length > 0),
  }));
}

describe('readFrames', () => {
  it('gives each frame every field its act reading has, with the same values', () => {
    const read = framesOf(
      'قتل ثلاثة مدنيين بقصف مدفعي على بلدة كفرنبل أمس. وفي سياق آخر، اعتقلت دورية شابين في مدينة درعا.',
    );
    expect(read.length).toBeGreaterThan(1);
    for (const { frame, act } of read) {
      for (const [field, value] of Object.entries(act))
        expect(frame[field as keyof typeof frame], field).toEqual(value);
    }
  });
});
