// Higher-timeframe bars built from lower-timeframe bars the way TradingView builds them. Periods are
// the stdlib's (periodKey: session-aware trading days, Monday weeks, nD/nW/nM counted from the year's
// start, intraday periods anchored at the session start), so an HTF bar starts exactly where
// timeframe.change(tf) fires. Each HTF bar knows its open time (period start), its scheduled close
// and the source bars it spans. packages/data's resampler should reuse this rather than duplicate it.
import type { BarColumns } from '../core/bars.js';
import type { SymbolInfo } from '../core/symbol.js';
import { calendarFor, isOpenLocal } from '../stdlib/calendar.js';
import { parseTimeframe, periodBounds, periodKey } from '../stdlib/timeframe.js';
import { utcToLocal } from '../stdlib/timezone.js';
import { barCloseUtc, isIntradayTf } from './schedule.js';

export interface HigherBars {
  /** One bar per period; `time` = period start (UTC ms), OHLC from the members, volume summed. */
  readonly bars: BarColumns;
  /** When each bar's value is confirmed (UTC ms); see `aggregateBars`. */
  readonly closeTime: Float64Array;
  /** Index of the first source bar of each HTF bar. */
  readonly first: Int32Array;
  /** One past the last source bar of each HTF bar. */
  readonly end: Int32Array;
  /** False for the last bar when the data stops before its scheduled close (the still-forming bar). */
  readonly lastComplete: boolean;
  /** True when the data starts after trading in the first period began (its first bar misses members). */
  readonly firstPartial: boolean;
}

/**
 * Aggregates `src` (bars on a finer timeframe, with their scheduled closes `srcClose`) into `timeframe`.
 * Close times: the period's scheduled close, except that a period followed by another one in the data
 * closes no later than its last member — so an early close (a half-day session whose bars stop at
 * 13:00) confirms the day on its last bar, as TradingView's holiday-aware schedule does. The last
 * period keeps its scheduled close: when the data ends before it, the bar is still forming.
 */
export function aggregateBars(src: BarColumns, srcClose: Float64Array, syminfo: SymbolInfo, timeframe: string): HigherBars {
  const tf = parseTimeframe(timeframe);
  const cal = calendarFor(syminfo);
  const n = src.length;
  const starts: number[] = [];
  let prevKey = NaN;
  for (let i = 0; i < n; i++) {
    const key = periodKey(src.time[i]!, tf, cal);
    if (key !== prevKey) starts.push(i);
    prevKey = key;
  }
  const m = starts.length;
  const cols = {
    length: m,
    time: new Float64Array(m),
    open: new Float64Array(m),
    high: new Float64Array(m),
    low: new Float64Array(m),
    close: new Float64Array(m),
    volume: new Float64Array(m),
  };
  const closeTime = new Float64Array(m);
  const first = new Int32Array(m);
  const end = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    const a = starts[k]!;
    const b = k + 1 < m ? starts[k + 1]! : n;
    first[k] = a;
    end[k] = b;
    let high = -Infinity;
    let low = Infinity;
    let volume = 0;
    let hasVolume = false;
    for (let i = a; i < b; i++) {
      if (src.high[i]! > high) high = src.high[i]!;
      if (src.low[i]! < low) low = src.low[i]!;
      const v = src.volume[i]!;
      if (v === v) {
        volume += v;
        hasVolume = true;
      }
    }
    const [start, periodEnd] = periodBounds(src.time[a]!, tf, cal);
    cols.time[k] = start;
    cols.open[k] = src.open[a]!;
    cols.high[k] = high === -Infinity ? NaN : high;
    cols.low[k] = low === Infinity ? NaN : low;
    cols.close[k] = src.close[b - 1]!;
    cols.volume[k] = hasVolume ? volume : NaN;
    const scheduled = isIntradayTf(tf) ? Math.min(periodEnd, barCloseUtc(start, NaN, tf, cal)) : barCloseUtc(start, NaN, tf, cal);
    closeTime[k] = k + 1 < m ? Math.min(scheduled, srcClose[b - 1]!) : scheduled;
  }
  const lastComplete = m === 0 || srcClose[n - 1]! >= closeTime[m - 1]!;
  // Partial when the market was open between the period's start and the first bar we have.
  const firstPartial = m > 0 && src.time[0]! > cols.time[0]! && isOpenLocal(cal, utcToLocal(cols.time[0]!, cal.zone), utcToLocal(src.time[0]!, cal.zone));
  return { bars: cols, closeTime, first, end, lastComplete, firstPartial };
}
