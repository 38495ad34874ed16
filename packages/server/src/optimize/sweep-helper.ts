// Body of an optimisation helper thread. The optimisation's own thread starts helpers (one per spare
// core) so a sweep uses every core: each helper gets the script, bars and parameter sets once (the
// script compiles once per thread), then for every batch claims iterations from a shared counter
// (Atomics) — the same counter the optimisation thread claims from, so faster threads take more —
// and posts each finished row back. The optimisation thread stores the rows and owns the results.
import { parentPort, workerData } from 'node:worker_threads';
import { createPineEngine } from '../engine/pine-adapter.js';
import type { IterationRow } from '../store/optimizations-repo.js';
import { evaluateSet, type EvaluationInput } from './evaluate.js';
import type { ParamSet } from './search.js';

export interface HelperData {
  input: EvaluationInput;
  paramSets: ParamSet[];
}

/** One batch: the iterations `indices[k]` for k claimed from `counter` (an Int32Array over a SharedArrayBuffer). */
export interface HelperBatch {
  t: 'batch';
  batch: number;
  counter: SharedArrayBuffer;
  indices: number[];
  window: number;
  phase: IterationRow['phase'];
  range: [number, number];
}

export type HelperMessage =
  | { t: 'ready' }
  | { t: 'row'; batch: number; row: IterationRow }
  | { t: 'batchDone'; batch: number }
  | { t: 'failed'; message: string };

const port = parentPort!;
const data = workerData as HelperData;
const engine = createPineEngine({ librarySources: data.input.libraries ?? [] });
const signal = new AbortController().signal; // the optimisation thread terminates helpers to cancel
const post = (m: HelperMessage): void => port.postMessage(m);

async function runBatch(b: HelperBatch): Promise<void> {
  const counter = new Int32Array(b.counter);
  for (;;) {
    const k = Atomics.add(counter, 0, 1);
    if (k >= b.indices.length) break;
    const idx = b.indices[k]!;
    const row = await evaluateSet(engine, data.input, signal, { idx, set: data.paramSets[idx]!, window: b.window, phase: b.phase, range: b.range });
    post({ t: 'row', batch: b.batch, row });
  }
  post({ t: 'batchDone', batch: b.batch });
}

port.on('message', (m: HelperBatch) => {
  if (m.t === 'batch') runBatch(m).catch((err: unknown) => post({ t: 'failed', message: err instanceof Error ? err.message : String(err) }));
});
post({ t: 'ready' });
