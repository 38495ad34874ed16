// Table definitions shared by DuckDB and PostgreSQL (portable types only; JSON kept as TEXT,
// times as Unix ms in DOUBLE PRECISION). Creating is idempotent, so it runs on every start.
import type { SqlDb } from './sql.js';

const TABLES = [
  `CREATE TABLE IF NOT EXISTS strategies (
     id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, latest_version INTEGER NOT NULL,
     created_at DOUBLE PRECISION NOT NULL, updated_at DOUBLE PRECISION NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS strategy_versions (
     strategy_id TEXT NOT NULL, name TEXT NOT NULL, version INTEGER NOT NULL, source TEXT NOT NULL,
     inputs TEXT, diagnostics TEXT, created_at DOUBLE PRECISION NOT NULL,
     PRIMARY KEY (strategy_id, version), UNIQUE (name, version))`,
  // The job table is the status record in both modes; in embedded mode it is also the queue.
  `CREATE TABLE IF NOT EXISTS jobs (
     id TEXT PRIMARY KEY, kind TEXT NOT NULL, payload TEXT NOT NULL, status TEXT NOT NULL,
     progress DOUBLE PRECISION NOT NULL, message TEXT, attempts INTEGER NOT NULL, max_attempts INTEGER NOT NULL,
     run_after DOUBLE PRECISION NOT NULL, cancel_requested BOOLEAN NOT NULL, result TEXT, error TEXT,
     worker TEXT, created_at DOUBLE PRECISION NOT NULL, started_at DOUBLE PRECISION,
     finished_at DOUBLE PRECISION, updated_at DOUBLE PRECISION NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS backtests (
     id TEXT PRIMARY KEY, strategy_id TEXT, strategy_version INTEGER, label TEXT, request TEXT NOT NULL,
     script_hash TEXT NOT NULL, cache_key TEXT, dataset_hash TEXT, result TEXT,
     created_at DOUBLE PRECISION NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS optimizations (
     id TEXT PRIMARY KEY, request TEXT NOT NULL, created_at DOUBLE PRECISION NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS optimization_iterations (
     optimization_id TEXT NOT NULL, idx INTEGER NOT NULL, win INTEGER NOT NULL, phase TEXT NOT NULL,
     inputs TEXT NOT NULL, metrics TEXT, score DOUBLE PRECISION, passed BOOLEAN NOT NULL, error TEXT,
     created_at DOUBLE PRECISION NOT NULL, PRIMARY KEY (optimization_id, idx, win, phase))`,
  `CREATE TABLE IF NOT EXISTS audit_log (
     id TEXT PRIMARY KEY, at_ms DOUBLE PRECISION NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
     entity TEXT NOT NULL, entity_id TEXT, detail TEXT)`,
];

export async function createTables(db: SqlDb): Promise<void> {
  for (const ddl of TABLES) await db.query(ddl);
}
