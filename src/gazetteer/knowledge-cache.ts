import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import type { GazetteerData } from './gazetteer.js';
import type { Lexicon, PhraseIndexData } from '../lexicon/index.js';
import type { LexEntry } from '../lexicon/index.js';

/**
 * Building the lexicon and gazetteer from their data files takes about 0.3 s
 * of CPU (tokenizing some 20,000 phrases into tries), more than a one-line
 * `extract` spends on everything else. What they build is stored here, as V8
 * serializes it (shared values stay shared), and read back in a tenth of that.
 *
 * A stale cache must never be read: the file is named by a hash of all that
 * the build depends on — the bytes of every data file of `data/lexicon` and
 * `data/gazetteer`, the user's places files, the code of the modules that build
 * (contracts, text, lexicon and gazetteer, this one among them) and of the bundled
 * command that holds them too, V8's version and this format's. A data
 * file edited to add a nickname gives another name, so the next start builds
 * from the files and stores that.
 */

/** Bumped when what is stored changes shape in a way the modules' bytes do not show. */
const FORMAT = 1;

/** What the cache holds: the lexicon with its index as data, and the gazetteer's tables. */
export interface KnowledgeData {
  readonly lexicon: Omit<Lexicon, 'index'> & { readonly index: PhraseIndexData<LexEntry> };
  readonly gazetteer: GazetteerData;
}

/** The compiled modules' folder (`dist/src`, or `src` when run from the sources). */
const srcRoot = dirname(dirname(fileURLToPath(import.meta.url)));

/** The modules whose code decides what the build gives. */
const BUILDING_MODULES = ['contracts', 'text', 'lexicon', 'gazetteer'];

/**
 * The folder of the bundled command (scripts/bundle-cli.ts), which holds the
 * same code bundled: the command builds the knowledge with it.
 */
const BUNDLE = 'cli-bundle';

/** Code that runs: compiled JavaScript, or the TypeScript sources run as such (not declarations, not maps). */
const isCode = (file: string): boolean =>
  file.endsWith('.js') || (file.endsWith('.ts') && !file.endsWith('.d.ts'));

/** The folder `npm run build` fills with the shipped knowledge: `dist/knowledge-cache`. */
export function shippedCacheDir(): string {
  return join(dirname(srcRoot), 'knowledge-cache');
}

function filesOf(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(dir, entry.name))
    .sort();
}

/**
 * The cache key: a hash of everything the knowledge is built from; null when
 * a file cannot be read (the build then says which, and how). `codeRoot` is
 * the folder of the compiled modules, this module's unless a test says.
 */
export function knowledgeKey(
  dataDir: string,
  userPlacesFiles: readonly string[],
  codeRoot = srcRoot,
): string | null {
  try {
    return hashOf(dataDir, userPlacesFiles, codeRoot);
  } catch {
    return null;
  }
}

function hashOf(dataDir: string, userPlacesFiles: readonly string[], codeRoot: string): string {
  const hash = createHash('sha256');
  const add = (label: string, bytes: Buffer | string): void => {
    hash.update(`${label}\0${String(bytes.length)}\0`);
    hash.update(bytes);
  };
  add('format', String(FORMAT));
  add('v8', process.versions.v8);
  // The bundle as well as the modules: the command, the library and the build's last step then
  // hash alike, and a bundle older than the modules (tsc run alone) never stores what it builds
  // under their key, to be read back by the code they hold.
  const bundle = join(codeRoot, BUNDLE);
  const folders = BUILDING_MODULES.map((module) => join(codeRoot, module));
  if (existsSync(bundle)) folders.push(bundle);
  const code = folders.flatMap(filesOf).filter(isCode);
  for (const file of code) add(file.slice(codeRoot.length), readFileSync(file));
  for (const file of [...filesOf(join(dataDir, 'lexicon')), ...filesOf(join(dataDir, 'gazetteer'))])
    add(file.slice(dataDir.length), readFileSync(file));
  // A user's file that is not there yet adds nothing, as the build skips it.
  for (const file of userPlacesFiles) if (existsSync(file)) add(`user:${file}`, readFileSync(file));
  return hash.digest('hex').slice(0, 32);
}

function cacheFile(dir: string, key: string): string {
  return join(dir, `knowledge-${key}.bin`);
}

/** The stored knowledge for this key, or null (none, or unreadable: it is then built again). */
export function readCached(dir: string, key: string): KnowledgeData | null {
  const file = cacheFile(dir, key);
  if (!existsSync(file)) return null;
  try {
    return deserialize(readFileSync(file)) as KnowledgeData;
  } catch {
    return null;
  }
}

/**
 * Stores the knowledge under its key and removes what older keys left. Written
 * aside and renamed, so a process reading at the same time sees a whole file or
 * none. A folder that cannot be written (a read-only install) is no error: the
 * next start builds again.
 */
export function writeCached(dir: string, key: string, data: KnowledgeData): void {
  const file = cacheFile(dir, key);
  const aside = `${file}.${String(process.pid)}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(aside, serialize(data));
    renameSync(aside, file);
    for (const name of readdirSync(dir))
      if (/^knowledge-[0-9a-f]+\.bin$/.test(name) && join(dir, name) !== file)
        rmSync(join(dir, name), { force: true });
  } catch {
    try {
      rmSync(aside, { force: true });
    } catch {
      // Nothing was written where nothing can be.
    }
  }
}
