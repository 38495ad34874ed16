// Where request.security gets the bars of another symbol or timeframe. Providers are synchronous:
// the caller (CLI: files, service: its store, browser: memory) loads the data before the run starts.
import type { BarColumns } from '../core/bars.js';
import { PineRuntimeError } from '../core/errors.js';
import type { SymbolInfo } from '../core/symbol.js';
import { inSeconds, normalizeTimeframe } from '../stdlib/timeframe.js';

export interface BarRequest {
  /** "PREFIX:TICKER" (or a bare ticker) as the script wrote it. */
  symbol: string;
  /** Pine timeframe string ("60", "D", "1W"...). */
  timeframe: string;
}

export interface ContextData {
  bars: BarColumns;
  syminfo: SymbolInfo;
}

export interface DataProvider {
  /** The bars of exactly this symbol and timeframe, or undefined when the provider has none. */
  getBars(request: BarRequest): ContextData | undefined;
  /**
   * Optional: the timeframes held for a symbol. When `getBars` has no bars for a requested timeframe,
   * the engine aggregates the coarsest listed timeframe that is finer than the request.
   */
  timeframes?(symbol: string): string[];
}

/** Canonical spelling of a symbol for lookups: trimmed, upper case. */
export function symbolKey(symbol: string): string {
  return symbol.trim().toUpperCase();
}

/** The ticker part of "PREFIX:TICKER". */
export function tickerOf(symbol: string): string {
  const s = symbolKey(symbol);
  const colon = s.lastIndexOf(':');
  return colon >= 0 ? s.slice(colon + 1) : s;
}

/** Data held in memory, keyed by symbol and timeframe ("D" and "1D" are the same key). */
export class InMemoryDataProvider implements DataProvider {
  private readonly entries = new Map<string, Map<string, ContextData>>();

  add(symbol: string, timeframe: string, data: ContextData): this {
    const key = symbolKey(symbol);
    let byTf = this.entries.get(key);
    if (!byTf) this.entries.set(key, (byTf = new Map()));
    byTf.set(normalizeTimeframe(timeframe), data);
    return this;
  }

  getBars(request: BarRequest): ContextData | undefined {
    return this.lookup(request.symbol)?.get(normalizeTimeframe(request.timeframe));
  }

  timeframes(symbol: string): string[] {
    return [...(this.lookup(symbol)?.keys() ?? [])].sort((a, b) => inSeconds(a) - inSeconds(b));
  }

  /** Exact "PREFIX:TICKER" first; otherwise the one entry whose ticker matches (prefixes may be omitted on either side). */
  private lookup(symbol: string): Map<string, ContextData> | undefined {
    const exact = this.entries.get(symbolKey(symbol));
    if (exact) return exact;
    const ticker = tickerOf(symbol);
    const wantsPrefix = symbolKey(symbol).includes(':');
    let found: Map<string, ContextData> | undefined;
    for (const [key, value] of this.entries) {
      if (tickerOf(key) !== ticker) continue;
      // "A:X" must not silently resolve to "B:X"; a bare stored ticker may serve any prefix.
      if (wantsPrefix && key.includes(':')) continue;
      if (found) return undefined;
      found = value;
    }
    return found;
  }
}

export function missingDataError(symbol: string, timeframe: string): PineRuntimeError {
  return new PineRuntimeError(`request.security: no data for symbol "${symbol}" on timeframe "${timeframe}"`);
}
