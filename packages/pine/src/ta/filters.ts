// Recursive filters (ema, rma) as reusable stamp-aware state. They are the inner machines of many
// ta functions (macd, rsi, atr, dmi, kc, tsi, supertrend), so they live apart from the call sites.
import { Stamped } from './core.js';

/**
 * Exponential filter seeded with the SMA of its first `length` non-na inputs (na before), as
 * TradingView's ta.ema / ta.rma do. An na input returns na and leaves the state untouched. The seed
 * sum is compensated (it matches TradingView's seed bit for bit where a plain sum does not).
 */
export class ExpFilter extends Stamped {
  // committed
  private cValue = NaN;
  private cCount = 0;
  private cS = 0; // compensated seed sum (s + c)
  private cC = 0;
  // pending
  private pValue = NaN;
  private pCount = 0;
  private pS = 0;
  private pC = 0;
  private pDirty = false;

  /** wilder = true: ta.rma (alpha 1/n); false: ta.ema (alpha 2/(n+1)). */
  constructor(private readonly wilder: boolean) {
    super();
  }

  protected commit(): void {
    if (!this.pDirty) return;
    this.cValue = this.pValue;
    this.cCount = this.pCount;
    this.cS = this.pS;
    this.cC = this.pC;
    this.pDirty = false;
  }

  update(bar: number, x: number, length: number): number {
    if (bar !== this.stamp) {
      if (this.pDirty) this.commit();
      this.stamp = bar;
    }
    this.pDirty = false;
    if (x !== x || !(length >= 1)) return NaN;
    const n = Math.trunc(length);
    this.pDirty = true;
    const count = this.cCount;
    if (count >= n) {
      const prev = this.cValue;
      // These step shapes reproduce TradingView's last bits far more often than the textbook
      // alpha·x + (1−alpha)·prev (checked against the ma.csv fixture: ema 123/130 vs 60/130 rows
      // bit-identical, rma 124/145 vs 50/145).
      const v = this.wilder ? (prev * (n - 1) + x) / n : prev + (2 / (n + 1)) * (x - prev);
      this.pValue = v;
      this.pCount = count;
      this.pS = this.cS;
      this.pC = this.cC;
      return v;
    }
    return this.seed(x, n);
  }

  /** Warm-up path (kept out of update() so the hot path stays small enough to inline). */
  private seed(x: number, n: number): number {
    // Neumaier-compensated sum of the first n values
    const count = this.cCount;
    const s = this.cS;
    const t = s + x;
    this.pC = Math.abs(s) >= Math.abs(x) ? this.cC + (s - t + x) : this.cC + (x - t + s);
    this.pS = t;
    this.pCount = count + 1;
    if (this.pCount < n) {
      this.pValue = NaN;
      return NaN;
    }
    this.pValue = (this.pS + this.pC) / n;
    return this.pValue;
  }
}

/**
 * Several rma (Wilder) filters that are always stepped together (the lanes of ta.dmi, the atr of
 * ta.supertrend): one stamp check per call instead of one per filter, and the state in one typed
 * array so that the steady step stays small enough for V8 to inline several lanes. Lane semantics
 * are exactly ExpFilter(true)'s. Call begin(bar) once per call, then step() each lane once.
 */
export class WilderBank {
  private stamp = NaN;
  // per lane, 8 slots: committed value, count, s, c; pending value, count, s, c
  readonly st: Float64Array;
  readonly dirty: Uint8Array;
  constructor(lanes: number) {
    this.st = new Float64Array(lanes * 8);
    for (let i = 0; i < lanes; i++) {
      this.st[i * 8] = NaN;
      this.st[i * 8 + 4] = NaN;
    }
    this.dirty = new Uint8Array(lanes);
  }

  begin(bar: number): void {
    if (bar !== this.stamp) {
      if (this.stamp === this.stamp) this.commit();
      this.stamp = bar;
    }
  }

  /** Whether every lane has finished its warm-up for length n (then step() is the plain recurrence). */
  warm(n: number): boolean {
    return this.minCount >= n;
  }
  /** Smallest committed count over the lanes (kept by commit). */
  private minCount = 0;

  private commit(): void {
    const st = this.st;
    const d = this.dirty;
    for (let i = 0; i < d.length; i++) {
      if (d[i] === 1) {
        const o = i * 8;
        st[o] = st[o + 4]!;
        st[o + 1] = st[o + 5]!;
        st[o + 2] = st[o + 6]!;
        st[o + 3] = st[o + 7]!;
        d[i] = 0;
      }
    }
    let m = Infinity;
    for (let o = 1; o < st.length; o += 8) if (st[o]! < m) m = st[o]!;
    this.minCount = m;
  }

  /** One rma step of `lane`; `n` is the already truncated length (NaN or < 1: invalid → na). */
  step(lane: number, x: number, n: number): number {
    if (x !== x || !(n >= 1)) {
      this.dirty[lane] = 0;
      return NaN;
    }
    this.dirty[lane] = 1;
    const st = this.st;
    const o = lane * 8;
    const count = st[o + 1]!;
    if (count < n) return this.seed(o, x, n);
    // (prev·(n−1) + x)/n: the shape that reproduces TradingView's last bits (see ExpFilter)
    const v = (st[o]! * (n - 1) + x) / n;
    st[o + 4] = v;
    st[o + 5] = count;
    st[o + 6] = st[o + 2]!;
    st[o + 7] = st[o + 3]!;
    return v;
  }

  /** Warm-up: ExpFilter's Neumaier-compensated seed sum. */
  private seed(o: number, x: number, n: number): number {
    const st = this.st;
    const s = st[o + 2]!;
    const c = st[o + 3]!;
    const t = s + x;
    const pc = Math.abs(s) >= Math.abs(x) ? c + (s - t + x) : c + (x - t + s);
    const count = st[o + 1]! + 1;
    st[o + 6] = t;
    st[o + 7] = pc;
    st[o + 5] = count;
    const v = count < n ? NaN : (t + pc) / n;
    st[o + 4] = v;
    return v;
  }
}
