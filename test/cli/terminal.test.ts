import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { printable } from '../../src/cli/terminal.js';
import { REPORTS } from '../link/reports.js';
import { captureConsole, onEmbeddedStore } from './console.js';

const { out, err, run, file, dir } = captureConsole();
onEmbeddedStore();

/** What a hostile report could send a terminal: retitle it (OSC), clear it (CSI 2J), ring it, move the cursor. */
const RETITLE = '\u001b]0;owned\u0007';
const CLEAR = '\u001b[2J\u001b[H';
const C1_CSI = '\u009b31m';

function hostile(): string {
  return `${[
    {
      ...REPORTS.shelling,
      title: `${RETITLE}${CLEAR}تقرير عن القصف`,
      url: `https://example.org/${C1_CSI}a`,
    },
    { ...REPORTS.monitor, outlet: `شبكة${CLEAR}\r\nأ`, title: 'خبر\tآخر' },
  ]
    .map((r) => JSON.stringify(r))
    .join('\n')}\n`;
}

function unsafe(text: string): string[] {
  return [RETITLE, CLEAR, '\u0007', '\u001b]', '\u001b[2J', '\u009b', '\r'].filter((s) =>
    text.includes(s),
  );
}

describe('what wathiq prints from reports', () => {
  it('keeps the text and drops control characters', () => {
    expect(printable(`${RETITLE}خبر${CLEAR} عاجل${C1_CSI}`)).toBe(']0;ownedخبر[2J[H عاجل31m');
    expect(printable('سطر\r\nثان\tثالث')).toBe('سطر ثان ثالث');
  });

  it('never lets a report retitle or clear the terminal in search, review or --failed', async () => {
    const data = join(dir, 'data');
    expect(await run('ingest', '--data', data, file('hostile.ndjson', hostile()))).toBe(0);
    const bad = file('bad.ndjson', `{"text": "${CLEAR}"\n`);
    expect(await run('ingest', '--data', data, bad)).toBe(1);
    out.length = 0;
    expect(await run('search', '--data', data, 'القصف')).toBe(0);
    const search = out.join('');
    expect(search).toContain('تقرير عن القصف');
    expect(await run('review', '--data', data)).toBe(0);
    expect(out.join('')).toMatch(/شبكة\[2J\[H أ/);
    expect(await run('ingest', '--data', data, '--failed')).toBe(0);
    expect(out.join('')).toContain('bad.ndjson:1');
    expect(unsafe(out.join('') + err.join(''))).toEqual([]);
  });
});
