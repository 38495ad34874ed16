// Pure modules: search spaces, walk-forward windows, scoring, cache keys, CSV layout, comparison,
// configuration and secret redaction.
import { describe, expect, it } from 'vitest';
import { cacheKey, canonicalJson, scriptHash } from '../src/backtests/cache-key.js';
import { compareRuns } from '../src/backtests/compare.js';
import { formatTvTime, tradesCsv } from '../src/backtests/trades-csv.js';
import { isLoopbackHost, loadConfig } from '../src/config.js';
import { redactSecrets } from '../src/logging.js';
import { best, passes, score } from '../src/optimize/objective.js';
import { paramSets } from '../src/optimize/optimization-kind.js';
import { grid, gridSize, randomSample, rangeValues } from '../src/optimize/search.js';
import { walkForwardWindows } from '../src/optimize/walk-forward.js';
import { OptimizationRequestSchema } from '../src/schemas/optimizations.js';
import type { RunResult } from '../src/schemas/engine.js';

describe('search spaces', () => {
  it('expands float ranges without binary drift', () => {
    expect(rangeValues({ min: 0.1, max: 0.5, step: 0.1 })).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(rangeValues({ min: 10, max: 20, step: 5 })).toEqual([10, 15, 20]);
    expect(rangeValues({ values: ['sma', 'ema'] })).toEqual(['sma', 'ema']);
  });
  it('builds the full grid, first parameter slowest', () => {
    const g = grid({ a: { min: 1, max: 2, step: 1 }, b: { values: ['x', 'y', 'z'] } });
    expect(g).toHaveLength(6);
    expect(g[0]).toEqual({ a: 1, b: 'x' });
    expect(g[1]).toEqual({ a: 1, b: 'y' });
    expect(g[5]).toEqual({ a: 2, b: 'z' });
    expect(gridSize({ a: { min: 1, max: 10, step: 1 }, b: { min: 0, max: 1, step: 0.5 } })).toBe(30);
  });
  it('samples distinct sets deterministically for a seed', () => {
    const params = { a: { min: 1, max: 100, step: 1 }, b: { min: 1, max: 100, step: 1 } };
    const s1 = randomSample(params, 50, 7);
    expect(s1).toHaveLength(50);
    expect(new Set(s1.map((s) => `${s.a},${s.b}`)).size).toBe(50);
    expect(randomSample(params, 50, 7)).toEqual(s1);
    expect(randomSample(params, 50, 8)).not.toEqual(s1);
    expect(randomSample({ a: { values: [1, 2] } }, 10, 1)).toEqual([{ a: 1 }, { a: 2 }]);
  });
  it('refuses a grid larger than maxIterations', () => {
    const req = OptimizationRequestSchema.parse({
      script: 'x', symbol: 'S', timeframe: '60', objective: { metric: 'net_profit' },
      params: { a: { min: 1, max: 100, step: 1 }, b: { min: 1, max: 100, step: 1 } }, maxIterations: 500,
    });
    expect(() => paramSets(req)).toThrow(/10000 combinations/);
    expect(paramSets({ ...req, method: 'random' })).toHaveLength(500);
  });
});

describe('walk-forward windows', () => {
  it('rolls in-sample/out-of-sample windows that tile the range', () => {
    const w = walkForwardWindows(1000, { windows: 4, inSampleRatio: 0.75, anchored: false });
    expect(w).toHaveLength(4);
    for (const x of w) {
      expect(x.inSample[1]).toBe(x.outOfSample[0]);
      expect(x.outOfSample[1]).toBeLessThanOrEqual(1000);
    }
    for (let i = 1; i < w.length; i++) expect(w[i]!.outOfSample[0]).toBe(w[i - 1]!.outOfSample[1]);
    expect(w[3]!.outOfSample[1]).toBeGreaterThan(990);
  });
  it('anchors in-sample at the start when asked', () => {
    const w = walkForwardWindows(1000, { windows: 3, inSampleRatio: 0.5, anchored: true });
    expect(w.every((x) => x.inSample[0] === 0)).toBe(true);
    expect(w[2]!.inSample[1]).toBeGreaterThan(w[0]!.inSample[1]);
  });
  it('rejects too few bars', () => {
    expect(() => walkForwardWindows(5, { windows: 10, inSampleRatio: 0.9, anchored: false })).toThrow(/too few/);
  });
});

