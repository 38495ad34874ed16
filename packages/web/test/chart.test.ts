import { describe, expect, it } from 'vitest';
import type { BarsPage, Trade } from '../src/api/types.js';
import { candles, isNearPrice, linePoints, tradeMarkers, tradePriceRange, volumes } from '../src/chart/convert.js';
import { BarAccumulator, loadProgressively, type LoadedBars } from '../src/chart/progressive-bars.js';

const t = (id: number, over: Partial<Trade> = {}): Trade => ({
  id, direction: 'long', entryTime: 1_700_000_000_000 + id * 60_000, entryPrice: 100 + id, entrySignal: 'Buy', exitTime: 1_700_000_030_000 + id * 60_000, exitPrice: 105 + id,
  exitSignal: 'Sell', qty: 1, profit: 5, profitPercent: 5, runUp: 6, runUpPercent: 6, drawdown: 1, drawdownPercent: 1, cumulativeProfit: 5 * id, cumulativeProfitPercent: id,
  ...over,
});

function page(start: number, n: number, next: number | null): BarsPage {
  const time = Array.from({ length: n }, (_, i) => (start + i) * 60_000);
  return { symbol: 'X', timeframe: '1', time, open: time.map(() => 1), high: time.map(() => 2), low: time.map(() => 0.5), close: time.map(() => 1.5), volume: time.map((_, i) => (i % 2 ? null : 10)), nextCursor: next };
}

describe('chart data conversion', () => {
  it('converts bars to seconds and colours volume by direction', () => {
    const b = { time: [60_000, 120_000], open: [1, 2], high: [2, 3], low: [0, 1], close: [1.5, 1], volume: [5, null] };
    expect(candles(b)).toEqual([{ time: 60, open: 1, high: 2, low: 0, close: 1.5 }, { time: 120, open: 2, high: 3, low: 1, close: 1 }]);
    const v = volumes(b);
    expect(v[0]).toMatchObject({ time: 60, value: 5, color: 'rgba(38,166,154,0.45)' });
    expect(v[1]).toMatchObject({ time: 120, value: 0, color: 'rgba(239,83,80,0.45)' });
  });

  it('turns na into whitespace and merges equal seconds', () => {
    expect(linePoints([{ time: 1000, value: 1 }, { time: 2000, value: null }, { time: 2500, value: 3 }, { time: 3000, value: NaN }])).toEqual([
      { time: 1, value: 1 }, { time: 2, value: 3 }, { time: 3 },
    ]);
  });

  it('places entry and exit markers at fill prices', () => {
    const m = tradeMarkers([t(1), t(2, { direction: 'short', exitSignal: 'Open' })]);
    expect(m).toHaveLength(3);
    expect(m[0]).toMatchObject({ position: 'atPriceBottom', price: 101, shape: 'arrowUp', text: 'Buy' });
    expect(m[1]).toMatchObject({ position: 'atPriceTop', price: 106, shape: 'arrowDown', text: 'Sell' });
    expect(m[2]).toMatchObject({ position: 'atPriceTop', price: 102, shape: 'arrowDown' });
    const crowded = tradeMarkers(Array.from({ length: 100 }, (_, i) => t(i + 1)));
    expect(crowded.every((x) => x.text === '')).toBe(true);
  });

  it('decides which plots belong on the price pane', () => {
    const range = tradePriceRange([t(1), t(50)]);
    expect(range).toEqual([101, 155]);
    const series = (v: number) => [{ time: 0, value: v }, { time: 1, value: v }, { time: 2, value: null }];
    expect(isNearPrice(series(120), range!)).toBe(true);
    expect(isNearPrice(series(0.5), range!)).toBe(false);
    expect(isNearPrice(series(60), range!)).toBe(false);
    expect(tradePriceRange([])).toBeNull();
  });
});

describe('progressive bar loading', () => {
  it('accumulates pages into growing columns', () => {
    const acc = new BarAccumulator();
    acc.append(page(0, 3, 3));
    acc.append(page(3, 2000, null));
    const v = acc.view();
    expect(v.length).toBe(2003);
    expect(v.time[2002]).toBe(2002 * 60_000);
    expect(Number.isNaN(v.volume[1]!)).toBe(true);
  });

  it('loads 1,000,000 bars in pages, redrawing only when the count has grown fourfold', async () => {
    const PAGE = 50_000;
    const TOTAL = 1_000_000;
    const cursors: (number | null)[] = [];
    const draws: [number, boolean][] = [];
    const all = await loadProgressively({
      fetchPage: async (cursor) => {
        cursors.push(cursor);
        const start = cursor ?? 0;
        const n = Math.min(PAGE, TOTAL - start);
        return page(start, n, start + n < TOTAL ? start + n : null);
      },
      onData: (b: LoadedBars, done) => draws.push([b.length, done]),
    });
    expect(all.length).toBe(TOTAL);
    expect(cursors).toHaveLength(20);
    expect(draws[0]).toEqual([PAGE, false]);
    expect(draws.map((d) => d[0])).toEqual([50_000, 200_000, 800_000, 1_000_000]);
    expect(draws[draws.length - 1]![1]).toBe(true);
  });

  it('stops when aborted', async () => {
    const signal = { aborted: false };
    let calls = 0;
    await loadProgressively({
      fetchPage: async (cursor) => {
        calls++;
        if (calls === 2) signal.aborted = true;
        return page(cursor ?? 0, 10, (cursor ?? 0) + 10);
      },
      onData: () => undefined,
      signal,
    });
    expect(calls).toBe(2);
  });
});
