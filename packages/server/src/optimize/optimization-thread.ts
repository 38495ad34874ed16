// Worker-thread side of an optimisation: evaluates every parameter set (and, with walk-forward,
// the in-sample winner of each window out-of-sample), emitting each iteration as it finishes so
// the executor stores it immediately. Iterations stored by an earlier attempt are not re-run.
import type { BarColumns, SymbolInfo } from '@pineback/pine';
import { createPineEngine } from '../engine/pine-adapter.js';
import type { StrategySettings } from '../engine/types.js';
import type { JobContext } from '../jobs/kinds.js';
import type { Constraint } from '../schemas/optimizations.js';
import type { IterationRow } from '../store/optimizations-repo.js';
import { best, passes, score } from './objective.js';
import type { ParamSet } from './search.js';
import type { Window } from './walk-forward.js';

export interface OptimizationThreadInput {
  source: string;
  fixedInputs: Record<string, unknown>;
  settings: StrategySettings;
  symbol: string;
  timeframe: string;
  bars: BarColumns;
  symbolInfo: SymbolInfo;
  paramSets: ParamSet[];
  /** Null = a single full-range pass. */
  windows: Window[] | null;
  objective: { metric: string; direction: 'max' | 'min' };
  constraints: Constraint[];
  /** Iterations stored by earlier attempts, keyed `${window}:${phase}:${idx}`. */
  done: Record<string, { score: number | null; passed: boolean }>;
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

export async function run(input: unknown, ctx: JobContext): Promise<{ best: IterationRow | null; evaluated: number }> {
  const inp = input as OptimizationThreadInput;
  const engine = createPineEngine();
  const windows = inp.windows ?? [{ index: 0, inSample: [0, inp.bars.length] as [number, number], outOfSample: [0, 0] as [number, number] }];
  const perWindow = inp.paramSets.length + (inp.windows ? 1 : 0);
  const total = windows.length * perWindow;
  let evaluated = 0;
  let overallBest: IterationRow | null = null;

  const evaluate = async (idx: number, set: ParamSet, w: number, phase: IterationRow['phase'], range: [number, number]): Promise<IterationRow> => {
    const key = `${w}:${phase}:${idx}`;
    const prior = inp.done[key];
    if (prior) return { idx, window: w, phase, inputs: set, metrics: null, score: prior.score, passed: prior.passed, error: null };
    let row: IterationRow;
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
          limits: { maxLoopIterations: ctx.limits.maxLoopIterations },
        },
        () => undefined,
        ctx.signal,
      );
      row = {
        idx, window: w, phase, inputs: set, metrics: out.summary,
        score: score(out.summary, inp.objective.metric, inp.objective.direction),
        passed: passes(out.summary, inp.constraints), error: null,
      };
    } catch (err) {
      // An engine that is missing, or a cancelled run, ends the job; a script error ends only this iteration.
      if (ctx.signal.aborted || (err instanceof Error && err.name === 'EngineUnavailableError')) throw err;
      row = { idx, window: w, phase, inputs: set, metrics: null, score: null, passed: false, error: err instanceof Error ? err.message : String(err) };
    }
    ctx.emit('iteration', row);
    return row;
  };

  for (const win of windows) {
    const phase: IterationRow['phase'] = inp.windows ? 'in_sample' : 'full';
    const rows: IterationRow[] = [];
    for (let i = 0; i < inp.paramSets.length; i++) {
      rows.push(await evaluate(i, inp.paramSets[i]!, win.index, phase, win.inSample));
      ctx.progress((++evaluated / total) * 100);
    }
    const bi = best(rows);
    if (!inp.windows) {
      overallBest = bi >= 0 ? rows[bi]! : null;
    } else if (bi >= 0) {
      const oos = await evaluate(bi, inp.paramSets[bi]!, win.index, 'out_of_sample', win.outOfSample);
      ctx.progress((++evaluated / total) * 100);
      if (!overallBest || (oos.score ?? -Infinity) > (overallBest.score ?? -Infinity)) overallBest = oos;
    }
  }
  return { best: overallBest, evaluated };
}
