// Fast bridges between DuckDB data chunks and Float64Array columns. The node-api exposes values one
// at a time; for million-row reads and writes we copy whole vector buffers instead when the vector
// carries its items as a typed array (true for numeric vectors in @duckdb/node-api 1.x), falling back
// to per-item access otherwise.
import {
  BIGINT,
  DOUBLE,
  DuckDBDataChunk,
  INTEGER,
  type DuckDBMaterializedResult,
  type DuckDBVector,
} from '@duckdb/node-api';
import type { BarColumns } from '@pineback/pine';

function rawItems<T extends Float64Array | BigInt64Array | Int32Array>(
  vector: DuckDBVector,
  kind: new (n: number) => T,
): T | null {
  const items = (vector as unknown as { items?: unknown }).items;
  return items instanceof kind ? items : null;
}

/**
 * Reads a materialized result whose six columns are DOUBLE (time, open, high, low, close, volume) and
 * have no NULLs (the query coalesces them to NaN) into BarColumns.
 */
export function resultToBarColumns(result: DuckDBMaterializedResult): BarColumns {
  const n = result.rowCount;
  const cols = [0, 1, 2, 3, 4, 5].map(() => new Float64Array(n));
  let offset = 0;
  for (let c = 0; c < result.chunkCount; c++) {
    const chunk = result.getChunk(c);
    const rows = chunk.rowCount;
    for (let k = 0; k < 6; k++) {
      const vector = chunk.getColumnVector(k);
      const items = rawItems(vector, Float64Array);
      const out = cols[k]!;
      if (items) out.set(items.subarray(0, rows), offset);
      else for (let i = 0; i < rows; i++) out[offset + i] = (vector.getItem(i) as number | null) ?? NaN;
    }
    offset += rows;
  }
  const [time, open, high, low, close, volume] = cols as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  return { length: n, time, open, high, low, close, volume };
}

export const CHUNK_ROWS = 2048;

/** Data chunks in the layout of the bars table: series_id INTEGER, time BIGINT, five DOUBLEs. */
export function* barTableChunks(seriesId: number, bars: BarColumns): Generator<DuckDBDataChunk> {
  const doubles = [bars.open, bars.high, bars.low, bars.close, bars.volume];
  for (let start = 0; start < bars.length; start += CHUNK_ROWS) {
    const rows = Math.min(CHUNK_ROWS, bars.length - start);
    const chunk = DuckDBDataChunk.create([INTEGER, BIGINT, DOUBLE, DOUBLE, DOUBLE, DOUBLE, DOUBLE], rows);
    const idVec = chunk.getColumnVector(0);
    const ids = rawItems(idVec, Int32Array);
    if (ids) ids.fill(seriesId, 0, rows);
    else for (let i = 0; i < rows; i++) idVec.setItem(i, seriesId);
    idVec.flush();
    const timeVec = chunk.getColumnVector(1);
    const times = rawItems(timeVec, BigInt64Array);
    for (let i = 0; i < rows; i++) {
      const t = BigInt(bars.time[start + i]!);
      if (times) times[i] = t;
      else timeVec.setItem(i, t);
    }
    timeVec.flush();
    for (let k = 0; k < 5; k++) {
      const vector = chunk.getColumnVector(k + 2);
      const items = rawItems(vector, Float64Array);
      const part = doubles[k]!.subarray(start, start + rows);
      if (items) items.set(part);
      else for (let i = 0; i < rows; i++) vector.setItem(i, part[i]!);
      vector.flush();
    }
    chunk.rowCount = rows;
    yield chunk;
  }
}
