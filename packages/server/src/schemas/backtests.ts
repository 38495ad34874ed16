// Backtest submission, views and comparison.
import { z } from 'zod';
import { DateRangeSchema, JobStatusSchema, Paging, SymbolName, Timeframe } from './common.js';
import { BacktestResultSchema, TradeSchema } from './engine.js';

/**
 * Strategy Tester "Properties" overrides. Every field is optional: what is omitted keeps the value
 * the script's strategy() declaration gives (or TradingView's default).
 */
export const SettingsSchema = z.object({
  initialCapital: z.number().positive().max(1e15).optional(),
  orderSize: z.object({ type: z.enum(['fixed', 'cash', 'percent_of_equity']), value: z.number().positive().max(1e15) }).optional(),
  commission: z.object({ type: z.enum(['percent', 'cash_per_contract', 'cash_per_order']), value: z.number().min(0).max(1e9) }).optional(),
  slippageTicks: z.number().int().min(0).max(1_000_000).optional(),
  magnifier: z.boolean().optional(),
  pyramiding: z.number().int().min(0).max(1000).optional(),
  currency: z.string().max(10).optional(),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const InputValues = z.record(z.string().max(200), z.union([z.number(), z.string().max(10_000), z.boolean()]));

const MAX_RUNS = 100;

export const BacktestRequestSchema = z
  .object({
    /** Pine source to run as is; or give strategyId (+ optional strategyVersion, default latest). */
    script: z.string().min(1).max(1_000_000).optional(),
    strategyId: z.string().min(1).max(100).optional(),
    strategyVersion: z.number().int().positive().optional(),
    symbols: z.array(SymbolName).min(1).max(50),
    timeframes: z.array(Timeframe).min(1).max(20),
    range: DateRangeSchema.default({}),
    settings: SettingsSchema.default({}),
    inputs: InputValues.default({}),
    label: z.string().max(200).optional(),
  })
  .refine((r) => (r.script === undefined) !== (r.strategyId === undefined), { message: 'give exactly one of script or strategyId', path: ['script'] })
  .refine((r) => r.symbols.length * r.timeframes.length <= MAX_RUNS, { message: `at most ${MAX_RUNS} symbol × timeframe runs per backtest`, path: ['symbols'] });
export type BacktestRequest = z.infer<typeof BacktestRequestSchema>;

export const BacktestView = z.object({
  id: z.string(),
  status: JobStatusSchema,
  progress: z.number(),
  message: z.string().nullable(),
  error: z.string().nullable(),
  attempts: z.number(),
  label: z.string().nullable(),
  strategyId: z.string().nullable(),
  strategyVersion: z.number().nullable(),
  scriptHash: z.string(),
  datasetHash: z.string().nullable(),
  createdAt: z.number(),
  finishedAt: z.number().nullable(),
  request: z.unknown(),
  result: BacktestResultSchema.nullable().optional(),
});

export const SubmitResponse = z.object({
  id: z.string(),
  status: JobStatusSchema,
  /** True when an identical earlier submission's stored result was returned. */
  cached: z.boolean(),
});

export const BacktestListQuery = Paging.extend({
  status: JobStatusSchema.optional(),
  strategyId: z.string().max(100).optional(),
  label: z.string().max(200).optional(),
});

export const BacktestList = z.object({ items: z.array(BacktestView), total: z.number() });

export const RunQuery = z.object({ run: z.coerce.number().int().min(0).max(1000).default(0) });

export const TradesJson = z.object({ symbol: z.string(), timeframe: z.string(), currency: z.string(), trades: z.array(TradeSchema) });

export const CompareQuery = z.object({
  /** Comma-separated backtest ids (2–20); a run other than the first is chosen as id:run. */
  ids: z.string().max(2000).regex(/^[^,]+(,[^,]+){1,19}$/, 'ids: 2 to 20 comma-separated backtest ids'),
});

export const CompareResponse = z.object({
  runs: z.array(z.object({ id: z.string(), run: z.number(), label: z.string().nullable(), symbol: z.string(), timeframe: z.string(), status: JobStatusSchema })),
  metrics: z.array(z.object({ key: z.string(), label: z.string(), values: z.array(z.number().nullable()) })),
});
