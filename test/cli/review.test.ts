import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { REPORTS } from '../link/reports.js';
import { captureConsole } from './console.js';

const { out, err, run, file, dir } = captureConsole();
const serverUrl = process.env.DATABASE_URL;
delete process.env.DATABASE_URL;
afterAll(() => {
  if (serverUrl !== undefined) process.env.DATABASE_URL = serverUrl;
});

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
    expect(listing).toMatch(/claim SOHR: killed 4 SDF/);
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
    expect(out.join('')).toMatch(/\[verified\] {2}Suicide bomb/);
  });

  it('says so when an event or an incident does not exist', async () => {
    expect(await run('review', 'set', 'no-such-event', 'verified', '--data', data)).toBe(1);
    expect(err.join('')).toMatch(/no event no-such-event/);
    expect(await run('review', 'join', 'x#i1', 'y#i1', '--data', data)).toBe(1);
    expect(err.join('')).toMatch(/no incident/);
  });
});
