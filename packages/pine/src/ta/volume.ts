// Volume-based indicators. Most are ta.* variables (one instance, updated every bar by the runtime):
// ta.obv, accdist, iii, nvi, pvi, pvt, wad, wvad, vwap; plus ta.vwap(source, anchor, stdev_mult).
import type { BarView, RuntimeContext } from '../core/context.js';
import { Stamped, type TaCallSite, type TaVariableSite } from './core.js';

/**
 * Running total with commit-on-new-stamp; na terms are skipped. The total is na until the first
 * non-na term (so e.g. ta.obv is na on the first bar, where change(close) is na). Plain left-to-right
 * summation: that is what TradingView does (accdist/pvt fixtures are bit-identical on every row this
 * way, and only ~20–35% of rows with a compensated sum).
 */
export class Cumulator extends Stamped {
  private c = NaN;
  private p = NaN;
  private dirty = false;
  protected commit(): void {
    if (this.dirty) this.c = this.p;
    this.dirty = false;
  }
  update(bar: number, x: number): number {
    if (bar !== this.stamp) {
      // inlined per class (not a shared base method) so the commit() call stays monomorphic
      if (this.stamp === this.stamp) this.commit();
      this.stamp = bar;
    }
    const c = this.c;
    this.p = x !== x ? c : c !== c ? x : c + x;
    this.dirty = true;
    return this.p;
  }
}

/** Previous call's close and volume, for the change-based indicators. */
class Prev extends Stamped {
  close1 = NaN;
  volume1 = NaN;
  private pc = NaN;
  private pv = NaN;
  private has = false;
  protected commit(): void {
    if (!this.has) return;
    this.close1 = this.pc;
    this.volume1 = this.pv;
  }
  see(bar: number, c: BarView): void {
    if (bar !== this.stamp) {
      // inlined per class (not a shared base method) so the commit() call stays monomorphic
      if (this.stamp === this.stamp) this.commit();
      this.stamp = bar;
    }
    this.pc = c.close;
    this.pv = c.volume;
    this.has = true;
  }
}

export class Cum implements TaCallSite {
  private readonly c = new Cumulator();
  update(bar: number, _ctx: RuntimeContext, source: number): number {
    return this.c.update(bar, source);
  }
}

/** On-balance volume: cum(sign(change(close)) · volume). */
export class Obv implements TaVariableSite {
  private readonly prev = new Prev();
  private readonly cum = new Cumulator();
  update(bar: number, ctx: RuntimeContext): number {
    const c = ctx.current;
    this.prev.see(bar, c);
    return this.cum.update(bar, Math.sign(c.close - this.prev.close1) * c.volume);
  }
}

/** Accumulation/distribution: cum(((close−low) − (high−close)) / (high−low) · volume); 0 on a flat bar. */
export class AccDist implements TaVariableSite {
  private readonly cum = new Cumulator();
  update(bar: number, ctx: RuntimeContext): number {
    const c = ctx.current;
    const mfm = (c.close === c.high && c.close === c.low) || c.high === c.low ? 0 : (2 * c.close - c.low - c.high) / (c.high - c.low);
    return this.cum.update(bar, mfm * c.volume);
  }
}

/** Intraday intensity index: (2·close − high − low) / ((high − low) · volume). */
export class Iii implements TaVariableSite {
  update(_bar: number, ctx: RuntimeContext): number {
    const c = ctx.current;
    return (2 * c.close - c.high - c.low) / ((c.high - c.low) * c.volume);
  }
}

/**
 * Negative (positive) volume index: starts at 1 and moves by the close's relative change on bars
 * whose volume is lower (higher) than the previous bar's.
 */
class VolumeIndex extends Stamped implements TaVariableSite {
  private readonly prev = new Prev();
  private c = NaN;
  private p = NaN;
  private dirty = false;
  constructor(private readonly negative: boolean) {
    super();
  }
  protected commit(): void {
    if (this.dirty) this.c = this.p;
    this.dirty = false;
  }
  update(bar: number, ctx: RuntimeContext): number {
    if (bar !== this.stamp) {
      // inlined per class (not a shared base method) so the commit() call stays monomorphic
      if (this.stamp === this.stamp) this.commit();
      this.stamp = bar;
    }
    const cur = ctx.current;
    this.prev.see(bar, cur);
    const prevIdx = this.c !== this.c || this.c === 0 ? 1 : this.c;
    const c0 = cur.close;
    const c1 = this.prev.close1;
    let v: number;
    if (!(c0 === c0 && c0 !== 0) || !(c1 === c1 && c1 !== 0)) v = prevIdx;
    else {
      const v1 = this.prev.volume1 === this.prev.volume1 ? this.prev.volume1 : 0;
      const moved = this.negative ? cur.volume < v1 : cur.volume > v1;
      v = moved ? prevIdx + ((c0 - c1) / c1) * prevIdx : prevIdx;
    }
    this.p = v;
    this.dirty = true;
    return v;
  }
}
export const makeNvi = () => new VolumeIndex(true);
export const makePvi = () => new VolumeIndex(false);

