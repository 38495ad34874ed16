// Plain, obviously-correct reference implementations of the ta.* definitions, computed over whole
// arrays (windows recomputed from scratch at every index). Test-only: slow on purpose.
//
// Conventions (the same TradingView semantics the product follows):
//  * "compacted" windows (sma, variance, stdev, dev, correlation, median, mode, percentiles, vwma)
//    are the last L non-na values; an na input yields the window as it stands.
//  * "bar" windows (highest, lowest, alma, linreg, cog, rci, percentrank, pivots) are the last L calls.
export type Arr = number[];

const EPS = 1e-10;
const isNa = (x: number) => x !== x;

export function lastNonNa(xs: Arr, i: number, L: number): Arr | null {
  const out: number[] = [];
  for (let k = i; k >= 0 && out.length < L; k--) if (!isNa(xs[k]!)) out.push(xs[k]!);
  return out.length === L ? out : null; // newest first
}

export function lastCalls(xs: Arr, i: number, L: number): Arr | null {
  if (i - L + 1 < 0) return null;
  const out: number[] = [];
  for (let k = i; k > i - L; k--) out.push(xs[k]!);
  return out; // newest first
}

const mean = (w: Arr) => w.reduce((a, b) => a + b, 0) / w.length;
const map = (n: number, g: (i: number) => number): Arr => Array.from({ length: n }, (_, i) => g(i));

export const sma = (xs: Arr, L: number): Arr =>
  map(xs.length, (i) => {
    const w = lastNonNa(xs, i, L);
    return w ? mean(w) : NaN;
  });

/** Exponential filter seeded with the mean of the first L non-na inputs; na in → na out, no advance. */
export function expFilter(xs: Arr, L: number, alpha: number): Arr {
  const out: number[] = [];
  const seed: number[] = [];
  let prev = NaN;
  for (const x of xs) {
    if (isNa(x)) {
      out.push(NaN);
      continue;
    }
    if (seed.length < L) {
      seed.push(x);
      prev = seed.length === L ? mean(seed) : NaN;
    } else prev = alpha * x + (1 - alpha) * prev;
    out.push(prev);
  }
  return out;
}
export const ema = (xs: Arr, L: number) => expFilter(xs, L, 2 / (L + 1));
export const rma = (xs: Arr, L: number) => expFilter(xs, L, 1 / L);

export function fixnan(xs: Arr): Arr {
  let last = NaN;
  return xs.map((x) => (isNa(x) ? last : (last = x)));
}

export function wma(xs: Arr, L: number): Arr {
  const f = fixnan(xs);
  return map(xs.length, (i) => {
    if (isNa(xs[i]!)) return NaN;
    const w = lastCalls(f, i, L);
    if (!w || w.some(isNa)) return NaN;
    let s = 0;
    let ws = 0;
    w.forEach((v, k) => {
      s += v * (L - k);
      ws += L - k;
    });
    return s / ws;
  });
}

export function hma(xs: Arr, L: number): Arr {
  const a = wma(xs, Math.floor(L / 2));
  const b = wma(xs, L);
  return wma(
    a.map((v, i) => 2 * v - b[i]!),
    Math.floor(Math.sqrt(L)),
  );
}

export function alma(xs: Arr, L: number, offset: number, sigma: number): Arr {
  const m = offset * (L - 1);
  const s = L / sigma;
  return map(xs.length, (i) => {
    const w = lastCalls(xs, i, L);
    if (!w) return NaN;
    let num = 0;
    let den = 0;
    for (let j = 0; j < L; j++) {
      const wt = Math.exp(-((j - m) ** 2) / (2 * s * s));
      num += w[L - 1 - j]! * wt;
      den += wt;
    }
    return num / den;
  });
}

export const swma = (xs: Arr): Arr =>
  map(xs.length, (i) => (i < 3 ? NaN : (xs[i - 3]! + 2 * xs[i - 2]! + 2 * xs[i - 1]! + xs[i]!) / 6));

export function vwma(xs: Arr, vol: Arr, L: number): Arr {
  const a = sma(
    xs.map((x, i) => x * vol[i]!),
    L,
  );
  const b = sma(vol, L);
  return a.map((v, i) => v / b[i]!);
}

