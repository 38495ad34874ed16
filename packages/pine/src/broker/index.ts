// Broker emulator public surface. The runtime contract is documented here; keep it small.
//
// RUNTIME CONTRACT
//   const broker = createBroker(settingsFromStrategyArgs(strategyNamedArgs), syminfo, { toAccount? });
//                                                           // strategyNamedArgs: strategy()'s named arguments
//                                                           // by Pine name, e.g. { initial_capital: 1e4 }
//   ctx.broker = broker;                                     // bindings.ts reads it from the RuntimeContext
//   for each chart bar i (oldest first):
//     without calc_on_order_fills:
//       broker.beforeScript(i, bar, subBars?)   // fills at the open, then along the intrabar path, or along
//                                               // the magnifier sub-bars when use_bar_magnifier (sub-bars =
//                                               // the lower-timeframe bars inside chart bar i, oldest first)
//       run the script once (strategy.* commands and variables go through bindings.ts)
//       broker.afterScript(i, bar)              // process_orders_on_close fills, risk rules, equity marking
//     with calc_on_order_fills:
//       broker.beginBar(i, bar, subBars?)
//       let t; while ((t = broker.nextFillTick()) !== null) {
//         // a fill happened at tick t (open, first extreme, second extreme: the §1.5 path; more with the
//         // magnifier): roll back non-varip state and re-execute the script with close = t.price.
//         // Orders placed now are eligible from the next tick.
//       }
//       run the script (the regular close run), then broker.afterScript(i, bar)
//   broker.finish();
//   Results: broker.closedTrades / broker.openTrades (closed trades are kept in columns, broker.closedStore,
//   and closedTrades builds their objects on first read), broker.series (per-bar equity, drawdown, position as
//   Float64Array views; pass options.expectedBars = bar count to createBroker to allocate them once),
//   tradeList(broker) / tradeListCsv(...) and performanceSummary(broker), pinebackMetrics(...).
//
// `bar` is { time (open time, Unix ms), open, high, low, close, newDay? } (core's Bar fits). Pass newDay
// (session-aware first bar of a trading day) when the runtime knows it; otherwise calendar days in
// syminfo.timezone are used. The magnifier's sub-bar timeframe for a chart timeframe: magnifierTimeframe().
// Script-visible state between the calls: broker.cur is the current tick price (the close in the close run),
// and every strategy.* variable reflects the fills so far. Bindings: STRATEGY_FUNCTIONS (needsContext,
// catalog argument order), STRATEGY_VARIABLES ({ get(ctx) }), STRATEGY_CONSTANTS (strings: 'long', 'short',
// 'fixed', 'cash', 'percent_of_equity', 'none'/'cancel'/'reduce', 'percent'/'cash_per_contract'/
// 'cash_per_order', 'all').
import type { SymbolInfo } from '../core/symbol.js';
import { Broker, type BrokerOptions } from './broker.js';
import { resolveSettings } from './settings.js';
import type { StrategySettings } from './types.js';

export function createBroker(settings: Partial<StrategySettings>, syminfo: SymbolInfo, options: BrokerOptions = {}): Broker {
  return new Broker(resolveSettings(settings), syminfo, options);
}

export { Broker } from './broker.js';
export type { BrokerOptions, BrokerSeries, FillTick } from './broker.js';
export * from './types.js';
export { defaultStrategySettings, resolveSettings } from './settings.js';
export type { OpenTrade, ClosedTrade } from './trades.js';
export type { Order, EntryOrder, ExitOrder, CloseOrder } from './orders.js';
export { formatTradeTime } from './time-format.js';
export { settingsFromStrategyArgs } from './settings.js';
export { tradeList, markedOpenTrades, type TradeListRow } from './trade-list.js';
export { tradeListCsv, tradeListJson } from './trade-list-csv.js';
export { performanceSummary, type PerformanceSummary, type SideSummary } from './summary.js';
export { pinebackMetrics, type PinebackMetrics } from './metrics.js';
export { STRATEGY_FUNCTIONS, STRATEGY_VARIABLES, STRATEGY_CONSTANTS } from './bindings.js';
export type { RiskAmountType } from './risk.js';
export { magnifierTimeframe, timeframeSeconds } from './fills/magnifier.js';
