// Window extremes: ta.highest, lowest, highestbars, lowestbars, range, max, min, rising, falling.
// A monotonic deque keeps the candidates of the committed window, so each bar is O(1) amortised.
// Comparisons are bit-exact here (TradingView does not apply its 1e-10 tolerance to highest/lowest),
// except rising/falling, which are tolerant (logs test_241).
import type { RuntimeContext } from '../core/context.js';
import { EPS, Ring, type TaCallSite, toLength } from './core.js';

/**
 * Committed history of one input plus a monotonic deque answering "best of the last k committed
 * values". `sign` = 1 for maxima, −1 for minima: values are stored multiplied by `sign`, so the deque
 * logic is always "maximum" without a branch. Ties resolve to the oldest bar (as TradingView reports
 * highestbars/lowestbars).
 */
export class ExtremeWindow {
  private stamp = NaN;
  private pending = NaN;
  private hasPending = false;
  /** Number of committed calls; the current call has index n. */
  n = 0;
  private readonly ring = new Ring(16);
  private reserved = 0;
  private dqIdx = new Float64Array(16);
  private dqVal = new Float64Array(16); // sign·value
  private dqMask = 15;
  private dqHead = 0;
  private dqLen = 0;
  private retainFrom = 0;
  /** Index of the most recent committed na input (−1: none). */
  lastNa = -1;
  bestIdx = -1;
  bestVal = NaN;

  constructor(private readonly sign: 1 | -1) {}

  private pushBack(idx: number, v: number): void {
    if (v !== v) return;
    const sv = this.sign * v;
    const mask = this.dqMask;
    const vals = this.dqVal;
    let len = this.dqLen;
    // strictly smaller candidates can never be the extreme again; equal ones stay (older wins ties)
    while (len > 0 && sv > vals[(this.dqHead + len - 1) & mask]!) len--;
    this.dqLen = len;
    if (len === this.dqIdx.length) this.growDq();
    const j = (this.dqHead + this.dqLen) & this.dqMask;
    this.dqIdx[j] = idx;
    this.dqVal[j] = sv;
    this.dqLen++;
  }

  private growDq(): void {
    const c = this.dqIdx.length * 2;
    const ni = new Float64Array(c);
    const nv = new Float64Array(c);
    for (let k = 0; k < this.dqLen; k++) {
      const j = (this.dqHead + k) & this.dqMask;
      ni[k] = this.dqIdx[j]!;
      nv[k] = this.dqVal[j]!;
    }
    this.dqIdx = ni;
    this.dqVal = nv;
    this.dqMask = c - 1;
    this.dqHead = 0;
  }

  update(bar: number, x: number): void {
    if (bar !== this.stamp) {
      if (this.hasPending) this.commit();
      this.stamp = bar;
      this.hasPending = true;
    }
    this.pending = x;
  }

  private commit(): void {
    const v = this.pending;
    this.ring.push(v);
    if (v !== v) this.lastNa = this.n;
    else this.pushBack(this.n, v);
    this.n++;
  }

  /**
   * update() and bestWithCurrent(x, L) in one call (the hot path of every windowed extreme): returns
   * false (bestVal NaN) for an invalid length or before L calls have been seen.
   */
  window(bar: number, x: number, L: number): boolean {
    if (bar !== this.stamp) {
      if (this.hasPending) this.commit();
      this.stamp = bar;
      this.hasPending = true;
    }
    this.pending = x;
    const n = this.n;
    if (!(L >= 1) || n + 1 < L) {
      this.bestIdx = -1;
      this.bestVal = NaN;
      return false;
    }
    const sign = this.sign;
    let bi = -1;
    let bv = NaN;
    const k = L - 1;
    if (k > 0) {
      if (L > this.reserved) this.reserveRing(L);
      const from = n - k; // n + 1 ≥ L, so n ≥ k
      if (from < this.retainFrom) this.rebuild(from);
      else {
        const idxs = this.dqIdx;
        let h = this.dqHead;
        let len = this.dqLen;
        if (len > 0 && idxs[h]! < from) {
          const mask = this.dqMask;
          do {
            h = (h + 1) & mask;
            len--;
          } while (len > 0 && idxs[h]! < from);
          this.dqHead = h;
          this.dqLen = len;
        }
      }
      this.retainFrom = from;
      if (this.dqLen > 0) {
        bi = this.dqIdx[this.dqHead]!;
        bv = sign * this.dqVal[this.dqHead]!;
      }
    }
    // the current value wins only when strictly better (ties: the older bar)
    if (x === x && (bv !== bv || sign * x > sign * bv)) {
      bi = n;
      bv = x;
    }
    this.bestIdx = bi;
    this.bestVal = bv;
    return true;
  }

  private reserveRing(depth: number): void {
    this.ring.reserve(depth);
    this.reserved = depth;
  }

