// Every ta function and variable against the plain reference implementations in reference.ts, on
// 3,000 SPY 1h bars with injected na gaps, in three modes:
//   every bar      — the call site runs on every bar;
//   re-executed    — every bar is first executed with different arguments and then again with the
//                    real ones under the same stamp (must give bit-identical results: no double count);
//   conditional    — the call site runs only on some bars and must equal the reference applied to
//                    the subsequence it saw (Pine's per-call-site semantics).
import { describe, expect, it } from 'vitest';
import type { BarColumns } from '../../src/core/bars.js';
import { TA_FUNCTIONS, TA_VARIABLES } from '../../src/ta/registry.js';
import { marketBars, TestContext } from './harness.js';
import * as R from './reference.js';

const N = 3000;
const raw = marketBars('spy_1h_1998-2021_lean.csv', N);

interface Inputs {
  src: number[];
  src2: number[];
  open: number[];
  high: number[];
  low: number[];
  close: number[];
  volume: number[];
  cond: boolean[];
  anchor: boolean[];
  len: number[]; // a series length that changes over time
}

function fullInputs(): { inp: Inputs; bars: BarColumns } {
  const naBar = (i: number) => i % 97 === 50 || (i >= 1200 && i < 1204);
  const col = (a: Float64Array) => Array.from(a, (x, i) => (naBar(i) ? NaN : x));
  const open = col(raw.open);
  const high = col(raw.high);
  const low = col(raw.low);
  const close = col(raw.close);
  const volume = col(raw.volume);
  const src = Array.from(raw.close, (x, i) => (i % 37 === 5 || (i >= 480 && i < 487) ? NaN : x));
  const src2 = Array.from(raw.open, (x, i) => (i % 53 === 7 ? NaN : x * 0.5 + i * 0.01));
  const cond = Array.from(raw.close, (x, i) => i > 0 && x > raw.close[i - 1]! && i % 5 !== 0);
  const anchor = Array.from(raw.time, (t, i) => i === 0 || new Date(t).getUTCDate() !== new Date(raw.time[i - 1]!).getUTCDate());
  const len = Array.from(raw.close, (_, i) => (i < 1000 ? 14 : i < 2000 ? 9 : 21));
  const bars: BarColumns = {
    length: N,
    time: raw.time,
    open: new Float64Array(open),
    high: new Float64Array(high),
    low: new Float64Array(low),
    close: new Float64Array(close),
    volume: new Float64Array(volume),
  };
  return { inp: { src, src2, open, high, low, close, volume, cond, anchor, len }, bars };
}

function compress(inp: Inputs, bars: BarColumns, keep: (i: number) => boolean): { inp: Inputs; bars: BarColumns; stamps: number[] } {
  const idx = Array.from({ length: N }, (_, i) => i).filter(keep);
  const pick = <T,>(a: T[]) => idx.map((i) => a[i]!);
  const f64 = (a: Float64Array) => new Float64Array(idx.map((i) => a[i]!));
  return {
    inp: {
      src: pick(inp.src),
      src2: pick(inp.src2),
      open: pick(inp.open),
      high: pick(inp.high),
      low: pick(inp.low),
      close: pick(inp.close),
      volume: pick(inp.volume),
      cond: pick(inp.cond),
      anchor: pick(inp.anchor),
      len: pick(inp.len),
    },
    bars: { length: idx.length, time: f64(bars.time), open: f64(bars.open), high: f64(bars.high), low: f64(bars.low), close: f64(bars.close), volume: f64(bars.volume) },
    stamps: idx,
  };
}

type Out = number | boolean | number[];
interface Case {
  name: string;
  key: string;
  variable?: boolean;
  args?: (x: Inputs, i: number) => unknown[];
  /** reference outputs: one array per output (tuples have several) */
  ref: (x: Inputs) => (number | boolean)[][];
  abs?: number;
  rel?: number;
}

