// Importing a CSV (optionally .gz) or Parquet file into a store: parse → sort/dedupe → write in
// disjoint time-ordered batches → record the covered range. Re-importing the same file replaces the
// same bars, so imports are idempotent.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { BarColumns } from '@pineback/pine';
import { sliceBars, sortedUnique } from './columns.js';
import { parseOhlcvCsv } from './csv/parse-csv.js';
import { readParquetBars } from './parquet.js';
import type { BarStore } from './store/types.js';
import { formatSymbolId, parseSymbolId, symbolRecord, type SymbolRecord } from './symbol.js';
import { inferTimeframe, normalizeTimeframe, timeframeMs } from './timeframe.js';

export interface ImportProgress {
  phase: 'parse' | 'store';
  /** 0…1 within the phase. */
  fraction: number;
}

export interface ImportOptions {
  /** "EXCHANGE:TICKER". Created with defaults (or `symbolInfo`) when the store does not know it. */
  symbol: string;
  /** Pine timeframe; inferred from the bar spacing when omitted. */
  timeframe?: string;
  /** Zone of timestamps without an offset (default: the symbol's zone, else UTC). */
  timezone?: string;
  /** Syminfo fields for a new symbol (ignored when the symbol exists). */
  symbolInfo?: Partial<SymbolRecord>;
  onProgress?: (p: ImportProgress) => void;
}

export interface ImportResult {
  symbol: string;
  timeframe: string;
  /** Data rows in the file. */
  rows: number;
  /** Distinct bars written. */
  bars: number;
  first: number;
  last: number;
}

const WRITE_BATCH = 250_000;

/** Reads an OHLCV file into bars (not yet stored). */
export async function readBarsFile(path: string, timezone?: string, onParse?: (f: number) => void): Promise<{ bars: BarColumns; rows: number }> {
  const lower = path.toLowerCase();
  if (lower.endsWith('.parquet') || lower.endsWith('.pq')) {
    const bars = await readParquetBars(path, timezone);
    onParse?.(1);
    return { bars, rows: bars.length };
  }
  const raw = readFileSync(path);
  const text = (lower.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  const parsed = parseOhlcvCsv(text, { fileName: basename(path), timezone, onProgress: onParse });
  return { bars: parsed.bars, rows: parsed.rows };
}

export async function importFile(store: BarStore, path: string, options: ImportOptions): Promise<ImportResult> {
  const symbol = formatSymbolId(parseSymbolId(options.symbol));
  let known = await store.getSymbol(symbol);
  if (!known) {
    known = symbolRecord(symbol, { ...options.symbolInfo, ...(options.timezone ? { timezone: options.timezone } : {}) });
    await store.upsertSymbol(known);
  }
  const timezone = options.timezone ?? known.timezone;
  const report = options.onProgress;
  const { bars: parsed, rows } = await readBarsFile(path, timezone, (fraction) => report?.({ phase: 'parse', fraction }));
  return storeBars(store, symbol, parsed, rows, options.timeframe, report);
}

/** Writes parsed bars (any order, duplicates allowed: the last row for a time wins) and records the range. */
export async function storeBars(
  store: BarStore,
  symbol: string,
  parsed: BarColumns,
  rows: number,
  timeframe: string | undefined,
  report?: (p: ImportProgress) => void,
): Promise<ImportResult> {
  const bars = sortedUnique(parsed);
  if (bars.length === 0) throw new Error('no bars to import');
  const tf = timeframe ? normalizeTimeframe(timeframe) : inferTimeframe(bars.time);
  for (let start = 0; start < bars.length; start += WRITE_BATCH) {
    const end = Math.min(bars.length, start + WRITE_BATCH);
    await store.writeBars(symbol, tf, sliceBars(bars, start, end));
    report?.({ phase: 'store', fraction: end / bars.length });
  }
  const first = bars.time[0]!;
  const last = bars.time[bars.length - 1]!;
  await store.addRange(symbol, tf, { from: first, to: last + timeframeMs(tf) });
  return { symbol, timeframe: tf, rows, bars: bars.length, first, last };
}
