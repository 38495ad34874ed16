// Shapes of the stdlib registry entries and the small runtime tags the stdlib attaches to
// collections. See registry.ts for the calling conventions the code generator relies on.
import type { RuntimeContext } from '../core/context.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
export type AnyFn = (...args: any[]) => any;

/** A stateless built-in. With `needsContext`, the RuntimeContext is passed as the first argument. */
export interface StdlibFunction {
  impl: AnyFn;
  needsContext?: boolean;
}

/** One per written call site; `bar` is the stamp used to detect re-execution of the same bar. */
export interface StatefulInstance {
  update(bar: number, ctx: RuntimeContext, ...args: any[]): any;
}

export interface StdlibStateful {
  create(): StatefulInstance;
}

export interface StdlibVariable {
  get(ctx: RuntimeContext): unknown;
}

/**
 * Pine element type names as the generator spells them ('int', 'float', 'bool', 'string', 'color',
 * 'line', a UDT name…). Arrays and matrices remember theirs because TradingView prints
 * `array<float>` elements as `1.0` but `array<int>` elements as `1`.
 */
export type ElemType = string;

/** Symbol-keyed tag on a JS array holding its Pine element type. */
export const ELEM_TYPE: unique symbol = Symbol.for('pineback.elemType') as never;

export type PineArray<T = unknown> = T[] & { [ELEM_TYPE]?: ElemType };

export function tagArray<T>(arr: T[], type: ElemType | undefined): PineArray<T> {
  if (type !== undefined) (arr as PineArray<T>)[ELEM_TYPE] = type;
  return arr as PineArray<T>;
}

export function elemTypeOf(arr: unknown): ElemType | undefined {
  return arr == null ? undefined : (arr as PineArray)[ELEM_TYPE];
}

/** Element type names whose na is NaN (numbers and colours); every other type uses null. */
export function isNumericType(type: ElemType | undefined): boolean {
  return type === 'int' || type === 'float' || type === 'color';
}

export function naFor(type: ElemType | undefined): number | null {
  return type === undefined || isNumericType(type) ? NaN : null;
}
