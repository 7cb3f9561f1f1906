import type { Change } from './api/types.js';
import { isKey, translate, type Lang } from './i18n/i18n.js';

/** A change to accounts, tokens or reports as the admin's audit log tells it. */
export interface AccountChangeText {
  what: string;
  before: string;
  after: string;
  /** Whether `what` is the action's code, shown as made: no translation has it. */
  asMade: boolean;
}

/** Who or what the change touched, as its key names it. */
function subject(key: Record<string, unknown>): string {
  for (const name of ['user', 'token']) {
    const value = key[name];
    if (typeof value === 'string') return value;
  }
  return '';
}

function valueText(lang: Lang, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return translate(lang, 'common.none');
  if (typeof value === 'boolean') return translate(lang, value ? 'common.yes' : 'common.no');
  if (field === 'role' && typeof value === 'string' && isKey(`role.${value}`))
    return translate(lang, `role.${value}` as 'role.admin');
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/** A state (a user's role and switches, a token…) as «field: value» in the reader's language. */
function stateText(lang: Lang, state: unknown): string {
  if (state === null || state === undefined) return translate(lang, 'common.none');
  if (typeof state !== 'object' || Array.isArray(state)) return valueText(lang, '', state);
  return Object.entries(state as Record<string, unknown>)
    .map(([field, value]) => {
      const label = isKey(`audit.field.${field}`)
        ? translate(lang, `audit.field.${field}` as 'audit.field.role')
        : field;
      return `${label}: ${valueText(lang, field, value)}`;
    })
    .join(' · ');
}

/**
 * A change that is not to an event — a user added, a role changed, a token
 * made, a report withdrawn — in the reader's words. An action the translations
 * do not know is shown as its code.
 */
export function describeAccountChange(change: Change, lang: Lang): AccountChangeText {
  const key = `audit.${change.action}`;
  const known = isKey(key);
  return {
    what: known ? translate(lang, key, { name: subject(change.key) }) : change.action,
    before: stateText(lang, change.before),
    after: stateText(lang, change.after),
    asMade: !known,
  };
}
