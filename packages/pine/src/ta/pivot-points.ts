// ta.pivot_point_levels(type, anchor, developing): classic floor-trader pivot levels from the OHLC
// of the previous anchor period (or of the current, still-forming period when `developing`).
// Result: array<float> [P, R1, S1, R2, S2, R3, S3, R4, S4, R5, S5]; levels a type does not define are na.
import type { RuntimeContext } from '../core/context.js';
import { PineRuntimeError } from '../core/errors.js';
import { Stamped, type TaCallSite } from './core.js';

interface Ohlc {
  o: number;
  h: number;
  l: number;
  c: number;
}

export function pivotLevels(type: string, p: Ohlc, currentOpen: number): number[] {
  const { o, h, l, c } = p;
  const r = h - l;
  const out = new Array<number>(11).fill(NaN);
  switch (type) {
    case 'Traditional': {
      const P = (h + l + c) / 3;
      out[0] = P;
      out[1] = P * 2 - l;
      out[2] = P * 2 - h;
      out[3] = P + r;
      out[4] = P - r;
      out[5] = P * 2 + (h - 2 * l);
      out[6] = P * 2 - (2 * h - l);
      out[7] = P * 3 + (h - 3 * l);
      out[8] = P * 3 - (3 * h - l);
      out[9] = P * 4 + (h - 4 * l);
      out[10] = P * 4 - (4 * h - l);
      break;
    }
    case 'Fibonacci': {
      const P = (h + l + c) / 3;
      out[0] = P;
      out[1] = P + 0.382 * r;
      out[2] = P - 0.382 * r;
      out[3] = P + 0.618 * r;
      out[4] = P - 0.618 * r;
      out[5] = P + r;
      out[6] = P - r;
      break;
    }
    case 'Woodie': {
      const P = (h + l + 2 * currentOpen) / 4;
      out[0] = P;
      out[1] = 2 * P - l;
      out[2] = 2 * P - h;
      out[3] = P + r;
      out[4] = P - r;
      out[5] = h + 2 * (P - l);
      out[6] = l - 2 * (h - P);
      out[7] = out[5] + r;
      out[8] = out[6] - r;
      break;
    }
    case 'Classic': {
      const P = (h + l + c) / 3;
      out[0] = P;
      out[1] = 2 * P - l;
      out[2] = 2 * P - h;
      out[3] = P + r;
      out[4] = P - r;
      out[5] = P + 2 * r;
      out[6] = P - 2 * r;
      out[7] = P + 3 * r;
      out[8] = P - 3 * r;
      break;
    }
    case 'DM': {
      const x = c > o ? 2 * h + l + c : c < o ? h + 2 * l + c : h + l + 2 * c;
      out[0] = x / 4;
      out[1] = x / 2 - l;
      out[2] = x / 2 - h;
      break;
    }
    case 'Camarilla': {
      const P = (h + l + c) / 3;
      const k = 1.1 * r;
      out[0] = P;
      out[1] = c + k / 12;
      out[2] = c - k / 12;
      out[3] = c + k / 6;
      out[4] = c - k / 6;
      out[5] = c + k / 4;
      out[6] = c - k / 4;
      out[7] = c + k / 2;
      out[8] = c - k / 2;
      out[9] = (h / l) * c;
      out[10] = c - (out[9] - c);
      break;
    }
    default:
      throw new PineRuntimeError(`ta.pivot_point_levels: unknown type "${type}"`);
  }
  return out;
}

export class PivotPointLevels extends Stamped implements TaCallSite {
  // committed: the forming period and the last completed one (NaN open = none yet)
  private cO = NaN;
  private cH = NaN;
  private cL = NaN;
  private cC = NaN;
  private kO = NaN;
  private kH = NaN;
  private kL = NaN;
  private kC = NaN;
  // pending
  private pO = NaN;
  private pH = NaN;
  private pL = NaN;
  private pC = NaN;
  private qO = NaN;
  private qH = NaN;
  private qL = NaN;
  private qC = NaN;
  private has = false;
  // levels of the completed period, cached per (period, type, current open)
  private cache: number[] | null = null;
  private cacheType = '';
  private readonly cacheKey = new Float64Array(5);
  protected commit(): void {
    if (!this.has) return;
    this.cO = this.pO;
    this.cH = this.pH;
    this.cL = this.pL;
    this.cC = this.pC;
    this.kO = this.qO;
    this.kH = this.qH;
    this.kL = this.qL;
    this.kC = this.qC;
  }
  update(bar: number, ctx: RuntimeContext, type: string, anchor: boolean, developing?: boolean): number[] {
    if (bar !== this.stamp) {
      if (this.stamp === this.stamp) this.commit();
      this.stamp = bar;
    }
    this.has = true;
    const b = ctx.current;
    let kO = this.kO;
    let kH = this.kH;
    let kL = this.kL;
    let kC = this.kC;
    let o: number;
    let h: number;
    let l: number;
    if (anchor || this.cO !== this.cO) {
      if (anchor && this.cO === this.cO) {
        kO = this.cO;
        kH = this.cH;
        kL = this.cL;
        kC = this.cC;
      }
      o = b.open;
      h = b.high;
      l = b.low;
    } else {
      o = this.cO;
      h = Math.max(this.cH, b.high);
      l = Math.min(this.cL, b.low);
    }
    this.pO = o;
    this.pH = h;
    this.pL = l;
    this.pC = b.close;
    this.qO = kO;
    this.qH = kH;
    this.qL = kL;
    this.qC = kC;
    if (developing === true) return pivotLevels(type, { o, h, l, c: b.close }, o);
    if (kO !== kO) return new Array<number>(11).fill(NaN);
    // a fresh array every bar (scripts may keep or modify it), computed once per period
    const k = this.cacheKey;
    if (this.cache === null || type !== this.cacheType || k[0] !== kO || k[1] !== kH || k[2] !== kL || k[3] !== kC || k[4] !== o) {
      this.cache = pivotLevels(type, { o: kO, h: kH, l: kL, c: kC }, o);
      this.cacheType = type;
      k[0] = kO;
      k[1] = kH;
      k[2] = kL;
      k[3] = kC;
      k[4] = o;
    }
    return this.cache.slice();
  }
}
