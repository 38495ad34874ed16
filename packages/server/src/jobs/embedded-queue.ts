// Embedded mode: the job table (DuckDB or PostgreSQL) is the queue and a bounded set of worker
// threads in this process runs it. State survives restarts: on start, attempts that were running
// when the process died are requeued (the attempt counts), and queued jobs simply run.
import { hostname } from 'node:os';
import { executeAttempt, retryDelay } from './executor.js';
import { JobHub } from './hub.js';
import type { ExecutorDeps, KindRegistry } from './kinds.js';
import type { JobEvent, JobQueue, JobRecord, JobStatus, NewJob } from './types.js';

const IDLE_POLL_MS = 500;

export class EmbeddedQueue implements JobQueue {
  readonly mode = 'embedded' as const;
  readonly hub = new JobHub();
  private readonly running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  private readonly workerName = `${hostname()}:${process.pid}:embedded`;
  private timer: NodeJS.Timeout | null = null;
  private pumping = false;
  private again = false;
  private closed = false;
  private shuttingDown = false;

  /**
   * @param only restricts the queue to these kinds (distributed mode runs uploads' imports in the
   *   server process, where the uploaded file is); null = every kind in the registry.
   */
  constructor(
    private readonly deps: ExecutorDeps,
    private readonly kinds: KindRegistry,
    private readonly only: readonly string[] | null = null,
  ) {}

  async start(): Promise<void> {
    await this.deps.store.jobs.recoverInterrupted(this.only);
    this.schedule(0);
  }

  async enqueue(job: NewJob): Promise<void> {
    if (!this.kinds.has(job.kind) || (this.only && !this.only.includes(job.kind))) throw new Error(`unknown job kind "${job.kind}"`);
    await this.deps.store.jobs.insert(job);
    this.publish({ id: job.id, status: 'queued', progress: 0, message: null });
    this.schedule(0);
  }

  async cancel(id: string): Promise<JobStatus | null> {
    const status = await this.deps.store.jobs.requestCancel(id);
    this.running.get(id)?.controller.abort();
    if (status === 'cancelled') this.publish({ id, status, progress: 0, message: null });
    return status;
  }

  subscribe(id: string, fn: (e: JobEvent) => void): () => void {
    return this.hub.subscribe(id, fn);
  }

  /** Stops taking jobs; running attempts are stopped and handed back to the queue for the next start. */
  async close(): Promise<void> {
    this.closed = true;
    this.shuttingDown = true;
    if (this.timer) clearTimeout(this.timer);
    for (const r of this.running.values()) r.controller.abort();
    await Promise.all([...this.running.values()].map((r) => r.done));
  }

  private publish(e: JobEvent): void {
    this.hub.publish(e);
  }

  private schedule(delay: number): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.pump(), delay);
  }

  private async pump(): Promise<void> {
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.again = false;
        const free = this.deps.config.concurrency - this.running.size;
        if (free <= 0 || this.closed) break;
        const due = (await this.deps.store.jobs.due(Date.now(), free + this.running.size, this.only)).filter((j) => !this.running.has(j.id));
        for (const j of due.slice(0, free)) {
          const started = await this.deps.store.jobs.start(j.id, this.workerName);
          if (started) this.launch(started);
        }
      } while (this.again);
    } catch (err) {
      this.deps.log('error', 'job scheduler failed; retrying', err);
    } finally {
      this.pumping = false;
      this.schedule(IDLE_POLL_MS);
    }
  }

  private launch(job: JobRecord): void {
    const controller = new AbortController();
    this.publish({ id: job.id, status: 'running', progress: 0, message: null });
    const done = this.runAttempt(job, controller).finally(() => {
      this.running.delete(job.id);
      this.schedule(0);
    });
    this.running.set(job.id, { controller, done });
  }

  private async runAttempt(job: JobRecord, controller: AbortController): Promise<void> {
    const jobs = this.deps.store.jobs;
    const outcome = await executeAttempt({ deps: this.deps, kinds: this.kinds, job, signal: controller.signal, publish: (e) => this.publish(e) });
    try {
      if (outcome.type === 'done') {
        if (await jobs.complete(job.id, job.attempts, outcome.result)) this.publish({ id: job.id, status: 'done', progress: 100, message: null });
      } else if (outcome.type === 'cancelled') {
        if (this.shuttingDown && !(await jobs.isCancelRequested(job.id))) {
          await jobs.release(job.id, job.attempts);
          return;
        }
        await jobs.markCancelled(job.id);
        this.publish({ id: job.id, status: 'cancelled', progress: 0, message: null });
      } else {
        const retry = !outcome.permanent && job.attempts < job.maxAttempts;
        const retryAt = retry ? Date.now() + retryDelay(this.deps.config.limits.backoffMs, job.attempts) : null;
        const status = await jobs.fail(job.id, job.attempts, outcome.error, retryAt);
        if (status) this.publish({ id: job.id, status, progress: 0, message: null, error: outcome.error });
        if (retryAt !== null) this.schedule(retryAt - Date.now());
      }
    } catch (err) {
      this.deps.log('error', `could not record the outcome of job ${job.id}`, err);
    }
  }
}
