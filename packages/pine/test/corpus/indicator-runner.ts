// Runs the public-corpus indicator scripts (shared/corpus/indicator-v5, indicator-v6) on SPY 1h
// (QuantConnect LEAN, 1998–2021, 40,832 bars) and classifies each outcome. Used by
// indicators-run.test.ts and by the survey script (`npx tsx packages/pine/test/corpus/survey.ts`).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile, run } from '../../src/api.js';
import { SourceLibraryResolver } from '../../src/libraries/resolver.js';
import { barColumnsFromRows, type BarColumns } from '../../src/core/bars.js';
import { PineLimitError, PineRuntimeError } from '../../src/core/errors.js';
import { defaultSymbolInfo, type SessionInterval, type SymbolInfo } from '../../src/core/symbol.js';
import type { DataProvider } from '../../src/security/provider.js';
import { spyMinuteBars } from './spy-minutes.js';
import { CORPUS_DIR, MARKET_DIR } from '../../../../test-support/shared.js';

export const INDICATOR_DIRS = ['indicator-v5', 'indicator-v6'] as const;

/** Corpus-relative paths ("indicator-v6/0123_x.pine") of every indicator script, sorted. */
export function indicatorFiles(): string[] {
  const out: string[] = [];
  for (const dir of INDICATOR_DIRS) {
    for (const f of readdirSync(join(CORPUS_DIR, dir)).sort()) if (f.endsWith('.pine')) out.push(`${dir}/${f}`);
  }
  return out;
}

let cachedLibraries: SourceLibraryResolver | null = null;

/** The corpus's library sources (shared/corpus/library): what the scripts' imports resolve to. */
export function corpusLibraries(): SourceLibraryResolver {
  if (cachedLibraries) return cachedLibraries;
  const dir = join(CORPUS_DIR, 'library');
  cachedLibraries = new SourceLibraryResolver(readdirSync(dir).sort().filter((f) => f.endsWith('.pine')).map((f) => readFileSync(join(dir, f), 'utf8')));
  return cachedLibraries;
}

let cachedBars: BarColumns | null = null;

/** SPY 1h bars; the CSV's ISO times carry their New York offset. */
export function spyBars(): BarColumns {
  if (cachedBars) return cachedBars;
  const lines = readFileSync(join(MARKET_DIR, 'spy_1h_1998-2021_lean.csv'), 'utf8').split('\n');
  const rows = [];
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i]!.trim();
    if (l === '') continue;
    const [t, o, h, lo, c, v] = l.split(',');
    rows.push({ time: Date.parse(t!), open: Number(o), high: Number(h), low: Number(lo), close: Number(c), volume: Number(v) });
  }
  cachedBars = barColumnsFromRows(rows);
  return cachedBars;
}

/** SPY on NYSE Arca: New York time, 0.01 tick, regular session 09:30–16:00 Monday–Friday. */
export function spySyminfo(): SymbolInfo {
  const days = [0, 1, 2, 3, 4];
  const hours: SessionInterval[] = days.map((day) => ({ day, start: '09:30:00', end: '16:00:00' }));
  return defaultSymbolInfo({
    prefix: 'AMEX',
    ticker: 'SPY',
    description: 'SPDR S&P 500 ETF TRUST',
    currency: 'USD',
    period: '60',
    type: 'fund',
    mintick: 0.01,
    pricescale: 100,
    minmove: 1,
    pointvalue: 1,
    timezone: 'America/New_York',
    volumetype: 'base',
    openingHours: hours,
    sessionStarts: days.map((day) => ({ day, start: '09:30:00', end: '09:30:00' })),
    sessionEnds: days.map((day) => ({ day, start: '16:00:00', end: '16:00:00' })),
  });
}

/**
 * request.security data for symbols other than the chart's: we hold no data for the BTCUSDT, NDX, AAPL…
 * the scripts ask for, so SPY's own bars stand in for every symbol (under that symbol's name).
 * The test checks that scripts run, not what other markets did; the engine aggregates the hourly bars
 * for daily/weekly requests, and the real SPY 1-minute week (spy-minutes.ts) for requests below 1h,
 * as it would real data (chart bars outside that week get na).
 */
export function standInProvider(): DataProvider {
  return {
    getBars({ symbol, timeframe }) {
      const bars = timeframe === '60' ? spyBars() : timeframe === '1' ? spyMinuteBars() : undefined;
      if (!bars) return undefined;
      const colon = symbol.lastIndexOf(':');
      return { bars, syminfo: { ...spySyminfo(), period: timeframe, prefix: colon >= 0 ? symbol.slice(0, colon) : 'AMEX', ticker: symbol.slice(colon + 1) } };
    },
    timeframes: () => ['1', '60'],
  };
}

export type Outcome = 'ok' | 'compile' | 'library' | 'runtime' | 'limit' | 'crash';

export interface ScriptResult {
  file: string;
  outcome: Outcome;
  /** First error message (compile) or the runtime error with its line. */
  reason: string;
  ms: number;
  bars: number;
}

export interface RunnerLimits {
  maxWallTimeMs: number;
  maxLoopIterations: number;
}

export const DEFAULT_RUNNER_LIMITS: RunnerLimits = { maxWallTimeMs: 20_000, maxLoopIterations: 200_000 };

export function runIndicator(file: string, limits: RunnerLimits = DEFAULT_RUNNER_LIMITS): ScriptResult {
  const t0 = performance.now();
  const source = readFileSync(join(CORPUS_DIR, file), 'utf8');
  const done = (outcome: Outcome, reason: string, bars = 0): ScriptResult => ({ file, outcome, reason, ms: Math.round(performance.now() - t0), bars });
  let compiled;
  try {
    compiled = compile(source, { libraries: corpusLibraries() });
  } catch (err) {
    return done('crash', `compile threw: ${(err as Error).message}`);
  }
  if (!compiled.ok || !compiled.program) {
    const e = compiled.diagnostics.find((d) => d.severity === 'error');
    const msg = e ? `${e.line}:${e.column} ${e.message}` : 'compile failed';
    // An import with no source in the corpus (or one of its own imports missing) is a 'library' outcome.
    return done(e?.code === 'library' && /^Library '/.test(e.message) ? 'library' : 'compile', msg);
  }
  const bars = spyBars();
  try {
    const r = run(compiled.program, bars, { syminfo: spySyminfo(), timeframe: '60', limits, securityProvider: standInProvider() });
    if (r.barCount !== bars.length) return done('runtime', `stopped at bar ${r.barCount} of ${bars.length}`, r.barCount);
    return done('ok', '', r.barCount);
  } catch (err) {
    if (err instanceof PineLimitError) return done('limit', `${err.line ?? '?'}: ${err.message}`);
    if (err instanceof PineRuntimeError) return done('runtime', `${err.line ?? '?'}: ${err.message}`);
    const e = err as Error;
    return done('crash', `${e.name}: ${e.message} ${(e.stack ?? '').split('\n').slice(1, 3).join(' | ')}`);
  }
}
