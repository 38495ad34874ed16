// Side-by-side metrics of several runs: one row per metric key, one value per run (null where a
// run lacks the metric), rows in the order they first appear.
import type { RunResult } from '../schemas/engine.js';

export interface CompareColumn {
  id: string;
  run: number;
  result: RunResult | null;
}

export function compareRuns(cols: readonly CompareColumn[]): { key: string; label: string; values: (number | null)[] }[] {
  const rows = new Map<string, { label: string; values: (number | null)[] }>();
  const row = (key: string, label: string) => {
    let r = rows.get(key);
    if (!r) rows.set(key, (r = { label, values: new Array<number | null>(cols.length).fill(null) }));
    return r;
  };
  cols.forEach((c, i) => {
    if (!c.result) return;
    for (const m of c.result.metrics) row(m.key, m.label).values[i] = m.all;
    for (const [k, v] of Object.entries(c.result.summary)) {
      const r = row(k, k);
      if (r.values[i] === null) r.values[i] = v;
    }
  });
  return [...rows].map(([key, r]) => ({ key, label: r.label, values: r.values }));
}
