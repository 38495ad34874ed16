// Worker-thread side of a backtest job: runs every symbol × timeframe with the Pine engine on the
// bars the executor loaded, reporting progress across runs. No I/O happens here. The result leaves
// the thread already as JSON (what the store keeps): cloning its tens of thousands of point objects
// to the main thread and serialising them there would put that work on the thread serving requests.
import { createPineEngine } from '../engine/pine-adapter.js';
import type { BarColumns, SymbolInfo } from '@pineback/pine';
import type { StrategySettings } from '../engine/types.js';
import type { JobContext } from '../jobs/kinds.js';
import type { BacktestResult, RunResult } from '../schemas/engine.js';
import { combinedDatasetHash } from './cache-key.js';

export interface BacktestThreadInput {
  source: string;
  /** Library sources for the script's imports (the executor's libraryDirs, read on its thread). */
  libraries?: readonly string[];
  inputs: Record<string, unknown>;
  settings: StrategySettings;
  runs: { symbol: string; timeframe: string; bars: BarColumns; symbolInfo: SymbolInfo; intrabars: BarColumns | null; datasetHash: string }[];
}

/** What the thread hands back: the stored JSON plus the few fields the executor needs for the cache key. */
export interface SerialisedBacktest {
  datasetHash: string;
  runs: { symbol: string; timeframe: string; datasetHash: string }[];
  json: string;
}

export async function run(input: unknown, ctx: JobContext): Promise<SerialisedBacktest> {
  const inp = input as BacktestThreadInput;
  const engine = createPineEngine({ librarySources: inp.libraries ?? [] });
  const runs: RunResult[] = [];
  const n = inp.runs.length;
  for (let i = 0; i < n; i++) {
    const r = inp.runs[i]!;
    ctx.progress((i / n) * 100, `${r.symbol} ${r.timeframe}`);
    const out = await engine.runBacktest(
      {
        source: inp.source,
        inputs: inp.inputs,
        settings: inp.settings,
        symbol: r.symbol,
        timeframe: r.timeframe,
        bars: r.bars,
        symbolInfo: r.symbolInfo,
        intrabars: r.intrabars ?? undefined,
        limits: { maxLoopIterations: ctx.limits.maxLoopIterations },
      },
      (p) => ctx.progress(((i + Math.max(0, Math.min(100, p)) / 100) / n) * 100, `${r.symbol} ${r.timeframe}`),
      ctx.signal,
    );
    runs.push({ symbol: r.symbol, timeframe: r.timeframe, datasetHash: r.datasetHash, timezone: r.symbolInfo.timezone, ...out });
  }
  const result: BacktestResult = { datasetHash: combinedDatasetHash(inp.runs.map((r) => r.datasetHash)), runs };
  return {
    datasetHash: result.datasetHash,
    runs: runs.map((r) => ({ symbol: r.symbol, timeframe: r.timeframe, datasetHash: r.datasetHash })),
    json: JSON.stringify(result),
  };
}
