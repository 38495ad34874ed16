// The service's contract with the Pine compiler/runtime/broker (packages/pine) and the market-data
// package (packages/data). Nothing else in packages/server imports those packages: routes, jobs and
// stores talk to these two interfaces only, and `pine-adapter.ts` / `data-adapter.ts` implement them.
//
//   ScriptEngine   — pure computation; safe to call inside a worker thread.
//     validateScript(source)            → Diagnostic[]        (compile only; never throws on bad code)
//     extractInputs(source)             → InputSpec[]         (input.* calls: type, default, min/max/options)
//     runBacktest(request, onProgress, signal) → BacktestRunResult
//   MarketData     — I/O; runs on the executor's main thread (embedded server or `pineback worker`).
//     listSymbols()                     → coverage and gaps per symbol × timeframe
//     loadBars(symbol, timeframe, range) → bars (typed arrays) + symbol info + dataset hash
//     datasetHash(symbol, timeframe, range) → the hash alone (cheap; used to answer repeated submissions)
//     barsPage(...)                     → one page of (resampled) bars for charts
//     importCsv(...), download(...)     → write bars into the store
//
// Either side reports "not built yet" by throwing EngineUnavailableError, which the API turns into
// 501 with the reason, and which a job records as a permanent failure (it is not retried).
import type { BarColumns, SymbolInfo } from '@pineback/pine';

export class EngineUnavailableError extends Error {
  readonly permanent = true;
  constructor(readonly component: 'compiler' | 'data', reason: string) {
    super(reason);
    this.name = 'EngineUnavailableError';
  }
}

/** A script error found at a position: compile errors, or runtime errors of a run. */
export class ScriptError extends Error {
  readonly permanent = true;
  constructor(message: string, readonly diagnostics: Diagnostic[] = []) {
    super(message);
    this.name = 'ScriptError';
  }
}

export interface Diagnostic {
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** 1-based. */
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  code?: string;
}

export type InputType =
  | 'int' | 'float' | 'bool' | 'string' | 'source' | 'symbol' | 'timeframe' | 'session'
  | 'color' | 'time' | 'price' | 'text_area' | 'enum';

export interface InputSpec {
  /** Stable key used in input overrides: the input's title, or `#<n>` for untitled inputs. */
  id: string;
  title: string;
  type: InputType;
  default: unknown;
  min?: number;
  max?: number;
  step?: number;
  options?: unknown[];
  group?: string;
  tooltip?: string;
  inline?: string;
}

export interface DateRange {
  /** Unix ms, inclusive; omitted = from the first stored bar. */
  from?: number;
  /** Unix ms, exclusive; omitted = up to the last stored bar. */
  to?: number;
}

/** Overrides of the script's strategy() settings; omitted fields keep the script's values. */
export interface StrategySettings {
  initialCapital?: number;
  orderSize?: { type: 'fixed' | 'cash' | 'percent_of_equity'; value: number };
  commission?: { type: 'percent' | 'cash_per_contract' | 'cash_per_order'; value: number };
  slippageTicks?: number;
  /** Use lower-timeframe bars for intrabar fills (TradingView's bar magnifier). */
  magnifier?: boolean;
  pyramiding?: number;
  currency?: string;
}

export interface RunLimits {
  maxLoopIterations: number;
}

/** Everything one run needs, already loaded: the engine does no I/O. */
export interface BacktestRunRequest {
  source: string;
  inputs: Record<string, unknown>;
  settings: StrategySettings;
  symbol: string;
  timeframe: string;
  bars: BarColumns;
  symbolInfo: SymbolInfo;
  /** Lower-timeframe bars for the magnifier, when settings.magnifier is on. */
  intrabars?: BarColumns;
  limits: RunLimits;
  /** Only summary/metrics/warnings/currency are needed (optimisation iterations): trades, equity, drawdown and plots come back empty. */
  summaryOnly?: boolean;
}

