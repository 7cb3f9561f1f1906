import type { ReviewStatus, Role } from '../contracts/index.js';

/** Something a person may be allowed to do. */
export type Permission =
  /** Public events and their reports, the map, timeline, exports, look-ups. */
  | 'read'
  /** Private events and their reports too. */
  | 'read:private'
  /** Add reports (paste or upload). */
  | 'report:add'
  /** Withdraw a report (hidden, its bytes kept) or restore one. */
  | 'report:withdraw'
  /** Correct what the machine read in an incident or an event. */
  | 'correct'
  /** Split two incidents into different events, or join them into one. */
  | 'decide'
  /** Mark an event private (a victim's safety) or public again. */
  | 'privacy'
  /** The whole audit log, everyone's changes. */
  | 'audit'
  /** Users, roles, everyone's tokens, settings such as requiring a second factor. */
  | 'users'
  /** Read stored reports again after an update of wathiq, its dictionaries or gazetteer. */
  | 'reprocess'
  /** One's own tokens for scripts. */
  | 'token';

export interface RoleRights {
  readonly permissions: readonly Permission[];
  /** The review statuses the role may set, and may change an event away from. */
  readonly statuses: readonly ReviewStatus[];
}

/**
 * The role table. A viewer reads public events; an editor enters reports,
 * corrects, splits and joins, and marks events reviewed; an admin also
 * verifies, disputes and rejects, manages users and reads the audit log.
 */
export const ROLES: Readonly<Record<Role, RoleRights>> = {
  viewer: { permissions: ['read', 'token'], statuses: [] },
  editor: {
    permissions: [
      'read',
      'read:private',
      'report:add',
      'report:withdraw',
      'correct',
      'decide',
      'privacy',
      'token',
    ],
    statuses: ['unreviewed', 'reviewed'],
  },
  admin: {
    permissions: [
      'read',
      'read:private',
      'report:add',
      'report:withdraw',
      'correct',
      'decide',
      'privacy',
      'audit',
      'users',
      'reprocess',
      'token',
    ],
    statuses: ['unreviewed', 'reviewed', 'verified', 'disputed', 'rejected'],
  },
};

export function may(role: Role, permission: Permission): boolean {
  return ROLES[role].permissions.includes(permission);
}

/** Whether a role may move an event from one status to another: both must be in its list. */
export function maySetStatus(role: Role, from: ReviewStatus, to: ReviewStatus): boolean {
  const allowed = ROLES[role].statuses;
  return allowed.includes(from) && allowed.includes(to);
}

/** Who makes a change, and with what rights. */
/** A role as a sentence names it: “an editor”, “a viewer”. */
export function aRole(role: Role): string {
  return `${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role}`;
}

export interface Actor {
  readonly name: string;
  readonly role: Role;
}