const ohlcv = (x: Inputs): R.Ohlcv => ({ open: x.open, high: x.high, low: x.low, close: x.close, volume: x.volume });
const one = (a: (number | boolean)[]) => [a];
/** Reference for a series length: at each index, the fixed-length reference of that index's length. */
function byLength(x: Inputs, g: (L: number) => number[]): number[] {
  const memo = new Map<number, number[]>();
  return x.len.map((L, i) => {
    if (!memo.has(L)) memo.set(L, g(L));
    return memo.get(L)![i]!;
  });
}

const CASES: Case[] = [
  { name: 'sma', key: 'ta.sma', args: (x, i) => [x.src[i], 14], ref: (x) => one(R.sma(x.src, 14)) },
  { name: 'sma (series length)', key: 'ta.sma', args: (x, i) => [x.src[i], x.len[i]], ref: (x) => one(byLength(x, (L) => R.sma(x.src, L))) },
  { name: 'ema', key: 'ta.ema', args: (x, i) => [x.src[i], 20], ref: (x) => one(R.ema(x.src, 20)) },
  { name: 'rma', key: 'ta.rma', args: (x, i) => [x.src[i], 15], ref: (x) => one(R.rma(x.src, 15)) },
  { name: 'wma', key: 'ta.wma', args: (x, i) => [x.src[i], 10], ref: (x) => one(R.wma(x.src, 10)) },
  { name: 'hma', key: 'ta.hma', args: (x, i) => [x.src[i], 9], ref: (x) => one(R.hma(x.src, 9)) },
  { name: 'alma', key: 'ta.alma', args: (x, i) => [x.src[i], 9, 0.85, 6], ref: (x) => one(R.alma(x.src, 9, 0.85, 6)) },
  { name: 'swma', key: 'ta.swma', args: (x, i) => [x.src[i]], ref: (x) => one(R.swma(x.src)) },
  { name: 'vwma', key: 'ta.vwma', args: (x, i) => [x.src[i], 20], ref: (x) => one(R.vwma(x.src, x.volume, 20)) },
  { name: 'linreg', key: 'ta.linreg', args: (x, i) => [x.src[i], 12, 2], ref: (x) => one(R.linreg(x.src, 12, 2)), abs: 1e-8 },
  { name: 'highest(src)', key: 'ta.highest#0', args: (x, i) => [x.src[i], 10], ref: (x) => one(R.highest(x.src, 10)) },
  { name: 'highest(series length)', key: 'ta.highest#0', args: (x, i) => [x.src[i], x.len[i]], ref: (x) => one(byLength(x, (L) => R.highest(x.src, L))) },
  { name: 'highest()', key: 'ta.highest#1', args: () => [10], ref: (x) => one(R.highest(x.high, 10)) },
  { name: 'lowest(src)', key: 'ta.lowest#0', args: (x, i) => [x.src[i], 10], ref: (x) => one(R.lowest(x.src, 10)) },
  { name: 'lowest()', key: 'ta.lowest#1', args: () => [10], ref: (x) => one(R.lowest(x.low, 10)) },
  { name: 'highestbars(src)', key: 'ta.highestbars#0', args: (x, i) => [x.src[i], 10], ref: (x) => one(R.highestbars(x.src, 10)) },
  { name: 'highestbars()', key: 'ta.highestbars#1', args: () => [10], ref: (x) => one(R.highestbars(x.high, 10)) },
  { name: 'lowestbars(src)', key: 'ta.lowestbars#0', args: (x, i) => [x.src[i], 10], ref: (x) => one(R.lowestbars(x.src, 10)) },
  { name: 'lowestbars()', key: 'ta.lowestbars#1', args: () => [10], ref: (x) => one(R.lowestbars(x.low, 10)) },
  { name: 'range', key: 'ta.range', args: (x, i) => [x.src[i], 20], ref: (x) => {
      const lo = R.lowest(x.src, 20);
      return one(R.highest(x.src, 20).map((h, i) => h - lo[i]!));
    },
  },
  { name: 'max', key: 'ta.max', args: (x, i) => [x.src[i]], ref: (x) => one(R.allTime(x.src, 1)) },
  { name: 'min', key: 'ta.min', args: (x, i) => [x.src[i]], ref: (x) => one(R.allTime(x.src, -1)) },
  { name: 'rising', key: 'ta.rising', args: (x, i) => [x.src[i], 3], ref: (x) => one(R.monotone(x.src, 3, 1)) },
  { name: 'falling', key: 'ta.falling', args: (x, i) => [x.src[i], 3], ref: (x) => one(R.monotone(x.src, 3, -1)) },
  { name: 'variance', key: 'ta.variance', args: (x, i) => [x.src[i], 20, undefined], ref: (x) => one(R.variance(x.src, 20, true)), abs: 1e-8 },
  { name: 'variance unbiased', key: 'ta.variance', args: (x, i) => [x.src[i], 20, false], ref: (x) => one(R.variance(x.src, 20, false)), abs: 1e-8 },
  { name: 'stdev', key: 'ta.stdev', args: (x, i) => [x.src[i], 20, undefined], ref: (x) => one(R.variance(x.src, 20, true).map(Math.sqrt)), abs: 1e-7 },
  { name: 'stdev unbiased', key: 'ta.stdev', args: (x, i) => [x.src[i], 20, false], ref: (x) => one(R.variance(x.src, 20, false).map(Math.sqrt)), abs: 1e-7 },
  { name: 'dev', key: 'ta.dev', args: (x, i) => [x.src[i], 20], ref: (x) => one(R.dev(x.src, 20)) },
  { name: 'correlation', key: 'ta.correlation', args: (x, i) => [x.src[i], x.src2[i], 20], ref: (x) => one(R.correlation(x.src, x.src2, 20)), abs: 1e-6 },
  { name: 'median', key: 'ta.median', args: (x, i) => [x.src[i], 20], ref: (x) => one(R.median(x.src, 20)) },
  { name: 'median odd', key: 'ta.median', args: (x, i) => [x.src[i], 15], ref: (x) => one(R.median(x.src, 15)) },
  { name: 'mode', key: 'ta.mode', args: (x, i) => [x.src[i], 20], ref: (x) => one(R.mode(x.src, 20)) },
  { name: 'percentile_linear_interpolation', key: 'ta.percentile_linear_interpolation', args: (x, i) => [x.src[i], 20, 33], ref: (x) => one(R.percentileLinear(x.src, 20, 33)) },
  { name: 'percentile_nearest_rank', key: 'ta.percentile_nearest_rank', args: (x, i) => [x.src[i], 20, 33], ref: (x) => one(R.percentileNearest(x.src, 20, 33)) },
  { name: 'percentrank', key: 'ta.percentrank', args: (x, i) => [x.src[i], 20], ref: (x) => one(R.percentrank(x.src, 20)) },
  { name: 'change', key: 'ta.change', args: (x, i) => [x.src[i], undefined], ref: (x) => one(R.change(x.src, 1)) },
  { name: 'change(3)', key: 'ta.change', args: (x, i) => [x.src[i], 3], ref: (x) => one(R.change(x.src, 3)) },
  { name: 'change(bool)', key: 'ta.change#2', args: (x, i) => [x.cond[i], undefined], ref: (x) => one(x.cond.map((c, i) => c !== (i > 0 ? x.cond[i - 1]! : false))) },
  { name: 'mom', key: 'ta.mom', args: (x, i) => [x.src[i], 10], ref: (x) => one(R.change(x.src, 10)) },
  { name: 'roc', key: 'ta.roc', args: (x, i) => [x.src[i], 10], ref: (x) => one(R.roc(x.src, 10)) },
  { name: 'rsi', key: 'ta.rsi', args: (x, i) => [x.src[i], 14], ref: (x) => one(R.rsi(x.src, 14)) },
  { name: 'cmo', key: 'ta.cmo', args: (x, i) => [x.src[i], 14], ref: (x) => one(R.cmo(x.src, 14)) },
  { name: 'mfi', key: 'ta.mfi', args: (x, i) => [x.src[i], 14], ref: (x) => one(R.mfi(x.src, x.volume, 14)) },
  { name: 'cci', key: 'ta.cci', args: (x, i) => [x.src[i], 20], ref: (x) => one(R.cci(x.src, 20)), abs: 1e-7 },
  { name: 'stoch', key: 'ta.stoch', args: (x, i) => [x.src[i], x.high[i], x.low[i], 14], ref: (x) => one(R.stoch(x.src, x.high, x.low, 14)) },
  { name: 'wpr', key: 'ta.wpr', args: () => [14], ref: (x) => one(R.stoch(x.close, x.high, x.low, 14).map((v) => v - 100)), abs: 1e-8 },
  { name: 'tsi', key: 'ta.tsi', args: (x, i) => [x.src[i], 13, 25], ref: (x) => one(R.tsi(x.src, 13, 25)) },
  {
    name: 'macd',
    key: 'ta.macd',
    args: (x, i) => [x.src[i], 12, 26, 9],
    ref: (x) => {
      const slow = R.ema(x.src, 26);
      const m = R.ema(x.src, 12).map((v, i) => v - slow[i]!);
      const s = R.ema(m, 9);
      return [m, s, m.map((v, i) => v - s[i]!)];
    },
  },
  { name: 'cog', key: 'ta.cog', args: (x, i) => [x.src[i], 10], ref: (x) => one(R.cog(x.src, 10)) },
  { name: 'rci', key: 'ta.rci', args: (x, i) => [x.src[i], 10], ref: (x) => one(R.rci(x.src, 10)), abs: 1e-9 },
  {
    name: 'bb',
    key: 'ta.bb',
    args: (x, i) => [x.src[i], 20, 2],
    ref: (x) => {
      const m = R.sma(x.src, 20);
      const d = R.variance(x.src, 20, true).map((v) => 2 * Math.sqrt(v));
      return [m, m.map((v, i) => v + d[i]!), m.map((v, i) => v - d[i]!)];
    },
    abs: 1e-7,
  },
  {
    name: 'bbw',
    key: 'ta.bbw',
    args: (x, i) => [x.src[i], 20, 2],
    ref: (x) => {
      const m = R.sma(x.src, 20);
      const d = R.variance(x.src, 20, true).map((v) => 2 * Math.sqrt(v));
      return one(m.map((v, i) => ((2 * d[i]!) / v) * 100));
    },
    abs: 1e-7,
  },
  {
    name: 'kc',
    key: 'ta.kc',
    args: (x, i) => [x.src[i], 20, 1.5, undefined],
    ref: (x) => {
      const m = R.ema(x.src, 20);
      const r = R.ema(R.tr(ohlcv(x), true), 20).map((v) => v * 1.5);
      return [m, m.map((v, i) => v + r[i]!), m.map((v, i) => v - r[i]!)];
    },
  },
  {
    name: 'kcw (high−low)',
    key: 'ta.kcw',
    args: (x, i) => [x.src[i], 20, 1.5, false],
    ref: (x) => {
      const m = R.ema(x.src, 20);
      const r = R.ema(
        x.high.map((h, i) => h - x.low[i]!),
        20,
      ).map((v) => v * 1.5);
      return one(m.map((v, i) => (2 * r[i]!) / v));
    },
  },
  { name: 'tr(true)', key: 'ta.tr', args: () => [true], ref: (x) => one(R.tr(ohlcv(x), true)) },
  { name: 'tr(false)', key: 'ta.tr', args: () => [false], ref: (x) => one(R.tr(ohlcv(x), false)) },
  { name: 'atr', key: 'ta.atr', args: () => [14], ref: (x) => one(R.atr(ohlcv(x), 14)) },
  { name: 'dmi', key: 'ta.dmi', args: () => [14, 14], ref: (x) => R.dmi(ohlcv(x), 14, 14) },
  { name: 'dmi (adx smoothing ≠ di length)', key: 'ta.dmi', args: () => [10, 20], ref: (x) => R.dmi(ohlcv(x), 10, 20) },
  { name: 'supertrend', key: 'ta.supertrend', args: () => [3, 10], ref: (x) => R.supertrend(ohlcv(x), 3, 10) },
  { name: 'sar', key: 'ta.sar', args: () => [0.02, 0.02, 0.2], ref: (x) => one(R.sar(ohlcv(x), 0.02, 0.02, 0.2)) },
  {
    name: 'cross/crossover/crossunder',
    key: 'ta.cross',
    args: (x, i) => [x.src[i], x.src2[i]! * 2],
    ref: (x) => {
      const r = R.crossRel(x.src, x.src2.map((v) => v * 2));
      return one(r.over.map((o, i) => o || r.under[i]!));
    },
  },
  { name: 'crossover', key: 'ta.crossover', args: (x, i) => [x.src[i], x.src2[i]! * 2], ref: (x) => one(R.crossRel(x.src, x.src2.map((v) => v * 2)).over) },
  { name: 'crossunder', key: 'ta.crossunder', args: (x, i) => [x.src[i], x.src2[i]! * 2], ref: (x) => one(R.crossRel(x.src, x.src2.map((v) => v * 2)).under) },
  { name: 'barssince', key: 'ta.barssince', args: (x, i) => [x.cond[i]], ref: (x) => one(R.barssince(x.cond)) },
  { name: 'valuewhen', key: 'ta.valuewhen', args: (x, i) => [x.cond[i], x.src[i], 2], ref: (x) => one(R.valuewhen(x.cond, x.src, 2)) },
  { name: 'cum', key: 'ta.cum', args: (x, i) => [x.src[i]], ref: (x) => one(R.cum(x.src)), rel: 1e-12 },
  { name: 'pivothigh(src)', key: 'ta.pivothigh#1', args: (x, i) => [x.src[i], 4, 2], ref: (x) => one(R.pivot(x.src, 4, 2, 1)) },
  { name: 'pivothigh()', key: 'ta.pivothigh#0', args: () => [5, 3], ref: (x) => one(R.pivot(x.high, 5, 3, 1)) },
  { name: 'pivotlow(src)', key: 'ta.pivotlow#1', args: (x, i) => [x.src[i], 4, 2], ref: (x) => one(R.pivot(x.src, 4, 2, -1)) },
  { name: 'pivotlow()', key: 'ta.pivotlow#0', args: () => [5, 3], ref: (x) => one(R.pivot(x.low, 5, 3, -1)) },
  { name: 'vwap(src, anchor)', key: 'ta.vwap#0', args: (x, i) => [x.src[i], x.anchor[i]], ref: (x) => [R.vwap(x.src, x.volume, x.anchor, 1)[0]!], rel: 1e-12 },
  { name: 'vwap(src, anchor, mult)', key: 'ta.vwap#1', args: (x, i) => [x.src[i], x.anchor[i], 2], ref: (x) => R.vwap(x.src, x.volume, x.anchor, 2),
    // TradingView's band uses Σx²v/Σv − vwap² (replicated bit for bit, see vwap.csv); with one value in
    // the window that cancels to ~ulp(x²) = 1e-12, i.e. a band offset of ~1e-6 the two-pass reference lacks
    abs: 1e-5,
  },
  // variables
  { name: 'ta.tr', key: 'ta.tr', variable: true, ref: (x) => one(R.tr(ohlcv(x), false)) },
  {
    name: 'ta.obv',
    key: 'ta.obv',
    variable: true,
    ref: (x) => one(R.cum(R.change(x.close, 1).map((d, i) => Math.sign(d) * x.volume[i]!))),
    rel: 1e-12,
  },
  {
    name: 'ta.accdist',
    key: 'ta.accdist',
    variable: true,
    ref: (x) => {
      const term = (i: number): number => {
        const h = x.high[i]!;
        const l = x.low[i]!;
        const c = x.close[i]!;
        if (h === l) return 0;
        return ((c - l - (h - c)) / (h - l)) * x.volume[i]!;
      };
      return one(R.cum(x.close.map((_, i) => term(i))));
    },
    rel: 1e-11,
    abs: 1e-6,
  },
  { name: 'ta.iii', key: 'ta.iii', variable: true, ref: (x) => one(x.close.map((c, i) => (2 * c - x.high[i]! - x.low[i]!) / ((x.high[i]! - x.low[i]!) * x.volume[i]!))) },
  { name: 'ta.pvt', key: 'ta.pvt', variable: true, ref: (x) => one(R.cum(x.close.map((c, i) => (i ? ((c - x.close[i - 1]!) / x.close[i - 1]!) * x.volume[i]! : NaN)))), rel: 1e-11, abs: 1e-6 },
  { name: 'ta.wvad', key: 'ta.wvad', variable: true, ref: (x) => one(x.close.map((c, i) => ((c - x.open[i]!) / (x.high[i]! - x.low[i]!)) * x.volume[i]!)) },
  {
    name: 'ta.wad',
    key: 'ta.wad',
    variable: true,
    ref: (x) =>
      one(
        R.cum(
          x.close.map((c, i) => {
            const c1 = i ? x.close[i - 1]! : NaN;
            const mom = c - c1;
            return mom > 0 ? c - Math.min(x.low[i]!, c1) : mom < 0 ? c - Math.max(x.high[i]!, c1) : 0;
          }),
        ),
      ),
    abs: 1e-8,
  },
  {
    name: 'ta.nvi / ta.pvi',
    key: 'ta.nvi',
    variable: true,
    ref: (x) => {
      const out: number[] = [];
      let prev = NaN;
      x.close.forEach((c, i) => {
        const p = Number.isNaN(prev) || prev === 0 ? 1 : prev;
        const c1 = i ? x.close[i - 1]! : NaN;
        const v1 = i && !Number.isNaN(x.volume[i - 1]!) ? x.volume[i - 1]! : 0;
        const ok = !Number.isNaN(c) && c !== 0 && !Number.isNaN(c1) && c1 !== 0;
        prev = ok && x.volume[i]! < v1 ? p + ((c - c1) / c1) * p : p;
        out.push(prev);
      });
      return one(out);
    },
  },
  {
    name: 'ta.vwap',
    key: 'ta.vwap',
    variable: true,
    ref: (x) => [R.vwap(x.high.map((h, i) => (h + x.low[i]! + x.close[i]!) / 3), x.volume, x.anchor, 1)[0]!],
    rel: 1e-12,
  },
];

