// strategy() defaults (TradingView v6 reference) and normalisation of user-supplied settings.
import type { StrategySettings } from './types.js';

export function defaultStrategySettings(): StrategySettings {
  return {
    initialCapital: 1_000_000,
    currency: '',
    defaultQtyType: 'fixed',
    defaultQtyValue: 1,
    pyramiding: 0,
    commissionType: 'percent',
    commissionValue: 0,
    slippage: 0,
    marginLong: 100,
    marginShort: 100,
    processOrdersOnClose: false,
    calcOnOrderFills: false,
    closeEntriesRule: 'FIFO',
    useBarMagnifier: false,
    backtestFillLimitsAssumption: 0,
    riskFreeRate: 2,
  };
}

/** Fills in defaults and rejects values TradingView would refuse to compile. */
export function resolveSettings(partial: Partial<StrategySettings> = {}): StrategySettings {
  const s: StrategySettings = { ...defaultStrategySettings() };
  for (const [k, v] of Object.entries(partial)) if (v !== undefined) (s as unknown as Record<string, unknown>)[k] = v;
  if (!(s.initialCapital > 0)) throw new RangeError(`initial_capital must be > 0, got ${s.initialCapital}`);
  if (!(s.defaultQtyValue >= 0)) throw new RangeError(`default_qty_value must be >= 0, got ${s.defaultQtyValue}`);
  if (s.marginLong < 0 || s.marginShort < 0) throw new RangeError('margin_long/margin_short must be >= 0');
  return s;
}

/** Pine's pyramiding 0 and 1 both allow a single entry per direction. */
export const maxEntriesPerDirection = (s: StrategySettings): number => Math.max(1, Math.floor(s.pyramiding));

/**
 * Maps strategy()'s named arguments (Pine names, values as the runtime holds them: numbers, booleans and the
 * STRATEGY_CONSTANTS strings) to StrategySettings. Unknown or display-only arguments are ignored.
 */
export function settingsFromStrategyArgs(args: Readonly<Record<string, unknown>>): Partial<StrategySettings> {
  const out: Partial<StrategySettings> = {};
  const num = (k: string): number | undefined => (typeof args[k] === 'number' && args[k] === args[k] ? (args[k] as number) : undefined);
  const bool = (k: string): boolean | undefined => (typeof args[k] === 'boolean' ? (args[k] as boolean) : undefined);
  const str = (k: string): string | undefined => (typeof args[k] === 'string' ? (args[k] as string) : undefined);
  const set = <K extends keyof StrategySettings>(key: K, v: StrategySettings[K] | undefined): void => {
    if (v !== undefined) out[key] = v;
  };
  set('initialCapital', num('initial_capital'));
  set('currency', str('currency'));
  set('defaultQtyType', str('default_qty_type') as StrategySettings['defaultQtyType'] | undefined);
  set('defaultQtyValue', num('default_qty_value'));
  set('pyramiding', num('pyramiding'));
  set('commissionType', str('commission_type') as StrategySettings['commissionType'] | undefined);
  set('commissionValue', num('commission_value'));
  set('slippage', num('slippage'));
  set('marginLong', num('margin_long'));
  set('marginShort', num('margin_short'));
  set('processOrdersOnClose', bool('process_orders_on_close'));
  set('calcOnOrderFills', bool('calc_on_order_fills'));
  const rule = str('close_entries_rule');
  set('closeEntriesRule', rule === 'ANY' ? 'ANY' : rule === 'FIFO' ? 'FIFO' : undefined);
  set('useBarMagnifier', bool('use_bar_magnifier'));
  set('backtestFillLimitsAssumption', num('backtest_fill_limits_assumption'));
  set('riskFreeRate', num('risk_free_rate'));
  return out;
}
