// The runtime's side of strategies: strategy() settings reach the broker, orders fill on the next
// bar, and calc_on_order_fills re-executes the script (var rolled back, varip kept).
import { describe, expect, it } from 'vitest';
import { compile, run } from '../../src/api.js';
import { barColumnsFromRows } from '../../src/core/bars.js';
import { defaultSymbolInfo } from '../../src/core/symbol.js';
import { tradeList } from '../../src/broker/trade-list.js';

const bars = barColumnsFromRows(
  Array.from({ length: 8 }, (_, i) => ({ time: Date.UTC(2024, 0, 1) + i * 3_600_000, open: 100 + i, high: 102 + i, low: 99 + i, close: 101 + i, volume: 1 })),
);

function runStrategy(src: string) {
  const c = compile(src);
  if (!c.ok) throw new Error(c.diagnostics.map((d) => d.message).join('\n'));
  return run(c.program!, bars, { syminfo: defaultSymbolInfo({ mintick: 0.01 }) });
}

describe('strategy runtime', () => {
  it('passes strategy() settings to the broker and fills market orders at the next open', () => {
    const r = runStrategy('//@version=6\nstrategy("s", initial_capital = 5000)\nif bar_index == 1\n    strategy.entry("L", strategy.long)\nif bar_index == 4\n    strategy.close("L")\nplot(strategy.position_size, "pos")\n');
    const s = r.strategy!;
    expect(s.broker.settings.initialCapital).toBe(5000);
    expect(Array.from(r.plots[0]!.values)).toEqual([0, 0, 1, 1, 1, 0, 0, 0]);
    expect(s.broker.closedTrades).toHaveLength(1);
    expect(s.broker.closedTrades[0]!.entryPrice).toBe(102);
    expect(s.broker.closedTrades[0]!.exitPrice).toBe(105);
    expect(s.trades.map((t) => t.type)).toEqual(['Entry long', 'Exit long']);
  });

  it('builds the List of Trades on first read, once, and still serialises and spreads it', () => {
    const r = runStrategy('//@version=6\nstrategy("s")\nif bar_index == 1\n    strategy.entry("L", strategy.long)\nif bar_index == 4\n    strategy.close("L")\n');
    const s = r.strategy!;
    const rows = s.trades;
    expect(rows).toEqual(tradeList(s.broker));
    expect(s.trades).toBe(rows); // kept, not rebuilt
    expect(JSON.parse(JSON.stringify(s)).trades).toEqual(JSON.parse(JSON.stringify(rows)));
    expect({ ...s }.trades).toBe(rows);
    s.trades = [];
    expect(s.trades).toEqual([]);
  });

  it('re-executes on fills with calc_on_order_fills: var rolls back, varip does not', () => {
    const src =
      '//@version=6\nstrategy("s", calc_on_order_fills = true)\nvar int runs = 0\nvarip int allRuns = 0\nruns += 1\nallRuns += 1\n' +
      'if bar_index == 1\n    strategy.entry("L", strategy.long)\nplot(runs, "runs")\nplot(allRuns, "all")\n';
    const r = runStrategy(src);
    const runs = Array.from(r.plots[0]!.values);
    const all = Array.from(r.plots[1]!.values);
    expect(runs).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // The entry fills at bar 2's open: one extra execution on that bar, which varip remembers.
    expect(all[1]).toBe(2);
    expect(all[2]).toBe(4);
    expect(all[7]).toBe(9);
  });
});

describe('strategy runtime (v5)', () => {
  it('honours when= on strategy.* calls', () => {
    const r = runStrategy('//@version=5\nstrategy("s")\nstrategy.entry("L", strategy.long, when = bar_index == 1)\nstrategy.close("L", when = bar_index == 3)\n');
    expect(r.strategy!.broker.closedTrades).toHaveLength(1);
    expect(r.strategy!.broker.closedTrades[0]!.entryBar).toBe(2);
    expect(r.strategy!.broker.closedTrades[0]!.exitBar).toBe(4);
  });
});
