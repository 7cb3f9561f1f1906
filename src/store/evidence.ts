import type { FactSources } from '../contracts/index.js';
import type { Sql } from './db.js';

/** One capture of a report: its bytes' hash, size, where they came from and when. */
export interface Capture {
  readonly sha256: string;
  readonly size: number;
  readonly source: string;
  readonly captured_at: string;
  readonly document_id: string;
  readonly url: string | null;
  readonly outlet: string | null;
  readonly published: string | null;
  readonly title: string | null;
  readonly sources: FactSources | null;
}

const CAPTURE_COLUMNS = `c.sha256, c.size, c.source, c.captured_at, c.document_id,
  d.url, d.outlet, d.published, d.title, d.sources`;

/**
 * The captures behind an event (`ev:…`), a report (`sha256:…`, its text's id)
 * or one capture (its bytes' SHA-256, hex): every copy of the evidence.
 */
export async function capturesOf(db: Sql, id: string): Promise<Capture[]> {
  return db.query<Capture>(
    `SELECT ${CAPTURE_COLUMNS} FROM captures c JOIN documents d ON d.id = c.document_id
     WHERE c.document_id IN (SELECT document_id FROM incidents WHERE event_id = $1)
        OR c.document_id = $1 OR c.sha256 = $1
     ORDER BY c.captured_at, c.sha256`,
    [id],
  );
}

/** A capture's bytes, exactly as they were stored. */
export async function captureBytes(db: Sql, sha256: string): Promise<Uint8Array | null> {
  const [row] = await db.query<{ raw: Uint8Array }>('SELECT raw FROM captures WHERE sha256 = $1', [
    sha256,
  ]);
  return row?.raw ?? null;
}

/** Every stored capture's bytes with the hash and size they were stored under, a page at a time. */
export async function* streamCaptureBytes(
  db: Sql,
  pageSize = 200,
): AsyncGenerator<{ sha256: string; size: number; source: string; raw: Uint8Array }> {
  let after = '';
  for (;;) {
    const page = await db.query<{ sha256: string; size: number; source: string; raw: Uint8Array }>(
      'SELECT sha256, size, source, raw FROM captures WHERE sha256 > $1 ORDER BY sha256 LIMIT $2',
      [after, pageSize],
    );
    yield* page;
    const last = page.at(-1);
    if (last === undefined || page.length < pageSize) return;
    after = last.sha256;
  }
}
