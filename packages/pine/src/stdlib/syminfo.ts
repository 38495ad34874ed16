// syminfo.* variables (read from ctx.syminfo), syminfo.prefix()/ticker() and chart.* defaults.
// Fundamentals and analyst data are not part of SymbolInfo, so they read as na.
import type { RuntimeContext } from '../core/context.js';
import { COLOR_CONSTANTS } from './color.js';
import type { StdlibFunction, StdlibVariable } from './types.js';

const v = (get: (ctx: RuntimeContext) => unknown): StdlibVariable => ({ get });
const naNumber = v(() => NaN);
const naString = v(() => null);

export const SYMINFO_VARIABLES: Record<string, StdlibVariable> = {
  'syminfo.basecurrency': v((c) => c.syminfo.basecurrency || null),
  'syminfo.currency': v((c) => c.syminfo.currency),
  'syminfo.description': v((c) => c.syminfo.description),
  'syminfo.prefix': v((c) => c.syminfo.prefix),
  'syminfo.ticker': v((c) => c.syminfo.ticker),
  'syminfo.tickerid': v((c) => `${c.syminfo.prefix}:${c.syminfo.ticker}`),
  'syminfo.main_tickerid': v((c) => `${c.syminfo.prefix}:${c.syminfo.ticker}`),
  'syminfo.root': v((c) => c.syminfo.ticker),
  'syminfo.current_contract': v((c) => c.syminfo.ticker),
  'syminfo.type': v((c) => c.syminfo.type),
  'syminfo.mintick': v((c) => c.syminfo.mintick),
  'syminfo.pricescale': v((c) => c.syminfo.pricescale),
  'syminfo.minmove': v((c) => c.syminfo.minmove),
  'syminfo.pointvalue': v((c) => c.syminfo.pointvalue),
  'syminfo.timezone': v((c) => c.syminfo.timezone),
  'syminfo.volumetype': v((c) => c.syminfo.volumetype),
  'syminfo.session': v(() => 'regular'),
  'syminfo.mincontract': v(() => 1),
  'syminfo.country': naString,
  'syminfo.industry': naString,
  'syminfo.sector': naString,
  'syminfo.isin': naString,
  'syminfo.expiration_date': naNumber,
  'syminfo.employees': naNumber,
  'syminfo.shareholders': naNumber,
  'syminfo.shares_outstanding_float': naNumber,
  'syminfo.shares_outstanding_total': naNumber,
  'syminfo.recommendations_buy': naNumber,
  'syminfo.recommendations_buy_strong': naNumber,
  'syminfo.recommendations_date': naNumber,
  'syminfo.recommendations_hold': naNumber,
  'syminfo.recommendations_sell': naNumber,
  'syminfo.recommendations_sell_strong': naNumber,
  'syminfo.recommendations_total': naNumber,
  'syminfo.target_price_average': naNumber,
  'syminfo.target_price_date': naNumber,
  'syminfo.target_price_estimates': naNumber,
  'syminfo.target_price_high': naNumber,
  'syminfo.target_price_low': naNumber,
  'syminfo.target_price_median': naNumber,
  'dividends.future_amount': naNumber,
  'dividends.future_ex_date': naNumber,
  'dividends.future_pay_date': naNumber,
  'earnings.future_eps': naNumber,
  'earnings.future_period_end_time': naNumber,
  'earnings.future_revenue': naNumber,
  'earnings.future_time': naNumber,
  // A standard candlestick chart with TradingView's default light theme.
  'chart.bg_color': v(() => COLOR_CONSTANTS['color.white']),
  'chart.fg_color': v(() => 0x000000ff),
  'chart.is_standard': v(() => true),
  'chart.is_heikinashi': v(() => false),
  'chart.is_kagi': v(() => false),
  'chart.is_linebreak': v(() => false),
  'chart.is_pnf': v(() => false),
  'chart.is_range': v(() => false),
  'chart.is_renko': v(() => false),
  'chart.left_visible_bar_time': v((c) => (c.bars.length > 0 ? c.bars.time[0]! : NaN)),
  'chart.right_visible_bar_time': v((c) => (c.bars.length > 0 ? c.bars.time[c.bars.length - 1]! : NaN)),
};

function splitSymbol(symbol: string | null): [string | null, string | null] {
  if (symbol === null || symbol === undefined) return [null, null];
  const i = symbol.indexOf(':');
  return i < 0 ? ['', symbol] : [symbol.slice(0, i), symbol.slice(i + 1)];
}

export const SYMINFO_FUNCTIONS: Record<string, StdlibFunction> = {
  'syminfo.prefix': { impl: (symbol: string | null) => splitSymbol(symbol)[0] },
  'syminfo.ticker': { impl: (symbol: string | null) => splitSymbol(symbol)[1] },
};
