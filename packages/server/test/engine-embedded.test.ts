// End to end through the real engine adapter (packages/pine + packages/data) in embedded mode:
// CSV upload → coverage → paged chart bars → backtest of TradingView's RSI Strategy on its
// EURUSD 60m fixture → result, trades CSV in TradingView's layout, cached resubmission, compare,
// optimisation; plus scripts with errors and endless loops.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TV_DIR } from '../../../test-support/shared.js';
import type { RunningServer } from '../src/server.js';
import { http, startEmbedded, tempHome, waitForJob } from './support/helpers.js';

const OHLCV = join(TV_DIR, 'strategies', 'ohlcv', 'EURUSD_60_2022-01-02_2025-09-12.csv');
const RSI = readFileSync(join(TV_DIR, 'strategies', 'pine', 'rsi.pine'), 'utf8');
const TV_TRADES = readFileSync(join(TV_DIR, 'strategies', 'trades', 'rsi_trades.csv'), 'utf8').trim().split('\n');
const SYMBOL = 'FX:EURUSD';

let srv: RunningServer;
let base: string;
const home = tempHome();

beforeAll(async () => {
  srv = await startEmbedded({ home: home.path, limits: { timeoutMs: 120_000, memoryMb: 1024, maxAttempts: 2, backoffMs: 100, maxLoopIterations: 10_000 } });
  base = srv.url;
  const form = new FormData();
  form.append('file', new Blob([readFileSync(OHLCV)]), 'eurusd.csv');
  const up = await http(base, 'POST', `/api/data/import?symbol=${SYMBOL}&timeframe=60&timezone=America/New_York&mintick=0.00001&currency=USD&type=forex`, form);
  expect(up.status).toBe(202);
  const j = await waitForJob(base, up.body.id, ['done', 'failed'], 60_000);
  expect(j.status, j.error).toBe('done');
});
afterAll(async () => {
  await srv?.close();
  home.remove();
});

const submit = (extra: Record<string, unknown> = {}) =>
  http(base, 'POST', '/api/backtests', { script: RSI, symbols: [SYMBOL], timeframes: ['60'], ...extra });

describe('market data', () => {
  it('lists the imported symbol with its coverage', async () => {
    const r = await http(base, 'GET', '/api/data/symbols');
    expect(r.status).toBe(200);
    const s = r.body.items.find((x: { symbol: string }) => x.symbol === SYMBOL);
    expect(s).toMatchObject({ timeframe: '60', bars: 23054 });
    expect(s.first).toBe(Date.parse('2022-01-02T17:00:00-05:00'));
  });

  it('pages chart bars progressively and resamples', async () => {
    let cursor: number | null = null;
    let total = 0;
    let pages = 0;
    let lastTime = -Infinity;
    do {
      const r: { status: number; body: any } = await http(base, 'GET', `/api/data/bars?symbol=${SYMBOL}&timeframe=60&limit=5000${cursor === null ? '' : `&cursor=${cursor}`}`);
      expect(r.status).toBe(200);
      expect(r.body.time.length).toBeLessThanOrEqual(5000);
      if (r.body.time.length) {
        expect(r.body.time[0]).toBeGreaterThan(lastTime);
        lastTime = r.body.time.at(-1);
      }
      total += r.body.time.length;
      cursor = r.body.nextCursor;
      pages++;
    } while (cursor !== null && pages < 100);
    expect(total).toBe(23054);
    expect(pages).toBeGreaterThanOrEqual(5);
    const d = await http(base, 'GET', `/api/data/bars?symbol=${SYMBOL}&timeframe=D&limit=50000`);
    expect(d.status).toBe(200);
    expect(d.body.time.length).toBeGreaterThan(900);
    expect(d.body.time.length).toBeLessThan(1400);
  });

  it('pages chart bars backwards from the latest bar (direction=backward)', async () => {
    const collect = async (tf: string, limit: number): Promise<{ times: number[]; pages: number }> => {
      let before: number | null = null;
      const times: number[] = [];
      let pages = 0;
      do {
        const r: { status: number; body: any } = await http(base, 'GET', `/api/data/bars?symbol=${SYMBOL}&timeframe=${tf}&limit=${limit}&direction=backward${before === null ? '' : `&before=${before}`}`);
        expect(r.status).toBe(200);
        expect(r.body.time.length).toBeLessThanOrEqual(limit);
        if (r.body.time.length && times.length) expect(r.body.time.at(-1)).toBeLessThan(times[0]!);
        times.unshift(...r.body.time);
        before = r.body.prevCursor;
        pages++;
      } while (before !== null && pages < 200);
      return { times, pages };
    };
    const hourly = await collect('60', 5000);
    expect(hourly.times.length).toBe(23054);
    expect(hourly.pages).toBeGreaterThanOrEqual(5);
    // Resampled pages join into exactly the forward daily series (no split or repeated bucket).
    const daily = await collect('D', 300);
    const forward = await http(base, 'GET', `/api/data/bars?symbol=${SYMBOL}&timeframe=D&limit=50000`);
    expect(daily.times).toEqual(forward.body.time);
  });

  it('answers 404 for unknown symbols', async () => {
    const r = await http(base, 'GET', '/api/data/bars?symbol=FX:NOPE&timeframe=60');
    expect(r.status).toBe(404);
    expect(r.body.code).toBe('UNKNOWN_SYMBOL');
    const b = await submit({ symbols: ['FX:NOPE'] });
    expect(b.status).toBe(404);
    expect(b.body.code).toBe('UNKNOWN_SYMBOL');
  });
});

