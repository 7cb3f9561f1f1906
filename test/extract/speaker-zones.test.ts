import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/extract/01-read/index.js';
import { readSpeakers } from '../../src/extract/02-speakers/index.js';
import { shippedKnowledge } from '../../src/extract/index.js';

/** A report of `count` sentences, each with a source that speaks (a speaker's zone each). */
function reportOfSpeakers(count: number): string {
  const sources = [
    'المرصد السوري لحقوق الإنسان',
    'الدفاع المدني السوري',
    'وكالة سانا',
    'مصادر محلية',
  ];
  const towns = ['كفرنبل', 'سرمين', 'أريحا', 'معرة النعمان', 'جسر الشغور'];
  return Array.from(
    { length: count },
    (_, k) =>
      `وقال ${sources[k % sources.length] ?? ''} إن ${String(2 + k)} مدنيين قتلوا بقصف على بلدة ${towns[k % towns.length] ?? ''} اليوم.`,
  ).join('\n');
}

function speakersOf(text: string): ReturnType<typeof readSpeakers> & { length: number } {
  const analysis = analyze(
    { text, title: null, outlet: null, url: null, published: '2024-03-14' },
    shippedKnowledge().lexicon,
  );
  return { ...readSpeakers(analysis), length: analysis.tokens.length };
}

describe('whether a word names or describes a speaker', () => {
  it.each([3, 20, 40])(
    'is answered alike from the zones of a report with %i speakers, however many they are',
    (count) => {
      const speakers = speakersOf(reportOfSpeakers(count));
      const { zones, length } = speakers;
      expect(zones.length).toBeGreaterThanOrEqual(count);
      const inZone = (i: number): boolean => zones.some((z) => i >= z.start && i < z.end);
      const asked = [...Array.from({ length }, (_, i) => i), -1, length, 2.5, length + 3];
      expect(asked.map((i) => speakers.describesSpeaker(i))).toEqual(asked.map(inZone));
      // Some words are a speaker's and some are not.
      expect(asked.filter(inZone).length).toBeGreaterThan(0);
      expect(asked.filter((i) => !inZone(i)).length).toBeGreaterThan(0);
    },
  );
});
