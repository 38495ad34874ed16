// Default order quantity from strategy(default_qty_type, default_qty_value).
import type { CommissionModel } from './commission.js';
import type { QtyType } from './types.js';
import { truncateQty } from './ticks.js';

export interface SizingInput {
  type: QtyType;
  value: number;
  /** Price the quantity is computed at (the signal bar's close for market orders, the level for price orders). */
  price: number;
  equity: number;
  pointValue: number;
  commission: CommissionModel;
  qtyStep: number;
}

/**
 * Quantity for an entry without an explicit `qty`. For percent_of_equity the entry commission is reserved
 * inside the budget, so budget = qty·price·pointvalue + commission(qty).
 */
export function defaultQuantity(s: SizingInput): number {
  if (!(s.price > 0)) return NaN;
  const unit = s.price * s.pointValue;
  let qty: number;
  switch (s.type) {
    case 'fixed':
      qty = s.value;
      break;
    case 'cash':
      qty = s.value / unit;
      break;
    case 'percent_of_equity': {
      const budget = (s.equity * s.value) / 100;
      const c = s.commission;
      if (c.type === 'percent') qty = budget / (unit * (1 + c.value / 100));
      else if (c.type === 'cash_per_contract') qty = budget / (unit + c.value);
      else qty = (budget - c.value) / unit;
      break;
    }
  }
  return qty > 0 ? truncateQty(qty, s.qtyStep) : 0;
}
