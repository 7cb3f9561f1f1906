import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Event, EventClaim, Figure, Location } from '../../src/contracts/index.js';
import { shippedKnowledge } from '../../src/extract/index.js';
import { eventWriter } from '../../src/store/index.js';
import type { ReportIndex } from '../../src/store/index.js';

const lexicon = shippedKnowledge().lexicon;

interface Codebook {
  readonly columns: string[];
  readonly patterns: Record<string, string>;
  readonly values: Record<string, string[]>;
}

function codebook(name: string): Codebook {
  return JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8')) as Codebook;
}

function place(over: Partial<Location>): Location {
  return {
    text: 'بلدة سراقب',
    span: [0, 10],
    place_id: 'C4172',
    name_ar: 'سراقب',
    name_en: 'Saraqib',
    admin1: 'Idleb',
    admin2: 'Idleb',
    admin3: 'Saraqab',
    admin1_pcode: 'SY07',
    lat: 35.8623,
    lon: 36.8,
    precision: 1,
    alternatives: [],
    chosen_by: 'only',
    ...over,
  };
}

function killed(count: number, victim: string | null): Figure {
  return { measure: 'killed', victim, count, qualifier: 'exact', text: '', span: [0, 1] };
}

function claim(claimant: string | null, figures: Figure[], party = false): EventClaim {
  return {
    claimant,
    claimant_text: null,
    claimant_span: null,
    figures,
    document: 'sha256:r1',
    outlet: 'شبكة أ',
    party,
  };
}

function event(over: Partial<Event>): Event {
  return {
    id: 'ev:00000000000000000001',
    event_type: 'Explosions/Remote violence',
    sub_event_type: 'Shelling/artillery/missile attack',
    date: { start: '2024-03-14', end: '2024-03-14', precision: 'day' },
    location: place({}),
    actor1: null,
    actor2: null,
    assoc1: [],
    assoc2: [],
    members: [
      {
        incident: 'sha256:r1#i1',
        document: 'sha256:r1',
        outlet: 'شبكة أ',
        url: null,
        linked_by: [],
      },
    ],
    claims: [],
    fatalities: null,
    civilian_targeting: false,
    review_status: 'unreviewed',
    ...over,
  };
}

/** Written for these tests: a shelling of civilians, a clash over four days, an air strike in Iraq, a protest of no known date. */
const EVENTS = {
  shelling: event({
    id: 'ev:shelling',
    actor1: 'SYR-GOV',
    actor2: 'CIV',
    civilian_targeting: true,
    claims: [claim('SCD', [killed(2, 'CIV')])],
    fatalities: { low: 2, best: 2, high: 2 },
  }),
  clash: event({
    id: 'ev:clash',
    event_type: 'Battles',
    sub_event_type: 'Armed clash',
    date: { start: '2024-06-03', end: '2024-06-06', precision: 'week' },
    location: place({ precision: 2 }),
    actor1: 'SDF',
    actor2: 'ISIS',
    claims: [
      claim('SOHR', [killed(3, 'SDF'), killed(5, 'ISIS')]),
      claim('SDF', [killed(10, 'ISIS')], true),
    ],
    fatalities: { low: 8, best: 8, high: 10 },
    members: [
      {
        incident: 'sha256:r1#i1',
        document: 'sha256:r1',
        outlet: 'شبكة أ',
        url: null,
        linked_by: [],
      },
      {
        incident: 'sha256:r2#i1',
        document: 'sha256:r2',
        outlet: 'الجزيرة',
        url: null,
        linked_by: ['same place'],
      },
    ],
  }),
  iraq: event({
    id: 'ev:iraq',
    sub_event_type: 'Air/drone strike',
    location: place({
      place_id: 'geonames:99',
      name_en: 'Al-Qaim',
      admin1: 'Anbar',
      admin2: null,
      admin3: null,
      admin1_pcode: 'geonames:IQ.01',
      lat: 34.3,
      lon: 41.1,
    }),
    actor1: 'COALITION',
    actor2: 'ISIS',
    claims: [claim(null, [killed(4, 'ISIS')])],
    fatalities: { low: 4, best: 4, high: 4 },
  }),
  protest: event({
    id: 'ev:protest',
    event_type: 'Protests',
    sub_event_type: 'Peaceful protest',
    date: { start: null, end: null, precision: 'unknown' },
    location: null,
    actor1: 'PROTESTERS',
  }),
  kafrSousa: event({
    id: 'ev:kafr-sousa',
    location: place({
      place_id: 'C10011010',
      name_en: 'Kafar Soussa',
      admin1: 'Damascus',
      admin2: 'Damascus',
      admin3: 'Damascus',
      admin1_pcode: 'SY01',
    }),
  }),
};

