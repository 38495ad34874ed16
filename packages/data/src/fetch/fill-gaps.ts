// Downloading only what is missing: the requested [from, to) minus the recorded coverage gives the
// gaps; each gap is paged through the exchange from its start, every page is stored and its span
// recorded before the next request, so a failure part-way leaves everything fetched so far intact
// and a re-run resumes where it stopped.
import type { Exchange, OHLCV } from 'ccxt';
import { BarColumnsBuilder } from '../columns.js';
import { subtractRanges, type TimeRange } from '../ranges.js';
import type { BarStore } from '../store/types.js';
import { formatSymbolId, parseSymbolId, symbolRecord } from '../symbol.js';
import { isIntraday, normalizeTimeframe, parseTimeframe, timeframeMs } from '../timeframe.js';
import { ccxtTimeframe, isRetryableExchangeError, resolveMarket } from './exchange.js';
import { withRetry, type RetryOptions } from './retry.js';

export interface FetchProgress {
  gap: TimeRange;
  /** Time up to which the current gap is filled. */
  cursor: number;
  barsStored: number;
  requests: number;
}

export interface FillGapsOptions {
  /** "EXCHANGE:TICKER" as stored, e.g. "BINANCE:BTCUSDT". */
  symbol: string;
  timeframe: string;
  from: number;
  to: number;
  /** Bars per request (Binance allows up to 1000). */
  pageLimit?: number;
  /** Clock used to drop the still-forming bar; injectable for tests. */
  now?: () => number;
  retry?: Partial<RetryOptions>;
  onProgress?: (p: FetchProgress) => void;
}

export interface FillGapsResult {
  symbol: string;
  timeframe: string;
  /** The gaps found before fetching. */
  gaps: TimeRange[];
  barsStored: number;
  requests: number;
}

/** Gaps of [from, to) against what the store records as loaded. */
export async function findGaps(store: BarStore, symbol: string, timeframe: string, range: TimeRange): Promise<TimeRange[]> {
  return subtractRanges(range, await store.getRanges(symbol, timeframe));
}

export async function fillGaps(store: BarStore, exchange: Exchange, options: FillGapsOptions): Promise<FillGapsResult> {
  const symbol = formatSymbolId(parseSymbolId(options.symbol));
  const tf = normalizeTimeframe(options.timeframe);
  const tfInfo = parseTimeframe(tf);
  const barMs = timeframeMs(tfInfo);
  const now = (options.now ?? Date.now)();
  // Bars that have not closed yet are never stored, and coverage never extends past them.
  const to = Math.min(options.to, isIntraday(tfInfo) || tfInfo.unit === 'day' ? Math.floor(now / barMs) * barMs : now);
  const gaps = to > options.from ? await findGaps(store, symbol, tf, { from: options.from, to }) : [];
  const result: FillGapsResult = { symbol, timeframe: tf, gaps, barsStored: 0, requests: 0 };
  if (gaps.length === 0) return result;

  const retryOptions: RetryOptions = { isRetryable: isRetryableExchangeError, ...options.retry };
  await withRetry(() => exchange.loadMarkets(), retryOptions);
  const market = resolveMarket(exchange, parseSymbolId(symbol).ticker);
  if (!(await store.getSymbol(symbol))) {
    const m = exchange.market(market);
    const tick = m.precision?.price;
    await store.upsertSymbol(
      symbolRecord(symbol, {
        type: m.spot ? 'crypto' : 'futures',
        currency: m.quote ?? 'USD',
        mintick: typeof tick === 'number' && tick > 0 && tick < 1 ? tick : 0.01,
        description: `${m.base ?? ''}/${m.quote ?? ''} on ${exchange.name ?? exchange.id}`,
      }),
    );
  }
  const ccxtTf = ccxtTimeframe(tf);
  const limit = options.pageLimit ?? 1000;

  for (const gap of gaps) {
    let cursor = gap.from;
    while (cursor < gap.to) {
      const since = cursor;
      const page: OHLCV[] = await withRetry(() => {
        result.requests++;
        return exchange.fetchOHLCV(market, ccxtTf, since, limit, { endTime: gap.to - 1 });
      }, retryOptions);
      const bars = new BarColumnsBuilder(page.length);
      for (const row of page) {
        const t = Number(row[0]);
        if (t < since || t >= gap.to || t + barMs > now) continue;
        if (bars.length > 0 && t <= bars.time[bars.length - 1]!) continue;
        bars.push(t, Number(row[1]), Number(row[2]), Number(row[3]), Number(row[4]), row[5] == null ? NaN : Number(row[5]));
      }
      if (bars.length === 0) {
        // Nothing from `since` on inside the gap: the exchange has no bars there (before listing,
        // a halt, or the gap ends in the present). The span is known-empty, so record it.
        await store.addRange(symbol, tf, { from: since, to: gap.to });
        cursor = gap.to;
      } else {
        const built = bars.build();
        await store.writeBars(symbol, tf, built);
        // A short page is not the end: exchanges truncate pages, so continue after the last bar.
        cursor = built.time[built.length - 1]! + barMs;
        await store.addRange(symbol, tf, { from: since, to: Math.min(cursor, gap.to) });
        result.barsStored += built.length;
      }
      options.onProgress?.({ gap, cursor, barsStored: result.barsStored, requests: result.requests });
    }
  }
  return result;
}
