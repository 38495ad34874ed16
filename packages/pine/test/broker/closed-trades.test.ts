// The columnar closed-trade store (broker/closed-trades.ts) must hand out exactly the trades the ledger
// closed, in order, with the fields (and their order) of the former one-object-per-trade list.
import { describe, expect, it } from 'vitest';
import { ClosedTradeStore, blankClosedTrade } from '../../src/broker/closed-trades.js';
import { createBroker, performanceSummary, tradeList, type BrokerBar } from '../../src/broker/index.js';
import { defaultSymbolInfo } from '../../src/core/symbol.js';

const FIELDS = [
  'serial', 'direction', 'entryId', 'entryComment', 'entryPrice', 'entryBar', 'entryTime', 'exitId', 'exitComment', 'exitPrice',
  'exitBar', 'exitTime', 'qty', 'commission', 'profit', 'profitPercent', 'cumulativeProfit', 'maxRunup', 'maxRunupPercent',
  'maxDrawdown', 'maxDrawdownPercent',
];

function fill(store: ClosedTradeStore, n: number): void {
  for (let i = 0; i < n; i++) {
    const k = store.append(i % 3 === 0 ? 'short' : 'long', `E${i % 4}`, i % 5 ? '' : 'c', 'X', '');
    for (const name of ['serial', 'entryPrice', 'entryBar', 'entryTime', 'exitPrice', 'exitBar', 'exitTime', 'qty', 'commission', 'profit',
      'profitPercent', 'cumulativeProfit', 'maxRunup', 'maxRunupPercent', 'maxDrawdown', 'maxDrawdownPercent'] as const) {
      store[name][k] = i * 1.5 + name.length + (name === 'profit' ? -0.25 * (i % 7) : 0);
    }
  }
}

describe('ClosedTradeStore', () => {
  it('grows past its capacity and reads back every row, as objects and into a reused object', () => {
    const s = new ClosedTradeStore(16);
    fill(s, 100);
    expect(s.length).toBe(100);
    const list = s.list();
    expect(list).toHaveLength(100);
    const scratch = blankClosedTrade();
    for (let i = 0; i < 100; i++) {
      expect(s.read(i, scratch)).toEqual(list[i]);
      expect(list[i]!.direction).toBe(i % 3 === 0 ? 'short' : 'long');
      expect(list[i]!.entryPrice).toBe(i * 1.5 + 'entryPrice'.length);
    }
    expect(Object.keys(list[0]!)).toEqual(FIELDS);
  });

  it('builds each object once and extends the list as trades close', () => {
    const s = new ClosedTradeStore(16);
    fill(s, 10);
    const first = s.list();
    const t3 = s.at(3);
    fill(s, 5);
    const again = s.list();
    expect(again).toHaveLength(15);
    expect(again).toBe(first);
    expect(s.at(3)).toBe(t3);
  });

  it('summary and List of Trades read the columns the same as the trade objects', () => {
    const b = createBroker({ defaultQtyType: 'fixed', defaultQtyValue: 1, commissionValue: 0.1 }, defaultSymbolInfo());
    let p = 100;
    for (let i = 0; i < 300; i++) {
      const o = p;
      p = Math.round((p + Math.sin(i / 3) * 2) * 100) / 100;
      const bar: BrokerBar = { time: Date.UTC(2024, 0, 1) + i * 3_600_000, open: o, high: Math.max(o, p) + 0.5, low: Math.min(o, p) - 0.5, close: p };
      b.beforeScript(i, bar);
      if (i % 7 === 0) b.placeEntry('entry', i % 14 ? 'L' : 'S', i % 14 ? 'long' : 'short', undefined, undefined, undefined);
      b.afterScript(i, bar);
    }
    const trades = b.closedTrades;
    expect(trades.length).toBeGreaterThan(30);
    expect(new Set(trades.map((t) => t.direction))).toEqual(new Set(['long', 'short']));
    // The summary's largest win/loss come from the columns; recompute them from the objects.
    const s = performanceSummary(b);
    const wins = trades.filter((t) => t.profit > 0);
    const losses = trades.filter((t) => t.profit < 0);
    expect(s.all.largestWinningTrade).toBe(Math.max(...wins.map((t) => t.profit)));
    expect(s.all.largestLosingTrade).toBe(-Math.min(...losses.map((t) => t.profit)));
    expect(s.all.totalClosedTrades).toBe(trades.length);
    const rows = tradeList(b);
    expect(rows.filter((r) => r.type.startsWith('Exit')).slice(0, trades.length).map((r) => [r.price, r.netPnl, r.cumulativePnl])).toEqual(
      trades.map((t) => [t.exitPrice, t.profit, t.cumulativeProfit]),
    );
  });
});
