// Outputs: List of Trades (rows, CSV), Performance Summary, PineBack metrics, and the strategy.* bindings.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTINS_JSON, TV_DIR } from '../../../../test-support/shared.js';
import type { RuntimeContext } from '../../src/core/context.js';
import {
  createBroker, formatTradeTime, performanceSummary, pinebackMetrics, STRATEGY_CONSTANTS, STRATEGY_FUNCTIONS,
  STRATEGY_VARIABLES, settingsFromStrategyArgs, tradeList, tradeListCsv, type Broker,
} from '../../src/broker/index.js';
import { readOhlcv } from './support/csv.js';
import { eurusd, runStrategy } from './support/driver.js';
import { crossover, crossunder, rsi } from './support/indicators.js';
import { bars, run, sym } from './support/scenario.js';

const at = (p: number): [number, number, number, number] => [p, p, p, p];

describe('trade time formatting', () => {
  it('renders the bar open time in the symbol time zone like the TradingView export', () => {
    expect(formatTradeTime(Date.parse('2022-01-03T00:00:00Z'), 'America/New_York')).toBe('2022-01-02T19:00:00-0500');
    expect(formatTradeTime(Date.parse('2025-09-12T20:00:00Z'), 'America/New_York')).toBe('2025-09-12T16:00:00-0400');
    expect(formatTradeTime(Date.parse('2025-01-16T00:00:00Z'), 'UTC')).toBe('2025-01-16T00:00:00+0000');
    expect(formatTradeTime(Date.parse('2025-01-16T00:00:00Z'), 'Asia/Kolkata')).toBe('2025-01-16T05:30:00+0530');
    // Across a DST change within one UTC day.
    expect(formatTradeTime(Date.parse('2022-03-13T06:00:00Z'), 'America/New_York')).toBe('2022-03-13T01:00:00-0500');
    expect(formatTradeTime(Date.parse('2022-03-13T07:00:00Z'), 'America/New_York')).toBe('2022-03-13T03:00:00-0400');
    expect(formatTradeTime(Date.parse('2022-11-06T05:30:00Z'), 'America/New_York')).toBe('2022-11-06T01:30:00-0400');
    expect(formatTradeTime(Date.parse('2022-11-06T06:30:00Z'), 'America/New_York')).toBe('2022-11-06T01:30:00-0500');
  });
});

describe('List of Trades CSV', () => {
  it('reproduces the rsi fixture export: columns, rows, open trade', () => {
    const data = readOhlcv(join(TV_DIR, 'strategies', 'ohlcv', 'EURUSD_60_2022-01-02_2025-09-12.csv'));
    const close = data.map((b) => b.close);
    const v = rsi(close, 14);
    const os = v.map(() => 30);
    const ob = v.map(() => 70);
    const b = runStrategy(data, {}, eurusd(), (br, i) => {
      if (v[i] !== v[i]) return;
      if (crossover(v, os, i)) br.placeEntry('entry', 'RsiLE', 'long', undefined, undefined, undefined, '', 'none', 'RsiLE');
      if (crossunder(v, ob, i)) br.placeEntry('entry', 'RsiSE', 'short', undefined, undefined, undefined, '', 'none', 'RsiSE');
    });
    const ours = tradeListCsv(tradeList(b), 'USD').trim().split('\n');
    const tv = readFileSync(join(TV_DIR, 'strategies', 'trades', 'rsi_trades.csv'), 'utf8').trim().split(/\r?\n/);
    expect(ours[0]).toBe(tv[0]);
    expect(ours.length).toBe(tv.length);
    for (let r = 1; r < tv.length; r++) {
      const a = ours[r]!.split(',');
      const e = tv[r]!.split(',');
      expect(a.slice(0, 4)).toEqual(e.slice(0, 4)); // Trade #, Type, Date/Time, Signal
      expect(Math.abs(+a[4]! - +e[4]!)).toBeLessThan(1e-9); // price
      expect(+a[5]!).toBe(+e[5]!); // qty
      expect(Math.abs(+a[7]! - +e[7]!)).toBeLessThanOrEqual(Math.max(0.006, 0.005 * Math.abs(+e[7]!))); // Net P&L
    }
  });
});