function rows(
  format: 'acled' | 'ucdp',
  reports?: ReportIndex,
  events: readonly Event[] = Object.values(EVENTS),
  captureHashes = false,
): Record<string, string>[] {
  const writer = eventWriter(format, {
    lexicon,
    placeKind: (id) => (id === 'C10011010' ? 'neighbourhood' : 'community'),
    now: new Date('2025-01-01T00:00:00Z'),
    captureHashes,
  });
  const text =
    writer.head +
    events
      .map((e) => writer.row(e, reports))
      .filter((r) => r !== null)
      .join('');
  // The codebook's columns, in its order; the hash column only when asked for, after them all.
  const columns = codebook(`${format === 'acled' ? 'acled' : 'ucdp-ged'}-codebook.json`).columns;
  expect(text.split('\n')[0]).toBe(
    [...columns, ...(captureHashes ? ['capture_sha256'] : [])].join(','),
  );
  return parse<Record<string, string>>(text, { columns: true });
}

const HASH_1 = 'a'.repeat(64);
const HASH_2 = 'b'.repeat(64);
const HASH_3 = 'c'.repeat(64);
/** Two reports: the first captured twice (the same text from two sets of bytes). */
const CAPTURED: ReportIndex = new Map([
  [
    'sha256:r1',
    { title: null, outlet: 'شبكة أ', url: null, published: null, captures: [HASH_1, HASH_2] },
  ],
  ['sha256:r2', { title: null, outlet: 'الجزيرة', url: null, published: null, captures: [HASH_3] }],
]);

describe('the capture hashes, when asked for', () => {
  it('end each ACLED and UCDP row, every capture of every report once', () => {
    for (const format of ['acled', 'ucdp'] as const) {
      const table = rows(format, CAPTURED, [EVENTS.clash], true);
      expect(table[0]?.capture_sha256, format).toBe(`${HASH_1} ${HASH_2} ${HASH_3}`);
      checkAgainst(codebook(`${format === 'acled' ? 'acled' : 'ucdp-ged'}-codebook.json`), table);
    }
  });

  it('are not there otherwise', () => {
    expect(rows('acled', CAPTURED, [EVENTS.clash])[0]).not.toHaveProperty('capture_sha256');
  });
});

function checkAgainst(book: Codebook, table: Record<string, string>[]): void {
  for (const row of table) {
    for (const [column, pattern] of Object.entries(book.patterns))
      expect(row[column], `${column} of ${JSON.stringify(row)}`).toMatch(new RegExp(pattern));
    for (const [column, values] of Object.entries(book.values))
      expect(values, `${column} of ${JSON.stringify(row)}`).toContain(row[column]);
  }
}

describe('the ACLED export', () => {
  const book = codebook('acled-codebook.json');
  const table = rows('acled');
  const byNote = (words: string) => table.find((r) => r.notes?.includes(words));

  it('has ACLED’s columns in ACLED’s order, and values in ACLED’s formats', () => {
    expect(table).toHaveLength(5);
    checkAgainst(book, table);
  });

  it('writes types as text, civilians targeted, four-decimal coordinates', () => {
    expect(byNote('shelling')).toMatchObject({
      event_date: '2024-03-14',
      year: '2024',
      time_precision: '1',
      disorder_type: 'Political violence',
      inter1: 'State forces',
      inter2: 'Civilians',
      interaction: 'State forces-Civilians',
      civilian_targeting: 'Civilians targeted',
      iso: '760',
      country: 'Syria',
      latitude: '35.8623',
      longitude: '36.8000',
      fatalities: '2',
      timestamp: '1735689600',
    });
  });

  it('dates a range of days to its middle at precision 2, and tells each claimant', () => {
    const clash = byNote('clashed');
    expect(clash).toMatchObject({
      event_date: '2024-06-04',
      time_precision: '2',
      interaction: 'Rebel group-Rebel group',
      fatalities: '8',
      source: 'شبكة أ; الجزيرة',
      source_scale: 'National-Regional',
    });
    expect(clash?.notes).toMatch(/^Between 3 and 6 June 2024, Syrian Democratic Forces/);
    expect(clash?.notes).toContain('Syrian Observatory for Human Rights reported 3 killed');
    expect(clash?.notes).toMatch(/\(a party to the fighting\) reported 10 killed/);
    expect(clash?.notes).not.toMatch(/ev:|sha256|SOHR|SYR-GOV/);
  });

  it('gives a place outside Syria its own country and iso', () => {
    expect(byNote('Al-Qaim')).toMatchObject({
      country: 'Iraq',
      iso: '368',
      interaction: 'Rebel group-External/Other forces',
    });
    expect(byNote('Al-Qaim')?.event_id_cnty).toMatch(/^IRQ\d+$/);
  });

  it('leaves no date silently blank: an unknown date is precision 3 and said in the notes', () => {
    const protest = table.find((r) => r.event_type === 'Protests');
    expect(protest).toMatchObject({
      event_date: '',
      time_precision: '3',
      disorder_type: 'Demonstrations',
      interaction: 'Protesters only',
      fatalities: '0',
    });
    expect(protest?.notes).toMatch(/^On an unknown date, /);
  });

  it('opens a claim’s sentence with a capital when no claimant or outlet is named', () => {
    const [row] = rows('acled', undefined, [
      event({
        id: 'ev:unnamed',
        actor1: 'SYR-GOV',
        actor2: 'CIV',
        claims: [{ ...claim(null, [killed(1, 'CIV')]), outlet: null }],
        fatalities: { low: 1, best: 1, high: 1 },
      }),
    ]);
    expect(row?.notes).toMatch(/\. The reporting outlet reported 1 killed \(civilians\)\.$/);
  });

  it('names each report’s outlet, else its address’s host, and never an outlet it does not know', () => {
    const member = (document: string, outlet: string | null, url: string | null) => ({
      incident: `${document}#i1`,
      document,
      outlet,
      url,
      linked_by: [],
    });
    const [hosted, unknown] = rows('acled', undefined, [
      event({
        id: 'ev:hosted',
        members: [
          member('sha256:r1', 'شبكة أ', 'https://www.shabaka.example/1'),
          member('sha256:r2', null, 'https://www.akhbar.example/news/2?x=1'),
        ],
      }),
      event({ id: 'ev:unknown', members: [member('sha256:r3', null, null)] }),
    ]);
    expect(hosted?.source).toBe('شبكة أ; akhbar.example');
    expect(unknown?.source).toBe('');
    expect(unknown?.source_scale).toBe('');
    for (const row of [hosted, unknown]) expect(row?.source).not.toMatch(/unnamed/);
  });

  it('names a neighbourhood «City - District»', () => {
    expect(table.find((r) => r.location?.includes('Kafar'))?.location).toBe(
      'Damascus - Kafar Soussa',
    );
  });
});