export interface TradeRecord {
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

/** One row of TradingView's Performance Summary: the value for all, long and short trades. */
export interface MetricRow {
  key: string;
  label: string;
  all: number | null;
  long: number | null;
  short: number | null;
  unit?: 'currency' | 'percent' | 'count' | 'ratio' | 'bars';
}

export interface SeriesPoint {
  time: number;
  value: number | null;
}

export interface BacktestRunResult {
  /** Headline numbers (net profit, trades, win rate, profit factor, max drawdown, ...), keyed by metric key. */
  summary: Record<string, number | null>;
  metrics: MetricRow[];
  trades: TradeRecord[];
  equity: SeriesPoint[];
  drawdown: SeriesPoint[];
  plots: ChartPlot[];
  /** The script's other visual outputs (absent for summary-only runs). */
  hlines?: ChartHLine[];
  fills?: ChartFill[];
  bgcolors?: ChartBgColor[];
  warnings: string[];
  currency: string;
}

/** Colours are 0xRRGGBBAA numbers as in packages/pine; null = na (the chart's default). */
export interface ChartPlot {
  title: string;
  points: SeriesPoint[];
  kind?: 'plot' | 'plotshape' | 'plotchar' | 'plotarrow' | 'plotcandle' | 'plotbar';
  /** plot: line, linebr, stepline, stepline_diamond, steplinebr, histogram, columns, circles, cross, area, areabr; plotshape: the shape. */
  style?: string;
  color?: number | null;
  /** Per point (same order as points) when the script's colour is a series. */
  colors?: (number | null)[];
  linewidth?: number;
  histbase?: number;
  location?: string;
  char?: string;
  text?: string;
}

export interface ChartHLine { title: string; price: number | null; color: number | null; linestyle: string; linewidth: number }

export interface ChartFill {
  title: string;
  /** Indexes into plots / hlines. */
  from: { kind: 'plot' | 'hline'; index: number };
  to: { kind: 'plot' | 'hline'; index: number };
  color: number | null;
  /** Per bar (the plots' point order) when the fill colour is a series. */
  colors?: (number | null)[];
}

/** Only the bars with a colour. */
export interface ChartBgColor { title: string; points: { time: number; color: number }[] }

export interface ScriptEngine {
  /** Identifies the library sources imports resolve to ('' = none): part of a backtest's cache key. */
  readonly librariesKey?: string;
  validateScript(source: string): Promise<Diagnostic[]>;
  extractInputs(source: string): Promise<InputSpec[]>;
  runBacktest(
    request: BacktestRunRequest,
    onProgress: (percent: number) => void,
    signal: AbortSignal,
  ): Promise<BacktestRunResult>;
}

export interface Gap {
  from: number;
  to: number;
}

export interface SymbolCoverage {
  symbol: string;
  timeframe: string;
  first: number;
  last: number;
  bars: number;
  gaps: Gap[];
}

export interface LoadedBars {
  bars: BarColumns;
  symbolInfo: SymbolInfo;
  datasetHash: string;
}

export interface BarsPage {
  bars: BarColumns;
  /** Pass back as `cursor` to get the next page; null at the end of the range. */
  nextCursor: number | null;
}

/** A page read backwards from the end of the range (charts show the latest bars first). */
export interface BarsPageBefore {
  bars: BarColumns;
  /** Pass back as `before` to get the preceding page; null at the start of the range. */
  prevCursor: number | null;
}

export interface CsvImportRequest {
  symbol: string;
  /** Inferred from the bar spacing when omitted. */
  timeframe?: string;
  /** Fields for a symbol the store does not know yet. */
  symbolInfo?: { timezone?: string; currency?: string; type?: string; mintick?: number; pointvalue?: number };
  /** The uploaded file, already on disk. */
  path: string;
}

export interface DownloadRequest {
  exchange: string;
  symbol: string;
  timeframe: string;
  range: DateRange;
}

export interface MarketData {
  listSymbols(): Promise<SymbolCoverage[]>;
  loadBars(symbol: string, timeframe: string, range: DateRange): Promise<LoadedBars>;
  datasetHash(symbol: string, timeframe: string, range: DateRange): Promise<string>;
  /** Lower-timeframe bars for the bar magnifier; null when none are stored. */
  loadMagnifierBars(symbol: string, chartTimeframe: string, range: DateRange): Promise<BarColumns | null>;
  barsPage(symbol: string, timeframe: string, range: DateRange, cursor: number | null, limit: number): Promise<BarsPage>;
  /** The last `limit` bars before `before` (exclusive; null = the end of the range). */
  barsPageBefore(symbol: string, timeframe: string, range: DateRange, before: number | null, limit: number): Promise<BarsPageBefore>;
  importCsv(req: CsvImportRequest): Promise<{ bars: number }>;
  download(req: DownloadRequest, onProgress: (percent: number) => void, signal: AbortSignal): Promise<{ bars: number }>;
  close(): Promise<void>;
}

/** Thrown by MarketData for a symbol/timeframe it has no bars for; the API answers 404. */
export class UnknownSymbolError extends Error {
  readonly permanent = true;
  constructor(readonly symbol: string, readonly timeframe: string, message?: string) {
    super(message ?? `no bars stored for ${symbol} on timeframe ${timeframe}`);
    this.name = 'UnknownSymbolError';
  }
}
