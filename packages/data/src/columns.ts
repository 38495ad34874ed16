// Growable column builder for BarColumns, and small helpers over them. Used by every reader
// (CSV, Parquet, exchange pages, database results) so nothing builds per-row objects.
import type { BarColumns } from '@pineback/pine';

export class BarColumnsBuilder {
  length = 0;
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;

  constructor(capacity = 1024) {
    const c = Math.max(16, capacity);
    this.time = new Float64Array(c);
    this.open = new Float64Array(c);
    this.high = new Float64Array(c);
    this.low = new Float64Array(c);
    this.close = new Float64Array(c);
    this.volume = new Float64Array(c);
  }

  private grow(): void {
    const c = this.time.length * 2;
    const g = (a: Float64Array): Float64Array => {
      const b = new Float64Array(c);
      b.set(a);
      return b;
    };
    this.time = g(this.time);
    this.open = g(this.open);
    this.high = g(this.high);
    this.low = g(this.low);
    this.close = g(this.close);
    this.volume = g(this.volume);
  }

  push(time: number, open: number, high: number, low: number, close: number, volume: number): void {
    if (this.length === this.time.length) this.grow();
    const i = this.length++;
    this.time[i] = time;
    this.open[i] = open;
    this.high[i] = high;
    this.low[i] = low;
    this.close[i] = close;
    this.volume[i] = volume;
  }

  /** Views (no copy) of the filled part. */
  build(): BarColumns {
    const n = this.length;
    return {
      length: n,
      time: this.time.subarray(0, n),
      open: this.open.subarray(0, n),
      high: this.high.subarray(0, n),
      low: this.low.subarray(0, n),
      close: this.close.subarray(0, n),
      volume: this.volume.subarray(0, n),
    };
  }
}

export function emptyBars(): BarColumns {
  return new BarColumnsBuilder(0).build();
}

/** Bars [start, end) as views. */
export function sliceBars(bars: BarColumns, start: number, end: number): BarColumns {
  return {
    length: Math.max(0, end - start),
    time: bars.time.subarray(start, end),
    open: bars.open.subarray(start, end),
    high: bars.high.subarray(start, end),
    low: bars.low.subarray(start, end),
    close: bars.close.subarray(start, end),
    volume: bars.volume.subarray(start, end),
  };
}

/**
 * Sorts by time and keeps the LAST bar of each duplicated time (a later row in a file corrects an
 * earlier one). Returns the input untouched when it is already strictly ascending.
 */
export function sortedUnique(bars: BarColumns): BarColumns {
  const n = bars.length;
  let ascending = true;
  for (let i = 1; i < n; i++) {
    if (!(bars.time[i]! > bars.time[i - 1]!)) {
      ascending = false;
      break;
    }
  }
  if (ascending) return bars;
  const idx = Array.from({ length: n }, (_, i) => i);
  idx.sort((a, b) => bars.time[a]! - bars.time[b]! || a - b);
  const out = new BarColumnsBuilder(n);
  for (let j = 0; j < n; j++) {
    const i = idx[j]!;
    const next = idx[j + 1];
    if (next !== undefined && bars.time[next] === bars.time[i]) continue;
    out.push(bars.time[i]!, bars.open[i]!, bars.high[i]!, bars.low[i]!, bars.close[i]!, bars.volume[i]!);
  }
  return out.build();
}
