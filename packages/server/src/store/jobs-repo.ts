// Persistence of job state. Every transition is a single conditional UPDATE, so a late message
// from a stale attempt (a killed worker, a retried job) can never overwrite a newer outcome.
import type { JobRecord, JobStatus, NewJob } from '../jobs/types.js';
import { fromJson, toJson, type Row, type SqlDb } from './sql.js';

export interface JobListFilter {
  kind?: string;
  status?: JobStatus;
  limit: number;
  offset: number;
}

export class JobsRepo {
  constructor(private readonly db: SqlDb) {}

  async insert(job: NewJob, now = Date.now()): Promise<void> {
    await this.db.query(
      `INSERT INTO jobs (id, kind, payload, status, progress, message, attempts, max_attempts, run_after,
         cancel_requested, result, error, worker, created_at, started_at, finished_at, updated_at)
       VALUES ($1, $2, $3, 'queued', 0, NULL, 0, $4, $5, FALSE, NULL, NULL, NULL, $5, NULL, NULL, $5)`,
      [job.id, job.kind, toJson(job.payload), job.maxAttempts, now],
    );
  }

  async get(id: string): Promise<JobRecord | null> {
    const rows = await this.db.query('SELECT * FROM jobs WHERE id = $1', [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async list(f: JobListFilter): Promise<{ items: JobRecord[]; total: number }> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (f.kind) where.push(`kind = $${params.push(f.kind)}`);
    if (f.status) where.push(`status = $${params.push(f.status)}`);
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = await this.db.query<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM jobs ${w}`, params);
    const rows = await this.db.query(
      `SELECT * FROM jobs ${w} ORDER BY created_at DESC, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, f.limit, f.offset],
    );
    return { items: rows.map(toRecord), total: Number(total[0]?.n ?? 0) };
  }

  /** Queued jobs whose retry delay has passed, oldest first (embedded scheduler). */
  async due(now: number, limit: number, kinds: readonly string[] | null = null): Promise<JobRecord[]> {
    const params: (string | number)[] = [now, limit];
    const k = kinds ? `AND kind IN (${kinds.map((x) => `$${params.push(x)}`).join(', ')})` : '';
    const rows = await this.db.query(
      `SELECT * FROM jobs WHERE status = 'queued' AND run_after <= $1 ${k} ORDER BY created_at, id LIMIT $2`,
      params,
    );
    return rows.map(toRecord);
  }

  /** Earliest run_after among queued jobs, so the scheduler can sleep until then. */
  async nextRunAfter(): Promise<number | null> {
    const rows = await this.db.query<{ t: number | null }>(`SELECT min(run_after) AS t FROM jobs WHERE status = 'queued'`);
    return rows[0]?.t ?? null;
  }

