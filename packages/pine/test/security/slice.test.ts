// Dependency slicing of request.security context runs: which top-level statements a slot's context run
// keeps (codegen/security-slice.ts), and that running only those gives exactly the results of running
// the whole script in every context (the program without its slicing data).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, run, type CompiledProgram, type RunResult } from '../../src/api.js';
import { barAt, barColumnsFromRows } from '../../src/core/bars.js';
import { csvBars, loadSyminfo, MARKET_DIR, nyDate } from './helpers.js';

const all = csvBars(join(MARKET_DIR, 'spy_1h_1998-2021_lean.csv'));
// 3,000 hourly bars (about 15 months): enough days and weeks for every merge path, quick to run.
const chart = barColumnsFromRows(Array.from({ length: 3000 }, (_, i) => barAt(all, i)));
const syminfo = { ...loadSyminfo('advance_decline_ratio.toml'), period: '60' };

function program(body: string): CompiledProgram {
  const c = compile(`//@version=6\nindicator("t")\n${body}`);
  if (!c.ok) throw new Error(c.diagnostics.map((d) => d.message).join('\n'));
  return c.program!;
}

/** The top-level statements (0 = the indicator() line) each slot's context run executes. */
function slices(body: string): (number[] | null)[] {
  return program(body).security!.slices;
}

function runBoth(body: string): { sliced: RunResult; whole: RunResult } {
  const p = program(body);
  const { security: _, ...whole } = p;
  const opts = { syminfo, timeframe: '60' };
  return { sliced: run(p, chart, opts), whole: run(whole, chart, opts) };
}

function plotValues(r: RunResult): number[][] {
  return r.plots.map((p) => Array.from(p.values));
}

describe('request.security dependency slicing', () => {
  it('keeps the statements the expression reads and every later writer of them; drops outputs and other requests', () => {
    const s = slices(`
len = input.int(14)
var float acc = 0.0
r = ta.rsi(close, len)
unrelated = ta.sma(close, 50)
d = request.security(syminfo.tickerid, "D", r + acc)
w = request.security(syminfo.tickerid, "W", unrelated)
acc += 1
plot(d)
plot(w)
if barstate.islast
    label.new(bar_index, high, str.tostring(d))`);
    // statements: 1 len, 2 acc, 3 r, 4 unrelated, 5 d, 6 w, 7 acc += 1, 8 plot, 9 plot, 10 if
    expect(s).toEqual([
      [1, 2, 3, 5, 7],
      [4, 6],
    ]);
  });

  it('keeps mutations through methods, aliases, user functions and object fields', () => {
    const s = slices(`
type Box
    float v
var arr = array.new<float>()
alias = arr
other = array.new<float>()
var b = Box.new(0.0)
grow(a) =>
    a.push(close)
bump(Box x) =>
    x.v += 1
alias.push(close)
grow(arr)
bump(b)
other.push(1)
v = request.security(syminfo.tickerid, "D", arr.size() + b.v)`);
    // statements: 1 type, 2 arr, 3 alias, 4 other, 5 b, 6 grow, 7 bump, 8 alias.push, 9 grow(arr), 10 bump(b), 11 other.push, 12 v
    expect(s).toEqual([[1, 2, 3, 5, 6, 7, 8, 9, 10, 12]]);
  });

  it('keeps every strategy order for an expression reading strategy state, and drawings for a getter of all drawings', () => {
    const c = compile(`//@version=6
strategy("t")
if close > open
    strategy.entry("L", strategy.long)
label.new(bar_index, high)
p = request.security(syminfo.tickerid, "D", strategy.position_size)
n = request.security(syminfo.tickerid, "D", label.all.size())`);
    expect(c.program!.security!.slices).toEqual([
      [1, 3],
      [2, 4],
    ]);
  });

  it('a call inside a method body cannot be sliced: its context runs the whole script', () => {
    const s = slices(`
type P
    string sym
method fetch(P this) =>
    request.security(this.sym, "D", close)
plot(P.new(syminfo.tickerid).fetch())`);
    expect(s).toEqual([null]);
  });

  it('sliced context runs give the same results as whole-script runs', () => {
    const scripts = [
      // state carried across bars by a later statement, and a var array mutated through an alias
      `var float acc = 0.0
var arr = array.new<float>()
alias = arr
d = request.security(syminfo.tickerid, "D", acc + arr.size() + ta.sma(close, 3))
acc += close > open ? 1 : -1
alias.push(close)
if arr.size() > 5
    arr.shift()
plot(d)`,
      // tuples (every element), gaps/lookahead modes and two calls sharing a context
      `[h, l] = request.security(syminfo.tickerid, "W", [ta.highest(high, 2), ta.lowest(low, 2)], lookahead = barmerge.lookahead_on)
c = request.security(syminfo.tickerid, "W", close, gaps = barmerge.gaps_on)
plot(h)
plot(l)
plot(c)`,
      // a dynamic timeframe
      `tf = bar_index % 2 == 0 ? "D" : "W"
plot(request.security(syminfo.tickerid, tf, ta.ema(close, 5)))`,
      // request.security_lower_tf-free user function holding the request (expanded per call site)
      `f(tf, len) => request.security(syminfo.tickerid, tf, ta.rsi(close, len))
plot(f("D", 14))
plot(f("W", 7))`,
    ];
    for (const body of scripts) {
      const { sliced, whole } = runBoth(body);
      expect(plotValues(sliced), body).toEqual(plotValues(whole));
      expect(sliced.logs, body).toEqual(whole.logs);
    }
  });

  it('a request the expression depends on is served in the context (whole-script runs read na there through a cycle)', () => {
    const p = program(`
inner = request.security(syminfo.tickerid, "W", close)
outer = request.security(syminfo.tickerid, "D", inner - close)
plot(outer)
plot(request.security(syminfo.tickerid, "D", request.security(syminfo.tickerid, "W", close)) - request.security(syminfo.tickerid, "D", close))`);
    const r = run(p, chart, { syminfo, timeframe: '60' });
    const [outer, direct] = plotValues(r);
    expect(outer!.filter((v) => v === v).length).toBeGreaterThan(2500);
    expect(outer).toEqual(direct);
  });

  it('calc_bars_count: the expression is calculated on the last N context bars only', () => {
    const r = run(
      program(`
plot(request.security(syminfo.tickerid, "D", bar_index, calc_bars_count = 100), "n")
plot(request.security(syminfo.tickerid, "D", bar_index), "all")
plot(request.security(syminfo.tickerid, "D", ta.sma(close, 3), calc_bars_count = 100) - request.security(syminfo.tickerid, "D", ta.sma(close, 3)), "smaDiff")`),
      chart,
      { syminfo, timeframe: '60' },
    );
    const [n, allDays, smaDiff] = plotValues(r);
    const first = new Set(Array.from(chart.time, nyDate)).size - 100; // daily bar where the last 100 start
    const want = allDays!.map((d) => (d >= first ? d - first : NaN));
    expect(n).toEqual(want);
    expect(want.filter((v) => v === v).length).toBeGreaterThan(500);
    // The SMA restarts on the first of those bars (na for two bars), then agrees with the full history.
    const defined = smaDiff!.map((v, i) => (v === v ? i : -1)).filter((i) => i >= 0);
    expect(allDays![defined[0]!]).toBe(first + 2);
    expect(defined.every((i) => Math.abs(smaDiff![i]!) < 1e-9)).toBe(true);
  });
});
