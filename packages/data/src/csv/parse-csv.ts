// CSV text → BarColumns. The hot loop scans the text in place: field boundaries by indexOf, numbers
// and timestamps parsed straight from the text (no per-line substrings); lines containing quotes go
// through csv-parse. Every error names the 1-based line number.
import { parse as parseCsvLine } from 'csv-parse/sync';
import type { BarColumns } from '@pineback/pine';
import { BarColumnsBuilder } from '../columns.js';
import { defaultColumns, detectDelimiter, mapHeader, splitDateTime, type ColumnMap } from './columns.js';
import { parseNumberAt } from './number.js';
import { makeTimeParser, type TimeParser } from './timestamp.js';

export class CsvFormatError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    detail: string,
  ) {
    super(`${file}:${line}: ${detail}`);
    this.name = 'CsvFormatError';
  }
}

export interface ParseCsvOptions {
  /** Name used in error messages. */
  fileName?: string;
  /** Zone of timestamps that carry no offset. Default UTC. */
  timezone?: string;
  /** Called every ~64k lines with the fraction of characters consumed. */
  onProgress?: (fraction: number) => void;
}

export interface ParsedCsv {
  bars: BarColumns;
  /** Number of data lines read (blank lines excluded). */
  rows: number;
  columns: ColumnMap;
  hasHeader: boolean;
}

function splitQuoted(line: string, delimiter: string): string[] {
  return (parseCsvLine(line, { delimiter, relax_quotes: true, relax_column_count: true }) as string[][])[0] ?? [];
}

function looksNumeric(field: string | undefined): boolean {
  if (field === undefined) return false;
  const t = field.trim();
  return t !== '' && !Number.isNaN(Number(t));
}

/** One data row, given as field texts (the slow path for quoted lines and the first rows). */
interface Fields {
  count: number;
  text: string;
  /** starts[i], ends[i]: field i is text[starts[i], ends[i]). */
  starts: Int32Array;
  ends: Int32Array;
}

const MAX_FIELDS = 256;

function fieldText(f: Fields, i: number): string {
  return f.text.slice(f.starts[i]!, f.ends[i]!);
}

function rowFromStrings(values: string[]): Fields {
  const text = values.join('\u0000');
  const starts = new Int32Array(values.length);
  const ends = new Int32Array(values.length);
  let p = 0;
  values.forEach((v, i) => {
    starts[i] = p;
    ends[i] = p + v.length;
    p += v.length + 1;
  });
  return { count: values.length, text, starts, ends };
}

