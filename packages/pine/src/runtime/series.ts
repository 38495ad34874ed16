// Bounded history buffers for Pine's `x[n]`. One buffer per variable (or expression) that the
// script reads with `[]`. Values are written at a *stamp* (the bar index, or the execution count of
// a local scope): writing again with the same stamp overwrites the current slot, so re-executed bars
// (calc_on_order_fills) and call sites inside loops never advance history twice.
import { PineRuntimeError } from '../core/errors.js';

/** Smallest power of two ≥ n (at least 2), so ring indexing is a mask instead of a modulo. */
export function ringCapacity(n: number): number {
  let c = 2;
  while (c < n) c *= 2;
  return c;
}

function historyTooFar(offset: number, depth: number): PineRuntimeError {
  return new PineRuntimeError(
    `The history reference [${offset}] goes beyond the ${depth} bars kept for this series; ` +
      `declare max_bars_back (indicator/strategy parameter or max_bars_back()) to keep more`,
  );
}

/** History of a numeric series (int, float, color): na = NaN. */
export class NumSeries {
  private readonly buf: Float64Array;
  private readonly mask: number;
  /** Number of committed values minus one (index of the current slot); -1 before the first write. */
  private n = -1;
  private stamp = -1;
  /** Deepest offset this buffer can answer. */
  readonly depth: number;

  constructor(depth: number) {
    const cap = ringCapacity(depth + 1);
    this.buf = new Float64Array(cap);
    this.mask = cap - 1;
    this.depth = cap - 1;
  }

  set(stamp: number, v: number): number {
    if (stamp !== this.stamp) {
      this.stamp = stamp;
      this.n++;
    }
    this.buf[this.n & this.mask] = v;
    return v;
  }

  /** Value `offset` writes ago (0 = current); NaN before the first value or for na offsets. */
  get(offset: number): number {
    if (offset !== offset) return NaN;
    const k = Math.trunc(offset);
    if (k < 0) throw new PineRuntimeError(`History reference index must be positive, got ${offset}`);
    if (k > this.n) return NaN;
    if (k > this.mask) throw historyTooFar(k, this.depth);
    return this.buf[(this.n - k) & this.mask]!;
  }

  /** Number of values written so far. */
  get length(): number {
    return this.n + 1;
  }
}

/** History of any other type (bool, string, objects). `empty` is the value before the first bar:
 *  false for bool, null for strings/objects. */
export class AnySeries<T> {
  private readonly buf: T[];
  private readonly mask: number;
  private n = -1;
  private stamp = -1;
  readonly depth: number;

  constructor(
    depth: number,
    private readonly empty: T,
  ) {
    const cap = ringCapacity(depth + 1);
    this.buf = new Array<T>(cap).fill(empty);
    this.mask = cap - 1;
    this.depth = cap - 1;
  }

  set(stamp: number, v: T): T {
    if (stamp !== this.stamp) {
      this.stamp = stamp;
      this.n++;
    }
    this.buf[this.n & this.mask] = v;
    return v;
  }

  get(offset: number): T {
    if (offset !== offset) return this.empty;
    const k = Math.trunc(offset);
    if (k < 0) throw new PineRuntimeError(`History reference index must be positive, got ${offset}`);
    if (k > this.n) return this.empty;
    if (k > this.mask) throw historyTooFar(k, this.depth);
    return this.buf[(this.n - k) & this.mask]!;
  }

  get length(): number {
    return this.n + 1;
  }
}

/** Reads `column[bar - offset]` for built-in bar series (close[1], time[n]); NaN outside the data. */
export function barHistory(column: Float64Array, bar: number, offset: number): number {
  if (offset !== offset) return NaN;
  const k = Math.trunc(offset);
  if (k < 0) throw new PineRuntimeError(`History reference index must be positive, got ${offset}`);
  const i = bar - k;
  return i >= 0 ? column[i]! : NaN;
}
