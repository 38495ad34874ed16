// Everything the two SQL stores share: symbols, series ids, ranges, datasets, migrations. Both
// DuckDB and PostgreSQL accept `$n` placeholders, so the statements here are identical; subclasses
// supply the connection, the bulk write and the columnar read. One connection per store, used by one
// operation at a time (a queue), so transactions never interleave.
import type { BarColumns } from '@pineback/pine';
import { emptyBars, sortedUnique } from '../columns.js';
import { datasetHash } from '../hash.js';
import { mergeRanges, type TimeRange } from '../ranges.js';
import { formatSymbolId, parseSymbolId, type SymbolRecord } from '../symbol.js';
import { normalizeTimeframe } from '../timeframe.js';
import { MIGRATIONS_TABLE_SQL, pendingMigrations, type Dialect } from './migrations.js';
import type { BarStore, DatasetRecord, ReadOptions, SeriesSummary } from './types.js';

export type Row = Record<string, unknown>;

/** BIGINT/numeric values arrive as bigint (DuckDB) or string (pg); both become numbers here. */
export function num(v: unknown): number {
  return typeof v === 'number' ? v : Number(v);
}

const MIN_TIME = -8.64e15;
const MAX_TIME = 8.64e15;

export abstract class SqlBarStore implements BarStore {
  abstract readonly kind: Dialect;
  private queue: Promise<unknown> = Promise.resolve();
  private symbolIds = new Map<string, number>();
  private seriesIds = new Map<string, number>();

