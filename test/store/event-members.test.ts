import { describe, expect, it } from 'vitest';
import type { Claim, DocumentResult, Event } from '../../src/contracts/index.js';
import { shippedKnowledge } from '../../src/extract/index.js';
import { sha256Hex } from '../../src/ingest/index.js';
import { buildEvents, findLinks } from '../../src/link/index.js';
import {
  figureField,
  findEvent,
  listEvents,
  putCorrection,
  regroup,
  saveReports,
  setReportWithdrawn,
  streamEventPages,
} from '../../src/store/index.js';
import type { Database, ExtractedReport, QueryOptions, Sql } from '../../src/store/index.js';
import { memberChanges, storedMembers } from '../../src/store/event-members.js';
import type { MemberRow } from '../../src/store/event-members.js';
import { publicationDay } from '../../src/text/index.js';
import { resultOf } from '../link/reports.js';
import { emptyStore, engines, suiteStore } from './engines.js';

const lexicon = shippedKnowledge().lexicon;

/** A report of `template`'s act by outlet `n`, on `day`, its killed counted `killed`. */
function reportOf(
  template: DocumentResult,
  n: number,
  day: string,
  killed: number,
): ExtractedReport {
  const incident = template.incidents[0];
  if (incident === undefined) throw new Error('no test incident');
  const bytes = new TextEncoder().encode(`telling ${String(n)}`);
  return {
    report: {
      source: `t${String(n)}.txt`,
      format: 'file',
      raw: bytes,
      sha256: sha256Hex(bytes),
      capturedAt: '2024-03-14T10:00:00.000Z',
    },
    result: {
      ...template,
      document: {
        ...template.document,
        id: `sha256:${String(n).padStart(64, '0')}`,
        outlet: `outlet ${String(n)}`,
        url: `https://example.org/telling/${String(n)}`,
      },
      incidents: [
        {
          ...incident,
          date: { ...incident.date, start: day, end: day },
          // Each report counts the dead its own way: every member's claims differ.
          claims: incident.claims.map((c) => ({
            ...c,
            figures: c.figures.map((f) => (f.measure === 'killed' ? { ...f, count: killed } : f)),
          })),
        },
      ],
    },
  };
}

/** One bombing told by 40 reports, and five other acts: the same bombing months apart, a shelling. */
function reports(): { act: ExtractedReport[]; others: ExtractedReport[] } {
  const bombing = resultOf('monitor');
  const act = Array.from({ length: 40 }, (_, k) =>
    reportOf(bombing, k, '2024-03-13', 3 + ((k * 5) % 9)),
  );
  const others = [
    ...[1, 3, 5, 7].map((month) =>
      reportOf(bombing, 100 + month, `2024-0${String(month + 1)}-28`, 2),
    ),
    reportOf(resultOf('shelling'), 200, '2024-03-14', 2),
  ];
  return { act, others };
}

/** The events every pair's link makes, in memory: what the store must give back. */
function expectedEvents(all: readonly ExtractedReport[]): Event[] {
  const incidents = all.flatMap(({ result }) =>
    result.incidents.map((incident) => ({
      key: `${result.document.id}#${incident.id}`,
      document: result.document.id,
      published: publicationDay(result.document.published),
      outlet: result.document.outlet,
      url: result.document.url,
      incident,
    })),
  );
  return buildEvents(incidents, findLinks(incidents), lexicon).sort((a, b) =>
    a.id < b.id ? -1 : 1,
  );
}

