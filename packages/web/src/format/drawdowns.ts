// Drawdown episodes from an equity curve: each runs from a peak until equity regains that peak (or
// the data ends). The results page lists the longest ones with their depth and duration.
import type { SeriesPoint } from '../api/types.js';

export interface DrawdownEpisode {
  start: number;
  trough: number;
  /** Time equity regained the peak; null if it never did. */
  end: number | null;
  peak: number;
  depth: number;
  depthPercent: number;
  durationMs: number;
}

export function drawdownEpisodes(equity: readonly SeriesPoint[]): DrawdownEpisode[] {
  const out: DrawdownEpisode[] = [];
  let peak = -Infinity;
  let peakTime = 0;
  let cur: DrawdownEpisode | null = null;
  for (const p of equity) {
    if (p.value === null || !Number.isFinite(p.value)) continue;
    if (p.value >= peak) {
      if (cur) {
        cur.end = p.time;
        cur.durationMs = p.time - cur.start;
        out.push(cur);
        cur = null;
      }
      peak = p.value;
      peakTime = p.time;
      continue;
    }
    const depth = peak - p.value;
    if (!cur) cur = { start: peakTime, trough: p.time, end: null, peak, depth, depthPercent: peak > 0 ? (depth / peak) * 100 : 0, durationMs: 0 };
    else if (depth > cur.depth) {
      cur.depth = depth;
      cur.depthPercent = peak > 0 ? (depth / peak) * 100 : 0;
      cur.trough = p.time;
    }
  }
  if (cur) {
    const last = equity[equity.length - 1]!;
    cur.durationMs = last.time - cur.start;
    out.push(cur);
  }
  return out;
}

export function longestDrawdowns(equity: readonly SeriesPoint[], count = 5): DrawdownEpisode[] {
  return drawdownEpisodes(equity).sort((a, b) => b.durationMs - a.durationMs || b.depth - a.depth).slice(0, count);
}

/** Underwater curve: percent below the running peak (≤ 0) at each point. */
export function underwater(equity: readonly SeriesPoint[]): SeriesPoint[] {
  let peak = -Infinity;
  return equity.map((p) => {
    if (p.value === null) return { time: p.time, value: null };
    peak = Math.max(peak, p.value);
    return { time: p.time, value: peak > 0 ? ((p.value - peak) / peak) * 100 : 0 };
  });
}
