// str.* — strings are JS strings, na string = null.
import type { RuntimeContext } from '../core/context.js';
import { PineRuntimeError } from '../core/errors.js';
import { formatTime } from './date-format.js';
import { formatNumberPattern } from './number-format.js';
import { messageFormat } from './str-format.js';
import { elemTypeOf, tagArray, type StdlibFunction } from './types.js';
import { formatElement, numberToString, valueToString } from './value-format.js';

const DEFAULT_TIME_FORMAT = "yyyy-MM-dd'T'HH:mm:ssZ";

function s(x: string | null | undefined): string {
  return x ?? '';
}

export function contains(source: string | null, str: string | null): boolean {
  return s(source).includes(s(str));
}

export function startswith(source: string | null, str: string | null): boolean {
  return s(source).startsWith(s(str));
}

export function endswith(source: string | null, str: string | null): boolean {
  return s(source).endsWith(s(str));
}

export function length(str: string | null): number {
  return str === null ? NaN : str.length;
}

export function lower(source: string | null): string | null {
  return source === null ? null : source.toLowerCase();
}

export function upper(source: string | null): string | null {
  return source === null ? null : source.toUpperCase();
}

export function trim(source: string | null): string | null {
  // Java's String.trim removes every char ≤ U+0020 at both ends.
  return source === null ? null : source.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
}

/** Position of the first occurrence, na when absent. */
export function pos(source: string | null, str: string | null): number {
  if (source === null || str === null) return NaN;
  const i = source.indexOf(str);
  return i < 0 ? NaN : i;
}

const regexCache = new Map<string, RegExp>();

/** First match of a (Java-style) regular expression, "" when none. */
export function match(source: string | null, regex: string | null): string {
  if (source === null || regex === null) return '';
  let re = regexCache.get(regex);
  if (!re) {
    try {
      re = new RegExp(regex, 'u');
    } catch {
      re = new RegExp(regex);
    }
    regexCache.set(regex, re);
  }
  const m = re.exec(source);
  return m ? m[0] : '';
}

export function repeat(source: string | null, count: number, separator?: string | null): string | null {
  if (source === null || count !== count) return null;
  if (!(count >= 0)) return '';
  return new Array<string>(Math.floor(count)).fill(source).join(separator ?? '');
}

/** Replaces the `occurrence`-th (0-based, na = 0) occurrence of target; an empty target is an insertion point. */
export function replace(source: string | null, target: string | null, replacement: string | null, occurrence?: number): string | null {
  if (source === null) return null;
  const t = s(target);
  const n = occurrence === undefined || occurrence !== occurrence ? 0 : Math.trunc(occurrence);
  if (t === '') return n <= source.length ? source.slice(0, n) + s(replacement) + source.slice(n) : source;
  let from = 0;
  for (let k = 0; ; k++) {
    const i = source.indexOf(t, from);
    if (i < 0) return source;
    if (k === n) return source.slice(0, i) + s(replacement) + source.slice(i + t.length);
    from = i + t.length;
  }
}

export function replace_all(source: string | null, target: string | null, replacement: string | null): string | null {
  if (source === null) return null;
  const t = s(target);
  return t === '' ? source : source.split(t).join(s(replacement));
}

export function split(str: string | null, separator: string | null): string[] {
  if (str === null) return tagArray([], 'string');
  return tagArray(str.split(s(separator)), 'string');
}

/** An na begin is 0 and an na end is the end of the source (measured on TradingView). */
export function substring(source: string | null, beginPos: number, endPos?: number): string | null {
  if (source === null) return null;
  const b = beginPos !== beginPos ? 0 : Math.trunc(beginPos);
  const e = endPos === undefined || endPos !== endPos ? source.length : Math.trunc(endPos);
  if (b < 0 || e > source.length || b > e) {
    throw new PineRuntimeError(`str.substring: begin ${b} / end ${e} out of range for a string of length ${source.length}`);
  }
  return source.substring(b, e);
}

const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export function tonumber(str: string | null): number {
  if (str === null) return NaN;
  const t = str.trim();
  return NUMBER_RE.test(t) ? Number(t) : NaN;
}

