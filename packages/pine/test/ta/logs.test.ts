// TradingView Pine Logs probes of ta.* exactness (shared/refdata/tradingview/logs: test_112,
// test_241..test_246). Each probe script is mirrored by hand; bars are constant dummies (the probes
// only use bar_index), and the message is formatted as Pine's default number format (≤ 3 decimals).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TV_DIR } from '../../../../test-support/shared.js';
import { TA_FUNCTIONS } from '../../src/ta/registry.js';
import type { TaCallSite } from '../../src/ta/core.js';
import { TestContext } from './harness.js';

const f = (key: string): TaCallSite => TA_FUNCTIONS[key]!.create();

function expected(name: string): string[] {
  return readFileSync(join(TV_DIR, 'logs', 'expected', `${name}.txt`), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.length > 0)
    .map((l) => l.slice(l.indexOf(']: ') + 3));
}

/** Pine's default formatting of a number inside str.format / log messages. */
function fmt(x: number | boolean): string {
  if (typeof x === 'boolean') return String(x);
  if (x !== x) return 'NaN';
  const r = Math.round(x * 1000) / 1000;
  return String(Object.is(r, -0) ? 0 : r);
}
function format(template: string, ...args: (number | boolean)[]): string {
  return template.replace(/\{(\d+)\}/g, (_, i) => fmt(args[Number(i)]!));
}

const dummyCtx = () => {
  const n = 100;
  const col = () => new Float64Array(n).fill(1);
  return new TestContext({ length: n, time: col(), open: col(), high: col(), low: col(), close: col(), volume: col() });
};

function runProbe(bars: number, step: (ctx: TestContext, i: number, out: string[]) => void): string[] {
  const ctx = dummyCtx();
  const out: string[] = [];
  for (let i = 0; i < bars; i++) {
    ctx.setBar(i);
    step(ctx, i, out);
  }
  return out;
}

