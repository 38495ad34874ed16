// Job records and the contracts between the queue, the executor and job kinds.
export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
export const TERMINAL: readonly JobStatus[] = ['done', 'failed', 'cancelled'];

export interface JobRecord {
  id: string;
  kind: string;
  payload: unknown;
  status: JobStatus;
  /** 0–100. */
  progress: number;
  message: string | null;
  attempts: number;
  maxAttempts: number;
  /** Unix ms before which a queued job (waiting for a retry) must not start. */
  runAfter: number;
  cancelRequested: boolean;
  result: unknown;
  error: string | null;
  worker: string | null;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  updatedAt: number;
}

export interface NewJob {
  id: string;
  kind: string;
  payload: unknown;
  maxAttempts: number;
}

/** Fired by queues (and fed to WebSocket/SSE subscribers) whenever a job's visible state changes. */
export interface JobEvent {
  id: string;
  status: JobStatus;
  progress: number;
  message: string | null;
  error?: string | null;
}

/** What the API needs from a queue, whatever runs the jobs (in-process pool or BullMQ workers). */
export interface JobQueue {
  readonly mode: 'embedded' | 'distributed';
  enqueue(job: NewJob): Promise<void>;
  /** Cancels a queued job at once, or asks the worker running it to stop; returns the status after the request. */
  cancel(id: string): Promise<JobStatus | null>;
  /** Subscribes to state changes of one job (or all jobs with id '*'); returns the unsubscribe function. */
  subscribe(id: string, fn: (e: JobEvent) => void): () => void;
  close(): Promise<void>;
}
