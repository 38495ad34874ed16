// Scheduled close times of bars, the clock request.security pairs bars by: a bar's value is confirmed
// once its scheduled close has passed. Close times come from the trading schedule, never from the
// next bar alone, so a still-forming period at the end of the data is recognised as unfinished:
// * intraday bars close at min(open + bar length, next bar's open, end of the session holding the open);
// * D/W/M bars close at the end of the last session of their period (16:00 for a NYSE day, Friday
//   16:00 for its week, 16:59:50 New York for a CAPITALCOM forex day), never later than the next open.
// Period membership comes from the stdlib (periodKey/periodBounds), so it agrees with timeframe.change.
import type { BarColumns } from '../core/bars.js';
import type { SymbolInfo } from '../core/symbol.js';
import { calendarFor, tradingDayOfLocal, tradingDayStartLocal, weekdayMon0, type TradingCalendar } from '../stdlib/calendar.js';
import { parseTimeframe, periodBounds, type Timeframe } from '../stdlib/timeframe.js';
import { localToUtc, MS_PER_DAY, utcToLocal } from '../stdlib/timezone.js';

export function isIntradayTf(tf: Timeframe): boolean {
  return tf.unit === 'S' || tf.unit === 'm' || tf.unit === 'T';
}

/** Length of an intraday bar in ms (NaN for D/W/M and ticks). */
export function intradayMs(tf: Timeframe): number {
  return tf.unit === 'm' ? tf.mult * 60_000 : tf.unit === 'S' ? tf.mult * 1000 : NaN;
}

/**
 * Local end of the opening-hours stretch that contains the local instant `local`; contiguous stretches
 * across midnight (forex 17:05→24:00, 00:00→16:59:50) are joined. NaN when `local` lies outside
 * opening hours or the calendar has none.
 */
export function sessionEndAfterLocal(cal: TradingCalendar, local: number): number {
  if (!cal.opening) return NaN;
  const day = Math.floor(local / MS_PER_DAY);
  const msOfDay = local - day * MS_PER_DAY;
  let end = NaN;
  for (const [s, e] of cal.opening[weekdayMon0(day)]!) if (msOfDay >= s && msOfDay < e) end = day * MS_PER_DAY + e;
  if (end !== end) return NaN;
  // Join with the next day's stretch that starts at midnight (at most a week of continuous trading).
  for (let k = 0; k < 8 && end % MS_PER_DAY === 0; k++) {
    const next = end / MS_PER_DAY;
    let extended = false;
    for (const [s, e] of cal.opening[weekdayMon0(next)]!) {
      if (s === 0 && e > 0) {
        end = next * MS_PER_DAY + e;
        extended = true;
        break;
      }
    }
    if (!extended) break;
  }
  return end;
}

/** Local end of the last session of trading day `td`; the next trading day's start when unknown. */
export function tradingDayCloseLocal(cal: TradingCalendar, td: number): number {
  const dayStart = tradingDayStartLocal(cal, td);
  const nextStart = tradingDayStartLocal(cal, td + 1);
  if (!cal.opening) return nextStart;
  let close = NaN;
  const lastCalDay = Math.floor((nextStart - 1) / MS_PER_DAY);
  for (let d = Math.floor(dayStart / MS_PER_DAY); d <= lastCalDay; d++) {
    for (const [s, e] of cal.opening[weekdayMon0(d)]!) {
      const absS = d * MS_PER_DAY + s;
      const absE = d * MS_PER_DAY + e;
      if (absS < nextStart && absE > dayStart) {
        const end = Math.min(absE, nextStart);
        if (!(end <= close)) close = end;
      }
    }
  }
  return close === close ? close : nextStart;
}

/** Scheduled close (UTC ms) of the D/W/M period holding `t`. */
export function periodCloseUtc(t: number, tf: Timeframe, cal: TradingCalendar): number {
  // periodBounds ends at the start of the trading day after the period's last one.
  const end = periodBounds(t, tf, cal)[1];
  const lastDay = tradingDayOfLocal(cal, utcToLocal(end, cal.zone)) - 1;
  return localToUtc(tradingDayCloseLocal(cal, lastDay), cal.zone);
}

/** Scheduled close of one bar opening at `open`; `nextOpen` may be NaN (last bar). */
export function barCloseUtc(open: number, nextOpen: number, tf: Timeframe, cal: TradingCalendar): number {
  let close: number;
  if (isIntradayTf(tf)) {
    // Tick bars have no nominal length: they last until the next bar.
    close = tf.unit === 'T' ? Infinity : open + intradayMs(tf);
    const local = utcToLocal(open, cal.zone);
    const sessionEnd = sessionEndAfterLocal(cal, local);
    if (sessionEnd === sessionEnd) close = Math.min(close, localToUtc(sessionEnd, cal.zone));
  } else {
    close = periodCloseUtc(open, tf, cal);
  }
  if (nextOpen === nextOpen && nextOpen < close) return nextOpen;
  return close === Infinity ? open : close;
}

/** Scheduled close times of every bar of a series on timeframe `timeframe`. */
export function barCloseTimes(bars: BarColumns, syminfo: SymbolInfo, timeframe: string): Float64Array {
  const tf = parseTimeframe(timeframe);
  const cal = calendarFor(syminfo);
  const n = bars.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = barCloseUtc(bars.time[i]!, i + 1 < n ? bars.time[i + 1]! : NaN, tf, cal);
  return out;
}
