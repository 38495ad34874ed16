// TradingView's rolling window sum — the machine behind ta.sma and math.sum (and every ta.* defined
// on top of sma: vwma, bb, ...).
//
// A Kahan running sum over the last `length` non-na values (na inputs are skipped and leave the sum
// unchanged). Each value enters as one compensated add and is remembered with the corrected amount
// it actually added (its "entry": value − pending compensation); the steady step first takes the
// oldest entry out (a compensated add of −entry), then adds the new value. The result is the running
// sum itself (the pending compensation is not folded in). This order reproduces TradingView bit for
// bit on every row of the sma-based indicator fixtures (ma.csv sma ×3, bb.csv base/upper/lower/bbw,
// cci, correlation), where a fresh sum, a plain running sum or a Neumaier sum differ in the last bit
// on 40–80 % of the rows. Like any running sum it carries rounding residue from every earlier bar, so
// results on exact ties (fast sma == slow sma in exact arithmetic) depend on the whole history the
// script ran on.
//
// Length changes (series length), as measured for math.sum: a shrink first walks the extra leaving
// values out oldest first (compensated adds of the negated raw values), a growth re-admits raw values
// newest first down to one past the new window (they keep their original entries), then the steady
// step runs.
//
// Stamp-aware: a call with a new bar stamp commits the previous call's working state; a call with the
// same stamp recomputes from the committed state. O(1) per bar; history lives in power-of-two typed
// ring buffers (kept deeper only when a series length asks for it).
import { MIN_KEEP, nextPow2 } from './core.js';

/** Single rolling sum. After update(): returns the window sum (NaN until `length` values exist). */
export class RollingSum {
  private stamp = NaN;
  // committed history of non-na inputs (raw value, entry), newest at head − 1
  private raw: Float64Array;
  private ent: Float64Array;
  private mask: number;
  private head = 0;
  private size = 0; // values stored (≤ capacity)
  private keepAll = false; // a length grew: stop forgetting
  private depth = 0; // deepest length asked for
  // committed state
  private cLen = 0;
  private cS = 0;
  private cC = 0;
  // working state of the current call
  private len = 0;
  private s = 0;
  private c = 0;
  private pending = NaN; // non-na value entered by the current call (NaN: none)
  private pEnt = 0;

  constructor() {
    const cap = MIN_KEEP;
    this.raw = new Float64Array(cap);
    this.ent = new Float64Array(cap);
    this.mask = cap - 1;
  }

  private reserve(L: number): void {
    if (this.depth > 0) this.keepAll = true;
    this.depth = L;
    if (L + 1 > this.raw.length) this.grow(nextPow2(L + 1));
  }

  private grow(cap: number): void {
    const nr = new Float64Array(cap);
    const ne = new Float64Array(cap);
    const m = this.mask;
    // oldest first into 0 … size−1
    for (let k = this.size - 1, j = 0; k >= 0; k--, j++) {
      const idx = (this.head - 1 - k) & m;
      nr[j] = this.raw[idx]!;
      ne[j] = this.ent[idx]!;
    }
    this.raw = nr;
    this.ent = ne;
    this.mask = cap - 1;
    this.head = this.size & this.mask;
  }

  private commit(): void {
    this.cLen = this.len;
    this.cS = this.s;
    this.cC = this.c;
    const x = this.pending;
    if (x === x) {
      if (this.keepAll && this.size === this.raw.length) this.grow(this.raw.length * 2);
      const h = this.head;
      this.raw[h] = x;
      this.ent[h] = this.pEnt;
      this.head = (h + 1) & this.mask;
      if (this.size <= this.mask) this.size++;
    }
  }

  /** Length-change walk (rare): see the file comment. */
  private resize(L: number, entering: boolean): void {
    const walkTo = entering ? L : L + 1;
    let len = this.len;
    let s = this.s;
    let c = this.c;
    const m = this.mask;
    while (len > walkTo) {
      const y = -this.raw[(this.head - len) & m]! - c;
      const t = s + y;
      c = t - s - y;
      s = t;
      len--;
    }
    while (len < L && len < this.size) {
      len++;
      const y = this.raw[(this.head - len) & m]! - c;
      const t = s + y;
      c = t - s - y;
      s = t;
    }
    this.len = len;
    this.s = s;
    this.c = c;
  }

  /** Window sum including x (x na: the window as it stands); NaN for an invalid length or until full. */
  update(bar: number, x: number, L: number): number {
    if (bar !== this.stamp) {
      if (this.stamp === this.stamp) this.commit();
      this.stamp = bar;
    }
    this.pending = NaN;
    let len = this.cLen;
    let s = this.cS;
    let c = this.cC;
    if (!(L >= 1)) {
      this.len = len;
      this.s = s;
      this.c = c;
      return NaN;
    }
    const entering = x === x;
    if (L > this.depth) this.reserve(L);
    if (len > L || (len < L && len < this.size)) {
      this.len = len;
      this.s = s;
      this.c = c;
      this.resize(L, entering);
      len = this.len;
      s = this.s;
      c = this.c;
    }
    if (entering ? len >= L : len > L) {
      // the oldest entry leaves first
      const y = -this.ent[(this.head - len) & this.mask]! - c;
      const t = s + y;
      c = t - s - y;
      s = t;
      len--;
    }
    if (entering) {
      const y = x - c;
      const t = s + y;
      c = t - s - y;
      s = t;
      this.pending = x;
      this.pEnt = y;
      len++;
    }
    this.len = len;
    this.s = s;
    this.c = c;
    return len >= L ? s : NaN;
  }

