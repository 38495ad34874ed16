// matrix.* — PineMatrix holds row-major elements plus its Pine element type.
import { PineRuntimeError } from '../core/errors.js';
import * as arr from './array.js';
import {
  determinant,
  eigenvectorFor,
  generalEigenvalues,
  identity,
  inverse,
  jacobiEigen,
  multiply,
  pseudoInverse,
  rank as denseRank,
  toDense,
  type Dense,
} from './matrix-linalg.js';
import { naFor, tagArray, type ElemType, type StdlibFunction } from './types.js';
import { formatElement } from './value-format.js';

const TOLERANCE = 1e-10;

export class PineMatrix<T = unknown> {
  constructor(
    public rows: number,
    public cols: number,
    public data: T[],
    public readonly elemType: ElemType | undefined = undefined,
  ) {}

  get(r: number, c: number): T {
    return this.data[r * this.cols + c]!;
  }

  set(r: number, c: number, v: T): void {
    this.data[r * this.cols + c] = v;
  }

  /** TradingView prints a matrix one bracketed row per line. */
  toPineString(): string {
    return this.toPineStringWith((v) => formatElement(v, this.elemType));
  }

  toPineStringWith(fmt: (v: number) => string): string {
    const lines: string[] = [];
    for (let r = 0; r < this.rows; r++) {
      const cells: string[] = [];
      for (let c = 0; c < this.cols; c++) {
        const v = this.get(r, c);
        cells.push(typeof v === 'number' ? fmt(v) : formatElement(v, this.elemType));
      }
      lines.push('[' + cells.join(', ') + ']');
    }
    return lines.join('\n');
  }
}

type M = PineMatrix<number>;
type AnyM = PineMatrix<unknown>;

function check<T>(m: PineMatrix<T> | null, fn: string): PineMatrix<T> {
  if (m === null || m === undefined) throw new PineRuntimeError(`Cannot call "matrix.${fn}()" on an na matrix.`);
  return m;
}

function rowIndex(m: AnyM, r: number): number {
  const i = Math.trunc(r);
  if (!(i >= 0 && i < m.rows)) throw new PineRuntimeError(`Row index ${r} is out of bounds. The matrix has ${m.rows} rows.`);
  return i;
}

function colIndex(m: AnyM, c: number): number {
  const i = Math.trunc(c);
  if (!(i >= 0 && i < m.cols)) throw new PineRuntimeError(`Column index ${c} is out of bounds. The matrix has ${m.cols} columns.`);
  return i;
}

function requireSquare(m: AnyM, fn: string): void {
  if (m.rows !== m.cols) throw new PineRuntimeError(`matrix.${fn}() requires a square matrix; this one is ${m.rows}x${m.cols}.`);
}

function fromDense(d: Dense, type: ElemType | undefined = 'float'): M {
  const rows = d.length;
  const cols = d[0]?.length ?? 0;
  return new PineMatrix(rows, cols, d.flat(), type);
}

function dense(m: M): Dense {
  return toDense(m.data, m.rows, m.cols);
}

function numbers(m: M): number[] {
  return m.data.filter((v) => v === v && v !== null && v !== undefined);
}

// ------------------------------------------------------------------ construction and shape

/** matrix.new<type>(rows, columns, initial): the generator passes the element type name first. */
export function newMatrix(type: ElemType, rows?: number, columns?: number, initial?: unknown): AnyM {
  const r = rows === undefined || rows !== rows ? 0 : Math.trunc(rows);
  const c = columns === undefined || columns !== columns ? 0 : Math.trunc(columns);
  if (r < 0 || c < 0) throw new PineRuntimeError('Matrix dimensions cannot be negative.');
  const init = initial === undefined ? (type === 'bool' ? false : naFor(type)) : initial;
  return new PineMatrix(r, c, new Array<unknown>(r * c).fill(init), type);
}

export function rows(m: AnyM): number {
  return check(m, 'rows').rows;
}

export function columns(m: AnyM): number {
  return check(m, 'columns').cols;
}

export function elements_count(m: AnyM): number {
  check(m, 'elements_count');
  return m.rows * m.cols;
}

export function get(m: AnyM, r: number, c: number): unknown {
  check(m, 'get');
  return m.get(rowIndex(m, r), colIndex(m, c));
}

export function set(m: AnyM, r: number, c: number, v: unknown): void {
  check(m, 'set');
  m.set(rowIndex(m, r), colIndex(m, c), v);
}

export function row(m: AnyM, r: number): unknown[] {
  check(m, 'row');
  const i = rowIndex(m, r);
  return tagArray(m.data.slice(i * m.cols, (i + 1) * m.cols), m.elemType);
}

