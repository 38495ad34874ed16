// The one database seam of the service. Repositories write portable SQL with $1..$n placeholders
// (both DuckDB and PostgreSQL accept them) and never interpolate values into SQL text.
export type SqlValue = string | number | boolean | null;
export type Row = Record<string, unknown>;

export interface SqlDb {
  readonly dialect: 'duckdb' | 'postgres';
  query<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Runs statements inside one transaction; the callback receives the transaction's handle. */
  transaction<T>(fn: (tx: Pick<SqlDb, 'query' | 'dialect'>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** JSON columns are TEXT in both databases; these keep the (de)serialisation in one place. */
export function toJson(v: unknown): string | null {
  return v === undefined || v === null ? null : JSON.stringify(v);
}

export function fromJson<T>(v: unknown): T | null {
  if (v === null || v === undefined) return null;
  return JSON.parse(String(v)) as T;
}
