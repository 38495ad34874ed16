// ExpFilter and WilderBank keep a cheap pending state for speed (once warm, a call only records the
// new value; commit moves one number). They must give the very bits of the plain design that copies
// the whole state on every commit — the one the TradingView fixtures were matched with — on every
// path: na inputs, series lengths that change, and re-executions of a bar with other arguments (the
// stamp contract).
import { describe, expect, it } from 'vitest';
import { ExpFilter, WilderBank } from '../../src/ta/filters.js';

/** Deterministic pseudo-random stream (xorshift32) in [0, 1). */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

const same = (a: number, b: number) => Object.is(a, b) || (a !== a && b !== b);

interface Step {
  a: number;
  b: number;
  L: number;
  /** Extra calls on the same stamp before the final one (re-execution with other arguments). */
  redo: { a: number; b: number; L: number }[];
}

/** Bars with na gaps, a length that changes now and then (na sometimes), and some re-executions. */
function script(seed: number, n: number, lengths: number[]): Step[] {
  const r = rng(seed);
  const out: Step[] = [];
  let L = lengths[0]!;
  let p = 100;
  for (let i = 0; i < n; i++) {
    p += (r() - 0.5) * 2;
    if (r() < 0.02) L = lengths[Math.floor(r() * lengths.length)]!;
    const a = r() < 0.05 ? NaN : Math.round(p * 100) / 100;
    const b = r() < 0.05 ? NaN : Math.round((p * 0.7 + r() * 3) * 100) / 100;
    const redo = r() < 0.1 ? [{ a: r() < 0.3 ? NaN : p + r(), b: p - r(), L: lengths[Math.floor(r() * lengths.length)]! }] : [];
    out.push({ a, b, L: r() < 0.01 ? NaN : L, redo });
  }
  return out;
}

/** The ExpFilter step as it was before the cheap pending state: the full state copied on each commit. */
class PlainExpFilter {
  private stamp = NaN;
  private c = { value: NaN, count: 0, s: 0, comp: 0 };
  private p = { value: NaN, count: 0, s: 0, comp: 0 };
  private dirty = false;
  constructor(private readonly wilder: boolean) {}
  update(bar: number, x: number, length: number): number {
    if (bar !== this.stamp) {
      if (this.dirty) this.c = { ...this.p };
      this.stamp = bar;
    }
    this.dirty = false;
    if (x !== x || !(length >= 1)) return NaN;
    const n = Math.trunc(length);
    this.dirty = true;
    const c = this.c;
    if (c.count >= n) {
      const prev = c.value;
      const v = this.wilder ? (prev * (n - 1) + x) / n : prev + (2 / (n + 1)) * (x - prev);
      this.p = { value: v, count: c.count, s: c.s, comp: c.comp };
      return v;
    }
    const t = c.s + x;
    const comp = Math.abs(c.s) >= Math.abs(x) ? c.comp + (c.s - t + x) : c.comp + (x - t + c.s);
    const count = c.count + 1;
    const v = count < n ? NaN : (t + comp) / n;
    this.p = { value: v, count, s: t, comp };
    return v;
  }
}

describe('ExpFilter and WilderBank: pending-state shortcuts change nothing', () => {
  for (const wilder of [false, true]) {
    it(`${wilder ? 'rma' : 'ema'} with na inputs, length changes and re-executions`, () => {
      const f = new ExpFilter(wilder);
      const ref = new PlainExpFilter(wilder);
      const bank = wilder ? new WilderBank(2) : null;
      let compared = 0;
      script(7, 3000, [5, 14, 30, 2]).forEach((s, bar) => {
        bank?.begin(bar);
        for (const x of [...s.redo, s]) {
          const want = ref.update(bar, x.a, x.L);
          expect(same(f.update(bar, x.a, x.L), want)).toBe(true);
          if (bank) {
            expect(same(bank.step(1, x.a, x.L === x.L ? Math.trunc(x.L) : NaN), want)).toBe(true);
            bank.step(0, x.b, 3); // a second lane stepped alongside must not disturb lane 1
          }
          if (want === want) compared++;
        }
      });
      expect(compared).toBeGreaterThan(2000);
    });
  }
});
