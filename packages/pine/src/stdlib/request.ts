// request.* data feeds PineBack has no source for: fundamentals (financial, earnings, dividends,
// splits), economic indicators, Nasdaq Data Link (quandl), GitHub seeds, currency conversion rates,
// and footprint (order-flow) data. TradingView returns na when a symbol has no such data
// (ignore_invalid_symbol, or simply no reported values); the same is done here for every call, and
// the code generator attaches a compile warning (`noDataWarning`) so the user knows why the series
// is empty.
import { PineRuntimeError } from '../core/errors.js';
import type { StdlibFunction, StdlibVariable } from './types.js';

export interface NoDataFunction extends StdlibFunction {
  /** Compile-time warning shown where the script calls this function. */
  noDataWarning: string;
}

function noData(what: string, value: unknown): NoDataFunction {
  return {
    impl: () => value,
    noDataWarning: `${what} is not available in PineBack: the call returns na on every bar`,
  };
}

export const REQUEST_FUNCTIONS: Record<string, NoDataFunction | StdlibFunction> = {
  'request.financial': noData('Financial data (request.financial)', NaN),
  'request.earnings': noData('Earnings data (request.earnings)', NaN),
  'request.dividends': noData('Dividends data (request.dividends)', NaN),
  'request.splits': noData('Splits data (request.splits)', NaN),
  'request.economic': noData('Economic data (request.economic)', NaN),
  'request.quandl': noData('Nasdaq Data Link data (request.quandl)', NaN),
  'request.currency_rate': {
    // Converting a currency to itself needs no data.
    impl: (from: string | null, to: string | null) => (from !== null && from === to ? 1 : NaN),
    noDataWarning: 'Currency conversion rates (request.currency_rate) are not available in PineBack: the call returns na unless both currencies are the same',
  },
  'request.footprint': noData('Footprint data (request.footprint)', null),
};

/** `request.seed` returns the requested expression's type; na is NaN for numbers, null otherwise —
 *  the generator cannot tell which here, and seeds are practically always numeric series. */
REQUEST_FUNCTIONS['request.seed'] = noData('GitHub seed data (request.seed)', NaN);

function onNa(name: string): () => never {
  return () => {
    throw new PineRuntimeError(`Cannot call '${name}' on an object that is na`);
  };
}

/** Footprint and volume-row methods: request.footprint never yields an object here, so any call
 *  reaches an na object. */
const FOOTPRINT_METHODS = ['buy_volume', 'delta', 'get_row_by_price', 'poc', 'rows', 'sell_volume', 'total_volume', 'vah', 'val'];
const VOLUME_ROW_METHODS = ['buy_volume', 'delta', 'down_price', 'has_buy_imbalance', 'has_sell_imbalance', 'sell_volume', 'total_volume', 'up_price'];

export const FOOTPRINT_FUNCTIONS: Record<string, StdlibFunction> = Object.fromEntries([
  ...FOOTPRINT_METHODS.map((m) => [`footprint.${m}`, { impl: onNa(`footprint.${m}`) }]),
  ...VOLUME_ROW_METHODS.map((m) => [`volume_row.${m}`, { impl: onNa(`volume_row.${m}`) }]),
]);

/** `bid` / `ask`: TradingView fills them only on realtime bars of the 1-tick chart; on historical
 *  bars (all a backtest has) they are na. */
export const QUOTE_VARIABLES: Record<string, StdlibVariable> = {
  bid: { get: () => NaN },
  ask: { get: () => NaN },
};
