// ta.pivot_point_levels bookkeeping against a plain reference: for every bar, the levels must come
// from the OHLC of the previous completed anchor period (or of the current one when developing),
// recomputed here by scanning back to the anchors. The level formulas themselves are pinned by the
// TradingView fixture pivot_point_levels.csv (fixtures.test.ts / pine-path.test.ts).
import { describe, expect, it } from 'vitest';
import { TA_FUNCTIONS } from '../../src/ta/registry.js';
import { pivotLevels } from '../../src/ta/pivot-points.js';
import { marketBars, TestContext } from './harness.js';

const N = 2500;
const bars = marketBars('spy_1h_1998-2021_lean.csv', N);
const anchor = Array.from(bars.time, (t, i) => i > 0 && new Date(t).getUTCDate() !== new Date(bars.time[i - 1]!).getUTCDate());

function periodOhlc(from: number, to: number) {
  let h = -Infinity;
  let l = Infinity;
  for (let k = from; k <= to; k++) {
    h = Math.max(h, bars.high[k]!);
    l = Math.min(l, bars.low[k]!);
  }
  return { o: bars.open[from]!, h, l, c: bars.close[to]! };
}

function reference(type: string, i: number, developing: boolean): number[] {
  let start = 0; // start of the forming period
  for (let k = i; k > 0; k--)
    if (anchor[k]) {
      start = k;
      break;
    }
  if (developing) return pivotLevels(type, periodOhlc(start, i), bars.open[start]!);
  if (start === 0) return new Array(11).fill(NaN);
  let prevStart = 0;
  for (let k = start - 1; k > 0; k--)
    if (anchor[k]) {
      prevStart = k;
      break;
    }
  return pivotLevels(type, periodOhlc(prevStart, start - 1), bars.open[start]!);
}

describe('ta.pivot_point_levels', () => {
  for (const type of ['Traditional', 'Fibonacci', 'Woodie', 'Classic', 'DM', 'Camarilla']) {
    for (const developing of [false, true]) {
      it(`${type}${developing ? ' (developing)' : ''}`, () => {
        const site = TA_FUNCTIONS['ta.pivot_point_levels']!.create();
        const ctx = new TestContext(bars);
        let checked = 0;
        const bad: string[] = [];
        for (let i = 0; i < N; i++) {
          ctx.setBar(i);
          // a re-executed bar must not disturb the period bookkeeping
          site.update(i, ctx, type, !anchor[i], developing);
          const got = site.update(i, ctx, type, anchor[i], developing) as number[];
          const ref = reference(type, i, developing);
          if (got.length !== 11) bad.push(`bar ${i}: length ${got.length}`);
          for (let k = 0; k < 11; k++) {
            const r = ref[k]!;
            const g = got[k]!;
            if (Number.isNaN(r) ? !Number.isNaN(g) : !(Math.abs(g - r) <= 1e-9 * Math.max(1, Math.abs(r)))) bad.push(`bar ${i} level ${k}: ${g} vs ${r}`);
            else if (!Number.isNaN(r)) checked++;
          }
        }
        expect(bad.slice(0, 5)).toEqual([]);
        expect(checked).toBeGreaterThan(N);
      });
    }
  }

  it('returns a fresh array every bar (a script may keep or modify it)', () => {
    const site = TA_FUNCTIONS['ta.pivot_point_levels']!.create();
    const ctx = new TestContext(bars);
    let prev: number[] | null = null;
    for (let i = 0; i < 200; i++) {
      ctx.setBar(i);
      const got = site.update(i, ctx, 'Traditional', anchor[i], false) as number[];
      if (prev) expect(got).not.toBe(prev);
      prev = got;
      got[0] = -1; // must not leak into the next bar
    }
    ctx.setBar(200);
    const next = site.update(200, ctx, 'Traditional', anchor[200], false) as number[];
    expect(next[0]).not.toBe(-1);
  });

  it('rejects an unknown type', () => {
    const site = TA_FUNCTIONS['ta.pivot_point_levels']!.create();
    const ctx = new TestContext(bars);
    ctx.setBar(0);
    expect(() => site.update(0, ctx, 'Nope', true, true)).toThrow(/unknown type/);
  });
});
