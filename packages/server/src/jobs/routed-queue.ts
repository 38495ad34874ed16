// Distributed mode's queue as the API sees it: most kinds go to BullMQ workers, but kinds that
// need this machine's disk (CSV imports of files uploaded to this server) run in this process.
import type { BullQueue } from './bullmq-queue.js';
import type { EmbeddedQueue } from './embedded-queue.js';
import type { JobEvent, JobQueue, JobStatus, NewJob } from './types.js';

export const LOCAL_KINDS = ['data.import'] as const;

export class RoutedQueue implements JobQueue {
  readonly mode = 'distributed' as const;
  constructor(
    private readonly remote: BullQueue,
    private readonly local: EmbeddedQueue,
  ) {}

  async start(): Promise<void> {
    await this.remote.start();
    await this.local.start();
  }

  enqueue(job: NewJob): Promise<void> {
    return (LOCAL_KINDS as readonly string[]).includes(job.kind) ? this.local.enqueue(job) : this.remote.enqueue(job);
  }

  /** Both sides share the job table: the remote side also takes a queued job out of Redis, the local side stops a running import at once. */
  async cancel(id: string): Promise<JobStatus | null> {
    await this.remote.cancel(id);
    return this.local.cancel(id);
  }

  subscribe(id: string, fn: (e: JobEvent) => void): () => void {
    const a = this.local.subscribe(id, fn);
    const b = this.remote.subscribe(id, fn);
    return () => (a(), b());
  }

  async close(): Promise<void> {
    await this.local.close();
    await this.remote.close();
  }
}
