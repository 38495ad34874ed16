// array.* — Pine arrays are plain JS arrays (na = null), tagged with their element type.
// Conventions measured on TradingView (see test/stdlib/array*.test.ts):
// * get/set/remove/insert accept negative indices (-1 = last); an na index makes get/remove return
//   na, set a no-op, insert append; na bounds of slice/fill mean "from the start"/"to the end";
// * statistics skip na elements; indexof/lastindexof/includes compare with 1e-10 tolerance, while
//   binary searches, sorting and percentiles are bit-exact;
// * slice returns a live view onto the source (array-view.ts).
import { PineRuntimeError } from '../core/errors.js';
import { makeView } from './array-view.js';
import { elemTypeOf, naFor, tagArray, type ElemType, type PineArray, type StdlibFunction } from './types.js';
import { formatElement } from './value-format.js';

const TOLERANCE = 1e-10;

type Arr = PineArray<unknown>;
type NumArr = PineArray<number>;

function isNaValue(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'number' && v !== v);
}

function checkArray(id: Arr | null, fn: string): Arr {
  if (id === null || id === undefined) throw new PineRuntimeError(`Cannot call "array.${fn}()" on an na array.`);
  return id;
}

function outOfBounds(index: number, size: number): PineRuntimeError {
  return new PineRuntimeError(`Index ${index} is out of bounds. Array size is ${size}.`);
}

/** Resolves a possibly negative index; throws when out of bounds. */
function resolveIndex(index: number, size: number): number {
  const i = Math.trunc(index);
  const r = i < 0 ? i + size : i;
  if (r < 0 || r >= size) throw outOfBounds(i, size);
  return r;
}

function naOf(id: Arr): unknown {
  return naFor(elemTypeOf(id));
}

// ------------------------------------------------------------------ constructors

function newTyped(type: ElemType, size?: number, initial?: unknown): Arr {
  const n = size === undefined || size !== size ? 0 : Math.trunc(size);
  if (n < 0) throw new PineRuntimeError(`Array size cannot be negative: ${n}.`);
  const init = initial === undefined ? (type === 'bool' ? false : naFor(type)) : initial;
  return tagArray(new Array<unknown>(n).fill(init), type);
}

export function newArray(type: ElemType, size?: number, initial?: unknown): Arr {
  return newTyped(type ?? 'float', size, initial);
}

export function from(...values: unknown[]): Arr {
  return values.slice();
}

function fromTyped(type: ElemType): (...values: unknown[]) => Arr {
  return (...values) => tagArray(values.slice(), type);
}

// ------------------------------------------------------------------ element access

export function get(id: Arr, index: number): unknown {
  checkArray(id, 'get');
  if (index !== index) return naOf(id);
  return id[resolveIndex(index, id.length)];
}

export function set(id: Arr, index: number, value: unknown): void {
  checkArray(id, 'set');
  if (index !== index) return;
  id[resolveIndex(index, id.length)] = value;
}

export function first(id: Arr): unknown {
  checkArray(id, 'first');
  if (id.length === 0) throw new PineRuntimeError('Cannot get the first element of an empty array.');
  return id[0];
}

export function last(id: Arr): unknown {
  checkArray(id, 'last');
  if (id.length === 0) throw new PineRuntimeError('Cannot get the last element of an empty array.');
  return id[id.length - 1];
}

export function size(id: Arr): number {
  return checkArray(id, 'size').length;
}

export function push(id: Arr, value: unknown): void {
  checkArray(id, 'push').push(value);
}

export function unshift(id: Arr, value: unknown): void {
  checkArray(id, 'unshift').unshift(value);
}

export function pop(id: Arr): unknown {
  checkArray(id, 'pop');
  if (id.length === 0) throw new PineRuntimeError('Cannot call "array.pop()" on an empty array.');
  return id.pop();
}

export function shift(id: Arr): unknown {
  checkArray(id, 'shift');
  if (id.length === 0) throw new PineRuntimeError('Cannot call "array.shift()" on an empty array.');
  return id.shift();
}

