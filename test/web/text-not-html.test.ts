import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(process.cwd(), 'web', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(dir, entry.name))
      : /\.tsx?$/.test(entry.name)
        ? [join(dir, entry.name)]
        : [],
  );
}

/**
 * Report text is data: the app shows it through text nodes only. This guards
 * the ways a string could become markup (the browser test then checks a
 * hostile report end to end).
 */
describe('the app never turns a string into HTML', () => {
  it('uses no innerHTML, outerHTML, insertAdjacentHTML or dangerouslySetInnerHTML', () => {
    expect(sources(root).length).toBeGreaterThan(20);
    const offenders = sources(root).filter((file) =>
      /innerHTML|outerHTML|insertAdjacentHTML|dangerouslySetInnerHTML|document\.write/.test(
        readFileSync(file, 'utf8'),
      ),
    );
    expect(offenders).toEqual([]);
  });

  it('gives Leaflet elements, never strings, for popups and tooltips', () => {
    const stringy = sources(root).filter((file) =>
      /\.(?:setContent|bindPopup|bindTooltip)\(\s*['"`]/.test(readFileSync(file, 'utf8')),
    );
    expect(stringy).toEqual([]);
  });
});
