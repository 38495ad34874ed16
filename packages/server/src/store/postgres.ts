// PostgreSQL-backed SqlDb (distributed mode, or embedded mode with a shared database). All tables
// live in one schema (config.pgSchema) selected through the connection's search_path.
import pg from 'pg';
import type { Row, SqlDb, SqlValue } from './sql.js';

/**
 * @param migrate creates/updates the tables; it runs under a PostgreSQL advisory lock so that a
 * server and several workers starting at once on a fresh schema don't race on the same DDL.
 */
export async function openPostgres(url: string, schema: string, migrate?: (db: SqlDb) => Promise<void>): Promise<SqlDb> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid PostgreSQL schema name "${schema}"`);
  const pool = new pg.Pool({ connectionString: url, max: 8, options: `-c search_path=${schema}` });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const db = poolDb(pool);
  const lock = await pool.connect();
  const key = `pineback-migrate:${schema}`;
  try {
    await lock.query('SELECT pg_advisory_lock(hashtext($1))', [key]);
    await lock.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    if (migrate) await migrate(db);
  } finally {
    await lock.query('SELECT pg_advisory_unlock(hashtext($1))', [key]).catch(() => undefined);
    lock.release();
  }
  return db;
}

function poolDb(pool: pg.Pool): SqlDb {
  const normalise = (rows: Row[]): Row[] => rows;
  return {
    dialect: 'postgres',
    query: async <T extends Row>(sql: string, params: readonly SqlValue[] = []) =>
      normalise((await pool.query(sql, params as SqlValue[])).rows) as T[],
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn({
          dialect: 'postgres',
          query: async <T extends Row>(sql: string, params: readonly SqlValue[] = []) =>
            (await client.query(sql, params as SqlValue[])).rows as T[],
        });
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
