import { describe, expect, it } from 'vitest';
import { call, expectedLog, expectLogsMatch, logInfo, makeContext, type TestContext } from './helpers.js';
import { STDLIB_CONSTANTS } from '../../src/stdlib/registry.js';

const C = STDLIB_CONSTANTS;
let ctx: TestContext;
const a = (name: string, ...args: unknown[]) => call(`array.${name}`, ctx, ...args);
const fromInt = (...v: number[]) => call('array.from#9', ctx, ...v);
const fromFloat = (...v: number[]) => call('array.from#10', ctx, ...v);
const log = (fmt: string, ...args: unknown[]) => logInfo(ctx, fmt, ...args);

describe('array unit', () => {
  it('negative indices, bounds errors, na indices', () => {
    ctx = makeContext();
    const x = fromInt(1, 2, 3);
    expect(a('get', x, -1)).toBe(3);
    expect(() => a('get', x, 5)).toThrow('Index 5 is out of bounds. Array size is 3.');
    expect(() => a('get', x, -4)).toThrow('Index -4 is out of bounds. Array size is 3.');
    expect(a('get', x, NaN)).toBeNaN();
    expect(a('remove', x, -1)).toBe(3);
    expect(() => a('pop', a('new_float'))).toThrow();
  });

  it('insert addresses one position more; fill clamps and never resizes; views index from their own end', () => {
    ctx = makeContext();
    const ins = (i: number) => {
      const x = fromInt(10, 20, 30, 40);
      a('insert', x, i, 77);
      return Array.from(x);
    };
    expect(ins(4)).toEqual([10, 20, 30, 40, 77]);
    expect(ins(-4)).toEqual([77, 10, 20, 30, 40]);
    expect(ins(-1)).toEqual([10, 20, 30, 77, 40]);
    expect(() => ins(5)).toThrow();
    expect(() => ins(-5)).toThrow();
    const f = (from?: number, to?: number) => {
      const x = fromInt(10, 20, 30, 40);
      a('fill', x, 5, from, to);
      return Array.from(x);
    };
    expect(f(NaN, 99)).toEqual([5, 5, 5, 5]);
    expect(f(NaN, -1)).toEqual([5, 5, 5, 40]);
    expect(f(-2)).toEqual([10, 20, 5, 5]);
    expect(f(99)).toEqual([10, 20, 30, 40]);
    expect(f(3, 1)).toEqual([10, 20, 30, 40]);
    const p = fromInt(10, 20, 30, 40);
    const view = a('slice', p, 1, 3);
    expect(a('get', view, -1)).toBe(30);
    expect(() => a('get', view, -3)).toThrow();
    a('fill', view, 5);
    expect(Array.from(p)).toEqual([10, 5, 5, 40]);
  });

  it('generic constructor takes the element type first', () => {
    ctx = makeContext();
    const x = a('new', 'float', 2, 1);
    expect(a('join', x, ',')).toBe('1.0,1.0');
    const y = a('new<type>', 'string', 2);
    expect(Array.from(y)).toEqual([null, null]);
  });

  it('slice is a live view onto its source', () => {
    ctx = makeContext();
    const x = fromInt(1, 2, 3, 4, 5);
    const v = a('slice', x, 1, 3);
    a('set', v, 0, 20);
    expect(Array.from(x)).toEqual([1, 20, 3, 4, 5]);
    a('push', v, 99);
    expect(Array.from(x)).toEqual([1, 20, 3, 99, 4, 5]);
    expect(a('size', v)).toBe(3);
    expect(a('join', v, ',')).toBe('20,3,99');
  });

  // Orders measured on TradingView (reported with PyneCore's regression tests).
  it('sort: na is the largest number and the smallest string; descending reverses ascending', () => {
    ctx = makeContext();
    const x = fromFloat(30, 20, 10, NaN);
    a('sort', x);
    expect(Array.from(x)).toEqual([10, 20, 30, NaN]);
    const y = fromFloat(30, 20, 10, NaN);
    a('sort', y, C['order.descending']);
    expect(Array.from(y)).toEqual([NaN, 30, 20, 10]);
    expect(Array.from(a('sort_indices', fromFloat(30, 20, 10, NaN)))).toEqual([2, 1, 0, 3]);
    expect(Array.from(a('sort_indices', fromInt(NaN, NaN, 5, 1)))).toEqual([3, 2, 0, 1]);
    expect(Array.from(a('sort_indices', fromFloat(30, 20, 10, NaN), C['order.descending']))).toEqual([3, 0, 1, 2]);
    const s = call('array.from#7', ctx, 'b', 'a', null);
    expect(Array.from(a('sort_indices', s))).toEqual([2, 1, 0]);
    a('sort', s, C['order.descending']);
    expect(Array.from(s)).toEqual(['b', 'a', null]);
  });

  it('standardize skips na; a constant array gives 1 for every element', () => {
    ctx = makeContext();
    const z = Array.from(a('standardize', fromFloat(1, 2, 3, NaN)) as number[]);
    expect(z[0]).toBeCloseTo(-1.224744871391589, 15);
    expect(z[3]).toBeNaN();
    expect(Array.from(a('standardize', fromFloat(5, 5)))).toEqual([1, 1]);
    expect(Array.from(a('standardize', fromFloat()))).toEqual([]);
    expect(a('every', call('array.new_bool', ctx))).toBe(false);
  });
});

