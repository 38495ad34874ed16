// Executes one attempt of a started job, the same way in both modes: prepare on this thread, run
// the kind's code (worker thread or inline), stream progress/events, watch for cancellation, and
// persist the result. The caller (embedded queue or BullMQ worker) applies the state transition.
import { classify, JobCancelled, type JobFailure } from './failure.js';
import type { ExecutorDeps, JobContext, KindRegistry } from './kinds.js';
import type { JobEvent, JobRecord } from './types.js';

export type AttemptOutcome =
  | { type: 'done'; result: unknown }
  | { type: 'cancelled' }
  | { type: 'failed'; error: string; permanent: boolean };

export interface AttemptOptions {
  deps: ExecutorDeps;
  kinds: KindRegistry;
  job: JobRecord;
  /** Aborted by the owner (server shutdown, a direct cancel in embedded mode). */
  signal: AbortSignal;
  publish(e: JobEvent): void;
  /** Extra progress sink (BullMQ job.updateProgress). */
  onProgress?(percent: number, message: string | null): void;
}

const PROGRESS_WRITE_MS = 250;
const CANCEL_POLL_MS = 500;

export async function executeAttempt(o: AttemptOptions): Promise<AttemptOutcome> {
  const { deps, job } = o;
  const kind = o.kinds.get(job.kind);
  if (!kind) return { type: 'failed', error: `unknown job kind "${job.kind}"`, permanent: true };

  const controller = new AbortController();
  const abort = (): void => controller.abort();
  o.signal.addEventListener('abort', abort);
  // Cancellation requested through the database (from any server) reaches us by polling.
  const poll = setInterval(() => {
    deps.store.jobs.isCancelRequested(job.id).then((c) => c && controller.abort(), () => undefined);
  }, CANCEL_POLL_MS);

  let lastWrite = 0;
  let pending: { percent: number; message: string | null } | null = null;
  let writeTimer: NodeJS.Timeout | null = null;
  const flush = (): void => {
    writeTimer = null;
    if (!pending) return;
    const p = pending;
    pending = null;
    lastWrite = Date.now();
    void deps.store.jobs.setProgress(job.id, job.attempts, p.percent, p.message).catch(() => undefined);
    o.onProgress?.(p.percent, p.message);
  };
  const ctx: JobContext = {
    signal: controller.signal,
    attempt: job.attempts,
    limits: deps.config.limits,
    progress(percent, message) {
      const pct = Math.max(0, Math.min(100, Number.isFinite(percent) ? percent : 0));
      pending = { percent: pct, message: message ?? null };
      o.publish({ id: job.id, status: 'running', progress: pct, message: message ?? null });
      const wait = PROGRESS_WRITE_MS - (Date.now() - lastWrite);
      if (wait <= 0) flush();
      else writeTimer ??= setTimeout(flush, wait);
    },
    emit(event, data) {
      eventChain = eventChain.then(() => kind.onEvent?.(deps, job, event, data));
    },
  };
  let eventChain: Promise<void> = Promise.resolve();

  try {
    const input = kind.prepare ? await kind.prepare(deps, job) : job.payload;
    if (controller.signal.aborted) throw new JobCancelled();
    const raw = kind.threadModule
      ? await deps.pool.run({
          module: kind.threadModule,
          input,
          attempt: job.attempts,
          limits: deps.config.limits,
          signal: controller.signal,
          onProgress: ctx.progress,
          onEvent: ctx.emit,
        })
      : await kind.inline!(deps, job, input, ctx);
    await eventChain;
    if (controller.signal.aborted) throw new JobCancelled();
    const result = kind.complete ? await kind.complete(deps, job, raw) : raw;
    return { type: 'done', result: result ?? null };
  } catch (err) {
    await eventChain.catch(() => undefined);
    const c = classify(err);
    if (c instanceof JobCancelled) return { type: 'cancelled' };
    return { type: 'failed', error: (c as JobFailure).message, permanent: (c as JobFailure).permanent };
  } finally {
    clearInterval(poll);
    if (writeTimer) clearTimeout(writeTimer);
    o.signal.removeEventListener('abort', abort);
  }
}

/** Exponential backoff: base, 2·base, 4·base, ... for attempts 1, 2, 3, ... */
export function retryDelay(baseMs: number, attempt: number): number {
  return baseMs * 2 ** Math.max(0, attempt - 1);
}
