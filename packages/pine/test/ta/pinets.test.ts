// PineTS fixture ta_backfill (shared/refdata/tradingview/pinets): TradingView values (3 dp) of 13 ta
// functions on BINANCE BTCUSDC 1W, plus the per-call-site rule for the conditional copies.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TV_DIR } from '../../../../test-support/shared.js';
import { TA_FUNCTIONS } from '../../src/ta/registry.js';
import type { TaCallSite } from '../../src/ta/core.js';
import { readCsv, TestContext } from './harness.js';

const DIR = join(TV_DIR, 'pinets');
const f = (key: string): TaCallSite => TA_FUNCTIONS[key]!.create();

interface Kline {
  openTime: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

function weekly(): TestContext {
  const k = JSON.parse(readFileSync(join(DIR, 'data', 'BTCUSDC-1w-1544400000000-1763683199000.json'), 'utf8')) as Kline[];
  const col = (g: (x: Kline) => number) => new Float64Array(k.map(g));
  return new TestContext({
    length: k.length,
    time: col((x) => x.openTime),
    open: col((x) => x.open),
    high: col((x) => x.high),
    low: col((x) => x.low),
    close: col((x) => x.close),
    volume: col((x) => x.volume),
  });
}

type Calls = Record<string, (ctx: TestContext, i: number, c: number) => number>;
function callSet(): Calls {
  const s = {
    sma: f('ta.sma'), hi: f('ta.highest#0'), lo: f('ta.lowest#0'), std: f('ta.stdev'), var: f('ta.variance'),
    dev: f('ta.dev'), wma: f('ta.wma'), lr: f('ta.linreg'), cci: f('ta.cci'), med: f('ta.median'),
    roc: f('ta.roc'), chg: f('ta.change'), alma: f('ta.alma'),
  };
  return {
    sma_top: (x, i, c) => s.sma.update(i, x, c, 5),
    hi_top: (x, i, c) => s.hi.update(i, x, c, 5),
    lo_top: (x, i, c) => s.lo.update(i, x, c, 5),
    std_top: (x, i, c) => s.std.update(i, x, c, 5, undefined),
    var_top: (x, i, c) => s.var.update(i, x, c, 5, undefined),
    dev_top: (x, i, c) => s.dev.update(i, x, c, 5),
    wma_top: (x, i, c) => s.wma.update(i, x, c, 5),
    lr_top: (x, i, c) => s.lr.update(i, x, c, 5, 0),
    cci_top: (x, i, c) => s.cci.update(i, x, c, 5),
    med_top: (x, i, c) => s.med.update(i, x, c, 5),
    roc_top: (x, i, c) => s.roc.update(i, x, c, 5),
    chg_top: (x, i, c) => s.chg.update(i, x, c, 5),
    alma_top: (x, i, c) => s.alma.update(i, x, c, 5, 0.85, 6, undefined),
  };
}

describe('PineTS ta_backfill (TradingView values, 3 dp)', () => {
  const ctx = weekly();
  const top = callSet();
  const cond = callSet();
  const series: Record<string, number[]> = {};
  const condSeries: Record<string, number[]> = {};
  const condCloses: number[] = [];
  const from = Date.UTC(2025, 3, 1);
  const to = Date.UTC(2025, 5, 15);
  for (let i = 0; i < ctx.bars.length; i++) {
    ctx.setBar(i);
    const c = ctx.current.close;
    for (const k in top) (series[k] ??= []).push(top[k]!(ctx, i, c));
    const isLast = i === ctx.bars.length - 1;
    if (!isLast && ctx.current.time >= from && ctx.current.time <= to) {
      condCloses.push(c);
      for (const k in cond) (condSeries[k] ??= []).push(cond[k]!(ctx, i, c));
    }
  }

  it('the 13 *_top plots match TradingView on the 10 reference bars', () => {
    const ref = readCsv(join(DIR, 'expected', 'ta_backfill_tv_top.csv'));
    const times = ref.col('openTime_ms');
    let checked = 0;
    const bad: string[] = [];
    for (const k in top) {
      const r = ref.col(k);
      times.forEach((t, j) => {
        const i = Array.prototype.indexOf.call(ctx.bars.time, t) as number;
        expect(i).toBeGreaterThanOrEqual(0);
        const ours = series[k]![i]!;
        checked++;
        if (!(Math.abs(ours - r[j]!) <= 5e-4 + 1e-12 * Math.abs(r[j]!))) bad.push(`${k}@${t}: ${ours} vs ${r[j]}`);
      });
    }
    expect(checked).toBe(130);
    expect(bad).toEqual([]);
  });

  it('conditional call sites see only their own calls (na for the first length−1 calls)', () => {
    expect(condCloses.length).toBeGreaterThan(5);
    for (const k of ['sma_top', 'hi_top', 'lo_top', 'std_top', 'var_top', 'dev_top', 'wma_top', 'lr_top', 'cci_top', 'med_top', 'alma_top']) {
      const s = condSeries[k]!;
      for (let j = 0; j < 4; j++) expect(Number.isNaN(s[j]), `${k} call ${j}`).toBe(true);
      expect(Number.isNaN(s[4]), `${k} call 4`).toBe(false);
    }
    // roc/change need length+1 calls
    for (const k of ['roc_top', 'chg_top']) {
      for (let j = 0; j < 5; j++) expect(Number.isNaN(condSeries[k]![j])).toBe(true);
    }
    const first5 = condCloses.slice(0, 5);
    expect(condSeries.sma_top![4]).toBeCloseTo(first5.reduce((a, b) => a + b) / 5, 9);
    expect(condSeries.hi_top![4]).toBe(Math.max(...first5));
  });
});
