// DuckDB specifics: the table keeps bars physically time-ordered so reads can skip ORDER BY.
import { describe, expect, it } from 'vitest';
import { BarColumnsBuilder } from '../src/columns.js';
import { DuckDbBarStore } from '../src/store/duckdb-store.js';
import { symbolRecord } from '../src/symbol.js';

const mk = (start: number, n: number) => {
  const b = new BarColumnsBuilder(n);
  for (let i = 0; i < n; i++) b.push(start + i * 60_000, i, i + 1, i - 1, i, 1);
  return b.build();
};

describe('DuckDbBarStore physical order', () => {
  it('re-sorts a series once after an out-of-order write, then reads without sorting', async () => {
    const store = await DuckDbBarStore.open({ path: ':memory:' });
    try {
      await store.upsertSymbol(symbolRecord('X:Y'));
      await store.writeBars('X:Y', '1', mk(1e12 + 100 * 60_000, 100));
      await store.writeBars('X:Y', '1', mk(1e12, 100)); // fills the earlier span afterwards
      const internals = store as unknown as { rewriteSorted(id: number): Promise<void> };
      const original = internals.rewriteSorted.bind(store);
      let rewrites = 0;
      internals.rewriteSorted = async (id: number) => {
        rewrites++;
        return original(id);
      };
      for (let k = 0; k < 3; k++) {
        const bars = await store.readBars('X:Y', '1');
        expect(bars.length).toBe(200);
        for (let i = 1; i < bars.length; i++) expect(bars.time[i]!).toBeGreaterThan(bars.time[i - 1]!);
      }
      expect(rewrites).toBe(1);
      expect(await store.countBars('X:Y', '1')).toBe(200);
    } finally {
      await store.close();
    }
  });
});
