// Test-side driver for ta call sites: loads TradingView CSV exports, builds a minimal RuntimeContext
// and compares series at the fixture tolerance. Not product code.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RuntimeContext, BarView } from '../../src/core/context.js';
import type { BarColumns } from '../../src/core/bars.js';
import { TV_DIR, MARKET_DIR } from '../../../../test-support/shared.js';

export interface Table {
  header: string[];
  rows: string[][];
  col(name: string): number[];
}

function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (q) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          cur += '"';
          i++;
        } else q = false;
      } else cur += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

export function readCsv(path: string): Table {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
  const header = splitCsvLine(lines[0]!).map((h) => h.replace(/&quot;/g, '"').trim());
  const rows = lines.slice(1).map(splitCsvLine);
  return {
    header,
    rows,
    col(name: string): number[] {
      const i = header.indexOf(name);
      if (i < 0) throw new Error(`column ${name} not in ${header.join('|')}`);
      return rows.map((r) => {
        const s = r[i]!.trim();
        if (s === '' || s === 'NaN' || s === 'nan') return NaN;
        return Number(s);
      });
    },
  };
}

export function indicatorCsv(name: string): Table {
  return readCsv(join(TV_DIR, 'indicators', 'data', name));
}

export function parseTime(s: string): number {
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s) * 1000;
  return Date.parse(s);
}

export function barsOf(t: Table): BarColumns {
  const n = t.rows.length;
  const time = new Float64Array(t.rows.map((r) => parseTime(r[0]!.trim())));
  const volName = t.header.find((h) => h.toLowerCase() === 'volume');
  return {
    length: n,
    time,
    open: new Float64Array(t.col('open')),
    high: new Float64Array(t.col('high')),
    low: new Float64Array(t.col('low')),
    close: new Float64Array(t.col('close')),
    volume: new Float64Array(volName ? t.col(volName) : new Array(n).fill(NaN)),
  };
}

/** A context whose `current` view is moved bar by bar with setBar(). */
export class TestContext implements RuntimeContext {
  bar = 0;
  current: BarView = { open: NaN, high: NaN, low: NaN, close: NaN, volume: NaN, time: NaN, timeClose: NaN, newDay: false };
  syminfo = {} as RuntimeContext['syminfo'];
  timeframe = '60';
  constructor(public bars: BarColumns) {}
  setBar(i: number, newDay = false): void {
    const b = this.bars;
    this.bar = i;
    const c = this.current;
    c.open = b.open[i]!;
    c.high = b.high[i]!;
    c.low = b.low[i]!;
    c.close = b.close[i]!;
    c.volume = b.volume[i]!;
    c.time = b.time[i]!;
    c.timeClose = i + 1 < b.length ? b.time[i + 1]! : NaN;
    c.newDay = newDay;
  }
  log(): void {}
}

export const hl2 = (c: BarView) => (c.high + c.low) / 2;
export const hlc3 = (c: BarView) => (c.high + c.low + c.close) / 3;
export const ohlc4 = (c: BarView) => (c.open + c.high + c.low + c.close) / 4;
export const hlcc4 = (c: BarView) => (c.high + c.low + c.close + c.close) / 4;

export interface Mismatch {
  row: number;
  ours: number;
  ref: number;
}

/** INDEX.md rule: na pattern identical, |Δ| ≤ abs + rel·|ref|. */
export function compareSeries(ours: number[], ref: number[], abs = 1e-8, rel = 1e-5): Mismatch[] {
  const bad: Mismatch[] = [];
  for (let i = 0; i < ref.length; i++) {
    const a = ours[i]!;
    const r = ref[i]!;
    const an = a !== a;
    const rn = r !== r;
    if (an || rn) {
      if (an !== rn) bad.push({ row: i, ours: a, ref: r });
      continue;
    }
    if (!(Math.abs(a - r) <= abs + rel * Math.abs(r))) bad.push({ row: i, ours: a, ref: r });
  }
  return bad;
}

export function marketBars(file: string, limit: number): BarColumns {
  const t = readCsv(join(MARKET_DIR, file));
  const rows = t.rows.slice(0, limit);
  const sub: Table = { header: t.header, rows, col: (n: string) => t.col(n).slice(0, limit) };
  return barsOf(sub);
}
