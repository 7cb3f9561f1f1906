import type { Incident } from '../contracts/index.js';
import type { Lexicon } from '../lexicon/index.js';
import type { Sql } from './db.js';
import { lockAreas, regroup } from './linking.js';

/**
 * Whether a report is withdrawn (null: no such report). A withdrawn report is
 * hidden: its incidents are in no event, so no list, map, export or event
 * shows it; its text and evidence bytes stay in the store, unchanged.
 */
export async function reportWithdrawn(db: Sql, id: string): Promise<boolean | null> {
  const [row] = await db.query<{ withdrawn: boolean }>(
    'SELECT withdrawn FROM documents WHERE id = $1',
    [id],
  );
  return row?.withdrawn ?? null;
}

/**
 * Withdraws a report or puts it back, and regroups the events its incidents
 * were or will be in, in the caller's transaction; false when there is no
 * such report.
 */
export async function setReportWithdrawn(
  tx: Sql,
  id: string,
  withdrawn: boolean,
  lexicon: Lexicon,
): Promise<boolean> {
  const rows = await tx.query<{ id: string; area: string | null }>(
    `WITH d AS (UPDATE documents SET withdrawn = $2 WHERE id = $1 RETURNING id)
     SELECT i.id, i.admin1_pcode AS area FROM d JOIN incidents i ON i.document_id = d.id
     WHERE NOT i.background
     UNION ALL SELECT '', NULL FROM d`,
    [id, withdrawn],
  );
  if (rows.length === 0) return false;
  const incidents = rows.filter((r) => r.id !== '');
  await lockAreas(
    tx,
    incidents.flatMap((r) => r.area ?? []),
  );
  if (incidents.length > 0)
    await regroup(
      tx,
      incidents.map((r) => r.id),
      lexicon,
    );
  return true;
}

/** A stored report as people see it: its text, what was read in it, its events and captures. */
export interface StoredReportView {
  readonly document: string;
  readonly title: string | null;
  readonly outlet: string | null;
  readonly url: string | null;
  readonly published: string | null;
  readonly text: string;
  readonly withdrawn: boolean;
  /** Any of its incidents, or any event they are in, is private (a victim's safety). */
  readonly private: boolean;
  readonly incidents: Incident[];
  /** The events its incidents are in now. */
  readonly events: string[];
  readonly captures: {
    readonly sha256: string;
    readonly size: number;
    readonly source: string;
    readonly captured_at: string;
  }[];
}

export async function reportView(db: Sql, id: string): Promise<StoredReportView | null> {
  const [row] = await db.query<StoredReportView>(
    `SELECT d.id AS document, d.title, d.outlet, d.url, d.published, d.text, d.withdrawn,
       EXISTS (SELECT 1 FROM incidents i LEFT JOIN events e ON e.id = i.event_id
               WHERE i.document_id = d.id AND (i.private OR coalesce(e.private, false))) AS private,
       coalesce((SELECT json_agg(i.data ORDER BY i.id) FROM incidents i WHERE i.document_id = d.id),
                '[]') AS incidents,
       coalesce((SELECT json_agg(DISTINCT i.event_id) FROM incidents i
                 WHERE i.document_id = d.id AND i.event_id IS NOT NULL), '[]') AS events,
       coalesce((SELECT json_agg(json_build_object('sha256', c.sha256, 'size', c.size,
                   'source', c.source, 'captured_at', c.captured_at) ORDER BY c.captured_at, c.sha256)
                 FROM captures c WHERE c.document_id = d.id), '[]') AS captures
     FROM documents d WHERE d.id = $1`,
    [id],
  );
  return row ?? null;
}
