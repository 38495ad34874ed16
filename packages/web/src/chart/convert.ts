// Data conversion for lightweight-charts: API times are Unix ms, the chart wants UTC seconds; nulls
// become whitespace points so lines break instead of dropping to zero.
import type { CandlestickData, HistogramData, LineData, SeriesMarker, Time, UTCTimestamp, WhitespaceData } from 'lightweight-charts';
import type { SeriesPoint, Trade } from '../api/types.js';

export const toSec = (ms: number): UTCTimestamp => Math.floor(ms / 1000) as UTCTimestamp;

export interface BarColumnsLike {
  time: ArrayLike<number>;
  open: ArrayLike<number>;
  high: ArrayLike<number>;
  low: ArrayLike<number>;
  close: ArrayLike<number>;
  volume: ArrayLike<number | null>;
}

export function candles(b: BarColumnsLike, from = 0, to = b.time.length): CandlestickData<Time>[] {
  const out = new Array<CandlestickData<Time>>(Math.max(0, to - from));
  for (let i = from; i < to; i++) out[i - from] = { time: toSec(b.time[i]!), open: b.open[i]!, high: b.high[i]!, low: b.low[i]!, close: b.close[i]! };
  return out;
}

export function volumes(b: BarColumnsLike, from = 0, to = b.time.length): HistogramData<Time>[] {
  const out = new Array<HistogramData<Time>>(Math.max(0, to - from));
  for (let i = from; i < to; i++) {
    const up = b.close[i]! >= b.open[i]!;
    out[i - from] = { time: toSec(b.time[i]!), value: b.volume[i] ?? 0, color: up ? 'rgba(38,166,154,0.45)' : 'rgba(239,83,80,0.45)' };
  }
  return out;
}

/** Line data with whitespace for na; duplicate times (same second) keep the last value. */
export function linePoints(points: readonly SeriesPoint[]): (LineData<Time> | WhitespaceData<Time>)[] {
  const out: (LineData<Time> | WhitespaceData<Time>)[] = [];
  for (const p of points) {
    const time = toSec(p.time);
    const item = p.value === null || !Number.isFinite(p.value) ? { time } : { time, value: p.value };
    if (out.length && out[out.length - 1]!.time === time) out[out.length - 1] = item;
    else out.push(item);
  }
  return out;
}

/** Entry and exit markers drawn at the fill price (arrow above/below the price, TradingView colours). */
export function tradeMarkers(trades: readonly Trade[], maxLabelled = 150): SeriesMarker<Time>[] {
  const out: SeriesMarker<Time>[] = [];
  // Signal names on hundreds of markers turn into noise; above the limit only the arrows remain.
  const label = (s: string | null): string => (trades.length * 2 <= maxLabelled ? s ?? '' : '');
  for (const t of trades) {
    const long = t.direction === 'long';
    if (Number.isFinite(t.entryTime)) {
      out.push({
        time: toSec(t.entryTime), position: long ? 'atPriceBottom' : 'atPriceTop', price: t.entryPrice,
        shape: long ? 'arrowUp' : 'arrowDown', color: long ? '#2962ff' : '#e91e63', text: label(t.entrySignal), id: `e${t.id}`,
      });
    }
    if (t.exitTime !== null && t.exitPrice !== null && t.exitSignal !== 'Open') {
      out.push({
        time: toSec(t.exitTime), position: long ? 'atPriceTop' : 'atPriceBottom', price: t.exitPrice,
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
