// Progressive loading of large bar sets (up to millions): pages arrive in order and are appended to
// growing typed arrays; the chart is redrawn after the first page, then each time the loaded count has
// grown `growth`-fold, and at the end — so the total redraw work stays linear (a geometric series)
// while the first screen appears after the first page.
import type { BarsPage } from '../api/types.js';

export interface LoadedBars {
  length: number;
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

function grow(a: Float64Array, min: number): Float64Array {
  if (a.length >= min) return a;
  const b = new Float64Array(Math.max(min, a.length * 2, 1024));
  b.set(a);
  return b;
}

export class BarAccumulator {
  private cols: Record<'time' | 'open' | 'high' | 'low' | 'close' | 'volume', Float64Array> = { time: new Float64Array(0), open: new Float64Array(0), high: new Float64Array(0), low: new Float64Array(0), close: new Float64Array(0), volume: new Float64Array(0) };
  length = 0;

  append(p: Pick<BarsPage, 'time' | 'open' | 'high' | 'low' | 'close' | 'volume'>): void {
    const n = p.time.length;
    const need = this.length + n;
    for (const k of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) this.cols[k] = grow(this.cols[k], need);
    for (let i = 0; i < n; i++) {
      const j = this.length + i;
      this.cols.time[j] = p.time[i]!;
      this.cols.open[j] = p.open[i]!;
      this.cols.high[j] = p.high[i]!;
      this.cols.low[j] = p.low[i]!;
      this.cols.close[j] = p.close[i]!;
      this.cols.volume[j] = p.volume[i] ?? NaN;
    }
    this.length = need;
  }

  /** Views of the loaded prefix (no copy). */
  view(): LoadedBars {
    const n = this.length;
    const c = this.cols;
    return { length: n, time: c.time.subarray(0, n), open: c.open.subarray(0, n), high: c.high.subarray(0, n), low: c.low.subarray(0, n), close: c.close.subarray(0, n), volume: c.volume.subarray(0, n) };
  }
}

export interface ProgressiveOptions {
  fetchPage(cursor: number | null): Promise<BarsPage>;
  /** Called with everything loaded so far when it is worth redrawing. */
  onData(bars: LoadedBars, done: boolean): void;
  maxBars?: number;
  /** Redraw factor (default 4: 50k → 200k → 800k → end). */
  growth?: number;
  signal?: { aborted: boolean };
}

export async function loadProgressively(o: ProgressiveOptions): Promise<LoadedBars> {
  const acc = new BarAccumulator();
  let cursor: number | null = null;
  let drawnAt = 0;
  const max = o.maxBars ?? 2_000_000;
  for (;;) {
    const page = await o.fetchPage(cursor);
    if (o.signal?.aborted) break;
    acc.append(page);
    cursor = page.nextCursor;
    const done = cursor === null || acc.length >= max || page.time.length === 0;
    if (done) break;
    if (acc.length >= Math.max(1, drawnAt * (o.growth ?? 4))) {
      drawnAt = acc.length;
      o.onData(acc.view(), false);
    }
  }
  const all = acc.view();
  o.onData(all, true);
  return all;
}
