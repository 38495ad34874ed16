// Market-data endpoints: coverage, chart bars, CSV import, exchange downloads.
import { z } from 'zod';
import { DateRangeSchema, SymbolName, Timeframe, TimeValue } from './common.js';

export const CoverageView = z.object({
  symbol: z.string(),
  timeframe: z.string(),
  first: z.number(),
  last: z.number(),
  bars: z.number(),
  gaps: z.array(z.object({ from: z.number(), to: z.number() })),
});
export const SymbolsResponse = z.object({ items: z.array(CoverageView) });

export const BarsQuery = z.object({
  symbol: SymbolName,
  timeframe: Timeframe,
  from: TimeValue.optional(),
  to: TimeValue.optional(),
  /** Continue after this bar time (the previous page's nextCursor). */
  cursor: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(50_000).default(5_000),
  /** backward: pages run from the end of the range towards its start (charts draw the latest bars first). */
  direction: z.enum(['forward', 'backward']).default('forward'),
  /** Backward paging: bars strictly before this time (the previous page's prevCursor). */
  before: z.coerce.number().int().min(0).optional(),
});

/** Column layout keeps 1,000,000-bar charts small on the wire: one array per field. */
export const BarsResponse = z.object({
  symbol: z.string(),
  timeframe: z.string(),
  time: z.array(z.number()),
  open: z.array(z.number()),
  high: z.array(z.number()),
  low: z.array(z.number()),
  close: z.array(z.number()),
  volume: z.array(z.number().nullable()),
  nextCursor: z.number().nullable(),
  /** Backward paging only: pass back as `before` for the preceding page; null at the start of the range. */
  prevCursor: z.number().nullable().optional(),
});

export const ImportQuery = z.object({
  /** EXCHANGE:TICKER */
  symbol: SymbolName,
  /** Inferred from the bar spacing when omitted. */
  timeframe: Timeframe.optional(),
  /** Symbol fields used when the symbol is new (ignored for a known symbol). */
  timezone: z.string().max(64).optional(),
  currency: z.string().max(10).optional(),
  type: z.string().max(20).optional(),
  mintick: z.coerce.number().positive().optional(),
  pointvalue: z.coerce.number().positive().optional(),
});

export const DownloadRequestSchema = z.object({
  exchange: z.string().regex(/^[a-z0-9_]{2,40}$/, 'ccxt exchange id, e.g. "binance"'),
  symbol: z.string().regex(/^[A-Za-z0-9_.:/-]{1,64}$/),
  timeframe: Timeframe,
  range: DateRangeSchema.default({}),
});

export const JobAccepted = z.object({ id: z.string(), status: z.enum(['queued', 'running', 'done', 'failed', 'cancelled']) });
