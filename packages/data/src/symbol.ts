// Symbols as the stores keep them: "EXCHANGE:TICKER" plus the syminfo fields a backtest needs.
import type { SymbolInfo } from '@pineback/pine';

export interface SymbolRecord {
  exchange: string;
  ticker: string;
  type: string;
  currency: string;
  mintick: number;
  pointvalue: number;
  /** IANA time zone of the exchange. */
  timezone: string;
  /** Pine session string, e.g. "24x7", "0930-1600:23456", "1700-1700:23456". */
  session: string;
  description: string;
}

export interface SymbolId {
  exchange: string;
  ticker: string;
}

/** Parses "EXCHANGE:TICKER" (exchange upper-cased; the ticker keeps its spelling, e.g. "BTC/USDT"). */
export function parseSymbolId(id: string): SymbolId {
  const i = id.indexOf(':');
  if (i <= 0 || i === id.length - 1) throw new Error(`symbol must be EXCHANGE:TICKER, got "${id}"`);
  return { exchange: id.slice(0, i).trim().toUpperCase(), ticker: id.slice(i + 1).trim() };
}

export function formatSymbolId(s: SymbolId): string {
  return `${s.exchange}:${s.ticker}`;
}

/** A record with neutral defaults (24/7 UTC market, 0.01 tick), overridden by `fields`. */
export function symbolRecord(id: string | SymbolId, fields: Partial<SymbolRecord> = {}): SymbolRecord {
  const s = typeof id === 'string' ? parseSymbolId(id) : id;
  return {
    exchange: s.exchange,
    ticker: s.ticker,
    type: 'crypto',
    currency: 'USD',
    mintick: 0.01,
    pointvalue: 1,
    timezone: 'Etc/UTC',
    session: '24x7',
    description: '',
    ...fields,
  };
}

/** The runtime's SymbolInfo for a stored symbol (session intervals are left to the runtime's parser). */
export function toSymbolInfo(r: SymbolRecord, timeframe: string): SymbolInfo {
  const pricescale = Math.round(1 / r.mintick);
  // Built field by field: packages/data may only import types from packages/pine.
  return {
    prefix: r.exchange,
    ticker: r.ticker,
    description: r.description,
    currency: r.currency,
    basecurrency: '',
    period: timeframe,
    type: r.type,
    mintick: r.mintick,
    pricescale: Number.isFinite(pricescale) && pricescale > 0 ? pricescale : 100,
    minmove: 1,
    pointvalue: r.pointvalue,
    timezone: r.timezone,
    volumetype: 'base',
    openingHours: [],
    sessionStarts: [],
    sessionEnds: [],
  };
}
