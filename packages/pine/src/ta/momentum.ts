// Momentum and oscillators: ta.change, mom, roc, rsi, cmo, mfi, cci, stoch, wpr, tsi, macd, cog, rci.
import type { RuntimeContext } from '../core/context.js';
import { EPS, History, LinearWindow, Ring, type TaCallSite, toLength } from './core.js';
import { RollingPair } from './rolling-sum.js';
import { HighLowWindow } from './extremes.js';
import { ExpFilter } from './filters.js';
import { DevMachine } from './statistics.js';

/** Value `length` calls back at this call site (per-call-site history, na included). */
class Lag {
  private stamp = NaN;
  private cur = NaN;
  private has = false;
  private readonly ring = new Ring(16);
  private depth = -1;
  update(bar: number, x: number, L: number): number {
    if (bar !== this.stamp) {
      if (this.has) this.ring.push(this.cur);
      this.stamp = bar;
      this.has = true;
    }
    this.cur = x;
    if (!(L >= 0)) return NaN;
    if (L === 0) return x;
    if (L !== this.depth) {
      this.ring.reserve(L);
      this.depth = L;
    }
    const r = this.ring;
    return L <= r.size ? r.buf[(r.head - L) & r.mask]! : NaN;
  }
}

/**
 * The previous call's value at this call site (na included): Lag at length 1, which cmo and mfi
 * need on every bar, without the ring buffer (rsi and tsi keep it inline under their own stamp).
 */
class Prev1 {
  private stamp = NaN;
  private last = NaN; // committed: the value of the previous stamp's (last) call
  private cur = NaN;
  update(bar: number, x: number): number {
    if (bar !== this.stamp) {
      this.last = this.cur;
      this.stamp = bar;
    }
    this.cur = x;
    return this.last;
  }
}

/** ta.change for numbers: source − source[length]. */
export class Change implements TaCallSite {
  private readonly lag = new Lag();
  update(bar: number, _ctx: RuntimeContext, source: number | boolean, length?: number): number | boolean {
    const L = toLength(length, 1);
    if (typeof source === 'boolean') {
      // bool history before the first bar is false (v6 bool is never na)
      const prev = this.lag.update(bar, source ? 1 : 0, L);
      return source !== (prev === 1);
    }
    return source - this.lag.update(bar, source, L);
  }
}

export class Mom implements TaCallSite {
  private readonly lag = new Lag();
  update(bar: number, _ctx: RuntimeContext, source: number, length: number): number {
    return source - this.lag.update(bar, source, toLength(length));
  }
}

export class Roc implements TaCallSite {
  private readonly lag = new Lag();
  update(bar: number, _ctx: RuntimeContext, source: number, length: number): number {
    const p = this.lag.update(bar, source, toLength(length));
    return (100 * (source - p)) / p;
  }
}

/** RSI machine: Wilder averages of gains/losses of one-bar changes. */
export class RsiMachine {
  // one stamp check for the previous value and both filters (they always step together)
  private stamp = NaN;
  private last = NaN; // committed: the previous call's source
  private cur = NaN;
  private readonly up = new ExpFilter(true);
  private readonly dn = new ExpFilter(true);
  update(bar: number, x: number, L: number): number {
    if (bar !== this.stamp) {
      this.last = this.cur;
      this.up.commit();
      this.dn.commit();
      this.stamp = bar;
    }
    this.cur = x;
    const d = x - this.last;
    const u = this.up.step(d !== d ? NaN : Math.max(d, 0), L);
    const w = this.dn.step(d !== d ? NaN : Math.max(-d, 0), L);
    if (u !== u || w !== w) return NaN;
    if (w === 0) return 100;
    if (u === 0) return 0;
    return 100 - 100 / (1 + u / w);
  }
}

export class Rsi implements TaCallSite {
  private readonly m = new RsiMachine();
  update(bar: number, _ctx: RuntimeContext, source: number, length: number): number {
    return this.m.update(bar, source, typeof length === 'number' ? Math.trunc(length) : NaN); // toLength, inlined
  }
}

