// Decimal number parsing over a slice of a string without allocating a substring. Plain decimals
// with up to 15 significant digits are computed as integer / 10^k, which is exact-then-correctly-
// rounded (both operands are exact doubles), so results equal Number(text). Anything else
// (exponents, long mantissas, "NaN", "Infinity") falls back to Number() on the substring.

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/** Value of s[start, end) trimmed of spaces; NaN when empty or not a number. */
export function parseNumberAt(s: string, start: number, end: number): number {
  while (start < end && s.charCodeAt(start) === 32) start++;
  while (end > start && s.charCodeAt(end - 1) === 32) end--;
  if (start === end) return NaN;
  let i = start;
  let neg = false;
  const c0 = s.charCodeAt(i);
  if (c0 === 45 || c0 === 43) {
    neg = c0 === 45;
    i++;
  }
  let mant = 0;
  let anyDigit = false;
  let digitsSeen = 0;
  let frac = -1;
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      anyDigit = true;
      if (digitsSeen > 0 || c !== 48) digitsSeen++;
      mant = mant * 10 + (c - 48);
      if (frac >= 0) frac++;
    } else if (c === 46 && frac < 0) {
      frac = 0;
    } else {
      return Number(s.slice(start, end));
    }
  }
  if (!anyDigit || digitsSeen > 15 || frac > 22) {
    return Number(s.slice(start, end));
  }
  const v = frac > 0 ? mant / POW10[frac]! : mant;
  return neg ? -v : v;
}
