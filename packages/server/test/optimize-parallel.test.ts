// Optimisation sweeps spread over helper threads give exactly the iterations a single thread gives,
// and helpers deliver rows for the batches they are given.
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSymbolInfo, type BarColumns } from '@pineback/pine';
import type { JobContext } from '../src/jobs/kinds.js';
import type { IterationRow } from '../src/store/optimizations-repo.js';
import { helperCount, HelperThreads, MIN_PARALLEL_WORK } from '../src/optimize/helper-threads.js';
import { run, type OptimizationThreadInput } from '../src/optimize/optimization-thread.js';
import { grid } from '../src/optimize/search.js';
import type { EvaluationInput } from '../src/optimize/evaluate.js';

const SCRIPT = `//@version=6
strategy("SMA cross", overlay=true)
f = input.int(5, "Fast")
s = input.int(20, "Slow")
if ta.crossover(ta.sma(close, f), ta.sma(close, s))
    strategy.entry("L", strategy.long)
if ta.crossunder(ta.sma(close, f), ta.sma(close, s))
    strategy.entry("S", strategy.short)
`;

function walk(n: number): BarColumns {
  const cols = { time: new Float64Array(n), open: new Float64Array(n), high: new Float64Array(n), low: new Float64Array(n), close: new Float64Array(n), volume: new Float64Array(n) };
  let seed = 7;
  let p = 100;
  for (let i = 0; i < n; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    const c = Math.round((p + (seed / 4294967296 - 0.5) * 2) * 100) / 100;
    cols.time[i] = Date.UTC(2024, 0, 1) + i * 3_600_000;
    cols.open[i] = p;
    cols.close[i] = c;
    cols.high[i] = Math.max(p, c) + 0.05;
    cols.low[i] = Math.min(p, c) - 0.05;
    cols.volume[i] = 100;
    p = c;
  }
  return { length: n, ...cols };
}

const bars = walk(1500);
const paramSets = grid({ Fast: { min: 2, max: 7, step: 1 }, Slow: { min: 20, max: 30, step: 10 } });

function input(): OptimizationThreadInput {
  return {
    source: SCRIPT, fixedInputs: {}, settings: {}, symbol: 'TEST:WALK', timeframe: '60', bars,
    symbolInfo: defaultSymbolInfo({ prefix: 'TEST', ticker: 'WALK' }), paramSets, windows: null,
    objective: { metric: 'netProfit', direction: 'max' }, constraints: [], done: {},
  };
}

async function sweep(threads: string): Promise<{ rows: IterationRow[]; best: IterationRow | null; progress: number }> {
  process.env.PINEBACK_OPTIMIZE_THREADS = threads;
  const rows: IterationRow[] = [];
  let progress = 0;
  const ctx: JobContext = {
    signal: new AbortController().signal, attempt: 1,
    limits: { timeoutMs: 120_000, memoryMb: 512, maxLoopIterations: 500_000, maxAttempts: 1, backoffMs: 0 },
    progress: (p) => (progress = p),
    emit: (event, data) => event === 'iterations' && rows.push(...(data as IterationRow[])),
  };
  const out = await run(input(), ctx);
  return { rows: rows.sort((a, b) => a.idx - b.idx), best: out.best, progress };
}

afterEach(() => {
  delete process.env.PINEBACK_OPTIMIZE_THREADS;
});

describe('parallel optimisation sweeps', () => {
  it('starts helpers only for large sweeps unless the thread count is set', () => {
    expect(helperCount(1000, 10, {})).toBe(0);
    expect(helperCount(MIN_PARALLEL_WORK, 10, {})).toBeGreaterThanOrEqual(0);
    expect(helperCount(10, 10, { PINEBACK_OPTIMIZE_THREADS: '3' })).toBe(2);
    expect(helperCount(10_000_000, 10, { PINEBACK_OPTIMIZE_THREADS: '1' })).toBe(0);
    expect(helperCount(10_000_000, 2, { PINEBACK_OPTIMIZE_THREADS: '4' })).toBe(1);
  });

  it('gives the same iterations and best on two threads as on one', async () => {
    const one = await sweep('1');
    const two = await sweep('2');
    expect(one.rows).toHaveLength(paramSets.length);
    expect(two.rows.map((r) => r.idx)).toEqual(one.rows.map((r) => r.idx));
    expect(two.rows.map((r) => r.metrics)).toEqual(one.rows.map((r) => r.metrics));
    expect(one.rows.every((r) => r.error === null && typeof r.metrics?.netProfit === 'number')).toBe(true);
    expect(two.best).toEqual(one.best);
    expect(two.progress).toBe(100);
  });

  it('a helper thread evaluates the iterations it claims and reports them', async () => {
    const evalInput: EvaluationInput = {
      source: SCRIPT, fixedInputs: {}, settings: {}, symbol: 'TEST:WALK', timeframe: '60', bars,
      symbolInfo: defaultSymbolInfo(), objective: { metric: 'netProfit', direction: 'max' }, constraints: [], maxLoopIterations: 500_000,
    };
    const helpers = HelperThreads.start(1, { input: evalInput, paramSets }, 512);
    try {
      const got: IterationRow[] = [];
      // This thread claims nothing, so every row must come from the helper.
      await helpers.runBatch({ counter: new SharedArrayBuffer(4), indices: [0, 3, 5], window: 0, phase: 'full', range: [0, bars.length] }, (r) => got.push(r));
      expect(got.map((r) => r.idx).sort()).toEqual([0, 3, 5]);
      expect(got.every((r) => r.error === null && r.metrics !== null)).toBe(true);
    } finally {
      await helpers.close();
    }
  });
});
