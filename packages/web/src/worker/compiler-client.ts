// Promise wrapper around the compiler worker: one worker per page, requests matched by id.
import type { RunResult } from '../api/types.js';
import type { CheckReply, LocalRunRequest, WorkerRequest, WorkerResponse } from './protocol.js';

type Pending = { resolve(v: unknown): void; reject(e: Error): void; onProgress?: (done: number, total: number) => void };

export class CompilerClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(new URL('./compiler.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (ev: MessageEvent<WorkerResponse>) => {
      const m = ev.data;
      const p = this.pending.get(m.id);
      if (!p) return;
      if (m.type === 'progress') {
        p.onProgress?.(m.done, m.total);
        return;
      }
      this.pending.delete(m.id);
      if (m.type === 'error') p.reject(new Error(m.message));
      else if (m.type === 'check') p.resolve(m.reply);
      else p.resolve(m.result);
    };
    w.onerror = (e) => {
      for (const p of this.pending.values()) p.reject(new Error(e.message || 'compiler worker failed'));
      this.pending.clear();
    };
    this.worker = w;
    return w;
  }

  private send<T>(req: WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never, onProgress?: Pending['onProgress']): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress });
      this.ensure().postMessage({ ...req, id } as WorkerRequest);
    });
  }

  check(source: string): Promise<CheckReply> {
    return this.send({ type: 'check', source });
  }

  run(request: LocalRunRequest, onProgress?: (done: number, total: number) => void): Promise<RunResult> {
    return this.send({ type: 'run', request }, onProgress);
  }

  /** Stops a running local backtest by discarding the worker (a fresh one starts on the next call). */
  terminate(): void {
    this.worker?.terminate();
    this.worker = null;
    for (const p of this.pending.values()) p.reject(new Error('cancelled'));
    this.pending.clear();
  }
}

export const compiler = new CompilerClient();
