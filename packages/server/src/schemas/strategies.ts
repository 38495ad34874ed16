// Strategy CRUD and validation.
import { z } from 'zod';
import { Paging } from './common.js';
import { DiagnosticSchema, InputSpecSchema } from './engine.js';

const Name = z.string().trim().min(1).max(200);
const Source = z.string().min(1).max(1_000_000);

export const CreateStrategy = z.object({ name: Name, source: Source });
export const UpdateStrategy = z.object({ source: Source });
export const ValidateBody = z.object({ source: Source });

export const StrategySummaryView = z.object({
  id: z.string(),
  name: z.string(),
  latestVersion: z.number(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

export const StrategyVersionView = z.object({
  strategyId: z.string(),
  name: z.string(),
  version: z.number(),
  source: z.string(),
  /** Null when the compiler was unavailable when this version was saved. */
  inputs: z.array(InputSpecSchema).nullable(),
  diagnostics: z.array(DiagnosticSchema).nullable(),
  createdAt: z.number(),
});

export const StrategyDetail = StrategySummaryView.extend({
  latest: StrategyVersionView,
  versions: z.array(z.object({ version: z.number(), createdAt: z.number() })),
});

export const StrategyList = z.object({ items: z.array(StrategySummaryView), total: z.number() });
export const StrategyListQuery = Paging.extend({ q: z.string().max(200).optional() });
export const VersionParams = z.object({ id: z.string().min(1).max(100), version: z.coerce.number().int().positive() });

export const ValidateResponse = z.object({
  ok: z.boolean(),
  diagnostics: z.array(DiagnosticSchema),
  inputs: z.array(InputSpecSchema),
});
