// The same TradingView indicator fixtures, this time through the real Pine path: the fixture's .pine
// script is compiled and run by the package (parser → checker → codegen → runtime → ta registry), and
// every plot that names a CSV column is compared on every row at the INDEX.md tolerance.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TV_DIR } from '../../../../test-support/shared.js';
import { compile, run } from '../../src/api.js';
import { defaultSymbolInfo, type SessionInterval, type SymbolInfo } from '../../src/core/symbol.js';
import { barsOf, compareSeries, indicatorCsv } from './harness.js';

/** Reads the small PyneCore symbol TOML files (flat [symbol] keys plus [[…]] session tables). */
function readSyminfo(path: string): SymbolInfo {
  const sym: Record<string, string | number> = {};
  const tables: Record<string, Record<string, string | number>[]> = { opening_hours: [], session_starts: [], session_ends: [] };
  let current: Record<string, string | number> | null = null;
  for (const raw of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const arr = /^\[\[(\w+)\]\]$/.exec(line);
    if (arr) {
      current = {};
      (tables[arr[1]!] ??= []).push(current);
      continue;
    }
    if (/^\[\w+\]$/.test(line)) {
      current = null;
      continue;
    }
    const kv = /^(\w+)\s*=\s*(.*)$/.exec(line);
    if (!kv) continue;
    const v = kv[2]!.startsWith('"') ? kv[2]!.slice(1, -1) : Number(kv[2]);
    (current ?? sym)[kv[1]!] = v;
  }
  const iv = (rows: Record<string, string | number>[], start: string, end: string): SessionInterval[] =>
    rows.map((r) => ({ day: Number(r.day), start: String(r[start]), end: String(r[end]) }));
  return defaultSymbolInfo({
    prefix: String(sym.prefix ?? ''),
    ticker: String(sym.ticker ?? ''),
    currency: String(sym.currency ?? 'USD'),
    period: String(sym.period ?? ''),
    type: String(sym.type ?? ''),
    mintick: Number(sym.mintick),
    pricescale: Number(sym.pricescale),
    minmove: Number(sym.minmove),
    pointvalue: Number(sym.pointvalue),
    timezone: String(sym.timezone),
    openingHours: iv(tables.opening_hours!, 'start', 'end'),
    sessionStarts: iv(tables.session_starts!, 'time', 'time'),
    sessionEnds: iv(tables.session_ends!, 'time', 'time'),
  });
}

const PINE_DIR = join(TV_DIR, 'indicators', 'pine');
const SYMINFO: Record<string, string> = { vwap: 'vwap.toml', pivot_point_levels: 'pivot_point_levels.toml' };

describe('TradingView indicator fixtures through compile() + run()', () => {
  for (const file of readdirSync(PINE_DIR).filter((f) => f.endsWith('.pine')).sort()) {
    const name = file.slice(0, -5);
    it(name, () => {
      const compiled = compile(readFileSync(join(PINE_DIR, file), 'utf8'));
      expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const t = indicatorCsv(`${name}.csv`);
      const symFile = SYMINFO[name];
      const syminfo = symFile ? readSyminfo(join(TV_DIR, 'syminfo', symFile)) : undefined;
      const result = run(compiled.program!, barsOf(t), syminfo ? { syminfo, timeframe: syminfo.period } : {});
      const [abs, rel] = name === 'bb' ? [1e-10, 1e-7] : [1e-8, 1e-5];
      const bad: string[] = [];
      let compared = 0;
      for (const p of result.plots) {
        if (!t.header.includes(p.title) || p.title === 'hl2') continue;
        let ref = t.col(p.title);
        if (name === 'pivot_point_levels') ref = ref.map((x) => (x === 1e100 ? NaN : x));
        compared++;
        const b = compareSeries(Array.from(p.values), ref, abs, rel);
        if (b.length) bad.push(`${p.title}: ${b.length} rows, first ${JSON.stringify(b[0])}`);
      }
      expect(compared).toBeGreaterThan(0);
      expect(bad).toEqual([]);
    });
  }
});