  /** k-th newest value of the window evaluated by the last update (0 = newest). */
  windowValue(k: number): number {
    const x = this.pending;
    const j = x === x ? k - 1 : k;
    if (j < 0) return x;
    if (j >= this.size) return NaN;
    return this.raw[(this.head - 1 - j) & this.mask]!;
  }
}

/**
 * Two rolling sums over values that enter together (x and x², the up/down buckets of one change):
 * the pair is skipped when either is na. Same machine as RollingSum, one ring and one stamp for both.
 * After update(), `u` and `v` are the window sums (NaN until full).
 */
export class RollingPair {
  private stamp = NaN;
  private rawU: Float64Array;
  private entU: Float64Array;
  private rawV: Float64Array;
  private entV: Float64Array;
  private mask: number;
  private head = 0;
  private size = 0;
  private keepAll = false;
  private depth = 0;
  private cLen = 0;
  private cSu = 0;
  private cCu = 0;
  private cSv = 0;
  private cCv = 0;
  private len = 0;
  private su = 0;
  private cu = 0;
  private sv = 0;
  private cv = 0;
  private has = false; // the current call entered a pair
  private pU = 0;
  private pV = 0;
  private pEu = 0;
  private pEv = 0;
  u = NaN;
  v = NaN;

  constructor() {
    const cap = MIN_KEEP;
    this.rawU = new Float64Array(cap);
    this.entU = new Float64Array(cap);
    this.rawV = new Float64Array(cap);
    this.entV = new Float64Array(cap);
    this.mask = cap - 1;
  }

  private reserve(L: number): void {
    if (this.depth > 0) this.keepAll = true;
    this.depth = L;
    if (L + 1 > this.rawU.length) this.grow(nextPow2(L + 1));
  }

  private grow(cap: number): void {
    const m = this.mask;
    const copy = (a: Float64Array): Float64Array => {
      const na = new Float64Array(cap);
      for (let k = this.size - 1, j = 0; k >= 0; k--, j++) na[j] = a[(this.head - 1 - k) & m]!;
      return na;
    };
    this.rawU = copy(this.rawU);
    this.entU = copy(this.entU);
    this.rawV = copy(this.rawV);
    this.entV = copy(this.entV);
    this.mask = cap - 1;
    this.head = this.size & this.mask;
  }

  private commit(): void {
    this.cLen = this.len;
    this.cSu = this.su;
    this.cCu = this.cu;
    this.cSv = this.sv;
    this.cCv = this.cv;
    if (this.has) {
      if (this.keepAll && this.size === this.rawU.length) this.grow(this.rawU.length * 2);
      const h = this.head;
      this.rawU[h] = this.pU;
      this.entU[h] = this.pEu;
      this.rawV[h] = this.pV;
      this.entV[h] = this.pEv;
      this.head = (h + 1) & this.mask;
      if (this.size <= this.mask) this.size++;
    }
  }

  private resize(L: number, entering: boolean): void {
    const walkTo = entering ? L : L + 1;
    let len = this.len;
    const m = this.mask;
    while (len > walkTo) {
      const j = (this.head - len) & m;
      this.addU(-this.rawU[j]!);
      this.addV(-this.rawV[j]!);
      len--;
    }
    while (len < L && len < this.size) {
      len++;
      const j = (this.head - len) & m;
      this.addU(this.rawU[j]!);
      this.addV(this.rawV[j]!);
    }
    this.len = len;
  }

  private addU(x: number): void {
    const y = x - this.cu;
    const t = this.su + y;
    this.cu = t - this.su - y;
    this.su = t;
  }

  private addV(x: number): void {
    const y = x - this.cv;
    const t = this.sv + y;
    this.cv = t - this.sv - y;
    this.sv = t;
  }

  update(bar: number, u: number, v: number, L: number): void {
    if (bar !== this.stamp) {
      if (this.stamp === this.stamp) this.commit();
      this.stamp = bar;
    }
    this.has = false;
    let len = this.cLen;
    this.len = len;
    this.su = this.cSu;
    this.cu = this.cCu;
    this.sv = this.cSv;
    this.cv = this.cCv;
    this.u = NaN;
    this.v = NaN;
    if (!(L >= 1)) return;
    const entering = u === u && v === v;
    if (L > this.depth) this.reserve(L);
    if (len > L || (len < L && len < this.size)) {
      this.resize(L, entering);
      len = this.len;
    }
    let su = this.su;
    let cu = this.cu;
    let sv = this.sv;
    let cv = this.cv;
    if (entering ? len >= L : len > L) {
      // take the oldest entries out
      const j = (this.head - len) & this.mask;
      let y = -this.entU[j]! - cu;
      let t = su + y;
      cu = t - su - y;
      su = t;
      y = -this.entV[j]! - cv;
      t = sv + y;
      cv = t - sv - y;
      sv = t;
      len--;
    }
    if (entering) {
      let y = u - cu;
      let t = su + y;
      cu = t - su - y;
      su = t;
      this.pEu = y;
      y = v - cv;
      t = sv + y;
      cv = t - sv - y;
      sv = t;
      this.pEv = y;
      this.pU = u;
      this.pV = v;
      this.has = true;
      len++;
    }
    this.len = len;
    this.su = su;
    this.cu = cu;
    this.sv = sv;
    this.cv = cv;
    if (len >= L) {
      this.u = su;
      this.v = sv;
    }
  }
}
