// Opens the service database (DuckDB under $PINEBACK_HOME, or PostgreSQL when a URL is configured)
// and exposes one repository per resource.
import { join } from 'node:path';
import type { ServerConfig } from '../config.js';
import { AuditRepo } from './audit-repo.js';
import { BacktestsRepo } from './backtests-repo.js';
import { openDuckDb } from './duckdb.js';
import { JobsRepo } from './jobs-repo.js';
import { OptimizationsRepo } from './optimizations-repo.js';
import { openPostgres } from './postgres.js';
import { createTables } from './schema.js';
import type { SqlDb } from './sql.js';
import { StrategiesRepo } from './strategies-repo.js';

export interface Store {
  db: SqlDb;
  jobs: JobsRepo;
  strategies: StrategiesRepo;
  backtests: BacktestsRepo;
  optimizations: OptimizationsRepo;
  audit: AuditRepo;
  close(): Promise<void>;
}

export async function openStore(config: Pick<ServerConfig, 'home' | 'databaseUrl' | 'pgSchema'>): Promise<Store> {
  const db = config.databaseUrl
    ? await openPostgres(config.databaseUrl, config.pgSchema, createTables)
    : await openDuckDb(join(config.home, 'service.duckdb'));
  if (!config.databaseUrl) await createTables(db);
  return {
    db,
    jobs: new JobsRepo(db),
    strategies: new StrategiesRepo(db),
    backtests: new BacktestsRepo(db),
    optimizations: new OptimizationsRepo(db),
    audit: new AuditRepo(db),
    close: () => db.close(),
  };
}
