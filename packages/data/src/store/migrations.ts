// Versioned schema migrations for both stores. Each version is applied once, in order, inside a
// transaction, and recorded in schema_migrations; stores apply the pending ones on open.
//
// Layout: symbols (syminfo) ← series (one per symbol + timeframe) ← bars / data_ranges / datasets.
// Times are BIGINT Unix ms so values round-trip exactly between DuckDB and PostgreSQL.

export type Dialect = 'duckdb' | 'postgres';

export interface Migration {
  version: number;
  name: string;
  sql: Record<Dialect, readonly string[]>;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'symbols, series, bars, data_ranges, datasets',
    sql: {
      duckdb: [
        `CREATE SEQUENCE symbols_id_seq START 1`,
        `CREATE SEQUENCE series_id_seq START 1`,
        `CREATE TABLE symbols (
           id INTEGER PRIMARY KEY DEFAULT nextval('symbols_id_seq'),
           exchange VARCHAR NOT NULL, ticker VARCHAR NOT NULL, type VARCHAR NOT NULL,
           currency VARCHAR NOT NULL, mintick DOUBLE NOT NULL, pointvalue DOUBLE NOT NULL,
           timezone VARCHAR NOT NULL, session VARCHAR NOT NULL, description VARCHAR NOT NULL,
           UNIQUE (exchange, ticker))`,
        `CREATE TABLE series (
           id INTEGER PRIMARY KEY DEFAULT nextval('series_id_seq'),
           symbol_id INTEGER NOT NULL REFERENCES symbols(id), timeframe VARCHAR NOT NULL,
           UNIQUE (symbol_id, timeframe))`,
        // No PRIMARY KEY on DuckDB bars: maintaining an ART index makes million-row loads 5-10x slower.
        // Uniqueness of (series_id, time) is kept by the store's only write path, which deletes the
        // batch's time span and appends the deduplicated batch in one transaction.
        `CREATE TABLE bars (
           series_id INTEGER NOT NULL, time BIGINT NOT NULL,
           open DOUBLE NOT NULL, high DOUBLE NOT NULL, low DOUBLE NOT NULL, close DOUBLE NOT NULL,
           volume DOUBLE)`,
        `CREATE TABLE data_ranges (
           series_id INTEGER NOT NULL, from_ms BIGINT NOT NULL, to_ms BIGINT NOT NULL,
           PRIMARY KEY (series_id, from_ms))`,
        `CREATE TABLE datasets (
           hash VARCHAR PRIMARY KEY, series_id INTEGER NOT NULL,
           from_ms BIGINT NOT NULL, to_ms BIGINT NOT NULL, bar_count BIGINT NOT NULL, created_at BIGINT NOT NULL)`,
      ],
      postgres: [
        `CREATE TABLE symbols (
           id SERIAL PRIMARY KEY,
           exchange TEXT NOT NULL, ticker TEXT NOT NULL, type TEXT NOT NULL,
           currency TEXT NOT NULL, mintick DOUBLE PRECISION NOT NULL, pointvalue DOUBLE PRECISION NOT NULL,
           timezone TEXT NOT NULL, session TEXT NOT NULL, description TEXT NOT NULL,
           UNIQUE (exchange, ticker))`,
        `CREATE TABLE series (
           id SERIAL PRIMARY KEY, symbol_id INTEGER NOT NULL REFERENCES symbols(id), timeframe TEXT NOT NULL,
           UNIQUE (symbol_id, timeframe))`,
        `CREATE TABLE bars (
           series_id INTEGER NOT NULL, time BIGINT NOT NULL,
           open DOUBLE PRECISION NOT NULL, high DOUBLE PRECISION NOT NULL, low DOUBLE PRECISION NOT NULL,
           close DOUBLE PRECISION NOT NULL, volume DOUBLE PRECISION,
           PRIMARY KEY (series_id, time))`,
        `CREATE TABLE data_ranges (
           series_id INTEGER NOT NULL REFERENCES series(id), from_ms BIGINT NOT NULL, to_ms BIGINT NOT NULL,
           PRIMARY KEY (series_id, from_ms))`,
        `CREATE TABLE datasets (
           hash TEXT PRIMARY KEY, series_id INTEGER NOT NULL REFERENCES series(id),
           from_ms BIGINT NOT NULL, to_ms BIGINT NOT NULL, bar_count BIGINT NOT NULL, created_at BIGINT NOT NULL)`,
      ],
    },
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export const MIGRATIONS_TABLE_SQL =
  'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR(200) NOT NULL, applied_at BIGINT NOT NULL)';

export function pendingMigrations(applied: readonly number[]): Migration[] {
  const done = new Set(applied);
  return MIGRATIONS.filter((m) => !done.has(m.version));
}
