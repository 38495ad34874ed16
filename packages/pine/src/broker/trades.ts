// Trades: one entry fill (or the part of it still open) and, once closed, the exit fill that ended it.
import type { Direction } from './types.js';

export interface OpenTrade {
  /** Serial number, unique over the run; partial exits keep it on the remaining part. */
  serial: number;
  direction: Direction;
  entryId: string;
  entryComment: string;
  /** Sequence number of the order that opened it (exit `from_entry` coverage uses it). */
  entryOrderSeq: number;
  entryPrice: number;
  entryBar: number;
  entryTime: number;
  /** Remaining open quantity (positive). */
  qty: number;
  /** Quantity at entry, before partial exits. */
  initialQty: number;
  /** Entry commission still attributed to the open quantity. */
  entryCommission: number;
  /** Best and worst prices seen while open (for run-up and drawdown). */
  bestPrice: number;
  worstPrice: number;
}

export interface ClosedTrade {
  serial: number;
  direction: Direction;
  entryId: string;
  entryComment: string;
  entryPrice: number;
  entryBar: number;
  entryTime: number;
  exitId: string;
  exitComment: string;
  exitPrice: number;
  exitBar: number;
  exitTime: number;
  qty: number;
  /** Entry + exit commission of this part, account currency. */
  commission: number;
  /** Net of commissions, account currency. */
  profit: number;
  /** profit ÷ entry value × 100. */
  profitPercent: number;
  /** strategy.netprofit right after this close (the trade list's Cumulative P&L). */
  cumulativeProfit: number;
  maxRunup: number;
  maxRunupPercent: number;
  maxDrawdown: number;
  maxDrawdownPercent: number;
}

export const dirSign = (d: Direction): 1 | -1 => (d === 'long' ? 1 : -1);

/** Gross P&L of `qty` of a trade marked at `price`, in symbol currency. */
export function grossPnl(t: { direction: Direction; entryPrice: number }, qty: number, price: number, pointValue: number): number {
  return dirSign(t.direction) * (price - t.entryPrice) * qty * pointValue;
}
