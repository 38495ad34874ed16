// Building blocks shared by every ta.* call site.
//
// Re-execution model: every stateful object here takes the bar stamp. A call with a new stamp first
// commits what the previous call computed ("pending"), then computes from the committed state; a call
// with the same stamp recomputes from the same committed state and overwrites the pending result. So a
// re-executed bar never double-counts, and a call site that is skipped on a bar does not advance.
import type { RuntimeContext } from '../core/context.js';

/** One written `ta.*` call. Arguments arrive in the catalog overload's parameter order. */
export interface TaCallSite {
  update(bar: number, ctx: RuntimeContext, ...args: any[]): any;
}

/** A `ta.*` variable (ta.obv, ta.tr...): one instance, updated by the runtime on every bar. */
export interface TaVariableSite {
  update(bar: number, ctx: RuntimeContext): number;
}

/** Pine compares floats with an absolute tolerance in some built-ins (rising/falling, cmo, mfi...). */
export const EPS = 1e-10;

export function isZero(x: number): boolean {
  return Math.abs(x) <= EPS;
}

/**
 * Pine's `length` arguments: series int/float, truncated; na or < 1 is invalid. Omitted (undefined)
 * or na gives `fallback`. Kept tiny because every ta call runs it; where an update() is big enough to
 * use up V8's inlining budget the call stayed a real call (~7 % of the sma/macd/rsi floor), so the
 * hottest call sites (sma, ema, rma, rsi, macd) write `typeof x === 'number' ? Math.trunc(x) : NaN`
 * out — the same thing for the NaN fallback.
 */
export function toLength(x: unknown, fallback = NaN): number {
  const n = typeof x === 'number' ? Math.trunc(x) : NaN;
  return n === n ? n : fallback;
}

export function nextPow2(n: number): number {
  let c = 8;
  while (c < n) c *= 2;
  return c;
}

/** Values every window keeps at least, so that a series length growing up to this is still exact. */
export const MIN_KEEP = 512;

/**
 * Committed history of numbers, newest first via get(0). Keeps at least the deepest depth requested
 * (and MIN_KEEP); older values fall off. Once a caller asks for more depth than before (a series
 * `length` that grew), the ring stops forgetting and keeps every value from then on, so later
 * changes of the length stay exact.
 */
export class Ring {
  buf: Float64Array;
  mask: number;
  head = 0; // index where the next value is written
  size = 0;
  private depth = 0;
  private keepAll = false;
  constructor(capacity = MIN_KEEP) {
    const c = nextPow2(Math.max(capacity, MIN_KEEP));
    this.buf = new Float64Array(c);
    this.mask = c - 1;
  }
  /** Make sure at least `depth` values are kept from now on. */
  reserve(depth: number): void {
    if (depth > this.depth) {
      if (this.depth > 0) this.keepAll = true;
      this.depth = depth;
    }
    if (depth > this.buf.length) this.grow(nextPow2(depth));
  }
  private grow(c: number): void {
    const nb = new Float64Array(c);
    for (let k = this.size - 1, j = 0; k >= 0; k--, j++) nb[j] = this.get(k);
    this.buf = nb;
    this.mask = c - 1;
    this.head = this.size & this.mask;
  }
  push(v: number): void {
    if (this.keepAll && this.size === this.buf.length) this.grow(this.buf.length * 2);
    this.buf[this.head] = v;
    this.head = (this.head + 1) & this.mask;
    if (this.size <= this.mask) this.size++;
  }
  /** k = 0 is the newest stored value; NaN beyond what is stored. */
  get(k: number): number {
    if (k >= this.size || k < 0) return NaN;
    return this.buf[(this.head - 1 - k) & this.mask]!;
  }
}

/**
 * Window over the last `length` *non-na* values ("compacted": na inputs are skipped, as TradingView's
 * rolling machines do), keeping a Neumaier-compensated sum of the newest length−1 committed values
 * so that the window including the current value costs O(1). Stamp-aware. Used by ta.vwma only:
 * there this form matches TradingView on more fixture rows (82/150) than the sma machine of
 * rolling-sum.ts (51/150), for a reason not yet understood.
 */
