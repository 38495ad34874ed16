// SPY 1h (QuantConnect LEAN, NYSE regular session) requesting its own 1D and 1W: every chart bar
// compared with expectations built by brute force — bars grouped by their New York date / week (Intl),
// HTF values taken from the groups — for lookahead on/off × gaps on/off.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SecurityEngine, type SecurityContext } from '../../src/security/index.js';
import { csvBars, groupBy, loadSyminfo, MARKET_DIR, mondayOf, nyDate } from './helpers.js';

const chart = csvBars(join(MARKET_DIR, 'spy_1h_1998-2021_lean.csv'));
const syminfo = loadSyminfo('advance_decline_ratio.toml'); // BATS:SPY, America/New_York, 09:30–16:00 Mon–Fri
const n = chart.length;
const dates = Array.from(chart.time, nyDate);

interface Expected {
  off: Float64Array;
  offGaps: Float64Array;
  on: Float64Array;
  onGaps: Float64Array;
}

/** What each chart bar must see of a per-group value, by the four merge modes. */
function expectations(keyOf: (i: number) => string, value: (first: number, last: number) => number, lastComplete: boolean): Expected {
  const { group, ranges } = groupBy(n, keyOf);
  const vals = ranges.map(([a, b]) => value(a, b));
  const e: Expected = { off: new Float64Array(n), offGaps: new Float64Array(n), on: new Float64Array(n), onGaps: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    const g = group[i]!;
    const [first, last] = ranges[g]!;
    const confirmedHere = i === last && (g < ranges.length - 1 || lastComplete);
    // lookahead_off: the group's value appears on its last bar; before that, the previous group's.
    e.off[i] = confirmedHere ? vals[g]! : g > 0 ? vals[g - 1]! : NaN;
    e.offGaps[i] = confirmedHere ? vals[g]! : NaN;
    // lookahead_on: the group's value from its first bar on.
    e.on[i] = vals[g]!;
    e.onGaps[i] = i === first ? vals[g]! : NaN;
  }
  return e;
}

const high = (a: number, b: number) => Math.max(...chart.high.slice(a, b + 1));
const sumVolume = (a: number, b: number) => chart.volume.slice(a, b + 1).reduce((s, v) => s + v, 0);

function check(engine: SecurityEngine, ctx: SecurityContext, values: ArrayLike<number>, e: Expected): number {
  const modes: Array<[string, boolean, boolean, Float64Array]> = [
    ['lookahead_off gaps_off', false, false, e.off],
    ['lookahead_off gaps_on', false, true, e.offGaps],
    ['lookahead_on gaps_off', true, false, e.on],
    ['lookahead_on gaps_on', true, true, e.onGaps],
  ];
  let compared = 0;
  for (const [name, lookahead, gaps, want] of modes) {
    const got = engine.mapNumbers(ctx, values, { lookahead, gaps });
    const bad: string[] = [];
    for (let i = 0; i < n; i++) {
      if (!Object.is(got[i], want[i])) bad.push(`${name} bar ${i} ${new Date(chart.time[i]!).toISOString()}: ${got[i]} vs ${want[i]}`);
      compared++;
    }
    expect(bad.slice(0, 5), name).toEqual([]);
  }
  return compared;
}

describe('SPY 1h → 1D / 1W, all 40,832 chart bars, brute-force expectations', () => {
  const engine = new SecurityEngine({ bars: chart, syminfo, timeframe: '60' });

  it('1D: HTF close, high and volume under all four merge modes', () => {
    const ctx = engine.resolve('', 'D');
    expect(ctx.origin).toBe('aggregated');
    expect(engine.relation(ctx)).toBe('higher');
    const { ranges } = groupBy(n, (i) => dates[i]!);
    expect(ctx.bars.length).toBe(ranges.length);
    // The data ends 2021-03-31 15:00, whose bar closes at 16:00: the last day is complete.
    expect(ctx.aggregation!.lastComplete).toBe(true);
    let compared = 0;
    compared += check(engine, ctx, ctx.bars.close, expectations((i) => dates[i]!, (_a, b) => chart.close[b]!, true));
    compared += check(engine, ctx, ctx.bars.high, expectations((i) => dates[i]!, high, true));
    compared += check(engine, ctx, ctx.bars.volume, expectations((i) => dates[i]!, sumVolume, true));
    expect(compared).toBe(3 * 4 * n);
  });

  it('1D bars open at 09:30 New York and close at 16:00 (13:00 on a half day)', () => {
    const ctx = engine.resolve('BATS:SPY', '1D');
    const at = (iso: string) => Date.parse(iso);
    const k = ctx.bars.time.indexOf(at('2019-07-02T09:30:00-04:00'));
    expect(k).toBeGreaterThan(0);
    expect(ctx.closeTime[k]).toBe(at('2019-07-02T16:00:00-04:00'));
    expect(ctx.bars.time[k + 1]).toBe(at('2019-07-03T09:30:00-04:00'));
    expect(ctx.closeTime[k + 1]).toBe(at('2019-07-03T13:00:00-04:00'));
  });

  it('1W: Monday-anchored weeks; the unfinished last week (data ends on a Wednesday) is never confirmed', () => {
    const ctx = engine.resolve('', 'W');
    const week = (i: number) => mondayOf(dates[i]!);
    const { ranges } = groupBy(n, week);
    expect(ctx.bars.length).toBe(ranges.length);
    expect(ctx.aggregation!.lastComplete).toBe(false);
    let compared = 0;
    compared += check(engine, ctx, ctx.bars.close, expectations(week, (_a, b) => chart.close[b]!, false));
    compared += check(engine, ctx, ctx.bars.high, expectations(week, high, false));
    expect(compared).toBe(2 * 4 * n);
  });

  it('a realtime last bar sees the still-forming week (lookahead_off)', () => {
    const rt = new SecurityEngine({ bars: chart, syminfo, timeframe: '60' }, { lastBarRealtime: true });
    const ctx = rt.resolve('', 'W');
    const got = rt.mapNumbers(ctx, ctx.bars.close);
    expect(got[n - 1]).toBe(chart.close[n - 1]);
    expect(got[n - 2]).toBe(engine.mapNumbers(engine.resolve('', 'W'), ctx.bars.close)[n - 2]);
    expect(got[n - 2]).not.toBe(chart.close[n - 2]);
  });

  it('a stateful context expression (bar_index of the HTF context) maps the same way', () => {
    const ctx = engine.resolve('', 'D');
    const barIndex = Float64Array.from({ length: ctx.bars.length }, (_, j) => j);
    const got = engine.mapNumbers(ctx, barIndex);
    const { group, ranges } = groupBy(n, (i) => dates[i]!);
    const bad: number[] = [];
    for (let i = 0; i < n; i++) {
      const g = group[i]!;
      if (!Object.is(got[i], i === ranges[g]![1] ? g : g > 0 ? g - 1 : NaN)) bad.push(i);
    }
    expect(bad).toEqual([]);
  });
});
