// The object a compiled script and the built-ins share while a run executes. The runtime owns
// and mutates it; library code reads it. Keep fields flat and monomorphic: it is read on hot paths.
import type { BarColumns } from './bars.js';
import type { SymbolInfo } from './symbol.js';

/** Values of the bar being executed (the chart bar, or the requested context's bar in request.security). */
export interface BarView {
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  /** Bar open time, Unix ms. */
  time: number;
  /** Bar close time (next bar's open), Unix ms; NaN when unknown. */
  timeClose: number;
  /** True on the first bar of a new trading day (session-aware), for daily-anchored built-ins like ta.vwap. */
  newDay: boolean;
}

export type LogLevel = 'info' | 'warning' | 'error';

export interface RuntimeContext {
  /** Index of the bar being executed; also the stamp stateful built-ins use to detect re-execution. */
  bar: number;
  bars: BarColumns;
  current: BarView;
  syminfo: SymbolInfo;
  /** Timeframe of the bars being executed in Pine notation ("1", "60", "D", "W", "M"...): the chart's, or
   *  the requested context's inside request.security. */
  timeframe: string;
  /** The chart's timeframe while running in a request.security context (timeframe.main_period). */
  chartTimeframe?: string;
  /** Receives log.* output. */
  log(level: LogLevel, message: string): void;
  // --- Extension points owned by other modules (each adds optional fields in its own block). ---
  /** The strategy broker when the script is a strategy (broker/). */
  broker?: unknown;
  /** Random generator state for math.random (stdlib/). */
  random?: unknown;
}
