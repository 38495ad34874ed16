// Pivots: ta.pivothigh / ta.pivotlow (reported `rightbars` bars after the pivot, on the bar that
// confirms it) and ta.pivot_point_levels.
import type { RuntimeContext } from '../core/context.js';
import { History, type TaCallSite, toLength } from './core.js';

/**
 * The value `rightbars` calls back is a pivot high when it is strictly greater than each of the
 * `leftbars` values before it and each of the `rightbars` values after it (pivot low: strictly lower).
 */
class PivotCall implements TaCallSite {
  private readonly h = new History(16);
  constructor(
    private readonly sign: 1 | -1,
    private readonly withSource: boolean,
  ) {}
  update(bar: number, ctx: RuntimeContext, a: number, b: number, c?: number): number {
    const src = this.withSource ? a : this.sign > 0 ? ctx.current.high : ctx.current.low;
    const left = toLength(this.withSource ? b : a);
    const right = toLength(this.withSource ? c : b);
    const h = this.h;
    h.update(bar, src);
    if (!(left >= 0) || !(right >= 0)) return NaN;
    h.reserve(left + right + 1);
    if (h.count < left + right + 1) return NaN;
    const p = h.get(right);
    if (p !== p) return NaN;
    const s = this.sign;
    for (let k = 0; k < right; k++) {
      const v = h.get(k);
      if (!(s > 0 ? p > v : p < v)) return NaN;
    }
    for (let k = right + 1; k <= right + left; k++) {
      const v = h.get(k);
      if (!(s > 0 ? p > v : p < v)) return NaN;
    }
    return p;
  }
}

export const makePivotHigh = (withSource: boolean) => () => new PivotCall(1, withSource);
export const makePivotLow = (withSource: boolean) => () => new PivotCall(-1, withSource);
