// Distributed mode, server side: job state lives in PostgreSQL (the job table), delivery and
// retries in BullMQ on Redis. Workers (`pineback worker`, any machine) report progress to both;
// this side relays BullMQ events to WebSocket/SSE subscribers. A reconciler re-adds queued jobs
// that Redis lost (e.g. Redis restarted without persistence), so nothing queued is dropped.
import { Queue, QueueEvents } from 'bullmq';
import type { ServerConfig } from '../config.js';
import type { Store } from '../store/index.js';
import { JobHub } from './hub.js';
import { QUEUE_NAME, redisConnection } from './redis.js';
import type { JobEvent, JobQueue, JobStatus, NewJob } from './types.js';

const ADD_TIMEOUT_MS = 5_000;
const RECONCILE_MS = 15_000;

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms (is Redis reachable?)`)), ms);
    p.then((v) => (clearTimeout(t), resolve(v)), (e: unknown) => (clearTimeout(t), reject(e)));
  });
}

export class BullQueue implements JobQueue {
  readonly mode = 'distributed' as const;
  readonly hub = new JobHub();
  private readonly queue: Queue;
  private readonly events: QueueEvents;
  private reconcileTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: Store,
    private readonly config: ServerConfig,
    private readonly log: (level: 'info' | 'warn' | 'error', msg: string, err?: unknown) => void,
  ) {
    const connection = redisConnection(config.redisUrl);
    this.queue = new Queue(QUEUE_NAME, { connection, prefix: config.queuePrefix });
    this.events = new QueueEvents(QUEUE_NAME, { connection, prefix: config.queuePrefix });
    this.queue.on('error', (err) => this.log('warn', 'queue connection error', err));
    this.events.on('error', (err) => this.log('warn', 'queue events connection error', err));
    this.events.on('progress', ({ jobId, data }) => {
      const d = data as { percent?: number; message?: string | null };
      this.hub.publish({ id: jobId, status: 'running', progress: Number(d?.percent ?? 0), message: d?.message ?? null });
    });
    for (const ev of ['active', 'completed', 'failed', 'retries-exhausted', 'removed', 'stalled'] as const) {
      this.events.on(ev, ({ jobId }: { jobId: string }) => void this.publishFromStore(jobId));
    }
  }

  async start(): Promise<void> {
    this.reconcileTimer = setInterval(() => void this.reconcile(), RECONCILE_MS);
    void this.reconcile();
  }

  private async publishFromStore(id: string): Promise<void> {
    const j = await this.store.jobs.get(id).catch(() => null);
    if (j) this.hub.publish({ id, status: j.status, progress: j.progress, message: j.message, error: j.error });
  }

  private add(job: { id: string; kind: string; maxAttempts: number }): Promise<unknown> {
    return withTimeout(
      this.queue.add(job.kind, { id: job.id }, {
        jobId: job.id,
        attempts: job.maxAttempts,
        backoff: { type: 'exponential', delay: this.config.limits.backoffMs },
        removeOnComplete: { age: 24 * 3600, count: 10_000 },
        removeOnFail: { age: 7 * 24 * 3600 },
      }),
      ADD_TIMEOUT_MS,
      'adding the job to Redis',
    );
  }

  async enqueue(job: NewJob): Promise<void> {
    await this.store.jobs.insert(job);
    try {
      await this.add(job);
    } catch (err) {
      await this.store.jobs.delete(job.id).catch(() => undefined);
      throw err;
    }
    this.hub.publish({ id: job.id, status: 'queued', progress: 0, message: null });
  }

  async cancel(id: string): Promise<JobStatus | null> {
    const status = await this.store.jobs.requestCancel(id);
    if (status === 'cancelled') {
      // Still waiting in Redis: take it out so no worker picks it up (a worker would skip it anyway).
      await withTimeout(this.queue.remove(id), ADD_TIMEOUT_MS, 'removing the job').catch(() => undefined);
      this.hub.publish({ id, status: 'cancelled', progress: 0, message: null });
    }
    return status;
  }

  subscribe(id: string, fn: (e: JobEvent) => void): () => void {
    return this.hub.subscribe(id, fn);
  }

  /** Queued jobs in PostgreSQL that BullMQ does not know (any more) are added again. */
  async reconcile(): Promise<void> {
    try {
      const queued = await this.store.jobs.list({ status: 'queued', limit: 500, offset: 0 });
      for (const j of queued.items) {
        if (Date.now() - j.updatedAt < RECONCILE_MS) continue;
        const existing = await withTimeout(this.queue.getJob(j.id), ADD_TIMEOUT_MS, 'looking up the job');
        if (!existing) {
          this.log('warn', `job ${j.id} was queued but missing from Redis; re-adding it`);
          await this.add(j);
        }
      }
    } catch (err) {
      this.log('warn', 'queue reconciliation failed; will retry', err);
    }
  }

  async close(): Promise<void> {
    if (this.reconcileTimer) clearInterval(this.reconcileTimer);
    await Promise.allSettled([this.events.close(), this.queue.close()]);
  }
}
