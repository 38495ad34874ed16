// Events over time: ta.cross, crossover, crossunder, barssince, valuewhen.
import type { RuntimeContext } from '../core/context.js';
import { Stamped, type TaCallSite } from './core.js';

/**
 * Relation of two series on this call and on the previous call. Comparisons are bit-exact
 * (TradingView does not apply the 1e-10 tolerance here; logs test_241). An na on either bar gives false.
 */
class CrossState extends Stamped {
  private c = NaN; // previous call's (a − b) sign: −1, 0, 1, or NaN when either was na
  private p = NaN;
  private has = false;
  protected commit(): void {
    if (this.has) this.c = this.p;
  }
  update(bar: number, a: number, b: number): number {
    if (bar !== this.stamp) {
      // inlined per class (not a shared base method) so the commit() call stays monomorphic
      if (this.stamp === this.stamp) this.commit();
      this.stamp = bar;
    }
    this.has = true;
    this.p = a !== a || b !== b ? NaN : a > b ? 1 : a < b ? -1 : 0;
    return this.c;
  }
  get now(): number {
    return this.p;
  }
}

export class Crossover implements TaCallSite {
  private readonly s = new CrossState();
  update(bar: number, _ctx: RuntimeContext, a: number, b: number): boolean {
    const prev = this.s.update(bar, a, b);
    return this.s.now === 1 && prev <= 0;
  }
}

export class Crossunder implements TaCallSite {
  private readonly s = new CrossState();
  update(bar: number, _ctx: RuntimeContext, a: number, b: number): boolean {
    const prev = this.s.update(bar, a, b);
    return this.s.now === -1 && prev >= 0;
  }
}

export class Cross implements TaCallSite {
  private readonly s = new CrossState();
  update(bar: number, _ctx: RuntimeContext, a: number, b: number): boolean {
    const prev = this.s.update(bar, a, b);
    const now = this.s.now;
    return (now === 1 && prev <= 0) || (now === -1 && prev >= 0);
  }
}

/** Bars (calls) since the condition was last true; na before the first true. */
export class Barssince extends Stamped implements TaCallSite {
  private c = NaN;
  private p = NaN;
  private has = false;
  protected commit(): void {
    if (this.has) this.c = this.p;
  }
  update(bar: number, _ctx: RuntimeContext, condition: boolean): number {
    if (bar !== this.stamp) {
      // inlined per class (not a shared base method) so the commit() call stays monomorphic
      if (this.stamp === this.stamp) this.commit();
      this.stamp = bar;
    }
    this.has = true;
    this.p = condition ? 0 : this.c + 1;
    return this.p;
  }
}

/**
 * Source value on the `occurrence`-th most recent call where the condition was true (0 = the latest,
 * which includes the current call). Works for numbers, colours and bools (bool result false when
 * there is no such occurrence, since v6 bools are never na).
 */
export class Valuewhen extends Stamped implements TaCallSite {
  private vals: unknown[] = []; // committed hits, newest last
  private pendingHit = false;
  private pendingVal: unknown = undefined;
  protected commit(): void {
    if (this.pendingHit) {
      this.vals.push(this.pendingVal);
      if (this.vals.length > 4096 && this.vals.length > 2 * this.keep) this.vals = this.vals.slice(-this.keep);
    }
    this.pendingHit = false;
  }
  private keep = 1;
  update(bar: number, _ctx: RuntimeContext, condition: boolean, source: unknown, occurrence?: number): unknown {
    if (bar !== this.stamp) {
      // inlined per class (not a shared base method) so the commit() call stays monomorphic
      if (this.stamp === this.stamp) this.commit();
      this.stamp = bar;
    }
    const occ = occurrence === undefined || occurrence !== occurrence ? 0 : Math.trunc(occurrence);
    if (occ + 1 > this.keep) this.keep = occ + 1;
    this.pendingHit = condition === true;
    this.pendingVal = source;
    const isBool = typeof source === 'boolean';
    const missing = isBool ? false : NaN;
    if (occ < 0) return missing;
    let k = occ;
    if (this.pendingHit) {
      if (k === 0) return source;
      k--;
    }
    const i = this.vals.length - 1 - k;
    return i >= 0 ? this.vals[i] : missing;
  }
}
