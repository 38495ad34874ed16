// Window statistics: ta.variance, stdev, dev, correlation, median, mode, percentile_*, percentrank.
// Rolling machines compact na (an na input does not enter the window; the window is the last
// `length` non-na values), as TradingView's do (logs test_244: that is how a correlation can leave
// [-1, 1]). Variance uses TradingView's expression shapes (logs test_243):
//   biased   q/L − m·m            unbiased  q/(L−1) − m·m·L/(L−1)     clamped at 0.
import type { RuntimeContext } from '../core/context.js';
import { EPS, History, Ring, type TaCallSite, toLength } from './core.js';
import { RollingPair, RollingSum } from './rolling-sum.js';

export class VarianceMachine {
  private readonly w = new RollingPair();
  mean = NaN;
  update(bar: number, x: number, L: number, biased: boolean): number {
    const w = this.w;
    w.update(bar, x, x * x, L);
    const a = w.u;
    const q = w.v;
    if (a !== a) {
      this.mean = NaN;
      return NaN;
    }
    const m = a / L;
    this.mean = m;
    const v = biased ? q / L - m * m : q / (L - 1) - (m * m * L) / (L - 1);
    return v < 0 ? 0 : v;
  }
}

const isBiased = (b: unknown) => b !== false;

export class Variance implements TaCallSite {
  private readonly m = new VarianceMachine();
  update(bar: number, _ctx: RuntimeContext, source: number, length: number, biased?: boolean): number {
    return this.m.update(bar, source, toLength(length), isBiased(biased));
  }
}

export class Stdev implements TaCallSite {
  private readonly m = new VarianceMachine();
  update(bar: number, _ctx: RuntimeContext, source: number, length: number, biased?: boolean): number {
    return Math.sqrt(this.m.update(bar, source, toLength(length), isBiased(biased)));
  }
}

/** Mean absolute deviation around the window's SMA (fresh pass over the window: O(length)). */
export class DevMachine {
  private readonly s = new RollingSum();
  mean = NaN;
  update(bar: number, x: number, L: number): number {
    const sum = this.s.update(bar, x, L);
    if (sum !== sum) {
      this.mean = NaN;
      return NaN;
    }
    const mean = sum / L;
    this.mean = mean;
    let acc = 0;
    for (let k = 0; k < L; k++) acc += Math.abs(this.s.windowValue(k) - mean);
    return acc / L;
  }
}

export class Dev implements TaCallSite {
  private readonly m = new DevMachine();
  update(bar: number, _ctx: RuntimeContext, source: number, length: number): number {
    return this.m.update(bar, source, toLength(length));
  }
}

/**
 * Pearson correlation from five independently compacted rolling means:
 * cov = E[ab] − E[a]E[b]; result cov / sqrt(var a · var b); a covariance within 1e-10 of zero gives 0.
 */
export class Correlation implements TaCallSite {
  private readonly a = new RollingPair(); // a, a²
  private readonly b = new RollingPair(); // b, b²
  private readonly ab = new RollingSum();
  update(bar: number, _ctx: RuntimeContext, source1: number, source2: number, length: number): number {
    const L = toLength(length);
    this.a.update(bar, source1, source1 * source1, L);
    this.b.update(bar, source2, source2 * source2, L);
    const sab = this.ab.update(bar, source1 * source2, L);
    const sa = this.a.u;
    const sb = this.b.u;
    if (sa !== sa || sb !== sb || sab !== sab) return NaN;
    const ma = sa / L;
    const mb = sb / L;
    const cov = sab / L - ma * mb;
    if (Math.abs(cov) <= EPS) return 0; // isZero, inlined
    const va = this.a.v / L - ma * ma;
    const vb = this.b.v / L - mb * mb;
    return cov / Math.sqrt(va * vb);
  }
}

/**
 * Sorted copy of the last length−1 committed non-na values, so that order statistics of the window
 * including the current value need one binary search; commit is an O(length) memmove.
 */
export class SortedWindow {
  private stamp = NaN;
  private pending = NaN;
  private readonly order = new Ring(16); // committed non-na values, newest first
  private sorted = new Float64Array(16);
  private len = 0; // values in `sorted`
  private L = -1; // window length `sorted` refers to (holds the L−1 newest)
  /** Window size for the last update (0 = not enough values). */
  count = 0;
  private cur = NaN;
  private curPos = 0;

