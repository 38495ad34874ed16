// Test support for the stdlib: a minimal RuntimeContext, fixture readers and the Pine-Logs comparison
// rule of shared/refdata/tradingview/INDEX.md (message after "]: ", numbers inside [...] rounded to 12 dp).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { barColumnsFromRows, type Bar } from '../../src/core/bars.js';
import type { LogLevel, RuntimeContext } from '../../src/core/context.js';
import { defaultSymbolInfo, type SessionInterval, type SymbolInfo } from '../../src/core/symbol.js';
import { STDLIB_FUNCTIONS, STDLIB_STATEFUL, STDLIB_VARIABLES } from '../../src/stdlib/registry.js';
import { TV_DIR } from '../../../../test-support/shared.js';

export { TV_DIR };

export interface TestContext extends RuntimeContext {
  logs: string[];
}

export function makeContext(opts: { syminfo?: Partial<SymbolInfo>; timeframe?: string; bars?: Bar[] } = {}): TestContext {
  const bars = barColumnsFromRows(opts.bars ?? []);
  const logs: string[] = [];
  const ctx: TestContext = {
    bar: 0,
    bars,
    current: { open: NaN, high: NaN, low: NaN, close: NaN, volume: NaN, time: NaN, timeClose: NaN, newDay: false },
    syminfo: defaultSymbolInfo(opts.syminfo),
    timeframe: opts.timeframe ?? '60',
    logs,
    log(_level: LogLevel, message: string) {
      logs.push(message);
    },
  };
  return ctx;
}

/** Moves the context to bar i of its bars (timeClose = next bar's open, NaN on the last bar). */
export function setBar(ctx: RuntimeContext, i: number): void {
  ctx.bar = i;
  const b = ctx.bars;
  ctx.current.time = b.time[i]!;
  ctx.current.open = b.open[i]!;
  ctx.current.high = b.high[i]!;
  ctx.current.low = b.low[i]!;
  ctx.current.close = b.close[i]!;
  ctx.current.volume = b.volume[i]!;
  ctx.current.timeClose = i + 1 < b.length ? b.time[i + 1]! : NaN;
}

/** Calls a registered stateless function the way generated code will. */
export function call(name: string, ctx: RuntimeContext, ...args: unknown[]): any {
  const fn = STDLIB_FUNCTIONS[name];
  if (!fn) throw new Error(`not registered: ${name}`);
  return fn.needsContext ? fn.impl(ctx, ...args) : fn.impl(...args);
}

export function variable(name: string, ctx: RuntimeContext): any {
  const v = STDLIB_VARIABLES[name];
  if (!v) throw new Error(`not registered: ${name}`);
  return v.get(ctx);
}

export function stateful(name: string) {
  const s = STDLIB_STATEFUL[name];
  if (!s) throw new Error(`not registered: ${name}`);
  return s.create();
}

export function logInfo(ctx: RuntimeContext, fmt: string, ...args: unknown[]): void {
  call('log.info', ctx, fmt, ...args);
}

/** TradingView's expected log messages (text after the first "]: "). */
export function expectedLog(name: string): string[] {
  const text = readFileSync(join(TV_DIR, 'logs', 'expected', `${name}.txt`), 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => l.slice(l.indexOf(']: ') + 3));
}

/** Also drops trailing whitespace: TradingView's exported log text does not keep it. */
function roundInBrackets(msg: string): string {
  return msg.trimEnd().replace(/\[[^\]]*\]/g, (group) =>
    group.replace(/-?\d+\.\d+(?:E-?\d+)?/g, (num) => String(Math.round(Number(num) * 1e12) / 1e12)),
  );
}

/** Compares line by line as the upstream log comparator does (only as many lines as were produced). */
export function expectLogsMatch(actual: string[], expected: string[], opts: { exactCount?: boolean } = {}): number {
  if (opts.exactCount !== false) expect(actual.length).toBe(expected.length);
  const n = Math.min(actual.length, expected.length);
  let passed = 0;
  for (let i = 0; i < n; i++) {
    expect(roundInBrackets(actual[i]!), `line ${i + 1}`).toBe(roundInBrackets(expected[i]!));
    passed++;
  }
  return passed;
}

/** A tiny reader for the syminfo TOML files (flat keys + [[opening_hours]]/[[session_starts]]/[[session_ends]]). */
export function loadSyminfo(file: string): SymbolInfo {
  const text = readFileSync(join(TV_DIR, 'syminfo', file), 'utf8');
  const flat: Record<string, string> = {};
  const tables: Record<string, Record<string, string>[]> = { opening_hours: [], session_starts: [], session_ends: [] };
  let current: Record<string, string> | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const arr = /^\[\[(\w+)\]\]$/.exec(line);
    if (arr) {
      current = {};
      tables[arr[1]!]!.push(current);
      continue;
    }
    if (/^\[\w+\]$/.test(line)) {
      current = null;
      continue;
    }
    const kv = /^(\w+)\s*=\s*(.*)$/.exec(line);
    if (!kv) continue;
    const value = kv[2]!.replace(/^"|"$/g, '');
    (current ?? flat)[kv[1]!] = value;
  }
  const intervals = (rows: Record<string, string>[]): SessionInterval[] =>
    rows.map((r) => ({ day: Number(r.day), start: r.start ?? r.time ?? '', end: r.end ?? r.time ?? '' }));
  return defaultSymbolInfo({
    prefix: flat.prefix,
    ticker: flat.ticker,
    description: flat.description,
    currency: flat.currency,
    basecurrency: flat.basecurrency,
    period: flat.period,
    type: flat.type,
    mintick: Number(flat.mintick),
    pricescale: Number(flat.pricescale),
    minmove: Number(flat.minmove),
    pointvalue: Number(flat.pointvalue),
    timezone: flat.timezone,
    volumetype: flat.volumetype,
    openingHours: intervals(tables.opening_hours!),
    sessionStarts: intervals(tables.session_starts!),
    sessionEnds: intervals(tables.session_ends!),
  });
}

/** Reads a TradingView chart-export CSV; duplicate header names get a numeric suffix ("time", "time#2"). */
export function readCsv(path: string): Record<string, string>[] {
  const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '');
  const seen = new Map<string, number>();
  const splitCells = (l: string): string[] => (l.match(/("([^"]|"")*"|[^,]*)(,|$)/g) ?? []).map((c) => c.replace(/,$/, '').replace(/^"|"$/g, ''));
  const header = splitCells(lines[0]!).map((h) => {
    const k = (seen.get(h) ?? 0) + 1;
    seen.set(h, k);
    return k === 1 ? h : `${h}#${k}`;
  });
  return lines.slice(1).map((l) => {
    const cells = l.includes('"') ? splitCells(l) : l.split(',');
    return Object.fromEntries(header.map((h, i) => [h, cells[i]!]));
  });
}

/** Bar open time in ms from a chart-export `time` cell (Unix seconds or ISO with offset). */
export function parseBarTime(cell: string): number {
  return /^\d+$/.test(cell) ? Number(cell) * 1000 : Date.parse(cell);
}

export function barsFromCsv(rows: Record<string, string>[]): Bar[] {
  return rows.map((r) => ({
    time: parseBarTime(r.time!),
    open: Number(r.open),
    high: Number(r.high),
    low: Number(r.low),
    close: Number(r.close),
    volume: Number(r.Volume ?? r.volume ?? NaN),
  }));
}
