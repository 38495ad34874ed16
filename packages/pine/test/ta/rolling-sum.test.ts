// TradingView's rolling sum (ta/rolling-sum.ts) reproduces its sma-based outputs bit for bit: these
// columns must stay identical to the last bit on every row, not just within the fixture tolerance.
import { describe, expect, it } from 'vitest';
import { TA_FUNCTIONS } from '../../src/ta/registry.js';
import { RollingSum } from '../../src/ta/rolling-sum.js';
import { barsOf, hl2, hlc3, indicatorCsv, TestContext } from './harness.js';

const site = (key: string) => TA_FUNCTIONS[key]!.create();

/** Rows where ours and TradingView's differ in any bit (na matches na). */
function bitDiffs(ours: number[], ref: number[]): number[] {
  const bad: number[] = [];
  ref.forEach((r, i) => {
    const o = ours[i]!;
    if (!(Object.is(r, o) || (r !== r && o !== o))) bad.push(i);
  });
  return bad;
}

describe('rolling sum: bit-identical to TradingView', () => {
  it('ta.sma on ma.csv (three sources and lengths)', () => {
    const t = indicatorCsv('ma.csv');
    const ctx = new TestContext(barsOf(t));
    const s = [site('ta.sma'), site('ta.sma'), site('ta.sma')];
    const out: number[][] = [[], [], []];
    for (let i = 0; i < t.rows.length; i++) {
      ctx.setBar(i, false);
      const c = ctx.current;
      out[0]!.push(s[0]!.update(i, ctx, c.close, 10));
      out[1]!.push(s[1]!.update(i, ctx, hl2(c), 20));
      out[2]!.push(s[2]!.update(i, ctx, hlc3(c), 15));
    }
    expect(bitDiffs(out[0]!, t.col('ta.sma(close, 10)'))).toEqual([]);
    expect(bitDiffs(out[1]!, t.col('ta.sma(hl2, 20)'))).toEqual([]);
    expect(bitDiffs(out[2]!, t.col('ta.sma(hlc3, 15)'))).toEqual([]);
  });

  it('ta.bb on bb.csv (sma basis, stdev from the same machine)', () => {
    const t = indicatorCsv('bb.csv');
    const ctx = new TestContext(barsOf(t));
    const bb = site('ta.bb');
    const out: number[][] = [[], [], []];
    for (let i = 0; i < t.rows.length; i++) {
      ctx.setBar(i, false);
      const r = bb.update(i, ctx, ctx.current.close, 20, 2) as number[];
      r.forEach((v, k) => out[k]!.push(v));
    }
    expect(bitDiffs(out[0]!, t.col('ta.bb(close, 20, 2).base'))).toEqual([]);
    expect(bitDiffs(out[1]!, t.col('ta.bb(close, 20, 2).upper'))).toEqual([]);
    expect(bitDiffs(out[2]!, t.col('ta.bb(close, 20, 2).lower'))).toEqual([]);
  });

  it('order: the oldest entry leaves before the new value enters, the sum is not corrected', () => {
    // 0.1 + 0.2 + 0.3 leaves Kahan compensation behind; with length 2 the next step must take out
    // the *entry* of 0.1 (its corrected increment), then add 0.4 — checked against the same
    // arithmetic spelled out here.
    const r = new RollingSum();
    const xs = [0.1, 0.2, 0.3, 0.4, 1e16, 1, -1e16, 3];
    let s = 0;
    let c = 0;
    const ent: number[] = [];
    const add = (v: number) => {
      const y = v - c;
      const t = s + y;
      c = t - s - y;
      s = t;
      return y;
    };
    xs.forEach((x, i) => {
      if (i >= 2) add(-ent[i - 2]!);
      ent.push(add(x));
      const got = r.update(i, x, 2);
      if (i === 0) expect(got).toBeNaN();
      else expect(Object.is(got, s)).toBe(true);
    });
  });

  it('re-executing a bar does not double count; na leaves the window as it is', () => {
    const r = new RollingSum();
    expect(r.update(0, 1, 2)).toBeNaN();
    expect(r.update(1, 2, 2)).toBe(3);
    expect(r.update(1, 5, 2)).toBe(6);
    expect(r.update(2, NaN, 2)).toBe(6);
    expect(r.update(3, 10, 2)).toBe(15);
  });
});
