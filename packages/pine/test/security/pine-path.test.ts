// request.security through the Pine path (compile + run): SPY 1h requesting its own 1D and 1W. Every
// chart bar is compared with expectations computed by hand from the hourly bars — grouped by New York
// date / Monday-anchored week (Intl, independent of the stdlib's calendar) — for lookahead on/off ×
// gaps on/off, the repainting-safe `expr[1]` + lookahead_on idiom, and expressions that need the
// whole script in the requested context (script variables, user functions with ta.* state, tuples).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, run, type RunResult } from '../../src/api.js';
import { csvBars, groupBy, loadSyminfo, MARKET_DIR, mondayOf, nyDate } from './helpers.js';

const chart = csvBars(join(MARKET_DIR, 'spy_1h_1998-2021_lean.csv'));
const syminfo = { ...loadSyminfo('advance_decline_ratio.toml'), period: '60' }; // BATS:SPY, New York, 09:30–16:00
const n = chart.length;
const dates = Array.from(chart.time, nyDate);

function runScript(body: string): RunResult {
  const c = compile(`//@version=6\nindicator("t")\n${body}`);
  if (!c.ok) throw new Error(c.diagnostics.map((d) => d.message).join('\n'));
  return run(c.program!, chart, { syminfo, timeframe: '60' });
}

interface Modes {
  off: Float64Array;
  offGaps: Float64Array;
  on: Float64Array;
  onGaps: Float64Array;
  /** `value[1]` with lookahead_on: the previous group's value from the group's first bar on. */
  prevOn: Float64Array;
}

/** What each chart bar must show of a per-group value under each merge mode. */
function expected(keyOf: (i: number) => string, value: (first: number, last: number, g: number, all: number[]) => number, lastComplete: boolean): Modes {
  const { group, ranges } = groupBy(n, keyOf);
  const vals: number[] = [];
  ranges.forEach(([a, b], g) => vals.push(value(a, b, g, vals)));
  const m: Modes = { off: new Float64Array(n), offGaps: new Float64Array(n), on: new Float64Array(n), onGaps: new Float64Array(n), prevOn: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    const g = group[i]!;
    const [first, last] = ranges[g]!;
    const confirmed = i === last && (g < ranges.length - 1 || lastComplete);
    m.off[i] = confirmed ? vals[g]! : g > 0 ? vals[g - 1]! : NaN;
    m.offGaps[i] = confirmed ? vals[g]! : NaN;
    m.on[i] = vals[g]!;
    m.onGaps[i] = i === first ? vals[g]! : NaN;
    m.prevOn[i] = g > 0 ? vals[g - 1]! : NaN;
  }
  return m;
}

function mismatches(r: RunResult, title: string, want: Float64Array): string[] {
  const plot = r.plots.find((p) => p.title === title);
  if (!plot) return [`no plot ${title}`];
  const bad: string[] = [];
  for (let i = 0; i < n && bad.length < 5; i++) {
    const got = plot.values[i]!;
    const same = (got !== got && want[i] !== want[i]) || Math.abs(got - want[i]!) <= 1e-9 * Math.max(1, Math.abs(want[i]!));
    if (!same) bad.push(`${title} bar ${i} ${new Date(chart.time[i]!).toISOString()}: got ${got}, want ${want[i]}`);
  }
  return bad;
}

const MERGE_PLOTS = (tf: string) => `
plot(request.security(syminfo.tickerid, "${tf}", close), "off")
plot(request.security(syminfo.tickerid, "${tf}", close, gaps = barmerge.gaps_on), "offGaps")
plot(request.security(syminfo.tickerid, "${tf}", close, lookahead = barmerge.lookahead_on), "on")
plot(request.security(syminfo.tickerid, "${tf}", close, barmerge.gaps_on, barmerge.lookahead_on), "onGaps")
plot(request.security(syminfo.tickerid, "${tf}", close[1], lookahead = barmerge.lookahead_on), "prevOn")
`;