describe('the UCDP GED export', () => {
  const book = codebook('ucdp-ged-codebook.json');
  const reports: ReportIndex = new Map([
    [
      'sha256:r1',
      {
        title: 'قصف على سراقب',
        outlet: 'شبكة أ',
        url: null,
        published: '2024-03-14',
        captures: [],
      },
    ],
    [
      'sha256:r2',
      {
        title: 'اشتباكات',
        outlet: 'الجزيرة',
        url: null,
        published: '2024-06-07T10:00:00Z',
        captures: [],
      },
    ],
  ]);
  const table = rows('ucdp', reports);
  const of = (relid: string) => table.find((r) => r.relid === relid);

  it('has GED’s columns in GED’s order and values on GED’s scales; only lethal organized violence', () => {
    expect(table.map((r) => r.relid).sort()).toEqual(['ev:clash', 'ev:iraq', 'ev:shelling']);
    checkAgainst(book, table);
    for (const r of table) {
      const deaths = ['deaths_a', 'deaths_b', 'deaths_civilians', 'deaths_unknown'].map((c) =>
        Number(r[c]),
      );
      expect(deaths.reduce((a, b) => a + b)).toBe(Number(r.best));
      expect(Number(r.low)).toBeLessThanOrEqual(Number(r.best));
      expect(Number(r.best)).toBeLessThanOrEqual(Number(r.high));
    }
  });

  it('codes one-sided violence against civilians, with their deaths', () => {
    expect(of('ev:shelling')).toMatchObject({
      type_of_violence: '3',
      side_b: 'Civilians',
      deaths_civilians: '2',
      where_prec: '1',
      date_prec: '1',
      date_start: '2024-03-14',
      adm_1: 'Idleb governorate',
      country: 'Syria',
      country_id: '652',
      source_office: 'شبكة أ',
      source_date: '2024-03-14',
      source_headline: 'قصف على سراقب',
      number_of_sources: '1',
    });
  });

  it('splits the best claim’s deaths by side, and keeps the range of days', () => {
    expect(of('ev:clash')).toMatchObject({
      type_of_violence: '2',
      deaths_a: '3',
      deaths_b: '5',
      best: '8',
      high: '10',
      low: '8',
      date_prec: '2',
      date_start: '2024-06-03',
      date_end: '2024-06-06',
      where_prec: '2',
      number_of_sources: '2',
      source_date: '2024-03-14; 2024-06-07',
    });
    expect(of('ev:clash')?.source_article).toContain('الجزيرة, 2024-06-07, "اشتباكات"');
  });

  it('cites a report with no headline without an empty one', () => {
    const untitled: ReportIndex = new Map([
      [
        'sha256:r1',
        { title: null, outlet: 'شبكة أ', url: null, published: '2024-03-14', captures: [] },
      ],
    ]);
    const row = rows('ucdp', untitled).find((r) => r.relid === 'ev:shelling');
    expect(row?.source_article).toBe('شبكة أ, 2024-03-14');
    expect(row?.source_headline).toBe('');
  });

  it('codes a foreign state’s strike as state-based, in its own country', () => {
    expect(of('ev:iraq')).toMatchObject({
      type_of_violence: '1',
      country: 'Iraq',
      country_id: '645',
      adm_1: 'Anbar',
      deaths_unknown: '0',
      deaths_b: '4',
    });
  });
});
