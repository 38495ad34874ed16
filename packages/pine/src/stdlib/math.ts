// math.* — numbers are JS doubles, na = NaN.
import type { RuntimeContext } from '../core/context.js';
import { RollingSum } from '../ta/rolling-sum.js';
import { JavaRandom } from './java-random.js';
import type { StatefulInstance, StdlibFunction, StdlibStateful } from './types.js';

/** A scaled value this close to a .5 tie still counts as the tie (TradingView's tolerance). */
const ROUND_TIE_TOLERANCE = 1e-10;

const F64 = new Float64Array(1);
const U64 = new BigUint64Array(F64.buffer);

/** Exact rational form of a finite double: [signed mantissa, power-of-two exponent]. */
function decompose(x: number): [bigint, number] {
  F64[0] = x;
  const bits = U64[0]!;
  const negative = bits >> 63n === 1n;
  const expBits = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & 0xfffffffffffffn;
  const mant = expBits === 0 ? frac : frac | 0x10000000000000n;
  const exp = (expBits === 0 ? 1 : expBits) - 1075;
  return [negative ? -mant : mant, exp];
}

/**
 * round-half-away-from-zero of x·mul/div (mul, div positive integers) decided on the EXACT value of
 * the product, a shortfall under 1e-10 from the tie still rounding away from zero — how TradingView
 * rounds in math.round(x, precision) and math.round_to_mintick (measured, as reported with PyneCore's
 * regression tests). Returns the integer count of 1/mul·div steps.
 */
export function roundScaled(x: number, mul: number, div: number): number {
  const scaled = (x * mul) / div;
  const a = Math.abs(scaled);
  const f = Math.floor(a);
  const frac = a - f;
  // Far from a tie the double product decides; only near .5 is the exact product needed.
  if (Math.abs(frac - 0.5) > 1e-6 || !Number.isFinite(scaled) || a >= 2 ** 52) {
    const r = frac >= 0.5 ? f + 1 : f;
    return scaled < 0 ? -r : r;
  }
  const [m, e] = decompose(Math.abs(x));
  let num = m * BigInt(mul);
  let den = BigInt(div);
  if (e >= 0) num <<= BigInt(e);
  else den <<= BigInt(-e);
  const whole = num / den;
  const rem = num - whole * den;
  // (frac − 0.5) relative to 1, computed from exact integers: (2·rem − den) / (2·den)
  const diff = Number(2n * rem - den) / Number(2n * den);
  const r = Number(whole) + (diff > -ROUND_TIE_TOLERANCE ? 1 : 0);
  return x < 0 ? -r : r;
}

export function round(x: number, precision?: number): number {
  if (x !== x) return NaN;
  if (!Number.isFinite(x)) return x;
  if (precision === undefined || precision !== precision || Math.trunc(precision) === 0) return roundScaled(x, 1, 1);
  const p = Math.trunc(precision);
  if (p < 0) {
    const step = 10 ** -p;
    return roundScaled(x, 1, step) * step;
  }
  if (p > 22 || Math.abs(x * 10 ** p) >= 2 ** 52) return x;
  return roundScaled(x, 10 ** p, 1) / 10 ** p;
}

export function roundToMintick(ctx: RuntimeContext, x: number): number {
  if (x !== x) return NaN;
  const { pricescale, minmove, mintick } = ctx.syminfo;
  if (pricescale > 0 && minmove > 0 && Number.isInteger(pricescale) && Number.isInteger(minmove))
    return (roundScaled(x, pricescale, minmove) * minmove) / pricescale;
  return mintick > 0 ? roundScaled(x / mintick, 1, 1) * mintick : x;
}

export function max(...xs: number[]): number {
  let m = -Infinity;
  for (const x of xs) {
    if (x !== x) return NaN;
    if (x > m) m = x;
  }
  return m;
}

export function min(...xs: number[]): number {
  let m = Infinity;
  for (const x of xs) {
    if (x !== x) return NaN;
    if (x < m) m = x;
  }
  return m;
}

/**
 * math.avg: two numbers are added plainly; from three on TradingView sums with Kahan compensation
 * and folds the pending correction back in before dividing.
 */