describe('Performance Summary', () => {
  // Three round trips of 1 unit: +10, −5, +20 (long, short, long).
  const b = run(bars(at(100), at(100), at(110), at(110), at(115), at(115), at(135), at(135)), (br, i) => {
    if (i === 0) br.placeEntry('entry', 'L', 'long', 1, undefined, undefined);
    if (i === 1) br.placeClose('L');
    if (i === 2) br.placeEntry('entry', 'S', 'short', 1, undefined, undefined);
    if (i === 3) br.placeClose('S');
    if (i === 4) br.placeEntry('entry', 'L', 'long', 1, undefined, undefined);
    if (i === 5) br.placeClose('L');
  }, { initialCapital: 1000 });

  it('computes the All/Long/Short trade statistics', () => {
    const s = performanceSummary(b);
    expect(b.closedTrades.map((t) => t.profit)).toEqual([10, -5, 20]);
    expect(s.all).toMatchObject({
      netProfit: 25, grossProfit: 30, grossLoss: 5, profitFactor: 6, totalClosedTrades: 3, numberWinningTrades: 2,
      numberLosingTrades: 1, avgWinningTrade: 15, avgLosingTrade: 5, ratioAvgWinAvgLoss: 3, largestWinningTrade: 20,
      largestLosingTrade: 5, avgBarsInTrades: 1,
    });
    expect(s.all.percentProfitable).toBeCloseTo(66.6667, 3);
    expect(s.long).toMatchObject({ netProfit: 30, totalClosedTrades: 2 });
    expect(s.short).toMatchObject({ netProfit: -5, totalClosedTrades: 1 });
    expect(s.all.netProfitPercent).toBeCloseTo(2.5, 12);
    // Buy & hold: 1000 buys 10 units at the first entry (100), held to the last close (135).
    expect(s.buyAndHoldReturn).toBeCloseTo(350, 9);
    // The short lost 5 from peak closed equity 1010 (intrabar drawdown definition).
    expect(s.maxDrawdown).toBeCloseTo(5, 9);
  });

  it('computes the PineBack metric grid', () => {
    const m = pinebackMetrics(b);
    expect(m).toMatchObject({ netProfit: 25, totalTrades: 3, bestTrade: 20, worstTrade: -5, avgWinningTrade: 15, avgLosingTrade: -5, expectancy: 25 / 3, profitFactor: 6 });
    expect(m.winRatePercent).toBeCloseTo(66.6667, 3);
    expect(m.avgWinDurationMs).toBe(3_600_000);
    expect(m.maxDrawdown).toBeCloseTo(5, 9);
  });
});

describe('strategy.* bindings', () => {
  const catalog = JSON.parse(readFileSync(BUILTINS_JSON, 'utf8')) as {
    functions: { name: string }[]; variables: { name: string }[]; constants: { name: string }[];
  };

  it('cover every strategy.* function, variable and constant of the catalog', () => {
    const fns = catalog.functions.map((f) => f.name).filter((n) => n.startsWith('strategy.'));
    expect(fns.filter((n) => !(n in STRATEGY_FUNCTIONS))).toEqual([]);
    const vars = catalog.variables.map((v) => v.name).filter((n) => n.startsWith('strategy.'));
    expect(vars.filter((n) => !(n in STRATEGY_VARIABLES))).toEqual([]);
    const consts = catalog.constants.map((v) => v.name).filter((n) => n.startsWith('strategy.'));
    expect(consts.filter((n) => !(n in STRATEGY_CONSTANTS))).toEqual([]);
  });

  it('drive the broker through ctx.broker with catalog-ordered arguments', () => {
    const broker: Broker = createBroker(settingsFromStrategyArgs({ initial_capital: 5000, default_qty_type: STRATEGY_CONSTANTS['strategy.fixed'], default_qty_value: 2 }), sym());
    const ctx = { broker } as unknown as RuntimeContext;
    const F = STRATEGY_FUNCTIONS;
    const V = STRATEGY_VARIABLES;
    const [b0, b1, b2] = bars(at(100), [100, 106, 99, 104], at(104));
    broker.beforeScript(0, b0!);
    F['strategy.entry']!.impl(ctx, 'L', STRATEGY_CONSTANTS['strategy.long'], undefined, undefined, undefined, undefined, undefined, 'go');
    F['strategy.exit']!.impl(ctx, 'X', 'L', undefined, undefined, 500, undefined, undefined, undefined);
    broker.afterScript(0, b0!);
    broker.beforeScript(1, b1!);
    // Take-profit 500 ticks = 5.00 above the 100 entry.
    expect(V['strategy.closedtrades']!.get(ctx)).toBe(1);
    expect(F['strategy.closedtrades.exit_price']!.impl(ctx, 0)).toBe(105);
    expect(F['strategy.closedtrades.entry_comment']!.impl(ctx, 0)).toBe('go');
    expect(F['strategy.closedtrades.size']!.impl(ctx, 0)).toBe(2);
    expect(F['strategy.closedtrades.profit']!.impl(ctx, 7)).toBeNaN();
    expect(V['strategy.netprofit']!.get(ctx)).toBe(10);
    expect(V['strategy.position_avg_price']!.get(ctx)).toBeNaN();
    F['strategy.entry']!.impl(ctx, 'S', STRATEGY_CONSTANTS['strategy.short'], 1);
    broker.afterScript(1, b1!);
    broker.beforeScript(2, b2!);
    expect(V['strategy.position_size']!.get(ctx)).toBe(-1);
    expect(F['strategy.opentrades.entry_price']!.impl(ctx, 0)).toBe(104);
    expect(V['strategy.equity']!.get(ctx)).toBe(5010);
    F['strategy.close_all']!.impl(ctx, 'done', undefined, true);
    expect(V['strategy.position_size']!.get(ctx)).toBe(0);
    expect(F['strategy.closedtrades.exit_comment']!.impl(ctx, 1)).toBe('done');
    broker.afterScript(2, b2!);
  });

  it('refuses strategy calls outside a strategy', () => {
    expect(() => STRATEGY_FUNCTIONS['strategy.cancel_all']!.impl({} as RuntimeContext)).toThrow(/strategy/);
  });
});
