// ticker.* identifiers, request.* feeds PineBack has no data for (na + compile warning), footprint
// methods, lenient session strings, and the library-import message — the gaps the corpus runtime
// survey (test/corpus/indicators-run.test.ts) found.
import { describe, expect, it } from 'vitest';
import { compile, run } from '../../src/api.js';
import { barColumnsFromRows } from '../../src/core/bars.js';
import { defaultSymbolInfo } from '../../src/core/symbol.js';
import { decodeTickerId, encodeTickerId } from '../../src/stdlib/ticker.js';

const bars = (n: number) =>
  barColumnsFromRows(Array.from({ length: n }, (_, i) => ({ time: Date.UTC(2024, 0, 2, 15) + i * 3_600_000, open: 10 + i, high: 11 + i, low: 9 + i, close: 10.5 + i, volume: 100 })));
const syminfo = defaultSymbolInfo({ prefix: 'AMEX', ticker: 'SPY', timezone: 'America/New_York' });

function exec(src: string, n = 3) {
  const c = compile(src);
  if (!c.ok || !c.program) throw new Error(c.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`).join('\n'));
  return { compiled: c, result: run(c.program, bars(n), { syminfo }) };
}
const logs = (src: string, n = 1) => exec(src, n).result.logs.map((l) => l.message);
const V6 = '//@version=6\nindicator("t")\n';

describe('ticker.*', () => {
  it('builds plain ids without modifiers and "=" + JSON ids with them', () => {
    const src =
      V6 +
      'log.info(ticker.new("NASDAQ", "AAPL"))\n' +
      'log.info(ticker.new("NASDAQ", "AAPL", session.regular))\n' +
      'log.info(ticker.new("NASDAQ", "AAPL", session.extended, adjustment.dividends))\n' +
      'log.info(ticker.standard())\n' +
      'log.info(ticker.standard(ticker.modify(syminfo.tickerid, session.extended)))\n' +
      'log.info(ticker.heikinashi("BATS:SPY"))\n' +
      'log.info(ticker.inherit(ticker.modify("A:B", session.extended), "C:D"))\n';
    expect(logs(src)).toEqual([
      'NASDAQ:AAPL',
      'NASDAQ:AAPL',
      '={"symbol":"NASDAQ:AAPL","session":"extended","adjustment":"dividends"}',
      'AMEX:SPY',
      'AMEX:SPY',
      '={"symbol":"BATS:SPY","type":"heikinashi","inputs":{}}',
      '={"symbol":"C:D","session":"extended"}',
    ]);
  });

  it('round-trips ids through decode/encode and treats foreign text as a symbol', () => {
    const id = encodeTickerId({ symbol: 'X:Y', session: 'extended', type: 'renko', inputs: { param: 2 } });
    expect(decodeTickerId(id)).toEqual({ symbol: 'X:Y', session: 'extended', type: 'renko', inputs: { param: 2 } });
    expect(decodeTickerId('=not json')).toEqual({ symbol: '=not json' });
    expect(decodeTickerId('NYSE:IBM')).toEqual({ symbol: 'NYSE:IBM' });
  });
});

describe('request.* feeds without a data source', () => {
  it('return na on every bar and carry a compile warning at the call', () => {
    const src =
      V6 +
      'e = request.earnings(syminfo.tickerid, earnings.actual, ignore_invalid_symbol = true)\n' +
      'f = request.financial(syminfo.tickerid, "TOTAL_REVENUE", "FQ")\n' +
      'x = request.economic("US", "GDP")\n' +
      'd = request.dividends(syminfo.tickerid)\n' +
      's = request.splits(syminfo.tickerid, splits.numerator)\n' +
      'plot(e + f + x + d + s, "all")\n' +
      'plot(request.currency_rate("USD", "USD"), "same")\n' +
      'plot(request.currency_rate("USD", "EUR"), "other")\n';
    const { compiled, result } = exec(src);
    const warnings = compiled.diagnostics.filter((d) => d.severity === 'warning');
    expect(warnings.map((w) => w.line)).toEqual([3, 4, 5, 6, 7, 9, 10]);
    expect(warnings[0]!.message).toContain('request.earnings');
    const plot = (t: string) => Array.from(result.plots.find((p) => p.title === t)!.values);
    expect(plot('all').every((v) => Number.isNaN(v))).toBe(true);
    expect(plot('same')).toEqual([1, 1, 1]);
    expect(plot('other').every((v) => Number.isNaN(v))).toBe(true);
  });

  it('request.footprint is na, so a script guarding with na() runs; a method on it is a runtime error', () => {
    const guarded = V6 + 'fp = request.footprint(10)\nfloat d = na\nif not na(fp)\n    d := fp.delta()\nplot(d, "d")\n';
    expect(Array.from(exec(guarded).result.plots[0]!.values).every((v) => Number.isNaN(v))).toBe(true);
    const unguarded = V6 + 'fp = request.footprint(10)\nplot(fp.delta(), "d")\n';
    expect(() => exec(unguarded)).toThrow(/footprint\.delta.*na/);
  });
});

describe('bid / ask', () => {
  it('are na on historical bars', () => {
    const { result } = exec(V6 + 'plot(bid, "b")\nplot(ask, "a")\n');
    expect(result.plots.every((p) => Array.from(p.values).every((v) => Number.isNaN(v)))).toBe(true);
  });
});

describe('session strings without a time range', () => {
  it('mean the symbol session (session.regular, or a time zone passed by mistake) instead of failing', () => {
    const src = V6 + 'plot(time(timeframe.period, session.regular), "a")\nplot(time("D", "America/New_York"), "b")\nplot(time(timeframe.period, "0000-0000"), "c")\n';
    const { result } = exec(src);
    const a = Array.from(result.plots.find((p) => p.title === 'a')!.values);
    expect(a).toEqual(Array.from(bars(3).time));
    expect(Array.from(result.plots.find((p) => p.title === 'b')!.values).every((v) => Number.isFinite(v))).toBe(true);
  });
});

describe('methods on a value of unknown type', () => {
  it('dispatch to the drawing namespace at run time (a function parameter holding lines or labels)', () => {
    const src =
      V6 +
      'var lines = array.new_line()\nvar labels = array.new_label()\n' +
      'trim(a) =>\n    if a.size() > 2\n        a.pop().delete()\n' +
      'lines.unshift(line.new(bar_index, close, bar_index + 1, close))\nlabels.unshift(label.new(bar_index, close, "x"))\n' +
      'trim(lines)\ntrim(labels)\n';
    const { result } = exec(src, 6);
    expect(result.drawings.line.map((d) => d.bar)).toEqual([4, 5]);
    expect(result.drawings.label.map((d) => d.bar)).toEqual([4, 5]);
  });
});

describe('library imports', () => {
  it('fail to compile with a message naming the library', () => {
    const c = compile('//@version=6\nindicator("t")\nimport TradingView/ta/9 as tv\nplot(close)\n');
    expect(c.ok).toBe(false);
    const e = c.diagnostics.find((d) => d.severity === 'error')!;
    expect(e.message).toMatch(/^Library 'TradingView\/ta\/9' is not available: /);
    expect(e.line).toBe(3);
  });
});
