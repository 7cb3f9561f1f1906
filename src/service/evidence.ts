import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { sha256Hex } from '../ingest/index.js';
import { captureBytes, capturesOf, streamCaptureBytes } from '../store/index.js';
import type { Capture, Sql } from '../store/index.js';
import { ServiceError } from './errors.js';

/** The captures behind an event or a report; a ServiceError when the id names neither. */
export async function evidenceOf(db: Sql, id: string): Promise<Capture[]> {
  const captures = await capturesOf(db, id);
  if (captures.length === 0)
    throw new ServiceError('not_found', `no event, report or capture «${id}» in the store`);
  return captures;
}

/** What `saveEvidence` wrote: a file per capture, the manifest, the checksums. */
export interface SavedEvidence {
  readonly files: readonly string[];
  readonly manifest: string;
  readonly checksums: string;
}

/** A file name for a capture's bytes: its hash first (unique), then the name it came under. */
function fileName(capture: Capture): string {
  const name = basename(capture.source.replace(/(?:#\d+|:\d+)$/, '')) || 'capture';
  return `${capture.sha256.slice(0, 16)}-${name.replace(/[^\p{L}\p{N}._-]+/gu, '_')}`;
}

/**
 * Writes each capture's original bytes to `dir`, with `manifest.json` (hash,
 * size, source, URL, capture time, which source gave each fact) and
 * `SHA256SUMS`, which `sha256sum -c` checks. Refuses bytes that no longer
 * match their hash: what is handed over is what was captured.
 */
export async function saveEvidence(
  db: Sql,
  captures: readonly Capture[],
  dir: string,
): Promise<SavedEvidence> {
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  const sums: string[] = [];
  const entries: unknown[] = [];
  for (const capture of captures) {
    const bytes = await captureBytes(db, capture.sha256);
    if (bytes === null || sha256Hex(bytes) !== capture.sha256)
      throw new ServiceError(
        'conflict',
        `capture ${capture.sha256} (${capture.source}) no longer matches its hash; run wathiq evidence verify`,
      );
    const name = fileName(capture);
    await writeFile(join(dir, name), bytes);
    files.push(name);
    sums.push(`${capture.sha256}  ${name}`);
    entries.push({ file: name, ...capture });
  }
  const manifest = join(dir, 'manifest.json');
  const checksums = join(dir, 'SHA256SUMS');
  await writeFile(
    manifest,
    `${JSON.stringify({ saved_at: new Date().toISOString(), captures: entries }, null, 2)}\n`,
  );
  await writeFile(checksums, `${sums.join('\n')}\n`);
  return { files, manifest, checksums };
}

/** A stored capture whose bytes no longer hash to what they were stored under. */
export interface Mismatch {
  readonly sha256: string;
  readonly source: string;
  readonly found: string;
  readonly size: number;
  readonly foundSize: number;
}

/**
 * Hashes every stored capture again and says which no longer match the hash
 * and size they were stored with (the Berkeley Protocol's authenticity check).
 */
export async function verifyCaptures(
  db: Sql,
): Promise<{ checked: number; mismatches: Mismatch[] }> {
  let checked = 0;
  const mismatches: Mismatch[] = [];
  for await (const c of streamCaptureBytes(db)) {
    checked++;
    const found = sha256Hex(c.raw);
    if (found !== c.sha256 || c.raw.length !== c.size)
      mismatches.push({
        sha256: c.sha256,
        source: c.source,
        found,
        size: c.size,
        foundSize: c.raw.length,
      });
  }
  return { checked, mismatches };
}
