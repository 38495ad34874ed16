// Progressive loading of large bar sets (up to millions), latest bars first: the first, small page is
// the window a chart shows on open; older pages arrive in the background and are prepended to typed
// columns that grow towards the front. Attaching to the chart is separate (see attach-policy.ts), so
// fetching never waits for drawing.
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

const FIELDS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;
type Columns = Record<(typeof FIELDS)[number], Float64Array>;

/** Columns filled from the back: prepending a page copies only that page, and the capacity doubles
 *  when it runs out, so loading n bars costs O(n) however many pages they come in. */
export class PrependBuffer {
  private cols: Columns = { time: new Float64Array(0), open: new Float64Array(0), high: new Float64Array(0), low: new Float64Array(0), close: new Float64Array(0), volume: new Float64Array(0) };
  /** Index of the first filled slot (the data is cols[k][start .. capacity)). */
  private start = 0;

  get length(): number {
    return this.cols.time.length - this.start;
  }

  private reserve(extra: number): void {
    if (this.start >= extra) return;
    const len = this.length;
    const cap = Math.max(len + extra, this.cols.time.length * 2, 1024);
    for (const k of FIELDS) {
      const next = new Float64Array(cap);
      next.set(this.cols[k].subarray(this.start), cap - len);
      this.cols[k] = next;
    }
    this.start = cap - len;
  }

  /** Adds a page of bars that all precede the bars held so far. */
  prepend(p: Pick<BarsPage, 'time' | 'open' | 'high' | 'low' | 'close' | 'volume'>): void {
    const n = p.time.length;
    this.reserve(n);
    const at = this.start - n;
    const c = this.cols;
    for (let i = 0; i < n; i++) {
      const j = at + i;
      c.time[j] = p.time[i]!;
      c.open[j] = p.open[i]!;
      c.high[j] = p.high[i]!;
      c.low[j] = p.low[i]!;
      c.close[j] = p.close[i]!;
      c.volume[j] = p.volume[i] ?? NaN;
    }
    this.start = at;
  }

  /** Views of the loaded bars, oldest first (no copy; a later prepend may reallocate). */
  view(): LoadedBars {
    const c = this.cols;
    const s = this.start;
    return { length: this.length, time: c.time.subarray(s), open: c.open.subarray(s), high: c.high.subarray(s), low: c.low.subarray(s), close: c.close.subarray(s), volume: c.volume.subarray(s) };
  }
}

export interface BackwardOptions {
  /** Fetches the `limit` bars before `before` (null: the latest bars). */
  fetchPage(before: number | null, limit: number): Promise<BarsPage>;
  /** Called after every page with everything loaded so far; `done` on the last call. */
  onData(bars: LoadedBars, done: boolean): void;
  /** Size of the first page: what the chart shows on open (default 2,000). */
  firstPage?: number;
  /** Size of the following pages (default 50,000, the API's maximum). */
  page?: number;
  maxBars?: number;
  signal?: { aborted: boolean };
}

/** Loads a series from its end towards its start; resolves with all loaded bars. */
export async function loadLatestFirst(o: BackwardOptions): Promise<LoadedBars> {
  const buf = new PrependBuffer();
  const max = o.maxBars ?? 2_000_000;
  let before: number | null = null;
  let limit = o.firstPage ?? 2_000;
  for (;;) {
    const page = await o.fetchPage(before, limit);
    if (o.signal?.aborted) return buf.view();
    buf.prepend(page);
    before = page.prevCursor ?? null;
    const done = before === null || buf.length >= max;
    o.onData(buf.view(), done);
    if (done) return buf.view();
    limit = o.page ?? 50_000;
  }
}
