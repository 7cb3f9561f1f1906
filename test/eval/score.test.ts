import { describe, expect, it } from 'vitest';
import type { DocumentResult, Figure, Incident } from '../../src/contracts/index.js';
import { f1, finalScore, scoreDocument, zGold } from '../../src/eval/index.js';

/** Four civilians killed: the figure both claims of the test incident state. */
const fourKilled: Figure = {
  measure: 'killed',
  victim: 'CIV',
  count: 4,
  qualifier: 'exact',
  text: '',
  span: [0, 1],
};

function incident(overrides: Partial<Incident> = {}): Incident {
  return {
    id: 'i1',
    background: false,
    event_type: 'Explosions/Remote violence',
    sub_event_type: 'Air/drone strike',
    date: { start: '2024-03-14', end: '2024-03-14', precision: 'day', text: 'اليوم', span: [0, 5] },
    location: {
      text: 'بلدة كفرنبل',
      span: [0, 10],
      place_id: 'C4018',
      name_ar: 'كفرنبل',
      name_en: 'Kafr Nobol',
      admin1: 'Idleb',
      admin2: null,
      admin3: null,
      admin1_pcode: 'SY07',
      lat: 35.61,
      lon: 36.56,
      precision: 1,
      alternatives: [],
      chosen_by: 'only',
    },
    actors: [{ id: 'RUS', role: 'actor1', text: 'الطيران الروسي', span: [0, 1] }],
    claims: [
      { claimant: 'SOHR', claimant_text: 'المرصد', claimant_span: [0, 1], figures: [fourKilled] },
      { claimant: null, claimant_text: null, claimant_span: null, figures: [fourKilled] },
    ],
    fatalities: { low: 4, best: 4, high: 4 },
    civilian_targeting: true,
    tags: [],
    evidence: [],
    confidence: 0.8,
    ...overrides,
  };
}

function result(incidents: Incident[], tallies = 0): DocumentResult {
  return {
    document: {
      id: 'sha256:x',
      title: null,
      outlet: null,
      url: null,
      published: '2024-03-14',
      language: 'ar',
      text: '',
    },
    incidents,
    tallies: Array.from({ length: tallies }, () => ({
      claimant: null,
      period: null,
      figures: [],
      text: '',
      span: [0, 0] as [number, number],
    })),
    warnings: [],
    coded_warnings: [],
  };
}

const gold = zGold.parse({
  doc: 'test-1',
  published: '2024-03-14',
  incidents: [
    {
      key: 'strike',
      date: '2024-03-14',
      event_type: ['Explosions/Remote violence'],
      sub_event_type: ['Air/drone strike'],
      place: { lat: 35.6, lon: 36.55, admin1: 'Idleb', precision: 1 },
      actor1: ['RUS'],
      actor2: ['CIV'],
      figures: [{ claimant: 'SOHR', measure: 'killed', victim: ['CIV', null], count: 4 }],
    },
    {
      key: 'maybe',
      optional: true,
      date: null,
      event_type: ['Battles'],
      sub_event_type: null,
      place: null,
      actor1: null,
      actor2: null,
    },
    {
      key: 'old',
      background: true,
      date: null,
      place: { lat: 35.6, lon: 36.55, precision: 3, admin1: 'Idleb' },
    },
  ],
  tallies: 1,
});

describe('scoreDocument', () => {
  it('pairs incidents, scores fields and figures, and forgives restatements', () => {
    const s = scoreDocument(result([incident()], 1), gold);
    expect(s.incidents).toEqual({ tp: 1, fp: 0, fn: 0 });
    expect(s.fields.date).toEqual({ hit: 1, total: 1 });
    expect(s.fields.place).toEqual({ hit: 1, total: 1 });
    expect(s.fields.actor1).toEqual({ hit: 1, total: 1 });
    expect(s.fields.actor2).toEqual({ hit: 0, total: 1 });
    // The unattributed 4 repeats SOHR's matched figure: not a false positive.
    expect(s.figures).toEqual({ tp: 1, fp: 0, fn: 0 });
    expect(s.tallies).toEqual({ found: 1, gold: 1 });
  });

  it('does not pair incidents more than 30 km or 2 days apart', () => {
    const base = incident().location;
    if (base === null) throw new Error('the test incident has a location');
    const far = incident({ location: { ...base, lat: 36.2, lon: 37.1 } });
    const late = incident({ date: { ...incident().date, start: '2024-03-20', end: '2024-03-20' } });
    const strictGold = { ...gold, incidents: gold.incidents.filter((g) => g.key === 'strike') };
    expect(scoreDocument(result([far]), strictGold).incidents).toEqual({ tp: 0, fp: 1, fn: 1 });
    expect(scoreDocument(result([late]), strictGold).incidents).toEqual({ tp: 0, fp: 1, fn: 1 });
  });

  it('neither rewards nor punishes a prediction paired with an optional incident', () => {
    const clash = incident({
      id: 'i2',
      event_type: 'Battles',
      sub_event_type: 'Armed clash',
      actors: [],
      claims: [],
    });
    const s = scoreDocument(result([incident(), clash]), gold);
    expect(s.incidents).toEqual({ tp: 1, fp: 0, fn: 0 });
  });

  it('counts a missed incident and an extra one', () => {
    expect(scoreDocument(result([]), gold).incidents).toEqual({ tp: 0, fp: 0, fn: 1 });
  });

  it('pairs background incidents with background ones only', () => {
    const old = incident({ id: 'i3', background: true, claims: [] });
    const s = scoreDocument(result([incident(), old]), gold);
    expect(s.background).toEqual({ hit: 2, total: 2 });
    expect(s.incidents.fp).toBe(0);
  });
});

describe('finalScore', () => {
  it('is the mean of incident F1, date, place, sub-event type, actor1 and figures F1', () => {
    const s = scoreDocument(result([incident()], 1), gold);
    expect(finalScore(s)).toBeCloseTo(1, 5);
    expect(f1({ tp: 1, fp: 1, fn: 0 }).f1).toBeCloseTo(2 / 3, 5);
  });
});
