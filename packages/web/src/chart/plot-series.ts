// The script's plots as lightweight-charts series, per Pine style: line/linebr, stepline(_diamond/br),
// histogram/columns (from histbase), circles, cross, area/areabr (filled down to histbase); plotshape,
// plotchar and plotarrow as markers on the candles; fill() bands between plots/hlines.
import {
  BaselineSeries, HistogramSeries, LineSeries, LineStyle, LineType,
  type IChartApi, type ISeriesApi, type LineWidth, type SeriesMarker, type SeriesType, type Time, type WhitespaceData,
} from 'lightweight-charts';
import type { ChartFill, ChartHLine, ChartPlot, SeriesPoint } from '../api/types.js';
import { BandView, CrossView, type BandPoint, type CrossPoint } from './custom-series.js';
import { cssColor, withAlpha } from './pine-color.js';
import { utcClock, type Clock } from './time-zone.js';

const lineWidth = (w: number | undefined): LineWidth => Math.min(4, Math.max(1, Math.round(w ?? 1))) as LineWidth;

/** Points on the axis clock; `keepGaps` leaves na as whitespace (the *br styles), otherwise na is
 *  skipped so the line joins across it, as Pine's line styles do. Equal axis times keep the last. */
function timed<T extends { time: Time }>(p: ChartPlot, clock: Clock, keepGaps: boolean, make: (pt: SeriesPoint, i: number) => T): (T | WhitespaceData<Time>)[] {
  const out: (T | WhitespaceData<Time>)[] = [];
  let last = -Infinity;
  p.points.forEach((pt, i) => {
    let time: number = clock(pt.time);
    if (time < last) time = last + 1;
    const item = pt.value === null || !Number.isFinite(pt.value) ? (keepGaps ? { time: time as Time } : null) : make({ ...pt, time }, i);
    if (item === null) return;
    if (time === last) out[out.length - 1] = item;
    else out.push(item);
    last = time;
  });
  return out;
}

export function drawPlot(chart: IChartApi, p: ChartPlot, pane: number, fallback: string, clock: Clock = utcClock): ISeriesApi<SeriesType>[] {
  const color = cssColor(p.color, fallback);
  const pointColor = (i: number): string | undefined => (p.colors ? cssColor(p.colors[i], color) : undefined);
  const base = { title: p.title, priceLineVisible: false, lastValueVisible: false };
  const style = p.style ?? 'line';
  const value = (pt: SeriesPoint, i: number) => {
    const c = pointColor(i);
    return c ? { time: pt.time as Time, value: pt.value!, color: c } : { time: pt.time as Time, value: pt.value! };
  };
  switch (style) {
    case 'histogram':
    case 'columns': {
      const s = chart.addSeries(HistogramSeries, { ...base, color, base: p.histbase ?? 0 }, pane);
      s.setData(timed(p, clock, true, value));
      return [s];
    }
    case 'area':
    case 'areabr': {
      const fill = withAlpha(p.color, 0.35, 'rgba(41,98,255,0.25)');
      const s = chart.addSeries(BaselineSeries, {
        ...base, baseValue: { type: 'price', price: p.histbase ?? 0 }, lineWidth: lineWidth(p.linewidth),
        topLineColor: color, bottomLineColor: color, topFillColor1: fill, topFillColor2: fill, bottomFillColor1: fill, bottomFillColor2: fill,
      }, pane);
      s.setData(timed(p, clock, style === 'areabr', (pt) => ({ time: pt.time as Time, value: pt.value! })));
      return [s];
    }
    case 'cross': {
      const size = 2 + lineWidth(p.linewidth);
      const s = chart.addCustomSeries(new CrossView(), { ...base, color }, pane);
      s.setData(timed<CrossPoint>(p, clock, true, (pt, i) => ({ time: pt.time as Time, value: pt.value!, stroke: pointColor(i) ?? color, size })));
      return [s];
    }
    default: {
      const steps = style.startsWith('stepline');
      const dots = style === 'circles';
      const s = chart.addSeries(LineSeries, {
        ...base, color, lineWidth: lineWidth(p.linewidth), lineType: steps ? LineType.WithSteps : LineType.Simple,
        lineVisible: !dots, pointMarkersVisible: dots || style === 'stepline_diamond', pointMarkersRadius: dots ? 1 + lineWidth(p.linewidth) : 2,
      }, pane);
      s.setData(timed(p, clock, style.endsWith('br') || dots, value));
      return [s];
    }
  }
}

