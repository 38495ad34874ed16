// Test support for the request.security engine: fixture loaders and an Intl-based calendar used by
// the brute-force expectations (deliberately independent of the stdlib's time-zone code).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { barColumnsFromRows, type Bar, type BarColumns } from '../../src/core/bars.js';
import { MARKET_DIR } from '../../../../test-support/shared.js';
import { barsFromCsv, loadSyminfo, readCsv as readRawCsv, TV_DIR } from '../stdlib/helpers.js';

export { loadSyminfo, TV_DIR, MARKET_DIR };

/** CSV rows keyed by header; keys and cells trimmed (some fixtures end lines with CRLF). */
export function readCsv(path: string): Record<string, string>[] {
  return readRawCsv(path).map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k.trim(), (v ?? '').trim()])));
}

export function csvBars(path: string): BarColumns {
  return barColumnsFromRows(barsFromCsv(readCsv(path)));
}

/** Binance kline JSON (PineTS fixtures) → bars. */
export function klineBars(path: string): BarColumns {
  const rows = JSON.parse(readFileSync(path, 'utf8')) as Array<Record<string, number | string>>;
  return barColumnsFromRows(
    rows.map((r): Bar => ({ time: Number(r.openTime), open: Number(r.open), high: Number(r.high), low: Number(r.low), close: Number(r.close), volume: Number(r.volume) })),
  );
}

export function pinetsPath(...parts: string[]): string {
  return join(TV_DIR, 'pinets', ...parts);
}

const nyFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit' });

/** New York calendar date of a UTC instant, "YYYY-MM-DD". */
export function nyDate(t: number): string {
  return nyFormat.format(new Date(t));
}

/** Monday (as "YYYY-MM-DD") of the week holding a "YYYY-MM-DD" date. */
export function mondayOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}

/** Groups consecutive bar indices by a key; returns the group number of every bar and each group's [first, last]. */
export function groupBy(n: number, keyOf: (i: number) => string): { group: Int32Array; ranges: Array<[number, number]>; keys: string[] } {
  const group = new Int32Array(n);
  const ranges: Array<[number, number]> = [];
  const keys: string[] = [];
  for (let i = 0; i < n; i++) {
    const k = keyOf(i);
    if (keys.length === 0 || keys[keys.length - 1] !== k) {
      keys.push(k);
      ranges.push([i, i]);
    }
    ranges[ranges.length - 1]![1] = i;
    group[i] = ranges.length - 1;
  }
  return { group, ranges, keys };
}

/** Relative/absolute closeness for ratios. */
export function close(a: number, b: number, rel: number): boolean {
  return Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b));
}
