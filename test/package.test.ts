import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rename, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..');

/**
 * Packs wathiq as npm would publish it (the built `dist`, `data`, `bin`), unpacks
 * it into a fresh folder's node_modules and imports it by name, as a user's
 * script does. Dependencies come from this checkout's node_modules, so the test
 * needs no registry; what it checks is the package: its files and its exports.
 */
async function installPacked(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'wathiq-package-'));
  const { stdout } = await run(
    'npm',
    ['pack', '--ignore-scripts', '--json', '--pack-destination', dir],
    { cwd: root },
  );
  const [packed] = JSON.parse(stdout) as { filename: string }[];
  if (packed === undefined) throw new Error('npm pack made no tarball');
  const modules = join(dir, 'node_modules');
  await mkdir(modules);
  await run('tar', ['-xzf', join(dir, packed.filename), '-C', modules]);
  await rename(join(modules, 'package'), join(modules, 'wathiq'));
  await symlink(join(root, 'node_modules'), join(modules, 'wathiq', 'node_modules'), 'dir');
  return dir;
}

describe('the installed package', () => {
  it('imports extract by name and reads a report with it', { timeout: 120_000 }, async () => {
    const dir = await installPacked();
    const script = join(dir, 'use.mjs');
    await writeFile(
      script,
      [
        "import { extract, zDocumentResult } from 'wathiq';",
        "const text = 'قتل ثلاثة مدنيين بقصف مدفعي على بلدة كفرنبل جنوب إدلب، اليوم الأحد.';",
        "const result = zDocumentResult.parse(extract({ text, title: null, outlet: null, url: null, published: '2019-05-12' }));",
        'const [incident] = result.incidents;',
        'console.log(JSON.stringify({ n: result.incidents.length, place: incident?.location?.name_ar, date: incident?.date?.start, counts: incident?.claims.flatMap((c) => c.figures.map((f) => f.count)) }));',
      ].join('\n'),
    );
    const { stdout } = await run('node', [script], { cwd: dir });
    expect(JSON.parse(stdout)).toEqual({
      n: 1,
      place: 'كفر نبل',
      date: '2019-05-12',
      counts: [3],
    });
  });

  it(
    'runs the command as installed: its bundle is in the package',
    { timeout: 120_000 },
    async () => {
      const dir = await installPacked();
      const command = join(dir, 'node_modules', 'wathiq', 'bin', 'wathiq.js');
      const line = 'قتل ثلاثة مدنيين بقصف مدفعي على بلدة كفرنبل جنوب إدلب، اليوم الأحد.';
      const child = run(
        'node',
        [command, 'extract', '--ndjson', '--published', '2019-05-12', '-'],
        {
          cwd: dir,
        },
      );
      child.child.stdin?.end(`${line}\n`);
      const { stdout } = await child;
      const result = JSON.parse(stdout) as {
        incidents: { location: { name_ar: string } | null }[];
      };
      expect(result.incidents.map((i) => i.location?.name_ar)).toEqual(['كفر نبل']);
    },
  );
});
