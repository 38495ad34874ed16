// Turning a submission into a job: resolve the script, check it compiles, hash the data, and
// either return the stored result of an identical earlier run or queue a new backtest.
import { randomUUID } from 'node:crypto';
import { ApiError, notFound } from '../errors.js';
import { ScriptError } from '../engine/types.js';
import type { AppServices } from '../services.js';
import { toMs } from '../schemas/common.js';
import type { BacktestRequest } from '../schemas/backtests.js';
import type { JobStatus } from '../jobs/types.js';
import { cacheKey, scriptHash } from './cache-key.js';
import type { BacktestPayload } from './backtest-kind.js';

export interface ResolvedSource {
  source: string;
  strategyId: string | null;
  strategyVersion: number | null;
}

export async function resolveSource(s: AppServices, r: { script?: string; strategyId?: string; strategyVersion?: number }): Promise<ResolvedSource> {
  if (r.script !== undefined) return { source: r.script, strategyId: null, strategyVersion: null };
  const v = await s.store.strategies.version(r.strategyId!, r.strategyVersion);
  if (!v) throw notFound('strategy', r.strategyVersion ? `${r.strategyId}@${r.strategyVersion}` : r.strategyId!);
  return { source: v.source, strategyId: v.strategyId, strategyVersion: v.version };
}

/** Throws ScriptError (→ 400 with the diagnostics) when the script does not compile. */
export async function assertCompiles(s: AppServices, source: string): Promise<void> {
  const diagnostics = await s.engine.validateScript(source);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) {
    const first = errors[0]!;
    throw new ScriptError(`the script has ${errors.length} error(s); first at ${first.line}:${first.column}: ${first.message}`, diagnostics);
  }
}

export async function submitBacktest(s: AppServices, req: BacktestRequest, actor: string): Promise<{ id: string; status: JobStatus; cached: boolean }> {
  void actor;
  const src = await resolveSource(s, req);
  await assertCompiles(s, src.source);
  const range = { from: toMs(req.range.from), to: toMs(req.range.to) };
  const runs = req.symbols.flatMap((symbol) => req.timeframes.map((timeframe) => ({ symbol, timeframe })));
  const hashes: string[] = [];
  for (const r of runs) hashes.push(await s.market.datasetHash(r.symbol, r.timeframe, range));
  const hash = scriptHash(src.source);
  // A script that imports libraries also depends on their sources (a restart may bring other versions).
  const librariesKey = /^\s*import\s/m.test(src.source) && s.engine.librariesKey ? s.engine.librariesKey : undefined;
  const key = cacheKey({ scriptHash: hash, librariesKey, inputs: req.inputs, settings: req.settings, range, runs: runs.map((r, i) => ({ ...r, datasetHash: hashes[i]! })) });
  const existing = await s.store.backtests.findDone(key);
  if (existing) return { id: existing.id, status: 'done', cached: true };

  const id = randomUUID();
  const payload: BacktestPayload = { backtestId: id, source: src.source, scriptHash: hash, librariesKey, inputs: req.inputs, settings: req.settings, range, runs };
  await s.store.backtests.insert({ id, strategyId: src.strategyId, strategyVersion: src.strategyVersion, label: req.label ?? null, request: req, scriptHash: hash, cacheKey: null, datasetHash: null });
  try {
    await s.queue.enqueue({ id, kind: 'backtest', payload, maxAttempts: s.config.limits.maxAttempts });
  } catch (err) {
    await s.store.backtests.delete(id).catch(() => undefined);
    throw new ApiError(503, `the job queue is unavailable: ${err instanceof Error ? err.message : String(err)}`, 'QUEUE_UNAVAILABLE');
  }
  return { id, status: 'queued', cached: false };
}
