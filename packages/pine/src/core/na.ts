// Pine's `na` in JavaScript. Numeric types (int, float, color) use NaN; every other type
// (string, arrays, maps, matrices, objects, drawings) uses null. `bool` is never na in v6.

export const NA_NUMBER = NaN;

export function isNa(x: unknown): boolean {
  return x === null || x === undefined || (typeof x === 'number' && x !== x);
}

/** `nz(x, replacement)` for numbers. */
export function nz(x: number, replacement = 0): number {
  return x !== x ? replacement : x;
}