/** Chande momentum: one-bar changes split into up/down buckets (|Δ| ≤ 1e-10 counts as no move). */
export class Cmo implements TaCallSite {
  private readonly prev = new Prev1();
  private readonly w = new RollingPair();
  update(bar: number, _ctx: RuntimeContext, source: number, length: number): number {
    const L = toLength(length);
    const m = source - this.prev.update(bar, source);
    const up = m !== m ? NaN : m > EPS ? m : 0;
    const dn = m !== m ? NaN : m < -EPS ? -m : 0;
    this.w.update(bar, up, dn, L);
    const a = this.w.u;
    const b = this.w.v;
    return (100 * (a - b)) / (a + b);
  }
}

/**
 * Money flow index on `series`·volume. A change within 1e-10 is neither up nor down; with no
 * down flow at all TradingView returns 100 (logs test_241).
 */
export class Mfi implements TaCallSite {
  private readonly prev = new Prev1();
  private readonly w = new RollingPair();
  update(bar: number, ctx: RuntimeContext, series: number, length: number): number {
    const L = toLength(length);
    const ch = series - this.prev.update(bar, series);
    const mf = ctx.current.volume * series;
    // the first bar (no change yet) enters both buckets, which is how TradingView's first value
    // appears at bar length−1 and matches it
    // (a bar whose money flow is na — e.g. na volume — enters neither bucket)
    const up = mf !== mf ? NaN : ch !== ch || ch > EPS ? mf : 0;
    const dn = mf !== mf ? NaN : ch !== ch || ch < -EPS ? mf : 0;
    this.w.update(bar, up, dn, L);
    const upper = this.w.u;
    const lower = this.w.v;
    if (upper !== upper || lower !== lower) return NaN;
    if (lower === 0) return 100;
    return 100 - 100 / (1 + upper / lower);
  }
}

/** Commodity channel index: (src − sma) / (0.015 · mean deviation). */
export class Cci implements TaCallSite {
  private readonly m = new DevMachine();
  update(bar: number, _ctx: RuntimeContext, source: number, length: number): number {
    const d = this.m.update(bar, source, toLength(length));
    return (source - this.m.mean) / (0.015 * d);
  }
}

export class Stoch implements TaCallSite {
  private readonly hl = new HighLowWindow();
  update(bar: number, _ctx: RuntimeContext, source: number, high: number, low: number, length: number): number {
    if (!this.hl.update(bar, high, low, toLength(length))) return NaN;
    const { high: hh, low: ll } = this.hl;
    return (100 * (source - ll)) / (hh - ll);
  }
}

/** Williams %R on the chart's high/low/close. */
export class Wpr implements TaCallSite {
  private readonly hl = new HighLowWindow();
  update(bar: number, ctx: RuntimeContext, length: number): number {
    const c = ctx.current;
    if (!this.hl.update(bar, c.high, c.low, toLength(length))) return NaN;
    const { high: hh, low: ll } = this.hl;
    return (100 * (c.close - hh)) / (hh - ll);
  }
}

/** True strength index: double-smoothed momentum over double-smoothed |momentum| (range −1..1). */
export class Tsi implements TaCallSite {
  // one stamp check for the previous value and the four filters (they always step together)
  private stamp = NaN;
  private last = NaN; // committed: the previous call's source
  private cur = NaN;
  private readonly a1 = new ExpFilter(false);
  private readonly a2 = new ExpFilter(false);
  private readonly b1 = new ExpFilter(false);
  private readonly b2 = new ExpFilter(false);
  update(bar: number, _ctx: RuntimeContext, source: number, shortLength: number, longLength: number): number {
    if (bar !== this.stamp) {
      this.last = this.cur;
      this.a1.commit();
      this.a2.commit();
      this.b1.commit();
      this.b2.commit();
      this.stamp = bar;
    }
    this.cur = source;
    const s = toLength(shortLength);
    const l = toLength(longLength);
    const pc = source - this.last;
    const num = this.a2.step(this.a1.step(pc, l), s);
    const den = this.b2.step(this.b1.step(Math.abs(pc), l), s);
    return num / den;
  }
}