export function col(m: AnyM, c: number): unknown[] {
  check(m, 'col');
  const j = colIndex(m, c);
  const out: unknown[] = [];
  for (let i = 0; i < m.rows; i++) out.push(m.get(i, j));
  return tagArray(out, m.elemType);
}

export function copy(m: AnyM): AnyM {
  check(m, 'copy');
  return new PineMatrix(m.rows, m.cols, m.data.slice(), m.elemType);
}

export function fill(m: AnyM, value: unknown, fromRow?: number, toRow?: number, fromCol?: number, toCol?: number): void {
  check(m, 'fill');
  const r0 = fromRow === undefined || fromRow !== fromRow ? 0 : fromRow;
  const r1 = toRow === undefined || toRow !== toRow ? m.rows : toRow;
  const c0 = fromCol === undefined || fromCol !== fromCol ? 0 : fromCol;
  const c1 = toCol === undefined || toCol !== toCol ? m.cols : toCol;
  for (let i = Math.max(0, r0); i < Math.min(m.rows, r1); i++) for (let j = Math.max(0, c0); j < Math.min(m.cols, c1); j++) m.set(i, j, value);
}

export function add_row(m: AnyM, r?: number, values?: unknown[] | null): void {
  check(m, 'add_row');
  const at = r === undefined || r !== r ? m.rows : Math.trunc(r);
  if (at < 0 || at > m.rows) throw new PineRuntimeError(`Row index ${at} is out of bounds. The matrix has ${m.rows} rows.`);
  if (m.rows === 0 && m.cols === 0 && values) m.cols = values.length;
  if (values && values.length !== m.cols) throw new PineRuntimeError(`The array size (${values.length}) does not match the number of columns (${m.cols}).`);
  const newRow = values ? Array.from(values) : new Array<unknown>(m.cols).fill(naFor(m.elemType));
  m.data.splice(at * m.cols, 0, ...newRow);
  m.rows++;
}

export function add_col(m: AnyM, c?: number, values?: unknown[] | null): void {
  check(m, 'add_col');
  const at = c === undefined || c !== c ? m.cols : Math.trunc(c);
  if (at < 0 || at > m.cols) throw new PineRuntimeError(`Column index ${at} is out of bounds. The matrix has ${m.cols} columns.`);
  if (m.rows === 0 && m.cols === 0 && values) m.rows = values.length;
  if (values && values.length !== m.rows) throw new PineRuntimeError(`The array size (${values.length}) does not match the number of rows (${m.rows}).`);
  const out: unknown[] = [];
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < at; j++) out.push(m.data[i * m.cols + j]);
    out.push(values ? values[i] : naFor(m.elemType));
    for (let j = at; j < m.cols; j++) out.push(m.data[i * m.cols + j]);
  }
  m.data = out;
  m.cols++;
}

export function remove_row(m: AnyM, r?: number): unknown[] {
  check(m, 'remove_row');
  const i = rowIndex(m, r === undefined || r !== r ? m.rows - 1 : r);
  const removed = m.data.splice(i * m.cols, m.cols);
  m.rows--;
  if (m.rows === 0) m.cols = 0;
  return tagArray(removed, m.elemType);
}

export function remove_col(m: AnyM, c?: number): unknown[] {
  check(m, 'remove_col');
  const j = colIndex(m, c === undefined || c !== c ? m.cols - 1 : c);
  const removed: unknown[] = [];
  const out: unknown[] = [];
  for (let i = 0; i < m.rows; i++)
    for (let k = 0; k < m.cols; k++) (k === j ? removed : out).push(m.data[i * m.cols + k]);
  m.data = out;
  m.cols--;
  if (m.cols === 0) m.rows = 0;
  return tagArray(removed, m.elemType);
}

export function swap_rows(m: AnyM, r1: number, r2: number): void {
  check(m, 'swap_rows');
  const a = rowIndex(m, r1);
  const b = rowIndex(m, r2);
  for (let j = 0; j < m.cols; j++) {
    const t = m.get(a, j);
    m.set(a, j, m.get(b, j));
    m.set(b, j, t);
  }
}

export function swap_columns(m: AnyM, c1: number, c2: number): void {
  check(m, 'swap_columns');
  const a = colIndex(m, c1);
  const b = colIndex(m, c2);
  for (let i = 0; i < m.rows; i++) {
    const t = m.get(i, a);
    m.set(i, a, m.get(i, b));
    m.set(i, b, t);
  }
}

