// Dense linear algebra on row-major Float64 data for matrix.*: LU with partial pivoting
// (det, inv, rank via elimination), Moore–Penrose inverse and eigen decomposition (Jacobi for
// symmetric matrices, shifted QR on the Hessenberg form otherwise).

export type Dense = number[][];

export function toDense(data: readonly number[], rows: number, cols: number): Dense {
  const out: Dense = [];
  for (let r = 0; r < rows; r++) out.push(data.slice(r * cols, r * cols + cols) as number[]);
  return out;
}

export function identity(n: number): Dense {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}

export function multiply(a: Dense, b: Dense): Dense {
  const n = a.length;
  const m = b[0]?.length ?? 0;
  const k = b.length;
  const out: Dense = Array.from({ length: n }, () => new Array<number>(m).fill(0));
  for (let i = 0; i < n; i++)
    for (let p = 0; p < k; p++) {
      const aip = a[i]![p]!;
      for (let j = 0; j < m; j++) out[i]![j]! += aip * b[p]![j]!;
    }
  return out;
}

export function transpose(a: Dense): Dense {
  const rows = a.length;
  const cols = a[0]?.length ?? 0;
  return Array.from({ length: cols }, (_, j) => Array.from({ length: rows }, (_, i) => a[i]![j]!));
}

/** LU decomposition in place; returns [lu, pivots, sign] or null when singular. */
function lu(a: Dense): { lu: Dense; piv: number[]; sign: number; singular: boolean } {
  const n = a.length;
  const m = a.map((r) => r.slice());
  const piv = Array.from({ length: n }, (_, i) => i);
  let sign = 1;
  let singular = false;
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(m[i]![k]!) > Math.abs(m[p]![k]!)) p = i;
    if (p !== k) {
      [m[p], m[k]] = [m[k]!, m[p]!];
      [piv[p], piv[k]] = [piv[k]!, piv[p]!];
      sign = -sign;
    }
    const pivot = m[k]![k]!;
    if (pivot === 0) {
      singular = true;
      continue;
    }
    for (let i = k + 1; i < n; i++) {
      const f = (m[i]![k]! /= pivot);
      for (let j = k + 1; j < n; j++) m[i]![j]! -= f * m[k]![j]!;
    }
  }
  return { lu: m, piv, sign, singular };
}

export function determinant(a: Dense): number {
  const n = a.length;
  if (n === 0) return NaN;
  const { lu: m, sign } = lu(a);
  let d = sign;
  for (let i = 0; i < n; i++) d *= m[i]![i]!;
  return d;
}

export function inverse(a: Dense): Dense | null {
  const n = a.length;
  const { lu: m, piv, singular } = lu(a);
  if (singular) return null;
  const inv: Dense = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let col = 0; col < n; col++) {
    const x = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) x[i] = piv[i] === col ? 1 : 0;
    for (let i = 0; i < n; i++) for (let k = 0; k < i; k++) x[i]! -= m[i]![k]! * x[k]!;
    for (let i = n - 1; i >= 0; i--) {
      for (let k = i + 1; k < n; k++) x[i]! -= m[i]![k]! * x[k]!;
      x[i]! /= m[i]![i]!;
    }
    for (let i = 0; i < n; i++) inv[i]![col] = x[i]!;
  }
  return inv;
}

export function rank(a: Dense): number {
  const m = a.map((r) => r.slice());
  const rows = m.length;
  const cols = m[0]?.length ?? 0;
  let maxAbs = 0;
  for (const r of m) for (const v of r) maxAbs = Math.max(maxAbs, Math.abs(v));
  const eps = Math.max(rows, cols) * maxAbs * 2.220446049250313e-16;
  let rk = 0;
  for (let c = 0; c < cols && rk < rows; c++) {
    let p = rk;
    for (let i = rk + 1; i < rows; i++) if (Math.abs(m[i]![c]!) > Math.abs(m[p]![c]!)) p = i;
    if (Math.abs(m[p]![c]!) <= eps) continue;
    [m[p], m[rk]] = [m[rk]!, m[p]!];
    for (let i = rk + 1; i < rows; i++) {
      const f = m[i]![c]! / m[rk]![c]!;
      for (let j = c; j < cols; j++) m[i]![j]! -= f * m[rk]![j]!;
    }
    rk++;
  }
  return rk;
}

/** Symmetric eigen decomposition by cyclic Jacobi rotations: [values, vectors as columns]. */
export function jacobiEigen(a: Dense): [number[], Dense] {
  const n = a.length;
  const m = a.map((r) => r.slice());
  const v = identity(n);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += m[i]![j]! ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++)
      for (let q = p + 1; q < n; q++) {
        const apq = m[p]![q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (m[q]![q]! - m[p]![p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = m[k]![p]!;
          const mkq = m[k]![q]!;
          m[k]![p] = c * mkp - s * mkq;
          m[k]![q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p]![k]!;
          const mqk = m[q]![k]!;
          m[p]![k] = c * mpk - s * mqk;
          m[q]![k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k]![p]!;
          const vkq = v[k]![q]!;
          v[k]![p] = c * vkp - s * vkq;
          v[k]![q] = s * vkp + c * vkq;
        }
      }
  }
  return [m.map((r, i) => r[i]!), v];
}

