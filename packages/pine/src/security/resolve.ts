// Finding the bars of a requested (symbol, timeframe) context: the host's own bars when the request
// names the host, the provider's bars when it has that timeframe, otherwise bars aggregated from the
// coarsest finer timeframe available (the host's bars for its own symbol, or the provider's).
import type { BarColumns } from '../core/bars.js';
import type { SymbolInfo } from '../core/symbol.js';
import { inSeconds, normalizeTimeframe, parseTimeframe } from '../stdlib/timeframe.js';
import { aggregateBars, type HigherBars } from './aggregate.js';
import { missingDataError, symbolKey, tickerOf, type DataProvider } from './provider.js';
import { barCloseTimes, intradayMs, isIntradayTf } from './schedule.js';

/** A series of bars the script runs on (the chart, or a requested context). */
export interface SeriesSource {
  readonly bars: BarColumns;
  readonly syminfo: SymbolInfo;
  /** Normalized Pine timeframe ("60", "1D", "1W"). */
  readonly timeframe: string;
  /** Scheduled close of each bar (UTC ms). */
  readonly closeTime: Float64Array;
}

export interface SecurityContext extends SeriesSource {
  /** Cache key: "SYMBOL|TIMEFRAME". */
  readonly key: string;
  /** The symbol as resolved ("PREFIX:TICKER" of the data). */
  readonly symbol: string;
  readonly origin: 'host' | 'chart' | 'provider' | 'aggregated';
  /** How the bars were built when `origin` is "aggregated". */
  readonly aggregation?: HigherBars;
  /** Timeframe of the bars that were aggregated. */
  readonly baseTimeframe?: string;
}

export function tickerIdOf(syminfo: SymbolInfo): string {
  return syminfo.prefix ? `${syminfo.prefix}:${syminfo.ticker}` : syminfo.ticker;
}

/** Whether `symbol` names the series described by `syminfo` ("" = inherit). */
export function namesSymbol(symbol: string, syminfo: SymbolInfo): boolean {
  const s = symbolKey(symbol);
  if (s === '') return true;
  if (s === symbolKey(tickerIdOf(syminfo))) return true;
  return !s.includes(':') && s === tickerOf(syminfo.ticker);
}

/** Whether bars on `base` can be grouped exactly into `target` periods. */
export function canAggregate(base: string, target: string): boolean {
  const b = parseTimeframe(base);
  const t = parseTimeframe(target);
  if (b.unit === 'T' || !(inSeconds(target) > inSeconds(base))) return false;
  if (isIntradayTf(t)) return isIntradayTf(b) && intradayMs(t) % intradayMs(b) === 0 && intradayMs(t) > intradayMs(b);
  if (isIntradayTf(b)) return true;
  if (b.unit === 'D') return b.mult === 1 || (t.unit === 'D' && t.mult % b.mult === 0 && t.mult > b.mult);
  if (b.unit === 'W') return t.unit === 'W' && t.mult % b.mult === 0 && t.mult > b.mult;
  return t.unit === 'M' && t.mult % b.mult === 0 && t.mult > b.mult;
}

function withPeriod(syminfo: SymbolInfo, timeframe: string): SymbolInfo {
  return syminfo.period === timeframe ? syminfo : { ...syminfo, period: timeframe };
}

export function contextKey(symbol: string, timeframe: string): string {
  return `${symbolKey(symbol)}|${timeframe}`;
}

/**
 * Resolves a request. `local` are series already in memory, host first (then the chart, for nested
 * hosts); a request naming one of them on its own timeframe is that series. Throws PineRuntimeError
 * when no data can serve the request.
 */
export function resolveContext(local: readonly SeriesSource[], provider: DataProvider | undefined, symbol: string, timeframe: string): SecurityContext {
  const host = local[0]!;
  const tf = timeframe.trim() === '' ? host.timeframe : normalizeTimeframe(timeframe);
  const own = local.filter((s) => namesSymbol(symbol, s.syminfo));
  const requested = own.length > 0 ? tickerIdOf(own[0]!.syminfo) : symbol.trim();
  const key = contextKey(requested, tf);
  for (const s of own) {
    if (s.timeframe === tf) return { ...s, key, symbol: requested, origin: s === host ? 'host' : 'chart' };
  }
  const direct = provider?.getBars({ symbol: requested, timeframe: tf });
  if (direct) {
    const syminfo = withPeriod(direct.syminfo, tf);
    return { key, symbol: requested, timeframe: tf, bars: direct.bars, syminfo, closeTime: barCloseTimes(direct.bars, syminfo, tf), origin: 'provider' };
  }
  // Aggregate from the coarsest finer timeframe on offer.
  let base: SeriesSource | undefined;
  const consider = (s: SeriesSource): void => {
    if (canAggregate(s.timeframe, tf) && (!base || inSeconds(s.timeframe) > inSeconds(base.timeframe))) base = s;
  };
  own.forEach(consider);
  for (const candidate of provider?.timeframes?.(requested) ?? []) {
    const ctf = normalizeTimeframe(candidate);
    if (!canAggregate(ctf, tf) || (base && inSeconds(ctf) <= inSeconds(base.timeframe))) continue;
    const data = provider!.getBars({ symbol: requested, timeframe: ctf });
    if (!data) continue;
    const syminfo = withPeriod(data.syminfo, ctf);
    consider({ bars: data.bars, syminfo, timeframe: ctf, closeTime: barCloseTimes(data.bars, syminfo, ctf) });
  }
  const from = base as SeriesSource | undefined;
  if (!from) throw missingDataError(requested, tf);
  const aggregation = aggregateBars(from.bars, from.closeTime, from.syminfo, tf);
  return {
    key,
    symbol: requested,
    timeframe: tf,
    bars: aggregation.bars,
    syminfo: withPeriod(from.syminfo, tf),
    closeTime: aggregation.closeTime,
    origin: 'aggregated',
    aggregation,
    baseTimeframe: from.timeframe,
  };
}
