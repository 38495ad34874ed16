// The assumed intrabar price path (semantics spec §1.5, §1.7).
//
// A path is a list of points. A `gap` point is reached by a jump (bar open: no prices between the previous
// close and this open are assumed to trade); every other point is reached by a continuous move from the
// previous point, so any level crossed on the way trades exactly at that level.
import type { BrokerBar } from '../types.js';

export interface PathPoint {
  price: number;
  gap: boolean;
}

/**
 * The current bar's path, held in buffers reused from bar to bar: the broker walks one path per bar, and
 * allocating point objects for it would be most of the cost of a bar on which nothing trades.
 */
export class PricePath {
  /** Number of points; entries past it are stale. */
  length = 0;
  price = new Float64Array(4);
  /** 1 = the point is reached by a jump (a bar open). */
  gap = new Uint8Array(4);

  clear(): void {
    this.length = 0;
  }

  /** TradingView's path through one bar: open → nearer extreme → farther extreme → close. */
  setBar(bar: BrokerBar): void {
    this.length = 0;
    this.appendBar(bar);
  }

  /** With the bar magnifier: each lower-timeframe bar in time order, each with its own assumed path. */
  setSubBars(subBars: readonly BrokerBar[]): void {
    this.length = 0;
    this.reserve(subBars.length * 4);
    for (let k = 0; k < subBars.length; k++) this.appendBar(subBars[k]!);
  }

  /** When the open is exactly as far from the high as from the low, the low is visited first. */
  private appendBar(bar: BrokerBar): void {
    this.reserve(this.length + 4);
    const highFirst = Math.abs(bar.high - bar.open) < Math.abs(bar.open - bar.low);
    this.push(bar.open, 1);
    this.push(highFirst ? bar.high : bar.low, 0);
    this.push(highFirst ? bar.low : bar.high, 0);
    this.push(bar.close, 0);
  }

  private push(price: number, gap: number): void {
    this.price[this.length] = price;
    this.gap[this.length] = gap;
    this.length++;
  }

  private reserve(n: number): void {
    if (n <= this.price.length) return;
    const cap = Math.max(n, this.price.length * 2);
    const price = new Float64Array(cap);
    price.set(this.price.subarray(0, this.length));
    const gap = new Uint8Array(cap);
    gap.set(this.gap.subarray(0, this.length));
    this.price = price;
    this.gap = gap;
  }

  /** The points as objects (tests and inspection; the broker reads the buffers). */
  points(): PathPoint[] {
    const out: PathPoint[] = [];
    for (let i = 0; i < this.length; i++) out.push({ price: this.price[i]!, gap: this.gap[i] === 1 });
    return out;
  }
}

/** One bar's path as point objects. */
export function barPath(bar: BrokerBar): PathPoint[] {
  const p = new PricePath();
  p.setBar(bar);
  return p.points();
}

/** The magnifier's path over `subBars` as point objects. */
export function magnifiedPath(subBars: readonly BrokerBar[]): PathPoint[] {
  const p = new PricePath();
  p.setSubBars(subBars);
  return p.points();
}
