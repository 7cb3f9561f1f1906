import { describe, expect, it } from 'vitest';
import { shippedKnowledge } from '../../src/extract/index.js';
import {
  buildEvents,
  clusterIncidents,
  findLinks,
  forestByStrength,
  forestPositions,
  groupingMayRefuse,
  judgedAs,
  reconcileEvent,
  sameAct,
  sameActScore,
  spanningForest,
} from '../../src/link/index.js';
import type { Link, StoredIncident } from '../../src/link/index.js';
import { addDays } from '../../src/text/index.js';
import { incidentsOf, only } from './reports.js';

const lexicon = shippedKnowledge().lexicon;
const [monitor, sdf, amaq, shelling, later] = (
  ['monitor', 'sdf', 'amaq', 'shelling', 'laterBombing'] as const
).map((name) => only(incidentsOf(name)));
if (
  monitor === undefined ||
  sdf === undefined ||
  amaq === undefined ||
  shelling === undefined ||
  later === undefined
)
  throw new Error('reports');

function moved(
  x: StoredIncident,
  change: Partial<StoredIncident['incident']>,
  key = `${x.key}-b`,
): StoredIncident {
  return { ...x, key, document: `${x.document}-b`, incident: { ...x.incident, ...change } };
}

describe('whether two incidents are the same act', () => {
  it('links reports of one bombing by place, day, type and doer, and says why', () => {
    const match = sameAct(monitor, sdf);
    expect(match).not.toBeNull();
    expect(match?.reasons).toEqual(
      expect.arrayContaining([expect.stringMatching(/^same place C5119/), 'same day 2024-03-13']),
    );
  });

  it('gives the same judgement in the same words whichever comes first', () => {
    expect(sameAct(amaq, monitor)).toEqual(sameAct(monitor, amaq));
  });

  it('keeps apart acts in other places, on other days, and incidents of one report', () => {
    expect(sameAct(monitor, shelling)).toBeNull();
    expect(sameAct(monitor, later)).toBeNull();
    expect(sameAct(monitor, { ...sdf, document: monitor.document })).toBeNull();
  });

  it('takes a night told on two days as one act, but not two days apart', () => {
    const nextDay = moved(sdf, {
      date: { ...sdf.incident.date, start: '2024-03-14', end: '2024-03-14' },
    });
    // Reports of one day that date it a day apart: a night, one side of midnight each.
    expect(sameAct(monitor, nextDay)?.reasons).toContain(
      'a day apart across a night (2024-03-13, 2024-03-14)',
    );
    // Reports of two days, each telling of its day: two acts.
    expect(sameAct(monitor, { ...nextDay, published: '2024-03-15' })).toBeNull();
    const atDawn = moved(sdf, {
      date: { ...sdf.incident.date, start: '2024-03-14', end: '2024-03-14', text: 'فجر اليوم' },
    });
    expect(sameAct(monitor, { ...atDawn, published: '2024-03-15' })).not.toBeNull();
    const twoDays = moved(sdf, {
      date: { ...sdf.incident.date, start: '2024-03-15', end: '2024-03-15' },
    });
    expect(sameAct(monitor, twoDays)).toBeNull();
  });

  it('keeps apart acts whose known doers differ, or whose counts contradict', () => {
    const otherDoer = moved(sdf, {
      actors: sdf.incident.actors.map((a) => (a.role === 'actor1' ? { ...a, id: 'SYR-GOV' } : a)),
    });
    expect(
      sameAct(
        {
          ...monitor,
          incident: {
            ...monitor.incident,
            actors: [
              ...monitor.incident.actors.filter((a) => a.role !== 'actor1'),
              { id: 'ISIS', role: 'actor1', text: '', span: [0, 0] },
            ],
          },
        },
        otherDoer,
      ),
    ).toBeNull();
    const massacre = moved(sdf, { fatalities: { low: 300, best: 300, high: 300 } });
    expect(
      sameAct(
        { ...monitor, incident: { ...monitor.incident, fatalities: { low: 4, best: 4, high: 4 } } },
        massacre,
      ),
    ).toBeNull();
  });

  it('links a district’s report to its governorate’s whichever report comes first by key', () => {
    // An area says little: linked only by a known day and a known doer (Amaq's ISIS).
    const place = amaq.incident.location;
    if (place === null || place.admin1_pcode === null) throw new Error('a placed incident');
    const governorate = {
      ...place,
      place_id: place.admin1_pcode,
      admin2: null,
      precision: 3 as const,
    };
    const district = {
      ...place,
      place_id: `${place.admin1_pcode}01`,
      admin2: place.admin2 ?? 'A district',
      name_en: 'A district',
      precision: 3 as const,
    };
    const told = (location: typeof place, key: string): StoredIncident => ({
      ...moved(amaq, { location }, key),
      document: key,
    });
    for (const [first, second] of [
      [governorate, district],
      [district, governorate],
    ] as const) {
      const match = sameAct(told(first, 'a#1'), told(second, 'b#1'));
      expect(match?.reasons).toContain(`A district lies in ${governorate.name_en}`);
      expect(sameActScore(told(first, 'a#1'), told(second, 'b#1'))).toBe(match?.score);
    }
    // Another district of the governorate is not in it.
    const elsewhere = {
      ...district,
      place_id: `${place.admin1_pcode}02`,
      admin2: 'Another district',
    };
    expect(sameAct(told(elsewhere, 'a#1'), told(district, 'b#1'))).toBeNull();
  });

  it('scores a pair as sameAct does, without wording its reasons', () => {
    // Variants that move every part of the judgement: place, day across a night, type, doer, counts.
    const variants: StoredIncident[] = [monitor, sdf, amaq, shelling, later].flatMap((x, k) => [
      x,
      moved(
        x,
        { date: { ...x.incident.date, start: '2024-03-14', end: '2024-03-14' } },
        `v${String(k)}a`,
      ),
      moved(x, { sub_event_type: 'Armed clash' }, `v${String(k)}b`),
      moved(
        x,
        {
          actors: x.incident.actors.map((a) => (a.role === 'actor1' ? { ...a, id: 'UNKNOWN' } : a)),
        },
        `v${String(k)}c`,
      ),
      moved(x, { fatalities: { low: 300, best: 300, high: 300 } }, `v${String(k)}d`),
      moved(
        x,
        {
          location: x.incident.location === null ? null : { ...x.incident.location, precision: 3 },
        },
        `v${String(k)}e`,
      ),
    ]);
    let linked = 0;
    for (const x of variants)
      for (const y of variants) {
        const match = sameAct(x, y);
        if (match !== null) linked++;
        expect(sameActScore(x, y)).toBe(match?.score ?? null);
      }
    // Both kinds of answer are tried.
    expect(linked).toBeGreaterThan(10);
    expect(linked).toBeLessThan(variants.length ** 2 / 2);
  });

  it('tells incidents alike only where no judgement tells them apart', () => {
    const retold: StoredIncident = {
      ...sdf,
      key: 'zz#1',
      document: 'zz',
      outlet: 'وكالة أخرى',
      incident: { ...sdf.incident, claims: [], evidence: [], tags: [] },
    };
    expect(judgedAs(retold)).toBe(judgedAs(sdf));
    const unlike: StoredIncident[] = [
      moved(sdf, { date: { ...sdf.incident.date, start: '2024-03-14', end: '2024-03-14' } }),
      moved(sdf, { date: { ...sdf.incident.date, text: 'فجر اليوم' } }),
      moved(sdf, { sub_event_type: 'Armed clash' }),
      moved(sdf, {
        actors: sdf.incident.actors.map((a) => (a.role === 'actor1' ? { ...a, id: 'ISIS' } : a)),
      }),
      moved(sdf, { fatalities: { low: 300, best: 300, high: 300 } }),
      moved(sdf, { date: { ...sdf.incident.date, end: '2024-03-14' } }),
      moved(sdf, { date: { ...sdf.incident.date, precision: 'month' } }),
      moved(sdf, { background: !sdf.incident.background }),
      moved(sdf, { fatalities: null }),
      moved(sdf, { location: null }),
      ...(
        [
          { lat: 36.5, lon: 38.2 },
          { lon: 38.2 },
          { admin1_pcode: 'SY07' },
          { admin2: 'منطقة أخرى' },
          { place_id: 'C0001' },
          { precision: 3 },
        ] as const
      ).map((change) =>
        moved(sdf, {
          location: sdf.incident.location === null ? null : { ...sdf.incident.location, ...change },
        }),
      ),
      { ...sdf, key: 'zz#2', document: 'zz2', published: '2024-03-20' },
    ];
    // Each is a change of one thing the score reads.
    expect(new Set(unlike.map((x) => judgedAs(x))).size).toBe(unlike.length);
    for (const x of unlike) expect(judgedAs(x)).not.toBe(judgedAs(sdf));
    // Alike, they score alike against any other, on either side of it in key order.
    for (const x of [monitor, amaq, shelling, later, ...unlike])
      for (const key of ['0#1', '~#1'])
        expect(sameActScore(x, { ...retold, key })).toBe(sameActScore(x, sdf));
  });
});

