// Optimisation runs and every iteration they evaluate. Iterations are keyed by
// (optimisation, index, window, phase), so a retried attempt re-inserting one is a no-op.
import type { JobStatus } from '../jobs/types.js';
import { fromJson, toJson, type Row, type SqlDb } from './sql.js';

export interface IterationRow {
  idx: number;
  window: number;
  phase: 'full' | 'in_sample' | 'out_of_sample';
  inputs: Record<string, unknown>;
  metrics: Record<string, number | null> | null;
  score: number | null;
  passed: boolean;
  error: string | null;
}

export interface OptimizationRow {
  id: string;
  request: unknown;
  createdAt: number;
  status: JobStatus;
  progress: number;
  error: string | null;
}

export class OptimizationsRepo {
  constructor(private readonly db: SqlDb) {}

  async insert(id: string, request: unknown): Promise<void> {
    await this.db.query('INSERT INTO optimizations (id, request, created_at) VALUES ($1, $2, $3)', [id, toJson(request), Date.now()]);
  }

  async get(id: string): Promise<OptimizationRow | null> {
    const rows = await this.db.query(
      'SELECT o.id, o.request, o.created_at, j.status, j.progress, j.error FROM optimizations o JOIN jobs j ON j.id = o.id WHERE o.id = $1',
      [id],
    );
    const r = rows[0];
    return r
      ? { id: String(r.id), request: fromJson(r.request), createdAt: Number(r.created_at), status: r.status as JobStatus, progress: Number(r.progress), error: (r.error as string | null) ?? null }
      : null;
  }

  async list(limit: number, offset: number): Promise<{ items: OptimizationRow[]; total: number }> {
    const total = await this.db.query<{ n: number }>('SELECT CAST(count(*) AS INTEGER) AS n FROM optimizations');
    const rows = await this.db.query(
      `SELECT o.id, o.request, o.created_at, j.status, j.progress, j.error FROM optimizations o JOIN jobs j ON j.id = o.id
       ORDER BY o.created_at DESC, o.id LIMIT $1 OFFSET $2`,
      [limit, offset],
    );
    return {
      items: rows.map((r) => ({ id: String(r.id), request: fromJson(r.request), createdAt: Number(r.created_at), status: r.status as JobStatus, progress: Number(r.progress), error: (r.error as string | null) ?? null })),
      total: Number(total[0]?.n ?? 0),
    };
  }

  async addIteration(id: string, it: IterationRow): Promise<void> {
    await this.db.query(
      `INSERT INTO optimization_iterations (optimization_id, idx, win, phase, inputs, metrics, score, passed, error, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING`,
      [id, it.idx, it.window, it.phase, toJson(it.inputs)!, toJson(it.metrics), it.score, it.passed, it.error, Date.now()],
    );
  }

  /** Many iterations in one statement (a sweep's batches); rows already stored are skipped as in addIteration. */
  async addIterations(id: string, its: readonly IterationRow[]): Promise<void> {
    if (its.length === 0) return;
    const now = Date.now();
    const params: (string | number | boolean | null)[] = [];
    const tuples = its.map((it) => {
      const base = params.push(id, it.idx, it.window, it.phase, toJson(it.inputs)!, toJson(it.metrics), it.score, it.passed, it.error, now) - 10;
      return `(${Array.from({ length: 10 }, (_, k) => `$${base + k + 1}`).join(', ')})`;
    });
    await this.db.query(
      `INSERT INTO optimization_iterations (optimization_id, idx, win, phase, inputs, metrics, score, passed, error, created_at)
       VALUES ${tuples.join(', ')} ON CONFLICT DO NOTHING`,
      params,
    );
  }

  /** Iterations ranked: passing constraints first, then by score (higher is better), then index. */
  async iterations(id: string, phase: IterationRow['phase'] | undefined, limit: number, offset: number): Promise<{ items: IterationRow[]; total: number }> {
    const params: (string | number)[] = [id];
    const w = phase ? `AND phase = $${params.push(phase)}` : '';
    const total = await this.db.query<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM optimization_iterations WHERE optimization_id = $1 ${w}`, params);
    const rows = await this.db.query(
      `SELECT * FROM optimization_iterations WHERE optimization_id = $1 ${w}
       ORDER BY CASE WHEN passed THEN 0 ELSE 1 END, CASE WHEN score IS NULL THEN 1 ELSE 0 END, score DESC, win, idx
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, limit, offset],
    );
    return { items: rows.map(toIteration), total: Number(total[0]?.n ?? 0) };
  }

  async delete(id: string): Promise<boolean> {
    await this.db.query('DELETE FROM optimization_iterations WHERE optimization_id = $1', [id]);
    const rows = await this.db.query('DELETE FROM optimizations WHERE id = $1 RETURNING id', [id]);
    return rows.length === 1;
  }
}

function toIteration(r: Row): IterationRow {
  return {
    idx: Number(r.idx),
    window: Number(r.win),
    phase: r.phase as IterationRow['phase'],
    inputs: fromJson<Record<string, unknown>>(r.inputs) ?? {},
    metrics: fromJson<Record<string, number | null>>(r.metrics),
    score: r.score == null ? null : Number(r.score),
    passed: r.passed === true,
    error: (r.error as string | null) ?? null,
  };
}
