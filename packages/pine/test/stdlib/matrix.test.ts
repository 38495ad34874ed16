import { describe, expect, it } from 'vitest';
import { call, expectedLog, expectLogsMatch, logInfo, makeContext, type TestContext } from './helpers.js';
import { PineMatrix } from '../../src/stdlib/matrix.js';

let ctx: TestContext;
const mx = (name: string, ...args: unknown[]) => call(`matrix.${name}`, ctx, ...args);
const log = (fmt: string, ...args: unknown[]) => logInfo(ctx, fmt, ...args);

/** Builds a matrix<T> from rows through the registered functions (new + set). */
function fromRows(type: string, rows: number[][]): PineMatrix<number> {
  const m = mx('new', type, rows.length, rows[0]!.length, 0);
  rows.forEach((r, i) => r.forEach((v, j) => mx('set', m, i, j, v)));
  return m;
}

describe('matrix unit', () => {
  it('linear algebra', () => {
    ctx = makeContext();
    const a = fromRows('float', [
      [4, 1, 2],
      [1, 3, 0],
      [2, 0, 5],
    ]);
    const inv = mx('inv', a);
    const prod = mx('mult', a, inv);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(mx('get', prod, i, j)).toBeCloseTo(i === j ? 1 : 0, 12);
    expect(mx('det', a)).toBeCloseTo(4 * 15 - 1 * 5 + 2 * -6, 10);
    const vals = mx('eigenvalues', a);
    const vecs = mx('eigenvectors', a);
    for (let k = 0; k < 3; k++) {
      const v = mx('col', vecs, k) as number[];
      const av = mx('mult', a, v) as number[];
      for (let i = 0; i < 3; i++) expect(av[i]).toBeCloseTo(vals[k] * v[i]!, 9);
    }
    const rect = fromRows('float', [
      [1, 2],
      [2, 4],
      [3, 6],
    ]);
    expect(mx('rank', rect)).toBe(1);
    const p = mx('pinv', rect);
    const back = mx('mult', mx('mult', rect, p), rect);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 2; j++) expect(mx('get', back, i, j)).toBeCloseTo(mx('get', rect, i, j), 9);
    expect(() => mx('get', rect, 3, 0)).toThrow();
    expect(call('str.tostring', ctx, fromRows('int', [[1, 2], [3, 4]]))).toBe('[1, 2]\n[3, 4]');
  });
});