export class CompactSum {
  private stamp = NaN;
  private pending = NaN; // value to commit (NaN: nothing)
  readonly vals = new Ring(16);
  private len = -1; // window length the partial sum refers to
  // compensated sum (s + c) of the newest len−1 committed values
  private s = 0;
  private c = 0;
  /** Number of values in the window for the last update (0 when not yet full). */
  count = 0;

  private add(x: number): void {
    const s = this.s;
    const t = s + x;
    if (Math.abs(s) >= Math.abs(x)) this.c += s - t + x;
    else this.c += x - t + s;
    this.s = t;
  }

  private commit(): void {
    const x = this.pending;
    if (x !== x) return;
    this.pending = NaN;
    const L = this.len;
    // drop the value that leaves the (len−1)-deep partial window, then add x
    if (L > 1) {
      const r = this.vals;
      if (r.size >= L - 1) this.add(-r.buf[(r.head - L + 1) & r.mask]!);
      this.add(x);
    }
    this.vals.push(x);
  }

  private rebuild(L: number): void {
    this.vals.reserve(L + 1);
    this.len = L;
    this.s = 0;
    this.c = 0;
    const m = Math.min(L - 1, this.vals.size);
    for (let k = m - 1; k >= 0; k--) this.add(this.vals.get(k));
  }

  /** Returns the window sum including x (or the previous window when x is na); NaN until full. */
  update(bar: number, x: number, L: number): number {
    if (bar !== this.stamp) {
      if (this.pending === this.pending) this.commit();
      this.stamp = bar;
    }
    this.pending = x;
    if (!(L >= 1)) {
      this.count = 0;
      return NaN;
    }
    if (L !== this.len) this.rebuild(L);
    let y = x;
    if (x === x) {
      if (this.vals.size < L - 1) {
        this.count = 0;
        return NaN;
      }
    } else {
      if (this.vals.size < L) {
        this.count = 0;
        return NaN;
      }
      const r = this.vals;
      y = r.buf[(r.head - L) & r.mask]!;
    }
    this.count = L;
    const s = this.s;
    const t = s + y;
    const c = Math.abs(s) >= Math.abs(y) ? this.c + (s - t + y) : this.c + (y - t + s);
    return t + c;
  }

  /** k-th newest value of the window evaluated by the last update (0 = newest). */
  windowValue(k: number): number {
    const x = this.pending;
    if (x === x) return k === 0 ? x : this.vals.get(k - 1);
    return this.vals.get(k);
  }
}

/**
 * Plain per-call history (not compacted): the value passed on each call, na included. get(0) is the
 * current call's value, get(1) the previous call's... Stamp-aware.
 */
export class History {
  private stamp = NaN;
  /** The current call's value (get(0)); older values are ring.get(k − 1), i.e. buf[(head − k) & mask]. */
  cur = NaN;
  private has = false;
  readonly ring: Ring;
  constructor(depth = 16) {
    this.ring = new Ring(depth + 1);
  }
  update(bar: number, x: number): void {
    if (bar !== this.stamp) {
      if (this.has) this.ring.push(this.cur);
      this.stamp = bar;
      this.has = true;
    }
    this.cur = x;
  }
  reserve(depth: number): void {
    this.ring.reserve(depth + 1);
  }
  /** Values seen including the current one. */
  get count(): number {
    return this.ring.size + (this.has ? 1 : 0);
  }
  get(k: number): number {
    if (k === 0) return this.has ? this.cur : NaN;
    return this.ring.get(k - 1);
  }
}

/**
 * Scalar state with commit-on-new-stamp: the minimum for recursive filters. Subclasses check the stamp
 * inline at the top of update() (`if (bar !== this.stamp) { if (this.stamp === this.stamp)
 * this.commit(); this.stamp = bar; }`), keeping the commit() call monomorphic on hot paths.
 */
