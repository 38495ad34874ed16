// The 'backtest' job kind: load bars on the executor thread, run in a worker thread, store the
// result (with its cache key, so identical submissions can reuse it).
import type { StrategySettings } from '../engine/types.js';
import type { JobKind } from '../jobs/kinds.js';
import { cacheKey } from './cache-key.js';
import type { BacktestThreadInput, SerialisedBacktest } from './backtest-thread.js';

export interface BacktestPayload {
  backtestId: string;
  source: string;
  scriptHash: string;
  librariesKey?: string;
  inputs: Record<string, unknown>;
  settings: StrategySettings;
  range: { from?: number; to?: number };
  runs: { symbol: string; timeframe: string }[];
}

const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';

export const backtestKind: JobKind = {
  name: 'backtest',
  threadModule: new URL(`./backtest-thread.${ext}`, import.meta.url),
  async prepare(deps, job): Promise<BacktestThreadInput> {
    const p = job.payload as BacktestPayload;
    const runs: BacktestThreadInput['runs'] = [];
    for (const r of p.runs) {
      const loaded = await deps.market.loadBars(r.symbol, r.timeframe, p.range);
      const intrabars = p.settings.magnifier ? await deps.market.loadMagnifierBars(r.symbol, r.timeframe, p.range) : null;
      runs.push({ symbol: r.symbol, timeframe: r.timeframe, bars: loaded.bars, symbolInfo: loaded.symbolInfo, intrabars, datasetHash: loaded.datasetHash });
    }
    return { source: p.source, libraries: deps.librarySources ?? [], inputs: p.inputs, settings: p.settings, runs };
  },
  async complete(deps, job, raw) {
    const p = job.payload as BacktestPayload;
    const result = raw as SerialisedBacktest;
    const key = cacheKey({
      scriptHash: p.scriptHash,
      librariesKey: p.librariesKey,
      inputs: p.inputs,
      settings: p.settings,
      range: p.range,
      runs: result.runs.map((r) => ({ symbol: r.symbol, timeframe: r.timeframe, datasetHash: r.datasetHash })),
    });
    await deps.store.backtests.saveResultJson(p.backtestId, result.json, result.datasetHash, key);
    return { datasetHash: result.datasetHash, runs: result.runs.length };
  },
};