  /** queued → running, counting the attempt. Null when the job is no longer runnable. */
  async start(id: string, worker: string, now = Date.now()): Promise<JobRecord | null> {
    const rows = await this.db.query(
      `UPDATE jobs SET status = 'running', attempts = attempts + 1, worker = $2, started_at = $3, updated_at = $3,
         progress = 0, message = NULL, error = NULL
       WHERE id = $1 AND status IN ('queued', 'running') AND cancel_requested = FALSE RETURNING *`,
      [id, worker, now],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async setProgress(id: string, attempt: number, progress: number, message: string | null): Promise<void> {
    await this.db.query(
      `UPDATE jobs SET progress = $3, message = $4, updated_at = $5 WHERE id = $1 AND attempts = $2 AND status = 'running'`,
      [id, attempt, Math.max(0, Math.min(100, progress)), message, Date.now()],
    );
  }

  /** running → done for this attempt; false when another attempt or a cancellation got there first. */
  async complete(id: string, attempt: number, result: unknown, now = Date.now()): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE jobs SET status = 'done', progress = 100, result = $3, finished_at = $4, updated_at = $4, message = NULL
       WHERE id = $1 AND attempts = $2 AND status = 'running' RETURNING id`,
      [id, attempt, toJson(result), now],
    );
    return rows.length === 1;
  }

  /** running → queued (retry at runAfter) or failed. */
  async fail(id: string, attempt: number, error: string, retryAt: number | null, now = Date.now()): Promise<JobStatus | null> {
    const rows = await this.db.query<{ status: JobStatus }>(
      retryAt === null
        ? `UPDATE jobs SET status = 'failed', error = $3, finished_at = $4, updated_at = $4
           WHERE id = $1 AND attempts = $2 AND status = 'running' RETURNING status`
        : `UPDATE jobs SET status = 'queued', error = $3, run_after = $5, updated_at = $4, progress = 0
           WHERE id = $1 AND attempts = $2 AND status = 'running' RETURNING status`,
      retryAt === null ? [id, attempt, error, now] : [id, attempt, error, now, retryAt],
    );
    return rows[0]?.status ?? null;
  }

  /** Queued jobs are cancelled at once; running ones get a flag the executor watches. */
  async requestCancel(id: string, now = Date.now()): Promise<JobStatus | null> {
    const q = await this.db.query<{ status: JobStatus }>(
      `UPDATE jobs SET status = 'cancelled', cancel_requested = TRUE, finished_at = $2, updated_at = $2
       WHERE id = $1 AND status = 'queued' RETURNING status`,
      [id, now],
    );
    if (q.length) return 'cancelled';
    await this.db.query(`UPDATE jobs SET cancel_requested = TRUE, updated_at = $2 WHERE id = $1 AND status = 'running'`, [id, now]);
    const j = await this.get(id);
    return j?.status ?? null;
  }

  async markCancelled(id: string, now = Date.now()): Promise<void> {
    await this.db.query(
      `UPDATE jobs SET status = 'cancelled', finished_at = $2, updated_at = $2 WHERE id = $1 AND status IN ('queued', 'running')`,
      [id, now],
    );
  }

  /** Graceful shutdown: hand a running attempt back to the queue without counting it. */
  async release(id: string, attempt: number, now = Date.now()): Promise<void> {
    await this.db.query(
      `UPDATE jobs SET status = 'queued', attempts = attempts - 1, progress = 0, run_after = $3, updated_at = $3
       WHERE id = $1 AND attempts = $2 AND status = 'running' AND cancel_requested = FALSE`,
      [id, attempt, now],
    );
  }

  async isCancelRequested(id: string): Promise<boolean> {
    const rows = await this.db.query<{ c: boolean }>('SELECT cancel_requested AS c FROM jobs WHERE id = $1', [id]);
    return rows[0]?.c === true;
  }

  /**
   * After an embedded restart, jobs left 'running' were interrupted: the attempt counts, and they go
   * back to the queue (or fail when their attempts are used up). Returns how many were requeued.
   */
  async recoverInterrupted(kinds: readonly string[] | null = null, now = Date.now()): Promise<number> {
    const params: (string | number)[] = [now];
    const k = kinds ? `AND kind IN (${kinds.map((x) => `$${params.push(x)}`).join(', ')})` : '';
    await this.db.query(
      `UPDATE jobs SET status = 'failed', error = 'interrupted by a restart and out of attempts', finished_at = $1, updated_at = $1
       WHERE status = 'running' AND attempts >= max_attempts ${k}`,
      params,
    );
    await this.db.query(`UPDATE jobs SET status = 'cancelled', finished_at = $1, updated_at = $1 WHERE status = 'running' AND cancel_requested = TRUE ${k}`, params);
    const rows = await this.db.query(
      `UPDATE jobs SET status = 'queued', run_after = $1, updated_at = $1, progress = 0,
         error = 'interrupted by a restart; retrying' WHERE status = 'running' ${k} RETURNING id`,
      params,
    );
    return rows.length;
  }

  async delete(id: string): Promise<boolean> {
    const rows = await this.db.query('DELETE FROM jobs WHERE id = $1 RETURNING id', [id]);
    return rows.length === 1;
  }
}

function toRecord(r: Row): JobRecord {
  return {
    id: String(r.id),
    kind: String(r.kind),
    payload: fromJson(r.payload),
    status: r.status as JobStatus,
    progress: Number(r.progress),
    message: (r.message as string | null) ?? null,
    attempts: Number(r.attempts),
    maxAttempts: Number(r.max_attempts),
    runAfter: Number(r.run_after),
    cancelRequested: r.cancel_requested === true,
    result: fromJson(r.result),
    error: (r.error as string | null) ?? null,
    worker: (r.worker as string | null) ?? null,
    createdAt: Number(r.created_at),
    startedAt: r.started_at == null ? null : Number(r.started_at),
    finishedAt: r.finished_at == null ? null : Number(r.finished_at),
    updatedAt: Number(r.updated_at),
  };
}
