// Distributed mode, worker side (`pineback worker`): takes jobs from BullMQ, runs each attempt
// through the shared executor (worker threads with limits), and writes state and results to
// PostgreSQL. A killed worker's job is detected as stalled by BullMQ and handed to another worker;
// the attempt counter in PostgreSQL makes a stale attempt's late writes no-ops, so a result is
// stored exactly once.
import { hostname } from 'node:os';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { ServerConfig } from '../config.js';
import { executeAttempt, retryDelay } from './executor.js';
import type { ExecutorDeps, KindRegistry } from './kinds.js';
import { QUEUE_NAME, redisConnection } from './redis.js';

export interface DistributedWorker {
  readonly name: string;
  close(): Promise<void>;
}

export interface WorkerTiming {
  /** How long a job lock lasts without renewal; a dead worker's job is retried after about this long. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
}

export function startDistributedWorker(deps: ExecutorDeps, kinds: KindRegistry, timing: WorkerTiming = {}): DistributedWorker {
  const config: ServerConfig = deps.config;
  const name = `${hostname()}:${process.pid}`;
  const jobs = deps.store.jobs;

  const processor = async (bj: Job<{ id: string }>, _token?: string, signal?: AbortSignal): Promise<unknown> => {
    const id = bj.data.id;
    const job = await jobs.start(id, name);
    if (!job) return { skipped: true }; // cancelled, finished or deleted meanwhile
    const controller = new AbortController();
    signal?.addEventListener('abort', () => controller.abort());
    const outcome = await executeAttempt({
      deps, kinds, job, signal: controller.signal,
      publish: () => undefined,
      onProgress: (percent, message) => void bj.updateProgress({ percent, message }).catch(() => undefined),
    });
    if (outcome.type === 'done') {
      await jobs.complete(id, job.attempts, outcome.result);
      return { ok: true };
    }
    if (outcome.type === 'cancelled') {
      await jobs.markCancelled(id);
      return { cancelled: true };
    }
    const bullAttempts = bj.opts.attempts ?? 1;
    const retry = !outcome.permanent && bj.attemptsMade + 1 < bullAttempts;
    await jobs.fail(id, job.attempts, outcome.error, retry ? Date.now() + retryDelay(config.limits.backoffMs, bj.attemptsMade + 1) : null);
    throw outcome.permanent || !retry ? new UnrecoverableError(outcome.error) : new Error(outcome.error);
  };

  const worker = new Worker(QUEUE_NAME, processor, {
    connection: redisConnection(config.redisUrl),
    prefix: config.queuePrefix,
    concurrency: config.concurrency,
    name,
    lockDuration: timing.lockDurationMs ?? 30_000,
    stalledInterval: timing.stalledIntervalMs ?? 30_000,
    maxStalledCount: config.limits.maxAttempts,
  });
  worker.on('error', (err) => deps.log('warn', 'worker connection error', err));
  worker.on('failed', (j, err) => deps.log('info', `job ${j?.id ?? '?'} attempt failed: ${err.message}`));
  return {
    name,
    close: async () => {
      await worker.close();
    },
  };
}