describe('events from linked incidents', () => {
  it('makes one event of the three tellings, with every claim and fatalities low/best/high', () => {
    const incidents = [monitor, sdf, amaq, shelling, later];
    const events = buildEvents(incidents, findLinks(incidents), lexicon);
    const bombing = events.find((e) => e.members.length === 3);
    expect(bombing?.sub_event_type).toBe('Suicide bomb');
    expect(bombing?.location?.place_id).toBe('C5119');
    expect(bombing?.date).toEqual({ start: '2024-03-13', end: '2024-03-13', precision: 'day' });
    expect(bombing?.claims.map((c) => [c.claimant, c.party])).toEqual(
      expect.arrayContaining([
        ['SOHR', false],
        ['SDF', true],
        ['Amaq', true],
      ]),
    );
    // The monitor's 4 is the best; the parties' 6 and 20 count for the high.
    expect(bombing?.fatalities).toEqual({ low: 4, best: 4, high: 20 });
    expect(events).toHaveLength(3);
  });

  it('places an event at the most precise place, the one most reports share among equals, the first by key among those', () => {
    const base = monitor.incident.location;
    if (base === null) throw new Error('no test place');
    const at = (key: string, place_id: string, precision: 1 | 2 | 3) => ({
      key,
      document: key,
      outlet: null,
      url: null,
      linkedBy: [],
      incident: { ...monitor.incident, location: { ...base, place_id, precision } },
    });
    const placeOf = (members: ReturnType<typeof at>[]) =>
      reconcileEvent(members, lexicon).location?.place_id;
    // A town told by three loses to a point told once, two points told by two each go to the first by key.
    expect(
      placeOf([at('k1', 'town', 2), at('k2', 'town', 2), at('k3', 'town', 2), at('k4', 'p1', 1)]),
    ).toBe('p1');
    expect(
      placeOf([
        at('k5', 'p2', 1),
        at('k1', 'p3', 1),
        at('k2', 'p2', 1),
        at('k3', 'p3', 1),
        at('k4', 'p4', 1),
      ]),
    ).toBe('p3');
    expect(
      placeOf([at('k1', 'p4', 1), at('k2', 'p2', 1), at('k3', 'p2', 1), at('k0', 'area', 3)]),
    ).toBe('p2');
  });

  it('gives the same events, with the same ids, in any order', () => {
    const incidents = [monitor, sdf, amaq, shelling, later];
    const reversed = [...incidents].reverse();
    const a = buildEvents(incidents, findLinks(incidents), lexicon);
    const b = buildEvents(reversed, findLinks(reversed), lexicon);
    expect(b.map((e) => e.id).sort()).toEqual(a.map((e) => e.id).sort());
    expect(new Map(b.map((e) => [e.id, e]))).toEqual(new Map(a.map((e) => [e.id, e])));
  });
});

