// The capture/read bridge the executor uses, with non-numeric expression types, tuples (one slot per
// element), dynamic requests (the context chosen per bar) and the chart bars an HTF bar spans.
import { describe, expect, it } from 'vitest';
import { barColumnsFromRows } from '../../src/core/bars.js';
import { defaultSymbolInfo } from '../../src/core/symbol.js';
import { InMemoryDataProvider, SecurityEngine, SecurityStore } from '../../src/security/index.js';

// 24/7 UTC market: 3 days of 6-hourly chart bars; other symbol "X:B" with daily bars.
const H6 = 6 * 3_600_000;
const chart = barColumnsFromRows(Array.from({ length: 12 }, (_, i) => ({ time: Date.UTC(2024, 0, 1) + i * H6, open: i, high: i, low: i, close: i, volume: 1 })));
const other = barColumnsFromRows([0, 1, 2].map((d) => ({ time: Date.UTC(2024, 0, 1 + d), open: 100 + d, high: 100 + d, low: 100 + d, close: 100 + d, volume: 1 })));
const syminfo = defaultSymbolInfo({ prefix: 'X', ticker: 'A' });
const provider = new InMemoryDataProvider().add('X:B', 'D', { bars: other, syminfo: defaultSymbolInfo({ prefix: 'X', ticker: 'B' }) });

describe('SecurityStore', () => {
  const engine = new SecurityEngine({ bars: chart, syminfo, timeframe: '360' }, { provider });
  const store = new SecurityStore(engine);
  const ownDaily = engine.resolve('', 'D');
  const b = engine.resolve('X:B', 'D');

  // Context runs: slot 0 = [close, str.tostring(close)] as a tuple → slots 0 and 1; slot 2 = close > 100 (bool).
  for (const ctx of [ownDaily, b])
    for (let j = 0; j < ctx.bars.length; j++) {
      store.capture(0, ctx, j, ctx.bars.close[j], NaN);
      store.capture(1, ctx, j, String(ctx.bars.close[j]), null);
      store.capture(2, ctx, j, ctx.bars.close[j]! > 100, false);
    }

  it('reads mapped values of every type; na per type on gaps', () => {
    const read = (slot: number, i: number, gaps = false) => store.read(slot, b, i, { gaps });
    // Day 0 closes at 2024-01-02 00:00 = close of chart bar 3 (18:00 + 6h).
    expect([0, 1, 2, 3, 4].map((i) => read(0, i))).toEqual([NaN, NaN, NaN, 100, 100]);
    expect([3, 4, 7].map((i) => read(1, i))).toEqual(['100', '100', '101']);
    expect([3, 4, 7].map((i) => read(1, i, true))).toEqual(['100', null, '101']);
    expect([3, 7, 8, 11].map((i) => read(2, i))).toEqual([false, true, true, true]);
    expect(read(2, 8, true)).toBe(false);
    expect(store.read(0, ownDaily, 7)).toBe(7);
    expect(store.read(0, ownDaily, 4, { lookahead: true })).toBe(7);
    expect(store.has(0, b)).toBe(true);
    expect(store.has(5, b)).toBe(false);
    expect(() => store.read(5, b, 0)).toThrow(/slot 5/);
  });

  it('dynamic requests: the context is resolved per bar, each with its own captured run', () => {
    // request.security(bar_index % 2 == 0 ? "X:A" : "X:B", "D", close)
    const got = Array.from({ length: chart.length }, (_, i) => store.read(0, engine.resolve(i % 2 === 0 ? 'X:A' : 'X:B', 'D'), i));
    expect(got).toEqual([NaN, NaN, NaN, 100, 3, 100, 3, 101, 7, 101, 7, 102]);
  });

  it('request.security_lower_tf arrays are fresh copies', () => {
    const e = new SecurityEngine({ bars: other, syminfo: defaultSymbolInfo({ prefix: 'X', ticker: 'B' }), timeframe: 'D' }, { provider: new InMemoryDataProvider().add('X:A', '360', { bars: chart, syminfo }) });
    const s = new SecurityStore(e);
    const ltf = e.resolve('X:A', '360');
    for (let j = 0; j < chart.length; j++) s.capture(0, ltf, j, chart.close[j], NaN);
    const first = s.readIntrabars(0, ltf, 1);
    expect(first).toEqual([4, 5, 6, 7]);
    first.push(99);
    expect(s.readIntrabars(0, ltf, 1)).toEqual([4, 5, 6, 7]);
  });

  it('each HTF bar knows the chart bars it spans', () => {
    const spans = engine.hostBarsOf(ownDaily);
    expect(Array.from(spans.start)).toEqual([0, 4, 8]);
    expect(Array.from(spans.end)).toEqual([4, 8, 12]);
    expect(Array.from(ownDaily.closeTime)).toEqual([2, 3, 4].map((d) => Date.UTC(2024, 0, d)));
  });
});

describe('nested stores', () => {
  it('share captures, map onto their own host', () => {
    const engine = new SecurityEngine({ bars: chart, syminfo, timeframe: '360' }, { provider });
    const store = new SecurityStore(engine);
    const b = engine.resolve('X:B', 'D');
    const own = engine.resolve('', '720');
    for (let j = 0; j < b.bars.length; j++) store.capture(0, b, j, b.bars.close[j], NaN);
    // request.security("", "720", request.security("X:B", "D", close)): the inner request runs with
    // the 720 context as its host.
    const inner = store.nested(own);
    const onOwn = Array.from({ length: own.bars.length }, (_, j) => inner.read(0, b, j));
    // 12h bars close at 12:00 and 24:00; the daily values arrive on the bars closing at midnight.
    expect(onOwn).toEqual([NaN, 100, 100, 101, 101, 102]);
    expect(store.read(0, b, 11)).toBe(102);
  });
});