describe('array logs fixtures (scripts mirrored by hand)', () => {
  it('test_001_array_basic', () => {
    ctx = makeContext();
    const ab = a('new_bool', 5, false);
    const ac = a('new_color', 5, C['color.red']);
    const af = a('new_float', 5, 0.0);
    const ai = a('new_int', 5, 0);
    const as_ = a('new_string', 5, 's');
    a('set', ab, 0, true);
    a('set', ac, 0, C['color.green']);
    a('set', ac, -2, C['color.orange']);
    a('set', af, 0, 1.0);
    a('set', af, -2, 2.0);
    a('set', ai, 0, 1);
    a('set', ai, -2, 2);
    a('set', as_, 0, 's0');
    a('set', as_, -2, 's2');
    log('ab: {0}', ab);
    log('ac[3]: {0}', a('get', ac, 3) === C['color.orange']);
    log('ac[0]: {0}', a('get', ac, 0) === C['color.green']);
    log('af: {0}', af);
    log('ai: {0}', ai);
    log('as_: {0}', as_);
    const x = fromInt(-1, -2, -3, -4, -5);
    log('a: {0}', x);
    log('array.size(a): {0}', a('size', x));
    a('push', x, 6);
    log('array.pop(a, 0): {0}', a('pop', x));
    log('array.size(a): {0}', a('size', x));
    a('clear', x);
    log('array.size(a): {0}', a('size', x));
    expectLogsMatch(ctx.logs, expectedLog('test_001_array_basic'));
  });

  // test_002 (int) and test_003 (float) run the same script on different inputs.
  function arrayFunctions(from: (...v: number[]) => unknown[], v: Record<string, number>): void {
    let x = from(...[v.a0!, v.a1!, v.a2!, v.a3!, v.a4!]);
    log('array.abs(a): {0}', a('abs', x));
    log('array.avg(a): {0}', a('avg', x));
    x = from(v.b0!, v.b1!, v.b2!, v.b3!, v.b4!);
    log('array.binary_search(a, 4): {0}', a('binary_search', x, 4));
    log('array.binary_search(a, 3): {0}', a('binary_search', x, 3));
    log('array.binary_search_leftmost(a, 3): {0}', a('binary_search_leftmost', x, 3));
    log('array.binary_search_rightmost(a, 3): {0}', a('binary_search_rightmost', x, 3));
    const b = from(v.c0!, v.c1!, v.c2!, v.c3!);
    log('array.concat(a, b): {0}; a: {1}; b: {2}', a('concat', x, b), x, b);
    const c = a('copy', x);
    log('c: {0}', c);
    log('array.covariance(a, b): {0,number,#.###############}', a('covariance', x, c));
    log('array.covariance(a, b, biased=false): {0,number,#.###############}', a('covariance', x, c, false));
    a('insert', x, 0, 0);
    a('fill', c, 0, 1, 3);
    log('c: {0}', c);
    log('array.first(a): {0}', a('first', x));
    log('array.includes(a, 4): {0}', a('includes', x, v.search!));
    log('array.indexof(a, 4): {0}', a('indexof', x, v.search!));
    log("array.join(a, '', ''): {0}", a('join', x, ', ')); // MessageFormat: '' prints one quote
    log('array.last(a): {0}', a('last', x));
    log('array.lastindexof(a, 4): {0}', a('lastindexof', x, 4));
    log('array.max(a): {0}', a('max', x));
    log('array.min(a): {0}', a('min', x));
    log('array.median(a): {0}', a('median', x));
    log('array.mode(a): {0}', a('mode', x));
    log(`array.percentrank(a, ${v.prank}): {0}`, a('percentrank', x, v.prank!));
    for (const p of [0.5, 50, 70]) log(`array.percentile_linear_interpolation(a, ${p}): {0}`, a('percentile_linear_interpolation', x, p));
    for (const p of [0.5, 50, 70]) log(`array.percentile_nearest_rank(a, ${p}): {0}`, a('percentile_nearest_rank', x, p));
    log('array.range(a): {0}', a('range', x));
    a('remove', x, 4);
    log('array.remove(a, 4): {0}', x);
    a('reverse', c);
    log('array.reverse(c): {0}', c);
    log('array.shift(a): {0}', a('shift', x));
    log('array.size(a): {0}', a('size', x));
    const sa = a('slice', x, 1, 3);
    log('array.slice(a, 1, 3): {0}', sa);
    log('array.size(sa): {0}', a('size', sa));
    a('set', sa, 1, v.setv!);
    log('array.set(sa, 1, 11): {0}; a: {1}', sa, x);
    a('sort', x, C['order.descending']);
    log('array.sort(a, order.descending): {0}', x);
    a('sort', x, C['order.ascending']);
    log('array.sort(a, order.ascending): {0}', x);
    log('array.sort_indices(c): {0}', a('sort_indices', c));
    log('array.sort_indices(c, order.descending): {0}', a('sort_indices', c, C['order.descending']));
    log('array.standardize(a): {0}', a('standardize', x));
    if (v.extraStandardize) log('array.standardize(a): {0}', a('standardize', fromFloat(1.1, 2.2, 3.3, 4.4, 5.5)));
    log('array.stdev(a): {0,number,#.#############}', a('stdev', x));
    log('array.stdev(a, biased=false): {0,number,#.#############}', a('stdev', x, false));
    log('array.sum(a): {0}', a('sum', x));
    a('unshift', x, 0);
    log('array.unshift(a, 0): {0}', x);
    log('array.variance(a): {0,number,#.#############}', a('variance', x));
    log('array.variance(a, biased=false): {0,number,#.#############}', a('variance', x, false));
  }

  it('test_002_array_functions (int arrays)', () => {
    ctx = makeContext();
    arrayFunctions(fromInt, {
      a0: -1, a1: -2, a2: -3, a3: -4, a4: -5, b0: 1, b1: 2, b2: 4, b3: 5, b4: 6, c0: 7, c1: 8, c2: 9, c3: 10,
      search: 4, prank: 4, setv: 11, extraStandardize: 1,
    });
    expectLogsMatch(ctx.logs, expectedLog('test_002_array_functions'));
  });

  it('test_003_array_functions_float (float arrays)', () => {
    ctx = makeContext();
    arrayFunctions(fromFloat, {
      a0: -1.5, a1: -2.1, a2: -3.4, a3: -4.3, a4: -5.6, b0: 1.1, b1: 2.2, b2: 4.4, b3: 5.5, b4: 6.6, c0: 7.7, c1: 8.8, c2: 9.9, c3: 10.1,
      search: 4.4, prank: 1, setv: 11.2, extraStandardize: 0,
    });
    expectLogsMatch(ctx.logs, expectedLog('test_003_array_functions_float'));
  });

  it('test_005_array_na_functions', () => {
    ctx = makeContext();
    const x = fromFloat(1.0, NaN, 3.0, NaN, 5.0);
    log('avg: {0}', a('avg', x));
    log('sum: {0}', a('sum', x));
    log('min: {0}', a('min', x));
    log('max: {0}', a('max', x));
    log('range: {0}', a('range', x));
    log('median: {0}', a('median', x));
    log('variance: {0,number,#.############}', a('variance', x));
    log('variance_unbiased: {0,number,#.############}', a('variance', x, false));
    log('stdev: {0,number,#.############}', a('stdev', x));
    log('stdev_unbiased: {0,number,#.############}', a('stdev', x, false));
    log('mode: {0}', a('mode', fromFloat(4.0, NaN, 4.0, 7.0, NaN)));
    const c1 = fromFloat(1.0, NaN, 3.0, 5.0);
    const c2 = fromFloat(2.0, 4.0, NaN, 6.0);
    log('cov: {0,number,#.############}', a('covariance', c1, c2));
    log('cov_unbiased: {0,number,#.############}', a('covariance', c1, c2, false));
    const s = fromFloat(NaN, 6.0, NaN);
    log('s_avg: {0}', a('avg', s));
    log('s_stdev: {0}', a('stdev', s));
    log('s_variance: {0}', a('variance', s));
    const z = fromFloat(NaN, NaN);
    log('z_avg: {0}', a('avg', z));
    log('z_sum: {0}', a('sum', z));
    log('z_min: {0}', a('min', z));
    expectLogsMatch(ctx.logs, expectedLog('test_005_array_na_functions'));
  });

  it('test_006_array_na_percentile', () => {
    ctx = makeContext();
    const x = fromFloat(10.0, NaN, 20.0, 30.0, NaN, 40.0);
    for (const p of [0, 25, 50, 60, 75, 100]) log(`pnr${p}: {0}`, a('percentile_nearest_rank', x, p));
    log('prank0: {0}', a('percentrank', x, 0));
    log('prank1na: {0}', a('percentrank', x, 1));
    log('prank2: {0}', a('percentrank', x, 2));
    log('prank5: {0}', a('percentrank', x, 5));
    for (const p of [0, 10, 25, 50, 75, 100]) log(`pli_na${p}: {0}`, a('percentile_linear_interpolation', x, p));
    const b = fromFloat(0.0, 1.1, 2.2, 4.4, 5.5, 6.6, 7.7, 8.8, 9.9, 10.1);
    for (const p of [10, 15, 25, 50, 75, 90]) log(`pli_c${p}: {0}`, a('percentile_linear_interpolation', b, p));
    expectLogsMatch(ctx.logs, expectedLog('test_006_array_na_percentile'));
  });

  it('test_007_tolerant_search', () => {
    ctx = makeContext();
    const base = 100.0;
    const dsub = 1e-12;
    const dsup = 1e-8;
    const dup = fromFloat(base, base + 1.0, base, base + 2.0);
    const sorted = fromFloat(base, base + 1.0, base + 2.0);
    const pct = fromFloat(base, base + dsub, base + 5.0);
    log(
      'idx {0} lastidx {1} lastidx_sup {2} includes {3} bsearch {4} pnr {5}',
      a('indexof', dup, base + dsub),
      a('lastindexof', dup, base + dsub),
      a('lastindexof', dup, base + dsup),
      a('includes', dup, base + dsub),
      a('binary_search', sorted, base + dsub),
      (a('percentile_nearest_rank', pct, 50) - base) * 1e12,
    );
    expectLogsMatch(ctx.logs, expectedLog('test_007_tolerant_search'));
  });

  it('test_008_array_na_index (nai = int(na))', () => {
    ctx = makeContext();
    const nai = call('int', ctx, NaN);
    const a1 = fromInt(10, 20, 30, 40);
    log('get: {0} arr: {1}', a('get', a1, nai), a('join', a1, ','));
    const a2 = fromInt(10, 20, 30, 40);
    a('set', a2, nai, 99);
    log('set_arr: {0} size: {1}', a('join', a2, ','), a('size', a2));
    const a3 = fromInt(10, 20, 30, 40);
    log('remove: {0} arr: {1}', a('remove', a3, nai), a('join', a3, ','));
    const a4 = fromInt(10, 20, 30, 40);
    a('insert', a4, nai, 77);
    log('insert_arr: {0}', a('join', a4, ','));
    const sl1 = a('slice', fromInt(10, 20, 30, 40), nai, 2);
    log('slice_nafrom: {0} size: {1}', a('join', sl1, ','), a('size', sl1));
    const sl2 = a('slice', fromInt(10, 20, 30, 40), 1, nai);
    log('slice_nato: {0} size: {1}', a('join', sl2, ','), a('size', sl2));
    const sl3 = a('slice', fromInt(10, 20, 30, 40), nai, nai);
    log('slice_bothna: {0} size: {1}', a('join', sl3, ','), a('size', sl3));
    const a8 = fromInt(10, 20, 30, 40);
    a('fill', a8, 5, nai, 2);
    log('fill_nafrom: {0}', a('join', a8, ','));
    const a9 = fromInt(10, 20, 30, 40);
    a('fill', a9, 5, 1, nai);
    log('fill_nato: {0}', a('join', a9, ','));
    const b1 = fromInt(10, 20, 30, 40);
    log('percentrank: {0} max: {1} min: {2}', a('percentrank', b1, nai), a('max', b1, nai), a('min', b1, nai));
    log('still_running: true');
    const e1 = a('new_int');
    log('empty_get: {0} size: {1}', a('get', e1, nai), a('size', e1));
    const e2 = a('new_int');
    a('set', e2, nai, 9);
    log('empty_set_size: {0}', a('size', e2));
    const e3 = a('new_int');
    log('empty_remove: {0} size: {1}', a('remove', e3, nai), a('size', e3));
    const e4 = a('new_int');
    a('insert', e4, nai, 77);
    log('empty_insert: {0} size: {1}', a('join', e4, ','), a('size', e4));
    log('still_running: true');
    expectLogsMatch(ctx.logs, expectedLog('test_008_array_na_index'));
  });
});
