// Shapes of the engine adapter's data as the API exposes them (diagnostics, inputs, results).
import { z } from 'zod';

export const DiagnosticSchema = z.object({
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  line: z.number(),
  column: z.number(),
  endLine: z.number().optional(),
  endColumn: z.number().optional(),
  code: z.string().optional(),
});

export const InputSpecSchema = z.object({
  id: z.string(),
  title: z.string(),
  type: z.enum(['int', 'float', 'bool', 'string', 'source', 'symbol', 'timeframe', 'session', 'color', 'time', 'price', 'text_area', 'enum']),
  default: z.unknown(),
  min: z.number().optional(),
  max: z.number().optional(),
  step: z.number().optional(),
  options: z.array(z.unknown()).optional(),
  group: z.string().optional(),
  tooltip: z.string().optional(),
  inline: z.string().optional(),
});

const SeriesPoint = z.object({ time: z.number(), value: z.number().nullable() });

export const TradeSchema = z.object({
  id: z.number(),
  direction: z.enum(['long', 'short']),
  entryTime: z.number(),
  entryPrice: z.number(),
  entrySignal: z.string(),
  exitTime: z.number().nullable(),
  exitPrice: z.number().nullable(),
  exitSignal: z.string().nullable(),
  qty: z.number(),
  profit: z.number(),
  profitPercent: z.number(),
  runUp: z.number(),
  runUpPercent: z.number(),
  drawdown: z.number(),
  drawdownPercent: z.number(),
  cumulativeProfit: z.number(),
  cumulativeProfitPercent: z.number(),
});

export const MetricRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  all: z.number().nullable(),
  long: z.number().nullable(),
  short: z.number().nullable(),
  unit: z.enum(['currency', 'percent', 'count', 'ratio', 'bars']).optional(),
});

/** Colours: 0xRRGGBBAA as a number (Pine's runtime encoding); null = na / the chart's default. */
const Color = z.number().nullable();

/** A plot*() output with its constant style arguments. */
const ChartPlotSchema = z.object({
  title: z.string(),
  points: z.array(SeriesPoint),
  kind: z.enum(['plot', 'plotshape', 'plotchar', 'plotarrow', 'plotcandle', 'plotbar']).optional(),
  /** plot: line, linebr, stepline, stepline_diamond, steplinebr, histogram, columns, circles, cross, area, areabr; plotshape: the shape. */
  style: z.string().optional(),
  color: Color.optional(),
  /** Per point when the colour is a series. */
  colors: z.array(Color).optional(),
  linewidth: z.number().optional(),
  histbase: z.number().optional(),
  location: z.string().optional(),
  char: z.string().optional(),
  text: z.string().optional(),
});

const ChartHLineSchema = z.object({ title: z.string(), price: z.number().nullable(), color: Color, linestyle: z.string(), linewidth: z.number() });

const FillEnd = z.object({ kind: z.enum(['plot', 'hline']), index: z.number().int() });
const ChartFillSchema = z.object({ title: z.string(), from: FillEnd, to: FillEnd, color: Color, colors: z.array(Color).optional() });

/** bgcolor(): only the bars that have a colour. */
const ChartBgColorSchema = z.object({ title: z.string(), points: z.array(z.object({ time: z.number(), color: z.number() })) });

export const RunResultSchema = z.object({
  symbol: z.string(),
  timeframe: z.string(),
  datasetHash: z.string(),
  summary: z.record(z.string(), z.number().nullable()),
  metrics: z.array(MetricRowSchema),
  trades: z.array(TradeSchema),
  equity: z.array(SeriesPoint),
  drawdown: z.array(SeriesPoint),
  plots: z.array(ChartPlotSchema),
  hlines: z.array(ChartHLineSchema).optional(),
  fills: z.array(ChartFillSchema).optional(),
  bgcolors: z.array(ChartBgColorSchema).optional(),
  warnings: z.array(z.string()),
  currency: z.string(),
  /** The symbol's exchange time zone (IANA), used for the CSV export's times. */
  timezone: z.string(),
});

export const BacktestResultSchema = z.object({
  /** Hash over every run's dataset hash, in run order. */
  datasetHash: z.string(),
  runs: z.array(RunResultSchema),
});
export type BacktestResult = z.infer<typeof BacktestResultSchema>;
export type RunResult = z.infer<typeof RunResultSchema>;
