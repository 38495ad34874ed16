// Range and trend systems on the chart's OHLC: ta.tr, atr, dmi, supertrend, sar.
// The previous bar's values are what this call site saw on its previous call (for an unconditional
// call that is the chart's previous bar, as in TradingView's own definitions).
import type { BarView, RuntimeContext } from '../core/context.js';
import { Stamped, type TaCallSite, toLength } from './core.js';
import { ExpFilter, PENDING_NONE, PENDING_VALUE, WilderBank } from './filters.js';

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

/** Directional movement: [+DI, −DI, ADX]. Uses tr(false) (na on the first bar), unlike atr. */
export class Dmi implements TaCallSite {
  // committed previous call's high/low/close (PrevBar inlined: this is a hot, wide call site)
  private stamp = NaN;
  private h1 = NaN;
  private l1 = NaN;
  private c1 = NaN;
  private ph = NaN;
  private pl = NaN;
  private pc = NaN;
  // fixnan state for +DI / −DI: committed and pending last non-na values
  private fpC = NaN;
  private fpP = NaN;
  private fmC = NaN;
  private fmP = NaN;
  /** Wilder lanes: 0 tr, 1 +DM, 2 −DM, 3 adx. */
  private readonly rma = new WilderBank(4);
  update(bar: number, ctx: RuntimeContext, diLength: number, adxSmoothing: number): number[] {
    const rma = this.rma;
    if (bar !== this.stamp) {
      if (this.stamp === this.stamp) {
        this.h1 = this.ph;
        this.l1 = this.pl;
        this.c1 = this.pc;
        this.fpC = this.fpP;
        this.fmC = this.fmP;
      }
      this.stamp = bar;
      rma.begin(bar); // the bank's stamp follows this one, so it is only checked on a new stamp
    }
    const c = ctx.current;
    const high = c.high;
    const low = c.low;
    this.ph = high;
    this.pl = low;
    this.pc = c.close;
    const n = diLength === diLength ? Math.trunc(diLength) : NaN;
    const m = adxSmoothing === adxSmoothing ? Math.trunc(adxSmoothing) : NaN;
    const up = high - this.h1;
    const down = -(low - this.l1);
    const plusDM = up !== up ? NaN : up > down && up > 0 ? up : 0;
    const minusDM = down !== down ? NaN : down > up && down > 0 ? down : 0;
    const c1 = this.c1;
    const trv = c1 !== c1 ? NaN : Math.max(high - low, Math.abs(high - c1), Math.abs(low - c1));
    const st = rma.st;
    // steady state (every lane past its warm-up: committed count ≥ its length, slot 1 of each lane's 8)
    if (trv === trv && up === up && down === down && n >= 1 && m >= 1 && st[1]! >= n && st[9]! >= n && st[17]! >= n && st[25]! >= m) {
      // WilderBank.step hand-inlined for all four lanes (V8 will not inline four calls)
      const d = rma.pend;
      const k = n - 1;
      const tr = (st[0]! * k + trv) / n;
      st[4] = tr;
      const rp = (st[8]! * k + plusDM) / n;
      st[12] = rp;
      const rm = (st[16]! * k + minusDM) / n;
      st[20] = rm;
      d[0] = d[1] = d[2] = PENDING_VALUE;
      let plus = (100 * rp) / tr;
      if (plus !== plus) plus = this.fpC;
      this.fpP = plus;
      let minus = (100 * rm) / tr;
      if (minus !== minus) minus = this.fmC;
      this.fmP = minus;
      const sum = plus + minus;
      const dx = Math.abs(plus - minus) / (sum === 0 ? 1 : sum);
      let adx = NaN;
      if (dx === dx) {
        const v = (st[24]! * (m - 1) + dx) / m;
        st[28] = v;
        d[3] = PENDING_VALUE;
        adx = 100 * v;
      } else d[3] = PENDING_NONE;
      return [plus, minus, adx];
    }
    const tr = rma.step(0, trv, n);
    const rp = rma.step(1, plusDM, n);
    const rm = rma.step(2, minusDM, n);
    let plus = (100 * rp) / tr;
    if (plus !== plus) plus = this.fpC;
    this.fpP = plus;
    let minus = (100 * rm) / tr;
    if (minus !== minus) minus = this.fmC;
    this.fmP = minus;
    const sum = plus + minus;
    const adx = 100 * rma.step(3, Math.abs(plus - minus) / (sum === 0 ? 1 : sum), m);
    return [plus, minus, adx];
  }
}

/**
 * Supertrend on hl2 ± factor·atr with TradingView's band ratchet; returns [value, direction]
 * (direction −1 = up trend, 1 = down trend). Before the ATR exists the previous bands count as 0,
 * which is why the first bar reports value 0 with direction 1.
 */
export class Supertrend implements TaCallSite {
  private readonly rma = new WilderBank(1); // the atr
  private stamp = NaN;
  // committed previous-call state
  private cClose = NaN;
  private cUpper = NaN;
  private cLower = NaN;
  private cSt = NaN;
  private cAtr = NaN;
  // pending
  private pClose = NaN;
  private pUpper = NaN;
  private pLower = NaN;
  private pSt = NaN;
  private pAtr = NaN;
  update(bar: number, ctx: RuntimeContext, factor: number, atrPeriod: number): number[] {
    if (bar !== this.stamp) {
      if (this.stamp === this.stamp) {
        this.cClose = this.pClose;
        this.cUpper = this.pUpper;
        this.cLower = this.pLower;
        this.cSt = this.pSt;
        this.cAtr = this.pAtr;
      }
      this.stamp = bar;
    }
    const c = ctx.current;
    const high = c.high;
    const low = c.low;
    const close = c.close;
    this.pClose = close;
    const close1 = this.cClose;
    // atr: rma of tr(true) (high − low on the first bar)
    const tr = close1 !== close1 ? high - low : Math.max(high - low, Math.abs(high - close1), Math.abs(low - close1));
    this.rma.begin(bar);
    const atr = this.rma.step(0, tr, atrPeriod === atrPeriod ? Math.trunc(atrPeriod) : NaN);
    const src = (high + low) / 2;
    let upper = src + factor * atr;
    let lower = src - factor * atr;
    const prevLower = this.cLower !== this.cLower ? 0 : this.cLower;
    const prevUpper = this.cUpper !== this.cUpper ? 0 : this.cUpper;
    lower = lower > prevLower || close1 < prevLower ? lower : prevLower;
    upper = upper < prevUpper || close1 > prevUpper ? upper : prevUpper;
    let dir: number;
    if (this.cAtr !== this.cAtr) dir = 1;
    else if (this.cSt === prevUpper) dir = close > upper ? -1 : 1;
    else dir = close < lower ? 1 : -1;
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
