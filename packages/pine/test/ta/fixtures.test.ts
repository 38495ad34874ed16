// Every TradingView indicator fixture (shared/refdata/tradingview/indicators), every row, driven
// through the ta registry by hand-written equivalents of each fixture's .pine script.
import { describe, expect, it } from 'vitest';
import { TA_FUNCTIONS, TA_VARIABLES } from '../../src/ta/registry.js';
import type { TaCallSite } from '../../src/ta/core.js';
import { barsOf, compareSeries, hl2, hlc3, hlcc4, indicatorCsv, ohlc4, TestContext, type Table } from './harness.js';
import { changeFlags } from './sessions.js';

const f = (key: string): TaCallSite => {
  const e = TA_FUNCTIONS[key];
  if (!e) throw new Error(`no ta function ${key}`);
  return e.create();
};
const v = (key: string) => {
  const e = TA_VARIABLES[key];
  if (!e) throw new Error(`no ta variable ${key}`);
  return e.create();
};
const b2n = (x: boolean, yes: number) => (x ? yes : 0);

type Step = (ctx: TestContext, i: number) => Record<string, number>;
interface Fixture {
  file: string;
  abs?: number;
  rel?: number;
  /** builds the per-bar step (fresh call sites) */
  make(t: Table): Step;
  /** columns not produced by the script */
  skip?: string[];
  newDay?: (t: Table) => boolean[];
}

