import { z } from 'zod';

/** The kinds of state a change can touch; each has its own key (which event, which user…). */
export const zChangeKind = z
  .enum(['status', 'decision', 'privacy', 'correction', 'report', 'user', 'token', 'setting'])
  .meta({ id: 'ChangeKind' });
export type ChangeKind = z.infer<typeof zChangeKind>;

/** One change in the audit log: who, when, what, the value before and after, why. */
export const zAuditEntry = z
  .object({
    id: z.number().int(),
    at: z.string(),
    by: z.string(),
    /** What was done, in a word: `correct`, `status`, `split`, `join`, `report.add`, `user.role`, `revert`… */
    action: z.string(),
    kind: zChangeKind,
    /** Which state: `{ "event": … }`, `{ "user": … }`, `{ "target": …, "field": … }`… */
    key: z.record(z.string(), z.unknown()),
    /** The state before and after: null where there was none (no correction, no user yet). */
    before: z.unknown(),
    after: z.unknown(),
    reason: z.string().nullable(),
    /** The change this one reverted. */
    reverts: z.number().int().nullable(),
    /** The event it touched, as it was then. */
    event: z.string().nullable(),
    /** Changes made as one (in one request) share it: the history shows and reverts them together. */
    group: z.number().int(),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof zAuditEntry>;
