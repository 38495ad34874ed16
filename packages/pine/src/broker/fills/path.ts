// The assumed intrabar price path (semantics spec §1.5, §1.7).
//
// A path is a list of points. A `gap` point is reached by a jump (bar open: no prices between the previous
// close and this open are assumed to trade); every other point is reached by a continuous move from the
// previous point, so any level crossed on the way trades exactly at that level.
import type { BrokerBar } from '../types.js';

export interface PathPoint {
  price: number;
  gap: boolean;
  /** The (sub-)bar this point belongs to: bounds used to clamp slipped stop fills. */
  high: number;
  low: number;
  /** Open time of that (sub-)bar, Unix ms. */
  time: number;
}

/**
 * TradingView's path through one bar: open → nearer extreme → farther extreme → close. When the open is
 * exactly as far from the high as from the low, the low is visited first.
 */
export function barPath(bar: BrokerBar): PathPoint[] {
  const highFirst = Math.abs(bar.high - bar.open) < Math.abs(bar.open - bar.low);
  const [first, second] = highFirst ? [bar.high, bar.low] : [bar.low, bar.high];
  const p = (price: number, gap: boolean): PathPoint => ({ price, gap, high: bar.high, low: bar.low, time: bar.time });
  return [p(bar.open, true), p(first, false), p(second, false), p(bar.close, false)];
}

/** With the bar magnifier: each lower-timeframe bar in time order, each with its own assumed path. */
export function magnifiedPath(subBars: readonly BrokerBar[]): PathPoint[] {
  const out: PathPoint[] = [];
  for (const sb of subBars) out.push(...barPath(sb));
  return out;
}
