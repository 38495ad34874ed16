// Backtest records. Status and progress live in the job table (job id = backtest id); this table
// keeps the request, the cache key that makes identical submissions reuse a result, and the result.
import type { JobStatus } from '../jobs/types.js';
import { fromJson, toJson, type Row, type SqlDb } from './sql.js';

export interface BacktestRow {
  id: string;
  strategyId: string | null;
  strategyVersion: number | null;
  label: string | null;
  request: unknown;
  scriptHash: string;
  cacheKey: string | null;
  datasetHash: string | null;
  createdAt: number;
  status: JobStatus;
  progress: number;
  message: string | null;
  error: string | null;
  attempts: number;
  finishedAt: number | null;
}

export interface BacktestFilter {
  status?: JobStatus;
  strategyId?: string;
  label?: string;
  limit: number;
  offset: number;
}

const COLUMNS = `b.id, b.strategy_id, b.strategy_version, b.label, b.request, b.script_hash, b.cache_key, b.dataset_hash,
  b.created_at, j.status, j.progress, j.message, j.error, j.attempts, j.finished_at`;

export class BacktestsRepo {
  constructor(private readonly db: SqlDb) {}

  async insert(b: { id: string; strategyId: string | null; strategyVersion: number | null; label: string | null; request: unknown; scriptHash: string; cacheKey: string | null; datasetHash: string | null }): Promise<void> {
    await this.db.query(
      `INSERT INTO backtests (id, strategy_id, strategy_version, label, request, script_hash, cache_key, dataset_hash, result, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, $9)`,
      [b.id, b.strategyId, b.strategyVersion, b.label, toJson(b.request), b.scriptHash, b.cacheKey, b.datasetHash, Date.now()],
    );
  }

  async get(id: string): Promise<BacktestRow | null> {
    const rows = await this.db.query(`SELECT ${COLUMNS} FROM backtests b JOIN jobs j ON j.id = b.id WHERE b.id = $1`, [id]);
    return rows[0] ? toRow(rows[0]) : null;
  }

  async result<T>(id: string): Promise<T | null> {
    const rows = await this.db.query('SELECT result FROM backtests WHERE id = $1', [id]);
    return rows[0] ? fromJson<T>(rows[0].result) : null;
  }

  /** Idempotent: a retried attempt writes the same result again. */
  async saveResult(id: string, result: unknown, datasetHash: string | null, cacheKey: string | null): Promise<void> {
    await this.saveResultJson(id, toJson(result), datasetHash, cacheKey);
  }

  /** saveResult for a result already serialised (by the job thread, off the server's main thread). */
  async saveResultJson(id: string, resultJson: string | null, datasetHash: string | null, cacheKey: string | null): Promise<void> {
    await this.db.query('UPDATE backtests SET result = $2, dataset_hash = $3, cache_key = $4 WHERE id = $1', [id, resultJson, datasetHash, cacheKey]);
  }

  /** A finished backtest with this cache key, if any. */
  async findDone(cacheKey: string): Promise<BacktestRow | null> {
    const rows = await this.db.query(
      `SELECT ${COLUMNS} FROM backtests b JOIN jobs j ON j.id = b.id WHERE b.cache_key = $1 AND j.status = 'done' AND b.result IS NOT NULL
       ORDER BY b.created_at LIMIT 1`,
      [cacheKey],
    );
    return rows[0] ? toRow(rows[0]) : null;
  }

  async list(f: BacktestFilter): Promise<{ items: BacktestRow[]; total: number }> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (f.status) where.push(`j.status = $${params.push(f.status)}`);
    if (f.strategyId) where.push(`b.strategy_id = $${params.push(f.strategyId)}`);
    if (f.label) where.push(`b.label = $${params.push(f.label)}`);
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = await this.db.query<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM backtests b JOIN jobs j ON j.id = b.id ${w}`, params);
    const rows = await this.db.query(
      `SELECT ${COLUMNS} FROM backtests b JOIN jobs j ON j.id = b.id ${w} ORDER BY b.created_at DESC, b.id
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, f.limit, f.offset],
    );
    return { items: rows.map(toRow), total: Number(total[0]?.n ?? 0) };
  }

  async delete(id: string): Promise<boolean> {
    const rows = await this.db.query('DELETE FROM backtests WHERE id = $1 RETURNING id', [id]);
    return rows.length === 1;
  }
}

function toRow(r: Row): BacktestRow {
  return {
    id: String(r.id),
    strategyId: (r.strategy_id as string | null) ?? null,
    strategyVersion: r.strategy_version == null ? null : Number(r.strategy_version),
    label: (r.label as string | null) ?? null,
    request: fromJson(r.request),
    scriptHash: String(r.script_hash),
    cacheKey: (r.cache_key as string | null) ?? null,
    datasetHash: (r.dataset_hash as string | null) ?? null,
    createdAt: Number(r.created_at),
    status: r.status as JobStatus,
    progress: Number(r.progress),
    message: (r.message as string | null) ?? null,
    error: (r.error as string | null) ?? null,
    attempts: Number(r.attempts),
    finishedAt: r.finished_at == null ? null : Number(r.finished_at),
  };
}