/** Least squares through (0..L−1, oldest..newest) by centred sums, evaluated at L−1−offset. */
export function linreg(xs: Arr, L: number, offset: number): Arr {
  return map(xs.length, (i) => {
    const w = lastCalls(xs, i, L);
    if (!w) return NaN;
    const ys = [...w].reverse();
    const mx = (L - 1) / 2;
    const my = mean(ys);
    let sxy = 0;
    let sxx = 0;
    ys.forEach((y, x) => {
      sxy += (x - mx) * (y - my);
      sxx += (x - mx) ** 2;
    });
    const slope = L === 1 ? 0 : sxy / sxx;
    return my + slope * (L - 1 - offset - mx);
  });
}

function extreme(xs: Arr, L: number, sign: 1 | -1): { v: Arr; off: Arr } {
  const v: number[] = [];
  const off: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    const w = lastCalls(xs, i, L);
    let best = NaN;
    let at = NaN;
    if (w)
      for (let k = 0; k < L; k++) {
        const x = w[k]!;
        if (isNa(x)) continue;
        // iterate newest→oldest; ">=" lets the older of equal values win
        if (isNa(best) || (sign > 0 ? x >= best : x <= best)) {
          best = x;
          at = -k;
        }
      }
    v.push(best);
    off.push(at);
  }
  return { v, off };
}
export const highest = (xs: Arr, L: number) => extreme(xs, L, 1).v;
export const lowest = (xs: Arr, L: number) => extreme(xs, L, -1).v;
export const highestbars = (xs: Arr, L: number) => extreme(xs, L, 1).off;
export const lowestbars = (xs: Arr, L: number) => extreme(xs, L, -1).off;

export function allTime(xs: Arr, sign: 1 | -1): Arr {
  return map(xs.length, (i) => {
    const w = xs.slice(0, i + 1).filter((x) => !isNa(x));
    return w.length ? (sign > 0 ? Math.max(...w) : Math.min(...w)) : NaN;
  });
}

/** x[i] rose (fell) by more than 1e-10 on each of the last L steps. */
export function monotone(xs: Arr, L: number, sign: 1 | -1): boolean[] {
  return xs.map((_, i) => {
    if (i - L < 0) return false;
    for (let k = 0; k < L; k++) {
      const d = sign * (xs[i - k]! - xs[i - k - 1]!);
      if (!(d > EPS)) return false;
    }
    return true;
  });
}

export function variance(xs: Arr, L: number, biased: boolean): Arr {
  return map(xs.length, (i) => {
    const w = lastNonNa(xs, i, L);
    if (!w) return NaN;
    const m = mean(w);
    const ss = w.reduce((a, x) => a + (x - m) ** 2, 0);
    return ss / (biased ? L : L - 1);
  });
}

export function dev(xs: Arr, L: number): Arr {
  return map(xs.length, (i) => {
    const w = lastNonNa(xs, i, L);
    if (!w) return NaN;
    const m = mean(w);
    return w.reduce((a, x) => a + Math.abs(x - m), 0) / L;
  });
}

/** Correlation from independently compacted means (E[ab] − E[a]E[b]) / sqrt(var a · var b). */
export function correlation(a: Arr, b: Arr, L: number): Arr {
  const ma = sma(a, L);
  const mb = sma(b, L);
  const mab = sma(
    a.map((x, i) => x * b[i]!),
    L,
  );
  const maa = sma(
    a.map((x) => x * x),
    L,
  );
  const mbb = sma(
    b.map((x) => x * x),
    L,
  );
  return a.map((_, i) => {
    const cov = mab[i]! - ma[i]! * mb[i]!;
    if (isNa(cov)) return NaN;
    if (Math.abs(cov) <= EPS) return 0;
    return cov / Math.sqrt((maa[i]! - ma[i]! ** 2) * (mbb[i]! - mb[i]! ** 2));
  });
}

function sortedWindow(xs: Arr, i: number, L: number): Arr | null {
  const w = lastNonNa(xs, i, L);
  return w ? [...w].sort((p, q) => p - q) : null;
}

export const median = (xs: Arr, L: number): Arr =>
  map(xs.length, (i) => {
    const s = sortedWindow(xs, i, L);
    if (!s) return NaN;
    return L % 2 ? s[(L - 1) / 2]! : (s[L / 2 - 1]! + s[L / 2]!) / 2;
  });

export const mode = (xs: Arr, L: number): Arr =>
  map(xs.length, (i) => {
    const s = sortedWindow(xs, i, L);
    if (!s) return NaN;
    const counts = new Map<number, number>();
    for (const v of s) counts.set(v, (counts.get(v) ?? 0) + 1);
    let best = NaN;
    let bc = 0;
    for (const [v, c] of counts) if (c > bc || (c === bc && v < best)) [best, bc] = [v, c];
    return best;
  });

