// How TradingView turns values into text when no pattern is given: `str.tostring(x)`, `{0}` in
// `str.format`/`log.*`, and the `[a, b]` rendering of arrays and matrices.
import { elemTypeOf, type ElemType } from './types.js';
import { formatNumberPattern } from './number-format.js';

/**
 * Java's Double.toString layout, used for the elements of float arrays (`[1.0, 0.5]`): plain
 * notation with at least one fraction digit in [1e-3, 1e7), otherwise `d.dddE±n`; the digits are
 * the shortest that round-trip (as JavaScript's own number printing).
 */
export function javaDoubleToString(x: number): string {
  if (x !== x) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const a = Math.abs(x);
  if (a >= 1e-3 && a < 1e7) {
    const s = String(x);
    return s.includes('.') ? s : s + '.0';
  }
  const [mant, exp] = x.toExponential().split('e') as [string, string];
  const m = mant.includes('.') ? mant : mant + '.0';
  return m + 'E' + (exp.startsWith('+') ? exp.slice(1) : exp);
}

/** `{0}` for a number in str.format / log.*: up to three decimals, no grouping ("1234.568"). */
export function formatNumberDefault(x: number): string {
  return formatNumberPattern(x, '#.###');
}

/** `str.tostring(number)` without a format; the chart formatter shows non-finite values as NaN. */
export function numberToString(x: number): string {
  if (!Number.isFinite(x)) return 'NaN';
  return formatNumberPattern(x, '#.##########', 'tostring');
}

/** One array element as TradingView prints it inside `[...]`. */
export function formatElement(v: unknown, type: ElemType | undefined): string {
  if (v === null || v === undefined) return 'na';
  if (typeof v === 'number') {
    if (type === 'float') return javaDoubleToString(v);
    if (type === 'int') return v !== v ? 'NaN' : String(Math.trunc(v));
    return Number.isInteger(v) ? String(v) : javaDoubleToString(v);
  }
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return formatArray(v);
  return String(v);
}

export function formatArray(arr: readonly unknown[]): string {
  const type = elemTypeOf(arr);
  const parts = new Array<string>(arr.length);
  for (let i = 0; i < arr.length; i++) parts[i] = formatElement(arr[i], type);
  return '[' + parts.join(', ') + ']';
}

/** Hook so matrix.ts can render itself without a circular import. */
export interface Printable {
  toPineString(): string;
}

function isPrintable(v: unknown): v is Printable {
  return typeof v === 'object' && v !== null && typeof (v as Printable).toPineString === 'function';
}

/** Default text of any value (str.tostring without format, `{n}` for non-numbers). */
export function valueToString(v: unknown): string {
  if (v === null || v === undefined) return 'na';
  switch (typeof v) {
    case 'number':
      return numberToString(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'string':
      return v;
    default:
      if (Array.isArray(v)) return formatArray(v);
      if (isPrintable(v)) return v.toPineString();
      if (v instanceof Map) {
        const parts: string[] = [];
        for (const [k, val] of v) parts.push(valueToString(k) + ': ' + valueToString(val));
        return '{' + parts.join(', ') + '}';
      }
      return String(v);
  }
}