interface Run {
  outs: number[][];
}

function toNum(v: unknown): number {
  return typeof v === 'boolean' ? (v ? 1 : 0) : (v as number);
}

function runCase(c: Case, inp: Inputs, bars: BarColumns, stamps: number[], reexec: boolean): Run {
  const site = c.variable ? TA_VARIABLES[c.key]!.create() : TA_FUNCTIONS[c.key]!.create();
  const ctx = new TestContext(bars);
  const outs: number[][] = [];
  for (let j = 0; j < bars.length; j++) {
    const stamp = stamps[j]!;
    ctx.setBar(j, inp.anchor[j]!);
    const args = c.args ? c.args(inp, j) : [];
    if (reexec) {
      // a tick with other values first (as a realtime update or an order-fill re-execution would)
      const cur = ctx.current;
      const saved = { ...cur };
      cur.high *= 1.01;
      cur.low *= 0.99;
      cur.close *= 1.003;
      cur.volume *= 2;
      const wild = args.map((a) => (typeof a === 'number' ? a * 1.01 + 1 : typeof a === 'boolean' ? !a : a));
      if (c.variable) (site as { update(b: number, x: unknown): unknown }).update(stamp, ctx);
      else (site as { update(b: number, x: unknown, ...r: unknown[]): unknown }).update(stamp, ctx, ...wild);
      Object.assign(cur, saved);
    }
    const r: Out = c.variable
      ? (site as { update(b: number, x: unknown): number }).update(stamp, ctx)
      : ((site as { update(b: number, x: unknown, ...r: unknown[]): unknown }).update(stamp, ctx, ...args) as Out);
    const vals = Array.isArray(r) ? r : [r];
    vals.forEach((v, k) => (outs[k] ??= []).push(toNum(v)));
  }
  return { outs };
}