/** Price-volume trend: cum(change(close) / close[1] · volume). */
export class Pvt implements TaVariableSite {
  private readonly prev = new Prev();
  private readonly cum = new Cumulator();
  update(bar: number, ctx: RuntimeContext): number {
    const c = ctx.current;
    this.prev.see(bar, c);
    const c1 = this.prev.close1;
    return this.cum.update(bar, ((c.close - c1) / c1) * c.volume);
  }
}

/** Williams accumulation/distribution: cum of close − true low (up bar) or close − true high (down bar). */
export class Wad implements TaVariableSite {
  private readonly prev = new Prev();
  private readonly cum = new Cumulator();
  update(bar: number, ctx: RuntimeContext): number {
    const c = ctx.current;
    this.prev.see(bar, c);
    const c1 = this.prev.close1;
    const trueHigh = Math.max(c.high, c1);
    const trueLow = Math.min(c.low, c1);
    const mom = c.close - c1;
    const gain = mom > 0 ? c.close - trueLow : mom < 0 ? c.close - trueHigh : 0;
    return this.cum.update(bar, gain);
  }
}

/** Williams variable accumulation/distribution: (close − open) / (high − low) · volume. */
export class Wvad implements TaVariableSite {
  update(_bar: number, ctx: RuntimeContext): number {
    const c = ctx.current;
    return ((c.close - c.open) / (c.high - c.low)) * c.volume;
  }
}

/**
 * Anchored VWAP with standard-deviation bands. Sums restart on every bar where `anchor` is true; before
 * the first anchor the result is na. Terms with na source or volume are skipped. Plain sums in
 * TradingView's term order (src·vol, vol, src·src·vol) and variance Σsrc²v/Σv − vwap²: bit-identical
 * to TradingView on every row of the vwap fixture.
 */
export class VwapMachine extends Stamped {
  private cPv = 0;
  private cV = 0;
  private cPv2 = 0;
  private cStarted = false;
  private pPv = 0;
  private pV = 0;
  private pPv2 = 0;
  private pStarted = false;
  private dirty = false;
  vwap = NaN;
  stdev = NaN;
  protected commit(): void {
    if (!this.dirty) return;
    this.cPv = this.pPv;
    this.cV = this.pV;
    this.cPv2 = this.pPv2;
    this.cStarted = this.pStarted;
    this.dirty = false;
  }
  update(bar: number, src: number, vol: number, anchor: boolean): void {
    if (bar !== this.stamp) {
      // inlined per class (not a shared base method) so the commit() call stays monomorphic
      if (this.stamp === this.stamp) this.commit();
      this.stamp = bar;
    }
    this.dirty = true;
    let pv = 0;
    let v = 0;
    let pv2 = 0;
    let started = true;
    if (!anchor) {
      pv = this.cPv;
      v = this.cV;
      pv2 = this.cPv2;
      started = this.cStarted;
    }
    if (started && src === src && vol === vol) {
      pv += src * vol;
      v += vol;
      pv2 += src * src * vol;
    }
    this.pPv = pv;
    this.pV = v;
    this.pPv2 = pv2;
    this.pStarted = started;
    if (!started) {
      this.vwap = this.stdev = NaN;
      return;
    }
    const vwap = pv / v;
    const variance = pv2 / v - vwap * vwap;
    this.vwap = vwap;
    this.stdev = Math.sqrt(variance > 0 ? variance : 0);
  }
}

/** ta.vwap(source, anchor?) — anchor defaults to the start of a new trading day. */
export class Vwap implements TaCallSite {
  private readonly m = new VwapMachine();
  update(bar: number, ctx: RuntimeContext, source: number, anchor?: boolean): number {
    this.m.update(bar, source, ctx.current.volume, anchor === undefined ? ctx.current.newDay : anchor);
    return this.m.vwap;
  }
}

/** ta.vwap(source, anchor, stdev_mult) → [vwap, upper, lower]. */
export class VwapBands implements TaCallSite {
  private readonly m = new VwapMachine();
  update(bar: number, ctx: RuntimeContext, source: number, anchor: boolean | undefined, stdevMult: number): number[] {
    const m = this.m;
    m.update(bar, source, ctx.current.volume, anchor === undefined ? ctx.current.newDay : anchor);
    const d = m.stdev * stdevMult;
    return [m.vwap, m.vwap + d, m.vwap - d];
  }
}

/** The ta.vwap variable: vwap(hlc3) anchored daily. */
export class VwapVariable implements TaVariableSite {
  private readonly m = new VwapMachine();
  update(bar: number, ctx: RuntimeContext): number {
    const c = ctx.current;
    this.m.update(bar, (c.high + c.low + c.close) / 3, c.volume, c.newDay);
    return this.m.vwap;
  }
}
