import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPORTS } from '../link/reports.js';
import { captureConsole, onEmbeddedStore } from './console.js';

const { out, err, run, file, dir } = captureConsole();
onEmbeddedStore();

const data = join(dir, 'data');

function ndjson(): string {
  return `${Object.entries(REPORTS)
    .map(([name, r]) => JSON.stringify({ ...r, url: `https://example.org/${name}` }))
    .join('\n')}\n`;
}

/** The incident ids `wathiq review` prints for the event of the car bombing. */
function bombingReports(listing: string): string[] {
  const event = listing.split('\n\n').find((e) => e.includes('Suicide bomb')) ?? '';
  return [...event.matchAll(/report (\S+#i\d+)/g)].map((m) => m[1] ?? '');
}

describe('wathiq review', () => {
  it('lists the events that join several reports, with why each report was linked', async () => {
    expect(await run('ingest', '--data', data, file('reports.ndjson', ndjson()))).toBe(0);
    out.length = 0;
    expect(await run('review', '--data', data, '--linked')).toBe(0);
    const listing = out.join('');
    expect(listing).toMatch(/\[unreviewed\] {2}Suicide bomb {2}2024-03-13/);
    expect(listing).toMatch(/linked: .*same day 2024-03-13/);
    expect(listing).toMatch(
      /claim Syrian Observatory for Human Rights: killed 4 Syrian Democratic Forces/,
    );
    expect(bombingReports(listing)).toHaveLength(3);
  });

  it('splits a report off an event, and joins it back', async () => {
    await run('review', '--data', data, '--linked');
    const [first, second] = bombingReports(out.join(''));
    expect(second).toBeDefined();
    out.length = 0;
    expect(
      await run('review', 'split', first ?? '', second ?? '', '--by', 'tester', '--data', data),
    ).toBe(0);
    expect(out.join('')).toMatch(/different acts, decided by tester/);
    out.length = 0;
    await run('review', '--data', data, '--linked');
    const apart = bombingReports(out.join(''));
    expect(apart.includes(first ?? '') && apart.includes(second ?? '')).toBe(false);
    expect(
      await run('review', 'join', first ?? '', second ?? '', '--by', 'tester', '--data', data),
    ).toBe(0);
    out.length = 0;
    await run('review', '--data', data, '--linked');
    expect(bombingReports(out.join(''))).toHaveLength(3);
  });

  it('verifies an event, which then leaves the list of those waiting', async () => {
    await run('review', '--data', data, '--linked');
    const id = /^(\S+) {2}\[unreviewed\] {2}Suicide bomb/m.exec(
      stripVTControlCharacters(out.join('')),
    )?.[1];
    expect(id).toBeDefined();
    out.length = 0;
    expect(await run('review', 'set', id ?? '', 'verified', '--data', data)).toBe(0);
    out.length = 0;
    await run('review', '--data', data, '--linked');
    expect(out.join('')).not.toMatch(/Suicide bomb/);
    out.length = 0;
    await run('review', '--data', data, '--status', 'verified');
    expect(out.join('')).toMatch(
      /\[verified by \S+ \d{4}-\d\d-\d\d \d\d:\d\d UTC\] {2}Suicide bomb/,
    );
  });

  it('says so when an event or an incident does not exist', async () => {
    expect(await run('review', 'set', 'no-such-event', 'verified', '--data', data)).toBe(1);
    expect(err.join('')).toMatch(/no event no-such-event/);
    expect(await run('review', 'join', 'x#i1', 'y#i1', '--data', data)).toBe(1);
    expect(err.join('')).toMatch(/no incident/);
  });
});

describe('wathiq review, decisions', () => {
  const store = join(dir, 'decisions');
  const BOMBING =
    'قتل أربعة عناصر من قوات سوريا الديمقراطية في تفجير سيارة مفخخة على حاجز في بلدة الشحيل بريف دير الزور أمس الأربعاء، بحسب المرصد السوري لحقوق الإنسان.';
  const TWO_ACTS =
    'أعلنت قوات سوريا الديمقراطية مقتل ستة من مقاتليها في تفجير سيارة مفخخة عند حاجز في بلدة الشحيل شرقي دير الزور أمس.\n\nوفي إدلب، قتل طفلان في قصف صاروخي لقوات النظام على مدينة سراقب أمس، وفق الدفاع المدني السوري.';
  /** The incidents of the bombing's event and the other act of the second report, as listed. */
  const ids = { bombing: [] as string[], shelling: '' };
  /** What `review` lists, bidi isolates aside (the i18n tests check them). */
  const listing = async (...args: string[]): Promise<string> => {
    out.length = 0;
    await run('review', '--data', store, '--lang', 'en', '--status', 'unreviewed', ...args);
    return stripVTControlCharacters(out.join('')).replace(/[\u2068\u2069]/g, '');
  };

  it('shows the Arabic words each field of each report was read from', async () => {
    const files = [file('bombing.txt', BOMBING), file('two-acts.txt', TWO_ACTS)];
    expect(await run('ingest', '--data', store, '--published', '2024-03-14', ...files)).toBe(0);
    const text = await listing();
    const bombing = text.split('\n\n').find((e) => e.includes('الشحيل')) ?? '';
    ids.bombing = [...bombing.matchAll(/report (\S+#i\d+)/g)].map((m) => m[1] ?? '');
    const shelling = text.split('\n\n').find((e) => e.includes('«قتل طفلان»')) ?? '';
    ids.shelling = /report (\S+#i\d+)/.exec(shelling)?.[1] ?? '';
    expect(ids.bombing).toHaveLength(2);
    expect(ids.shelling).not.toBe('');
    expect(bombing).toMatch(
      /words: date «أمس الأربعاء» · place «بلدة الشحيل» · actor2 «قوات سوريا الديمقراطية» · Syrian Observatory for Human Rights «المرصد السوري لحقوق الإنسان» · killed «قتل أربعة عناصر/,
    );
    expect(bombing).toMatch(/words: date «أمس» · place «بلدة الشحيل» .*killed «مقتل ستة»/);
  });

  it('records who set a status and when, by --by or the login name', async () => {
    const event = /^(ev:\S+) .*\n.*الشحيل/m.exec(await listing())?.[1] ?? '';
    const user = process.env.USER;
    process.env.USER = 'login-name';
    out.length = 0;
    try {
      expect(await run('review', 'set', event, 'reviewed', '--data', store)).toBe(0);
    } finally {
      if (user === undefined) delete process.env.USER;
      else process.env.USER = user;
    }
    expect(out.join('')).toMatch(
      new RegExp(
        `^${event}: unreviewed → reviewed, set by login-name at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC \\(audit #\\d+\\)\\n$`,
      ),
    );
    out.length = 0;
    expect(await run('review', 'set', event, 'verified', '--by', 'amal', '--data', store)).toBe(0);
    expect(out.join('')).toMatch(/reviewed → verified, set by amal at /);
    const text = await listing('--status', 'verified');
    expect(text).toMatch(
      new RegExp(`^${event} {2}\\[verified by amal \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\]`, 'm'),
    );
  });

  it('refuses a join that would take a third incident out of its event, and names it', async () => {
    const [bombing, sameReport] = [...ids.bombing].sort(
      (x, y) =>
        Number(x.split('#')[0] === ids.shelling.split('#')[0]) -
        Number(y.split('#')[0] === ids.shelling.split('#')[0]),
    );
    // The bombing's other report also tells the shelling: joining the bombing to it would take that report's bombing out.
    expect(await run('review', 'join', bombing ?? '', ids.shelling, '--data', store)).toBe(1);
    expect(err.join('')).toMatch(
      new RegExp(
        `^wathiq: joining \\S+ and \\S+ would take ${escape(sameReport ?? '')} out of its event .*; nothing changed\\n$`,
      ),
    );
    const verified = await listing('--status', 'verified');
    expect([...verified.matchAll(/report (\S+#i\d+)/g)].map((m) => m[1])).toEqual(ids.bombing);
    out.length = 0;
    expect(
      await run(
        'review',
        'join',
        bombing ?? '',
        ids.shelling,
        '--detach',
        '--by',
        'amal',
        '--data',
        store,
      ),
    ).toBe(0);
    expect(out.join('')).toMatch(
      new RegExp(`^${escape(sameReport ?? '')} left the event: now in ev:\\S+$`, 'm'),
    );
  });

  it('gives a split-off event no status: only the event that keeps its id keeps it', async () => {
    // Undo the join first: the bombing's two reports are one event again, verified.
    const [bombing] = ids.bombing;
    expect(await run('review', 'split', bombing ?? '', ids.shelling, '--data', store)).toBe(0);
    expect(
      await run('review', 'join', ids.bombing[0] ?? '', ids.bombing[1] ?? '', '--data', store),
    ).toBe(0);
    const before = await listing('--status', 'verified');
    const event = /^(ev:\S+) {2}\[verified/m.exec(before)?.[1] ?? '';
    expect(event).not.toBe('');
    expect(
      await run('review', 'split', ids.bombing[0] ?? '', ids.bombing[1] ?? '', '--data', store),
    ).toBe(0);
    const verified = await listing('--status', 'verified');
    const unreviewed = await listing('--status', 'unreviewed');
    expect(verified).toMatch(new RegExp(`^${event} {2}\\[verified`, 'm'));
    expect([...verified.matchAll(/report (\S+#i\d+)/g)]).toHaveLength(1);
    const moved = ids.bombing.find((k) => !verified.includes(k)) ?? '';
    expect(unreviewed).toContain(`report ${moved}`);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
