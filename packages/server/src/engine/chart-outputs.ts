// A run's visual outputs as the API sends them to the chart: plots with their constant style arguments
// (and per-bar colours when the colour is a series), hlines, fills and bgcolor. Values and colours
// keep packages/pine's encodings (colours 0xRRGGBBAA); na becomes null, and bgcolor keeps only the bars
// that have a colour (a background is usually set on few bars).
import type { ColorSeriesOutput, FillOutput, HLineOutput, PlotOutput } from '@pineback/pine';
import type { ChartBgColor, ChartFill, ChartHLine, ChartPlot, SeriesPoint } from './types.js';

/** na (NaN) and infinities as JSON null. */
export const orNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** A per-bar series as chart points: bars without a time are skipped, na values become null. */
export function points(times: ArrayLike<number>, values: ArrayLike<number>): SeriesPoint[] {
  const out: SeriesPoint[] = [];
  for (let i = 0; i < values.length; i++) {
    const t = times[i];
    if (t === undefined || !Number.isFinite(t)) continue;
    out.push({ time: t, value: orNull(values[i]!) });
  }
  return out;
}

/** Per-bar colours aligned with points() (same skipped bars). */
function colorsAt(times: ArrayLike<number>, colors: ArrayLike<number>): (number | null)[] {
  const out: (number | null)[] = [];
  for (let i = 0; i < colors.length; i++) if (Number.isFinite(times[i])) out.push(orNull(colors[i]!));
  return out;
}

function plot(p: PlotOutput, times: ArrayLike<number>): ChartPlot {
  const o = p.options;
  const c: ChartPlot = { title: p.title, points: points(times, p.values), kind: p.kind, color: orNull(p.color) };
  if (p.colors) c.colors = colorsAt(times, p.colors);
  const style = str(o['style']);
  if (style !== undefined) c.style = style;
  for (const k of ['linewidth', 'histbase'] as const) {
    const v = num(o[k]);
    if (v !== undefined) c[k] = v;
  }
  for (const k of ['location', 'char', 'text'] as const) {
    const v = str(o[k]);
    if (v !== undefined) c[k] = v;
  }
  return c;
}

function hline(h: HLineOutput): ChartHLine {
  return { title: h.title, price: orNull(h.price), color: orNull(h.color), linestyle: str(h.options['linestyle']) ?? 'dashed', linewidth: num(h.options['linewidth']) ?? 1 };
}

function fill(f: FillOutput, times: ArrayLike<number>): ChartFill {
  const c: ChartFill = { title: f.title, from: { kind: f.from.kind, index: f.from.id }, to: { kind: f.to.kind, index: f.to.id }, color: orNull(f.color) };
  if (f.colors) c.colors = colorsAt(times, f.colors);
  return c;
}

function bgcolor(s: ColorSeriesOutput, times: ArrayLike<number>): ChartBgColor {
  const pts: { time: number; color: number }[] = [];
  for (let i = 0; i < s.colors.length; i++) {
    const c = s.colors[i]!;
    const t = times[i];
    if (Number.isFinite(c) && t !== undefined && Number.isFinite(t)) pts.push({ time: t, color: c });
  }
  return { title: s.title, points: pts };
}

export function chartOutputs(
  out: { plots: PlotOutput[]; hlines: HLineOutput[]; fills: FillOutput[]; colorSeries: ColorSeriesOutput[] },
  times: ArrayLike<number>,
): { plots: ChartPlot[]; hlines: ChartHLine[]; fills: ChartFill[]; bgcolors: ChartBgColor[] } {
  return {
    plots: out.plots.map((p) => plot(p, times)),
    hlines: out.hlines.map(hline),
    fills: out.fills.map((f) => fill(f, times)),
    bgcolors: out.colorSeries.filter((s) => s.kind === 'bgcolor').map((s) => bgcolor(s, times)),
  };
}
