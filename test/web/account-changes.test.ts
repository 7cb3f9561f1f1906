import { describe, expect, it } from 'vitest';
import type { Change } from '../../web/src/api/types.js';
import { describeAccountChange } from '../../web/src/account-changes.js';

const change = (action: string, before: unknown, after: unknown): Change => ({
  id: 1,
  at: '2024-10-04T10:00:00.000Z',
  by: 'admin',
  action,
  kind: 'user',
  key: { user: 'salma' },
  before,
  after,
  reason: null,
  reverts: null,
  event: null,
  group: 1,
});

const state = (role: string) => ({ role, totp: false, disabled: false, require_totp: false });
const latin = /[a-z]/i;

describe('changes to accounts in the audit log', () => {
  it('tells a role change in Arabic, naming the user, with roles and switches in words', () => {
    const text = describeAccountChange(change('user.role', state('viewer'), state('editor')), 'ar');
    expect(text.what).toContain('salma');
    expect(text.what.replace('salma', '')).not.toMatch(latin);
    expect(text.before).toContain('قارئ');
    expect(text.after).toContain('محرر');
    expect(text.after).toContain('لا');
    for (const part of [text.before, text.after]) expect(part).not.toMatch(latin);
    expect(text.asMade).toBe(false);
  });

  it('tells it in English too', () => {
    const text = describeAccountChange(change('user.add', null, state('viewer')), 'en');
    expect(text.what).toContain('salma');
    expect(text.after).toContain('viewer');
    expect(text.before).toBe('—');
  });

  it('shows an action it has no words for as its code', () => {
    const text = describeAccountChange(change('user.frobnicate', null, null), 'ar');
    expect(text.what).toBe('user.frobnicate');
    expect(text.asMade).toBe(true);
  });
});
