// Optimisation requests: grid or random search over input ranges, an objective metric,
// constraints, and optional walk-forward windows.
import { z } from 'zod';
import { DateRangeSchema, SymbolName, Timeframe } from './common.js';
import { InputValues, SettingsSchema } from './backtests.js';

export const ParamRange = z.union([
  z
    .object({ min: z.number(), max: z.number(), step: z.number().positive() })
    .refine((r) => r.max >= r.min, 'max must be ≥ min')
    .refine((r) => (r.max - r.min) / r.step <= 100_000, 'at most 100,000 steps per range'),
  z.object({ values: z.array(z.union([z.number(), z.string(), z.boolean()])).min(1).max(1000) }),
]);
export type ParamRange = z.infer<typeof ParamRange>;

export const ConstraintSchema = z.object({
  metric: z.string().min(1).max(100),
  op: z.enum(['>=', '<=', '>', '<', '==']),
  value: z.number(),
});
export type Constraint = z.infer<typeof ConstraintSchema>;

export const WalkForwardSchema = z.object({
  /** Number of consecutive in-sample → out-of-sample windows. */
  windows: z.number().int().min(1).max(50),
  /** Share of each window used in-sample (the rest is out-of-sample). */
  inSampleRatio: z.number().gt(0).lt(1).default(0.7),
  /** Anchored = every in-sample segment starts at the range start. */
  anchored: z.boolean().default(false),
});
export type WalkForward = z.infer<typeof WalkForwardSchema>;

export const OptimizationRequestSchema = z
  .object({
    script: z.string().min(1).max(1_000_000).optional(),
    strategyId: z.string().min(1).max(100).optional(),
    strategyVersion: z.number().int().positive().optional(),
    symbol: SymbolName,
    timeframe: Timeframe,
    range: DateRangeSchema.default({}),
    settings: SettingsSchema.default({}),
    /** Fixed input overrides applied to every iteration. */
    inputs: InputValues.default({}),
    params: z.record(z.string().max(200), ParamRange).refine((p) => Object.keys(p).length > 0 && Object.keys(p).length <= 20, '1 to 20 parameters'),
    method: z.enum(['grid', 'random']).default('grid'),
    /** Random search: how many samples; grid search: an upper bound on the grid size. */
    maxIterations: z.number().int().min(1).max(100_000).default(1_000),
    seed: z.number().int().default(1),
    objective: z.object({ metric: z.string().min(1).max(100), direction: z.enum(['max', 'min']).default('max') }),
    constraints: z.array(ConstraintSchema).max(20).default([]),
    walkForward: WalkForwardSchema.optional(),
  })
  .refine((r) => (r.script === undefined) !== (r.strategyId === undefined), { message: 'give exactly one of script or strategyId', path: ['script'] });
export type OptimizationRequest = z.infer<typeof OptimizationRequestSchema>;

export const IterationView = z.object({
  idx: z.number(),
  window: z.number(),
  phase: z.enum(['full', 'in_sample', 'out_of_sample']),
  inputs: z.record(z.string(), z.unknown()),
  metrics: z.record(z.string(), z.number().nullable()).nullable(),
  score: z.number().nullable(),
  passed: z.boolean(),
  error: z.string().nullable(),
});

export const OptimizationView = z.object({
  id: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed', 'cancelled']),
  progress: z.number(),
  error: z.string().nullable(),
  createdAt: z.number(),
  request: z.unknown(),
  /** Best iterations (ranked), a short preview; the full list is under /iterations. */
  top: z.array(IterationView),
});
