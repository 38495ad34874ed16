// The optimisation thread's helpers (see sweep-helper.ts): started once per job, given the bars once,
// then fed batches. A batch is shared work: the caller claims iterations from the same counter while
// the helpers do, so the batch ends when the counter runs out and every live helper has reported.
// A helper that dies loses at most the iteration it was running; the caller re-runs whatever is
// missing, so a crash costs time, not results.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { spawnModuleThread, threadResourceLimits } from '../jobs/thread-runner.js';
import type { IterationRow } from '../store/optimizations-repo.js';
import type { HelperBatch, HelperData, HelperMessage } from './sweep-helper.js';

const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
const HELPER_MODULE = new URL(`./sweep-helper.${ext}`, import.meta.url);

/** Below this much work (bars × iterations) a sweep stays on one thread: starting a helper (~0.5 s) would not pay. */
export const MIN_PARALLEL_WORK = 5_000_000;

/**
 * Helper threads to start for a sweep: by default one per spare core, none for small sweeps.
 * PINEBACK_OPTIMIZE_THREADS=N sets the threads per optimisation for every sweep (1 = no helpers).
 */
export function helperCount(bars: number, iterations: number, env: NodeJS.ProcessEnv = process.env): number {
  const set = Number(env.PINEBACK_OPTIMIZE_THREADS);
  const explicit = env.PINEBACK_OPTIMIZE_THREADS !== undefined && Number.isInteger(set) && set >= 1;
  if (!explicit && (bars * iterations < MIN_PARALLEL_WORK || iterations < 4)) return 0;
  const threads = explicit ? set : availableParallelism();
  return Math.max(0, Math.min(threads - 1, iterations - 1));
}

interface Pending {
  remaining: Set<Worker>;
  onRow(row: IterationRow): void;
  resolve(): void;
}

export class HelperThreads {
  private readonly workers = new Set<Worker>();
  private nextBatch = 0;
  private pending: { batch: number; p: Pending } | null = null;

  private constructor() {}

  static start(count: number, data: HelperData, memoryMb: number): HelperThreads {
    const h = new HelperThreads();
    for (let i = 0; i < count; i++) {
      const w = spawnModuleThread(HELPER_MODULE, { workerData: data, resourceLimits: threadResourceLimits(memoryMb) });
      h.workers.add(w);
      w.on('message', (m: HelperMessage) => h.onMessage(w, m));
      // A crashed or out-of-memory helper leaves the pool; its unfinished iteration is re-run by the caller.
      w.on('error', () => h.drop(w));
      w.on('exit', () => h.drop(w));
    }
    return h;
  }

  private onMessage(w: Worker, m: HelperMessage): void {
    const cur = this.pending;
    if (m.t === 'row' && cur && m.batch === cur.batch) cur.p.onRow(m.row);
    else if (m.t === 'batchDone' && cur && m.batch === cur.batch) this.settle(w);
    else if (m.t === 'failed') {
      this.drop(w);
      void w.terminate();
    }
  }

  private settle(w: Worker): void {
    const cur = this.pending;
    if (!cur) return;
    cur.p.remaining.delete(w);
    if (cur.p.remaining.size === 0) {
      this.pending = null;
      cur.p.resolve();
    }
  }

  private drop(w: Worker): void {
    if (!this.workers.delete(w)) return;
    this.settle(w);
  }

  get size(): number {
    return this.workers.size;
  }

  /**
   * Posts a batch to every helper; resolves when all of them have finished it (or died). Rows arrive
   * through `onRow` on this thread's event loop, so the caller must yield between its own iterations.
   */
  runBatch(b: Omit<HelperBatch, 't' | 'batch'>, onRow: (row: IterationRow) => void): Promise<void> {
    const batch = ++this.nextBatch;
    return new Promise<void>((resolve) => {
      if (this.workers.size === 0) return resolve();
      this.pending = { batch, p: { remaining: new Set(this.workers), onRow, resolve } };
      const msg: HelperBatch = { t: 'batch', batch, ...b };
      for (const w of this.workers) w.postMessage(msg);
    });
  }

  async close(): Promise<void> {
    const ws = [...this.workers];
    this.workers.clear();
    const cur = this.pending;
    this.pending = null;
    cur?.p.resolve();
    await Promise.all(ws.map((w) => w.terminate()));
  }
}
