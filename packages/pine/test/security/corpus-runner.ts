// Runs the public-corpus scripts that call request.security (indicators and strategies, v5/v6) on SPY 1h
// and classifies each outcome, for corpus.test.ts.
//
// Data choice: we only hold SPY here, so every requested symbol is served by SPY's bars under the
// requested name (AliasProvider): the request still runs the script in a separate context with that
// symbol's name, timeframe aggregation and merge semantics — only the prices are SPY's. With
// `lowerTf`, timeframes below 1h are served by the real SPY 1-minute bars of 2013-10-04…11
// (spy-minutes.ts), aggregated by the engine to 5, 15… minutes; chart bars outside that week get na.
// Without it, such requests fail with the engine's "no data" runtime error.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile, run } from '../../src/api.js';
import type { BarColumns } from '../../src/core/bars.js';
import { PineLimitError, PineRuntimeError } from '../../src/core/errors.js';
import type { SymbolInfo } from '../../src/core/symbol.js';
import type { BarRequest, ContextData, DataProvider } from '../../src/security/provider.js';
import { normalizeTimeframe } from '../../src/stdlib/timeframe.js';
import { CORPUS_DIR } from '../../../../test-support/shared.js';
import { spyBars, spySyminfo } from '../corpus/indicator-runner.js';
import { spyMinuteBars } from '../corpus/spy-minutes.js';

export const SECURITY_DIRS = ['indicator-v5', 'indicator-v6', 'strategy-v5', 'strategy-v6'] as const;

/** Corpus-relative paths of the scripts whose source calls request.security (or _lower_tf). */
export function securityFiles(): string[] {
  const out: string[] = [];
  for (const dir of SECURITY_DIRS) {
    for (const f of readdirSync(join(CORPUS_DIR, dir)).sort()) {
      if (f.endsWith('.pine') && readFileSync(join(CORPUS_DIR, dir, f), 'utf8').includes('request.security')) out.push(`${dir}/${f}`);
    }
  }
  return out;
}

/** Any symbol → the chart's bars (1h) and SPY's 1-minute bars under the requested name; other timeframes are aggregated. */
export class AliasProvider implements DataProvider {
  constructor(
    private readonly bars: BarColumns,
    private readonly syminfo: SymbolInfo,
    /** Serve the SPY 1-minute bars (for requests below 1h). */
    private readonly lowerTf: boolean,
  ) {}

  private named(symbol: string): SymbolInfo {
    const s = symbol.trim();
    const colon = s.indexOf(':');
    return { ...this.syminfo, prefix: colon >= 0 ? s.slice(0, colon) : this.syminfo.prefix, ticker: colon >= 0 ? s.slice(colon + 1) : s };
  }

  getBars(request: BarRequest): ContextData | undefined {
    if (request.symbol.trim() === '') return undefined;
    const tf = normalizeTimeframe(request.timeframe);
    const bars = tf === '60' ? this.bars : this.lowerTf && tf === '1' ? spyMinuteBars() : undefined;
    if (!bars) return undefined;
    return { bars, syminfo: { ...this.named(request.symbol), period: tf } };
  }

  timeframes(symbol: string): string[] {
    if (symbol.trim() === '') return [];
    return this.lowerTf ? ['1', '60'] : ['60'];
  }
}

export type Outcome = 'ok' | 'compile' | 'runtime' | 'limit' | 'crash';

export interface Result {
  file: string;
  outcome: Outcome;
  reason: string;
}

export function runSecurityScript(file: string, aliasLowerTf: boolean, maxWallTimeMs = 30_000): Result {
  const source = readFileSync(join(CORPUS_DIR, file), 'utf8');
  const done = (outcome: Outcome, reason = ''): Result => ({ file, outcome, reason });
  let compiled;
  try {
    compiled = compile(source);
  } catch (err) {
    return done('crash', `compile threw: ${(err as Error).message}`);
  }
  if (!compiled.ok || !compiled.program) {
    const e = compiled.diagnostics.find((d) => d.severity === 'error');
    return done('compile', e ? `${e.line}:${e.column} ${e.message}` : 'compile failed');
  }
  const bars = spyBars();
  const syminfo = spySyminfo();
  try {
    run(compiled.program, bars, {
      syminfo,
      timeframe: '60',
      limits: { maxWallTimeMs, maxLoopIterations: 200_000 },
      securityProvider: new AliasProvider(bars, syminfo, aliasLowerTf),
    });
    return done('ok');
  } catch (err) {
    if (err instanceof PineLimitError) return done('limit', `${err.line ?? '?'}: ${err.message}`);
    if (err instanceof PineRuntimeError) return done('runtime', `${err.line ?? '?'}: ${err.message}`);
    const e = err as Error;
    return done('crash', `${e.name}: ${e.message} ${(e.stack ?? '').split('\n').slice(1, 3).join(' | ')}`);
  }
}
