// Resampling of OHLCV bars to a coarser Pine timeframe. Pure (no I/O, no Node APIs) so it can move
// into packages/pine for request.security later.
//
// Alignment rules:
// * Every bucket is labelled with its period START (Pine's `time` is the bar open time).
// * A "trading day" begins at `dayStart` wall-clock time in `timezone` (default 00:00 UTC). For markets
//   whose day starts in the evening (FX/CME: 17:00 New York), a dayStart of 12:00 or later means the
//   session that opens on the previous calendar evening belongs to the next date, as on TradingView.
// * Intraday buckets (seconds/minutes) are aligned to the trading-day start, so 240 on a 17:00 market
//   gives 17:00, 21:00, 01:00 …; they never straddle a day boundary.
// * Weeks are anchored on Monday's trading day; months are calendar months of the trading day.
// * Multiples follow TradingView's counting (verified against its timeframe.change exports):
//   nD counts weekdays from January 1st, nW counts weeks from the year's first Monday, nM counts
//   months from January — each restarting every year.
import type { BarColumns } from '@pineback/pine';
import { parseTimeframe, type Timeframe } from './timeframe.js';
import { localToUtc, utcToLocal } from './timezone.js';

export interface ResampleOptions {
  /** IANA zone whose wall clock defines days, weeks and months. Default "Etc/UTC". */
  timezone?: string;
  /** Trading-day start as "HH:MM" (or "HHMM") in `timezone`. Default "00:00". */
  dayStart?: string;
}

const DAY_MS = 86_400_000;

// Calendar helpers on day indices (days since 1970-01-01, a Thursday; +3 makes Monday = 0 mod 7).
const mod = (a: number, m: number): number => ((a % m) + m) % m;
const mondayOf = (day: number): number => day - mod(day + 3, 7);
const yearStart = (day: number): number => Date.UTC(new Date(day * DAY_MS).getUTCFullYear(), 0, 1) / DAY_MS;
const firstMonday = (jan1: number): number => jan1 + mod(7 - mod(jan1 + 3, 7), 7);
/** Count of weekdays before `day` (Saturday and Sunday map to the following Monday's index). */
const weekdayIndex = (day: number): number => Math.floor((day + 3) / 7) * 5 + Math.min(mod(day + 3, 7), 5);
const dayOfWeekdayIndex = (w: number): number => Math.floor(w / 5) * 7 + mod(w, 5) - 3;

function parseClock(s: string): number {
  const m = /^(\d{1,2}):?(\d{2})$/.exec(s.trim());
  if (!m) throw new Error(`invalid day start "${s}" (expected HH:MM)`);
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) throw new Error(`invalid day start "${s}"`);
  return (h * 60 + min) * 60_000;
}

/** Computes, for a bar open time, the open time of the target bucket containing it. */
export type BucketFn = (utcMs: number) => number;

export function bucketFunction(target: Timeframe | string, options: ResampleOptions = {}): BucketFn {
  const tf = typeof target === 'string' ? parseTimeframe(target) : target;
  const zone = options.timezone ?? 'Etc/UTC';
  const startMs = parseClock(options.dayStart ?? '00:00');
  // Sessions opening in the evening are labelled with the next calendar date.
  const labelShift = startMs >= DAY_MS / 2 ? 1 : 0;

  /** Trading-date index (days since 1970-01-01 of the label date) for a UTC instant. */
  const tradingDay = (utcMs: number): number =>
    Math.floor((utcToLocal(zone, utcMs) - startMs) / DAY_MS) + labelShift;
  /** UTC instant at which the trading day with label index `d` starts. */
  const dayStartUtc = (d: number): number => localToUtc(zone, (d - labelShift) * DAY_MS + startMs);

  switch (tf.unit) {
    case 'second':
    case 'minute': {
      const len = tf.multiple * (tf.unit === 'second' ? 1000 : 60_000);
      const utcZone = zone === 'Etc/UTC' || zone === 'UTC';
      if (utcZone && startMs === 0 && DAY_MS % len === 0) return (t) => t - (((t % len) + len) % len);
      return (t) => {
        const s = dayStartUtc(tradingDay(t));
        return s + Math.floor((t - s) / len) * len;
      };
    }
    case 'day': {
      const n = tf.multiple;
      if (n === 1) return (t) => dayStartUtc(tradingDay(t));
      // Multi-day bars count weekdays (trading days), restarting every calendar year, as TradingView does.
      return (t) => {
        const day = tradingDay(t);
        const y0 = yearStart(day);
        const base = weekdayIndex(y0);
        const bucket = Math.floor((weekdayIndex(day) - base) / n);
        return dayStartUtc(Math.max(y0, dayOfWeekdayIndex(base + bucket * n)));
      };
    }
    case 'week': {
      const n = tf.multiple;
      return (t) => {
        const monday = mondayOf(tradingDay(t));
        if (n === 1) return dayStartUtc(monday);
        // Multi-week bars count weeks from the first Monday of the Monday's year, as TradingView does.
        const first = firstMonday(yearStart(monday));
        const idx = Math.floor((monday - first) / 7);
        return dayStartUtc(first + Math.floor(idx / n) * n * 7);
      };
    }
    case 'month': {
      const n = tf.multiple;
      return (t) => {
        const date = new Date(tradingDay(t) * DAY_MS);
        const month = date.getUTCFullYear() * 12 + date.getUTCMonth();
        const first = Math.floor(month / n) * n;
        const firstDay = Date.UTC(Math.floor(first / 12), first % 12, 1) / DAY_MS;
        return dayStartUtc(firstDay);
      };
    }
  }
}

/**
 * Aggregates ascending bars into `target` buckets: open = first open, high = max, low = min,
 * close = last close, volume = sum of the non-NaN volumes (NaN when the bucket has none).
 * The last bucket may be partial (it holds whatever the input has).
 */
export function resample(bars: BarColumns, target: Timeframe | string, options: ResampleOptions = {}): BarColumns {
  const bucketOf = bucketFunction(target, options);
  const n = bars.length;
  const time = new Float64Array(n);
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  const volume = new Float64Array(n);
  let k = -1;
  let current = NaN;
  for (let i = 0; i < n; i++) {
    const b = bucketOf(bars.time[i]!);
    const v = bars.volume[i]!;
    if (b !== current) {
      if (b < current) throw new Error(`bars are not in ascending time order at index ${i}`);
      k++;
      current = b;
      time[k] = b;
      open[k] = bars.open[i]!;
      high[k] = bars.high[i]!;
      low[k] = bars.low[i]!;
      close[k] = bars.close[i]!;
      volume[k] = v;
      continue;
    }
    const h = bars.high[i]!;
    const l = bars.low[i]!;
    if (h > high[k]!) high[k] = h;
    if (l < low[k]!) low[k] = l;
    close[k] = bars.close[i]!;
    if (v === v) volume[k] = volume[k] !== volume[k] ? v : volume[k]! + v;
  }
  const m = k + 1;
  return {
    length: m,
    time: time.slice(0, m),
    open: open.slice(0, m),
    high: high.slice(0, m),
    low: low.slice(0, m),
    close: close.slice(0, m),
    volume: volume.slice(0, m),
  };
}
