// Global non-time built-ins: na(), nz(), fixnan() (stateful), the type casts and max_bars_back.
import type { RuntimeContext } from '../core/context.js';
import type { StatefulInstance, StdlibFunction, StdlibStateful } from './types.js';

/** na(x): NaN/null — and, as TradingView's division by zero yields na, ±Infinity too. */
export function na(x: unknown): boolean {
  if (x === null || x === undefined) return true;
  return typeof x === 'number' && !Number.isFinite(x);
}

/** nz(x, replacement): replacement (default 0, which is also the transparent colour) when x is na. */
export function nz(x: number, replacement?: number): number {
  if (x === x && x !== Infinity && x !== -Infinity && x !== null && x !== undefined) return x;
  return replacement === undefined || replacement !== replacement ? 0 : replacement;
}

/** int(x): truncation toward zero; na stays na. */
export function int(x: number): number {
  return x !== x || x === null || x === undefined ? NaN : Math.trunc(x);
}

export function float(x: number): number {
  return x === null || x === undefined ? NaN : x;
}

/** bool(x): a number is true when it is non-zero and not na. */
export function bool(x: unknown): boolean {
  if (typeof x === 'boolean') return x;
  if (typeof x === 'number') return x === x && x !== 0;
  return false;
}

const identity = (x: unknown): unknown => (x === undefined ? null : x);

/** fixnan(source): the last non-na value seen by this call site. */
class FixNan implements StatefulInstance {
  private stamp = -1;
  private committed = NaN;
  private current = NaN;
  update(bar: number, _ctx: RuntimeContext, source: number): number {
    if (bar !== this.stamp) {
      if (this.stamp >= 0) this.committed = this.current;
      this.stamp = bar;
    }
    this.current = source === source && source !== null && source !== undefined ? source : this.committed;
    return this.current;
  }
}

export const GLOBAL_FUNCTIONS: Record<string, StdlibFunction> = {
  na: { impl: na },
  nz: { impl: nz },
  int: { impl: int },
  float: { impl: float },
  bool: { impl: bool },
  string: { impl: identity },
  color: { impl: (x: number) => (x === null || x === undefined ? NaN : x) },
  line: { impl: identity },
  label: { impl: identity },
  box: { impl: identity },
  table: { impl: identity },
  linefill: { impl: identity },
  // History buffers are sized by the runtime; the hint needs no action here.
  max_bars_back: { impl: () => undefined },
};

export const GLOBAL_STATEFUL: Record<string, StdlibStateful> = {
  fixnan: { create: () => new FixNan() },
};
