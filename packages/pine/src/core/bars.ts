// Market data as the runtime consumes it: one column per field, oldest bar first.
// Times are bar OPEN times in Unix milliseconds (UTC), as Pine's `time` is.

export interface BarColumns {
  readonly length: number;
  readonly time: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  /** NaN where the source has no volume. */
  readonly volume: Float64Array;
}

/** One bar as a plain record, for code paths that are not hot (tests, the broker's intrabar walk). */
export interface Bar {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

export function barAt(bars: BarColumns, i: number): Bar {
  return {
    time: bars.time[i]!,
    open: bars.open[i]!,
    high: bars.high[i]!,
    low: bars.low[i]!,
    close: bars.close[i]!,
    volume: bars.volume[i]!,
  };
}

export function barColumnsFromRows(rows: readonly Bar[]): BarColumns {
  const n = rows.length;
  const cols = {
    length: n,
    time: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    cols.time[i] = r.time;
    cols.open[i] = r.open;
    cols.high[i] = r.high;
    cols.low[i] = r.low;
    cols.close[i] = r.close;
    cols.volume[i] = r.volume;
  }
  return cols;
}