  /** Runs one statement and returns its rows as plain objects. */
  protected abstract query(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Converts a Unix-ms number into the driver's BIGINT parameter form. */
  protected abstract int64(n: number): unknown;
  /** Deletes stored bars of the series in [first, last] and inserts `bars` (sorted, unique). */
  protected abstract replaceBars(seriesId: number, bars: BarColumns): Promise<void>;
  /** Bars of the series with from ≤ time < to, ascending. */
  protected abstract readColumns(seriesId: number, from: number, to: number): Promise<BarColumns>;
  /** Hook after migrations (PostgreSQL: TimescaleDB hypertable). */
  protected async afterMigrate(): Promise<void> {}
  protected abstract disconnect(): Promise<void>;

  protected serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  protected async transaction<T>(fn: () => Promise<T>): Promise<T> {
    await this.query('BEGIN');
    try {
      const out = await fn();
      await this.query('COMMIT');
      return out;
    } catch (err) {
      await this.query('ROLLBACK');
      throw err;
    }
  }

  protected async migrate(): Promise<void> {
    await this.query(MIGRATIONS_TABLE_SQL);
    const applied = (await this.query('SELECT version FROM schema_migrations')).map((r) => num(r.version));
    for (const m of pendingMigrations(applied)) {
      await this.transaction(async () => {
        for (const stmt of m.sql[this.kind]) await this.query(stmt);
        await this.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
          m.version,
          m.name,
          this.int64(Date.now()),
        ]);
      });
    }
    await this.afterMigrate();
  }

  schemaVersion(): Promise<number> {
    return this.serial(async () => num((await this.query('SELECT max(version) AS v FROM schema_migrations'))[0]?.v ?? 0));
  }

  upsertSymbol(s: SymbolRecord): Promise<number> {
    return this.serial(async () => {
      const r = await this.query(
        `INSERT INTO symbols (exchange, ticker, type, currency, mintick, pointvalue, timezone, session, description)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (exchange, ticker) DO UPDATE SET type = excluded.type, currency = excluded.currency,
           mintick = excluded.mintick, pointvalue = excluded.pointvalue, timezone = excluded.timezone,
           session = excluded.session, description = excluded.description
         RETURNING id`,
        [s.exchange, s.ticker, s.type, s.currency, s.mintick, s.pointvalue, s.timezone, s.session, s.description],
      );
      const id = num(r[0]!.id);
      this.symbolIds.set(formatSymbolId(s), id);
      return id;
    });
  }

  private async symbolId(symbol: string): Promise<number | null> {
    const sid = parseSymbolId(symbol);
    const key = formatSymbolId(sid);
    const cached = this.symbolIds.get(key);
    if (cached !== undefined) return cached;
    const r = await this.query('SELECT id FROM symbols WHERE exchange = $1 AND ticker = $2', [sid.exchange, sid.ticker]);
    if (r.length === 0) return null;
    const id = num(r[0]!.id);
    this.symbolIds.set(key, id);
    return id;
  }

  /** Series id for (symbol, timeframe); created on demand when `create`, else null if absent. */
  private async seriesId(symbol: string, timeframe: string, create: boolean): Promise<number | null> {
    const tf = normalizeTimeframe(timeframe);
    const key = `${formatSymbolId(parseSymbolId(symbol))}|${tf}`;
    const cached = this.seriesIds.get(key);
    if (cached !== undefined) return cached;
    const symId = await this.symbolId(symbol);
    if (symId === null) {
      if (create) throw new Error(`unknown symbol ${formatSymbolId(parseSymbolId(symbol))}: add it first`);
      return null;
    }
    let r = await this.query('SELECT id FROM series WHERE symbol_id = $1 AND timeframe = $2', [symId, tf]);
    if (r.length === 0) {
      if (!create) return null;
      r = await this.query('INSERT INTO series (symbol_id, timeframe) VALUES ($1, $2) RETURNING id', [symId, tf]);
    }
    const id = num(r[0]!.id);
    this.seriesIds.set(key, id);
    return id;
  }

  getSymbol(id: string): Promise<SymbolRecord | null> {
    return this.serial(async () => {
      const { exchange, ticker } = parseSymbolId(id);
      const r = await this.query('SELECT * FROM symbols WHERE exchange = $1 AND ticker = $2', [exchange, ticker]);
      return r[0] ? toSymbolRecord(r[0]) : null;
    });
  }

  listSymbols(): Promise<SymbolRecord[]> {
    return this.serial(async () =>
      (await this.query('SELECT * FROM symbols ORDER BY exchange, ticker')).map(toSymbolRecord),
    );
  }

  writeBars(symbol: string, timeframe: string, bars: BarColumns): Promise<number> {
    return this.serial(async () => {
      if (bars.length === 0) return 0;
      const unique = sortedUnique(bars);
      const id = (await this.seriesId(symbol, timeframe, true))!;
      await this.transaction(() => this.replaceBars(id, unique));
      return unique.length;
    });
  }

  readBars(symbol: string, timeframe: string, options: ReadOptions = {}): Promise<BarColumns> {
    return this.serial(async () => {
      const id = await this.seriesId(symbol, timeframe, false);
      if (id === null) return emptyBars();
      return this.readColumns(id, Math.trunc(options.from ?? MIN_TIME), Math.trunc(options.to ?? MAX_TIME));
    });
  }

  countBars(symbol: string, timeframe: string): Promise<number> {
    return this.serial(async () => {
      const id = await this.seriesId(symbol, timeframe, false);
      if (id === null) return 0;
      return num((await this.query('SELECT count(*) AS n FROM bars WHERE series_id = $1', [id]))[0]!.n);
    });
  }

  private async readRanges(id: number): Promise<TimeRange[]> {
    const r = await this.query('SELECT from_ms, to_ms FROM data_ranges WHERE series_id = $1 ORDER BY from_ms', [id]);
    return r.map((x) => ({ from: num(x.from_ms), to: num(x.to_ms) }));
  }

  addRange(symbol: string, timeframe: string, range: TimeRange): Promise<void> {
    return this.serial(async () => {
      if (!(range.to > range.from)) return;
      const id = (await this.seriesId(symbol, timeframe, true))!;
      await this.transaction(async () => {
        const merged = mergeRanges([...(await this.readRanges(id)), range]);
        await this.query('DELETE FROM data_ranges WHERE series_id = $1', [id]);
        for (const r of merged) {
          await this.query('INSERT INTO data_ranges (series_id, from_ms, to_ms) VALUES ($1, $2, $3)', [
            id,
            this.int64(r.from),
            this.int64(r.to),
          ]);
        }
      });
    });
  }

  getRanges(symbol: string, timeframe: string): Promise<TimeRange[]> {
    return this.serial(async () => {
      const id = await this.seriesId(symbol, timeframe, false);
      return id === null ? [] : this.readRanges(id);
    });
  }

  listSeries(): Promise<SeriesSummary[]> {
    return this.serial(async () => {
      const r = await this.query(
        `SELECT s.exchange, s.ticker, se.timeframe, count(*) AS n, min(b.time) AS first_time, max(b.time) AS last_time
         FROM bars b JOIN series se ON se.id = b.series_id JOIN symbols s ON s.id = se.symbol_id
         GROUP BY s.exchange, s.ticker, se.timeframe ORDER BY s.exchange, s.ticker, se.timeframe`,
      );
      return r.map((x) => ({
        symbol: `${x.exchange as string}:${x.ticker as string}`,
        timeframe: x.timeframe as string,
        bars: num(x.n),
        first: num(x.first_time),
        last: num(x.last_time),
      }));
    });
  }

  recordDataset(symbol: string, timeframe: string, bars: BarColumns): Promise<DatasetRecord> {
    return this.serial(async () => {
      const id = (await this.seriesId(symbol, timeframe, true))!;
      const key = formatSymbolId(parseSymbolId(symbol));
      const tf = normalizeTimeframe(timeframe);
      const hash = datasetHash(key, tf, bars);
      const from = bars.length ? bars.time[0]! : 0;
      const to = bars.length ? bars.time[bars.length - 1]! : 0;
      await this.query(
        `INSERT INTO datasets (hash, series_id, from_ms, to_ms, bar_count, created_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (hash) DO NOTHING`,
        [hash, id, this.int64(from), this.int64(to), this.int64(bars.length), this.int64(Date.now())],
      );
      return (await this.findDataset(hash))!;
    });
  }

  private async findDataset(hash: string): Promise<DatasetRecord | null> {
    const r = await this.query(
      `SELECT d.hash, d.from_ms, d.to_ms, d.bar_count, d.created_at, se.timeframe, s.exchange, s.ticker
       FROM datasets d JOIN series se ON se.id = d.series_id JOIN symbols s ON s.id = se.symbol_id
       WHERE d.hash = $1`,
      [hash],
    );
    const x = r[0];
    if (!x) return null;
    return {
      hash,
      symbol: `${x.exchange as string}:${x.ticker as string}`,
      timeframe: x.timeframe as string,
      from: num(x.from_ms),
      to: num(x.to_ms),
      bars: num(x.bar_count),
      createdAt: num(x.created_at),
    };
  }

  getDataset(hash: string): Promise<DatasetRecord | null> {
    return this.serial(() => this.findDataset(hash));
  }

  close(): Promise<void> {
    return this.serial(() => this.disconnect());
  }
}

function toSymbolRecord(x: Row): SymbolRecord {
  return {
    exchange: x.exchange as string,
    ticker: x.ticker as string,
    type: x.type as string,
    currency: x.currency as string,
    mintick: num(x.mintick),
    pointvalue: num(x.pointvalue),
    timezone: x.timezone as string,
    session: x.session as string,
    description: x.description as string,
  };
}