/** Real parts of the eigenvalues of a general square matrix (unshifted-deflation QR with Wilkinson shifts). */
export function generalEigenvalues(a: Dense): number[] {
  let n = a.length;
  const h = a.map((r) => r.slice());
  const values: number[] = [];
  let iter = 0;
  while (n > 0 && iter < 10_000) {
    iter++;
    if (n === 1) {
      values.push(h[0]![0]!);
      n = 0;
      break;
    }
    const sub = Math.abs(h[n - 1]![n - 2]!);
    const scale = Math.abs(h[n - 1]![n - 1]!) + Math.abs(h[n - 2]![n - 2]!);
    if (sub <= 1e-14 * (scale || 1)) {
      values.push(h[n - 1]![n - 1]!);
      n--;
      continue;
    }
    if (n === 2 || iter % 200 === 199) {
      // Closed form for the trailing 2×2 block (real parts for a complex pair).
      const a11 = h[n - 2]![n - 2]!,
        a12 = h[n - 2]![n - 1]!,
        a21 = h[n - 1]![n - 2]!,
        a22 = h[n - 1]![n - 1]!;
      const tr = a11 + a22;
      const det = a11 * a22 - a12 * a21;
      const disc = (tr * tr) / 4 - det;
      if (n === 2 || disc < 0) {
        if (disc >= 0) {
          values.push(tr / 2 + Math.sqrt(disc), tr / 2 - Math.sqrt(disc));
        } else values.push(tr / 2, tr / 2);
        n -= 2;
        continue;
      }
    }
    // Shifted QR step on the leading n×n block via Gram–Schmidt.
    const mu = h[n - 1]![n - 1]!;
    const block: Dense = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => h[i]![j]! - (i === j ? mu : 0)));
    const q: Dense = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    const r: Dense = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (let j = 0; j < n; j++) {
      const v = block.map((row) => row[j]!);
      for (let k = 0; k < j; k++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += q[i]![k]! * block[i]![j]!;
        r[k]![j] = dot;
        for (let i = 0; i < n; i++) v[i]! -= dot * q[i]![k]!;
      }
      const norm = Math.hypot(...v);
      r[j]![j] = norm;
      for (let i = 0; i < n; i++) q[i]![j] = norm === 0 ? 0 : v[i]! / norm;
    }
    const rq = multiply(r, q);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) h[i]![j] = rq[i]![j]! + (i === j ? mu : 0);
  }
  return values;
}

/** Eigenvector for a (real) eigenvalue by inverse iteration, normalised to unit length. */
export function eigenvectorFor(a: Dense, lambda: number): number[] {
  const n = a.length;
  const shifted = a.map((r, i) => r.map((v, j) => v - (i === j ? lambda + 1e-10 * (Math.abs(lambda) + 1) : 0)));
  const inv = inverse(shifted);
  let x = new Array<number>(n).fill(1);
  if (!inv) return x.map(() => 1 / Math.sqrt(n));
  for (let it = 0; it < 50; it++) {
    const y = inv.map((row) => row.reduce((s, v, j) => s + v * x[j]!, 0));
    const norm = Math.hypot(...y) || 1;
    x = y.map((v) => v / norm);
  }
  return x;
}

/** Moore–Penrose pseudo-inverse: (AᵀA)⁻¹Aᵀ or Aᵀ(AAᵀ)⁻¹, falling back to an SVD-free eigen route. */
export function pseudoInverse(a: Dense): Dense {
  const rows = a.length;
  const cols = a[0]?.length ?? 0;
  const at = transpose(a);
  if (rows >= cols) {
    const inv = inverse(multiply(at, a));
    if (inv) return multiply(inv, at);
  } else {
    const inv = inverse(multiply(a, at));
    if (inv) return multiply(at, inv);
  }
  // Rank-deficient: A⁺ = V Σ⁺ Uᵀ via the eigen decomposition of AᵀA.
  const [vals, vecs] = jacobiEigen(multiply(at, a));
  const maxVal = Math.max(...vals.map(Math.abs));
  const tol = Math.max(rows, cols) * maxVal * 2.220446049250313e-16;
  const out: Dense = Array.from({ length: cols }, () => new Array<number>(rows).fill(0));
  for (let k = 0; k < vals.length; k++) {
    if (vals[k]! <= tol) continue;
    const v = vecs.map((r) => r[k]!);
    const av = a.map((row) => row.reduce((s, x, j) => s + x * v[j]!, 0));
    for (let i = 0; i < cols; i++) for (let j = 0; j < rows; j++) out[i]![j]! += (v[i]! * av[j]!) / vals[k]!;
  }
  return out;
}
