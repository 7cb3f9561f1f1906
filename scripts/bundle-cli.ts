/**
 * `npm run build` bundles the command here, after tsc: bin/wathiq.js runs
 * dist/src/cli-bundle/main.js, the CLI's modules in some 35 files (an
 * `extract` loads 14 of them), where it loaded about 110 modules one by one
 * (each found, read, compiled and linked apart: ~0.04 s of a one-line
 * `extract`). Each command's modules are still
 * loaded when the command runs (`await import` becomes a chunk of its own), and
 * the packages of node_modules are left to Node. The bundle sits as deep in
 * dist/src as the modules it is made of, so that what they find from their own
 * place (the data folder, the web app, the knowledge cache's key) they find
 * from it. `dist/cli-bundle.meta.json` says which modules each file holds
 * (esbuild's metafile; outside dist/src, so it is not shipped).
 */
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** dist, where tsc put the modules this bundles (in dist/src). */
const dist = dirname(dirname(fileURLToPath(import.meta.url)));
const srcRoot = join(dist, 'src');
const outdir = join(srcRoot, 'cli-bundle');

// A file is named by a hash of what it holds: the last build's would stay beside this one's.
rmSync(outdir, { recursive: true, force: true });
const result = await build({
  // The metafile names each module from the package's folder: «dist/src/extract/recipe.js».
  absWorkingDir: dirname(dist),
  // heap.js too: bin/wathiq.js loads it before the command, and it keeps a state the command reads.
  entryPoints: [join(srcRoot, 'cli', 'main.js'), join(srcRoot, 'cli', 'heap.js')],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  // To the TypeScript sources, through tsc's maps, for `node --enable-source-maps`.
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
});
writeFileSync(join(dist, 'cli-bundle.meta.json'), JSON.stringify(result.metafile));
