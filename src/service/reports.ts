import { z } from 'zod';
import type { AuditEntry, ReportListQuery, ReportPage } from '../contracts/index.js';
import { sha256Hex } from '../ingest/index.js';
import {
  captureBytes,
  listReports,
  reportView,
  reportWithdrawn,
  setReportWithdrawn,
} from '../store/index.js';
import type { Sql, StoredReportView } from '../store/index.js';
import { applyChange } from './changes.js';
import type { ChangeKey, ServiceContext, StateHandler } from './changes.js';
import { forbidden, invalid, notFound, ServiceError } from './errors.js';
import { decodeCursor, encodeCursor } from './events.js';
import { eventScope } from './review-states.js';
import { may } from './roles.js';
import type { Actor } from './roles.js';

const zKey = z.object({ report: z.string() });
const zState = z.object({ withdrawn: z.boolean() });

function reportOf(key: ChangeKey): string {
  const parsed = zKey.safeParse(key);
  if (!parsed.success) throw invalid('key', 'this change names no report');
  return parsed.data.report;
}

/**
 * Whether a report is withdrawn: hidden from every event, list and export,
 * its text and evidence bytes kept. Putting it back regroups its incidents
 * into events again.
 */
export const reportState: StateHandler = {
  async read(tx, key) {
    const id = reportOf(key);
    const withdrawn = await reportWithdrawn(tx, id);
    if (withdrawn === null) throw notFound(`report ${id}`);
    return { withdrawn };
  },
  authorize(actor) {
    if (!may(actor.role, 'report:withdraw'))
      throw forbidden('only an editor or an admin withdraws reports');
  },
  async write(tx, key, after, env) {
    const id = reportOf(key);
    const state = after === null ? { withdrawn: false } : zState.parse(after);
    if (!(await setReportWithdrawn(tx, id, state.withdrawn, env.knowledge().lexicon)))
      throw notFound(`report ${id}`);
  },
  async held(tx, key) {
    const id = reportOf(key);
    const own = await tx.query<{ id: string }>('SELECT id FROM incidents WHERE document_id = $1', [
      id,
    ]);
    return { reports: [id], incidents: own.map((r) => r.id) };
  },
  async scope(tx, key) {
    const id = reportOf(key);
    const [row] = await tx.query<{ event_id: string | null }>(
      `SELECT event_id FROM incidents WHERE document_id = $1 AND event_id IS NOT NULL
       ORDER BY id LIMIT 1`,
      [id],
    );
    const own = await tx.query<{ id: string }>(
      'SELECT id FROM incidents WHERE document_id = $1 ORDER BY id',
      [id],
    );
    const event =
      row?.event_id === null || row?.event_id === undefined
        ? { event: null, incidents: [] }
        : await eventScope(tx, row.event_id);
    return {
      event: event.event,
      incidents: [...new Set([...event.incidents, ...own.map((r) => r.id)])].sort(),
    };
  },
};

/** Withdraws a report (hidden, its bytes kept) or puts it back: logged, revertible. */
export async function withdrawReport(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  withdrawn: boolean,
  reason: string | null = null,
): Promise<AuditEntry | null> {
  await visibleReport(ctx.db, actor, id);
  return applyChange(ctx, actor, {
    kind: 'report',
    key: { report: id },
    action: withdrawn ? 'report.withdraw' : 'report.restore',
    after: { withdrawn },
    reason,
  });
}

/**
 * A report if this person may see it. To a viewer, a withdrawn report or one
 * of a private event is no report at all.
 */
export async function visibleReport(db: Sql, actor: Actor, id: string): Promise<StoredReportView> {
  const report = await reportView(db, id);
  if (report === null || (!may(actor.role, 'read:private') && (report.private || report.withdrawn)))
    throw notFound(`report ${id}`);
  return report;
}

/**
 * The bytes of one capture of a report, as they were captured, for someone
 * who may see the report; refused when they no longer match their hash.
 */
export async function reportCapture(
  db: Sql,
  actor: Actor,
  id: string,
  sha256: string,
): Promise<{ bytes: Uint8Array; source: string }> {
  const report = await visibleReport(db, actor, id);
  const capture = report.captures.find((c) => c.sha256 === sha256);
  if (capture === undefined) throw notFound(`capture ${sha256} of report ${id}`);
  const bytes = await captureBytes(db, sha256);
  if (bytes === null || sha256Hex(bytes) !== sha256)
    throw new ServiceError(
      'conflict',
      `capture ${sha256} no longer matches its hash; run wathiq evidence verify`,
    );
  return { bytes, source: capture.source };
}

/**
 * A page of stored reports, newest published first. A viewer's list holds
 * no withdrawn report and none of a private event, whatever the filter asks;
 * a viewer asking for withdrawn reports alone is refused, not shown an empty list.
 */
export async function reportPage(
  db: Sql,
  actor: Actor,
  query: ReportListQuery,
): Promise<ReportPage> {
  if (query.withdrawn === 'only' && !may(actor.role, 'report:withdraw'))
    throw forbidden('withdrawn: only an editor or an admin sees withdrawn reports');
  const limit = query.limit ?? 50;
  const page = await listReports(
    db,
    {
      ...(query.outlet === undefined ? {} : { outlet: query.outlet }),
      ...(query.from === undefined ? {} : { from: query.from }),
      ...(query.to === undefined ? {} : { to: query.to }),
      ...(query.search === undefined ? {} : { search: query.search }),
      ...(query.withdrawn === undefined ? {} : { withdrawn: query.withdrawn }),
      publicOnly: !may(actor.role, 'read:private'),
    },
    { limit, after: query.after === undefined ? null : decodeCursor(query.after) },
  );
  return { reports: page.reports, next: page.next === null ? null : encodeCursor(page.next) };
}
