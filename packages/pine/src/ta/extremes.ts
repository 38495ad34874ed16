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
      if (this.hasPending) {
        const v = this.pending;
        this.ring.push(v);
        if (v !== v) this.lastNa = this.n;
        else this.pushBack(this.n, v);
        this.n++;
      }
      this.stamp = bar;
      this.hasPending = true;
    }
    this.pending = x;
  }

  /** Rare path: the window grew past what the deque retained; rebuild candidates from raw history. */
  private rebuild(from: number): void {
    this.dqLen = 0;
    this.dqHead = 0;
    const start = Math.max(from, this.n - this.ring.size, 0);
    for (let idx = start; idx < this.n; idx++) this.pushBack(idx, this.ring.get(this.n - 1 - idx));
  }

  /**
   * Best of the last `k` committed values into bestVal/bestIdx (NaN / −1 if none or all na). Results go
   * to fields rather than return values: a non-inlined call returning a double allocates a heap number.
   */
  best(k: number): void {
    this.bestIdx = -1;
    this.bestVal = NaN;
    if (k <= 0) return;
    if (k + 1 > this.reserved) {
      this.ring.reserve(k + 1);
      this.reserved = k + 1;
    }
    const from = this.n > k ? this.n - k : 0;
    if (from < this.retainFrom) this.rebuild(from);
    else {
      const mask = this.dqMask;
      const idxs = this.dqIdx;
      while (this.dqLen > 0 && idxs[this.dqHead]! < from) {
        this.dqHead = (this.dqHead + 1) & mask;
        this.dqLen--;
      }
    }
    this.retainFrom = from;
    if (this.dqLen === 0) return;
    this.bestIdx = this.dqIdx[this.dqHead]!;
    this.bestVal = this.sign * this.dqVal[this.dqHead]!;
  }

  /** Best of the current value and the previous k−1 committed ones into bestVal/bestIdx (n = current). */
  bestWithCurrent(x: number, k: number): void {
    this.best(k - 1);
    const b = this.bestVal;
    // the current value wins only when strictly better (ties: the older bar)
    if (x === x && (b !== b || this.sign * x > this.sign * b)) {
      this.bestIdx = this.n;
      this.bestVal = x;
    }
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
    w.update(bar, src);
    if (!(L >= 1) || w.n + 1 < L) return NaN;
    w.bestWithCurrent(src, L);
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
  private readonly hi = new ExtremeWindow(1);
  private readonly lo = new ExtremeWindow(-1);
  update(bar: number, _ctx: RuntimeContext, source: number, length: number): number {
    const L = toLength(length);
    this.hi.update(bar, source);
    this.lo.update(bar, source);
    if (!(L >= 1) || this.hi.n + 1 < L) return NaN;
    this.hi.bestWithCurrent(source, L);
    this.lo.bestWithCurrent(source, L);
    return this.hi.bestVal - this.lo.bestVal;
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