export const percentileLinear = (xs: Arr, L: number, p: number): Arr =>
  map(xs.length, (i) => {
    const s = sortedWindow(xs, i, L);
    if (!s) return NaN;
    const pos = Math.min(Math.max((L * p) / 100 + 0.5, 1), L);
    const lo = Math.floor(pos);
    const a = s[lo - 1]!;
    return lo === pos ? a : a + (pos - lo) * (s[lo]! - a);
  });

export const percentileNearest = (xs: Arr, L: number, p: number): Arr =>
  map(xs.length, (i) => {
    const s = sortedWindow(xs, i, L);
    if (!s) return NaN;
    const r = Math.min(Math.max(Math.ceil((p * L) / 100), 1), L);
    return s[r - 1]!;
  });

export const percentrank = (xs: Arr, L: number): Arr =>
  map(xs.length, (i) => {
    if (i < L || isNa(xs[i]!)) return NaN;
    let c = 0;
    for (let k = 1; k <= L; k++) if (xs[i - k]! - xs[i]! <= EPS) c++;
    return (100 * c) / L;
  });

export const lag = (xs: Arr, L: number): Arr => map(xs.length, (i) => (i - L >= 0 ? xs[i - L]! : NaN));
export const change = (xs: Arr, L: number): Arr => {
  const p = lag(xs, L);
  return xs.map((x, i) => x - p[i]!);
};
export const roc = (xs: Arr, L: number): Arr => {
  const p = lag(xs, L);
  return xs.map((x, i) => (100 * (x - p[i]!)) / p[i]!);
};

export function rsi(xs: Arr, L: number): Arr {
  const d = change(xs, 1);
  const u = rma(
    d.map((v) => (isNa(v) ? NaN : Math.max(v, 0))),
    L,
  );
  const w = rma(
    d.map((v) => (isNa(v) ? NaN : Math.max(-v, 0))),
    L,
  );
  return u.map((a, i) => {
    const b = w[i]!;
    if (isNa(a) || isNa(b)) return NaN;
    return b === 0 ? 100 : a === 0 ? 0 : 100 - 100 / (1 + a / b);
  });
}

export function windowSumNonNa(xs: Arr, L: number): Arr {
  return map(xs.length, (i) => {
    const w = lastNonNa(xs, i, L);
    return w ? w.reduce((a, b) => a + b, 0) : NaN;
  });
}

export function cmo(xs: Arr, L: number): Arr {
  const m = change(xs, 1);
  const up = windowSumNonNa(
    m.map((v) => (isNa(v) ? NaN : v > EPS ? v : 0)),
    L,
  );
  const dn = windowSumNonNa(
    m.map((v) => (isNa(v) ? NaN : v < -EPS ? -v : 0)),
    L,
  );
  return up.map((a, i) => (100 * (a - dn[i]!)) / (a + dn[i]!));
}

export function mfi(xs: Arr, vol: Arr, L: number): Arr {
  const ch = change(xs, 1);
  const mf = xs.map((x, i) => x * vol[i]!);
  // a bar whose money flow is na enters neither bucket; a bar without a previous value (no change)
  // enters both
  const up = windowSumNonNa(
    mf.map((v, i) => (isNa(v) ? NaN : isNa(ch[i]!) || ch[i]! > EPS ? v : 0)),
    L,
  );
  const dn = windowSumNonNa(
    mf.map((v, i) => (isNa(v) ? NaN : isNa(ch[i]!) || ch[i]! < -EPS ? v : 0)),
    L,
  );
  return up.map((u, i) => {
    const d = dn[i]!;
    if (isNa(u) || isNa(d)) return NaN;
    return d === 0 ? 100 : 100 - 100 / (1 + u / d);
  });
}

export function cci(xs: Arr, L: number): Arr {
  const m = sma(xs, L);
  const d = dev(xs, L);
  return xs.map((x, i) => (x - m[i]!) / (0.015 * d[i]!));
}

export function stoch(src: Arr, hi: Arr, lo: Arr, L: number): Arr {
  const h = highest(hi, L);
  const l = lowest(lo, L);
  return src.map((x, i) => (100 * (x - l[i]!)) / (h[i]! - l[i]!));
}