function diff(ours: number[][], ref: (number | boolean)[][], abs: number, rel: number): string[] {
  const bad: string[] = [];
  ref.forEach((col, k) => {
    col.forEach((rv, i) => {
      const r = toNum(rv);
      const o = ours[k]![i]!;
      const rn = r !== r;
      const on = o !== o;
      if (rn || on) {
        if (rn !== on) bad.push(`out${k}[${i}] ours ${o} ref ${r}`);
      } else if (!(Math.abs(o - r) <= abs + rel * Math.abs(r))) bad.push(`out${k}[${i}] ours ${o} ref ${r}`);
    });
  });
  return bad;
}

const sameBits = (a: number[][], b: number[][]) =>
  a.every((col, k) => col.every((v, i) => Object.is(v, b[k]![i]) || (v !== v && b[k]![i] !== b[k]![i])));

describe('ta.* against plain reference implementations (3,000 SPY bars with na gaps)', () => {
  const full = fullInputs();
  const all = Array.from({ length: N }, (_, i) => i);
  const sparse = compress(full.inp, full.bars, (i) => i % 4 !== 1 && !(i >= 2100 && i < 2130));
  for (const c of CASES) {
    it(c.name, () => {
      const abs = c.abs ?? 1e-9;
      const rel = c.rel ?? 1e-9;
      const ref = c.ref(full.inp);
      const a = runCase(c, full.inp, full.bars, all, false);
      const bad = diff(a.outs, ref, abs, rel);
      expect(bad.slice(0, 5)).toEqual([]);
      // non-trivial: the reference produced values
      expect(ref[0]!.some((v) => typeof v === 'boolean' ? v : v === v)).toBe(true);
      // re-execution under the same stamp never double-counts
      const b = runCase(c, full.inp, full.bars, all, true);
      expect(sameBits(a.outs, b.outs)).toBe(true);
      // a call site that runs on some bars only sees those bars
      const s = runCase(c, sparse.inp, sparse.bars, sparse.stamps, false);
      expect(diff(s.outs, c.ref(sparse.inp), abs, rel).slice(0, 5)).toEqual([]);
    });
  }

  it('covers every ta function and variable of the catalog', async () => {
    const { readFileSync } = await import('node:fs');
    const { BUILTINS_JSON } = await import('../../../../test-support/shared.js');
    const cat = JSON.parse(readFileSync(BUILTINS_JSON, 'utf8')) as {
      functions: { name: string; overloads: unknown[] }[];
      variables: { name: string }[];
    };
    const fnNames = cat.functions.filter((x) => x.name.startsWith('ta.')).map((x) => x.name);
    const missing = fnNames.filter((n) => !Object.keys(TA_FUNCTIONS).some((k) => k === n || k.startsWith(`${n}#`)));
    expect(missing).toEqual([]);
    const tested = new Set(CASES.map((c) => c.key.replace(/#\d+$/, '')));
    tested.add('ta.pivot_point_levels'); // fixture-tested (pivot_point_levels.csv) and in pivot-points.test.ts
    expect(fnNames.filter((n) => !tested.has(n))).toEqual([]);
    const varNames = cat.variables.filter((x) => x.name.startsWith('ta.')).map((x) => x.name);
    expect(varNames.filter((n) => !TA_VARIABLES[n])).toEqual([]);
    const testedVars = new Set(CASES.filter((c) => c.variable).map((c) => c.key));
    testedVars.add('ta.pvi');
    expect(varNames.filter((n) => !testedVars.has(n))).toEqual([]);
  });
});