// No Pine source exists for this fixture (upstream's Python test is not in the reference set); the
// inputs below are the simplest ones consistent with each logged line.
describe('matrix logs fixture', () => {
  it('test_001_matrix_basic', () => {
    ctx = makeContext();
    const bracket = (arr: unknown) => '[' + call('array.join', ctx, arr, ',') + ']';
    const m1 = mx('new', 'float', 3, 3, 1.5);
    log('Test 1 - new(3,3,1.5): rows={0}, cols={1}, elements={2}', mx('rows', m1), mx('columns', m1), mx('elements_count', m1));
    mx('set', m1, 1, 1, 10);
    log('Test 2 - get(1,1): {0}', mx('get', m1, 1, 1));
    mx('fill', m1, 2.0);
    log('Test 3 - fill(2.0) then get(0,0): {0}', mx('get', m1, 0, 0));
    mx('add_row', m1);
    mx('add_col', m1);
    log('Test 4 - after add_row/col: rows={0}, cols={1}', mx('rows', m1), mx('columns', m1));
    const id = fromRows('int', [[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
    log('Test 5 - is_identity: {0}', mx('is_identity', id));
    log('Test 5 - is_diagonal: {0}', mx('is_diagonal', id));
    log('Test 5 - is_symmetric: {0}', mx('is_symmetric', id));
    const d = fromRows('int', [[1, 2], [3, 4]]);
    log('Test 6 - det([[1,2],[3,4]]): {0}', mx('det', d));
    log('Test 6 - trace: {0}', mx('trace', d));
    const s = fromRows('int', [[1, 2, 3], [4, 5, 6]]);
    log('Test 7 - avg: {0}, max: {1}, min: {2}', mx('avg', s), mx('max', s), mx('min', s));
    log('Test 8 - row(0): {0}', bracket(mx('row', s, 0)));
    log('Test 8 - col(1): {0}', bracket(mx('col', s, 1)));
    const b = fromRows('int', [[7, 8], [9, 10], [11, 12]]);
    const prod = mx('mult', s, b);
    log('Test 9 - mult result shape: {0}x{1}', mx('rows', prod), mx('columns', prod));
    log('Test 9 - mult[0,0]: {0}, mult[1,1]: {1}', mx('get', prod, 0, 0), mx('get', prod, 1, 1));
    const t = mx('transpose', s);
    log('Test 10 - transpose shape: {0}x{1}', mx('rows', t), mx('columns', t));
    const c = mx('copy', s);
    mx('set', c, 0, 0, 99);
    log('Test 11 - original[0,0]: {0}, copy[0,0]: {1}', mx('get', s, 0, 0), mx('get', c, 0, 0));
    const nine = fromRows('int', [[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
    const sub = mx('submatrix', nine, 0, 2, 0, 2);
    log('Test 12 - submatrix shape: {0}x{1}', mx('rows', sub), mx('columns', sub));
    log('Test 12 - submatrix[0,0]: {0}, [1,1]: {1}', mx('get', sub, 0, 0), mx('get', sub, 1, 1));
    const r = mx('copy', s);
    mx('reshape', r, 3, 2);
    log('Test 13 - reshape to 3x2: rows={0}, cols={1}', mx('rows', r), mx('columns', r));
    const rm = mx('copy', nine);
    mx('remove_row', rm, 0);
    mx('remove_col', rm, 0);
    log('Test 14 - after remove_row/col: rows={0}, cols={1}', mx('rows', rm), mx('columns', rm));
    const sw = fromRows('int', [[1, 2, 3], [4, 5, 6], [3, 0, 9]]);
    mx('swap_rows', sw, 0, 2);
    log('Test 15 - after swap_rows: [0,0]={0}, [2,0]={1}', mx('get', sw, 0, 0), mx('get', sw, 2, 0));
    mx('swap_columns', sw, 0, 1);
    log('Test 15 - after swap_columns: [0,0]={0}, [0,1]={1}', mx('get', sw, 0, 0), mx('get', sw, 0, 1));
    const cc = mx('concat', fromRows('int', [[1, 2], [3, 4]]), fromRows('int', [[5, 6], [7, 8]]));
    log('Test 16 - concat shape: {0}x{1}', mx('rows', cc), mx('columns', cc));
    const so = fromRows('int', [[9, 1], [2, 2], [7, 3]]);
    mx('sort', so, 0);
    log('Test 17 - after sort col 0: [0,0]={0}, [1,0]={1}, [2,0]={2}', mx('get', so, 0, 0), mx('get', so, 1, 0), mx('get', so, 2, 0));
    const rv = mx('copy', s);
    mx('reverse', rv);
    log('Test 18 - after reverse: [0,0]={0}, [1,2]={1}', mx('get', rv, 0, 0), mx('get', rv, 1, 2));
    log('Test 19 - rank: {0}', mx('rank', fromRows('int', [[1, 2], [2, 4]])));
    const pw = mx('pow', fromRows('int', [[2, 0], [0, 2]]), 3);
    log('Test 20 - pow(3): [0,0]={0}, [1,1]={1}', mx('get', pw, 0, 0), mx('get', pw, 1, 1));
    const md = fromRows('int', [[1, 2], [2, 3]]);
    log('Test 21 - median: {0}, mode: {1}', mx('median', md), mx('mode', md));
    const z = mx('new', 'float', 2, 3, 0);
    log('Test 22 - is_zero: {0}, is_square: {1}', mx('is_zero', z), mx('is_square', z));
    const twos = mx('new', 'float', 2, 2, 2.0);
    log('Test 23 - sum: [0,0]={0} (should be 4.0)', mx('get', mx('sum', twos, twos), 0, 0));
    log('Test 23b - diff: [0,0]={0} (should be 2.0)', mx('get', mx('diff', mx('sum', twos, twos), twos), 0, 0));
    const k = mx('kron', fromRows('int', [[1, 2], [3, 4]]), fromRows('int', [[0, 5], [6, 7]]));
    log('Test 24 - kron shape: {0}x{1}', mx('rows', k), mx('columns', k));
    log('Test 24 - kron[0,1]: {0}, kron[3,3]: {1}', mx('get', k, 0, 1), mx('get', k, 3, 3));
    const ev = mx('eigenvalues', fromRows('float', [[3, 1], [0, 2]]));
    log('Test 25 - eigenvalues count: {0}', call('array.size', ctx, ev));
    log('Test 25 - eigenvalue[0]: {0}, eigenvalue[1]: {1}', call('array.get', ctx, ev, 0), call('array.get', ctx, ev, 1));
    const inv = mx('inv', fromRows('float', [[2, 1], [1, 3]]));
    log('Test 26 - inv[0,0]: {0}, inv[1,1]: {1}', mx('get', inv, 0, 0), mx('get', inv, 1, 1));
    const pi = mx('pinv', fromRows('float', [[1, 2], [3, 4], [5, 6]]));
    log('Test 27 - pinv shape: {0}x{1}', mx('rows', pi), mx('columns', pi));
    log('Test 28 - is_stochastic: {0}', mx('is_stochastic', fromRows('float', [[0.5, 0.5], [0.3, 0.7]])));
    log('Test 28 - is_antidiagonal: {0}', mx('is_antidiagonal', fromRows('int', [[0, 1], [1, 0]])));
    log('Test 29 - is_antisymmetric: {0}', mx('is_antisymmetric', fromRows('int', [[0, 1], [-1, 0]])));
    log('Test 29 - is_binary: {0}', mx('is_binary', fromRows('int', [[1, 0], [0, 1]])));
    log('Test 30 - is_triangular: {0}', mx('is_triangular', fromRows('int', [[1, 2], [0, 3]])));
    log('All matrix operation tests completed!');
    expectLogsMatch(ctx.logs, expectedLog('test_001_matrix_basic'));
  });
});
