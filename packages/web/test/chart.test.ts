import { describe, expect, it } from 'vitest';
import type { BarsPage, Trade } from '../src/api/types.js';
import { axisTimes, candles, newestBars, isNearPrice, linePoints, tradeMarkers, tradePriceRange, volumes } from '../src/chart/convert.js';
import { AttachPolicy } from '../src/chart/attach-policy.js';
import { cssColor, withAlpha } from '../src/chart/pine-color.js';
import { loadLatestFirst, PrependBuffer, type LoadedBars } from '../src/chart/progressive-bars.js';
import { clockFor, zoneClock } from '../src/chart/time-zone.js';

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

  it('takes the newest bars as views', () => {
    const b = { time: new Float64Array([1, 2, 3]), open: [1, 2, 3], high: [1, 2, 3], low: [1, 2, 3], close: [1, 2, 3], volume: [null, 5, 6] };
    const t = newestBars(b, 2);
    expect(Array.from(t.time)).toEqual([2, 3]);
    expect(Array.from(t.volume)).toEqual([5, 6]);
    expect(newestBars(b, 5)).toBe(b);
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

/** Backward page of bars [start, start + n) in minutes; prev = the next older page's `before`. */
function backPage(start: number, n: number, prev: number | null): BarsPage {
  return { ...page(start, n, null), prevCursor: prev };
}

describe('progressive bar loading (latest first)', () => {
  it('prepends pages in front of the loaded bars', () => {
    const buf = new PrependBuffer();
    buf.prepend(page(2000, 3, null));
    buf.prepend(page(0, 2000, null));
    const v = buf.view();
    expect(v.length).toBe(2003);
    expect(v.time[0]).toBe(0);
    expect(v.time[2002]).toBe(2002 * 60_000);
    expect(Number.isNaN(v.volume[1]!)).toBe(true);
    expect(v.volume[2000]).toBe(10);
  });

  it('loads 1,000,000 bars from the end: a small first page, then 50,000-bar pages', async () => {
    const TOTAL = 1_000_000;
    const requests: [number | null, number][] = [];
    const seen: [number, number, boolean][] = [];
    const all = await loadLatestFirst({
      fetchPage: async (before, limit) => {
        requests.push([before, limit]);
        const end = before === null ? TOTAL : before / 60_000;
        const start = Math.max(0, end - limit);
        return backPage(start, end - start, start > 0 ? start * 60_000 : null);
      },
      onData: (b: LoadedBars, done: boolean) => seen.push([b.length, b.time[0]!, done]),
    });
    expect(all.length).toBe(TOTAL);
    expect(requests[0]).toEqual([null, 2_000]);
    expect(requests[1]).toEqual([(TOTAL - 2_000) * 60_000, 50_000]);
    expect(requests).toHaveLength(21);
    expect(seen[0]).toEqual([2_000, (TOTAL - 2_000) * 60_000, false]);
    expect(seen.at(-1)).toEqual([TOTAL, 0, true]);
    // Every bar in order, oldest first.
    let ordered = true;
    for (let i = 1; i < all.length; i++) if (all.time[i]! - all.time[i - 1]! !== 60_000) ordered = false;
    expect(ordered).toBe(true);
  });

  it('stops when aborted', async () => {
    const signal = { aborted: false };
    let calls = 0;
    await loadLatestFirst({
      fetchPage: async (before) => {
        calls++;
        if (calls === 2) signal.aborted = true;
        const end = before === null ? 1000 : before / 60_000;
        return backPage(end - 10, 10, (end - 10) * 60_000);
      },
      onData: () => undefined,
      signal,
    });
    expect(calls).toBe(2);
  });

  it('attaches the first page, history in doubling chunks on scrolls to the oldest bar, and everything at the end', () => {
    const p = new AttachPolicy();
    const attachedAt: number[] = [];
    const step = (loaded: number, done = false, edge = false): void => {
      const n = p.target(loaded, done, edge);
      if (n) {
        p.attached = n;
        attachedAt.push(n);
      }
    };
    for (let n = 2_000; n < 1_000_000; n += 50_000) step(n);
    step(1_000_000, true);
    expect(attachedAt).toEqual([2_000, 1_000_000]);
    p.reset();
    step(2_000);
    step(502_000, false, true);
    step(502_000, false, true);
    step(502_000, false, true);
    expect(attachedAt.slice(2)).toEqual([2_000, 52_000, 104_000, 208_000]);
    expect(p.target(502_000, false, false)).toBe(0);
  });
});

describe('axis time zone', () => {
  const nyOffsetHours = (ms: number): number => (zoneClock('America/New_York')(ms) * 1000 - ms) / 3_600_000;

  it('shifts times into the exchange zone, following daylight saving', () => {
    expect(nyOffsetHours(Date.UTC(2024, 0, 15, 15))).toBe(-5);
    expect(nyOffsetHours(Date.UTC(2024, 6, 15, 15))).toBe(-4);
    // Around the spring-forward instant (2024-03-10 07:00 UTC) the hour cache must not blur it.
    expect(nyOffsetHours(Date.UTC(2024, 2, 10, 6, 59))).toBe(-5);
    expect(nyOffsetHours(Date.UTC(2024, 2, 10, 7, 0))).toBe(-4);
    expect(zoneClock('Asia/Kolkata')(Date.UTC(2024, 0, 1))).toBe(Date.UTC(2024, 0, 1, 5, 30) / 1000);
    expect(clockFor('utc', 'America/New_York')(Date.UTC(2024, 0, 1, 12))).toBe(Date.UTC(2024, 0, 1, 12) / 1000);
    expect(zoneClock('Not/AZone')(60_000)).toBe(60);
  });

  it('keeps axis times strictly increasing through the fall-back hour', () => {
    // 2024-11-03: 01:30 EDT (05:30 UTC) and 01:30 EST (06:30 UTC) are the same wall-clock time.
    const t = [Date.UTC(2024, 10, 3, 5, 0), Date.UTC(2024, 10, 3, 5, 30), Date.UTC(2024, 10, 3, 6, 0), Date.UTC(2024, 10, 3, 6, 30), Date.UTC(2024, 10, 3, 7, 0)];
    const a = axisTimes(t, zoneClock('America/New_York'));
    for (let i = 1; i < a.length; i++) expect(a[i]!).toBeGreaterThan(a[i - 1]!);
    expect(a[0]).toBe(Date.UTC(2024, 10, 3, 1, 0) / 1000);
    expect(a[4]).toBe(Date.UTC(2024, 10, 3, 2, 0) / 1000);
  });
});

describe('Pine colours', () => {
  it('turns 0xRRGGBBAA into CSS and scales alpha', () => {
    expect(cssColor(0xff000080, '#000')).toBe('rgba(255,0,0,0.502)');
    expect(cssColor(null, '#123456')).toBe('#123456');
    expect(cssColor(NaN, '#123456')).toBe('#123456');
    expect(withAlpha(0x2962ffff, 0.5, '#000')).toBe('rgba(41,98,255,0.502)');
  });
});
