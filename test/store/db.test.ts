import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/index.js';

describe('an embedded store', () => {
  it('lets timers and other requests run while a long run of queries goes on', async () => {
    const db = await openDatabase({});
    try {
      let ticks = 0;
      const timer = setInterval(() => {
        ticks++;
      }, 5);
      try {
        // Queries one after another for 300 ms, as a batch's statements come.
        const start = performance.now();
        for (let n = 0; performance.now() - start < 300; n++)
          await db.query('SELECT $1::int AS n', [n]);
      } finally {
        clearInterval(timer);
      }
      expect(ticks).toBeGreaterThan(0);
    } finally {
      await db.close();
    }
  });
});
