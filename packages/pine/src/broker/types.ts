// Shared vocabulary of the broker emulator: directions, settings, bar input.

/** Pine's `strategy.long` / `strategy.short`. */
export type Direction = 'long' | 'short';
/** +1 buys, −1 sells. */
export type Side = 1 | -1;

export const sideOf = (d: Direction): Side => (d === 'long' ? 1 : -1);

export type QtyType = 'fixed' | 'cash' | 'percent_of_equity';
export type CommissionType = 'percent' | 'cash_per_contract' | 'cash_per_order';
export type OcaType = 'none' | 'cancel' | 'reduce';
export type DirectionFilter = 'all' | 'long' | 'short';

/** `strategy()`'s named arguments that affect the broker, with TradingView v6 defaults (see settings.ts). */
export interface StrategySettings {
  initialCapital: number;
  /** Account currency; '' or 'NONE' = the symbol's currency. */
  currency: string;
  defaultQtyType: QtyType;
  defaultQtyValue: number;
  pyramiding: number;
  commissionType: CommissionType;
  commissionValue: number;
  /** Ticks added adversely to market and stop fills. */
  slippage: number;
  /** Percent of position value that must be funded; 0 disables funds checks and margin calls. */
  marginLong: number;
  marginShort: number;
  processOrdersOnClose: boolean;
  calcOnOrderFills: boolean;
  closeEntriesRule: 'FIFO' | 'ANY';
  useBarMagnifier: boolean;
  /** Ticks beyond a limit price that must trade before the limit is considered filled. */
  backtestFillLimitsAssumption: number;
  /** Annual percent, used by Sharpe/Sortino. */
  riskFreeRate: number;
}

/** One chart bar (or magnifier sub-bar) as the broker consumes it. Times are bar open times, Unix ms. */
export interface BrokerBar {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  /** True on the first bar of a new trading day (session-aware); drives the intraday risk rules. When
   *  omitted, the broker compares calendar dates in the symbol's time zone. */
  newDay?: boolean;
}

/** Converts an amount in the symbol's currency into the account currency (identity when they agree). */
export type CurrencyConverter = (amount: number, time: number) => number;
