// Drives the broker around each bar for strategy scripts (broker/index.ts has the contract):
// fills at the open and along the intrabar path (or the magnifier's sub-bars) before the script,
// re-executions on fills with calc_on_order_fills (var rolled back, varip kept), then orders,
// process-on-close fills and equity marking after the script.
import type { BarColumns } from '../core/bars.js';
import type { SymbolInfo } from '../core/symbol.js';
import { createBroker, type Broker } from '../broker/index.js';
import type { BrokerBar, StrategySettings } from '../broker/types.js';
import { calendarFor } from '../stdlib/calendar.js';
import { TradingDayTracker } from './strategy-days.js';
import type { BarHooks } from './executor.js';

/** strategy() parameter names → broker settings. */
const SETTING_NAMES: Record<string, keyof StrategySettings> = {
  initial_capital: 'initialCapital',
  currency: 'currency',
  default_qty_type: 'defaultQtyType',
  default_qty_value: 'defaultQtyValue',
  pyramiding: 'pyramiding',
  commission_type: 'commissionType',
  commission_value: 'commissionValue',
  slippage: 'slippage',
  margin_long: 'marginLong',
  margin_short: 'marginShort',
  process_orders_on_close: 'processOrdersOnClose',
  calc_on_order_fills: 'calcOnOrderFills',
  close_entries_rule: 'closeEntriesRule',
  use_bar_magnifier: 'useBarMagnifier',
  backtest_fill_limits_assumption: 'backtestFillLimitsAssumption',
  risk_free_rate: 'riskFreeRate',
};

export function strategySettings(declaration: Record<string, unknown>, version: number, overrides: Partial<StrategySettings> = {}): Partial<StrategySettings> {
  const s: Record<string, unknown> = {};
  for (const [pine, key] of Object.entries(SETTING_NAMES)) if (declaration[pine] !== undefined) s[key] = declaration[pine];
  // v5 defaults: no margin requirement.
  if (version < 6) {
    s['marginLong'] ??= 0;
    s['marginShort'] ??= 0;
  }
  if (s['currency'] === 'NONE') s['currency'] = '';
  return { ...(s as Partial<StrategySettings>), ...overrides };
}

export interface StrategyDriver {
  broker: Broker;
  hooks: BarHooks;
}

/**
 * @param intrabars lower-timeframe bars for the bar magnifier (used when use_bar_magnifier is on).
 */
export function strategyDriver(
  settings: Partial<StrategySettings>,
  syminfo: SymbolInfo,
  bars: BarColumns,
  intrabars?: BarColumns,
): StrategyDriver {
  // Sized up front so the per-bar equity/position series are allocated once.
  const broker = createBroker(settings, syminfo, { expectedBars: bars.length });
  // Session-aware trading days (the same calendar the time built-ins use), for the daily risk rules.
  const days = new TradingDayTracker(calendarFor(syminfo));
  let sub = 0;
  const subBarsOf = (i: number): BrokerBar[] | undefined => {
    if (!intrabars || !broker.settings.useBarMagnifier) return undefined;
    const start = bars.time[i]!;
    const end = i + 1 < bars.length ? bars.time[i + 1]! : Infinity;
    while (sub < intrabars.length && intrabars.time[sub]! < start) sub++;
    const out: BrokerBar[] = [];
    for (let k = sub; k < intrabars.length && intrabars.time[k]! < end; k++) {
      out.push({ time: intrabars.time[k]!, open: intrabars.open[k]!, high: intrabars.high[k]!, low: intrabars.low[k]!, close: intrabars.close[k]! });
    }
    return out;
  };
  // One bar object for the whole run, refilled per bar: the broker only reads the current bar (it copies
  // what it keeps), and a fresh object per bar was most of the run's garbage. All six fields exist from the
  // start so the object keeps one shape.
  const bar: BrokerBar = { time: NaN, open: NaN, high: NaN, low: NaN, close: NaN, newDay: false };
  let filled = -1;
  const load = (i: number): void => {
    bar.time = bars.time[i]!;
    bar.open = bars.open[i]!;
    bar.high = bars.high[i]!;
    bar.low = bars.low[i]!;
    bar.close = bars.close[i]!;
    filled = i;
  };
  const hooks: BarHooks = {
    beforeBar(i, reexecute) {
      load(i);
      bar.newDay = days.isNewDay(bars.time[i]!);
      // (Checked here rather than in subBarsOf: a closure call per bar for the usual run without intrabars.)
      broker.beginBar(i, bar, intrabars !== undefined ? subBarsOf(i) : undefined);
      const close = bars.close[i]!;
      const col = bars.close as Float64Array;
      try {
        for (let t = broker.nextFillTick(); t !== null; t = broker.nextFillTick()) {
          // Re-execute at the fill tick: the script sees the tick price as `close`.
          col[i] = t.price;
          reexecute();
        }
      } finally {
        col[i] = close;
      }
    },
    afterBar(i) {
      if (filled !== i) load(i);
      broker.afterScript(i, bar);
    },
  };
  return { broker, hooks };
}