const FIXTURES: Fixture[] = [
  {
    file: 'ma.csv',
    make() {
      const s = Array.from({ length: 3 }, () => f('ta.sma'));
      const e = [f('ta.ema'), f('ta.ema')];
      const r = [f('ta.rma'), f('ta.rma')];
      const al = [f('ta.alma'), f('ta.alma')];
      const w = [f('ta.wma'), f('ta.wma')];
      const h = [f('ta.hma'), f('ta.hma')];
      const sw = f('ta.swma');
      const vw = f('ta.vwma');
      return (ctx, i) => {
        const c = ctx.current;
        return {
          'ta.sma(close, 10)': s[0]!.update(i, ctx, c.close, 10),
          'ta.sma(hl2, 20)': s[1]!.update(i, ctx, hl2(c), 20),
          'ta.sma(hlc3, 15)': s[2]!.update(i, ctx, hlc3(c), 15),
          'ta.ema(close, 20)': e[0]!.update(i, ctx, c.close, 20),
          'ta.ema(ohlc4, 10)': e[1]!.update(i, ctx, ohlc4(c), 10),
          'ta.rma(hlcc4, 5)': r[0]!.update(i, ctx, hlcc4(c), 5),
          'ta.rma(high, 15)': r[1]!.update(i, ctx, c.high, 15),
          'ta.alma(close, 5, 0.85, 6)': al[0]!.update(i, ctx, c.close, 5, 0.85, 6, undefined),
          'ta.alma(close, 10, 0.55, 12)': al[1]!.update(i, ctx, c.close, 10, 0.55, 12, undefined),
          'ta.wma(close, 5)': w[0]!.update(i, ctx, c.close, 5),
          'ta.wma(close, 20)': w[1]!.update(i, ctx, c.close, 20),
          'ta.hma(close, 9)': h[0]!.update(i, ctx, c.close, 9),
          'ta.hma(close, 20)': h[1]!.update(i, ctx, c.close, 20),
          'ta.swma(hlc3)': sw.update(i, ctx, hlc3(c)),
          'ta.vwma(close, 20)': vw.update(i, ctx, c.close, 20),
        };
      };
    },
  },
  {
    file: 'tr.csv',
    make() {
      const a = f('ta.tr');
      const b = f('ta.tr');
      const tv = v('ta.tr');
      const atr = f('ta.atr');
      return (ctx, i) => ({
        'ta.tr(false)': a.update(i, ctx, false),
        'ta.tr(true)': b.update(i, ctx, true),
        'ta.tr': tv.update(i, ctx),
        'ta.atr(14)': atr.update(i, ctx, 14),
      });
    },
  },
  {
    file: 'iii+nvi+obv.csv',
    make() {
      const iii = v('ta.iii');
      const nvi = v('ta.nvi');
      const obv = v('ta.obv');
      return (ctx, i) => ({ 'ta.iii': iii.update(i, ctx), 'ta.nvi': nvi.update(i, ctx), 'ta.obv': obv.update(i, ctx) });
    },
  },
  {
    file: 'bb.csv',
    abs: 1e-10,
    rel: 1e-7,
    make() {
      const bb = f('ta.bb');
      const bbw = f('ta.bbw');
      return (ctx, i) => {
        const [b, u, l] = bb.update(i, ctx, ctx.current.close, 20, 2) as number[];
        return {
          'ta.bb(close, 20, 2).base': b!,
          'ta.bb(close, 20, 2).upper': u!,
          'ta.bb(close, 20, 2).lower': l!,
          'ta.bbw(close, 20, 2.1)': bbw.update(i, ctx, ctx.current.close, 20, 2.1),
        };
      };
    },
  },
  {
    file: 'cci+cmo+cog.csv',
    make() {
      const cmo = f('ta.cmo');
      const cci = f('ta.cci');
      const cog = f('ta.cog');
      return (ctx, i) => ({
        'ta.cmo(close, 20)': cmo.update(i, ctx, ctx.current.close, 20),
        'ta.cci(close, 20)': cci.update(i, ctx, ctx.current.close, 20),
        'ta.cog(close, 21)': cog.update(i, ctx, ctx.current.close, 21),
      });
    },
  },
  {
    file: 'correlation.csv',
    make() {
      const s = f('ta.sma');
      const e = f('ta.ema');
      const c = f('ta.correlation');
      return (ctx, i) => {
        const a = s.update(i, ctx, ctx.current.close, 20);
        const b = e.update(i, ctx, ctx.current.close, 10);
        return { correlation: c.update(i, ctx, a, b, 20) };
      };
    },
  },
  {
    file: 'cross.csv',
    make() {
      const e1 = f('ta.ema');
      const e2 = f('ta.ema');
      const x = f('ta.cross');
      const xo = f('ta.crossover');
      const xu = f('ta.crossunder');
      return (ctx, i) => {
        const a = e1.update(i, ctx, ctx.current.close, 5);
        const b = e2.update(i, ctx, ctx.current.close, 11);
        return {
          'ta.cross(ema1, ema2)': b2n(x.update(i, ctx, a, b), 0.5),
          'ta.crossover(ema1, ema2)': b2n(xo.update(i, ctx, a, b), 1),
          'ta.crossunder(ema1, ema2)': b2n(xu.update(i, ctx, a, b), -1),
        };
      };
    },
  },
  {
    file: 'falling+rising.csv',
    make() {
      const e = f('ta.ema');
      const fa = f('ta.falling');
      const ri = f('ta.rising');
      return (ctx, i) => {
        const m = e.update(i, ctx, ctx.current.close, 20);
        return { 'ta.falling(ema, 5)': b2n(fa.update(i, ctx, m, 5), -1), 'ta.rising(ema, 5)': b2n(ri.update(i, ctx, m, 5), 1) };
      };
    },
  },
  {
    file: 'highest+lowest.csv',
    make() {
      const k = ['ta.highest#1', 'ta.highest#0', 'ta.lowest#1', 'ta.lowest#0', 'ta.highestbars#1', 'ta.highestbars#0', 'ta.lowestbars#1', 'ta.lowestbars#0'].map(f);
      return (ctx, i) => {
        const c = ctx.current.close;
        return {
          'ta.highest(10)': k[0]!.update(i, ctx, 10),
          'ta.highest(close, 10)': k[1]!.update(i, ctx, c, 10),
          'ta.lowest(10)': k[2]!.update(i, ctx, 10),
          'ta.lowest(close, 10)': k[3]!.update(i, ctx, c, 10),
          'ta.highestbars(10)': k[4]!.update(i, ctx, 10),
          'ta.highestbars(close, 10)': k[5]!.update(i, ctx, c, 10),
          'ta.lowestbars(10)': k[6]!.update(i, ctx, 10),
          'ta.lowestbars(close, 10)': k[7]!.update(i, ctx, c, 10),
        };
      };
    },
  },
  {
    file: 'macd.csv',
    make() {
      const m = f('ta.macd');
      return (ctx, i) => {
        const [a, b, c] = m.update(i, ctx, ctx.current.close, 12, 26, 9) as number[];
        return { 'ta.macd(close, 12, 26, 9).macd': a!, 'ta.macd(close, 12, 26, 9).signal': b!, 'ta.macd(close, 12, 26, 9).hist': c! };
      };
    },
  },
  {
    file: 'min+max+median+mode.csv',
    make() {
      const [mn, mx, md, mo] = ['ta.min', 'ta.max', 'ta.median', 'ta.mode'].map(f);
      return (ctx, i) => {
        const c = ctx.current.close;
        return {
          'min(close)': mn!.update(i, ctx, c),
          'max(close)': mx!.update(i, ctx, c),
          'median(close)': md!.update(i, ctx, c, 20),
          'mode(close)': mo!.update(i, ctx, c, 20),
        };
      };
    },
  },
  {
    file: 'mfi+rsi+stoch.csv',
    make() {
      const [mfi, rsi, st] = ['ta.mfi', 'ta.rsi', 'ta.stoch'].map(f);
      return (ctx, i) => {
        const c = ctx.current;
        return {
          'ta.mfi(close, 14)': mfi!.update(i, ctx, c.close, 14),
          'ta.rsi(close, 14)': rsi!.update(i, ctx, c.close, 14),
          'ta.stoch(close, high, low, 20)': st!.update(i, ctx, c.close, c.high, c.low, 20),
        };
      };
    },
  },
  {
    file: 'ppp.csv',
    make() {
      const [li, nr, pr] = ['ta.percentile_linear_interpolation', 'ta.percentile_nearest_rank', 'ta.percentrank'].map(f);
      return (ctx, i) => {
        const c = ctx.current.close;
        return {
          // the fixture's titles say 30 and 0, but both were computed with 20 (see ppp.pine)
          'ta.percentile_linear_interpolation(close, 20, 30)': li!.update(i, ctx, c, 20, 20),
          'ta.percentile_nearest_rank(close, 20, 0)': nr!.update(i, ctx, c, 20, 20),
          'ta.percentrank(close, 33)': pr!.update(i, ctx, c, 33),
        };
      };
    },
  },
  {
    file: 'pivot.csv',
    make() {
      const k = ['ta.pivothigh#0', 'ta.pivothigh#1', 'ta.pivotlow#0', 'ta.pivotlow#1'].map(f);
      return (ctx, i) => {
        const c = ctx.current.close;
        return {
          'ta.pivothigh(10, 5)': k[0]!.update(i, ctx, 10, 5),
          'ta.pivothigh(close, 10, 5)': k[1]!.update(i, ctx, c, 10, 5),
          'ta.pivotlow(10, 5)': k[2]!.update(i, ctx, 10, 5),
          'ta.pivotlow(close, 10, 5)': k[3]!.update(i, ctx, c, 10, 5),
        };
      };
    },
  },
  {
    file: 'range.csv',
    make() {
      const r = f('ta.range');
      return (ctx, i) => ({ 'ta.range(close, 20)': r.update(i, ctx, ctx.current.close, 20) });
    },
  },
  {
    file: 'rci.csv',
    skip: ['hl2'],
    make() {
      const [a, b, c] = [f('ta.rci'), f('ta.rci'), f('ta.rci')];
      return (ctx, i) => {
        const cur = ctx.current;
        return {
          'ta.rci(close, 5)': a.update(i, ctx, cur.close, 5),
          'ta.rci(close, 20)': b.update(i, ctx, cur.close, 20),
          'ta.rci(hl2, 20)': c.update(i, ctx, hl2(cur), 20),
        };
      };
    },
  },
  {
    file: 'supertrend.csv',
    make() {
      const s = f('ta.supertrend');
      return (ctx, i) => {
        const [st, dir] = s.update(i, ctx, 3, 10) as number[];
        return {
          'ta.supertrend(3, 10).up': dir! < 0 ? st! : NaN,
          'ta.supertrend(3, 10).down': dir! > 0 ? st! : NaN,
        };
      };
    },
  },
  {
    file: 'valuewhen.csv',
    make() {
      const [s1, s2, x, vw] = [f('ta.sma'), f('ta.sma'), f('ta.cross'), f('ta.valuewhen')];
      return (ctx, i) => {
        const c = ctx.current.close;
        const slow = s1!.update(i, ctx, c, 7);
        const fast = s2!.update(i, ctx, c, 14);
        return { 'ta.valuewhen(ta.cross(slow, fast), close, 1)': vw!.update(i, ctx, x!.update(i, ctx, slow, fast), c, 1) as number };
      };
    },
  },
  {
    file: 'valuewhen_na.csv',
    make() {
      const [a, b, c, d] = [f('ta.valuewhen'), f('ta.valuewhen'), f('ta.valuewhen'), f('ta.valuewhen')];
      return (ctx, i) => {
        const cond = i % 3 === 0;
        const src = i % 2 === 0 ? NaN : ctx.current.close;
        return {
          v0: a.update(i, ctx, cond, src, 0) as number,
          v1: b.update(i, ctx, cond, src, 1) as number,
          v2: c.update(i, ctx, cond, src, 2) as number,
          w0: d.update(i, ctx, cond, ctx.current.close, 0) as number,
        };
      };
    },
  },
  {
    file: 'wpr.csv',
    make() {
      const w = f('ta.wpr');
      return (ctx, i) => ({ 'ta.wpr(20)': w.update(i, ctx, 20) });
    },
  },
  {
    file: 'accdist+pvi+pvt+wad+wvad.csv',
    make() {
      const k = ['ta.accdist', 'ta.pvi', 'ta.pvt', 'ta.wad', 'ta.wvad'].map(v);
      return (ctx, i) => ({
        'ta.accdist': k[0]!.update(i, ctx),
        'ta.pvi': k[1]!.update(i, ctx),
        'ta.pvt': k[2]!.update(i, ctx),
        'ta.wad': k[3]!.update(i, ctx),
        'ta.wvad': k[4]!.update(i, ctx),
      });
    },
  },
  {
    file: 'vwap.csv',
    newDay: (t) => {
      const times = barsOf(t).time;
      const d = changeFlags(times, 'D');
      d[0] = true; // the chart's first bar opens a trading day for the default (daily) anchor
      return d;
    },
    make(t) {
      const times = barsOf(t).time;
      const a240 = changeFlags(times, 240);
      const a360 = changeFlags(times, 360);
      const [d, q, bands] = [f('ta.vwap#0'), f('ta.vwap#0'), f('ta.vwap#1')];
      return (ctx, i) => {
        const c = ctx.current.close;
        const [vw, up, lo] = bands!.update(i, ctx, c, a360[i], 2.0) as number[];
        return {
          'ta.vwap(close)': d!.update(i, ctx, c, undefined),
          'ta.vwap(close, timeframe.change("240"))': q!.update(i, ctx, c, a240[i]),
          'ta.vwap(close, timeframe.change("360"), 2.0).vwap': vw!,
          'ta.vwap(close, timeframe.change("360"), 2.0).upper_band': up!,
          'ta.vwap(close, timeframe.change("360"), 2.0).lower_band': lo!,
        };
      };
    },
  },
  {
    file: 'pivot_point_levels.csv',
    make(t) {
      const anchor = changeFlags(barsOf(t).time, 'D');
      const [tr, fib, dm, cam, wd] = [1, 2, 3, 4, 5].map(() => f('ta.pivot_point_levels'));
      return (ctx, i) => {
        const a = anchor[i]!;
        const T = tr!.update(i, ctx, 'Traditional', a, false) as number[];
        const F = fib!.update(i, ctx, 'Fibonacci', a, false) as number[];
        const D = dm!.update(i, ctx, 'DM', a, false) as number[];
        const C = cam!.update(i, ctx, 'Camarilla', a, false) as number[];
        const W = wd!.update(i, ctx, 'Woodie', a, false) as number[];
        return {
          P_trad: T[0]!, R1_trad: T[1]!, S1_trad: T[2]!, R2_trad: T[3]!, S2_trad: T[4]!, R3_trad: T[5]!, S3_trad: T[6]!,
          P_fib: F[0]!, R1_fib: F[1]!, S1_fib: F[2]!,
          P_dm: D[0]!, R1_dm: D[1]!, S1_dm: D[2]!,
          P_cam: C[0]!, R4_cam: C[7]!, S4_cam: C[8]!,
          P_woodie: W[0]!,
        };
      };
    },
  },
];