function decimalsOf(step: number): number {
  if (!(step > 0)) return 0;
  let d = 0;
  while (d < 15 && Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) > 1e-9 * 10 ** d) d++;
  return d;
}

const VOLUME_UNITS: [number, string][] = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'K'],
];

function formatVolume(x: number): string {
  if (x !== x) return 'NaN';
  if (!Number.isFinite(x)) return 'NaNT';
  const a = Math.abs(x);
  for (const [size, unit] of VOLUME_UNITS) if (a >= size) return formatNumberPattern(x / size, '#.###', 'tostring') + unit;
  return formatNumberPattern(x, '#.###', 'tostring');
}

/**
 * A number under one of the format.* constants or a mask, as str.tostring prints it. Measured on
 * TradingView: non-finite values print as NaN except under format.mintick ("Infinity");
 * format.mintick rounds to the tick and shows at most the tick's decimals ("1234.57" for 0.01).
 * The percent (×100, two decimals) and volume (K/M/B/T, three decimals) layouts are best guesses.
 */
export function formatNumberWith(ctx: RuntimeContext | undefined, x: number, format: string): string {
  switch (format) {
    case 'mintick':
    case 'price': {
      if (!Number.isFinite(x)) return format === 'mintick' && x === x ? (x > 0 ? 'Infinity' : '-Infinity') : 'NaN';
      const mintick = ctx?.syminfo.mintick ?? 0.01;
      const d = decimalsOf(mintick);
      const rounded = mintick > 0 ? Number((Math.round(x / mintick) * mintick).toFixed(d)) : x;
      return formatNumberPattern(rounded, d > 0 ? '#.' + '#'.repeat(d) : '#', 'tostring');
    }
    case 'percent':
      return Number.isFinite(x) ? formatNumberPattern(x, '#.##%', 'tostring') : 'NaN%';
    case 'volume':
      return formatVolume(x);
    case 'inherit':
      return numberToString(x);
    default:
      return Number.isFinite(x) ? formatNumberPattern(x, format, 'tostring') : 'NaN';
  }
}

export function tostring(ctx: RuntimeContext | undefined, value: unknown, format?: string | null): string {
  if (format === undefined || format === null) return valueToString(value);
  if (typeof value === 'number') return formatNumberWith(ctx, value, format);
  if (Array.isArray(value)) {
    const type = elemTypeOf(value);
    return '[' + value.map((v) => (typeof v === 'number' ? formatNumberWith(ctx, v, format) : formatElement(v, type))).join(', ') + ']';
  }
  if (value !== null && typeof value === 'object' && typeof (value as { toPineStringWith?: unknown }).toPineStringWith === 'function') {
    return (value as { toPineStringWith(f: (v: number) => string): string }).toPineStringWith((v) => formatNumberWith(ctx, v, format));
  }
  return valueToString(value);
}

export function format(ctx: RuntimeContext | undefined, formatString: string | null, ...args: unknown[]): string {
  return messageFormat(s(formatString), args, ctx?.syminfo.timezone ?? 'Etc/UTC');
}

export function format_time(ctx: RuntimeContext | undefined, time: number, fmt?: string | null, timezone?: string | null): string {
  return formatTime(time, fmt ?? DEFAULT_TIME_FORMAT, timezone ?? ctx?.syminfo.timezone ?? 'Etc/UTC');
}

export const STR_FUNCTIONS: Record<string, StdlibFunction> = {
  'str.contains': { impl: contains },
  'str.endswith': { impl: endswith },
  'str.startswith': { impl: startswith },
  'str.length': { impl: length },
  'str.lower': { impl: lower },
  'str.upper': { impl: upper },
  'str.trim': { impl: trim },
  'str.pos': { impl: pos },
  'str.match': { impl: match },
  'str.repeat': { impl: repeat },
  'str.replace': { impl: replace },
  'str.replace_all': { impl: replace_all },
  'str.split': { impl: split },
  'str.substring': { impl: substring },
  'str.tonumber': { impl: tonumber },
  'str.tostring': { impl: tostring, needsContext: true },
  'str.format': { impl: format, needsContext: true },
  'str.format_time': { impl: format_time, needsContext: true },
};
