// Margin (semantics spec §3.10): funds a position ties up, and TradingView's margin-call liquidation size.
import { floorToStep } from './ticks.js';

/**
 * Quantity a margin call liquidates when equity no longer covers the position's margin: the shortfall
 * converted to contracts at `price` ("cover", truncated to the quantity grid, at least one step), times four,
 * capped at the position. 0 when there is no shortfall.
 */
export function marginCallQty(position: number, equity: number, marginUsed: number, marginFraction: number, unitValue: number, qtyStep: number): number {
  if (position === 0 || marginFraction === 0) return 0;
  const avail = equity - marginUsed;
  if (avail >= 0) return 0;
  const cover = Math.max(floorToStep(-avail / marginFraction / unitValue, qtyStep), qtyStep);
  return Math.min(Math.abs(position), 4 * cover);
}
