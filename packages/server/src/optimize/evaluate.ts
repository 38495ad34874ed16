// One optimisation iteration: run the strategy with a parameter set on a bar range and score it. Shared
// by the optimisation thread and its helper threads. Only the metrics are kept per iteration (the
// engine is asked for the summary alone): trades, equity and plots of every iteration would be built,
// copied and stored for nothing.
import type { BarColumns, SymbolInfo } from '@pineback/pine';
import type { ScriptEngine, StrategySettings } from '../engine/types.js';
import type { Constraint } from '../schemas/optimizations.js';
import type { IterationRow } from '../store/optimizations-repo.js';
import { passes, score } from './objective.js';
import type { ParamSet } from './search.js';

/** What every thread of one optimisation needs to evaluate any iteration. */
export interface EvaluationInput {
  source: string;
  /** Library sources for the script's imports. */
  libraries?: readonly string[];
  fixedInputs: Record<string, unknown>;
  settings: StrategySettings;
  symbol: string;
  timeframe: string;
  bars: BarColumns;
  symbolInfo: SymbolInfo;
  objective: { metric: string; direction: 'max' | 'min' };
  constraints: Constraint[];
  maxLoopIterations: number;
}

export function sliceBars(b: BarColumns, start: number, end: number): BarColumns {
  return {
    length: end - start,
    time: b.time.subarray(start, end),
    open: b.open.subarray(start, end),
    high: b.high.subarray(start, end),
    low: b.low.subarray(start, end),
    close: b.close.subarray(start, end),
    volume: b.volume.subarray(start, end),
  };
}

export async function evaluateSet(
  engine: ScriptEngine,
  inp: EvaluationInput,
  signal: AbortSignal,
  it: { idx: number; set: ParamSet; window: number; phase: IterationRow['phase']; range: [number, number] },
): Promise<IterationRow> {
  const { idx, set, window, phase, range } = it;
  try {
    const out = await engine.runBacktest(
      {
        source: inp.source,
        inputs: { ...inp.fixedInputs, ...set },
        settings: inp.settings,
        symbol: inp.symbol,
        timeframe: inp.timeframe,
        bars: sliceBars(inp.bars, range[0], range[1]),
        symbolInfo: inp.symbolInfo,
        limits: { maxLoopIterations: inp.maxLoopIterations },
        summaryOnly: true,
      },
      () => undefined,
      signal,
    );
    return {
      idx, window, phase, inputs: set, metrics: out.summary,
      score: score(out.summary, inp.objective.metric, inp.objective.direction),
      passed: passes(out.summary, inp.constraints), error: null,
    };
  } catch (err) {
    // An engine that is missing, or a cancelled run, ends the job; a script error ends only this iteration.
    if (signal.aborted || (err instanceof Error && err.name === 'EngineUnavailableError')) throw err;
    return { idx, window, phase, inputs: set, metrics: null, score: null, passed: false, error: err instanceof Error ? err.message : String(err) };
  }
}
