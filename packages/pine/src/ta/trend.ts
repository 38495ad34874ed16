// Range and trend systems on the chart's OHLC: ta.tr, atr, dmi, supertrend, sar.
// The previous bar's values are what this call site saw on its previous call (for an unconditional
// call that is the chart's previous bar, as in TradingView's own definitions).
import type { BarView, RuntimeContext } from '../core/context.js';
import { Stamped, type TaCallSite, toLength } from './core.js';
import { ExpFilter } from './filters.js';

/** Remembers high/low/close of the previous call(s) with commit-on-new-stamp. */
export class PrevBar extends Stamped {
  // committed: the previous calls' bars
  h1 = NaN;
  l1 = NaN;
  c1 = NaN;
  h2 = NaN;
  l2 = NaN;
  calls = 0; // committed calls
  private ph = NaN;
  private pl = NaN;
  private pc = NaN;
  private has = false;
  protected commit(): void {
    if (!this.has) return;
    this.h2 = this.h1;
    this.l2 = this.l1;
    this.h1 = this.ph;
    this.l1 = this.pl;
    this.c1 = this.pc;
    this.calls++;
  }
  see(bar: number, c: BarView): void {
    if (bar !== this.stamp) {
      // inlined per class (not a shared base method) so the commit() call stays monomorphic
      if (this.stamp === this.stamp) this.commit();
      this.stamp = bar;
    }
    this.ph = c.high;
    this.pl = c.low;
    this.pc = c.close;
    this.has = true;
  }
}

/** True range; on the first bar (no previous close) high−low when handleNa, else na. */
export function trueRange(c: BarView, prevClose: number, handleNa: boolean): number {
  if (prevClose !== prevClose) return handleNa ? c.high - c.low : NaN;
  return Math.max(c.high - c.low, Math.abs(c.high - prevClose), Math.abs(c.low - prevClose));
}

export class Tr implements TaCallSite {
  private readonly p = new PrevBar();
  update(bar: number, ctx: RuntimeContext, handleNa?: boolean): number {
    this.p.see(bar, ctx.current);
    return trueRange(ctx.current, this.p.c1, handleNa === true);
  }
}

/** ta.tr as a variable: tr(false). */
export class TrVariable {
  private readonly p = new PrevBar();
  update(bar: number, ctx: RuntimeContext): number {
    this.p.see(bar, ctx.current);
    return trueRange(ctx.current, this.p.c1, false);
  }
}

export class AtrMachine {
  private readonly p = new PrevBar();
  private readonly rma = new ExpFilter(true);
  update(bar: number, c: BarView, L: number): number {
    this.p.see(bar, c);
    return this.rma.update(bar, trueRange(c, this.p.c1, true), L);
  }
}

export class Atr implements TaCallSite {
  private readonly m = new AtrMachine();
  update(bar: number, ctx: RuntimeContext, length: number): number {
    return this.m.update(bar, ctx.current, toLength(length));
  }
}

/** Fills na with the last non-na value of this call site. */
class FixNan {
  private stamp = NaN;
  private c = NaN;
  private p = NaN;
  update(bar: number, x: number): number {
    if (bar !== this.stamp) {
      this.c = this.p;
      this.stamp = bar;
    }
    const v = x === x ? x : this.c;
    this.p = v;
    return v;
  }
}

/** Directional movement: [+DI, −DI, ADX]. Uses tr(false) (na on the first bar), unlike atr. */
export class Dmi implements TaCallSite {
  private readonly p = new PrevBar();
  private readonly trur = new ExpFilter(true);
  private readonly plusR = new ExpFilter(true);
  private readonly minusR = new ExpFilter(true);
  private readonly adxR = new ExpFilter(true);
  private readonly fixPlus = new FixNan();
  private readonly fixMinus = new FixNan();
  update(bar: number, ctx: RuntimeContext, diLength: number, adxSmoothing: number): number[] {
    const c = ctx.current;
    const p = this.p;
    p.see(bar, c);
    const n = toLength(diLength);
    const up = c.high - p.h1;
    const down = -(c.low - p.l1);
    const plusDM = up !== up ? NaN : up > down && up > 0 ? up : 0;
    const minusDM = down !== down ? NaN : down > up && down > 0 ? down : 0;
    const tr = this.trur.update(bar, trueRange(c, p.c1, false), n);
    const plus = this.fixPlus.update(bar, (100 * this.plusR.update(bar, plusDM, n)) / tr);
    const minus = this.fixMinus.update(bar, (100 * this.minusR.update(bar, minusDM, n)) / tr);
    const sum = plus + minus;
    const adx = 100 * this.adxR.update(bar, Math.abs(plus - minus) / (sum === 0 ? 1 : sum), toLength(adxSmoothing));
    return [plus, minus, adx];
  }
}

