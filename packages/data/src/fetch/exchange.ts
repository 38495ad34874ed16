// ccxt exchanges as OHLCV sources: construction by name, optional API host override (used by tests
// to point Binance at a local server), Pine ↔ ccxt timeframe names and market lookup.
import ccxt, { type Exchange } from 'ccxt';
import { parseTimeframe } from '../timeframe.js';

export interface ExchangeOptions {
  /** Replaces the scheme://host[:port] of every REST API URL of the exchange (keeps the paths). */
  apiBaseUrl?: string;
  /** Request timeout in ms (ccxt default 10 s). */
  timeoutMs?: number;
  /** Minimum ms between requests (ccxt's rate limiter); default: the exchange's own. */
  rateLimitMs?: number;
}

function rewriteUrls(node: unknown, origin: string): unknown {
  if (typeof node === 'string') return node.replace(/^[a-z]+:\/\/[^/]+/i, origin);
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = Array.isArray(node) ? ([] as unknown as Record<string, unknown>) : {};
    for (const [k, v] of Object.entries(node)) out[k] = rewriteUrls(v, origin);
    return out;
  }
  return node;
}

export function createExchange(name: string, options: ExchangeOptions = {}): Exchange {
  const id = name.toLowerCase();
  const ctor = (ccxt as unknown as Record<string, unknown>)[id];
  if (typeof ctor !== 'function' || !(ccxt.exchanges as string[]).includes(id)) {
    throw new Error(`unknown exchange "${name}" (any ccxt exchange id, e.g. binance, kraken, coinbase)`);
  }
  const config: Record<string, unknown> = { enableRateLimit: true };
  if (options.timeoutMs !== undefined) config.timeout = options.timeoutMs;
  if (options.rateLimitMs !== undefined) config.rateLimit = options.rateLimitMs;
  // Spot markets only: OHLCV download needs one market list, and futures hosts may be unreachable.
  if (id === 'binance') config.options = { fetchMarkets: { types: ['spot'] }, fetchCurrencies: false };
  const exchange = new (ctor as new (c: Record<string, unknown>) => Exchange)(config);
  if (options.apiBaseUrl) {
    const origin = new URL(options.apiBaseUrl).origin;
    const urls = exchange.urls as Record<string, unknown>;
    urls.api = rewriteUrls(urls.api, origin);
  }
  return exchange;
}

/** Pine timeframe → ccxt timeframe name ("60" → "1h", "D" → "1d", "W" → "1w", "M" → "1M"). */
export function ccxtTimeframe(pineTimeframe: string): string {
  const tf = parseTimeframe(pineTimeframe);
  switch (tf.unit) {
    case 'second':
      return `${tf.multiple}s`;
    case 'minute':
      return tf.multiple % 60 === 0 ? `${tf.multiple / 60}h` : `${tf.multiple}m`;
    case 'day':
      return `${tf.multiple}d`;
    case 'week':
      return `${tf.multiple}w`;
    case 'month':
      return `${tf.multiple}M`;
  }
}

/**
 * Finds the market for a ticker written either the TradingView way ("BTCUSDT") or the ccxt way
 * ("BTC/USDT"). Returns the ccxt symbol.
 */
export function resolveMarket(exchange: Exchange, ticker: string): string {
  const markets = exchange.markets ?? {};
  if (markets[ticker]) return ticker;
  const compact = ticker.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
  for (const m of Object.values(markets)) {
    if (!m) continue;
    if (m.id?.toUpperCase() === compact) return m.symbol;
    if (m.symbol.replace(/[^A-Za-z0-9]/g, '').toUpperCase() === compact && m.spot) return m.symbol;
  }
  throw new Error(`market "${ticker}" not found on ${exchange.id}`);
}

/** Network trouble, rate limiting (429 → DDoSProtection/RateLimitExceeded), timeouts and server-side
 * failures are transient; bad symbols, bad arguments and authentication errors are not. */
export function isRetryableExchangeError(err: unknown): boolean {
  return err instanceof ccxt.OperationFailed;
}
