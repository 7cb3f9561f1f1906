import { normalizePhrase } from '../text/index.js';
import type { Event } from '../contracts/index.js';
import type { Sql } from './db.js';
import { containing } from './queries.js';
import type { Cursor } from './queries.js';

/** Which stored reports to list; every field narrows the set. */
export interface ReportFilter {
  readonly outlet?: string;
  /** Published on or after this day. */
  readonly from?: string;
  /** Published on or before this day. */
  readonly to?: string;
  /** Words in its title or text, matched on normalized Arabic and loosely. */
  readonly search?: string;
  /** Withdrawn reports: left out (when absent), `only` them, or `include`d. */
  readonly withdrawn?: 'only' | 'include';
  /** Only what a viewer may see: no withdrawn report, none of a private event. */
  readonly publicOnly?: boolean;
}

/** A stored report in a list: what it is and where it went, not its text. */
export interface ReportSummary {
  readonly document: string;
  readonly title: string | null;
  readonly outlet: string | null;
  readonly url: string | null;
  readonly published: string | null;
  readonly withdrawn: boolean;
  readonly private: boolean;
  /** How many incidents were read from it. */
  readonly incidents: number;
  /** The events its incidents are in now. */
  readonly events: string[];
}

/** Whether any of a report's incidents, or any event they are in, is private (a victim's safety). */
const PRIVATE = `EXISTS (SELECT 1 FROM incidents i LEFT JOIN events e ON e.id = i.event_id
  WHERE i.document_id = d.id AND (i.private OR coalesce(e.private, false)))`;

/**
 * One page of stored reports, newest published first (undated last), and where
 * the next page starts (null at the end).
 */
export async function listReports(
  db: Sql,
  filter: ReportFilter,
  page: { readonly limit: number; readonly after: Cursor | null },
): Promise<{ reports: ReportSummary[]; next: Cursor | null }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${String(params.length)}`;
  };
  if (filter.outlet !== undefined) where.push(`d.outlet = ${param(filter.outlet)}`);
  if (filter.from !== undefined) where.push(`d.published_day >= ${param(filter.from)}::date`);
  if (filter.to !== undefined) where.push(`d.published_day <= ${param(filter.to)}::date`);
  if (filter.search !== undefined && filter.search.trim() !== '') {
    const words = normalizePhrase(filter.search);
    // Words that normalize to nothing («_») are in no report: the filter keeps nothing.
    where.push(
      words === ''
        ? 'false'
        : `(d.search_text LIKE ${param(containing(words))} OR ${param(words)} <% d.search_text)`,
    );
  }
  if (filter.publicOnly === true) where.push(`NOT d.withdrawn AND NOT ${PRIVATE}`);
  if (filter.withdrawn === 'only') where.push('d.withdrawn');
  else if (filter.withdrawn === undefined) where.push('NOT d.withdrawn');
  const after = page.after;
  if (after !== null && after.key === null)
    where.push(`(d.published_day IS NULL AND d.id > ${param(after.id)})`);
  else if (after !== null) {
    const day = `${param(after.key)}::date`;
    const id = param(after.id);
    where.push(
      `(d.published_day < ${day} OR (d.published_day = ${day} AND d.id > ${id}) OR d.published_day IS NULL)`,
    );
  }
  const rows = await db.query<{ report: ReportSummary; day: string | null }>(
    `SELECT json_build_object('document', d.id, 'title', d.title, 'outlet', d.outlet, 'url', d.url,
         'published', d.published, 'withdrawn', d.withdrawn, 'private', ${PRIVATE},
         'incidents', (SELECT count(*) FROM incidents i WHERE i.document_id = d.id),
         'events', coalesce((SELECT json_agg(DISTINCT i.event_id) FROM incidents i
                             WHERE i.document_id = d.id AND i.event_id IS NOT NULL), '[]')) AS report,
       to_char(d.published_day, 'YYYY-MM-DD') AS day
     FROM documents d ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY d.published_day DESC NULLS LAST, d.id LIMIT ${param(page.limit)}`,
    params,
  );
  const last = rows.at(-1);
  return {
    reports: rows.map((r) => r.report),
    next:
      rows.length === page.limit && last !== undefined
        ? { key: last.day, id: last.report.document }
        : null,
  };
}

/** What reading each of these reports warned of, by report id (reports with no warning left out). */
export async function reportWarnings(
  db: Sql,
  documents: readonly string[],
): Promise<Map<string, string[]>> {
  if (documents.length === 0) return new Map();
  const rows = await db.query<{ id: string; warnings: string[] | null }>(
    `SELECT id, warnings FROM documents
      WHERE id = ANY($1::text[]) AND jsonb_array_length(coalesce(warnings, '[]'::jsonb)) > 0`,
    [documents],
  );
  return new Map(rows.map((r) => [r.id, r.warnings ?? []]));
}

/**
 * Unreviewed events, those with the most reasons to look first (see
 * `event_review_reasons` in the schema), the newest among equals: read in
 * that order from the events_queue index, however many events there are.
 */
export async function reviewQueueEvents(
  db: Sql,
  options: { readonly publicOnly: boolean; readonly limit: number },
): Promise<{ event: Event; private: boolean; reasons: string[] }[]> {
  const rows = await db.query<{ data: Event; private: boolean; reasons: string[] }>(
    `SELECT event_whole(id, data) AS data, private, review_reasons AS reasons FROM events
     WHERE review_status = 'unreviewed' AND (NOT private OR NOT $1::boolean)
     ORDER BY cardinality(review_reasons) DESC, date_start DESC NULLS LAST, id
     LIMIT $2`,
    [options.publicOnly, options.limit],
  );
  return rows.map((r) => ({ event: r.data, private: r.private, reasons: r.reasons }));
}
