// Reading bar CSVs for `pineback run`: the data package's parser (header detection, time as Unix s/ms or
// ISO-8601, errors naming the line), then optional --from/--to slicing and --timeframe aggregation.
import { readFileSync } from 'node:fs';
import type { BarColumns, SymbolInfo } from '@pineback/pine';
import { inferTimeframe, normalizeTimeframe, parseOhlcvCsv, resample, timeframeMs } from '@pineback/data';

export class DataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataError';
  }
}

export function readBarsCsv(path: string): BarColumns {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new DataError(`cannot read ${path}: ${(err as Error).message}`);
  }
  try {
    const { bars } = parseOhlcvCsv(text, { fileName: path });
    for (let i = 1; i < bars.length; i++) {
      if (!(bars.time[i]! > bars.time[i - 1]!)) throw new DataError(`${path}: bar times must increase (data row ${i + 1})`);
    }
    return bars;
  } catch (err) {
    if (err instanceof DataError) throw err;
    throw new DataError((err as Error).message);
  }
}

/** Parses --from/--to: Unix seconds/ms or an ISO-8601 date/time. */
export function parseTimeArg(text: string, flag: string): number {
  const t = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(t)) {
    const n = Number(t);
    return Math.abs(n) < 1e11 ? n * 1000 : n;
  }
  const ms = Date.parse(t);
  if (Number.isNaN(ms)) throw new DataError(`${flag}: "${text}" is not a time (Unix seconds/ms or ISO-8601)`);
  return ms;
}

export function sliceBars(bars: BarColumns, from: number, to: number): BarColumns {
  let a = 0;
  while (a < bars.length && bars.time[a]! < from) a++;
  let b = bars.length;
  while (b > a && bars.time[b - 1]! > to) b--;
  if (a === 0 && b === bars.length) return bars;
  return {
    length: b - a,
    time: bars.time.subarray(a, b),
    open: bars.open.subarray(a, b),
    high: bars.high.subarray(a, b),
    low: bars.low.subarray(a, b),
    close: bars.close.subarray(a, b),
    volume: bars.volume.subarray(a, b),
  };
}

export function dataTimeframe(bars: BarColumns): string {
  return bars.length > 1 ? inferTimeframe(bars.time) : '';
}

/** The trading-day start the resampler should use: the evening session start for FX/futures-like symbols. */
function dayStart(sym: SymbolInfo): string {
  const starts = sym.sessionStarts.map((s) => s.start).filter((s) => Number(s.slice(0, 2)) >= 12).sort();
  return starts[0]?.slice(0, 5) ?? '00:00';
}

/** Aggregates to a higher timeframe (--timeframe); equal timeframe returns the bars unchanged. */
export function toTimeframe(bars: BarColumns, target: string, sym: SymbolInfo): { bars: BarColumns; timeframe: string } {
  const source = dataTimeframe(bars);
  let tf: string;
  try {
    tf = normalizeTimeframe(target);
  } catch (err) {
    throw new DataError(`--timeframe: ${(err as Error).message}`);
  }
  if (source && tf === normalizeTimeframe(source)) return { bars, timeframe: tf };
  if (source && timeframeMs(tf) < timeframeMs(source)) {
    throw new DataError(`--timeframe ${target} is lower than the data's resolution (${source})`);
  }
  return { bars: resample(bars, tf, { timezone: sym.timezone, dayStart: dayStart(sym) }), timeframe: tf };
}