/** Runs a fixture; returns column → our series. */
function run(fx: Fixture, t: Table): Record<string, number[]> {
  const bars = barsOf(t);
  const ctx = new TestContext(bars);
  const nd = fx.newDay ? fx.newDay(t) : null;
  const step = fx.make(t);
  const out: Record<string, number[]> = {};
  for (let i = 0; i < bars.length; i++) {
    ctx.setBar(i, nd ? nd[i]! : false);
    const r = step(ctx, i);
    for (const k in r) (out[k] ??= []).push(r[k]!);
  }
  return out;
}

describe('TradingView indicator fixtures (every row)', () => {
  for (const fx of FIXTURES) {
    it(fx.file, () => {
      const t = indicatorCsv(fx.file);
      const ours = run(fx, t);
      const report: string[] = [];
      let checked = 0;
      for (const col of Object.keys(ours)) {
        let ref = t.col(col);
        if (fx.file === 'pivot_point_levels.csv') ref = ref.map((x) => (x === 1e100 ? NaN : x));
        const bad = compareSeries(ours[col]!, ref, fx.abs, fx.rel);
        checked += ref.length;
        if (process.env.PINEBACK_TA_CENSUS) {
          // how many rows are bit-identical to TradingView (informational)
          const o = ours[col]!;
          let same = 0;
          let maxAbs = 0;
          ref.forEach((r, i) => {
            if (Object.is(r, o[i]) || (r !== r && o[i] !== o[i])) same++;
            else if (r === r) maxAbs = Math.max(maxAbs, Math.abs(o[i]! - r));
          });
          console.log(`CENSUS ${fx.file} | ${col} | ${same}/${ref.length} | ${maxAbs.toExponential(1)}`);
        }
        if (bad.length) report.push(`${col}: ${bad.length} bad, first ${JSON.stringify(bad.slice(0, 3))}`);
      }
      expect(checked).toBeGreaterThan(0);
      expect(report).toEqual([]);
    });
  }
});
