// DuckDB-backed SqlDb for embedded mode: one file under $PINEBACK_HOME, one connection, and a
// promise chain so statements (and transactions) never interleave on that connection.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Row, SqlDb, SqlValue } from './sql.js';

export async function openDuckDb(path: string): Promise<SqlDb> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const instance = await DuckDBInstance.create(path);
  const conn = await instance.connect();
  let chain: Promise<unknown> = Promise.resolve();

  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = chain.then(fn, fn);
    chain = next.catch(() => undefined);
    return next;
  };
  const run = async <T extends Row>(c: DuckDBConnection, sql: string, params: readonly SqlValue[] = []): Promise<T[]> => {
    const reader = await c.runAndReadAll(sql, params as SqlValue[]);
    return reader.getRowObjectsJS().map((r) => normalise(r) as T);
  };

  return {
    dialect: 'duckdb',
    query: (sql, params) => serial(() => run(conn, sql, params)),
    transaction: (fn) =>
      serial(async () => {
        await conn.run('BEGIN TRANSACTION');
        try {
          const out = await fn({ dialect: 'duckdb', query: (sql, params) => run(conn, sql, params) });
          await conn.run('COMMIT');
          return out;
        } catch (err) {
          await conn.run('ROLLBACK');
          throw err;
        }
      }),
    close: () =>
      serial(async () => {
        conn.closeSync();
        instance.closeSync();
      }),
  };
}

/** DuckDB returns BIGINT (count(*), sums) as bigint; the service only needs JS numbers. */
function normalise(r: Record<string, unknown>): Row {
  for (const k of Object.keys(r)) if (typeof r[k] === 'bigint') r[k] = Number(r[k]);
  return r;
}
