import { afterEach, describe, expect, it } from 'vitest';
import { storeOptions } from '../../src/service/store.js';

describe('where a command finds its store', () => {
  const saved = process.env.DATABASE_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
  });

  it('takes the server `--db` names before DATABASE_URL', () => {
    process.env.DATABASE_URL = 'postgres://elsewhere/wathiq';
    expect(storeOptions({ db: 'postgres://here/wathiq' }).url).toBe('postgres://here/wathiq');
    expect(storeOptions({}).url).toBe('postgres://elsewhere/wathiq');
  });

  it('takes the embedded store for an empty `--db`, whatever DATABASE_URL says, and for an empty DATABASE_URL', () => {
    process.env.DATABASE_URL = 'postgres://elsewhere/wathiq';
    expect(storeOptions({ db: '' }).url).toBeNull();
    process.env.DATABASE_URL = '';
    expect(storeOptions({}).url).toBeNull();
  });
});
