// Wire types of the PineBack HTTP API, mirrored by hand from packages/server/src/schemas/*.ts (zod).
// Keep field names identical to the server; client.ts is the only module that performs requests.

export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
export type MetricUnit = 'currency' | 'percent' | 'count' | 'ratio' | 'bars';

export interface ApiDiagnostic {
  severity: 'error' | 'warning' | 'info';
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  code?: string;
}

export interface InputSpec {
  id: string;
  title: string;
  type: 'int' | 'float' | 'bool' | 'string' | 'source' | 'symbol' | 'timeframe' | 'session' | 'color' | 'time' | 'price' | 'text_area' | 'enum';
  default: unknown;
  min?: number;
  max?: number;
  step?: number;
  options?: unknown[];
  group?: string;
  tooltip?: string;
  inline?: string;
}

export interface SeriesPoint { time: number; value: number | null }

export interface Trade {
  id: number;
  direction: 'long' | 'short';
  entryTime: number;
  entryPrice: number;
  entrySignal: string;
  exitTime: number | null;
  exitPrice: number | null;
  exitSignal: string | null;
  qty: number;
  profit: number;
  profitPercent: number;
  runUp: number;
  runUpPercent: number;
  drawdown: number;
  drawdownPercent: number;
  cumulativeProfit: number;
  cumulativeProfitPercent: number;
}

export interface MetricRow {
  key: string;
  label: string;
  all: number | null;
  long: number | null;
  short: number | null;
  unit?: MetricUnit;
}

/** Colours are 0xRRGGBBAA numbers (Pine's runtime encoding); null = na / the chart's default. */
export type PineColor = number | null;

export interface ChartPlot {
  title: string;
  points: SeriesPoint[];
  kind?: 'plot' | 'plotshape' | 'plotchar' | 'plotarrow' | 'plotcandle' | 'plotbar';
  /** plot: line, linebr, stepline, stepline_diamond, steplinebr, histogram, columns, circles, cross, area, areabr; plotshape: the shape. */
  style?: string;
  color?: PineColor;
  /** Per point when the colour is a series. */
  colors?: PineColor[];
  linewidth?: number;
  histbase?: number;
  location?: string;
  char?: string;
  text?: string;
}

export interface ChartHLine { title: string; price: number | null; color: PineColor; linestyle: string; linewidth: number }

export interface ChartFill {
  title: string;
  /** Indexes into plots / hlines. */
  from: { kind: 'plot' | 'hline'; index: number };
  to: { kind: 'plot' | 'hline'; index: number };
  color: PineColor;
  /** Per bar (the plots' point order) when the colour is a series. */
  colors?: PineColor[];
}

export interface ChartBgColor { title: string; points: { time: number; color: number }[] }

export interface RunResult {
  symbol: string;
  timeframe: string;
  datasetHash: string;
  summary: Record<string, number | null>;
  metrics: MetricRow[];
  trades: Trade[];
  equity: SeriesPoint[];
  drawdown: SeriesPoint[];
  plots: ChartPlot[];
  hlines?: ChartHLine[];
  fills?: ChartFill[];
  bgcolors?: ChartBgColor[];
  warnings: string[];
  currency: string;
  timezone: string;
}

export interface BacktestResult { datasetHash: string; runs: RunResult[] }

export interface Settings {
  initialCapital?: number;
  orderSize?: { type: 'fixed' | 'cash' | 'percent_of_equity'; value: number };
  commission?: { type: 'percent' | 'cash_per_contract' | 'cash_per_order'; value: number };
  slippageTicks?: number;
  magnifier?: boolean;
  pyramiding?: number;
  currency?: string;
}

export type InputValues = Record<string, number | string | boolean>;

export interface BacktestRequest {
  script?: string;
  strategyId?: string;
  strategyVersion?: number;
  symbols: string[];
  timeframes: string[];
  range?: { from?: number | string; to?: number | string };
  settings?: Settings;
  inputs?: InputValues;
  label?: string;
}

export interface BacktestView {
  id: string;
  status: JobStatus;
  progress: number;
  message: string | null;
  error: string | null;
  attempts: number;
  label: string | null;
  strategyId: string | null;
  strategyVersion: number | null;
  scriptHash: string;
  datasetHash: string | null;
  createdAt: number;
  finishedAt: number | null;
  request: unknown;
  result?: BacktestResult | null;
}

export interface SubmitResponse { id: string; status: JobStatus; cached: boolean }
export interface Page<T> { items: T[]; total: number }

export interface CompareResponse {
  runs: { id: string; run: number; label: string | null; symbol: string; timeframe: string; status: JobStatus }[];
  metrics: { key: string; label: string; values: (number | null)[] }[];
}

export interface ValidateResponse { ok: boolean; diagnostics: ApiDiagnostic[]; inputs: InputSpec[] }

export interface StrategySummary { id: string; name: string; latestVersion: number; createdAt: number; updatedAt: number }

export interface StrategyVersion {
  strategyId: string;
  name: string;
  version: number;
  source: string;
  inputs: InputSpec[] | null;
  diagnostics: ApiDiagnostic[] | null;
  createdAt: number;
}

export interface StrategyDetail extends StrategySummary { latest: StrategyVersion; versions: { version: number; createdAt: number }[] }

export interface Coverage { symbol: string; timeframe: string; first: number; last: number; bars: number; gaps: { from: number; to: number }[] }

export interface BarsPage {
  symbol: string;
  timeframe: string;
  time: number[];
  open: number[];
  high: number[];
  low: number[];
  close: number[];
  volume: (number | null)[];
  nextCursor: number | null;
  /** direction=backward: pass back as `before` for the preceding page; null at the start. */
  prevCursor?: number | null;
}

export interface JobAccepted { id: string; status: JobStatus }

export interface JobEvent { id: string; status: JobStatus; progress: number; message: string | null; error: string | null }

export interface JobView extends JobEvent { kind: string; result: unknown; createdAt: number; startedAt: number | null; finishedAt: number | null }

export type ParamRange = { min: number; max: number; step: number } | { values: (number | string | boolean)[] };

export interface OptimizationRequest {
  script?: string;
  strategyId?: string;
  symbol: string;
  timeframe: string;
  range?: { from?: number | string; to?: number | string };
  settings?: Settings;
  inputs?: InputValues;
  params: Record<string, ParamRange>;
  method?: 'grid' | 'random';
  maxIterations?: number;
  objective: { metric: string; direction?: 'max' | 'min' };
}

export interface Iteration {
  idx: number;
  window: number;
  phase: 'full' | 'in_sample' | 'out_of_sample';
  inputs: Record<string, unknown>;
  metrics: Record<string, number | null> | null;
  score: number | null;
  passed: boolean;
  error: string | null;
}

export interface OptimizationView {
  id: string;
  status: JobStatus;
  progress: number;
  error: string | null;
  createdAt: number;
  request: unknown;
  top: Iteration[];
}

export interface DownloadRequest { exchange: string; symbol: string; timeframe: string; range?: { from?: number | string; to?: number | string } }

export interface Health {
  ok: boolean;
  mode: 'embedded' | 'distributed';
  database: 'duckdb' | 'postgres';
  engine: { compiler: { available: boolean; reason: string | null }; data: { available: boolean; reason: string | null } };
}