export function reshape(m: AnyM, r: number, c: number): void {
  check(m, 'reshape');
  if (r * c !== m.rows * m.cols) throw new PineRuntimeError(`Cannot reshape a ${m.rows}x${m.cols} matrix to ${r}x${c}.`);
  m.rows = r;
  m.cols = c;
}

export function reverse(m: AnyM): void {
  check(m, 'reverse').data.reverse();
}

export function transpose(m: AnyM): AnyM {
  check(m, 'transpose');
  const out = new PineMatrix<unknown>(m.cols, m.rows, new Array(m.rows * m.cols), m.elemType);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) out.set(j, i, m.get(i, j));
  return out;
}

export function submatrix(m: AnyM, fromRow?: number, toRow?: number, fromCol?: number, toCol?: number): AnyM {
  check(m, 'submatrix');
  const r0 = fromRow === undefined || fromRow !== fromRow ? 0 : fromRow;
  const r1 = toRow === undefined || toRow !== toRow ? m.rows : toRow;
  const c0 = fromCol === undefined || fromCol !== fromCol ? 0 : fromCol;
  const c1 = toCol === undefined || toCol !== toCol ? m.cols : toCol;
  if (r0 < 0 || r1 > m.rows || r0 > r1 || c0 < 0 || c1 > m.cols || c0 > c1) throw new PineRuntimeError('matrix.submatrix(): indices out of bounds.');
  const out = new PineMatrix<unknown>(r1 - r0, c1 - c0, [], m.elemType);
  for (let i = r0; i < r1; i++) for (let j = c0; j < c1; j++) out.data.push(m.get(i, j));
  return out;
}

/** Appends the rows of m2 to m1 and returns m1. */
export function concat(m1: AnyM, m2: AnyM): AnyM {
  check(m1, 'concat');
  check(m2, 'concat');
  if (m1.rows * m1.cols === 0) {
    m1.cols = m2.cols;
  } else if (m1.cols !== m2.cols) throw new PineRuntimeError('matrix.concat(): the matrices must have the same number of columns.');
  m1.data.push(...m2.data);
  m1.rows += m2.rows;
  return m1;
}

/** Sorts the rows by the values of one column. */
export function sort(m: AnyM, column?: number, order?: unknown): void {
  check(m, 'sort');
  if (m.rows === 0) return;
  const j = colIndex(m, column === undefined || column !== column ? 0 : column);
  const keys = tagArray(Array.from({ length: m.rows }, (_, i) => m.get(i, j)), m.elemType);
  const idx = arr.sort_indices(keys, order);
  const out: unknown[] = [];
  for (const i of idx) out.push(...m.data.slice(i * m.cols, (i + 1) * m.cols));
  m.data = out;
}

// ------------------------------------------------------------------ statistics

export function avg(m: M): number {
  const xs = numbers(check(m, 'avg'));
  return xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : NaN;
}
export function max(m: M): number {
  const xs = numbers(check(m, 'max'));
  return xs.length ? Math.max(...xs) : NaN;
}
export function min(m: M): number {
  const xs = numbers(check(m, 'min'));
  return xs.length ? Math.min(...xs) : NaN;
}
export function median(m: M): number {
  return arr.median(check(m, 'median').data);
}
export function mode(m: M): number {
  return arr.mode(check(m, 'mode').data);
}

// ------------------------------------------------------------------ arithmetic

function elementwise(m1: M, m2: M | number, op: (a: number, b: number) => number, fn: string): M {
  check(m1, fn);
  if (typeof m2 === 'number') return new PineMatrix(m1.rows, m1.cols, m1.data.map((v) => op(v, m2)), m1.elemType);
  check(m2, fn);
  if (m1.rows !== m2.rows || m1.cols !== m2.cols) throw new PineRuntimeError(`matrix.${fn}(): the matrices must have the same dimensions.`);
  return new PineMatrix(m1.rows, m1.cols, m1.data.map((v, i) => op(v, m2.data[i]!)), m1.elemType ?? m2.elemType);
}

export function sum(m1: M, m2: M | number): M {
  return elementwise(m1, m2, (a, b) => a + b, 'sum');
}

export function diff(m1: M, m2: M | number): M {
  return elementwise(m1, m2, (a, b) => a - b, 'diff');
}

