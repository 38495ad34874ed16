// Worker-thread side of an optimisation: evaluates every parameter set (and, with walk-forward,
// the in-sample winner of each window out-of-sample), emitting each iteration as it finishes so
// the executor stores it immediately. Iterations stored by an earlier attempt are not re-run.
// Large sweeps are spread over helper threads (one per spare core, see helper-threads.ts); the
// script compiles once per thread and the bars are handed to each thread once per job. Finished
// iterations are emitted in batches ('iterations' events, see row-batcher.ts), with progress.
import { createPineEngine } from '../engine/pine-adapter.js';
import type { JobContext } from '../jobs/kinds.js';
import type { IterationRow } from '../store/optimizations-repo.js';
import { evaluateSet, type EvaluationInput } from './evaluate.js';
import { helperCount, HelperThreads } from './helper-threads.js';
import { best } from './objective.js';
import { RowBatcher } from './row-batcher.js';
import type { ParamSet } from './search.js';
import type { Window } from './walk-forward.js';

export { sliceBars } from './evaluate.js';

/** Everything a thread evaluates against (shared with helper threads), plus the work to do. */
export interface OptimizationThreadInput extends Omit<EvaluationInput, 'maxLoopIterations'> {
  paramSets: ParamSet[];
  /** Null = a single full-range pass. */
  windows: Window[] | null;
  /** Iterations stored by earlier attempts, keyed `${window}:${phase}:${idx}`. */
  done: Record<string, { score: number | null; passed: boolean }>;
}

const yieldToEventLoop = (): Promise<void> => new Promise((r) => setImmediate(r));

export async function run(input: unknown, ctx: JobContext): Promise<{ best: IterationRow | null; evaluated: number }> {
  const inp = input as OptimizationThreadInput;
  const engine = createPineEngine({ librarySources: inp.libraries ?? [] });
  const evalInput: EvaluationInput = {
    source: inp.source, libraries: inp.libraries, fixedInputs: inp.fixedInputs, settings: inp.settings, symbol: inp.symbol, timeframe: inp.timeframe,
    bars: inp.bars, symbolInfo: inp.symbolInfo, objective: inp.objective, constraints: inp.constraints,
    maxLoopIterations: ctx.limits.maxLoopIterations,
  };
  const windows = inp.windows ?? [{ index: 0, inSample: [0, inp.bars.length] as [number, number], outOfSample: [0, 0] as [number, number] }];
  const perWindow = inp.paramSets.length + (inp.windows ? 1 : 0);
  const total = windows.length * perWindow;
  let evaluated = 0;
  let overallBest: IterationRow | null = null;

  const priorRow = (idx: number, w: number, phase: IterationRow['phase']): IterationRow | null => {
    const prior = inp.done[`${w}:${phase}:${idx}`];
    return prior ? { idx, window: w, phase, inputs: inp.paramSets[idx]!, metrics: null, score: prior.score, passed: prior.passed, error: null } : null;
  };
  // Progress travels with each batch: per-iteration progress messages would cost as much as the rows.
  const batcher = new RowBatcher((rows) => {
    ctx.emit('iterations', rows);
    ctx.progress((evaluated / total) * 100);
  });
  const finish = (row: IterationRow): void => {
    evaluated++;
    batcher.add(row);
  };

  const inSampleBars = Math.max(...windows.map((w) => w.inSample[1] - w.inSample[0]));
  const nHelpers = helperCount(inSampleBars, inp.paramSets.length);
  const helpers = nHelpers > 0 ? HelperThreads.start(nHelpers, { input: evalInput, paramSets: inp.paramSets }, ctx.limits.memoryMb) : null;
  const onAbort = (): void => void helpers?.close();
  ctx.signal.addEventListener('abort', onAbort);
  try {
    for (const win of windows) {
      const phase: IterationRow['phase'] = inp.windows ? 'in_sample' : 'full';
      const rows: (IterationRow | undefined)[] = new Array(inp.paramSets.length);
      const todo: number[] = [];
      for (let i = 0; i < inp.paramSets.length; i++) {
        const prior = priorRow(i, win.index, phase);
        if (prior) {
          rows[i] = prior;
          evaluated++;
        } else todo.push(i);
      }
      if (todo.length < inp.paramSets.length) ctx.progress((evaluated / total) * 100);
      const accept = (row: IterationRow): void => {
        if (rows[row.idx]) return;
        rows[row.idx] = row;
        finish(row);
      };
      const evalHere = async (idx: number): Promise<void> => {
        if (ctx.signal.aborted) throw Object.assign(new Error('cancelled'), { name: 'AbortError' });
        accept(await evaluateSet(engine, evalInput, ctx.signal, { idx, set: inp.paramSets[idx]!, window: win.index, phase, range: win.inSample }));
      };
      if (helpers && helpers.size > 0 && todo.length > 1) {
        // Shared work: this thread claims from the same counter as the helpers, yielding between
        // iterations so their rows are stored as they arrive.
        const counter = new SharedArrayBuffer(4);
        const view = new Int32Array(counter);
        const helpersDone = helpers.runBatch({ counter, indices: todo, window: win.index, phase, range: win.inSample }, accept);
        for (;;) {
          const k = Atomics.add(view, 0, 1);
          if (k >= todo.length) break;
          await evalHere(todo[k]!);
          await yieldToEventLoop();
        }
        await helpersDone;
      }
      // Single-threaded sweeps, and anything a helper claimed but did not deliver (it died).
      for (const idx of todo) if (!rows[idx]) await evalHere(idx);

      batcher.flush();
      const ordered = rows as IterationRow[];
      const bi = best(ordered);
      if (!inp.windows) {
        overallBest = bi >= 0 ? ordered[bi]! : null;
      } else if (bi >= 0) {
        let oos = priorRow(bi, win.index, 'out_of_sample');
        if (oos) ctx.progress((++evaluated / total) * 100);
        else {
          oos = await evaluateSet(engine, evalInput, ctx.signal, { idx: bi, set: inp.paramSets[bi]!, window: win.index, phase: 'out_of_sample', range: win.outOfSample });
          finish(oos);
          batcher.flush();
        }
        if (!overallBest || (oos.score ?? -Infinity) > (overallBest.score ?? -Infinity)) overallBest = oos;
      }
    }
  } finally {
    // Whatever finished before a failure or cancel is stored, so a retry does not redo it.
    batcher.flush();
    ctx.signal.removeEventListener('abort', onAbort);
    await helpers?.close();
  }
  return { best: overallBest, evaluated };
}
