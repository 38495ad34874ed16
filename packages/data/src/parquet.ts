// Parquet → BarColumns through an in-memory DuckDB (which reads Parquet natively). Columns are found
// by the same names as in CSV files; TIMESTAMP/DATE columns become epoch ms in SQL, numeric epochs use
// the same seconds/ms/µs/ns magnitude rule as CSV, text timestamps go through the CSV time parser.
import { DuckDBInstance } from '@duckdb/node-api';
import type { BarColumns } from '@pineback/pine';
import { BarColumnsBuilder } from './columns.js';
import { mapHeader } from './csv/columns.js';
import { epochToMs, makeTimeParser } from './csv/timestamp.js';

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export async function readParquetBars(path: string, timezone = 'Etc/UTC'): Promise<BarColumns> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    const described = (await conn.runAndReadAll('DESCRIBE SELECT * FROM read_parquet($1)', [path])).getRowObjectsJS();
    const names = described.map((r) => String(r.column_name));
    const types = described.map((r) => String(r.column_type).toUpperCase());
    const map = mapHeader(names);
    if (!map) throw new Error(`${path}: Parquet columns (${names.join(', ')}) lack time/open/high/low/close`);
    const tName = quoteIdent(names[map.time]!);
    const tType = types[map.time]!;
    let timeExpr: string;
    let timeKind: 'ms' | 'epoch' | 'text';
    if (tType.startsWith('TIMESTAMP WITH TIME ZONE') || tType === 'TIMESTAMPTZ') {
      timeExpr = `CAST(epoch_ms(${tName}) AS VARCHAR)`;
      timeKind = 'ms';
    } else if (tType.startsWith('TIMESTAMP') || tType === 'DATE') {
      // Naive timestamps are wall-clock times in `timezone`: format them and reuse the text parser.
      timeExpr = `strftime(CAST(${tName} AS TIMESTAMP), '%Y-%m-%d %H:%M:%S.%g')`;
      timeKind = 'text';
    } else if (/INT|DOUBLE|FLOAT|DECIMAL|REAL/.test(tType)) {
      timeExpr = `CAST(${tName} AS VARCHAR)`;
      timeKind = 'epoch';
    } else {
      timeExpr = `CAST(${tName} AS VARCHAR)`;
      timeKind = 'text';
    }
    const col = (i: number): string => (i < 0 ? `'NaN'::DOUBLE` : `CAST(${quoteIdent(names[i]!)} AS DOUBLE)`);
    const reader = await conn.runAndReadAll(
      `SELECT ${timeExpr}, ${col(map.open)}, ${col(map.high)}, ${col(map.low)}, ${col(map.close)}, ${col(map.volume)}
       FROM read_parquet($1)`,
      [path],
    );
    const rows = reader.getRowsJS() as unknown[][];
    const parseText = makeTimeParser(timezone);
    const out = new BarColumnsBuilder(rows.length);
    rows.forEach((r, i) => {
      const raw = String(r[0]);
      const t = timeKind === 'ms' ? Number(raw) : timeKind === 'epoch' ? epochToMs(Number(raw)) : parseText(raw);
      if (!Number.isFinite(t)) throw new Error(`${path}: row ${i + 1}: cannot parse time "${raw}"`);
      const v = (x: unknown): number => (x === null || x === undefined ? NaN : Number(x));
      out.push(t, v(r[1]), v(r[2]), v(r[3]), v(r[4]), v(r[5]));
    });
    return out.build();
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
