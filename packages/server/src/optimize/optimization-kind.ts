// The 'optimization' job kind: expand the search space and load bars on the executor thread, run
// the iterations in a worker thread, store the iterations as their batches arrive.
import type { JobKind } from '../jobs/kinds.js';
import type { OptimizationRequest } from '../schemas/optimizations.js';
import type { IterationRow } from '../store/optimizations-repo.js';
import type { OptimizationThreadInput } from './optimization-thread.js';
import { grid, gridSize, randomSample } from './search.js';
import { shareBars } from '../engine/shared-bars.js';
import { walkForwardWindows } from './walk-forward.js';

export interface OptimizationPayload {
  optimizationId: string;
  source: string;
  request: OptimizationRequest;
  range: { from?: number; to?: number };
}

const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';

export class SearchSpaceTooLarge extends Error {
  readonly permanent = true;
  constructor(size: number, max: number) {
    super(`the grid has ${size} combinations, more than maxIterations (${max}); narrow the ranges or use method "random"`);
    this.name = 'SearchSpaceTooLarge';
  }
}

/** Parameter sets for a request, or an error when a grid exceeds maxIterations. */
export function paramSets(req: OptimizationRequest): ReturnType<typeof grid> {
  if (req.method === 'random') return randomSample(req.params, req.maxIterations, req.seed);
  const size = gridSize(req.params);
  if (size > req.maxIterations) throw new SearchSpaceTooLarge(size, req.maxIterations);
  return grid(req.params);
}

export const optimizationKind: JobKind = {
  name: 'optimization',
  threadModule: new URL(`./optimization-thread.${ext}`, import.meta.url),
  async prepare(deps, job): Promise<OptimizationThreadInput> {
    const p = job.payload as OptimizationPayload;
    const req = p.request;
    const loaded = await deps.market.loadBars(req.symbol, req.timeframe, p.range);
    const prior = await deps.store.optimizations.iterations(p.optimizationId, undefined, 1_000_000, 0);
    const done: OptimizationThreadInput['done'] = {};
    for (const it of prior.items) done[`${it.window}:${it.phase}:${it.idx}`] = { score: it.score, passed: it.passed };
    return {
      source: p.source,
      libraries: deps.librarySources ?? [],
      fixedInputs: req.inputs,
      settings: req.settings,
      symbol: req.symbol,
      timeframe: req.timeframe,
      // Shared memory: the optimisation thread and its helpers read these bars without copies.
      bars: shareBars(loaded.bars),
      symbolInfo: loaded.symbolInfo,
      paramSets: paramSets(req),
      windows: req.walkForward ? walkForwardWindows(loaded.bars.length, req.walkForward) : null,
      objective: req.objective,
      constraints: req.constraints,
      done,
    };
  },
  async onEvent(deps, job, event, data) {
    // The thread sends finished iterations in batches (see row-batcher.ts): one statement per batch.
    if (event !== 'iterations') return;
    await deps.store.optimizations.addIterations((job.payload as OptimizationPayload).optimizationId, data as IterationRow[]);
  },
};
