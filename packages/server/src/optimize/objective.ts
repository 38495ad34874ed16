// Scoring an iteration: the objective metric (negated when minimising, so higher is always better)
// and the constraints (e.g. total trades ≥ 30). Missing metrics fail constraints and score null.
import type { Constraint } from '../schemas/optimizations.js';

export function score(metrics: Record<string, number | null>, metric: string, direction: 'max' | 'min'): number | null {
  const v = metrics[metric];
  if (v === null || v === undefined || !Number.isFinite(v)) return null;
  return direction === 'max' ? v : -v;
}

export function passes(metrics: Record<string, number | null>, constraints: readonly Constraint[]): boolean {
  return constraints.every((c) => {
    const v = metrics[c.metric];
    if (v === null || v === undefined || !Number.isFinite(v)) return false;
    switch (c.op) {
      case '>=': return v >= c.value;
      case '<=': return v <= c.value;
      case '>': return v > c.value;
      case '<': return v < c.value;
      case '==': return v === c.value;
    }
  });
}

/** Index of the best passing candidate (highest score; earliest on ties), or -1. */
export function best(candidates: readonly { score: number | null; passed: boolean }[]): number {
  let bi = -1;
  candidates.forEach((c, i) => {
    if (!c.passed || c.score === null) return;
    if (bi < 0 || c.score > candidates[bi]!.score!) bi = i;
  });
  return bi;
}