/**
 * Supertrend on hl2 ± factor·atr with TradingView's band ratchet; returns [value, direction]
 * (direction −1 = up trend, 1 = down trend). Before the ATR exists the previous bands count as 0,
 * which is why the first bar reports value 0 with direction 1.
 */
export class Supertrend implements TaCallSite {
  private readonly atr = new AtrMachine();
  private readonly prev = new PrevBar();
  private stamp = NaN;
  // committed previous-call state
  private cUpper = NaN;
  private cLower = NaN;
  private cSt = NaN;
  private cAtr = NaN;
  // pending
  private pUpper = NaN;
  private pLower = NaN;
  private pSt = NaN;
  private pAtr = NaN;
  update(bar: number, ctx: RuntimeContext, factor: number, atrPeriod: number): number[] {
    if (bar !== this.stamp) {
      if (this.stamp === this.stamp) {
        this.cUpper = this.pUpper;
        this.cLower = this.pLower;
        this.cSt = this.pSt;
        this.cAtr = this.pAtr;
      }
      this.stamp = bar;
    }
    const c = ctx.current;
    this.prev.see(bar, c);
    const close1 = this.prev.c1;
    const atr = this.atr.update(bar, c, toLength(atrPeriod));
    const src = (c.high + c.low) / 2;
    let upper = src + factor * atr;
    let lower = src - factor * atr;
    const prevLower = this.cLower !== this.cLower ? 0 : this.cLower;
    const prevUpper = this.cUpper !== this.cUpper ? 0 : this.cUpper;
    lower = lower > prevLower || close1 < prevLower ? lower : prevLower;
    upper = upper < prevUpper || close1 > prevUpper ? upper : prevUpper;
    let dir: number;
    if (this.cAtr !== this.cAtr) dir = 1;
    else if (this.cSt === prevUpper) dir = c.close > upper ? -1 : 1;
    else dir = c.close < lower ? 1 : -1;
    const st = dir === -1 ? lower : upper;
    this.pUpper = upper;
    this.pLower = lower;
    this.pSt = st;
    this.pAtr = atr;
    return [st, dir];
  }
}

/** Parabolic SAR (TradingView's formulation, starting on the second bar). */
export class Sar implements TaCallSite {
  private readonly p = new PrevBar();
  private stamp = NaN;
  private cResult = NaN;
  private cMaxMin = NaN;
  private cAcc = NaN;
  private cBelow = false;
  private pResult = NaN;
  private pMaxMin = NaN;
  private pAcc = NaN;
  private pBelow = false;
  update(bar: number, ctx: RuntimeContext, start: number, inc: number, max: number): number {
    if (bar !== this.stamp) {
      if (this.stamp === this.stamp) {
        this.cResult = this.pResult;
        this.cMaxMin = this.pMaxMin;
        this.cAcc = this.pAcc;
        this.cBelow = this.pBelow;
      }
      this.stamp = bar;
    }
    const c = ctx.current;
    const p = this.p;
    p.see(bar, c);
    const idx = p.calls; // this call's index at the call site
    let result = this.cResult;
    let maxMin = this.cMaxMin;
    let acc = this.cAcc;
    let below = this.cBelow;
    let firstTrendBar = false;
    if (idx === 1) {
      if (c.close > p.c1) {
        below = true;
        maxMin = c.high;
        result = p.l1;
      } else {
        below = false;
        maxMin = c.low;
        result = p.h1;
      }
      firstTrendBar = true;
      acc = start;
    }
    result = result + acc * (maxMin - result);
    if (below) {
      if (result > c.low) {
        firstTrendBar = true;
        below = false;
        result = Math.max(c.high, maxMin);
        maxMin = c.low;
        acc = start;
      }
    } else if (result < c.high) {
      firstTrendBar = true;
      below = true;
      result = Math.min(c.low, maxMin);
      maxMin = c.high;
      acc = start;
    }
    if (!firstTrendBar) {
      if (below) {
        if (c.high > maxMin) {
          maxMin = c.high;
          acc = Math.min(acc + inc, max);
        }
      } else if (c.low < maxMin) {
        maxMin = c.low;
        acc = Math.min(acc + inc, max);
      }
    }
    if (below) {
      result = Math.min(result, p.l1);
      if (idx > 1) result = Math.min(result, p.l2);
    } else {
      result = Math.max(result, p.h1);
      if (idx > 1) result = Math.max(result, p.h2);
    }
    this.pResult = result;
    this.pMaxMin = maxMin;
    this.pAcc = acc;
    this.pBelow = below;
    return result;
  }
}
