// Optimisation heatmap: a grid of the best score for each pair of values of two parameters.
import type { Iteration } from '../api/types.js';

export interface HeatmapGrid {
  xs: (string | number)[];
  ys: (string | number)[];
  /** cells[y][x]: best score seen for that pair, or null. */
  cells: (number | null)[][];
  min: number;
  max: number;
}

const sortValues = (vals: (string | number)[]): (string | number)[] =>
  [...vals].sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b))));

export function heatmapGrid(iterations: readonly Iteration[], xParam: string, yParam: string, direction: 'max' | 'min' = 'max'): HeatmapGrid {
  const key = (v: unknown): string | number => (typeof v === 'number' ? v : String(v));
  const xs = sortValues([...new Set(iterations.map((it) => key(it.inputs[xParam])))]);
  const ys = sortValues([...new Set(iterations.map((it) => key(it.inputs[yParam])))]);
  const cells = ys.map(() => xs.map((): number | null => null));
  let min = Infinity;
  let max = -Infinity;
  for (const it of iterations) {
    if (it.score === null || !Number.isFinite(it.score)) continue;
    const xi = xs.indexOf(key(it.inputs[xParam]));
    const yi = ys.indexOf(key(it.inputs[yParam]));
    const cur = cells[yi]![xi]!;
    const better = cur === null || (direction === 'max' ? it.score > cur : it.score < cur);
    if (better) cells[yi]![xi] = it.score;
    min = Math.min(min, it.score);
    max = Math.max(max, it.score);
  }
  return { xs, ys, cells, min, max };
}

/** Red → yellow → green by position of v in [min, max] (reversed when lower is better). */
export function heatColor(v: number | null, min: number, max: number, direction: 'max' | 'min' = 'max'): string {
  if (v === null || !Number.isFinite(min) || !Number.isFinite(max)) return '#f0f3fa';
  let t = max > min ? (v - min) / (max - min) : 1;
  if (direction === 'min') t = 1 - t;
  const hue = Math.round(t * 120);
  return `hsl(${hue}, 65%, 72%)`;
}