describe('grouping linked incidents', () => {
  const m = (key: string, document: string, day: string | null = '2024-03-13') => ({
    key,
    document,
    day,
  });

  it('never puts two incidents of one report in one event', () => {
    const groups = clusterIncidents(
      [m('a', 'r1'), m('b', 'r2'), m('c', 'r1')],
      [
        { a: 'a', b: 'b', score: 8 },
        { a: 'b', b: 'c', score: 6 },
      ],
    );
    expect(groups).toEqual([['a', 'b'], ['c']]);
  });

  it('never spans more than a day, however the links chain', () => {
    const groups = clusterIncidents(
      [m('a', 'r1', '2024-03-01'), m('b', 'r2', '2024-03-02'), m('c', 'r3', '2024-03-03')],
      [
        { a: 'a', b: 'b', score: 6 },
        { a: 'b', b: 'c', score: 7 },
      ],
    );
    expect(groups).toEqual([['a'], ['b', 'c']]);
  });

  it('follows a reviewer who splits a pair or joins one', () => {
    const members = [m('a', 'r1'), m('b', 'r2'), m('c', 'r3')];
    const edges = [{ a: 'a', b: 'b', score: 8 }];
    expect(clusterIncidents(members, edges, [{ a: 'a', b: 'b', same: false }])).toEqual([
      ['a'],
      ['b'],
      ['c'],
    ]);
    expect(clusterIncidents(members, edges, [{ a: 'b', b: 'c', same: true }])).toEqual([
      ['a', 'b', 'c'],
    ]);
  });

  it('depends on the links, not on the order they are given in', () => {
    const members = [m('a', 'r1'), m('b', 'r2'), m('c', 'r3'), m('d', 'r1')];
    const edges = [
      { a: 'a', b: 'b', score: 5 },
      { a: 'c', b: 'd', score: 5 },
      { a: 'b', b: 'd', score: 5 },
      { a: 'a', b: 'c', score: 6 },
    ];
    const expected = clusterIncidents(members, edges);
    for (let k = 1; k < edges.length; k++) {
      const rotated = [...edges.slice(k), ...edges.slice(0, k)];
      expect(clusterIncidents([...members].reverse(), rotated)).toEqual(expected);
      expect(clusterIncidents(members, [...rotated].reverse())).toEqual(expected);
    }
  });
});