  /** Rare path: the window grew past what the deque retained; rebuild candidates from raw history. */
  private rebuild(from: number): void {
    this.dqLen = 0;
    this.dqHead = 0;
    const start = Math.max(from, this.n - this.ring.size, 0);
    for (let idx = start; idx < this.n; idx++) this.pushBack(idx, this.ring.get(this.n - 1 - idx));
  }
}

class ExtremeCall implements TaCallSite {
  protected readonly w: ExtremeWindow;
  constructor(
    sign: 1 | -1,
    private readonly field: 'high' | 'low',
    private readonly bars: boolean,
    private readonly withSource: boolean,
  ) {
    this.w = new ExtremeWindow(sign);
  }
  update(bar: number, ctx: RuntimeContext, a: number, b?: number): number {
    const src = this.withSource ? a : this.field === 'high' ? ctx.current.high : ctx.current.low;
    const L = toLength(this.withSource ? b : a);
    const w = this.w;
    if (!w.window(bar, src, L)) return NaN;
    const v = w.bestVal;
    if (v !== v) return NaN;
    return this.bars ? w.bestIdx - w.n : v;
  }
}

export const makeHighest = (withSource: boolean) => () => new ExtremeCall(1, 'high', false, withSource);
export const makeLowest = (withSource: boolean) => () => new ExtremeCall(-1, 'low', false, withSource);
export const makeHighestBars = (withSource: boolean) => () => new ExtremeCall(1, 'high', true, withSource);
export const makeLowestBars = (withSource: boolean) => () => new ExtremeCall(-1, 'low', true, withSource);

/** ta.range = highest − lowest over the same window. */
export class Range implements TaCallSite {
  private readonly w = new HighLowWindow();
  update(bar: number, _ctx: RuntimeContext, source: number, length: number): number {
    const w = this.w;
    if (!w.update(bar, source, source, toLength(length))) return NaN;
    return w.high - w.low;
  }
}

/** All-time extreme (ta.max / ta.min); na inputs are ignored. */
class AllTime implements TaCallSite {
  private stamp = NaN;
  private c = NaN;
  private p = NaN;
  constructor(private readonly sign: 1 | -1) {}
  update(bar: number, _ctx: RuntimeContext, source: number): number {
    if (bar !== this.stamp) {
      this.c = this.p;
      this.stamp = bar;
    }
    let v = this.c;
    if (source === source && (v !== v || (this.sign > 0 ? source > v : source < v))) v = source;
    this.p = v;
    return v;
  }
}
export const makeMax = () => new AllTime(1);
export const makeMin = () => new AllTime(-1);

/**
 * ta.rising / ta.falling: true when the source has risen (fallen) on each of the last `length` bars,
 * i.e. x > x[1] > … > x[length], each step compared with Pine's 1e-10 tolerance (TradingView's
 * behaviour in the fixtures and logs test_241). Kept as a run-length counter: O(1) per bar.
 */
class Monotone implements TaCallSite {
  private stamp = NaN;
  private prev = NaN; // committed previous value
  private run = 0; // committed run length
  private pVal = NaN;
  private pRun = 0;
  private has = false;
  constructor(private readonly sign: 1 | -1) {}
  update(bar: number, _ctx: RuntimeContext, source: number, length: number): boolean {
    if (bar !== this.stamp) {
      if (this.has) {
        this.prev = this.pVal;
        this.run = this.pRun;
      }
      this.stamp = bar;
      this.has = true;
    }
    const d = this.sign > 0 ? source - this.prev : this.prev - source;
    const run = d > EPS ? this.run + 1 : 0;
    this.pVal = source;
    this.pRun = run;
    const L = toLength(length);
    return L >= 1 && run >= L;
  }
}
export const makeRising = () => new Monotone(1);
export const makeFalling = () => new Monotone(-1);

/**
 * Highest of one series and lowest of another over the same window of the last L calls including the
 * current one (ta.range: both the source; ta.stoch / ta.wpr: high and low). Same results as two
 * ExtremeWindows (ties to the older bar, na skipped), but one stamp, one commit and both monotonic
 * deques inline: the two-deque step is the whole cost of these functions.
 */
export class HighLowWindow {
  private stamp = NaN;
  private pH = NaN;
  private pL = NaN;
  private hasPending = false;
  /** Committed calls; the current call has index n. */
  private n = 0;
  private readonly ringH = new Ring(16);
  private readonly ringL = new Ring(16);
  private reserved = 0;
  private retainFrom = 0;
  // max-deque over high values and min-deque over low values: bar indices and values, power-of-two rings
  private hIdx = new Float64Array(16);
  private hVal = new Float64Array(16);
  private hMask = 15;
  private hHead = 0;
  private hLen = 0;
  private lIdx = new Float64Array(16);
  private lVal = new Float64Array(16);
  private lMask = 15;
  private lHead = 0;
  private lLen = 0;
  high = NaN;
  low = NaN;

