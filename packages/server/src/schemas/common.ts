// Schemas shared by every resource: ids, paging, time values, and the error body.
import { z } from 'zod';

export const IdParams = z.object({ id: z.string().min(1).max(100) });

export const Paging = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

/** Unix milliseconds, or an ISO-8601 date/time string. */
export const TimeValue = z.union([
  z.number().int().min(0).max(8.64e15),
  z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)), 'not an ISO-8601 date/time'),
]);
export type TimeValue = z.infer<typeof TimeValue>;

export function toMs(t: TimeValue | undefined): number | undefined {
  if (t === undefined) return undefined;
  return typeof t === 'number' ? t : Date.parse(t);
}

export const DateRangeSchema = z
  .object({ from: TimeValue.optional(), to: TimeValue.optional() })
  .refine((r) => r.from === undefined || r.to === undefined || toMs(r.from)! < toMs(r.to)!, 'range.from must be before range.to');

/** Exchange-prefixed or plain tickers: BINANCE:BTCUSDT, EURUSD, NYMEX_MINI:QM1!. */
export const SymbolName = z.string().regex(/^[A-Za-z0-9_.:/!^-]{1,64}$/, 'symbol: letters, digits and _ . : / ! ^ - only (max 64)');
/** Pine timeframe notation: "1", "15", "60", "240", "1D", "D", "W", "M", "30S". */
export const Timeframe = z.string().regex(/^(?:\d{1,5}[SDWM]?|[DWM])$/, 'timeframe in Pine notation, e.g. "15", "60", "D", "1W"');

export const ErrorBody = z.object({
  statusCode: z.number(),
  error: z.string(),
  message: z.string(),
  code: z.string().optional(),
  /** Validation issues (path + message) or script diagnostics. */
  details: z.array(z.record(z.string(), z.unknown())).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  404: ErrorBody,
  413: ErrorBody,
  429: ErrorBody,
  500: ErrorBody,
  501: ErrorBody,
} as const;

export const JobStatusSchema = z.enum(['queued', 'running', 'done', 'failed', 'cancelled']);

export const JobView = z.object({
  id: z.string(),
  kind: z.string(),
  status: JobStatusSchema,
  progress: z.number(),
  message: z.string().nullable(),
  attempts: z.number(),
  maxAttempts: z.number(),
  error: z.string().nullable(),
  result: z.unknown(),
  createdAt: z.number(),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
});