export function insert(id: Arr, index: number, value: unknown): void {
  checkArray(id, 'insert');
  if (index !== index) {
    id.push(value);
    return;
  }
  const i = Math.trunc(index);
  const r = i < 0 ? i + id.length : i;
  if (r < 0 || r > id.length) throw outOfBounds(i, id.length);
  id.splice(r, 0, value);
}

export function remove(id: Arr, index: number): unknown {
  checkArray(id, 'remove');
  if (index !== index) return naOf(id);
  const r = resolveIndex(index, id.length);
  return id.splice(r, 1)[0];
}

export function clear(id: Arr): void {
  checkArray(id, 'clear').length = 0;
}

/** Fills [index_from, index_to); negative bounds count from the end, bounds are clamped and never resize. */
export function fill(id: Arr, value: unknown, indexFrom?: number, indexTo?: number): void {
  checkArray(id, 'fill');
  const n = id.length;
  let a = indexFrom === undefined || indexFrom !== indexFrom ? 0 : Math.trunc(indexFrom);
  let b = indexTo === undefined || indexTo !== indexTo ? n : Math.trunc(indexTo);
  if (a < 0) a = Math.max(0, a + n);
  if (b < 0) b = Math.max(0, b + n);
  b = Math.min(b, n);
  for (let i = a; i < b; i++) id[i] = value;
}

export function slice(id: Arr, indexFrom?: number, indexTo?: number): Arr {
  checkArray(id, 'slice');
  const n = id.length;
  let a = indexFrom === undefined || indexFrom !== indexFrom ? 0 : Math.trunc(indexFrom);
  let b = indexTo === undefined || indexTo !== indexTo ? n : Math.trunc(indexTo);
  if (a < 0) a += n;
  if (b < 0) b += n;
  if (a < 0 || a > n) throw outOfBounds(a, n);
  if (b < a || b > n) throw outOfBounds(b, n);
  return makeView(id, a, b);
}

export function copy(id: Arr): Arr {
  checkArray(id, 'copy');
  return tagArray(Array.from(id), elemTypeOf(id));
}

export function concat(id1: Arr, id2: Arr): Arr {
  checkArray(id1, 'concat');
  checkArray(id2, 'concat');
  const extra = Array.from(id2);
  for (const v of extra) id1.push(v);
  return id1;
}

export function reverse(id: Arr): void {
  checkArray(id, 'reverse');
  const n = id.length;
  for (let i = 0, j = n - 1; i < j; i++, j--) {
    const t = id[i];
    id[i] = id[j];
    id[j] = t;
  }
}

export function join(id: Arr, separator?: string | null): string {
  checkArray(id, 'join');
  const type = elemTypeOf(id);
  const parts: string[] = [];
  for (let i = 0; i < id.length; i++) parts.push(formatElement(id[i], type));
  return parts.join(separator ?? '');
}

// ------------------------------------------------------------------ searching

function tolerantEqual(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    if (a !== a || b !== b) return a !== a && b !== b;
    return a === b || Math.abs(a - b) <= TOLERANCE;
  }
  return a === b;
}

export function indexof(id: Arr, value: unknown): number {
  checkArray(id, 'indexof');
  for (let i = 0; i < id.length; i++) if (tolerantEqual(id[i], value)) return i;
  return -1;
}

export function lastindexof(id: Arr, value: unknown): number {
  checkArray(id, 'lastindexof');
  for (let i = id.length - 1; i >= 0; i--) if (tolerantEqual(id[i], value)) return i;
  return -1;
}

export function includes(id: Arr, value: unknown): boolean {
  return indexof(id, value) >= 0;
}

/** Exact binary search in an ascending array: index of val, or -1. */
export function binary_search(id: NumArr, val: number): number {
  checkArray(id, 'binary_search');
  let lo = 0;
  let hi = id.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = id[mid]!;
    if (v === val) return mid;
    if (v < val) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** First index holding val; when absent, the index of the nearest smaller element (-1 if none). */
export function binary_search_leftmost(id: NumArr, val: number): number {
  checkArray(id, 'binary_search_leftmost');
  let lo = 0;
  let hi = id.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (id[mid]! < val) lo = mid + 1;
    else hi = mid;
  }
  return lo < id.length && id[lo] === val ? lo : lo - 1;
}

