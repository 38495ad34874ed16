// math.* — numbers are JS doubles, na = NaN.
import type { RuntimeContext } from '../core/context.js';
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
 * and leave the sum unchanged), na until `length` values exist.
 *
 * TradingView keeps a Kahan running sum. Each value enters as one compensated add and is remembered
 * with the corrected increment it contributed (its "entry": value − pending compensation). The
 * steady step evicts the oldest entry (a compensated add of −entry), then adds the new value; this
 * reproduces TradingView's sums bit for bit (checked against measured volume-scaled and ratio
 * series). When the length changes — as reported from measurements with PyneCore's regression
 * tests — a shrink first walks the extra leaving values out oldest first (compensated adds of the
 * negated raw values), a growth re-admits raw values newest first down to one past the new window
 * (they keep their original entries), and then the steady step runs.
 */
class RollingSum implements StatefulInstance {
  private stamp = -1;
  /** Raw non-na inputs and, per input, the increment it contributed when it entered. */
  private raw = new Float64Array(64);
  private entry = new Float64Array(64);
  // committed state (after the previous bar) and working state (this bar)
  private cN = 0;
  private cLen = 0;
  private cS = 0;
  private cC = 0;
  private n = 0;
  private len = 0;
  private s = 0;
  private c = 0;

  /** Compensated add; returns the corrected increment that went into the sum. */
  private add(x: number): number {
    const y = x - this.c;
    const t = this.s + y;
    this.c = t - this.s - y;
    this.s = t;
    return y;
  }

  private grow(): void {
    const raw = new Float64Array(this.raw.length * 2);
    raw.set(this.raw);
    this.raw = raw;
    const entry = new Float64Array(this.entry.length * 2);
    entry.set(this.entry);
    this.entry = entry;
  }

  /** Oldest value in the window (offset len − 1). */
  private oldest(): number {
    return this.n - this.len;
  }

  update(bar: number, _ctx: RuntimeContext, source: number, length: number): number {
    if (bar !== this.stamp) {
      if (this.stamp >= 0) {
        this.cN = this.n;
        this.cLen = this.len;
        this.cS = this.s;
        this.cC = this.c;
      }
      this.stamp = bar;
    }
    this.n = this.cN;
    this.len = this.cLen;
    this.s = this.cS;
    this.c = this.cC;
    const L = Math.max(1, Math.trunc(length));
    if (L !== L) return NaN;
    const entering = source === source;
    // Shrink: the walk removes the leaving values except the one the steady step evicts (when a
    // value enters, that step makes room for it; on an na bar it is the window's last leaver).
    const walkTo = entering ? L : L + 1;
    while (this.len > walkTo) {
      this.add(-this.raw[this.oldest()]!);
      this.len--;
    }
    // Grow: admit raw values newest first down to one past the new window.
    while (this.len < L && this.len < this.n) {
      this.len++;
      this.add(this.raw[this.oldest()]!);
    }
    if (entering) {
      if (this.n === this.raw.length) this.grow();
      if (this.len >= L) {
        this.add(-this.entry[this.oldest()]!);
        this.len--;
      }
      this.raw[this.n] = source;
      this.entry[this.n] = this.add(source);
      this.n++;
      this.len++;
    } else if (this.len > L) {
      this.add(-this.entry[this.oldest()]!);
      this.len--;
    }
    return this.len >= L ? this.s : NaN;
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
  'math.sum': { create: () => new RollingSum() },
};

export const MATH_CONSTANTS: Record<string, number> = {
  'math.e': Math.E,
  'math.pi': Math.PI,
  'math.phi': 1.618033988749895,
  'math.rphi': 0.6180339887498948,
};