describe('backtests through the engine', () => {
  let id: string;

  it('validates scripts and extracts inputs', async () => {
    const v = await http(base, 'POST', '/api/strategies/validate', { source: RSI });
    expect(v.status).toBe(200);
    expect(v.body.ok).toBe(true);
    expect(v.body.inputs.map((i: { title: string }) => i.title)).toEqual(['Length', 'Oversold', 'Overbought']);
    expect(v.body.inputs[0]).toMatchObject({ type: 'int', default: 14 });
    const bad = await http(base, 'POST', '/api/strategies/validate', { source: '//@version=6\nstrategy("x")\nplot(close +)\n' });
    expect(bad.body.ok).toBe(false);
    expect(bad.body.diagnostics[0]).toMatchObject({ severity: 'error', line: 3 });
  });

  it('runs a backtest with progress to a stored result', async () => {
    const r = await submit({ label: 'rsi-default' });
    expect(r.status).toBe(202);
    expect(r.body.cached).toBe(false);
    id = r.body.id;
    const j = await waitForJob(base, id, ['done', 'failed'], 120_000);
    expect(j.status, j.error).toBe('done');
    const b = await http(base, 'GET', `/api/backtests/${id}`);
    expect(b.body).toMatchObject({ status: 'done', progress: 100, label: 'rsi-default' });
    const run = b.body.result.runs[0];
    expect(run).toMatchObject({ symbol: SYMBOL, timeframe: '60', timezone: 'America/New_York' });
    expect(b.body.datasetHash).toMatch(/^[0-9a-f]{64}$/);
    expect(run.trades.length).toBe((TV_TRADES.length - 1) / 2);
    expect(run.equity.length).toBe(23054);
    expect(run.drawdown.length).toBe(23054);
    expect(run.metrics.find((m: { key: string }) => m.key === 'totalClosedTrades')).toBeTruthy();
    expect(run.summary.totalClosedTrades).toBe(run.trades.filter((t: { exitSignal: string }) => t.exitSignal !== 'Open').length);
  });

  it('exports the List of Trades in TradingView\'s CSV layout', async () => {
    const csv = await http(base, 'GET', `/api/backtests/${id}/trades.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe(TV_TRADES[0]);
    expect(lines).toHaveLength(TV_TRADES.length);
    // Columns that TradingView exports unrounded: trade number, type, time, signal, price.
    for (const k of [1, 2, 3, 4]) expect(lines[k]!.split(',').slice(0, 5)).toEqual(TV_TRADES[k]!.split(',').slice(0, 5));
    const json = await http(base, 'GET', `/api/backtests/${id}/trades.json`);
    expect(json.body.trades[0]).toMatchObject({ id: 1, direction: 'long', entrySignal: 'RsiLE' });
  });

  it('returns the stored result at once for an identical submission', async () => {
    const r = await submit({ label: 'again' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ id, status: 'done', cached: true });
  });

  it('compares runs and lists with filters', async () => {
    const r = await submit({ inputs: { Length: 10 } });
    expect(r.status).toBe(202);
    await waitForJob(base, r.body.id, ['done'], 120_000);
    const c = await http(base, 'GET', `/api/backtests/compare?ids=${id},${r.body.id}`);
    expect(c.status).toBe(200);
    const net = c.body.metrics.find((m: { key: string }) => m.key === 'netProfit');
    expect(net.values).toHaveLength(2);
    expect(net.values[0]).not.toBe(net.values[1]);
    const l = await http(base, 'GET', '/api/backtests?status=done&label=rsi-default');
    expect(l.body.items.map((x: { id: string }) => x.id)).toEqual([id]);
  });

  it('optimises over an input grid with a constraint and ranks every iteration', async () => {
    const r = await http(base, 'POST', '/api/optimizations', {
      script: RSI, symbol: SYMBOL, timeframe: '60', params: { Length: { min: 10, max: 14, step: 2 } },
      objective: { metric: 'netProfit', direction: 'max' }, constraints: [{ metric: 'totalClosedTrades', op: '>=', value: 10 }],
      range: { from: '2024-01-01T00:00:00Z' },
    });
    expect(r.status).toBe(202);
    expect(r.body.iterations).toBe(3);
    const j = await waitForJob(base, r.body.id, ['done', 'failed'], 120_000);
    expect(j.status, j.error).toBe('done');
    const it = await http(base, 'GET', `/api/optimizations/${r.body.id}/iterations`);
    expect(it.body.total).toBe(3);
    const scores = it.body.items.map((x: { score: number }) => x.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(it.body.items.every((x: { passed: boolean; metrics: { totalClosedTrades: number } }) => x.passed === x.metrics.totalClosedTrades >= 10)).toBe(true);
  });

  it('walks forward: optimises each in-sample window and scores its winner out of sample', async () => {
    const r = await http(base, 'POST', '/api/optimizations', {
      script: RSI, symbol: SYMBOL, timeframe: '60', params: { Length: { values: [10, 14] } },
      objective: { metric: 'netProfit' }, range: { from: '2024-06-01T00:00:00Z' },
      walkForward: { windows: 2, inSampleRatio: 0.7 },
    });
    expect(r.status).toBe(202);
    const j = await waitForJob(base, r.body.id, ['done', 'failed'], 120_000);
    expect(j.status, j.error).toBe('done');
    const is = await http(base, 'GET', `/api/optimizations/${r.body.id}/iterations?phase=in_sample`);
    const oos = await http(base, 'GET', `/api/optimizations/${r.body.id}/iterations?phase=out_of_sample`);
    expect(is.body.total).toBe(4);
    expect(oos.body.total).toBe(2);
    expect(oos.body.items.map((x: { window: number }) => x.window).sort()).toEqual([0, 1]);
    const view = await http(base, 'GET', `/api/optimizations/${r.body.id}`);
    expect(view.body).toMatchObject({ status: 'done', progress: 100 });
    expect(view.body.top.length).toBe(6);
  });

  it('rejects scripts with errors with their diagnostics', async () => {
    const r = await submit({ script: '//@version=6\nstrategy("x")\nplot(close +)\n' });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('SCRIPT_ERROR');
    expect(r.body.details[0]).toMatchObject({ severity: 'error', line: 3 });
  });

  it('stops endless loops at the loop limit with a clear error, without retrying', async () => {
    const src = '//@version=6\nstrategy("loop")\nvar x = 0\nwhile true\n    x += 1\nif x > 5\n    strategy.entry("L", strategy.long)\n';
    const r = await submit({ script: src });
    expect(r.status).toBe(202);
    const j = await waitForJob(base, r.body.id, ['failed', 'done'], 60_000);
    expect(j.status).toBe('failed');
    expect(j.attempts).toBe(1);
    expect(j.error).toMatch(/loop/i);
    expect((await http(base, 'GET', '/api/health')).status).toBe(200);
  });
});
