// Small functions the generated code calls (`$rt.*`): tolerant comparisons, na handling, casts,
// object access with Pine's error messages, source readers, alerts and logs. Hot ones are tiny so
// V8 inlines them.
import type { BarColumns } from '../core/bars.js';
import type { LogLevel, RuntimeContext } from '../core/context.js';
import { PineRuntimeError } from '../core/errors.js';
import { AnySeries, NumSeries } from './series.js';
import type { Outputs } from './outputs.js';
import { Drawing } from './drawings.js';

export { NumSeries, barHistory } from './series.js';

export class BoolSeries extends AnySeries<boolean> {
  constructor(depth: number) {
    super(depth, false);
  }
}
export class ObjSeries extends AnySeries<unknown> {
  constructor(depth: number) {
    super(depth, null);
  }
}
/** For values whose type the generator could not infer: na before the first bar is NaN. */
export class UnknownSeries extends AnySeries<unknown> {
  constructor(depth: number) {
    super(depth, NaN);
  }
}

/** Pine's float comparisons treat |a − b| ≤ 1e-10 as equal. */
const EPS = 1e-10;

export function eq(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b || Math.abs(a - b) <= EPS;
  return a === b || (a == null && b == null);
}
export function ne(a: unknown, b: unknown): boolean {
  return !eq(a, b);
}
export function lt(a: number, b: number): boolean {
  return b - a > EPS;
}
export function gt(a: number, b: number): boolean {
  return a - b > EPS;
}
export function le(a: number, b: number): boolean {
  return a - b <= EPS;
}
export function ge(a: number, b: number): boolean {
  return b - a <= EPS;
}

/** v5 `and`/`or`: both operands are evaluated (function arguments) before combining. */
export function and5(a: boolean, b: boolean): boolean {
  return a && b;
}
export function or5(a: boolean, b: boolean): boolean {
  return a || b;
}

export function truthy(x: unknown): boolean {
  if (typeof x === 'number') return x === x && x !== 0;
  return x !== null && x !== undefined && x !== false;
}

export function isNaN(x: number): boolean {
  return x !== x;
}
export function isNa(x: unknown): boolean {
  return x === null || x === undefined || (typeof x === 'number' && x !== x);
}
export function nz<T>(x: T, r: T): T {
  return x === null || x === undefined || (typeof x === 'number' && x !== x) ? r : x;
}
export function fixnan<T>(state: { v: unknown }, x: T): T {
  if (x === null || x === undefined || (typeof x === 'number' && x !== x)) return state.v as T;
  state.v = x;
  return x;
}
export function toInt(x: number): number {
  return Math.trunc(x);
}
/** v5 int / int. */
export function idiv(a: number, b: number): number {
  return Math.trunc(a / b);
}
export function mod(a: number, b: number): number {
  return a % b;
}
/** String concatenation where either side may be na (null): the result is na. */
export function concat(a: string | null, b: string | null): string | null {
  return a === null || b === null ? null : a + b;
}

/** Dereferences an object for field access; na objects are a runtime error as in TradingView. */
export function obj<T>(o: T | null | undefined): T {
  if (o === null || o === undefined) throw new PineRuntimeError('Cannot access a field of an object that is na');
  return o;
}
/** Field access on a value of unknown type. */
export function field(o: unknown, name: string): unknown {
  const x = obj(o) as Record<string, unknown>;
  const k = `f_${name}`;
  return k in x ? x[k] : x[name];
}
export function copyObject<T extends object>(o: T | null): T | null {
  if (o === null || o === undefined) return null;
  return Object.assign(Object.create(Object.getPrototypeOf(o)), o) as T;
}

export class EnumMember {
  constructor(
    readonly enumName: string,
    readonly name: string,
    readonly title: string,
  ) {}
  toPineString(): string {
    return this.title;
  }
  toString(): string {
    return this.title;
  }
}
export function enumMember(enumName: string, name: string, title: string): EnumMember {
  return new EnumMember(enumName, name, title);
}

/** input.source: a reader for the selected built-in series, or null when the default is another expression. */
export function sourceReader(b: BarColumns, name: string | null): ((i: number) => number) | null {
  switch (name) {
    case 'open':
      return (i) => b.open[i]!;
    case 'high':
      return (i) => b.high[i]!;
    case 'low':
      return (i) => b.low[i]!;
    case 'close':
      return (i) => b.close[i]!;
    case 'volume':
      return (i) => b.volume[i]!;
    case 'hl2':
      return (i) => (b.high[i]! + b.low[i]!) / 2;
    case 'hlc3':
      return (i) => (b.high[i]! + b.low[i]! + b.close[i]!) / 3;
    case 'ohlc4':
      return (i) => (b.open[i]! + b.high[i]! + b.low[i]! + b.close[i]!) / 4;
    case 'hlcc4':
      return (i) => (b.high[i]! + b.low[i]! + b.close[i]! + b.close[i]!) / 4;
    default:
      return null;
  }
}

export function indexHistory(bar: number, offset: number): number {
  if (offset !== offset) return NaN;
  const i = bar - Math.trunc(offset);
  return i >= 0 && i <= bar ? i : NaN;
}

// for…in over arrays (and, when the type was not known statically, maps and matrices).
export function iterLength(a: unknown): number {
  if (Array.isArray(a)) return a.length;
  if (a instanceof Map) return a.size;
  const rows = (a as { rows?: () => number } | null)?.rows;
  return typeof rows === 'function' ? rows.call(a) : 0;
}
export function iterItem(a: unknown, k: number): unknown {
  if (Array.isArray(a)) return a[k];
  if (a instanceof Map) return Array.from(a.values())[k];
  const row = (a as { row?: (i: number) => unknown }).row;
  return typeof row === 'function' ? row.call(a, k) : null;
}
export function iterKey(a: unknown, k: number): unknown {
  if (a instanceof Map) return Array.from(a.keys())[k];
  return k;
}

export function alert(ctx: RuntimeContext, out: Outputs, message: string | null, freq: string): void {
  out.alerts.push({ bar: ctx.bar, time: ctx.bars.time[ctx.bar]!, message: message ?? '', freq });
}

/** Fallback log.* when the stdlib does not provide one: `{0}`-style placeholders, default number text. */
export function log(ctx: RuntimeContext, level: LogLevel, fmt: unknown, ...args: unknown[]): void {
  const text = String(fmt ?? 'na').replace(/\{(\d+)\}/g, (m, i: string) => {
    const v = args[Number(i)];
    return v === undefined ? m : v === null || (typeof v === 'number' && v !== v) ? 'NaN' : String(v);
  });
  ctx.log(level, text);
}

export function runtimeError(message: string | null): never {
  throw new PineRuntimeError(message ?? 'na');
}

export function noMethod(name: string): never {
  throw new PineRuntimeError(`No method '${name}' for this value`);
}

/** Dynamic method dispatch on a value of unknown type (codegen emitDynamicMethod): a drawing of this kind? */
export function isDrawing(x: unknown, kind: string): boolean {
  return x instanceof Drawing && x.kind === kind;
}
