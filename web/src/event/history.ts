/**
 * A change in an event's history as a documenter reads it: which field, the
 * value before and after in words (a place by its name, a status by its label,
 * a date as the language writes it), never the stored JSON.
 */
import type { Change } from '../api/types.js';
import { formatDate, formatNumber, isKey, translate, type Key, type Lang } from '../i18n/i18n.js';
import { vocabularyLabel } from '../vocabulary/actors.js';
import { typeName } from '../vocabulary/types.js';

export interface ChangeText {
  /** What changed: «Place», «Review status», «Count: SOHR killed civilians»… */
  what: string;
  before: string;
  after: string;
  /** A change that put back an earlier one. */
  revert: boolean;
}

type Fields = Record<string, unknown>;

const isFields = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

const eventFieldKeys: Record<string, Key> = {
  event_type: 'event.type',
  sub_event_type: 'event.type',
  date: 'event.date',
  place: 'event.place',
  actor1: 'event.actor1',
  actor2: 'event.actor2',
  assoc1: 'event.assoc',
  assoc2: 'event.assoc',
  civilian_targeting: 'event.civilians',
};

/** The field a change touched, named in the reader's language. */
function whatOf(change: Change, lang: Lang): string {
  const t = (key: Key, params?: Record<string, string | number>) => translate(lang, key, params);
  switch (change.kind) {
    case 'status':
      return t('event.status');
    case 'privacy':
      return t('history.privacy');
    case 'report':
      return t('history.report');
    case 'decision': {
      const joined = isFields(change.after) ? change.after['same'] === true : null;
      if (joined === null) return t('history.decisionUndone');
      return joined ? t('history.joined') : t('history.split');
    }
    case 'correction': {
      const field = text(change.key['field']) ?? '';
      if (field.startsWith('event.')) {
        const key = eventFieldKeys[field.slice('event.'.length)];
        return key === undefined ? field.slice('event.'.length) : t(key);
      }
      if (field.startsWith('figure:')) {
        const [claimant = '', measure = '', victim = ''] = field.slice('figure:'.length).split('|');
        const parts = [
          claimant === '' ? t('event.unattributed') : vocabularyLabel(lang, claimant),
          isKey(`measure.${measure}`) ? t(`measure.${measure}` as Key) : measure,
          ...(victim === '' ? [] : [vocabularyLabel(lang, victim)]),
        ];
        return `${t('event.count')}: ${parts.join(' · ')}`;
      }
      if (field.startsWith('claimant:')) {
        const read = field.slice('claimant:'.length);
        return `${t('history.claimant')}: ${read === '' ? t('event.unattributed') : vocabularyLabel(lang, read)}`;
      }
      if (field === 'added_claims') return t('history.claimAdded');
      if (field === 'not_incident') return t('history.notIncident');
      return field;
    }
    default:
      return change.action;
  }
}

/** A value the change set, in words. `none` for a correction is the machine's own reading. */
function valueOf(change: Change, value: unknown, lang: Lang): string {
  const t = (key: Key, params?: Record<string, string | number>) => translate(lang, key, params);
  const field = text(change.key['field']) ?? '';
  // A claimant as the machine read it is named: the key says whom.
  if ((value === null || value === undefined) && field.startsWith('claimant:')) {
    const read = field.slice('claimant:'.length);
    return read === '' ? t('event.unattributed') : vocabularyLabel(lang, read);
  }
  if (value === null || value === undefined)
    return change.kind === 'correction' || change.kind === 'decision'
      ? t('history.machine')
      : t('common.none');
  switch (change.kind) {
    case 'status': {
      const status = text(value) ?? '';
      return isKey(`status.${status}`) ? t(`status.${status}` as Key) : status;
    }
    case 'privacy':
      return value === true ? t('history.private') : t('history.public');
    case 'report':
      return isFields(value) && value['withdrawn'] === true
        ? t('history.withdrawn')
        : t('history.inUse');
    case 'decision':
      return isFields(value) && value['same'] === true
        ? t('history.sameAct')
        : t('history.otherActs');
    default:
      break;
  }
  const name = field.startsWith('event.') ? field.slice('event.'.length) : field;
  if (name === 'place' && isFields(value)) {
    const place =
      text(lang === 'ar' ? value['name_ar'] : value['name_en']) ?? text(value['name_ar']);
    if (place !== null) return place;
  }
  if (name === 'date' && isFields(value)) {
    const start = text(value['start']);
    const end = text(value['end']);
    if (start === null) return t('common.unknown');
    const from = formatDate(lang, start);
    return end === null || end === start ? from : `${from} – ${formatDate(lang, end)}`;
  }
  if ((name === 'sub_event_type' || name === 'event_type') && typeof value === 'string')
    return typeName(lang, value);
  if ((name === 'actor1' || name === 'actor2') && typeof value === 'string')
    return vocabularyLabel(lang, value);
  if ((name === 'assoc1' || name === 'assoc2') && Array.isArray(value))
    return value.map((v) => vocabularyLabel(lang, String(v))).join('، ');
  if (field.startsWith('figure:') && isFields(value)) {
    if (value['struck'] === true) return t('history.struck');
    const count = value['count'];
    if (typeof count === 'number') return formatNumber(lang, count);
    if (count === null) return t('common.unknown');
  }
  if (field.startsWith('claimant:') && isFields(value)) {
    const claimant = text(value['claimant']);
    return claimant === null ? t('event.unattributed') : vocabularyLabel(lang, claimant);
  }
  if (name === 'added_claims' && Array.isArray(value))
    return t('history.claims', { count: value.length });
  if (name === 'not_incident') return value === true ? t('common.yes') : t('common.no');
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (typeof value === 'number') return formatNumber(lang, value);
  if (typeof value === 'string') return value;
  return t('history.other');
}

export function describeChange(change: Change, lang: Lang): ChangeText {
  return {
    what: whatOf(change, lang),
    before: valueOf(change, change.before, lang),
    after: valueOf(change, change.after, lang),
    revert: change.action === 'revert' || change.reverts !== null,
  };
}

/**
 * The history as a person made it: changes made as one (a split is logged as
 * one decision against each other report of the event; a request's reverts)
 * share the group the server gave them, and are shown (and reverted) as one
 * change. Groups come newest first, in the order of their newest entry.
 */
export function groupChanges(history: readonly Change[]): Change[][] {
  const groups = new Map<number, Change[]>();
  for (const change of history) {
    const group = groups.get(change.group);
    if (group === undefined) groups.set(change.group, [change]);
    else group.push(change);
  }
  return [...groups.values()];
}
