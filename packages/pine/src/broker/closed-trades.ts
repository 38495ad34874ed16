// Closed trades in columns. A reversal strategy closes a trade every few bars (84k per 1M-bar run), and
// one object per trade lived for the whole run: each was copied by the young-generation collector and
// promoted, most of the run's garbage-collector time. Numbers live in typed arrays grown by doubling,
// strings (ids, comments: a handful of distinct values) in plain arrays. Readers that walk every trade
// (summary, List of Trades) refill one ClosedTrade with read(); `list()` builds the public objects on
// demand, once each.
import type { ClosedTrade } from './trades.js';
import type { Direction } from './types.js';

const NUMERIC = [
  'serial', 'entryPrice', 'entryBar', 'entryTime', 'exitPrice', 'exitBar', 'exitTime', 'qty', 'commission', 'profit',
  'profitPercent', 'cumulativeProfit', 'maxRunup', 'maxRunupPercent', 'maxDrawdown', 'maxDrawdownPercent',
] as const;
type NumericField = (typeof NUMERIC)[number];

/** A ClosedTrade with every field present, for read()'s target. */
export function blankClosedTrade(): ClosedTrade {
  return {
    serial: 0, direction: 'long', entryId: '', entryComment: '', entryPrice: NaN, entryBar: NaN, entryTime: NaN,
    exitId: '', exitComment: '', exitPrice: NaN, exitBar: NaN, exitTime: NaN, qty: NaN, commission: NaN, profit: NaN,
    profitPercent: NaN, cumulativeProfit: NaN, maxRunup: NaN, maxRunupPercent: NaN, maxDrawdown: NaN, maxDrawdownPercent: NaN,
  };
}

export class ClosedTradeStore {
  length = 0;
  // One Float64Array per numeric field (exact: every value is a double in the object form too).
  serial: Float64Array;
  entryPrice: Float64Array;
  entryBar: Float64Array;
  entryTime: Float64Array;
  exitPrice: Float64Array;
  exitBar: Float64Array;
  exitTime: Float64Array;
  qty: Float64Array;
  commission: Float64Array;
  profit: Float64Array;
  profitPercent: Float64Array;
  cumulativeProfit: Float64Array;
  maxRunup: Float64Array;
  maxRunupPercent: Float64Array;
  maxDrawdown: Float64Array;
  maxDrawdownPercent: Float64Array;
  /** 1 = long, 0 = short. */
  long: Uint8Array;
  entryId: string[] = [];
  entryComment: string[] = [];
  exitId: string[] = [];
  exitComment: string[] = [];
  /** Objects already built by list(), in order (a prefix of the trades). */
  private objects: ClosedTrade[] = [];

  constructor(capacity = 256) {
    const n = Math.max(16, capacity);
    this.serial = new Float64Array(n);
    this.entryPrice = new Float64Array(n);
    this.entryBar = new Float64Array(n);
    this.entryTime = new Float64Array(n);
    this.exitPrice = new Float64Array(n);
    this.exitBar = new Float64Array(n);
    this.exitTime = new Float64Array(n);
    this.qty = new Float64Array(n);
    this.commission = new Float64Array(n);
    this.profit = new Float64Array(n);
    this.profitPercent = new Float64Array(n);
    this.cumulativeProfit = new Float64Array(n);
    this.maxRunup = new Float64Array(n);
    this.maxRunupPercent = new Float64Array(n);
    this.maxDrawdown = new Float64Array(n);
    this.maxDrawdownPercent = new Float64Array(n);
    this.long = new Uint8Array(n);
  }

  /** Reserves the next row and returns its index; the caller writes every column of it. */
  append(direction: Direction, entryId: string, entryComment: string, exitId: string, exitComment: string): number {
    const i = this.length;
    if (i >= this.long.length) this.grow();
    this.long[i] = direction === 'long' ? 1 : 0;
    this.entryId.push(entryId);
    this.entryComment.push(entryComment);
    this.exitId.push(exitId);
    this.exitComment.push(exitComment);
    this.length = i + 1;
    return i;
  }

  private grow(): void {
    const cap = this.long.length * 2;
    for (const name of NUMERIC) {
      const next = new Float64Array(cap);
      next.set(this[name]);
      (this as Record<NumericField, Float64Array>)[name] = next;
    }
    const long = new Uint8Array(cap);
    long.set(this.long);
    this.long = long;
  }

  direction(i: number): Direction {
    return this.long[i] === 1 ? 'long' : 'short';
  }

  /** Fills `into` with trade `i` (no allocation) and returns it. */
  read(i: number, into: ClosedTrade): ClosedTrade {
    into.serial = this.serial[i]!;
    into.direction = this.direction(i);
    into.entryId = this.entryId[i]!;
    into.entryComment = this.entryComment[i]!;
    into.entryPrice = this.entryPrice[i]!;
    into.entryBar = this.entryBar[i]!;
    into.entryTime = this.entryTime[i]!;
    into.exitId = this.exitId[i]!;
    into.exitComment = this.exitComment[i]!;
    into.exitPrice = this.exitPrice[i]!;
    into.exitBar = this.exitBar[i]!;
    into.exitTime = this.exitTime[i]!;
    into.qty = this.qty[i]!;
    into.commission = this.commission[i]!;
    into.profit = this.profit[i]!;
    into.profitPercent = this.profitPercent[i]!;
    into.cumulativeProfit = this.cumulativeProfit[i]!;
    into.maxRunup = this.maxRunup[i]!;
    into.maxRunupPercent = this.maxRunupPercent[i]!;
    into.maxDrawdown = this.maxDrawdown[i]!;
    into.maxDrawdownPercent = this.maxDrawdownPercent[i]!;
    return into;
  }

  /** Trade `i` as its own object (the same object on every call). */
  at(i: number): ClosedTrade {
    return this.list()[i]!;
  }

  /** All closed trades as objects, oldest first. The array is kept and extended as trades close; the
   *  objects are built on the first call that needs them. */
  list(): readonly ClosedTrade[] {
    const objs = this.objects;
    for (let i = objs.length; i < this.length; i++) objs.push(this.read(i, blankClosedTrade()));
    return objs;
  }
}