describe('TradingView log probes', () => {
  it('test_112_cross_adjacent', () => {
    const [x, xo, xu] = [f('ta.cross'), f('ta.crossover'), f('ta.crossunder')];
    const got = runProbe(13, (ctx, i, out) => {
      const a = i % 2 === 0 ? 1 : -1;
      const c = x.update(i, ctx, a, 0);
      const o = xo.update(i, ctx, a, 0);
      const u = xu.update(i, ctx, a, 0);
      if (i >= 3 && i <= 12) out.push(format('a={0} cross={1} over={2} under={3}', a, c, o, u));
    });
    expect(got).toEqual(expected('test_112_cross_adjacent'));
  });

  it('test_241_tolerant_compare', () => {
    const s = {
      riseSub: f('ta.rising'), fallSub: f('ta.falling'), riseSup: f('ta.rising'), fallSup: f('ta.falling'),
      prSub: f('ta.percentrank'), prSup: f('ta.percentrank'), cmo: f('ta.cmo'), mfi: f('ta.mfi'),
      hi: f('ta.highest#0'), hib: f('ta.highestbars#0'), xo: f('ta.crossover'),
    };
    const base = 100;
    const got = runProbe(18, (ctx, i, out) => {
      const r = i % 2 === 0 ? base : base + 1e-12;
      const rc = i % 2 === 0 ? base : base + 1e-8;
      const u = i % 3 === 1 ? base + 1e-12 : base;
      const uc = i % 3 === 1 ? base + 1e-8 : base;
      const v = [
        s.riseSub.update(i, ctx, r, 1), s.riseSup.update(i, ctx, rc, 1),
        s.fallSub.update(i, ctx, r, 1), s.fallSup.update(i, ctx, rc, 1),
        s.prSub.update(i, ctx, u, 5), s.prSup.update(i, ctx, uc, 5),
        s.cmo.update(i, ctx, r, 4), s.mfi.update(i, ctx, r, 4),
        (s.hi.update(i, ctx, u, 3) - base) * 1e12, s.hib.update(i, ctx, u, 3), s.xo.update(i, ctx, u, base),
      ];
      if (i >= 12 && i <= 17)
        out.push(format('rise {0}/{1} fall {2}/{3} prank {4}/{5} cmo {6} mfi {7} hi {8} hib {9} xover {10}', ...v));
    });
    expect(got).toEqual(expected('test_241_tolerant_compare'));
  });

  it('test_242_percentile_change_exact', () => {
    const li = [0, 12.5, 25, 37.5, 50, 100].map((p) => [p, f('ta.percentile_linear_interpolation')] as const);
    const nr = [0, 25, 26, 50, 51, 100].map((p) => [p, f('ta.percentile_nearest_rank')] as const);
    const [ch1, ch2] = [f('ta.change'), f('ta.change')];
    const base = 100;
    const got = runProbe(9, (ctx, i, out) => {
      const c = base + (i % 4);
      const a = li.map(([p, s]) => s.update(i, ctx, c, 4, p) - base);
      const b = nr.map(([p, s]) => s.update(i, ctx, c, 4, p) - base);
      const tiny = i % 2 === 0 ? 0.001 : 0.001 + 1e-15;
      const big = i % 2 === 0 ? base : base + 1e-12;
      const ct = ch1.update(i, ctx, tiny, undefined) * 1e15;
      const cb = ch2.update(i, ctx, big, undefined) * 1e12;
      if (i === 8) out.push(format('li {0}/{1}/{2}/{3}/{4}/{5} nr {6}/{7}/{8}/{9}/{10}/{11} chg {12}/{13}', ...a, ...b, ct, cb));
    });
    expect(got).toEqual(expected('test_242_percentile_change_exact'));
  });

  it('test_243_variance_stdev_exact', () => {
    const [v, vu, s, su, d, vc, sc] = ['ta.variance', 'ta.variance', 'ta.stdev', 'ta.stdev', 'ta.dev', 'ta.variance', 'ta.stdev'].map(f);
    const got = runProbe(9, (ctx, i, out) => {
      const c = 100 + (i % 4);
      const V = v!.update(i, ctx, c, 4, undefined);
      const VU = vu!.update(i, ctx, c, 4, false);
      const S = s!.update(i, ctx, c, 4, undefined);
      const SU = su!.update(i, ctx, c, 4, false);
      const D = d!.update(i, ctx, c, 4);
      const cc = 100000000.0 + (i % 2) * 0.001;
      const VC = vc!.update(i, ctx, cc, 4, undefined);
      const SC = sc!.update(i, ctx, cc, 4, undefined);
      if (i === 8)
        out.push(format('{0}/{1}/{2}/{3}/{4}/{5}/{6}', V, (VU * 3.0 - 5.0) * 1e16, (S * S - 1.25) * 1e16, (SU * SU * 3.0 - 5.0) * 1e16, D, VC, (SC * SC - VC) * 1e16));
    });
    expect(got).toEqual(expected('test_243_variance_stdev_exact'));
  });

  it('test_244_correlation_exact', () => {
    const k = Array.from({ length: 6 }, () => f('ta.correlation'));
    const got = runProbe(10, (ctx, i, out) => {
      const a = 100 + (i % 4);
      const b = i;
      const k1 = k[0]!.update(i, ctx, a, b, 4);
      const k2 = k[1]!.update(i, ctx, a, 100 + 0 * i, 4);
      const k3 = k[2]!.update(i, ctx, a, b, 1);
      const lo = 0.000005 * (i % 4);
      const hi = 0.00001 * (i % 4);
      const k4 = k[3]!.update(i, ctx, lo, lo * 2, 4);
      const k5 = k[4]!.update(i, ctx, hi, hi * 2, 4);
      const g = i % 3 === 0 ? NaN : a;
      const k6 = k[5]!.update(i, ctx, g, b, 4);
      const r1 = i === 8 ? -0.2 : -0.6;
      const r6 = i === 8 ? -36.51483716701107 : -110.27480824437345;
      if (i === 8 || i === 9) out.push(format('{0}/{1}/{2}/{3}/{4}/{5}', (k1 - r1) * 1e17, k2, k3, k4, k5, (k6 - r6) * 1e14));
    });
    expect(got).toEqual(expected('test_244_correlation_exact'));
  });

  it('test_246_wma_exact', () => {
    const [w3, w5, w4, w1, h4] = ['ta.wma', 'ta.wma', 'ta.wma', 'ta.wma', 'ta.hma'].map(f);
    const got = runProbe(12, (ctx, i, out) => {
      const a = 100 + (i % 7) / 3;
      const g = i % 3 === 0 ? NaN : a;
      const k1 = w3!.update(i, ctx, a, 3);
      const k2 = w5!.update(i, ctx, a, 5);
      const k3 = w4!.update(i, ctx, g, 4);
      const k4 = w1!.update(i, ctx, a, 1);
      const k5 = h4!.update(i, ctx, a, 4);
      const r1 = i === 10 ? 100.77777777777779 : 101.11111111111113;
      const r2 = i === 10 ? 100.71111111111112 : 100.88888888888889;
      const r3 = i === 10 ? 100.56666666666666 : 100.93333333333332;
      const r4 = i === 10 ? 101.0 : 101.33333333333333;
      const r5 = i === 10 ? 100.92222222222223 : 101.33333333333333;
      if (i === 10 || i === 11)
        out.push(format('{0}|{1}|{2}|{3}|{4}', (k1 - r1) * 1e15, (k2 - r2) * 1e15, (k3 - r3) * 1e15, (k4 - r4) * 1e15, (k5 - r5) * 1e15));
    });
    expect(got).toEqual(expected('test_246_wma_exact'));
  });
});
