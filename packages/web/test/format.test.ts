import { describe, expect, it } from 'vitest';
import type { MetricRow, SeriesPoint, Trade } from '../src/api/types.js';
import { drawdownEpisodes, longestDrawdowns, underwater } from '../src/format/drawdowns.js';
import { heatColor, heatmapGrid } from '../src/format/heatmap.js';
import { metricGrid, summaryRows } from '../src/format/metrics.js';
import { formatDuration, formatMetric, formatMoney, formatPercent, formatTime, signClass } from '../src/format/number.js';
import { isoWithOffset, sortTrades, tradesToCsv, tradesToJson, visibleWindow } from '../src/format/trades.js';

const day = 86_400_000;
const pts = (values: (number | null)[]): SeriesPoint[] => values.map((value, i) => ({ time: i * day, value }));

function trade(id: number, over: Partial<Trade> = {}): Trade {
  return {
    id, direction: 'long', entryTime: Date.UTC(2022, 0, 3, 14, 30), entryPrice: 100, entrySignal: 'L', exitTime: Date.UTC(2022, 0, 4, 14, 30), exitPrice: 110,
    exitSignal: 'X', qty: 2, profit: 20, profitPercent: 10, runUp: 25, runUpPercent: 12.5, drawdown: 3, drawdownPercent: 1.5, cumulativeProfit: 20 * id,
    cumulativeProfitPercent: 0.2 * id, ...over,
  };
}

describe('number formatting', () => {
  it('formats money, percent, metrics and missing values', () => {
    expect(formatMoney(1234.5)).toBe('1,234.50 USD');
    expect(formatMoney(-3, 'EUR')).toBe('-3.00 EUR');
    expect(formatPercent(12.345)).toBe('12.35%');
    expect(formatMoney(null)).toBe('—');
    expect(formatMoney(NaN)).toBe('—');
    expect(formatMetric(42.4, 'count')).toBe('42');
    expect(formatMetric(1.23456, 'ratio')).toBe('1.235');
    expect(formatMetric(5, 'percent')).toBe('5.00%');
    expect(signClass(2)).toBe('pos');
    expect(signClass(-2)).toBe('neg');
    expect(signClass(0)).toBe('');
  });

  it('formats times in a zone, dropping midnight', () => {
    expect(formatTime(Date.UTC(2024, 2, 1, 14, 30))).toBe('2024-03-01 14:30');
    expect(formatTime(Date.UTC(2024, 2, 1))).toBe('2024-03-01');
    expect(formatTime(Date.UTC(2024, 2, 1, 5), 'America/New_York')).toBe('2024-03-01');
    expect(formatDuration(3 * day)).toBe('3 d');
    expect(formatDuration(2 * 3_600_000)).toBe('2 h');
  });
});

describe('metrics', () => {
  it('builds the 16-metric grid with companion percentages', () => {
    const grid = metricGrid({ summary: { netProfit: 500, netProfitPercent: 5, profitFactor: 1.4 } });
    expect(grid).toHaveLength(16);
    expect(grid[0]).toEqual({ key: 'netProfit', label: 'Net profit', unit: 'currency', value: 500, percent: 5 });
    expect(grid.find((t) => t.key === 'profitFactor')).toMatchObject({ value: 1.4 });
    expect(grid.find((t) => t.key === 'sharpeRatio')).toMatchObject({ value: null });
  });

  it('orders Performance Summary rows like TradingView and attaches percentages', () => {
    const m = (key: string, all: number | null, long: number | null = null, short: number | null = null): MetricRow => ({ key, label: key, all, long, short });
    const rows = summaryRows([m('grossProfit', 10, 6, 4), m('netProfit', 5, 3, 2), m('netProfitPercent', 0.05, 0.03, 0.02), m('unknownThing', 1)]);
    expect(rows.map((r) => r.key)).toEqual(['netProfit', 'grossProfit']);
    expect(rows[0]).toMatchObject({ label: 'Net profit', long: 3, percent: { all: 0.05, long: 0.03, short: 0.02 } });
    expect(rows[1]!.percent).toBeNull();
  });
});

