// The one storage contract both back ends (embedded DuckDB, shared PostgreSQL) implement. All times
// are Unix ms UTC bar-open times; timeframes are canonical Pine strings (see timeframe.ts).
import type { BarColumns } from '@pineback/pine';
import type { TimeRange } from '../ranges.js';
import type { SymbolRecord } from '../symbol.js';

export interface SeriesSummary {
  symbol: string;
  timeframe: string;
  bars: number;
  first: number;
  last: number;
}

export interface DatasetRecord {
  hash: string;
  symbol: string;
  timeframe: string;
  from: number;
  to: number;
  bars: number;
  createdAt: number;
}

export interface ReadOptions {
  /** Inclusive lower bound on bar open time. */
  from?: number;
  /** Exclusive upper bound on bar open time. */
  to?: number;
}

export interface BarStore {
  readonly kind: 'duckdb' | 'postgres';
  /** Creates or updates a symbol; returns its internal id. */
  upsertSymbol(symbol: SymbolRecord): Promise<number>;
  getSymbol(id: string): Promise<SymbolRecord | null>;
  listSymbols(): Promise<SymbolRecord[]>;
  /**
   * Inserts bars, replacing any stored bar with the same (symbol, timeframe, time): writing the same
   * bars twice never duplicates. The symbol must exist. Returns the number of bars written.
   */
  writeBars(symbol: string, timeframe: string, bars: BarColumns): Promise<number>;
  /** Bars ascending by time, as typed-array columns. */
  readBars(symbol: string, timeframe: string, options?: ReadOptions): Promise<BarColumns>;
  countBars(symbol: string, timeframe: string): Promise<number>;
  /** Records that [from, to) has been loaded (merged with what is already recorded). */
  addRange(symbol: string, timeframe: string, range: TimeRange): Promise<void>;
  /** Recorded coverage, merged and ascending. */
  getRanges(symbol: string, timeframe: string): Promise<TimeRange[]>;
  listSeries(): Promise<SeriesSummary[]>;
  /** Hashes `bars` (see hash.ts), records the dataset and returns its record. */
  recordDataset(symbol: string, timeframe: string, bars: BarColumns): Promise<DatasetRecord>;
  getDataset(hash: string): Promise<DatasetRecord | null>;
  /** Schema version after migrations. */
  schemaVersion(): Promise<number>;
  close(): Promise<void>;
}
