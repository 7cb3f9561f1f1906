import type { AuditEntry, ChangeKind } from '../contracts/index.js';
import type { Sql } from './db.js';

/** A change to append to the audit log. */
export interface AuditRecord {
  readonly by: string;
  readonly action: string;
  readonly kind: ChangeKind;
  readonly key: Readonly<Record<string, unknown>>;
  readonly before: unknown;
  readonly after: unknown;
  readonly reason: string | null;
  readonly reverts: number | null;
  readonly event: string | null;
  /** The event's incidents when it changed: its history follows them through regrouping. */
  readonly incidents: readonly string[];
}

const ENTRY_COLUMNS = `id, at, by, action, kind, key, before, after, reason, reverts, event_id AS event,
  change_group AS "group"`;

export async function appendAudit(db: Sql, record: AuditRecord): Promise<AuditEntry> {
  const [row] = await db.query<AuditEntry>(
    `INSERT INTO audit_log (by, action, kind, key, before, after, reason, reverts, event_id, incidents)
     VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6::jsonb, $7, $8, $9, $10::text[])
     RETURNING ${ENTRY_COLUMNS}`,
    [
      record.by,
      record.action,
      record.kind,
      JSON.stringify(record.key),
      record.before === null || record.before === undefined ? null : JSON.stringify(record.before),
      record.after === null || record.after === undefined ? null : JSON.stringify(record.after),
      record.reason,
      record.reverts,
      record.event,
      record.incidents,
    ],
  );
  if (row === undefined) throw new Error('the audit log refused an entry');
  return row;
}

export async function findAudit(db: Sql, id: number): Promise<AuditEntry | null> {
  const [row] = await db.query<AuditEntry>(`SELECT ${ENTRY_COLUMNS} FROM audit_log WHERE id = $1`, [
    id,
  ]);
  return row ?? null;
}

/** Which changes to list; every field narrows the set. */
export interface AuditFilter {
  readonly by?: string;
  /** Changes to this event, or to any incident it holds now. */
  readonly event?: { readonly id: string; readonly incidents: readonly string[] };
  /** On or after this moment (a day or a timestamp). */
  readonly from?: string;
  /** Before the end of this day, or this moment. */
  readonly to?: string;
  readonly kind?: ChangeKind;
}

/** Newest first, a page at a time: `before` is the last id of the page read. */
export async function listAudit(
  db: Sql,
  filter: AuditFilter,
  page: { readonly limit: number; readonly before?: number | null },
): Promise<AuditEntry[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${String(params.length)}`;
  };
  if (filter.by !== undefined) where.push(`by = ${param(filter.by)}`);
  if (filter.kind !== undefined) where.push(`kind = ${param(filter.kind)}`);
  if (filter.event !== undefined)
    where.push(
      `(event_id = ${param(filter.event.id)} OR incidents && ${param(filter.event.incidents)}::text[])`,
    );
  if (filter.from !== undefined) where.push(`at >= ${param(filter.from)}::timestamptz`);
  if (filter.to !== undefined)
    where.push(
      /^\d{4}-\d{2}-\d{2}$/.test(filter.to)
        ? `at < ${param(filter.to)}::date + 1`
        : `at <= ${param(filter.to)}::timestamptz`,
    );
  if (page.before !== undefined && page.before !== null) where.push(`id < ${param(page.before)}`);
  return db.query<AuditEntry>(
    `SELECT ${ENTRY_COLUMNS} FROM audit_log ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY id DESC LIMIT ${param(page.limit)}`,
    params,
  );
}
