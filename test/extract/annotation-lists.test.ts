import { describe, expect, it } from 'vitest';
import {
  analyze,
  firstFrom,
  inADate,
  startingIn,
  within,
} from '../../src/extract/01-read/index.js';
import type { Annotation } from '../../src/extract/01-read/index.js';
import { shippedKnowledge } from '../../src/extract/index.js';

const report = [
  'قتل ثلاثة مدنيين وأصيب خمسة آخرون بقصف مدفعي لقوات النظام على بلدة كفرنبل بريف إدلب الجنوبي.',
  'وقال الدفاع المدني السوري إن فرقه انتشلت جثتين، فيما أطلق مسلحون مجهولون النار على شاب في مدينة درعا.',
].join('\n');

const analysis = analyze(
  { text: report, title: null, outlet: null, url: null, published: '2024-03-14' },
  shippedKnowledge().lexicon,
);
const { annotations } = analysis;
const lists: [string, readonly Annotation[]][] = [
  ['entities', annotations.entities],
  ['triggers', annotations.triggers],
  ['measures', annotations.measures],
  ['victims', annotations.victims],
  ['attribution', annotations.attribution],
  ['cues', annotations.cues],
  ['qualifiers', annotations.qualifiers],
  ['notFigures', annotations.notFigures],
  ['suicideCues', annotations.suicideCues],
  ['airCues', annotations.airCues],
];

describe('a report’s dictionary phrases', () => {
  it('are listed in text order, the longest first of those starting together', () => {
    // The report names phrases of several kinds, so that empty lists would not pass.
    expect(analysis.annotations.triggers.length).toBeGreaterThan(1);
    expect(analysis.annotations.entities.length).toBeGreaterThan(1);
    expect(analysis.annotations.cues.length).toBeGreaterThan(0);
    for (const [kind, list] of lists) {
      const sorted =
        kind === 'cues' || kind === 'suicideCues' || kind === 'airCues'
          ? [...list].sort((a, b) => a.start - b.start)
          : [...list].sort((a, b) => a.start - b.start || b.end - a.end);
      expect(list, kind).toEqual(sorted);
    }
  });

  it('are found from any token as a scan of the whole list finds them', () => {
    const n = analysis.tokens.length;
    for (const [kind, list] of lists)
      for (let from = 0; from <= n; from++) {
        const first = list.findIndex((a) => a.start >= from);
        expect(firstFrom(list, from), kind).toBe(first < 0 ? list.length : first);
        for (const to of [from, from + 3, n]) {
          const starting = list.filter((a) => a.start >= from && a.start < to);
          expect(startingIn(list, from, to), kind).toEqual(starting);
          expect(within(list, from, to), kind).toEqual(starting.filter((a) => a.end <= to));
        }
      }
  });
});

describe('phrases that start at one word', () => {
  const words = (list: readonly Annotation[]): string[] =>
    list.map((a) =>
      analysis.tokens
        .slice(a.start, a.end)
        .map((t) => t.text)
        .join(' '),
    );

  it('give way to the longest of them, a verb split from its object among the triggers', () => {
    // «بقصف» and «بقصف مدفعي», «الدفاع المدني» and «الدفاع المدني السوري»,
    // «مسلحون» and «مسلحون مجهولون» each start at one word: the longest stays.
    expect(words(annotations.triggers)).toEqual(['قتل', 'بقصف مدفعي', 'اطلق مسلحون مجهولون النار']);
    expect(words(annotations.entities)).toEqual([
      'مدنيين',
      'لقوات النظام',
      'الدفاع المدني السوري',
      'مسلحون مجهولون',
    ]);
  });
});

describe('a token inside a date', () => {
  const dated = analyze(
    {
      text: 'قصفت الطائرات يوم الأحد 12 آذار بلدة بنش، وعادت صباح أمس إلى قصفها في 3/3/2024.',
      title: null,
      outlet: null,
      url: null,
      published: '2024-03-14',
    },
    shippedKnowledge().lexicon,
  );

  it('is one that one of the report’s date expressions spans, and no other', () => {
    expect(dated.dates.length).toBeGreaterThan(1);
    const spanned = (i: number): boolean => dated.dates.some((d) => d.start <= i && i < d.end);
    for (let i = -1; i <= dated.tokens.length; i++) expect(inADate(dated, i)).toBe(spanned(i));
  });
});