  private commit(): void {
    const n = this.n;
    const h = this.pH;
    const l = this.pL;
    this.ringH.push(h);
    this.ringL.push(l);
    if (h === h) this.pushHigh(n, h);
    if (l === l) this.pushLow(n, l);
    this.n = n + 1;
  }

  private pushHigh(idx: number, v: number): void {
    let len = this.hLen;
    const mask = this.hMask;
    const vals = this.hVal;
    const head = this.hHead;
    // strictly smaller candidates can never be the extreme again; equal ones stay (older wins ties)
    while (len > 0 && v > vals[(head + len - 1) & mask]!) len--;
    if (len === vals.length) {
      this.hLen = len;
      this.growHigh();
    }
    const j = (this.hHead + len) & this.hMask;
    this.hIdx[j] = idx;
    this.hVal[j] = v;
    this.hLen = len + 1;
  }

  private pushLow(idx: number, v: number): void {
    let len = this.lLen;
    const mask = this.lMask;
    const vals = this.lVal;
    const head = this.lHead;
    while (len > 0 && v < vals[(head + len - 1) & mask]!) len--;
    if (len === vals.length) {
      this.lLen = len;
      this.growLow();
    }
    const j = (this.lHead + len) & this.lMask;
    this.lIdx[j] = idx;
    this.lVal[j] = v;
    this.lLen = len + 1;
  }

  private growHigh(): void {
    const c = this.hIdx.length * 2;
    const ni = new Float64Array(c);
    const nv = new Float64Array(c);
    for (let k = 0; k < this.hLen; k++) {
      const j = (this.hHead + k) & this.hMask;
      ni[k] = this.hIdx[j]!;
      nv[k] = this.hVal[j]!;
    }
    this.hIdx = ni;
    this.hVal = nv;
    this.hMask = c - 1;
    this.hHead = 0;
  }

  private growLow(): void {
    const c = this.lIdx.length * 2;
    const ni = new Float64Array(c);
    const nv = new Float64Array(c);
    for (let k = 0; k < this.lLen; k++) {
      const j = (this.lHead + k) & this.lMask;
      ni[k] = this.lIdx[j]!;
      nv[k] = this.lVal[j]!;
    }
    this.lIdx = ni;
    this.lVal = nv;
    this.lMask = c - 1;
    this.lHead = 0;
  }

  /** Rare path: the window grew past what the deques retained; rebuild them from raw history. */
  private rebuild(from: number): void {
    this.hLen = this.lLen = 0;
    this.hHead = this.lHead = 0;
    const n = this.n;
    const start = Math.max(from, n - this.ringH.size, 0);
    for (let idx = start; idx < n; idx++) {
      const h = this.ringH.get(n - 1 - idx);
      const l = this.ringL.get(n - 1 - idx);
      if (h === h) this.pushHigh(idx, h);
      if (l === l) this.pushLow(idx, l);
    }
  }

  /** Sets high/low for the window ending with the current call; false (both NaN) when not available. */
  update(bar: number, h: number, l: number, L: number): boolean {
    if (bar !== this.stamp) {
      if (this.hasPending) this.commit();
      this.stamp = bar;
      this.hasPending = true;
    }
    this.pH = h;
    this.pL = l;
    const n = this.n;
    if (!(L >= 1) || n + 1 < L) {
      this.high = this.low = NaN;
      return false;
    }
    let hi = NaN;
    let lo = NaN;
    if (L > 1) {
      if (L > this.reserved) {
        this.ringH.reserve(L);
        this.ringL.reserve(L);
        this.reserved = L;
      }
      const from = n - L + 1;
      if (from < this.retainFrom) this.rebuild(from);
      else {
        let head = this.hHead;
        let len = this.hLen;
        const hIdx = this.hIdx;
        while (len > 0 && hIdx[head]! < from) {
          head = (head + 1) & this.hMask;
          len--;
        }
        this.hHead = head;
        this.hLen = len;
        head = this.lHead;
        len = this.lLen;
        const lIdx = this.lIdx;
        while (len > 0 && lIdx[head]! < from) {
          head = (head + 1) & this.lMask;
          len--;
        }
        this.lHead = head;
        this.lLen = len;
      }
      this.retainFrom = from;
      if (this.hLen > 0) hi = this.hVal[this.hHead]!;
      if (this.lLen > 0) lo = this.lVal[this.lHead]!;
    }
    if (h === h && (hi !== hi || h > hi)) hi = h;
    if (l === l && (lo !== lo || l < lo)) lo = l;
    this.high = hi;
    this.low = lo;
    return true;
  }
}
