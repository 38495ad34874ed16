// Half-open time intervals [from, to) in Unix ms: merging what has been loaded and subtracting it
// from what is requested gives the gaps the downloader must fetch.

export interface TimeRange {
  from: number;
  to: number;
}

/** Sorted, non-overlapping, non-adjacent union of the given ranges (empty ranges dropped). */
export function mergeRanges(ranges: readonly TimeRange[]): TimeRange[] {
  const sorted = ranges.filter((r) => r.to > r.from).sort((a, b) => a.from - b.from);
  const out: TimeRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.from <= last.to) last.to = Math.max(last.to, r.to);
    else out.push({ from: r.from, to: r.to });
  }
  return out;
}

/** Parts of `want` not covered by `have` (which need not be merged). */
export function subtractRanges(want: TimeRange, have: readonly TimeRange[]): TimeRange[] {
  const gaps: TimeRange[] = [];
  let cursor = want.from;
  for (const r of mergeRanges(have)) {
    if (r.to <= cursor) continue;
    if (r.from >= want.to) break;
    if (r.from > cursor) gaps.push({ from: cursor, to: Math.min(r.from, want.to) });
    cursor = Math.max(cursor, r.to);
    if (cursor >= want.to) break;
  }
  if (cursor < want.to) gaps.push({ from: cursor, to: want.to });
  return gaps;
}