describe('objective and constraints', () => {
  it('scores, negating for minimisation', () => {
    expect(score({ dd: 5 }, 'dd', 'min')).toBe(-5);
    expect(score({ p: 5 }, 'p', 'max')).toBe(5);
    expect(score({ p: null }, 'p', 'max')).toBeNull();
  });
  it('applies constraints; missing metrics fail', () => {
    expect(passes({ trades: 40 }, [{ metric: 'trades', op: '>=', value: 30 }])).toBe(true);
    expect(passes({ trades: 10 }, [{ metric: 'trades', op: '>=', value: 30 }])).toBe(false);
    expect(passes({}, [{ metric: 'trades', op: '>=', value: 30 }])).toBe(false);
  });
  it('picks the best passing candidate', () => {
    expect(best([{ score: 9, passed: false }, { score: 3, passed: true }, { score: 4, passed: true }])).toBe(2);
    expect(best([{ score: null, passed: true }])).toBe(-1);
  });
});

describe('cache keys', () => {
  const base = { scriptHash: 'h', inputs: { a: 1, b: 2 }, settings: { x: 1 }, range: {}, runs: [{ symbol: 'S', timeframe: '60', datasetHash: 'd' }] };
  it('ignores key order, depends on every part', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: 1, c: 2 }] })).toBe('{"a":[1,{"c":2,"d":1}],"b":1}');
    expect(cacheKey(base)).toBe(cacheKey({ ...base, inputs: { b: 2, a: 1 } }));
    expect(cacheKey(base)).not.toBe(cacheKey({ ...base, inputs: { a: 1, b: 3 } }));
    expect(cacheKey(base)).not.toBe(cacheKey({ ...base, runs: [{ ...base.runs[0]!, datasetHash: 'e' }] }));
  });
  it('treats line endings and trailing blanks as the same script', () => {
    expect(scriptHash('a\r\nb  \n\n')).toBe(scriptHash('a\nb'));
    expect(scriptHash('a\nb')).not.toBe(scriptHash('a\nc'));
  });
});

describe('trades CSV (TradingView layout)', () => {
  it('formats times with the zone offset', () => {
    expect(formatTvTime(Date.UTC(2022, 0, 4, 0, 0), 'America/New_York')).toBe('2022-01-03T19:00:00-0500');
    expect(formatTvTime(Date.UTC(2022, 6, 4, 0, 0), 'America/New_York')).toBe('2022-07-03T20:00:00-0400');
    expect(formatTvTime(Date.UTC(2025, 0, 1, 12, 30), 'Etc/UTC')).toBe('2025-01-01T12:30:00+0000');
  });
  it('writes an entry and an exit row per trade', () => {
    const csv = tradesCsv(
      [
        { id: 1, direction: 'long', entryTime: Date.UTC(2022, 0, 4), entryPrice: 1.13018, entrySignal: 'RsiLE', exitTime: Date.UTC(2022, 0, 9, 23), exitPrice: 1.13554, exitSignal: 'Rsi, SE', qty: 1, profit: 0.00536, profitPercent: 0.47, runUp: 0.01, runUpPercent: 0.55, drawdown: -0.003, drawdownPercent: -0.26, cumulativeProfit: 0.00536, cumulativeProfitPercent: 0 },
        { id: 2, direction: 'short', entryTime: Date.UTC(2022, 0, 9, 23), entryPrice: 1.2, entrySignal: 'S', exitTime: null, exitPrice: null, exitSignal: null, qty: 2, profit: 0, profitPercent: 0, runUp: 0, runUpPercent: 0, drawdown: 0, drawdownPercent: 0, cumulativeProfit: 0, cumulativeProfitPercent: 0 },
      ],
      'USD',
      'America/New_York',
    );
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('Trade #,Type,Date/Time,Signal,Price USD,Position size (qty),Position size (value),Net P&L USD,Net P&L %,Run-up USD,Run-up %,Drawdown USD,Drawdown %,Cumulative P&L USD,Cumulative P&L %');
    expect(lines[1]).toBe('1,Entry long,2022-01-03T19:00:00-0500,RsiLE,1.13018,1,1.13018,0.00536,0.47,0.01,0.55,-0.003,-0.26,0.00536,0');
    expect(lines[2]).toMatch(/^1,Exit long,2022-01-09T18:00:00-0500,"Rsi, SE",1.13554,/);
    expect(lines[4]).toMatch(/^2,Exit short,,Open,,2,2.4,/);
    expect(lines).toHaveLength(5);
  });
});

