// The pieces that keep a sweep's per-iteration overhead off the hot path: finished rows leave the
// optimisation thread in batches, and the bars are shared between threads instead of copied.
import { describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import type { IterationRow } from '../src/store/optimizations-repo.js';
import { RowBatcher } from '../src/optimize/row-batcher.js';
import { isShared, shareBars } from '../src/engine/shared-bars.js';

const row = (idx: number): IterationRow => ({ idx, window: 0, phase: 'full', inputs: { n: idx }, metrics: { netProfit: idx }, score: idx, passed: true, error: null });

describe('RowBatcher', () => {
  it('sends full batches and the remainder on flush, in order', () => {
    let t = 0;
    const sent: number[][] = [];
    const b = new RowBatcher((rows) => sent.push(rows.map((r) => r.idx)), 3, 1_000, () => t);
    for (let i = 0; i < 7; i++) b.add(row(i));
    expect(sent).toEqual([[0, 1, 2], [3, 4, 5]]);
    b.flush();
    b.flush();
    expect(sent).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
  });

  it('sends at once when the previous batch left longer ago than the age limit (slow iterations)', () => {
    let t = 0;
    const sent: number[][] = [];
    const b = new RowBatcher((rows) => sent.push(rows.map((r) => r.idx)), 100, 250, () => t);
    t = 100;
    b.add(row(0));
    expect(sent).toEqual([]);
    t = 300;
    b.add(row(1));
    expect(sent).toEqual([[0, 1]]);
    t = 1_000;
    b.add(row(2));
    expect(sent).toEqual([[0, 1], [2]]);
  });
});

describe('shareBars', () => {
  const bars = {
    length: 3,
    time: new Float64Array([1, 2, 3]), open: new Float64Array([10, 11, 12]), high: new Float64Array([11, 12, 13]),
    low: new Float64Array([9, 10, 11]), close: new Float64Array([10.5, 11.5, NaN]), volume: new Float64Array([5, 6, 7]),
  };

  it('copies every column into shared memory with the same values', () => {
    const s = shareBars(bars);
    expect(isShared(s)).toBe(true);
    expect(isShared(bars)).toBe(false);
    for (const c of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) expect([...s[c]]).toEqual([...bars[c]]);
    expect(shareBars(s)).toBe(s);
  });

  it('reaches another thread by reference, not by copy', async () => {
    const s = shareBars(bars);
    const w = new Worker(`const { parentPort, workerData } = require('node:worker_threads'); workerData.close[0] = 42; parentPort.postMessage('ok');`, { eval: true, workerData: s });
    try {
      await new Promise((resolve, reject) => (w.once('message', resolve), w.once('error', reject)));
      expect(s.close[0]).toBe(42);
    } finally {
      await w.terminate();
    }
  });
});
