// Embedded store: one DuckDB file (default $PINEBACK_HOME/data.duckdb). Bulk writes append data
// chunks straight into the bars table; reads copy whole DOUBLE vectors into typed arrays.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import type { BarColumns } from '@pineback/pine';
import { barTableChunks, resultToBarColumns } from './duckdb-columns.js';
import { SqlBarStore, type Row } from './sql-store.js';

export interface DuckDbStoreOptions {
  /** Database file, or ":memory:". */
  path: string;
}

export class DuckDbBarStore extends SqlBarStore {
  readonly kind = 'duckdb' as const;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
  ) {
    super();
  }

  static async open(options: DuckDbStoreOptions): Promise<DuckDbBarStore> {
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    const instance = await DuckDBInstance.create(options.path);
    const store = new DuckDbBarStore(instance, await instance.connect());
    await store.migrate();
    return store;
  }

  protected async query(sql: string, params: unknown[] = []): Promise<Row[]> {
    const reader = await this.conn.runAndReadAll(sql, params as DuckDBValue[]);
    return reader.getRowObjectsJS() as Row[];
  }

  protected int64(n: number): unknown {
    return BigInt(n);
  }

  protected async replaceBars(seriesId: number, bars: BarColumns): Promise<void> {
    // The whole span [first, last] is replaced: a batch (a file, an exchange page) is the truth for
    // the interval it covers. Appending sorted batches keeps the table physically time-ordered.
    await this.query('DELETE FROM bars WHERE series_id = $1 AND time >= $2 AND time <= $3', [
      seriesId,
      BigInt(bars.time[0]!),
      BigInt(bars.time[bars.length - 1]!),
    ]);
    const appender = await this.conn.createAppender('bars');
    try {
      for (const chunk of barTableChunks(seriesId, bars)) appender.appendDataChunk(chunk);
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
  }

  protected async readColumns(seriesId: number, from: number, to: number): Promise<BarColumns> {
    const sql = `SELECT CAST(time AS DOUBLE), open, high, low, close, coalesce(volume, 'NaN'::DOUBLE)
                 FROM bars WHERE series_id = $1 AND time >= $2 AND time < $3`;
    const params = [seriesId, BigInt(from), BigInt(to)];
    // DuckDB preserves insertion order without ORDER BY and writes append sorted batches, so the plain
    // scan is usually ascending already; sorting a million rows would cost more than the scan itself.
    const bars = resultToBarColumns(await this.conn.run(sql, params));
    if (isAscending(bars.time)) return bars;
    // Out of physical order (a gap was filled before later bars): answer sorted, then rewrite the
    // series in time order so the next reads take the fast path again.
    const sorted = resultToBarColumns(await this.conn.run(`${sql} ORDER BY time`, params));
    await this.transaction(() => this.rewriteSorted(seriesId));
    return sorted;
  }

  private async rewriteSorted(seriesId: number): Promise<void> {
    await this.query('CREATE OR REPLACE TEMP TABLE bars_resort AS SELECT * FROM bars WHERE series_id = $1 ORDER BY time', [
      seriesId,
    ]);
    await this.query('DELETE FROM bars WHERE series_id = $1', [seriesId]);
    await this.query('INSERT INTO bars SELECT * FROM bars_resort');
    await this.query('DROP TABLE bars_resort');
  }

  protected async disconnect(): Promise<void> {
    this.conn.closeSync();
    this.instance.closeSync();
  }
}

function isAscending(t: Float64Array): boolean {
  for (let i = 1; i < t.length; i++) if (!(t[i]! > t[i - 1]!)) return false;
  return true;
}
