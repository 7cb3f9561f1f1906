#!/usr/bin/env node
// The `wathiq` command: runs the compiled CLI, bundled (built by `npm install` / `npm run build`;
// scripts/bundle-cli.ts says why).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/src/cli-bundle/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write(
    'wathiq: not built yet; run `npm install` (or `npm run build`) in the wathiq folder\n',
  );
  process.exit(2);
}
// Before the command's modules load: an ingest's young generation is held at its first size (src/cli/heap.ts).
const { holdYoungGeneration } = await import(
  new URL('../dist/src/cli-bundle/heap.js', import.meta.url).href
);
holdYoungGeneration(process.argv);
const { main } = await import(entry.href);
// This process is the command's own: it may set the process's V8 flags (src/cli/heap.ts).
process.exitCode = await main(process.argv, { ownProcess: true });