export function avg(...xs: number[]): number {
  const n = xs.length;
  if (n === 0) return NaN;
  if (n === 1) return xs[0]!;
  if (n === 2) return (xs[0]! + xs[1]!) / 2;
  let sum = 0;
  let c = 0;
  for (const x of xs) {
    if (x !== x) return NaN;
    const y = x - c;
    const t = sum + y;
    c = t - sum - y;
    sum = t;
  }
  return (sum - c) / n;
}

/**
 * TradingView evaluates pow on the JVM (x86 intrinsic, not correctly rounded); V8's pow agrees on
 * nearly all arguments but not bit for bit on every one. pow(x, 0.5) is exactly sqrt(x) there.
 */
export function pow(base: number, exponent: number): number {
  return exponent === 0.5 && base > 0 ? Math.sqrt(base) : Math.pow(base, exponent);
}

export function sign(x: number): number {
  return x !== x ? NaN : x > 0 ? 1 : x < 0 ? -1 : 0;
}

/**
 * Per-call-site generator; a given seed replays java.util.Random's sequence (TradingView's seeded
 * math.random does). Deliberate exception to the stamp convention: every call draws the next
 * number, also within one bar, because a call site inside a loop must not repeat its value.
 */
class RandomSite implements StatefulInstance {
  private gen: JavaRandom | null = null;
  private seed = NaN;
  update(_bar: number, _ctx: RuntimeContext, minV?: number, maxV?: number, seed?: number): number {
    const lo = minV === undefined || minV !== minV ? 0 : minV;
    const hi = maxV === undefined || maxV !== maxV ? 1 : maxV;
    const seeded = seed !== undefined && seed === seed;
    if (this.gen === null || (seeded && seed !== this.seed)) {
      this.seed = seeded ? seed : NaN;
      this.gen = new JavaRandom(seeded ? seed : Math.floor(Math.random() * 2 ** 48));
    }
    return lo + (hi - lo) * this.gen.nextDouble();
  }
}

/**
 * math.sum(source, length): rolling sum of the last `length` non-na values (na inputs are skipped
 * and leave the sum unchanged), na until `length` values exist. TradingView runs the same rolling
 * Kahan sum for math.sum and ta.sma (see ta/rolling-sum.ts, which documents the summation order and
 * the length-change behaviour); a length below 1 counts as 1.
 */
class MathSum implements StatefulInstance {
  private readonly sum = new RollingSum();
  update(bar: number, _ctx: RuntimeContext, source: number, length: number): number {
    return this.sum.update(bar, source, Math.max(1, Math.trunc(length)));
  }
}

const MATH_UNARY: Record<string, (x: number) => number> = {
  'math.abs': Math.abs,
  'math.acos': Math.acos,
  'math.asin': Math.asin,
  'math.atan': Math.atan,
  'math.ceil': Math.ceil,
  'math.cos': Math.cos,
  'math.exp': Math.exp,
  'math.floor': Math.floor,
  'math.log': Math.log,
  'math.log10': Math.log10,
  'math.sin': Math.sin,
  'math.sqrt': Math.sqrt,
  'math.tan': Math.tan,
  'math.sign': sign,
  'math.todegrees': (r: number) => (r * 180) / Math.PI,
  'math.toradians': (d: number) => (d * Math.PI) / 180,
};

export const MATH_FUNCTIONS: Record<string, StdlibFunction> = {
  ...Object.fromEntries(Object.entries(MATH_UNARY).map(([k, f]) => [k, { impl: f }])),
  'math.pow': { impl: pow },
  'math.max': { impl: max },
  'math.min': { impl: min },
  'math.avg': { impl: avg },
  'math.round': { impl: round },
  'math.round_to_mintick': { impl: roundToMintick, needsContext: true },
};

export const MATH_STATEFUL: Record<string, StdlibStateful> = {
  'math.random': { create: () => new RandomSite() },
  'math.sum': { create: () => new MathSum() },
};

export const MATH_CONSTANTS: Record<string, number> = {
  'math.e': Math.E,
  'math.pi': Math.PI,
  'math.phi': 1.618033988749895,
  'math.rphi': 0.6180339887498948,
};