async function listed(db: Database): Promise<Event[]> {
  const { events } = await listEvents(db, {}, { limit: 100 });
  return [...events].sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** The xmin of each member row of an event: which transaction last wrote it. */
async function rowVersions(db: Database, event: string): Promise<Map<string, string>> {
  const rows = await db.query<{ incident: string; version: string }>(
    'SELECT incident_id AS incident, xmin::text AS version FROM event_members WHERE event_id = $1',
    [event],
  );
  return new Map(rows.map((r) => [r.incident, r.version]));
}

/** A member row with only what memberChanges compares: its event, incident and hash. */
function row(event: string, incident: string, hash: string): MemberRow {
  const member = { incident, document: incident, outlet: null, url: null, linked_by: [] };
  return { event_id: event, incident_id: incident, member, claims: [], hash };
}

describe('what a batch writes of its events’ member rows', () => {
  const stored = storedMembers([
    ['e1', 'a', 'h1'],
    ['e1', 'b', 'h2'],
    ['e2', 'x', 'h3'],
  ]);

  it('writes the new and changed rows, drops those of members that left, and touches only those events', () => {
    const changes = memberChanges(
      [
        { id: 'e1', rows: [row('e1', 'a', 'h1'), row('e1', 'c', 'h4')] },
        { id: 'e2', rows: [row('e2', 'x', 'h5')] },
        { id: 'e3', rows: [row('e3', 'y', 'h6')] },
      ],
      stored,
    );
    expect(changes.write.map((r) => r.incident_id)).toEqual(['c', 'x', 'y']);
    expect(changes.drop).toEqual([{ event: 'e1', incident: 'b' }]);
    expect(changes.touched).toEqual(['e1', 'e2', 'e3']);
  });

  it('drops every stored row of an event left with none, and leaves an unchanged event untouched', () => {
    const changes = memberChanges(
      [
        { id: 'e1', rows: [] },
        { id: 'e2', rows: [row('e2', 'x', 'h3')] },
      ],
      stored,
    );
    expect(changes.write).toEqual([]);
    expect(changes.drop).toEqual([
      { event: 'e1', incident: 'a' },
      { event: 'e1', incident: 'b' },
    ]);
    expect(changes.touched).toEqual(['e1']);
  });
});

describe.each(engines())("an event's members kept a row each on $name", (engine) => {
  const db = suiteStore(engine);

  it('gives back the members, claims and figures of an act told by many reports, and of other acts, as computed', async () => {
    await emptyStore(db);
    const { act, others } = reports();
    const all = [...others, ...act];
    for (let k = 0, size = 1; k < all.length; k += size, size = (size % 7) + 3)
      await saveReports(db, all.slice(k, k + size), lexicon);
    const expected = expectedEvents(all);
    expect(expected).toHaveLength(6);
    const told = expected.find((e) => e.members.length === 40);
    expect(told?.claims.length).toBe(
      act.flatMap((r) => r.result.incidents[0]?.claims ?? []).length,
    );
    const stored = await listed(db);
    expect(stored).toEqual(expected);
    for (const e of expected) {
      const one = await findEvent(db, e.id);
      expect(one?.members).toEqual(e.members);
      expect(one?.claims).toEqual(e.claims);
      expect(one?.fatalities).toEqual(e.fatalities);
    }
    // events.data keeps the rest: the members and claims are only in their rows.
    const heads = await db.query<{ keys: string[] }>(
      'SELECT ARRAY(SELECT jsonb_object_keys(data)) AS keys FROM events',
    );
    for (const h of heads) expect(h.keys).not.toContain('members');
  });

  it('lists and exports each event whole as event_whole makes it, key for key, page after page', async () => {
    await emptyStore(db);
    const { act, others } = reports();
    await saveReports(db, [...others, ...act], lexicon);
    const whole = await db.query<{ id: string; data: Event }>(
      'SELECT id, event_whole(id, data) AS data FROM events',
    );
    const made = new Map(whole.map((r) => [r.id, JSON.stringify(r.data)]));
    expect(made.size).toBe(6);
    // Pages of two: each page's member rows are read together, the 40-member act among others.
    const paged: Event[] = [];
    for await (const page of streamEventPages(db, {}, 2)) paged.push(...page);
    // A search with few matches reads them first, then their page (pageOf's other statement).
    const pageOfWords = await listEvents(db, { search: 'الشحيل' }, { limit: 10 });
    expect(pageOfWords.events).toHaveLength(5);
    for (const e of [...paged, ...pageOfWords.events])
      expect(JSON.stringify(e)).toBe(made.get(e.id));
    expect(new Set(paged.map((e) => e.id))).toEqual(new Set(made.keys()));
  });

  it('reads a page whole in one statement: an event written once it is read is listed as it was, heads and members alike', async () => {
    await emptyStore(db);
    const { act, others } = reports();
    await saveReports(db, [...others, ...act], lexicon);
    const [told] = await db.query<{ id: string }>(
      'SELECT event_id AS id FROM event_members GROUP BY 1 ORDER BY count(*) DESC LIMIT 1',
    );
    const whole = await db.query<{ id: string; data: Event }>(
      'SELECT id, event_whole(id, data) AS data FROM events WHERE NOT private',
    );
    const made = new Map(whole.map((r) => [r.id, JSON.stringify(r.data)]));
    // Another writer marks the act private and drops a member once the page's members are read.
    let written = false;
    const readAfter: string[] = [];
    const racing: Sql = {
      query: async <R extends object>(
        text: string,
        params?: readonly unknown[],
        options?: QueryOptions,
      ): Promise<R[]> => {
        if (written) readAfter.push(text);
        const rows = db.query<R>(text, params, options);
        if (!written && text.includes('event_members')) {
          await rows;
          written = true;
          await db.query('UPDATE events SET private = true WHERE id = $1', [told?.id]);
          await db.query(
            'DELETE FROM event_members WHERE event_id = $1 AND incident_id = (SELECT min(incident_id) FROM event_members WHERE event_id = $1)',
            [told?.id],
          );
        }
        return rows;
      },
    };
    const { events } = await listEvents(racing, { publicOnly: true }, { limit: 100 });
    expect(written).toBe(true);
    expect(readAfter).toEqual([]);
    expect(events.map((e) => e.id)).toContain(told?.id);
    expect(events).toHaveLength(6);
    for (const e of events) expect(JSON.stringify(e)).toBe(made.get(e.id));
  });

  it('makes an event with no member rows whole with no members and no claims, as event_whole does', async () => {
    await emptyStore(db);
    const { others } = reports();
    await saveReports(db, others, lexicon);
    const [first] = await db.query<{ id: string }>('SELECT id FROM events ORDER BY id LIMIT 1');
    await db.query('DELETE FROM event_members WHERE event_id = $1', [first?.id]);
    const [made] = await db.query<{ data: Event }>(
      'SELECT event_whole(id, data) AS data FROM events WHERE id = $1',
      [first?.id],
    );
    const listed = (await listEvents(db, {}, { limit: 100 })).events.find(
      (e) => e.id === first?.id,
    );
    expect(listed?.members).toEqual([]);
    expect(listed?.claims).toEqual([]);
    expect(JSON.stringify(listed)).toBe(JSON.stringify(made?.data));
  });

  it('writes again only the member rows a new report adds or changes', async () => {
    await emptyStore(db);
    const { act } = reports();
    await saveReports(db, act.slice(0, 30), lexicon);
    const [event] = expectedEvents(act.slice(0, 30));
    if (event === undefined) throw new Error('no event');
    const before = await rowVersions(db, event.id);
    expect(before.size).toBe(30);
    await saveReports(db, act.slice(30, 31), lexicon);
    const after = await rowVersions(db, event.id);
    expect(after.size).toBe(31);
    const rewritten = [...before].filter(([incident, version]) => after.get(incident) !== version);
    expect(rewritten.length).toBeLessThanOrEqual(1);
    expect((await findEvent(db, event.id))?.members).toEqual(
      expectedEvents(act.slice(0, 31))[0]?.members,
    );
  });

  it('drops the row of a member that leaves, writes it again when it comes back, and rewrites only the row whose claims change', async () => {
    await emptyStore(db);
    const act = reports().act.slice(0, 10);
    await saveReports(db, act, lexicon);
    const key = (k: number): string => `${act[k]?.result.document.id ?? ''}#i1`;
    const eventOf = async (): Promise<string> => {
      const [row] = await db.query<{ id: string }>(
        'SELECT event_id AS id FROM incidents WHERE id = $1',
        [key(0)],
      );
      return row?.id ?? '';
    };
    // A report withdrawn: its incident leaves the event, and its row with it.
    await setReportWithdrawn(db, act[3]?.result.document.id ?? '', true, lexicon);
    const without = await rowVersions(db, await eventOf());
    expect([...without.keys()].sort()).toEqual([0, 1, 2, 4, 5, 6, 7, 8, 9].map(key).sort());
    expect((await findEvent(db, await eventOf()))?.members).toEqual(
      expectedEvents(act.filter((_, k) => k !== 3))[0]?.members,
    );
    // Put back: its row is written again.
    await setReportWithdrawn(db, act[3]?.result.document.id ?? '', false, lexicon);
    const back = await rowVersions(db, await eventOf());
    expect(back.size).toBe(10);
    expect((await findEvent(db, await eventOf()))?.members).toEqual(
      expectedEvents(act)[0]?.members,
    );
    // A person adds a claim to one report: that member's row alone is written again.
    const added: Claim = {
      claimant: 'SOHR',
      claimant_text: null,
      claimant_span: null,
      figures: [
        {
          measure: 'injured',
          victim: 'civilians',
          count: 12,
          qualifier: 'exact',
          text: '',
          span: [0, 0],
        },
      ],
    };
    await putCorrection(db, {
      incident: key(5),
      field: 'added_claims',
      value: [added],
      by: 'editor',
    });
    await regroup(db, [key(5)], lexicon);
    const corrected = await rowVersions(db, await eventOf());
    expect([...corrected].filter(([incident, version]) => back.get(incident) !== version)).toEqual([
      [key(5), corrected.get(key(5))],
    ]);
    const event = await findEvent(db, await eventOf());
    expect(event?.claims.some((c) => c.figures.some((f) => f.count === 12))).toBe(true);
    // A count corrected, the number of claims kept: that member's row alone is written again.
    const claim = act[7]?.result.incidents[0]?.claims.find((c) =>
      c.figures.some((f) => f.measure === 'killed'),
    );
    const killed = claim?.figures.find((f) => f.measure === 'killed');
    if (claim === undefined || killed === undefined) throw new Error('no killed figure');
    await putCorrection(db, {
      incident: key(7),
      field: figureField(claim.claimant, 'killed', killed.victim),
      value: { count: 77 },
      by: 'editor',
    });
    await regroup(db, [key(7)], lexicon);
    const recounted = await rowVersions(db, await eventOf());
    expect(
      [...recounted].filter(([incident, version]) => corrected.get(incident) !== version),
    ).toEqual([[key(7), recounted.get(key(7))]]);
    const after = await findEvent(db, await eventOf());
    expect(after?.claims).toHaveLength(event?.claims.length ?? -1);
    expect(after?.claims.some((c) => c.figures.some((f) => f.count === 77))).toBe(true);
  });
});