  private insert(v: number): void {
    if (this.len === this.sorted.length) {
      const nb = new Float64Array(this.sorted.length * 2);
      nb.set(this.sorted);
      this.sorted = nb;
    }
    const p = this.lowerBound(v);
    this.sorted.copyWithin(p + 1, p, this.len);
    this.sorted[p] = v;
    this.len++;
  }
  private remove(v: number): void {
    const p = this.lowerBound(v);
    this.sorted.copyWithin(p, p + 1, this.len);
    this.len--;
  }
  lowerBound(v: number): number {
    let lo = 0;
    let hi = this.len;
    const s = this.sorted;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (s[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  private rebuild(L: number): void {
    this.L = L;
    this.len = 0;
    this.order.reserve(L + 1);
    const m = Math.min(L - 1, this.order.size);
    for (let k = 0; k < m; k++) this.insert(this.order.get(k));
  }

  update(bar: number, x: number, L: number): number {
    if (bar !== this.stamp) {
      const p = this.pending;
      if (p === p) {
        if (this.L > 1) {
          if (this.len >= this.L - 1) this.remove(this.order.get(this.L - 2));
          this.insert(p);
        }
        this.order.push(p);
      }
      this.stamp = bar;
    }
    this.pending = x;
    this.cur = x;
    if (!(L >= 1)) return (this.count = 0);
    if (L !== this.L) this.rebuild(L);
    if (x === x) {
      if (this.order.size < L - 1) return (this.count = 0);
      this.curPos = this.lowerBound(x);
      return (this.count = L);
    }
    // na input: the window is the last L committed values
    if (this.order.size < L) return (this.count = 0);
    const extra = this.order.get(L - 1);
    this.cur = extra;
    this.curPos = this.lowerBound(extra);
    return (this.count = L);
  }

  /** r-th smallest (0-based) of the window evaluated by the last update. */
  at(r: number): number {
    if (r < this.curPos) return this.sorted[r]!;
    if (r === this.curPos) return this.cur;
    return this.sorted[r - 1]!;
  }
}

export class Median implements TaCallSite {
  private readonly w = new SortedWindow();
  update(bar: number, _ctx: RuntimeContext, source: number, length: number): number {
    const L = toLength(length);
    if (this.w.update(bar, source, L) === 0) return NaN;
    if (L % 2 === 1) return this.w.at((L - 1) / 2);
    return (this.w.at(L / 2 - 1) + this.w.at(L / 2)) / 2;
  }
}

/** Most frequent value of the window; ties go to the smallest value. */
export class Mode implements TaCallSite {
  private readonly w = new SortedWindow();
  update(bar: number, _ctx: RuntimeContext, source: number, length: number): number {
    const L = toLength(length);
    const w = this.w;
    if (w.update(bar, source, L) === 0) return NaN;
    let best = w.at(0);
    let bestRun = 0;
    let run = 0;
    let prev = NaN;
    for (let r = 0; r < L; r++) {
      const v = w.at(r);
      run = v === prev ? run + 1 : 1;
      prev = v;
      if (run > bestRun) {
        bestRun = run;
        best = v;
      }
    }
    return best;
  }
}

/** Linear interpolation between closest ranks at position L·p/100 + 0.5 (1-based, clamped). */
export class PercentileLinear implements TaCallSite {
  private readonly w = new SortedWindow();
  update(bar: number, _ctx: RuntimeContext, source: number, length: number, percentage: number): number {
    const L = toLength(length);
    const w = this.w;
    if (w.update(bar, source, L) === 0 || percentage !== percentage) return NaN;
    let pos = (L * percentage) / 100 + 0.5;
    if (pos < 1) pos = 1;
    if (pos > L) pos = L;
    const lo = Math.floor(pos);
    const frac = pos - lo;
    const a = w.at(lo - 1);
    if (frac === 0) return a;
    return a + frac * (w.at(lo) - a);
  }
}

/** Nearest rank: the ceil(p·L/100)-th smallest value (at least the first). */
export class PercentileNearestRank implements TaCallSite {
  private readonly w = new SortedWindow();
  update(bar: number, _ctx: RuntimeContext, source: number, length: number, percentage: number): number {
    const L = toLength(length);
    const w = this.w;
    if (w.update(bar, source, L) === 0 || percentage !== percentage) return NaN;
    let rank = Math.ceil((percentage * L) / 100);
    if (rank < 1) rank = 1;
    if (rank > L) rank = L;
    return w.at(rank - 1);
  }
}

/** Percentage of the previous `length` values that are ≤ the current one (1e-10 tolerant). */
export class PercentRank implements TaCallSite {
  private readonly h = new History(16);
  update(bar: number, _ctx: RuntimeContext, source: number, length: number): number {
    const L = toLength(length);
    const h = this.h;
    h.update(bar, source);
    if (!(L >= 1)) return NaN;
    h.reserve(L + 1);
    if (source !== source || h.count < L + 1) return NaN;
    let c = 0;
    const lim = source + EPS;
    for (let k = 1; k <= L; k++) if (h.get(k) <= lim) c++;
    return (100 * c) / L;
  }
}