export abstract class Stamped {
  protected stamp = NaN;
  /** Called when a new stamp arrives: move the pending state into the committed state. */
  protected abstract commit(): void;
}

/**
 * Window of the last `L` calls (na included, not compacted) with running sums Sy = Σ y_j and
 * Sxy = Σ j·y_j, j = 0 for the oldest … L−1 for the newest (the current call). O(1) per bar: the sums
 * over the committed part are updated by recurrence and recomputed from the raw values every L
 * commits, which bounds rounding drift to one window's worth of operations. `na` tells whether an
 * na sits in the window (the caller then returns na). The committed sums only change at commit, so a
 * re-executed bar sees exactly the same state whatever lengths the earlier executions used.
 */
export class LinearWindow {
  private stamp = NaN;
  private pending = NaN;
  private pendingL = -1;
  private has = false;
  readonly ring = new Ring(16);
  private L = -1; // length the committed sums refer to
  private P = 0; // Σ c_j over the L−1 newest committed values (na as 0)
  private Q = 0; // Σ j·c_j, j = 0 oldest of those
  private naIn = 0; // na count among them (missing values count as na)
  private sinceRebuild = 0;
  private fP = 0;
  private fQ = 0;
  private fNa = 0;
  count = 0; // calls so far including the current one
  sy = NaN;
  sxy = NaN;
  na = true;

  /** Sums over the L−1 newest committed values, fresh (into fP, fQ, fNa). */
  private fresh(L: number): void {
    this.ring.reserve(L + 1);
    const m = Math.min(L - 1, this.ring.size);
    let P = 0;
    let Q = 0;
    let na = 0;
    // the m newest committed values take indices L−1−m … L−2
    for (let k = m - 1, j = L - 1 - m; k >= 0; k--, j++) {
      const v = this.ring.get(k);
      if (v !== v) na++;
      else {
        P += v;
        Q += j * v;
      }
    }
    this.fP = P;
    this.fQ = Q;
    this.fNa = na + (L - 1 - m);
  }

  private rebuild(L: number): void {
    this.fresh(L);
    this.L = L;
    this.P = this.fP;
    this.Q = this.fQ;
    this.naIn = this.fNa;
    this.sinceRebuild = 0;
  }

  private commit(): void {
    const x = this.pending;
    const L = this.pendingL;
    if (L !== this.L || L < 2 || ++this.sinceRebuild >= L) {
      this.ring.push(x);
      if (L >= 1) this.rebuild(L);
      return;
    }
    const old = this.ring.get(L - 2); // leaves the partial window
    const oldNa = this.ring.size < L - 1 || old !== old;
    this.ring.push(x);
    // Q' = Q − (P − c_0) + (L−2)·x ;  P' = P − c_0 + x
    const c0 = oldNa ? 0 : old;
    const xv = x !== x ? 0 : x;
    const pMinus = this.P - c0;
    this.Q = this.Q - pMinus + (L - 2) * xv;
    this.P = pMinus + xv;
    this.naIn += (x !== x ? 1 : 0) - (oldNa ? 1 : 0);
  }

  update(bar: number, x: number, L: number): void {
    if (bar !== this.stamp) {
      if (this.has) {
        this.commit();
        this.count++;
      }
      this.stamp = bar;
      this.has = true;
    }
    this.pending = x;
    this.pendingL = L >= 1 ? L : -1;
    if (!(L >= 1)) {
      this.na = true;
      return;
    }
    let P = this.P;
    let Q = this.Q;
    let naIn = this.naIn;
    if (L !== this.L) {
      this.fresh(L);
      P = this.fP;
      Q = this.fQ;
      naIn = this.fNa;
    }
    this.na = this.count + 1 < L || naIn > 0 || x !== x;
    this.sy = P + x;
    this.sxy = Q + (L - 1) * x;
  }
}