export class Macd implements TaCallSite {
  // one stamp check for the three filters (they always step together)
  private stamp = NaN;
  private readonly fast = new ExpFilter(false);
  private readonly slow = new ExpFilter(false);
  private readonly sig = new ExpFilter(false);
  update(bar: number, _ctx: RuntimeContext, source: number, fastlen: number, slowlen: number, siglen: number): number[] {
    if (bar !== this.stamp) {
      this.fast.commit();
      this.slow.commit();
      this.sig.commit();
      this.stamp = bar;
    }
    // toLength inlined (the lengths are plain numbers or na here; see core.ts)
    const f = typeof fastlen === 'number' ? Math.trunc(fastlen) : NaN;
    const sl = typeof slowlen === 'number' ? Math.trunc(slowlen) : NaN;
    const sg = typeof siglen === 'number' ? Math.trunc(siglen) : NaN;
    const macd = this.fast.step(source, f) - this.slow.step(source, sl);
    const signal = this.sig.step(macd, sg);
    return [macd, signal, macd - signal];
  }
}

/**
 * Centre of gravity: −Σ src[i]·(i+1) / Σ src[i] over the last `length` calls (i = 0 newest), i.e.
 * −(L·Sy − Sxy)/Sy with the running sums of LinearWindow: O(1) per bar.
 */
export class Cog implements TaCallSite {
  private readonly w = new LinearWindow();
  update(bar: number, _ctx: RuntimeContext, source: number, length: number): number {
    const L = toLength(length);
    const w = this.w;
    w.update(bar, source, L);
    if (w.na) return NaN;
    return -(L * w.sy - w.sxy) / w.sy;
  }
}

/**
 * Rank correlation index: Pearson correlation between time ranks and value ranks (tied values share
 * their average rank) of the last `length` values, ×100. TradingView's first value comes one bar
 * after the window is first full.
 */
export class Rci implements TaCallSite {
  private readonly h = new History(16);
  private idx = new Int32Array(0);
  private vals = new Float64Array(0);
  private ranks = new Float64Array(0);
  update(bar: number, _ctx: RuntimeContext, source: number, length: number): number {
    const L = toLength(length);
    this.h.update(bar, source);
    if (!(L >= 1)) return NaN;
    this.h.reserve(L + 1);
    if (this.h.count < L + 1) return NaN;
    if (this.vals.length !== L) {
      this.vals = new Float64Array(L);
      this.idx = new Int32Array(L);
      this.ranks = new Float64Array(L);
    }
    const v = this.vals;
    const ix = this.idx;
    const rk = this.ranks;
    for (let i = 0; i < L; i++) {
      const x = this.h.get(i);
      if (x !== x) return NaN;
      v[i] = x;
      ix[i] = i;
    }
    // indices ordered by value, ascending (insertion sort: windows are short)
    for (let i = 1; i < L; i++) {
      const k = ix[i]!;
      const kv = v[k]!;
      let j = i - 1;
      while (j >= 0 && v[ix[j]!]! > kv) {
        ix[j + 1] = ix[j]!;
        j--;
      }
      ix[j + 1] = k;
    }
    for (let i = 0; i < L; ) {
      let j = i;
      // values within 1e-10 of each other are ties (Pine's tolerant equality)
      while (j + 1 < L && v[ix[j + 1]!]! - v[ix[j]!]! <= EPS) j++;
      const rank = (i + j) / 2 + 1;
      for (let t = i; t <= j; t++) rk[ix[t]!] = rank;
      i = j + 1;
    }
    // time rank of the value i bars back: L − i (the newest is the highest)
    const mean = (L + 1) / 2;
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (let i = 0; i < L; i++) {
      const dx = L - i - mean;
      const dy = rk[i]! - mean;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
    return (100 * sxy) / Math.sqrt(sxx * syy);
  }
}