export function tsi(xs: Arr, s: number, l: number): Arr {
  const pc = change(xs, 1);
  const num = ema(ema(pc, l), s);
  const den = ema(
    ema(
      pc.map((v) => Math.abs(v)),
      l,
    ),
    s,
  );
  return num.map((v, i) => v / den[i]!);
}

export function cog(xs: Arr, L: number): Arr {
  return map(xs.length, (i) => {
    const w = lastCalls(xs, i, L);
    if (!w) return NaN;
    let s = 0;
    let num = 0;
    w.forEach((p, k) => {
      s += p;
      num += p * (k + 1);
    });
    return -num / s;
  });
}

/** Spearman with average ranks for ties (|Δ| ≤ 1e-10), as a Pearson correlation of ranks; first value at index L. */
export function rci(xs: Arr, L: number): Arr {
  return map(xs.length, (i) => {
    if (i < L) return NaN;
    const w = lastCalls(xs, i, L)!;
    if (w.some(isNa)) return NaN;
    const ranks = w.map((v) => {
      let less = 0;
      let eq = 0;
      for (const u of w) {
        if (Math.abs(u - v) <= EPS) eq++;
        else if (u < v) less++;
      }
      return less + (eq + 1) / 2;
    });
    const times = w.map((_, k) => L - k);
    const mt = mean(times);
    const mr = mean(ranks);
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (let k = 0; k < L; k++) {
      sxy += (times[k]! - mt) * (ranks[k]! - mr);
      sxx += (times[k]! - mt) ** 2;
      syy += (ranks[k]! - mr) ** 2;
    }
    return (100 * sxy) / Math.sqrt(sxx * syy);
  });
}

export interface Ohlcv {
  open: Arr;
  high: Arr;
  low: Arr;
  close: Arr;
  volume: Arr;
}

export function tr(b: Ohlcv, handleNa: boolean): Arr {
  return b.close.map((_, i) => {
    const h = b.high[i]!;
    const l = b.low[i]!;
    if (i === 0) return handleNa ? h - l : NaN;
    const pc = b.close[i - 1]!;
    if (isNa(pc)) return handleNa ? h - l : NaN;
    return Math.max(h - l, Math.abs(h - pc), Math.abs(l - pc));
  });
}

export const atr = (b: Ohlcv, L: number) => rma(tr(b, true), L);

export function dmi(b: Ohlcv, n: number, adxLen: number): Arr[] {
  const N = b.close.length;
  const plusDM: number[] = [];
  const minusDM: number[] = [];
  for (let i = 0; i < N; i++) {
    const up = i ? b.high[i]! - b.high[i - 1]! : NaN;
    const down = i ? -(b.low[i]! - b.low[i - 1]!) : NaN;
    plusDM.push(isNa(up) ? NaN : up > down && up > 0 ? up : 0);
    minusDM.push(isNa(down) ? NaN : down > up && down > 0 ? down : 0);
  }
  const trur = rma(tr(b, false), n);
  const plus = fixnan(rma(plusDM, n).map((v, i) => (100 * v) / trur[i]!));
  const minus = fixnan(rma(minusDM, n).map((v, i) => (100 * v) / trur[i]!));
  const adx = rma(
    plus.map((p, i) => {
      const s = p + minus[i]!;
      return Math.abs(p - minus[i]!) / (s === 0 ? 1 : s);
    }),
    adxLen,
  ).map((v) => 100 * v);
  return [plus, minus, adx];
}

export function supertrend(b: Ohlcv, factor: number, period: number): Arr[] {
  const a = atr(b, period);
  const st: number[] = [];
  const dirs: number[] = [];
  const up: number[] = [];
  const lo: number[] = [];
  for (let i = 0; i < b.close.length; i++) {
    const src = (b.high[i]! + b.low[i]!) / 2;
    let u = src + factor * a[i]!;
    let l = src - factor * a[i]!;
    const pl = i && !isNa(lo[i - 1]!) ? lo[i - 1]! : 0;
    const pu = i && !isNa(up[i - 1]!) ? up[i - 1]! : 0;
    const c1 = i ? b.close[i - 1]! : NaN;
    l = l > pl || c1 < pl ? l : pl;
    u = u < pu || c1 > pu ? u : pu;
    let d: number;
    if (i === 0 || isNa(a[i - 1]!)) d = 1;
    else if (st[i - 1] === pu) d = b.close[i]! > u ? -1 : 1;
    else d = b.close[i]! < l ? 1 : -1;
    up.push(u);
    lo.push(l);
    dirs.push(d);
    st.push(d === -1 ? l : u);
  }
  return [st, dirs];
}