describe('whether grouping could turn a link down', () => {
  const dated = (x: StoredIncident, start: string): StoredIncident => ({
    ...x,
    incident: { ...x.incident, date: { ...x.incident.date, start, end: start, precision: 'day' } },
  });
  const day = monitor.incident.date.start ?? '2024-05-01';

  it('says no for tellings of one day in reports of their own', () => {
    expect(
      groupingMayRefuse(
        [monitor, sdf, amaq].map((x) => dated(x, day)),
        [],
      ),
    ).toBe(false);
  });

  it('says yes for two of one report, days more than a night apart, or a pair split', () => {
    const same = { ...dated(sdf, day), document: monitor.document };
    expect(groupingMayRefuse([dated(monitor, day), same], [])).toBe(true);
    const later = dated(sdf, addDays(day, 2));
    expect(groupingMayRefuse([dated(monitor, day), later], [])).toBe(true);
    const split = [{ a: monitor.key, b: sdf.key, same: false }];
    expect(groupingMayRefuse([dated(monitor, day), dated(sdf, day)], split)).toBe(true);
  });

  it('leaves background incidents out', () => {
    const background = {
      ...dated(sdf, addDays(day, 5)),
      document: monitor.document,
      incident: { ...dated(sdf, addDays(day, 5)).incident, background: true },
    };
    expect(groupingMayRefuse([dated(monitor, day), background], [])).toBe(false);
  });
});

