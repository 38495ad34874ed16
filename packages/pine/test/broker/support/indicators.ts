// Minimal indicator code for the hand-written fixture drivers (the ta library is developed separately).
// Arrays are aligned with the bars; NaN = na.

/** Rolling-sum SMA: the outgoing value is subtracted before the new one is added. The order matters where
 *  two averages tie up to rounding (futures_pnl has such bars), and this order reproduces TradingView. */
export function sma(src: readonly number[], n: number): number[] {
  const out = new Array<number>(src.length).fill(NaN);
  let sum = 0;
  for (let i = 0; i < src.length; i++) {
    if (i >= n) sum -= src[i - n]!;
    sum += src[i]!;
    if (i >= n - 1) out[i] = sum / n;
  }
  return out;
}

/** Pine's ta.stdev (population, biased). */
export function stdev(src: readonly number[], n: number): number[] {
  const m = sma(src, n);
  const out = new Array<number>(src.length).fill(NaN);
  for (let i = n - 1; i < src.length; i++) {
    let s = 0;
    for (let k = i - n + 1; k <= i; k++) s += (src[k]! - m[i]!) ** 2;
    out[i] = Math.sqrt(s / n);
  }
  return out;
}

/** Wilder's moving average seeded with the SMA of the first n defined values. */
export function rma(src: readonly number[], n: number): number[] {
  const out = new Array<number>(src.length).fill(NaN);
  let prev = NaN;
  let count = 0;
  let sum = 0;
  for (let i = 0; i < src.length; i++) {
    const x = src[i]!;
    if (x !== x) continue;
    if (prev !== prev) {
      sum += x;
      count++;
      if (count === n) prev = sum / n;
      else continue;
    } else prev = (prev * (n - 1) + x) / n;
    out[i] = prev;
  }
  return out;
}

export function rsi(src: readonly number[], n: number): number[] {
  const up = src.map((x, i) => (i === 0 ? NaN : Math.max(x - src[i - 1]!, 0)));
  const dn = src.map((x, i) => (i === 0 ? NaN : Math.max(src[i - 1]! - x, 0)));
  const u = rma(up, n);
  const d = rma(dn, n);
  return u.map((uu, i) => {
    const dd = d[i]!;
    if (uu !== uu || dd !== dd) return NaN;
    if (dd === 0) return 100;
    if (uu === 0) return 0;
    return 100 - 100 / (1 + uu / dd);
  });
}

export function atr(h: readonly number[], l: readonly number[], c: readonly number[], n: number): number[] {
  const tr = h.map((hh, i) => (i === 0 ? hh - l[i]! : Math.max(hh - l[i]!, Math.abs(hh - c[i - 1]!), Math.abs(l[i]! - c[i - 1]!))));
  return rma(tr, n);
}

export function highest(src: readonly number[], n: number): number[] {
  return src.map((_, i) => (i < n - 1 ? NaN : Math.max(...src.slice(i - n + 1, i + 1))));
}

export function lowest(src: readonly number[], n: number): number[] {
  return src.map((_, i) => (i < n - 1 ? NaN : Math.min(...src.slice(i - n + 1, i + 1))));
}

export const crossover = (a: readonly number[], b: readonly number[], i: number): boolean =>
  i > 0 && a[i]! > b[i]! && a[i - 1]! <= b[i - 1]!;
export const crossunder = (a: readonly number[], b: readonly number[], i: number): boolean =>
  i > 0 && a[i]! < b[i]! && a[i - 1]! >= b[i - 1]!;

/** Pine's built-in ta.supertrend direction series (-1 = up trend, 1 = down trend). */
export function supertrendDirection(h: number[], l: number[], c: number[], factor: number, period: number): number[] {
  const a = atr(h, l, c, period);
  const dir = new Array<number>(c.length).fill(NaN);
  let prevUpper = NaN;
  let prevLower = NaN;
  let prevSt = NaN;
  for (let i = 0; i < c.length; i++) {
    const src = (h[i]! + l[i]!) / 2;
    let upper = src + factor * a[i]!;
    let lower = src - factor * a[i]!;
    const pl = prevLower !== prevLower ? 0 : prevLower;
    const pu = prevUpper !== prevUpper ? 0 : prevUpper;
    const c1 = i > 0 ? c[i - 1]! : NaN;
    lower = lower > pl || c1 < pl ? lower : pl;
    upper = upper < pu || c1 > pu ? upper : pu;
    let d: number;
    if (i === 0 || a[i - 1]! !== a[i - 1]!) d = 1;
    else if (prevSt === prevUpper) d = c[i]! > upper ? -1 : 1;
    else d = c[i]! < lower ? 1 : -1;
    const st = d === -1 ? lower : upper;
    dir[i] = d;
    prevUpper = upper;
    prevLower = lower;
    prevSt = st;
  }
  return dir;
}