describe('request.security through compile + run: SPY 1h → 1D / 1W, every chart bar', () => {
  it('1D close under lookahead on/off × gaps on/off and the close[1] + lookahead_on idiom', () => {
    const r = runScript(MERGE_PLOTS('D'));
    const e = expected((i) => dates[i]!, (_a, b) => chart.close[b]!, true);
    for (const k of ['off', 'offGaps', 'on', 'onGaps', 'prevOn'] as const) expect(mismatches(r, k, e[k]), k).toEqual([]);
    // The idiom never shows the forming day: it equals lookahead_off except on each day's last bar.
    expect(e.prevOn.some((v, i) => !Object.is(v, e.off[i]))).toBe(true);
  });

  it('1W close: Monday-anchored weeks, the unfinished last week never confirmed', () => {
    const r = runScript(MERGE_PLOTS('W'));
    const e = expected((i) => mondayOf(dates[i]!), (_a, b) => chart.close[b]!, false);
    for (const k of ['off', 'offGaps', 'on', 'onGaps', 'prevOn'] as const) expect(mismatches(r, k, e[k]), k).toEqual([]);
  });

  it('evaluates script variables, user functions with ta.* state and tuples in the requested context', () => {
    const r = runScript(`
rng = high - low
avg3(x) => ta.sma(x, 3)
[h, l] = request.security(syminfo.tickerid, "D", [high, low])
plot(request.security(syminfo.tickerid, "D", rng), "rng")
plot(request.security(syminfo.tickerid, "D", avg3(close)), "sma")
plot(h, "h")
plot(l, "l")
`);
    const byDay = (i: number) => dates[i]!;
    const hi = (a: number, b: number) => Math.max(...chart.high.slice(a, b + 1));
    const lo = (a: number, b: number) => Math.min(...chart.low.slice(a, b + 1));
    expect(mismatches(r, 'rng', expected(byDay, (a, b) => hi(a, b) - lo(a, b), true).off)).toEqual([]);
    expect(mismatches(r, 'h', expected(byDay, hi, true).off)).toEqual([]);
    expect(mismatches(r, 'l', expected(byDay, lo, true).off)).toEqual([]);
    const closes: number[] = [];
    const sma = expected(byDay, (_a, b) => {
      closes.push(chart.close[b]!);
      return closes.length < 3 ? NaN : (closes[closes.length - 1]! + closes[closes.length - 2]! + closes[closes.length - 3]!) / 3;
    }, true);
    expect(mismatches(r, 'sma', sma.off)).toEqual([]);
  });

  it('timeframe.* and syminfo.* reflect the requested context; timeframe.main_period stays the chart', () => {
    const r = runScript(`
plot(request.security(syminfo.tickerid, "W", timeframe.isweekly ? 1 : 0, lookahead = barmerge.lookahead_on), "weekly")
plot(request.security(syminfo.tickerid, "W", timeframe.main_period == "60" ? 1 : 0, lookahead = barmerge.lookahead_on), "main")
plot(request.security(syminfo.tickerid, "D", bar_index, lookahead = barmerge.lookahead_on), "dayIndex")
plot(timeframe.isweekly ? 1 : 0, "chartWeekly")
`);
    const ones = new Float64Array(n).fill(1);
    expect(mismatches(r, 'weekly', ones)).toEqual([]);
    expect(mismatches(r, 'main', ones)).toEqual([]);
    expect(mismatches(r, 'chartWeekly', new Float64Array(n))).toEqual([]);
    const { group } = groupBy(n, (i) => dates[i]!);
    expect(mismatches(r, 'dayIndex', Float64Array.from(group))).toEqual([]);
  });

  it('calls inside user functions and loops; a symbol without data is a runtime error naming it', () => {
    const r = runScript(`
dclose(tf) => request.security(syminfo.tickerid, tf, close)
float s = 0.0
for tf in array.from("D", "W")
    s += request.security(syminfo.tickerid, tf, close, lookahead = barmerge.lookahead_on)
plot(dclose("D"), "fn")
plot(s, "loop")
`);
    const day = expected((i) => dates[i]!, (_a, b) => chart.close[b]!, true);
    const week = expected((i) => mondayOf(dates[i]!), (_a, b) => chart.close[b]!, false);
    expect(mismatches(r, 'fn', day.off)).toEqual([]);
    expect(mismatches(r, 'loop', day.on.map((v, i) => v + week.on[i]!))).toEqual([]);
    expect(() => runScript('plot(request.security("NASDAQ:AAPL", "D", close))')).toThrow(/no data for symbol "NASDAQ:AAPL" on timeframe "1?D"/);
  });

  it('a context runs only what the expression depends on: unrelated failing code does not run there', () => {
    const r = runScript(`
if timeframe.isdaily
    runtime.error("fails only in the daily context")
plot(request.security(syminfo.tickerid, "D", close), "d")
`);
    expect(mismatches(r, 'd', expected((i) => dates[i]!, (_a, b) => chart.close[b]!, true).off)).toEqual([]);
    expect(r.logs).toEqual([]);
  });

  it('code the expression depends on failing only inside a context stops that context (na, a warning log), not the chart', () => {
    const r = runScript(`
dailyClose() =>
    if timeframe.isdaily
        runtime.error("fails only in the daily context")
    close
plot(request.security(syminfo.tickerid, "D", dailyClose()), "d")
plot(request.security(ticker.new("BATS", "SPY", session.extended), "W", close), "w")
`);
    expect(r.plots.find((p) => p.title === 'd')!.values.every((v) => v !== v)).toBe(true);
    expect(r.logs.some((l) => l.level === 'warning' && l.message.includes('fails only in the daily context'))).toBe(true);
    const week = expected((i) => mondayOf(dates[i]!), (_a, b) => chart.close[b]!, false);
    expect(mismatches(r, 'w', week.off)).toEqual([]);
  });
});