export function parseOhlcvCsv(text: string, options: ParseCsvOptions = {}): ParsedCsv {
  const file = options.fileName ?? 'input';
  const parseTime = makeTimeParser(options.timezone);
  const n = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let lineNo = 0;
  let delimiter = ',';
  let columns: ColumnMap | null = null;
  let hasHeader = false;
  let needsSplitCheck = false;
  const out = new BarColumnsBuilder(Math.max(1024, Math.floor(n / 48)));
  let rows = 0;
  let nextReport = 65_536;
  // Position of the next double quote at or after the current line (recomputed only when passed).
  let nextQuote = -1;
  const fast: Fields = { count: 0, text, starts: new Int32Array(MAX_FIELDS), ends: new Int32Array(MAX_FIELDS) };

  while (pos < n) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = n;
    const lineStart = pos;
    let lineEnd = end;
    pos = end + 1;
    lineNo++;
    if (lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    let blank = true;
    for (let i = lineStart; i < lineEnd; i++) {
      const c = text.charCodeAt(i);
      if (c !== 32 && c !== 9) {
        blank = false;
        break;
      }
    }
    if (blank) continue;

    if (columns === null) {
      const line = text.slice(lineStart, lineEnd);
      delimiter = detectDelimiter(line);
      const fields = line.indexOf('"') >= 0 ? splitQuoted(line, delimiter) : line.split(delimiter);
      if (!looksNumeric(fields[1])) {
        const mapped = mapHeader(fields);
        if (!mapped) {
          throw new CsvFormatError(
            file,
            lineNo,
            `header "${line.slice(0, 120)}" lacks a time/open/high/low/close column (names are case-insensitive)`,
          );
        }
        columns = mapped;
        hasHeader = true;
        needsSplitCheck = (mapped.date ?? -1) >= 0;
        continue;
      }
      columns = defaultColumns(fields.length);
    }

    // Field boundaries.
    let f: Fields;
    if (nextQuote < lineStart) nextQuote = text.indexOf('"', lineStart) >>> 0; // -1 → never (2^32-1)
    if (nextQuote < lineEnd) {
      f = rowFromStrings(splitQuoted(text.slice(lineStart, lineEnd), delimiter));
    } else {
      f = fast;
      let count = 0;
      let s = lineStart;
      while (count < MAX_FIELDS) {
        let e = text.indexOf(delimiter, s);
        if (e < 0 || e > lineEnd) e = lineEnd;
        f.starts[count] = s;
        f.ends[count] = e;
        count++;
        if (e === lineEnd) break;
        s = e + 1;
      }
      f.count = count;
    }
    if (needsSplitCheck) {
      const firstRow: string[] = [];
      for (let i = 0; i < f.count; i++) firstRow.push(fieldText(f, i));
      columns = splitDateTime(columns, firstRow);
      needsSplitCheck = false;
    }
    rows++;
    parseRow(f, columns, parseTime, out, file, lineNo);
    if (options.onProgress && rows >= nextReport) {
      nextReport += 65_536;
      options.onProgress(pos / n);
    }
  }
  if (columns === null) throw new CsvFormatError(file, Math.max(1, lineNo), 'file is empty');
  options.onProgress?.(1);
  return { bars: out.build(), rows, columns, hasHeader };
}

function parseRow(f: Fields, c: ColumnMap, parseTime: TimeParser, out: BarColumnsBuilder, file: string, lineNo: number): void {
  const need = Math.max(c.time, c.open, c.high, c.low, c.close, c.timeOfDay);
  if (f.count <= need) {
    throw new CsvFormatError(file, lineNo, `expected at least ${need + 1} fields, found ${f.count}`);
  }
  const s = f.text;
  let t: number;
  if (c.timeOfDay >= 0) {
    const joined = `${fieldText(f, c.time).trim()} ${fieldText(f, c.timeOfDay).trim()}`;
    t = parseTime(joined);
    if (t !== t) throw new CsvFormatError(file, lineNo, `cannot parse time "${joined}"`);
  } else {
    t = parseTime(s, f.starts[c.time]!, f.ends[c.time]!);
    if (t !== t) throw new CsvFormatError(file, lineNo, `cannot parse time "${fieldText(f, c.time)}"`);
  }
  const o = parseNumberAt(s, f.starts[c.open]!, f.ends[c.open]!);
  const h = parseNumberAt(s, f.starts[c.high]!, f.ends[c.high]!);
  const l = parseNumberAt(s, f.starts[c.low]!, f.ends[c.low]!);
  const cl = parseNumberAt(s, f.starts[c.close]!, f.ends[c.close]!);
  if (!(Number.isFinite(o) && Number.isFinite(h) && Number.isFinite(l) && Number.isFinite(cl))) {
    const names = ['open', 'high', 'low', 'close'] as const;
    const values = [o, h, l, cl];
    const k = values.findIndex((v) => !Number.isFinite(v));
    const col = [c.open, c.high, c.low, c.close][k]!;
    throw new CsvFormatError(file, lineNo, `invalid ${names[k]} price "${fieldText(f, col)}" (column ${col + 1})`);
  }
  let v = NaN;
  if (c.volume >= 0 && c.volume < f.count && f.ends[c.volume]! > f.starts[c.volume]!) {
    v = parseNumberAt(s, f.starts[c.volume]!, f.ends[c.volume]!);
    if (v !== v) {
      const vt = fieldText(f, c.volume).trim();
      if (vt !== '' && vt.toLowerCase() !== 'nan') throw new CsvFormatError(file, lineNo, `invalid volume "${vt}"`);
    }
  }
  out.push(t, o, h, l, cl, v);
}