describe('drawdowns', () => {
  const equity = pts([100, 110, 105, 95, 112, 111, 112, 120, 90, 100]);

  it('finds episodes from peak to recovery', () => {
    const eps = drawdownEpisodes(equity);
    expect(eps).toHaveLength(3);
    expect(eps[0]).toMatchObject({ start: 1 * day, trough: 3 * day, end: 4 * day, depth: 15 });
    expect(eps[0]!.depthPercent).toBeCloseTo((15 / 110) * 100);
    expect(eps[2]).toMatchObject({ start: 7 * day, trough: 8 * day, end: null, depth: 30, durationMs: 2 * day });
  });

  it('ranks the longest first and computes the underwater curve', () => {
    const longest = longestDrawdowns(equity, 2);
    expect(longest.map((e) => e.durationMs)).toEqual([3 * day, 2 * day]);
    const uw = underwater(pts([100, 50, null, 100, 200]));
    expect(uw.map((p) => p.value)).toEqual([0, -50, null, 0, 0]);
  });
});

describe('trades', () => {
  const trades = [trade(1), trade(2, { profit: -5, direction: 'short', exitSignal: null, exitTime: null, exitPrice: null }), trade(3, { profit: 50 })];

  it('sorts by a column and keeps trade order on ties', () => {
    expect(sortTrades(trades, 'profit', 'desc').map((t) => t.id)).toEqual([3, 1, 2]);
    expect(sortTrades(trades, 'exitTime', 'asc').map((t) => t.id)).toEqual([2, 1, 3]);
  });

  it('windows 10,000 rows to the visible slice', () => {
    expect(visibleWindow(0, 420, 28, 10_000)).toEqual({ first: 0, last: 23 });
    const w = visibleWindow(28 * 5000, 420, 28, 10_000);
    expect(w).toEqual({ first: 4992, last: 5023 });
    expect(visibleWindow(28 * 9999, 420, 28, 10_000).last).toBe(10_000);
  });

  it('writes the TradingView List-of-trades CSV layout', () => {
    const csv = tradesToCsv(trades, 'USD', 'America/New_York').trim().split('\n');
    expect(csv[0]).toBe('Trade #,Type,Date/Time,Signal,Price USD,Position size (qty),Position size (value),Net P&L USD,Net P&L %,Run-up USD,Run-up %,Drawdown USD,Drawdown %,Cumulative P&L USD,Cumulative P&L %');
    expect(csv).toHaveLength(7);
    expect(csv[1]).toBe('1,Entry long,2022-01-03T09:30:00-0500,L,100,2,200,20,10,25,12.5,3,1.5,20,0.2');
    expect(csv[2]).toBe('1,Exit long,2022-01-04T09:30:00-0500,X,110,2,200,20,10,25,12.5,3,1.5,20,0.2');
    expect(csv[4]).toMatch(/^2,Exit short,2022-01-03T09:30:00-0500,Open,,/);
  });

  it('formats ISO times with the zone offset and quotes CSV cells', () => {
    expect(isoWithOffset(Date.UTC(2022, 6, 1, 12), 'America/New_York')).toBe('2022-07-01T08:00:00-0400');
    expect(isoWithOffset(Date.UTC(2022, 6, 1, 12), 'Asia/Kolkata')).toBe('2022-07-01T17:30:00+0530');
    expect(isoWithOffset(Date.UTC(2022, 6, 1, 12), 'UTC')).toBe('2022-07-01T12:00:00+0000');
    const csv = tradesToCsv([trade(1, { entrySignal: 'a,"b"' })], 'EUR');
    expect(csv).toContain('"a,""b"""');
    expect(csv.split('\n')[0]).toContain('Price EUR');
  });

  it('exports JSON with metadata', () => {
    const parsed = JSON.parse(tradesToJson(trades, { symbol: 'X', timeframe: 'D', currency: 'USD' })) as { symbol: string; trades: Trade[] };
    expect(parsed.symbol).toBe('X');
    expect(parsed.trades).toHaveLength(3);
  });
});

describe('optimisation heatmap', () => {
  const it0 = (a: number, b: number, score: number | null) => ({ idx: 0, window: 0, phase: 'full' as const, inputs: { a, b }, metrics: null, score, passed: true, error: null });

  it('keeps the best score per parameter pair, sorted axes', () => {
    const g = heatmapGrid([it0(2, 10, 1), it0(1, 10, 3), it0(2, 20, 5), it0(2, 10, 4), it0(1, 20, null)], 'a', 'b');
    expect(g.xs).toEqual([1, 2]);
    expect(g.ys).toEqual([10, 20]);
    expect(g.cells).toEqual([[3, 4], [null, 5]]);
    expect([g.min, g.max]).toEqual([1, 5]);
  });

  it('colours from red (worst) to green (best)', () => {
    expect(heatColor(0, 0, 10)).toBe('hsl(0, 65%, 72%)');
    expect(heatColor(10, 0, 10)).toBe('hsl(120, 65%, 72%)');
    expect(heatColor(null, 0, 10)).toBe('#f0f3fa');
  });
});
