import { describe, expect, it } from 'vitest';
import { AnySeries, NumSeries, barHistory, ringCapacity } from '../../src/runtime/series.js';
import { PineRuntimeError } from '../../src/core/errors.js';

describe('history buffers', () => {
  it('rounds capacity to a power of two holding depth + 1 values', () => {
    expect(ringCapacity(1)).toBe(2);
    expect(ringCapacity(3)).toBe(4);
    expect(ringCapacity(5)).toBe(8);
    expect(new NumSeries(2).depth).toBe(3);
  });

  it('returns na before the first value and beyond what was written', () => {
    const s = new NumSeries(4);
    expect(s.get(0)).toBeNaN();
    s.set(0, 10);
    expect(s.get(0)).toBe(10);
    expect(s.get(1)).toBeNaN();
    s.set(1, 11);
    s.set(2, 12);
    expect([s.get(0), s.get(1), s.get(2), s.get(3)]).toEqual([12, 11, 10, NaN]);
  });

  it('overwrites the current slot when the same stamp is written again (re-execution, loops)', () => {
    const s = new NumSeries(2);
    s.set(0, 1);
    s.set(1, 2);
    s.set(1, 3);
    expect(s.get(0)).toBe(3);
    expect(s.get(1)).toBe(1);
    expect(s.length).toBe(2);
  });

  it('wraps around and rejects offsets deeper than its capacity with a clear error', () => {
    const s = new NumSeries(3);
    for (let i = 0; i < 100; i++) s.set(i, i);
    expect(s.get(3)).toBe(96);
    expect(() => s.get(5)).toThrow(PineRuntimeError);
    expect(() => s.get(5)).toThrow(/max_bars_back/);
    expect(() => s.get(-1)).toThrow(/positive/);
    expect(s.get(NaN)).toBeNaN();
    expect(s.get(1.9)).toBe(98);
  });

  it('uses the type-specific empty value for non-numeric series', () => {
    const b = new AnySeries<boolean>(2, false);
    expect(b.get(1)).toBe(false);
    b.set(0, true);
    expect(b.get(0)).toBe(true);
    const o = new AnySeries<string | null>(2, null);
    expect(o.get(0)).toBeNull();
  });

  it('reads bar columns with barHistory', () => {
    const col = new Float64Array([1, 2, 3]);
    expect(barHistory(col, 2, 1)).toBe(2);
    expect(barHistory(col, 2, 3)).toBeNaN();
    expect(barHistory(col, 2, NaN)).toBeNaN();
  });
});