/** Last index holding val; when absent, the index of the nearest larger element (size if none). */
export function binary_search_rightmost(id: NumArr, val: number): number {
  checkArray(id, 'binary_search_rightmost');
  let lo = 0;
  let hi = id.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (id[mid]! <= val) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && id[lo - 1] === val ? lo - 1 : lo;
}

// ------------------------------------------------------------------ sorting

/** Ascending order as TradingView sorts: na is the largest number but the smallest string. */
function ascending(a: unknown, b: unknown): number {
  const an = isNaValue(a);
  const bn = isNaValue(b);
  if (an || bn) {
    if (an === bn) return 0;
    const stringNa = typeof (an ? b : a) === 'string';
    return (an ? 1 : -1) * (stringNa ? -1 : 1);
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return (a as number) - (b as number);
}

/** Stable ascending order of indices. */
function orderIndices(id: Arr): number[] {
  const idx = Array.from({ length: id.length }, (_, i) => i);
  idx.sort((i, j) => ascending(id[i], id[j]) || i - j);
  return idx;
}

function isDescending(order: unknown): boolean {
  return order === 'descending' || order === -1;
}

/** Descending order is the exact reverse of the stable ascending order (TradingView's sort_indices shows it). */
export function sort(id: Arr, order?: unknown): void {
  checkArray(id, 'sort');
  const idx = orderIndices(id);
  if (isDescending(order)) idx.reverse();
  const values = idx.map((i) => id[i]);
  for (let i = 0; i < values.length; i++) id[i] = values[i];
}

export function sort_indices(id: Arr, order?: unknown): number[] {
  checkArray(id, 'sort_indices');
  const idx = orderIndices(id);
  return tagArray(isDescending(order) ? idx.reverse() : idx, 'int');
}

// ------------------------------------------------------------------ statistics

function numbers(id: NumArr): number[] {
  const out: number[] = [];
  for (let i = 0; i < id.length; i++) {
    const v = id[i]!;
    if (v === v && v !== null && v !== undefined) out.push(v);
  }
  return out;
}

export function sum(id: NumArr): number {
  checkArray(id, 'sum');
  const xs = numbers(id);
  if (xs.length === 0) return NaN;
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

export function avg(id: NumArr): number {
  checkArray(id, 'avg');
  const xs = numbers(id);
  if (xs.length === 0) return NaN;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

export function min(id: NumArr, nth?: number): number {
  checkArray(id, 'min');
  const xs = numbers(id).sort((a, b) => a - b);
  const k = nth === undefined || nth !== nth ? 0 : Math.trunc(nth);
  if (xs.length === 0) return NaN;
  if (k < 0 || k >= xs.length) throw outOfBounds(k, xs.length);
  return xs[k]!;
}

export function max(id: NumArr, nth?: number): number {
  checkArray(id, 'max');
  const xs = numbers(id).sort((a, b) => b - a);
  const k = nth === undefined || nth !== nth ? 0 : Math.trunc(nth);
  if (xs.length === 0) return NaN;
  if (k < 0 || k >= xs.length) throw outOfBounds(k, xs.length);
  return xs[k]!;
}

export function range(id: NumArr): number {
  checkArray(id, 'range');
  const xs = numbers(id);
  if (xs.length === 0) return NaN;
  return Math.max(...xs) - Math.min(...xs);
}

export function median(id: NumArr): number {
  checkArray(id, 'median');
  const xs = numbers(id).sort((a, b) => a - b);
  const n = xs.length;
  if (n === 0) return NaN;
  return n % 2 === 1 ? xs[(n - 1) / 2]! : (xs[n / 2 - 1]! + xs[n / 2]!) / 2;
}

/** Most frequent value; ties go to the smallest. */
export function mode(id: NumArr): number {
  checkArray(id, 'mode');
  const xs = numbers(id).sort((a, b) => a - b);
  if (xs.length === 0) return NaN;
  let best = xs[0]!;
  let bestCount = 0;
  for (let i = 0; i < xs.length; ) {
    let j = i;
    while (j < xs.length && xs[j] === xs[i]) j++;
    if (j - i > bestCount) {
      bestCount = j - i;
      best = xs[i]!;
    }
    i = j;
  }
  return best;
}

function meanOf(xs: number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

export function variance(id: NumArr, biased?: boolean): number {
  checkArray(id, 'variance');
  const xs = numbers(id);
  const n = xs.length;
  if (n === 0) return NaN;
  if (n === 1) return 0;
  const m = meanOf(xs);
  let ss = 0;
  for (const x of xs) ss += (x - m) * (x - m);
  return ss / (biased === false ? n - 1 : n);
}

export function stdev(id: NumArr, biased?: boolean): number {
  return Math.sqrt(variance(id, biased));
}

export function covariance(id1: NumArr, id2: NumArr, biased?: boolean): number {
  checkArray(id1, 'covariance');
  checkArray(id2, 'covariance');
  const n0 = Math.min(id1.length, id2.length);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < n0; i++) {
    const x = id1[i]!;
    const y = id2[i]!;
    if (!isNaValue(x) && !isNaValue(y)) {
      xs.push(x);
      ys.push(y);
    }
  }
  const n = xs.length;
  if (n === 0 || id1.length !== id2.length) return NaN;
  const mx = meanOf(xs);
  const my = meanOf(ys);
  let s = 0;
  for (let i = 0; i < n; i++) s += (xs[i]! - mx) * (ys[i]! - my);
  return s / (biased === false ? n - 1 : n);
}

/** z-scores over the non-na elements (population stdev); TradingView gives 1 for every element of a constant array. */
export function standardize(id: NumArr): NumArr {
  checkArray(id, 'standardize');
  const xs = numbers(id);
  const m = xs.length ? meanOf(xs) : NaN;
  const sd = stdev(id, true);
  return tagArray(
    Array.from(id, (x) => (isNaValue(x) ? NaN : sd === 0 ? 1 : (x - m) / sd)),
    'float',
  );
}

export function abs(id: NumArr): NumArr {
  checkArray(id, 'abs');
  return tagArray(Array.from(id, (x) => (isNaValue(x) ? NaN : Math.abs(x))), elemTypeOf(id));
}

/** Percentage of the other elements that are ≤ the element at `index` (na elements count in the length only). */
export function percentrank(id: NumArr, index: number): number {
  checkArray(id, 'percentrank');
  const n = id.length;
  if (n === 0) return NaN;
  const i = index !== index ? 0 : resolveIndex(index, n);
  const v = id[i]!;
  if (isNaValue(v)) return NaN;
  if (n === 1) return NaN;
  let count = 0;
  for (let k = 0; k < n; k++) if (k !== i && !isNaValue(id[k]) && id[k]! <= v) count++;
  return (count / (n - 1)) * 100;
}

function sortedWithNaLast(id: NumArr): [number[], boolean] {
  const xs = numbers(id).sort((a, b) => a - b);
  const hasNa = xs.length !== id.length;
  while (xs.length < id.length) xs.push(NaN);
  return [xs, hasNa];
}

export function percentile_nearest_rank(id: NumArr, percentage: number): number {
  checkArray(id, 'percentile_nearest_rank');
  const [xs] = sortedWithNaLast(id);
  const n = xs.length;
  if (n === 0 || percentage !== percentage) return NaN;
  const rank = Math.min(n, Math.max(1, Math.ceil((percentage / 100) * n)));
  return xs[rank - 1]!;
}

/**
 * Linear interpolation at 1-based position n·p/100 + 0.5, clamped to the ends. With na elements
 * present (sorted last) TradingView only answers exact integer positions and the low clamp.
 */
export function percentile_linear_interpolation(id: NumArr, percentage: number): number {
  checkArray(id, 'percentile_linear_interpolation');
  const [xs, hasNa] = sortedWithNaLast(id);
  const n = xs.length;
  if (n === 0 || percentage !== percentage) return NaN;
  const pos = (n * percentage) / 100 + 0.5;
  if (pos <= 1) return xs[0]!;
  if (pos >= n) return hasNa ? (Number.isInteger(pos) && pos === n ? xs[n - 1]! : NaN) : xs[n - 1]!;
  const lo = Math.floor(pos);
  const frac = pos - lo;
  if (frac === 0) return xs[lo - 1]!;
  if (hasNa) return NaN;
  const a = xs[lo - 1]!;
  const b = xs[lo]!;
  return a + (b - a) * frac;
}

export function every(id: PineArray<boolean>): boolean {
  checkArray(id, 'every');
  if (id.length === 0) return false;
  for (let i = 0; i < id.length; i++) if (!id[i]) return false;
  return true;
}

export function some(id: PineArray<boolean>): boolean {
  checkArray(id, 'some');
  for (let i = 0; i < id.length; i++) if (id[i]) return true;
  return false;
}

// ------------------------------------------------------------------ registry

const TYPED_NEW: Record<string, ElemType> = {
  'array.new_bool': 'bool',
  'array.new_box': 'box',
  'array.new_color': 'color',
  'array.new_float': 'float',
  'array.new_int': 'int',
  'array.new_label': 'label',
  'array.new_line': 'line',
  'array.new_linefill': 'linefill',
  'array.new_string': 'string',
  'array.new_table': 'table',
};

/** array.from overloads by catalog index (see registry.ts); #0 is the generic form (type inferred from values). */
const FROM_OVERLOADS: Record<number, ElemType> = {
  2: 'label',
  3: 'line',
  4: 'box',
  5: 'table',
  6: 'linefill',
  7: 'string',
  8: 'color',
  9: 'int',
  10: 'float',
  11: 'bool',
};

export const ARRAY_FUNCTIONS: Record<string, StdlibFunction> = {
  ...Object.fromEntries(
    Object.entries(TYPED_NEW).map(([name, type]) => [name, { impl: (size?: number, initial?: unknown) => newTyped(type, size, initial) }]),
  ),
  'array.new': { impl: newArray },
  'array.new<type>': { impl: newArray },
  'array.from': { impl: from },
  ...Object.fromEntries(Object.entries(FROM_OVERLOADS).map(([k, type]) => [`array.from#${k}`, { impl: fromTyped(type) }])),
  'array.abs': { impl: abs },
  'array.avg': { impl: avg },
  'array.binary_search': { impl: binary_search },
  'array.binary_search_leftmost': { impl: binary_search_leftmost },
  'array.binary_search_rightmost': { impl: binary_search_rightmost },
  'array.clear': { impl: clear },
  'array.concat': { impl: concat },
  'array.copy': { impl: copy },
  'array.covariance': { impl: covariance },
  'array.every': { impl: every },
  'array.fill': { impl: fill },
  'array.first': { impl: first },
  'array.get': { impl: get },
  'array.includes': { impl: includes },
  'array.indexof': { impl: indexof },
  'array.insert': { impl: insert },
  'array.join': { impl: join },
  'array.last': { impl: last },
  'array.lastindexof': { impl: lastindexof },
  'array.max': { impl: max },
  'array.median': { impl: median },
  'array.min': { impl: min },
  'array.mode': { impl: mode },
  'array.percentile_linear_interpolation': { impl: percentile_linear_interpolation },
  'array.percentile_nearest_rank': { impl: percentile_nearest_rank },
  'array.percentrank': { impl: percentrank },
  'array.pop': { impl: pop },
  'array.push': { impl: push },
  'array.range': { impl: range },
  'array.remove': { impl: remove },
  'array.reverse': { impl: reverse },
  'array.set': { impl: set },
  'array.shift': { impl: shift },
  'array.size': { impl: size },
  'array.slice': { impl: slice },
  'array.some': { impl: some },
  'array.sort': { impl: sort },
  'array.sort_indices': { impl: sort_indices },
  'array.standardize': { impl: standardize },
  'array.stdev': { impl: stdev },
  'array.sum': { impl: sum },
  'array.unshift': { impl: unshift },
  'array.variance': { impl: variance },
};
