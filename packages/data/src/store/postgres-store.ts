// Shared store on PostgreSQL. Bars go in with COPY … FROM STDIN (text format) and come out as one
// float8 byte string per column (string_agg of float8send; pg turns the hex text into a Buffer
// natively), which decodes into typed arrays without per-row parsing.
// When the TimescaleDB extension is available the bars table becomes a hypertable on `time`.
import pg from 'pg';
import type { BarColumns } from '@pineback/pine';
import { copyFromStdin } from './pg-copy.js';
import { SqlBarStore, type Row } from './sql-store.js';

export interface PostgresStoreOptions {
  /** e.g. postgres://user@127.0.0.1:5432/db */
  url: string;
  /** Schema holding PineBack's tables (created if missing). Default "public". */
  schema?: string;
}

const COPY_CHUNK_ROWS = 20_000;
/** Hypertable chunk interval on the BIGINT ms time column: 30 days. */
const CHUNK_INTERVAL_MS = 30 * 86_400_000;

export class PostgresBarStore extends SqlBarStore {
  readonly kind = 'postgres' as const;
  /** True when bars is a TimescaleDB hypertable (false: plain table with its primary-key index). */
  hypertable = false;

  private constructor(private readonly client: pg.Client) {
    super();
  }

  static async open(options: PostgresStoreOptions): Promise<PostgresBarStore> {
    const schema = options.schema ?? 'public';
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name "${schema}"`);
    const client = new pg.Client({ connectionString: options.url });
    await client.connect();
    try {
      // Identifiers cannot be parameters; the name was validated above.
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await client.query(`SET search_path TO "${schema}"`);
      const store = new PostgresBarStore(client);
      await store.migrate();
      return store;
    } catch (err) {
      await client.end();
      throw err;
    }
  }

  protected async query(sql: string, params: unknown[] = []): Promise<Row[]> {
    return (await this.client.query(sql, params)).rows as Row[];
  }

  protected int64(n: number): unknown {
    return String(n);
  }

  protected override async afterMigrate(): Promise<void> {
    const available = await this.query("SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'");
    if (available.length === 0) return;
    try {
      await this.query('CREATE EXTENSION IF NOT EXISTS timescaledb');
      await this.query(
        `SELECT create_hypertable('bars', 'time', chunk_time_interval => $1::bigint, if_not_exists => true, migrate_data => true)`,
        [String(CHUNK_INTERVAL_MS)],
      );
      this.hypertable = true;
    } catch {
      // Installed but not loadable (e.g. missing shared_preload_libraries): plain indexed table.
      this.hypertable = false;
    }
  }

  protected async replaceBars(seriesId: number, bars: BarColumns): Promise<void> {
    // Same semantics as DuckDB: the batch replaces the span [first, last] it covers.
    await this.query('DELETE FROM bars WHERE series_id = $1 AND time >= $2 AND time <= $3', [
      seriesId,
      String(bars.time[0]!),
      String(bars.time[bars.length - 1]!),
    ]);
    // The span is now empty and the batch is unique, so plain COPY cannot conflict.
    await copyFromStdin(this.client, 'COPY bars (series_id, time, open, high, low, close, volume) FROM STDIN', () =>
      copyText(seriesId, bars),
    );
  }

  protected async readColumns(seriesId: number, from: number, to: number): Promise<BarColumns> {
    // The ordered subquery (an index scan on the primary key) feeds the aggregates in time order.
    const res = await this.client.query({
      text: `SELECT count(*)::int AS n,
               string_agg(float8send(time::float8), ''::bytea) AS t, string_agg(float8send(open), ''::bytea) AS o,
               string_agg(float8send(high), ''::bytea) AS h, string_agg(float8send(low), ''::bytea) AS l,
               string_agg(float8send(close), ''::bytea) AS c,
               string_agg(float8send(coalesce(volume, 'NaN'::float8)), ''::bytea) AS v
             FROM (SELECT * FROM bars WHERE series_id = $1 AND time >= $2 AND time < $3 ORDER BY time) ordered`,
      values: [seriesId, String(from), String(to)],
    });
    const row = res.rows[0] as Record<string, unknown>;
    const n = Number(row.n ?? 0);
    return {
      length: n,
      time: decodeFloat8(row.t, n),
      open: decodeFloat8(row.o, n),
      high: decodeFloat8(row.h, n),
      low: decodeFloat8(row.l, n),
      close: decodeFloat8(row.c, n),
      volume: decodeFloat8(row.v, n),
    };
  }

  protected async disconnect(): Promise<void> {
    await this.client.end();
  }

  /** Drops a schema and everything in it (test clean-up). */
  static async dropSchema(url: string, schema: string): Promise<void> {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name "${schema}"`);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    } finally {
      await client.end();
    }
  }
}

/** Big-endian float8 values (float8send output) → Float64Array. */
function decodeFloat8(bytes: unknown, n: number): Float64Array {
  const out = new Float64Array(n);
  if (!(bytes instanceof Uint8Array)) return out;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < n; i++) out[i] = view.getFloat64(i * 8, false);
  return out;
}

/**
 * COPY text rows, COPY_CHUNK_ROWS per chunk. JS number formatting is shortest-round-trip (and spells
 * NaN/Infinity as PostgreSQL does), so the server parses back the exact doubles.
 */
function* copyText(seriesId: number, bars: BarColumns): Generator<string> {
  const { time, open, high, low, close, volume } = bars;
  for (let start = 0; start < bars.length; start += COPY_CHUNK_ROWS) {
    const end = Math.min(bars.length, start + COPY_CHUNK_ROWS);
    let s = '';
    for (let i = start; i < end; i++) {
      s += `${seriesId}\t${time[i]}\t${open[i]}\t${high[i]}\t${low[i]}\t${close[i]}\t${volume[i]}\n`;
    }
    yield s;
  }
}
