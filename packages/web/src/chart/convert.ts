// Data conversion for lightweight-charts: API times are Unix ms, the chart wants seconds on its axis
// clock (UTC, or shifted into the exchange's or the browser's zone: see time-zone.ts); nulls become
// whitespace points so lines break instead of dropping to zero.
import type { CandlestickData, HistogramData, LineData, SeriesMarker, Time, UTCTimestamp, WhitespaceData } from 'lightweight-charts';
import type { SeriesPoint, Trade } from '../api/types.js';
import { utcClock, type Clock } from './time-zone.js';

export const toSec: Clock = utcClock;

/** Axis times must strictly increase; a zone's fall-back hour maps two bars onto one wall-clock time,
 *  so a repeated or earlier time moves one second past its predecessor. */
export function axisTimes(time: ArrayLike<number>, clock: Clock = utcClock, from = 0, to = time.length, prev = -Infinity): UTCTimestamp[] {
  const out = new Array<UTCTimestamp>(Math.max(0, to - from));
  let last = prev;
  for (let i = from; i < to; i++) {
    let t: number = clock(time[i]!);
    if (t <= last) t = last + 1;
    out[i - from] = t as UTCTimestamp;
    last = t;
  }
  return out;
}

export interface BarColumnsLike {
  time: ArrayLike<number>;
  open: ArrayLike<number>;
  high: ArrayLike<number>;
  low: ArrayLike<number>;
  close: ArrayLike<number>;
  volume: ArrayLike<number | null>;
}

function tail<T>(a: ArrayLike<T>, from: number): ArrayLike<T> {
  const sub = (a as { subarray?: (start: number) => ArrayLike<T> }).subarray;
  return sub ? sub.call(a, from) : Array.prototype.slice.call(a, from);
}

/** The newest `n` bars (views, not copies, for typed columns). */
export function newestBars(b: BarColumnsLike, n: number): BarColumnsLike {
  const from = b.time.length - n;
  if (from <= 0) return b;
  return { time: tail(b.time, from), open: tail(b.open, from), high: tail(b.high, from), low: tail(b.low, from), close: tail(b.close, from), volume: tail(b.volume, from) };
}

/** `times` are the axis times of bars from..to (axisTimes); default: UTC. */
export function candles(b: BarColumnsLike, from = 0, to = b.time.length, times = axisTimes(b.time, utcClock, from, to)): CandlestickData<Time>[] {
  const out = new Array<CandlestickData<Time>>(Math.max(0, to - from));
  for (let i = from; i < to; i++) out[i - from] = { time: times[i - from]!, open: b.open[i]!, high: b.high[i]!, low: b.low[i]!, close: b.close[i]! };
  return out;
}

const UP_VOLUME = 'rgba(38,166,154,0.45)';
const DOWN_VOLUME = 'rgba(239,83,80,0.45)';

export function volumes(b: BarColumnsLike, from = 0, to = b.time.length, times = axisTimes(b.time, utcClock, from, to)): HistogramData<Time>[] {
  const out = new Array<HistogramData<Time>>(Math.max(0, to - from));
  for (let i = from; i < to; i++) {
    const v = b.volume[i];
    out[i - from] = { time: times[i - from]!, value: v === null || v === undefined || Number.isNaN(v) ? 0 : v, color: b.close[i]! >= b.open[i]! ? UP_VOLUME : DOWN_VOLUME };
  }
  return out;
}

/** Line data with whitespace for na; duplicate times (same second) keep the last value. */
export function linePoints(points: readonly SeriesPoint[], clock: Clock = utcClock): (LineData<Time> | WhitespaceData<Time>)[] {
  const out: (LineData<Time> | WhitespaceData<Time>)[] = [];
  for (const p of points) {
    let time = clock(p.time);
    const prev = out.length ? (out[out.length - 1]!.time as number) : -Infinity;
    if (time < prev) time = (prev + 1) as UTCTimestamp; // a zone's fall-back hour (see axisTimes)
    const item = p.value === null || !Number.isFinite(p.value) ? { time } : { time, value: p.value };
    if (out.length && out[out.length - 1]!.time === time) out[out.length - 1] = item;
    else out.push(item);
  }
  return out;
}

/** Entry and exit markers drawn at the fill price (arrow above/below the price, TradingView colours). */
export function tradeMarkers(trades: readonly Trade[], maxLabelled = 150, clock: Clock = utcClock): SeriesMarker<Time>[] {
  const out: SeriesMarker<Time>[] = [];
  // Signal names on hundreds of markers turn into noise; above the limit only the arrows remain.
  const label = (s: string | null): string => (trades.length * 2 <= maxLabelled ? s ?? '' : '');
  for (const t of trades) {
    const long = t.direction === 'long';
    if (Number.isFinite(t.entryTime)) {
      out.push({
        time: clock(t.entryTime), position: long ? 'atPriceBottom' : 'atPriceTop', price: t.entryPrice,
        shape: long ? 'arrowUp' : 'arrowDown', color: long ? '#2962ff' : '#e91e63', text: label(t.entrySignal), id: `e${t.id}`,
      });
    }
    if (t.exitTime !== null && t.exitPrice !== null && t.exitSignal !== 'Open') {
      out.push({
        time: clock(t.exitTime), position: long ? 'atPriceTop' : 'atPriceBottom', price: t.exitPrice,
        shape: long ? 'arrowDown' : 'arrowUp', color: '#9c27b0', text: label(t.exitSignal), id: `x${t.id}`,
      });
    }
  }
  return out.sort((a, b) => (a.time as number) - (b.time as number));
}

/** True when the plot's median lies within the traded price range (widened by a quarter of its size,
 *  and for positive prices never below 30% of the lowest fill), i.e. it reads as a price-scale line. */
export function isNearPrice(points: readonly SeriesPoint[], [lo, hi]: [number, number]): boolean {
  const vals = points.map((p) => p.value).filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (!vals.length) return true;
  const median = vals[Math.floor(vals.length / 2)]!;
  const pad = Math.max((hi - lo) * 0.25, Math.abs(hi) * 0.05);
  if (lo > 0 && median < lo * 0.3) return false;
  return median >= lo - pad && median <= hi + pad;
}

/** Min and max fill price of the trades, or null without trades. */
export function tradePriceRange(trades: readonly Trade[]): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const t of trades) {
    for (const v of [t.entryPrice, t.exitPrice]) {
      if (v === null || !Number.isFinite(v)) continue;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  return lo <= hi ? [lo, hi] : null;
}