describe('compare', () => {
  it('aligns metrics by key across runs', () => {
    const mk = (v: number): RunResult => ({
      symbol: 'S', timeframe: '60', datasetHash: 'd', timezone: 'Etc/UTC', currency: 'USD', warnings: [], trades: [], equity: [], drawdown: [], plots: [],
      summary: { extra: v * 2 }, metrics: [{ key: 'net_profit', label: 'Net profit', all: v, long: null, short: null }],
    });
    const rows = compareRuns([{ id: 'a', run: 0, result: mk(1) }, { id: 'b', run: 0, result: null }, { id: 'c', run: 0, result: mk(3) }]);
    expect(rows).toEqual([
      { key: 'net_profit', label: 'Net profit', values: [1, null, 3] },
      { key: 'extra', label: 'extra', values: [2, null, 6] },
    ]);
  });
});

describe('configuration', () => {
  it('defaults to loopback and refuses public hosts without tokens', () => {
    const c = loadConfig({}, { home: '/tmp/x' });
    expect(c.host).toBe('127.0.0.1');
    expect(c.mode).toBe('embedded');
    expect(() => loadConfig({}, { home: '/tmp/x', host: '0.0.0.0' })).toThrow(/without API tokens/);
    expect(loadConfig({ PINEBACK_API_TOKENS: 'a-very-long-token-123' }, { home: '/tmp/x', host: '0.0.0.0' }).apiTokens).toEqual(['a-very-long-token-123']);
    expect(() => loadConfig({ PINEBACK_PORT: 'abc' }, { home: '/tmp/x' })).toThrow(/number/);
    expect(() => loadConfig({}, { home: '/tmp/x', mode: 'distributed' })).toThrow(/PINEBACK_DATABASE_URL/);
    expect(loadConfig({ PINEBACK_JOB_TIMEOUT_MS: '5000' }, { home: '/tmp/x' }).limits.timeoutMs).toBe(5000);
  });
  it('recognises loopback hosts', () => {
    expect(['127.0.0.1', 'localhost', '::1', '[::1]', '127.1.2.3'].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '10.0.0.1', 'example.com', '::'].some(isLoopbackHost)).toBe(false);
  });
});

describe('secret redaction', () => {
  it('masks credentials in URLs, bearer tokens and token parameters', () => {
    expect(redactSecrets('connect postgres://user:hunter2@db:5432/x failed')).toBe('connect postgres://[redacted]@db:5432/x failed');
    expect(redactSecrets('redis://:pw@127.0.0.1:6379')).toBe('redis://[redacted]@127.0.0.1:6379');
    expect(redactSecrets('Authorization: Bearer abc.def-123')).toBe('Authorization: Bearer [redacted]');
    expect(redactSecrets('/api/jobs/1/events?token=s3cr3t&x=1')).toBe('/api/jobs/1/events?token=[redacted]&x=1');
    expect(redactSecrets('http://example.com/path')).toBe('http://example.com/path');
  });
});
