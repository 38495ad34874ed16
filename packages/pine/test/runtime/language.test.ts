// More language semantics through compile() + run(): collections, iteration, strings, var in blocks,
// v5 evaluation rules, history of objects.
import { describe, expect, it } from 'vitest';
import { compile, run } from '../../src/api.js';
import { barColumnsFromRows } from '../../src/core/bars.js';

const bars = (n: number) =>
  barColumnsFromRows(Array.from({ length: n }, (_, i) => ({ time: Date.UTC(2024, 0, 1) + i * 60_000, open: i + 1, high: i + 2, low: i, close: i + 1, volume: 10 })));

function exec(src: string, n = 4) {
  const c = compile(src);
  if (!c.ok || !c.program) throw new Error(c.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`).join('\n'));
  return run(c.program, bars(n));
}
const logs = (src: string, n = 1) => exec(src, n).logs.map((l) => l.message);
const values = (src: string, title: string, n = 4) => Array.from(exec(src, n).plots.find((p) => p.title === title)!.values, (v) => (v !== v ? null : v));
const V6 = '//@version=6\nindicator("t")\n';

describe('language', () => {
  it('iterates arrays with for…in (item and [index, item]) and builds them with methods', () => {
    const src = V6 + 'a = array.new<float>()\na.push(1.5)\na.push(2.5)\nfloat s = 0\nfor x in a\n    s += x\nint idx = 0\nfor [i, x] in a\n    idx += i\nlog.info("{0} {1} {2}", s, idx, a.size())\n';
    expect(logs(src)).toEqual(['4 1 2']);
  });

  it('iterates maps in insertion order with for [k, v]', () => {
    const src = V6 + 'm = map.new<string, int>()\nm.put("b", 2)\nm.put("a", 1)\nstring keys = ""\nfor [k, v] in m\n    keys += k + str.tostring(v)\nlog.info(keys)\n';
    expect(logs(src)).toEqual(['b2a1']);
  });

  it('evaluates a switch without subject and string concatenation', () => {
    const src = V6 + 's = switch\n    close > 2 => "big"\n    close > 1 => "mid"\n    => "small"\nlog.info("v=" + s)\n';
    expect(logs(src, 3)).toEqual(['v=small', 'v=mid', 'v=big']);
  });

  it('initialises a var declared inside an if only the first time the block runs', () => {
    const src = V6 + 'int r = na\nif bar_index >= 2\n    var int first = bar_index\n    r := first\nplot(r, "r")\n';
    expect(values(src, 'r', 5)).toEqual([null, null, 2, 2, 2]);
  });

  it('keeps varip values and history of objects', () => {
    const src = V6 + 'type P\n    int n\nvarip int ticks = 0\nticks += 1\np = P.new(bar_index * 10)\nprev = p[1]\nplot(na(prev) ? na : prev.n, "prev")\nplot(ticks, "ticks")\n';
    expect(values(src, 'prev')).toEqual([null, 0, 10, 20]);
    expect(values(src, 'ticks')).toEqual([1, 2, 3, 4]);
  });

  it('evaluates both sides of and/or in v5 (a ta call on the right runs every bar)', () => {
    const v5 = '//@version=5\nindicator("t")\nc = false and ta.change(close) > 0\nplot(ta.change(close), "d")\n';
    expect(values(v5, 'd')).toEqual([null, 1, 1, 1]);
    const cnt = (v: number) => `//@version=${v}\nindicator("t")\nf() =>\n    var int n = 0\n    n += 1\n    n > 100\nx = false and f()\ny = bar_index >= 0 and f()\nplot(y ? 1 : 0, "y")\n`;
    expect(values(cnt(5), 'y')).toEqual([0, 0, 0, 0]);
    expect(values(cnt(6), 'y')).toEqual([0, 0, 0, 0]);
  });

  it('honours max_bars_back for dynamic history offsets', () => {
    const src = V6 + 'x = close\nk = bar_index\nplot(x[k], "first")\n';
    expect(values(src, 'first')).toEqual([1, 1, 1, 1]);
    const c = compile('//@version=6\nindicator("t", max_bars_back = 2)\nx = close\nplot(x[bar_index], "v")\n');
    expect(() => run(c.program!, bars(10))).toThrow(/max_bars_back/);
  });

  it('applies nz() to strings and colors keeps numbers', () => {
    const src = V6 + 'string s = na\nlog.info(nz(s, "dflt"))\ncolor c = color.new(color.red, 50)\nlog.info(str.tostring(color.t(c)))\n';
    expect(logs(src)).toEqual(['dflt', '50']);
  });
});

describe('request.security', () => {
  // 15-minute bars; close = bar index + 1. Hour buckets hold bars 0-3, 4-7, …
  const q = barColumnsFromRows(Array.from({ length: 12 }, (_, i) => ({ time: Date.UTC(2024, 0, 1) + i * 900_000, open: i + 1, high: i + 1, low: i + 1, close: i + 1, volume: 1 })));
  const runOn = (src: string) => {
    const c = compile(src);
    if (!c.ok) throw new Error(c.diagnostics.map((d) => d.message).join('\n'));
    return Array.from(run(c.program!, q).plots[0]!.values, (v) => (v !== v ? null : v));
  };
  it('shows a higher-timeframe bar on the chart bar that completes it (lookahead off)', () => {
    expect(runOn('//@version=6\nindicator("t")\nplot(request.security(syminfo.tickerid, "60", close))\n')).toEqual([null, null, null, 4, 4, 4, 4, 8, 8, 8, 8, 12]);
  });
  it('shows the forming higher-timeframe bar with lookahead on, gaps as na with gaps_on', () => {
    expect(runOn('//@version=6\nindicator("t")\nplot(request.security(syminfo.tickerid, "60", close, lookahead = barmerge.lookahead_on))\n')).toEqual([4, 4, 4, 4, 8, 8, 8, 8, 12, 12, 12, 12]);
    expect(runOn('//@version=6\nindicator("t")\nplot(request.security(syminfo.tickerid, "60", close, gaps = barmerge.gaps_on))\n')).toEqual([null, null, null, 4, null, null, null, 8, null, null, null, 12]);
  });
  it('runs ta.* in the requested context with its own state and accepts inputs', () => {
    expect(runOn('//@version=6\nindicator("t")\nlen = input.int(2, "Len")\nplot(request.security("", "60", ta.sma(close, len)))\n')).toEqual([null, null, null, null, null, null, null, 6, 6, 6, 6, 10]);
  });
});