describe('the links that hold an event together', () => {
  const link = (a: string, b: string, score: number) => ({ a, b, score, reasons: [`${a}-${b}`] });
  const all = [
    link('a', 'b', 7),
    link('a', 'c', 7),
    link('b', 'c', 8),
    link('c', 'd', 5),
    link('b', 'd', 6),
    link('e', 'f', 5),
  ];

  it('connects what all the links connect, with one link fewer than the incidents', () => {
    const forest = spanningForest(all);
    expect(forest.map((l) => `${l.a}-${l.b}`)).toEqual(['b-c', 'a-b', 'b-d', 'e-f']);
  });

  it('keeps each incident’s strongest link', () => {
    const forest = new Set(spanningForest(all));
    for (const key of ['a', 'b', 'c', 'd', 'e', 'f']) {
      const strongest = all
        .filter((l) => l.a === key || l.b === key)
        .sort((l, m) => m.score - l.score || (`${l.a}|${l.b}` < `${m.a}|${m.b}` ? -1 : 1))[0];
      expect(strongest !== undefined && forest.has(strongest)).toBe(true);
    }
  });

  it('takes the strongest links first, equals by their keys, whatever order they come in', () => {
    // A plain Kruskal over the links sorted as objects: what the forest must be.
    const byStrength = (links: readonly Link[]): Link[] => {
      const sorted = [...links].sort(
        (l, m) =>
          m.score - l.score ||
          (l.a < m.a ? -1 : l.a > m.a ? 1 : 0) ||
          (l.b < m.b ? -1 : l.b > m.b ? 1 : 0),
      );
      const group = new Map<string, string>();
      const root = (k: string): string => {
        let r = k;
        for (let up = group.get(r); up !== undefined && up !== r; up = group.get(r)) r = up;
        return r;
      };
      return sorted.filter((l) => {
        const [x, y] = [root(l.a), root(l.b)];
        if (x === y) return false;
        group.set(x, y);
        return true;
      });
    };
    // Keys of unequal length and shared prefixes, scores with fractions and a reviewer's 0.
    const keys = Array.from(
      { length: 40 },
      (_, k) => `doc:${String((k * 37) % 41)}#i${String(k % 3)}`,
    );
    const scores = [0, 5, 5.5, 6, 7, 9];
    const links: Link[] = [];
    for (let s = 11, n = 0; n < 400; n++) {
      s = (s * 1103515245 + 12345) % 2147483648;
      const x = keys[s % keys.length] ?? '';
      const y = keys[(s >> 8) % keys.length] ?? '';
      if (x === y) continue;
      const [a, b] = x < y ? [x, y] : [y, x];
      links.push(link(a, b, scores[(s >> 16) % scores.length] ?? 0));
    }
    expect(spanningForest(links)).toEqual(byStrength(links));
    expect(spanningForest([...links].reverse())).toEqual(byStrength([...links].reverse()));
  });

  it('is the same given each link’s strength (0 the strongest score) as given its score', () => {
    const keys = [...new Set(all.flatMap((l) => [l.a, l.b]))].sort();
    const ends = {
      a: Uint32Array.from(all, (l) => keys.indexOf(l.a)),
      b: Uint32Array.from(all, (l) => keys.indexOf(l.b)),
      keys: keys.length,
    };
    const levels = [...new Set(all.map((l) => l.score))].sort((x, y) => y - x);
    const strength = Uint32Array.from(all, (l) => levels.indexOf(l.score));
    const positions = forestPositions(
      ends,
      all.map((l) => l.score),
    );
    expect(forestByStrength(ends, strength, levels.length)).toEqual(positions);
    expect(positions.map((k) => all[k])).toEqual(spanningForest(all));
  });

  it('is the same kept as links arrive, in any order, as made of them all at once', () => {
    const whole = spanningForest(all);
    for (const order of [
      all,
      [...all].reverse(),
      [all[3], all[0], all[5], all[1], all[4], all[2]],
    ]) {
      let kept: Link[] = [];
      for (const l of order) if (l !== undefined) kept = spanningForest([...kept, l]);
      expect(new Set(kept)).toEqual(new Set(whole));
    }
  });
});
