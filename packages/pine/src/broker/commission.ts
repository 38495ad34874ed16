// Commission of one fill leg, in the symbol's currency (strategy(commission_type, commission_value)).
import type { CommissionType } from './types.js';

export interface CommissionModel {
  type: CommissionType;
  value: number;
  pointValue: number;
}

/**
 * Commission for filling `qty` contracts at `price`. `orderShare` is the part of one order this leg
 * represents: a per-order fee is charged once per order, so a reversal's closing and opening legs split it
 * and a close spanning several trades splits it by quantity.
 */
export function commissionFor(m: CommissionModel, qty: number, price: number, orderShare = 1): number {
  const q = Math.abs(qty);
  switch (m.type) {
    case 'percent':
      return (q * price * m.pointValue * m.value) / 100;
    case 'cash_per_contract':
      return q * m.value;
    case 'cash_per_order':
      return m.value * orderShare;
  }
}
