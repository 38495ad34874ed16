// Envelopes: ta.bb, bbw (Bollinger, on sma ± mult·stdev) and ta.kc, kcw (Keltner, on ema ± mult·ema(range)).
import type { RuntimeContext } from '../core/context.js';
import { type TaCallSite, toLength } from './core.js';
import { ExpFilter } from './filters.js';
import { VarianceMachine } from './statistics.js';
import { PrevBar, trueRange } from './trend.js';

class BbMachine {
  private readonly v = new VarianceMachine();
  basis = NaN;
  dev = NaN;
  update(bar: number, x: number, L: number, mult: number): void {
    const variance = this.v.update(bar, x, L, true);
    this.basis = this.v.mean;
    this.dev = mult * Math.sqrt(variance);
  }
}

export class Bb implements TaCallSite {
  private readonly m = new BbMachine();
  update(bar: number, _ctx: RuntimeContext, series: number, length: number, mult: number): number[] {
    const m = this.m;
    m.update(bar, series, toLength(length), mult);
    return [m.basis, m.basis + m.dev, m.basis - m.dev];
  }
}

export class Bbw implements TaCallSite {
  private readonly m = new BbMachine();
  update(bar: number, _ctx: RuntimeContext, series: number, length: number, mult: number): number {
    const m = this.m;
    m.update(bar, series, toLength(length), mult);
    // TradingView reports the Bollinger width in percent
    return ((m.basis + m.dev - (m.basis - m.dev)) / m.basis) * 100;
  }
}

class KcMachine {
  private readonly basisF = new ExpFilter(false);
  private readonly rangeF = new ExpFilter(false);
  private readonly p = new PrevBar();
  basis = NaN;
  span = NaN;
  update(bar: number, ctx: RuntimeContext, x: number, L: number, mult: number, useTrueRange: boolean): void {
    const c = ctx.current;
    this.p.see(bar, c);
    this.basis = this.basisF.update(bar, x, L);
    const range = useTrueRange ? trueRange(c, this.p.c1, true) : c.high - c.low;
    this.span = this.rangeF.update(bar, range, L) * mult;
  }
}

export class Kc implements TaCallSite {
  private readonly m = new KcMachine();
  update(bar: number, ctx: RuntimeContext, series: number, length: number, mult: number, useTrueRange?: boolean): number[] {
    const m = this.m;
    m.update(bar, ctx, series, toLength(length), mult, useTrueRange !== false);
    return [m.basis, m.basis + m.span, m.basis - m.span];
  }
}

export class Kcw implements TaCallSite {
  private readonly m = new KcMachine();
  update(bar: number, ctx: RuntimeContext, series: number, length: number, mult: number, useTrueRange?: boolean): number {
    const m = this.m;
    m.update(bar, ctx, series, toLength(length), mult, useTrueRange !== false);
    return (m.basis + m.span - (m.basis - m.span)) / m.basis;
  }
}
