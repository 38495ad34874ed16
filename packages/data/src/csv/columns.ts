// Recognising the columns of an OHLCV file from its header (case-insensitive, common aliases), or
// assuming time,open,high,low,close[,volume] when there is no header.

export interface ColumnMap {
  time: number;
  /** A separate time-of-day column when dates and times are split ("Date,Time,Open,…"). */
  timeOfDay: number;
  open: number;
  high: number;
  low: number;
  close: number;
  /** -1 when the file has no volume. */
  volume: number;
  /** Index of a "date" column besides the time column (-1 if none): see `splitDateTime`. */
  date?: number;
}

const CLOCK = /^\s*\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*$/;

/**
 * "Date,Time,Open,…" files split the timestamp: when the time column of the first data row holds only
 * a clock time and a date column exists, the date column becomes the time and the clock is appended.
 */
export function splitDateTime(map: ColumnMap, firstRow: readonly string[]): ColumnMap {
  const date = map.date ?? -1;
  if (date < 0 || date === map.time || !CLOCK.test(firstRow[map.time] ?? '')) return map;
  return { ...map, time: date, timeOfDay: map.time };
}

const TIME_NAMES = ['time', 'timestamp', 'datetime', 'date/time', 'date_time', 'open time', 'open_time', 'opentime', 'unix', 'ts', 'date'];

function norm(h: string): string {
  return h.trim().replace(/^\ufeff/, '').replace(/^"|"$/g, '').trim().toLowerCase();
}

function find(names: string[], candidates: readonly string[]): number {
  for (const c of candidates) {
    const i = names.indexOf(c);
    if (i >= 0) return i;
  }
  return -1;
}

/** Column positions for a header row, or null when the header lacks time/open/high/low/close. */
export function mapHeader(header: readonly string[]): ColumnMap | null {
  const names = header.map(norm);
  const time = find(names, TIME_NAMES);
  const price = (field: string): number =>
    find(names, [field, field[0]!, `${field} price`, `price_${field}`, `mid_${field}`, `bid_${field}`]);
  const open = price('open');
  const high = price('high');
  const low = price('low');
  const close = price('close');
  if (time < 0 || open < 0 || high < 0 || low < 0 || close < 0) return null;
  let volume = find(names, ['volume', 'vol', 'v', 'base volume', 'volume_base', 'tick_volume', 'tickvol']);
  if (volume < 0) volume = names.findIndex((n) => n.startsWith('volume'));
  return { time, timeOfDay: -1, open, high, low, close, volume, date: names.indexOf('date') };
}

export function defaultColumns(fieldCount: number): ColumnMap {
  return { time: 0, timeOfDay: -1, open: 1, high: 2, low: 3, close: 4, volume: fieldCount > 5 ? 5 : -1 };
}

/** Picks the delimiter that splits the first line into the most fields. */
export function detectDelimiter(line: string): string {
  let best = ',';
  let bestCount = 0;
  for (const d of [',', ';', '\t', '|']) {
    const count = line.split(d).length;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}
