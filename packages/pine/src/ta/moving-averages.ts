// Moving averages: ta.sma, ema, rma, wma, hma, alma, swma, vwma, linreg.
import type { RuntimeContext } from '../core/context.js';
import { CompactSum, History, LinearWindow, type TaCallSite, toLength } from './core.js';
import { ExpFilter } from './filters.js';
import { RollingSum } from './rolling-sum.js';

export class Sma implements TaCallSite {
  private readonly win = new RollingSum();
  update(bar: number, _ctx: RuntimeContext, source: number, length: number): number {
    // toLength(length), inlined: this is the hottest call site of most scripts
    const L = typeof length === 'number' ? Math.trunc(length) : NaN;
    return this.win.update(bar, source, L) / L;
  }
}

export class Ema implements TaCallSite {
  private readonly f = new ExpFilter(false);
  update(bar: number, _ctx: RuntimeContext, source: number, length: number): number {
    return this.f.update(bar, source, typeof length === 'number' ? Math.trunc(length) : NaN); // toLength, inlined
  }
}

export class Rma implements TaCallSite {
  private readonly f = new ExpFilter(true);
  update(bar: number, _ctx: RuntimeContext, source: number, length: number): number {
    return this.f.update(bar, source, typeof length === 'number' ? Math.trunc(length) : NaN); // toLength, inlined
  }
}

/**
 * Weighted MA machine. TradingView does not compact na here: an na input carries the previous value
 * into the window and only that bar's result is na. The weighted sum is taken fresh, oldest value
 * first, then divided by n(n+1)/2 — the order that reproduces TradingView bit for bit (logs test_246),
 * which is why this is O(length) per bar.
 */
export class WmaMachine {
  private readonly hist = new History(16);
  private last = NaN; // committed carry-forward value
  private pLast = NaN;
  private stamp = NaN;

  update(bar: number, x: number, L: number): number {
    if (bar !== this.stamp) {
      this.last = this.pLast;
      this.stamp = bar;
    }
    const carried = x === x ? x : this.last;
    this.pLast = carried;
    this.hist.update(bar, carried);
    if (x !== x || !(L >= 1)) return NaN;
    if (this.hist.count < L) {
      this.hist.reserve(L);
      return NaN;
    }
    this.hist.reserve(L);
    const r = this.hist.ring;
    const buf = r.buf;
    const mask = r.mask;
    const head = r.head;
    let s = 0;
    for (let i = L - 1; i >= 1; i--) s += buf[(head - i) & mask]! * (L - i);
    s += carried * L;
    return s / ((L * (L + 1)) / 2);
  }
}

export class Wma implements TaCallSite {
  private readonly m = new WmaMachine();
  update(bar: number, _ctx: RuntimeContext, source: number, length: number): number {
    return this.m.update(bar, source, toLength(length));
  }
}

/** ta.hma = wma(2·wma(src, n/2) − wma(src, n), floor(sqrt(n))). */
export class Hma implements TaCallSite {
  private readonly half = new WmaMachine();
  private readonly full = new WmaMachine();
  private readonly outer = new WmaMachine();
  update(bar: number, _ctx: RuntimeContext, source: number, length: number): number {
    const n = toLength(length);
    const a = this.half.update(bar, source, Math.floor(n / 2));
    const b = this.full.update(bar, source, n);
    return this.outer.update(bar, 2 * a - b, Math.floor(Math.sqrt(n)));
  }
}

/** Arnaud Legoux MA: Gaussian weights centred at offset·(n−1), width n/sigma. */
export class Alma implements TaCallSite {
  private readonly hist = new History(16);
  private weights: Float64Array | null = null;
  private norm = 0;
  private key = '';
  update(
    bar: number,
    _ctx: RuntimeContext,
    source: number,
    length: number,
    offset: number,
    sigma: number,
    floor?: boolean,
  ): number {
    const L = toLength(length);
    this.hist.update(bar, source);
    if (!(L >= 1)) return NaN;
    this.hist.reserve(L);
    const fl = floor === true;
    const key = `${L}|${offset}|${sigma}|${fl}`;
    if (key !== this.key) this.build(L, offset, sigma, fl, key);
    if (this.hist.count < L) return NaN;
    const w = this.weights!;
    const r = this.hist.ring;
    const buf = r.buf;
    const mask = r.mask;
    const head = r.head;
    let s = 0;
    // oldest first: hist.get(k) = buf[(head − k) & mask] for k ≥ 1
    for (let i = 0; i < L - 1; i++) s += buf[(head - (L - 1 - i)) & mask]! * w[i]!;
    s += source * w[L - 1]!;
    return s / this.norm;
  }
  private build(L: number, offset: number, sigma: number, fl: boolean, key: string): void {
    const m = fl ? Math.floor(offset * (L - 1)) : offset * (L - 1);
    const s = L / sigma;
    const w = new Float64Array(L);
    let norm = 0;
    for (let i = 0; i < L; i++) {
      const wi = Math.exp(-((i - m) * (i - m)) / (2 * s * s));
      w[i] = wi;
      norm += wi;
    }
    this.weights = w;
    this.norm = norm;
    this.key = key;
  }
}

/** Symmetrically weighted MA over 4 bars, weights 1/6, 2/6, 2/6, 1/6. */
export class Swma implements TaCallSite {
  private readonly hist = new History(4);
  update(bar: number, _ctx: RuntimeContext, source: number): number {
    const h = this.hist;
    h.update(bar, source);
    if (h.count < 4) return NaN;
    return h.get(3) * (1 / 6) + h.get(2) * (2 / 6) + h.get(1) * (2 / 6) + h.get(0) * (1 / 6);
  }
}

/** Volume-weighted MA: sma(source·volume, n) / sma(volume, n). */
export class Vwma implements TaCallSite {
  private readonly pv = new CompactSum();
  private readonly v = new CompactSum();
  update(bar: number, ctx: RuntimeContext, source: number, length: number): number {
    const L = toLength(length);
    const vol = ctx.current.volume;
    const a = this.pv.update(bar, source * vol, L) / L;
    const b = this.v.update(bar, vol, L) / L;
    return a / b;
  }
}

/**
 * Least-squares line through the last n values (x = 0 oldest … n−1 newest), evaluated at
 * n − 1 − offset; na when the window holds an na. Running sums: O(1) per bar.
 */
export class Linreg implements TaCallSite {
  private readonly w = new LinearWindow();
  update(bar: number, _ctx: RuntimeContext, source: number, length: number, offset: number): number {
    const L = toLength(length);
    const w = this.w;
    w.update(bar, source, L);
    if (w.na) return NaN;
    if (L === 1) return source;
    const sx = (L * (L - 1)) / 2;
    const sxx = ((L - 1) * L * (2 * L - 1)) / 6;
    const slope = (L * w.sxy - sx * w.sy) / (L * sxx - sx * sx);
    const intercept = w.sy / L - (slope * sx) / L;
    const off = offset === undefined || offset !== offset ? 0 : offset;
    return intercept + slope * (L - 1 - off);
  }
}
