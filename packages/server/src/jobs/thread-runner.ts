// The worker-thread pool that runs job attempts. Threads are created on demand with the configured
// V8 heap limit (resourceLimits) and reused for later jobs, so the engine's modules load once per
// thread. Each run has a wall-clock limit; a thread that times out, runs out of memory, crashes, or
// does not stop within a grace period after a cancel is terminated and replaced — a runaway script
// never affects other jobs or the server.
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { JobLimits } from '../config.js';
import { JobCancelled, JobFailure } from './failure.js';
import type { RunMessage, ThreadMessage } from './thread-entry.js';

export interface ThreadRunOptions {
  module: URL;
  input: unknown;
  attempt: number;
  limits: JobLimits;
  signal: AbortSignal;
  onProgress(percent: number, message?: string): void;
  onEvent(event: string, data: unknown): void;
}

const CANCEL_GRACE_MS = 1_000;
const fromSource = import.meta.url.endsWith('.ts');

/** The per-thread V8 heap limits for a job's memory budget. */
export function threadResourceLimits(memoryMb: number): { maxOldGenerationSizeMb: number; maxYoungGenerationSizeMb: number } {
  return { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(8, Math.floor(memoryMb / 8))) };
}

/**
 * A worker thread running `entry` (a module URL ending in .js, or .ts when running from sources). From
 * TypeScript sources (tests, `tsx`) the thread loads the module through tsx.
 */
export function spawnModuleThread(entry: URL, options: { resourceLimits?: ReturnType<typeof threadResourceLimits>; workerData?: unknown } = {}): Worker {
  if (!entry.href.endsWith('.ts')) return new Worker(entry, options);
  const tsxApi = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((m) => m.tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(entry.href)}))`;
  return new Worker(boot, { ...options, eval: true });
}

function spawn(memoryMb: number): Worker {
  return spawnModuleThread(new URL(`./thread-entry.${fromSource ? 'ts' : 'js'}`, import.meta.url), { resourceLimits: threadResourceLimits(memoryMb) });
}

export class ThreadPool {
  private readonly idle: Worker[] = [];
  private closed = false;
  /** An idle thread that dies (it should not) leaves the pool instead of swallowing the next job. */
  private readonly dropIdle = ((idle: Worker[]) =>
    function (this: Worker): void {
      const i = idle.indexOf(this);
      if (i >= 0) idle.splice(i, 1);
    })(this.idle);

  /** @param maxIdle threads kept alive between jobs (normally the job concurrency). */
  constructor(private readonly maxIdle: number) {}

  run(opts: ThreadRunOptions): Promise<unknown> {
    if (this.closed) return Promise.reject(new JobFailure('the thread pool is closed', false));
    if (opts.signal.aborted) return Promise.reject(new JobCancelled());
    const worker = this.idle.pop() ?? spawn(opts.limits.memoryMb);
    worker.off('exit', this.dropIdle);
    return new Promise((resolve, reject) => {
      let settled = false;
      const timers: NodeJS.Timeout[] = [];
      const cleanup = (): void => {
        for (const t of timers) clearTimeout(t);
        opts.signal.removeEventListener('abort', onAbort);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      /** healthy = the thread finished the job normally and can take another. */
      const finish = (outcome: { ok: true; result: unknown } | { ok: false; error: Error }, healthy: boolean): void => {
        if (settled) return;
        settled = true;
        cleanup();
        if (healthy && !this.closed && this.idle.length < this.maxIdle) {
          this.idle.push(worker);
          worker.once('exit', this.dropIdle);
        } else void worker.terminate();
        if (outcome.ok) resolve(outcome.result);
        else reject(outcome.error);
      };
      const onAbort = (): void => {
        worker.postMessage({ t: 'cancel' });
        timers.push(setTimeout(() => finish({ ok: false, error: new JobCancelled() }, false), CANCEL_GRACE_MS));
      };
      const onMessage = (m: ThreadMessage): void => {
        if (m.t === 'progress') opts.onProgress(m.percent, m.message);
        else if (m.t === 'event') opts.onEvent(m.event, m.data);
        else if (m.t === 'done') finish(opts.signal.aborted ? { ok: false, error: new JobCancelled() } : { ok: true, result: m.result }, true);
        else if (m.t === 'error') finish({ ok: false, error: opts.signal.aborted ? new JobCancelled() : new JobFailure(m.message, m.permanent) }, true);
      };
      const onError = (err: Error & { code?: string }): void => {
        if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
          finish({ ok: false, error: new JobFailure(`memory limit exceeded: the job needed more than ${opts.limits.memoryMb} MB`, true) }, false);
        } else {
          finish({ ok: false, error: new JobFailure(`worker thread crashed: ${err.message}`, false) }, false);
        }
      };
      const onExit = (code: number): void => {
        if (opts.signal.aborted) return finish({ ok: false, error: new JobCancelled() }, false);
        finish({ ok: false, error: new JobFailure(`worker thread exited unexpectedly (code ${code})`, false) }, false);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      opts.signal.addEventListener('abort', onAbort);
      timers.push(
        setTimeout(
          () => finish({ ok: false, error: new JobFailure(`time limit exceeded: the job ran longer than ${Math.round(opts.limits.timeoutMs / 1000)} s`, true) }, false),
          opts.limits.timeoutMs,
        ),
      );
      const msg: RunMessage = { t: 'run', module: opts.module.href, input: opts.input, attempt: opts.attempt, limits: opts.limits };
      worker.postMessage(msg);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.idle.splice(0).map((w) => w.terminate()));
  }
}