/** Matrix × matrix, matrix × scalar, or matrix × array (a column vector, returning an array). */
export function mult(m1: M, m2: M | number | number[]): M | number[] {
  check(m1, 'mult');
  if (typeof m2 === 'number') return elementwise(m1, m2, (a, b) => a * b, 'mult');
  if (Array.isArray(m2)) {
    if (m2.length !== m1.cols) throw new PineRuntimeError('matrix.mult(): the array size must equal the number of columns.');
    const out: number[] = [];
    for (let i = 0; i < m1.rows; i++) {
      let s = 0;
      for (let j = 0; j < m1.cols; j++) s += m1.get(i, j) * m2[j]!;
      out.push(s);
    }
    return tagArray(out, 'float');
  }
  check(m2, 'mult');
  if (m1.cols !== m2.rows) throw new PineRuntimeError(`matrix.mult(): cannot multiply a ${m1.rows}x${m1.cols} matrix by a ${m2.rows}x${m2.cols} one.`);
  return fromDense(multiply(dense(m1), dense(m2)), m1.elemType === 'int' && m2.elemType === 'int' ? 'int' : 'float');
}

export function pow(m: M, power: number): M {
  check(m, 'pow');
  requireSquare(m, 'pow');
  const p = Math.trunc(power);
  if (p < 0) throw new PineRuntimeError('matrix.pow(): the power must be non-negative.');
  let result = identity(m.rows);
  let base = dense(m);
  for (let k = p; k > 0; k >>= 1) {
    if (k & 1) result = multiply(result, base);
    base = multiply(base, base);
  }
  return fromDense(result, m.elemType);
}

export function kron(m1: M, m2: M): M {
  check(m1, 'kron');
  check(m2, 'kron');
  const out = new PineMatrix<number>(m1.rows * m2.rows, m1.cols * m2.cols, [], m1.elemType);
  out.data = new Array<number>(out.rows * out.cols);
  for (let i = 0; i < m1.rows; i++)
    for (let j = 0; j < m1.cols; j++)
      for (let k = 0; k < m2.rows; k++)
        for (let l = 0; l < m2.cols; l++) out.set(i * m2.rows + k, j * m2.cols + l, m1.get(i, j) * m2.get(k, l));
  return out;
}

export function trace(m: M): number {
  check(m, 'trace');
  requireSquare(m, 'trace');
  let s = 0;
  for (let i = 0; i < m.rows; i++) s += m.get(i, i);
  return s;
}

export function det(m: M): number {
  check(m, 'det');
  requireSquare(m, 'det');
  return determinant(dense(m));
}

export function inv(m: M): M | null {
  check(m, 'inv');
  requireSquare(m, 'inv');
  const d = inverse(dense(m));
  return d ? fromDense(d) : null;
}

export function pinv(m: M): M {
  check(m, 'pinv');
  return fromDense(pseudoInverse(dense(m)));
}

export function rank(m: M): number {
  return denseRank(dense(check(m, 'rank')));
}

function isSymmetricDense(m: M): boolean {
  for (let i = 0; i < m.rows; i++) for (let j = i + 1; j < m.cols; j++) if (Math.abs(m.get(i, j) - m.get(j, i)) > TOLERANCE) return false;
  return true;
}

/** Eigenvalues in descending order (real parts for complex pairs). */
export function eigenvalues(m: M): number[] {
  check(m, 'eigenvalues');
  requireSquare(m, 'eigenvalues');
  const d = dense(m);
  const vals = isSymmetricDense(m) ? jacobiEigen(d)[0] : generalEigenvalues(d);
  return tagArray(vals.sort((a, b) => b - a), 'float');
}

/** Unit eigenvectors as columns, in the order of eigenvalues(). */
export function eigenvectors(m: M): M {
  check(m, 'eigenvectors');
  requireSquare(m, 'eigenvectors');
  const d = dense(m);
  const n = m.rows;
  const out = new PineMatrix<number>(n, n, new Array<number>(n * n).fill(0), 'float');
  if (isSymmetricDense(m)) {
    const [vals, vecs] = jacobiEigen(d);
    const order = vals.map((v, i) => [v, i] as const).sort((a, b) => b[0] - a[0]);
    order.forEach(([, src], dst) => {
      for (let i = 0; i < n; i++) out.set(i, dst, vecs[i]![src]!);
    });
  } else {
    eigenvalues(m).forEach((lambda, dst) => {
      const v = eigenvectorFor(d, lambda);
      for (let i = 0; i < n; i++) out.set(i, dst, v[i]!);
    });
  }
  return out;
}

// ------------------------------------------------------------------ predicates

function square(m: M): boolean {
  return m.rows === m.cols && m.rows > 0;
}