type MarkerShape = SeriesMarker<Time>['shape'];
const SHAPES: Record<string, MarkerShape> = {
  triangleup: 'arrowUp', arrowup: 'arrowUp', labelup: 'arrowUp', triangledown: 'arrowDown', arrowdown: 'arrowDown', labeldown: 'arrowDown',
  square: 'square', diamond: 'square', flag: 'square', circle: 'circle', cross: 'circle', xcross: 'circle',
};

/** plotshape / plotchar / plotarrow: a marker on every bar whose value is true (non-zero, not na). */
export function shapeMarkers(p: ChartPlot, fallback: string, clock: Clock = utcClock): SeriesMarker<Time>[] {
  const out: SeriesMarker<Time>[] = [];
  const color = cssColor(p.color, fallback);
  p.points.forEach((pt, i) => {
    const v = pt.value;
    if (v === null || !Number.isFinite(v) || v === 0) return;
    const c = p.colors ? cssColor(p.colors[i], color) : color;
    if (p.colors && (p.colors[i] === null || p.colors[i] === undefined)) return; // na colour hides the shape
    const time = clock(pt.time) as Time;
    if (p.kind === 'plotarrow') {
      out.push({ time, position: v > 0 ? 'belowBar' : 'aboveBar', shape: v > 0 ? 'arrowUp' : 'arrowDown', color: c });
      return;
    }
    const loc = p.location ?? 'abovebar';
    const text = p.kind === 'plotchar' ? `${p.char ?? '★'}${p.text ? ` ${p.text}` : ''}` : p.text ?? '';
    const shape: MarkerShape = p.kind === 'plotchar' ? 'circle' : SHAPES[p.style ?? 'xcross'] ?? 'circle';
    const m: SeriesMarker<Time> = loc === 'absolute'
      ? { time, position: 'atPriceMiddle', price: v, shape, color: c, text }
      : { time, position: loc === 'belowbar' || loc === 'bottom' ? 'belowBar' : 'aboveBar', shape, color: c, text };
    if (p.kind === 'plotchar') m.size = 0.3; // the character is the marker; the dot only anchors it
    out.push(m);
  });
  return out;
}

export function drawHLine(series: ISeriesApi<SeriesType>, h: ChartHLine): void {
  if (h.price === null) return;
  const style = h.linestyle === 'solid' ? LineStyle.Solid : h.linestyle === 'dotted' ? LineStyle.Dotted : LineStyle.Dashed;
  series.createPriceLine({ price: h.price, color: cssColor(h.color, '#787b86'), lineWidth: lineWidth(h.linewidth), lineStyle: style, axisLabelVisible: false, title: '' });
}

/** One end of a fill as a value per bar index (plots) or a constant (hlines). */
function end(e: ChartFill['from'], plots: readonly ChartPlot[], hlines: readonly ChartHLine[]): ((i: number) => number) | null {
  if (e.kind === 'hline') {
    const price = hlines[e.index]?.price;
    return price === null || price === undefined ? null : () => price;
  }
  const pts = plots[e.index]?.points;
  return pts ? (i) => pts[i]?.value ?? NaN : null;
}

export function drawFill(chart: IChartApi, f: ChartFill, plots: readonly ChartPlot[], hlines: readonly ChartHLine[], times: readonly SeriesPoint[], pane: number, clock: Clock = utcClock): ISeriesApi<SeriesType> | null {
  const a = end(f.from, plots, hlines);
  const b = end(f.to, plots, hlines);
  if (!a || !b) return null;
  const color = cssColor(f.color, 'rgba(41,98,255,0.1)');
  const data: (BandPoint | WhitespaceData<Time>)[] = [];
  let last = -Infinity;
  times.forEach((pt, i) => {
    let time: number = clock(pt.time);
    if (time <= last) return;
    last = time;
    const x = a(i);
    const y = b(i);
    const fill = f.colors ? f.colors[i] ?? null : 0;
    if (!Number.isFinite(x) || !Number.isFinite(y) || fill === null) data.push({ time: time as Time });
    else data.push({ time: time as Time, upper: Math.max(x, y), lower: Math.min(x, y), fill: f.colors ? cssColor(fill, color) : color });
  });
  const s = chart.addCustomSeries(new BandView(), { title: '', lastValueVisible: false, priceLineVisible: false, color }, pane);
  s.setData(data);
  return s;
}
