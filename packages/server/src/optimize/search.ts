// Parameter sets to evaluate: the full grid (Cartesian product of every range, in a stable order)
// or a seeded random sample of it. Pure functions, no I/O.
import type { ParamRange } from '../schemas/optimizations.js';

export type ParamSet = Record<string, number | string | boolean>;

/** The discrete values of one range; float steps are rounded to the step's decimals to avoid 0.30000000000000004. */
export function rangeValues(r: ParamRange): (number | string | boolean)[] {
  if ('values' in r) return [...r.values];
  const decimals = Math.min(12, (String(r.step).split('.')[1] ?? '').length + (String(r.min).split('.')[1] ?? '').length);
  const out: number[] = [];
  const n = Math.floor((r.max - r.min) / r.step + 1e-9);
  for (let i = 0; i <= n; i++) out.push(Number((r.min + i * r.step).toFixed(decimals)));
  return out;
}

export function gridSize(params: Record<string, ParamRange>): number {
  return Object.values(params).reduce((n, r) => n * rangeValues(r).length, 1);
}

/** Every combination, the first parameter varying slowest. */
export function grid(params: Record<string, ParamRange>): ParamSet[] {
  const keys = Object.keys(params);
  const values = keys.map((k) => rangeValues(params[k]!));
  const out: ParamSet[] = [];
  const idx = new Array<number>(keys.length).fill(0);
  const total = values.reduce((n, v) => n * v.length, 1);
  for (let c = 0; c < total; c++) {
    const set: ParamSet = {};
    keys.forEach((k, i) => (set[k] = values[i]![idx[i]!]!));
    out.push(set);
    for (let i = keys.length - 1; i >= 0; i--) {
      if (++idx[i]! < values[i]!.length) break;
      idx[i] = 0;
    }
  }
  return out;
}

/** Mulberry32: small, fast, deterministic for a given seed (so a retried job samples the same sets). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Up to `count` distinct combinations drawn uniformly from the grid (all of it when it is smaller). */
export function randomSample(params: Record<string, ParamRange>, count: number, seed: number): ParamSet[] {
  const keys = Object.keys(params);
  const values = keys.map((k) => rangeValues(params[k]!));
  const total = values.reduce((n, v) => n * v.length, 1);
  if (total <= count) return grid(params);
  const rand = prng(seed);
  const seen = new Set<string>();
  const out: ParamSet[] = [];
  while (out.length < count) {
    const pick = values.map((v) => Math.floor(rand() * v.length));
    const key = pick.join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    const set: ParamSet = {};
    keys.forEach((k, i) => (set[k] = values[i]![pick[i]!]!));
    out.push(set);
  }
  return out;
}