export function sar(b: Ohlcv, start: number, inc: number, max: number): Arr {
  const out: number[] = [];
  let result = NaN;
  let maxMin = NaN;
  let acc = NaN;
  let below = false;
  for (let i = 0; i < b.close.length; i++) {
    const [h, l, c] = [b.high[i]!, b.low[i]!, b.close[i]!];
    let first = false;
    if (i === 1) {
      first = true;
      acc = start;
      if (c > b.close[0]!) {
        below = true;
        maxMin = h;
        result = b.low[0]!;
      } else {
        below = false;
        maxMin = l;
        result = b.high[0]!;
      }
    }
    result = result + acc * (maxMin - result);
    if (below && result > l) {
      first = true;
      below = false;
      result = Math.max(h, maxMin);
      maxMin = l;
      acc = start;
    } else if (!below && result < h) {
      first = true;
      below = true;
      result = Math.min(l, maxMin);
      maxMin = h;
      acc = start;
    }
    if (!first) {
      if (below && h > maxMin) {
        maxMin = h;
        acc = Math.min(acc + inc, max);
      } else if (!below && l < maxMin) {
        maxMin = l;
        acc = Math.min(acc + inc, max);
      }
    }
    if (i >= 1) {
      if (below) result = Math.min(result, b.low[i - 1]!, i > 1 ? b.low[i - 2]! : Infinity);
      else result = Math.max(result, b.high[i - 1]!, i > 1 ? b.high[i - 2]! : -Infinity);
    }
    out.push(result);
  }
  return out;
}

export function crossRel(a: Arr, b: Arr): { over: boolean[]; under: boolean[] } {
  const over: boolean[] = [];
  const under: boolean[] = [];
  for (let i = 0; i < a.length; i++) {
    const ok = i > 0 && [a[i], b[i], a[i - 1], b[i - 1]].every((x) => !isNa(x!));
    over.push(ok && a[i]! > b[i]! && a[i - 1]! <= b[i - 1]!);
    under.push(ok && a[i]! < b[i]! && a[i - 1]! >= b[i - 1]!);
  }
  return { over, under };
}

export function barssince(c: boolean[]): Arr {
  return c.map((_, i) => {
    for (let k = i; k >= 0; k--) if (c[k]) return i - k;
    return NaN;
  });
}

export function valuewhen(c: boolean[], xs: Arr, occ: number): Arr {
  return c.map((_, i) => {
    let seen = 0;
    for (let k = i; k >= 0; k--)
      if (c[k]) {
        if (seen === occ) return xs[k]!;
        seen++;
      }
    return NaN;
  });
}

export function cum(xs: Arr): Arr {
  return map(xs.length, (i) => {
    const w = xs.slice(0, i + 1).filter((x) => !isNa(x));
    return w.length ? w.reduce((a, b) => a + b, 0) : NaN;
  });
}

export function pivot(xs: Arr, left: number, right: number, sign: 1 | -1): Arr {
  return map(xs.length, (i) => {
    const c = i - right;
    if (c - left < 0) return NaN;
    const p = xs[c]!;
    if (isNa(p)) return NaN;
    for (let k = c - left; k <= i; k++) {
      if (k === c) continue;
      if (!(sign > 0 ? p > xs[k]! : p < xs[k]!)) return NaN;
    }
    return p;
  });
}

export function vwap(src: Arr, vol: Arr, anchor: boolean[], mult: number): Arr[] {
  const v: number[] = [];
  const up: number[] = [];
  const lo: number[] = [];
  for (let i = 0; i < src.length; i++) {
    let a = -1;
    for (let k = i; k >= 0; k--)
      if (anchor[k]) {
        a = k;
        break;
      }
    if (a < 0) {
      v.push(NaN);
      up.push(NaN);
      lo.push(NaN);
      continue;
    }
    let spv = 0;
    let sv = 0;
    for (let k = a; k <= i; k++) if (!isNa(src[k]!) && !isNa(vol[k]!)) {
      spv += src[k]! * vol[k]!;
      sv += vol[k]!;
    }
    const m = spv / sv;
    let ss = 0;
    for (let k = a; k <= i; k++) if (!isNa(src[k]!) && !isNa(vol[k]!)) ss += vol[k]! * (src[k]! - m) ** 2;
    const sd = Math.sqrt(ss / sv);
    v.push(m);
    up.push(m + mult * sd);
    lo.push(m - mult * sd);
  }
  return [v, up, lo];
}