export function is_square(m: AnyM): boolean {
  check(m, 'is_square');
  return m.rows === m.cols;
}
export function is_zero(m: M): boolean {
  return check(m, 'is_zero').data.every((v) => v === 0);
}
export function is_binary(m: M): boolean {
  return check(m, 'is_binary').data.every((v) => v === 0 || v === 1);
}
export function is_symmetric(m: M): boolean {
  check(m, 'is_symmetric');
  return square(m) && isSymmetricDense(m);
}
export function is_antisymmetric(m: M): boolean {
  check(m, 'is_antisymmetric');
  if (!square(m)) return false;
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) if (m.get(i, j) !== -m.get(j, i)) return false;
  return true;
}
export function is_diagonal(m: M): boolean {
  check(m, 'is_diagonal');
  if (!square(m)) return false;
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) if (i !== j && m.get(i, j) !== 0) return false;
  return true;
}
export function is_antidiagonal(m: M): boolean {
  check(m, 'is_antidiagonal');
  if (!square(m)) return false;
  const n = m.rows;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i + j !== n - 1 && m.get(i, j) !== 0) return false;
  return true;
}
export function is_identity(m: M): boolean {
  check(m, 'is_identity');
  if (!is_diagonal(m)) return false;
  for (let i = 0; i < m.rows; i++) if (m.get(i, i) !== 1) return false;
  return true;
}
export function is_triangular(m: M): boolean {
  check(m, 'is_triangular');
  if (!square(m)) return false;
  let upper = true;
  let lower = true;
  for (let i = 0; i < m.rows; i++)
    for (let j = 0; j < m.cols; j++) {
      if (i > j && m.get(i, j) !== 0) upper = false;
      if (i < j && m.get(i, j) !== 0) lower = false;
    }
  return upper || lower;
}
/** Row-stochastic: non-negative entries with every row summing to 1. */
export function is_stochastic(m: M): boolean {
  check(m, 'is_stochastic');
  if (!square(m)) return false;
  for (let i = 0; i < m.rows; i++) {
    let s = 0;
    for (let j = 0; j < m.cols; j++) {
      const v = m.get(i, j);
      if (!(v >= 0)) return false;
      s += v;
    }
    if (Math.abs(s - 1) > TOLERANCE) return false;
  }
  return true;
}


export const MATRIX_FUNCTIONS: Record<string, StdlibFunction> = {
  'matrix.new': { impl: newMatrix },
  'matrix.new<type>': { impl: newMatrix },
  'matrix.add_col': { impl: add_col },
  'matrix.add_row': { impl: add_row },
  'matrix.avg': { impl: avg },
  'matrix.col': { impl: col },
  'matrix.columns': { impl: columns },
  'matrix.concat': { impl: concat },
  'matrix.copy': { impl: copy },
  'matrix.det': { impl: det },
  'matrix.diff': { impl: diff },
  'matrix.eigenvalues': { impl: eigenvalues },
  'matrix.eigenvectors': { impl: eigenvectors },
  'matrix.elements_count': { impl: elements_count },
  'matrix.fill': { impl: fill },
  'matrix.get': { impl: get },
  'matrix.inv': { impl: inv },
  'matrix.is_antidiagonal': { impl: is_antidiagonal },
  'matrix.is_antisymmetric': { impl: is_antisymmetric },
  'matrix.is_binary': { impl: is_binary },
  'matrix.is_diagonal': { impl: is_diagonal },
  'matrix.is_identity': { impl: is_identity },
  'matrix.is_square': { impl: is_square },
  'matrix.is_stochastic': { impl: is_stochastic },
  'matrix.is_symmetric': { impl: is_symmetric },
  'matrix.is_triangular': { impl: is_triangular },
  'matrix.is_zero': { impl: is_zero },
  'matrix.kron': { impl: kron },
  'matrix.max': { impl: max },
  'matrix.median': { impl: median },
  'matrix.min': { impl: min },
  'matrix.mode': { impl: mode },
  'matrix.mult': { impl: mult },
  'matrix.pinv': { impl: pinv },
  'matrix.pow': { impl: pow },
  'matrix.rank': { impl: rank },
  'matrix.remove_col': { impl: remove_col },
  'matrix.remove_row': { impl: remove_row },
  'matrix.reshape': { impl: reshape },
  'matrix.reverse': { impl: reverse },
  'matrix.row': { impl: row },
  'matrix.rows': { impl: rows },
  'matrix.set': { impl: set },
  'matrix.sort': { impl: sort },
  'matrix.submatrix': { impl: submatrix },
  'matrix.sum': { impl: sum },
  'matrix.swap_columns': { impl: swap_columns },
  'matrix.swap_rows': { impl: swap_rows },
  'matrix.trace': { impl: trace },
  'matrix.transpose': { impl: transpose },
};
