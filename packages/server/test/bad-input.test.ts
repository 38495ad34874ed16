// Bad input over real HTTP: every case gets a clear 4xx/5xx error body and the service stays up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server.js';
import { http, startEmbedded, tempHome } from './support/helpers.js';

let srv: RunningServer;
let base: string;
const home = tempHome();

beforeAll(async () => {
  srv = await startEmbedded({ home: home.path, bodyLimitBytes: 64 * 1024, uploadLimitBytes: 1024 });
  base = srv.url;
});
afterAll(async () => {
  await srv?.close();
  home.remove();
});

const expectErrorBody = (r: { status: number; body: any }, status: number, code?: string) => {
  expect(r.status).toBe(status);
  expect(r.body).toMatchObject({ statusCode: status, error: expect.any(String), message: expect.any(String) });
  if (code) expect(r.body.code).toBe(code);
};

describe('bad input', () => {
  it('malformed JSON → 400 MALFORMED_JSON', async () => {
    const r = await http(base, 'POST', '/api/strategies', '{"name": "x", "source": ', { 'content-type': 'application/json' });
    expectErrorBody(r, 400, 'MALFORMED_JSON');
  });

  it('wrong types and missing fields → 400 with the path of each problem', async () => {
    const r = await http(base, 'POST', '/api/backtests', { script: 42, symbols: 'BTCUSDT', timeframes: [], settings: { initialCapital: -5 } });
    expectErrorBody(r, 400, 'VALIDATION');
    const paths = r.body.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.script', 'body.symbols', 'body.timeframes', 'body.settings.initialCapital']));
    const q = await http(base, 'GET', '/api/backtests?limit=abc');
    expectErrorBody(q, 400, 'VALIDATION');
    const both = await http(base, 'POST', '/api/backtests', { symbols: ['X'], timeframes: ['60'] });
    expectErrorBody(both, 400, 'VALIDATION');
    expect(both.body.message).toMatch(/exactly one of script or strategyId/);
    const sym = await http(base, 'POST', '/api/backtests', { script: 's', symbols: ['DROP TABLE x;--'], timeframes: ['60'] });
    expectErrorBody(sym, 400, 'VALIDATION');
    const tf = await http(base, 'POST', '/api/backtests', { script: 's', symbols: ['X'], timeframes: ['sixty'] });
    expectErrorBody(tf, 400, 'VALIDATION');
    const range = await http(base, 'POST', '/api/backtests', { script: 's', symbols: ['X'], timeframes: ['60'], range: { from: '2024-02-01', to: '2024-01-01' } });
    expectErrorBody(range, 400, 'VALIDATION');
  });

  it('huge payloads → 413', async () => {
    const r = await http(base, 'POST', '/api/strategies', { name: 'big', source: 'x'.repeat(200 * 1024) });
    expectErrorBody(r, 413, 'BODY_TOO_LARGE');
    const form = new FormData();
    form.append('file', new Blob(['time,open,high,low,close\n'.repeat(200)]), 'bars.csv');
    const up = await http(base, 'POST', '/api/data/import?symbol=X&timeframe=60', form);
    expectErrorBody(up, 413);
  });

  it('oversized optimisation grids → 400 before anything is queued', async () => {
    const r = await http(base, 'POST', '/api/optimizations', {
      script: 's', symbol: 'X', timeframe: '60', objective: { metric: 'net_profit' }, maxIterations: 10,
      params: { a: { min: 1, max: 100, step: 1 } },
    });
    expectErrorBody(r, 400, 'SEARCH_SPACE_TOO_LARGE');
  });

  it('unknown ids and routes → 404', async () => {
    expectErrorBody(await http(base, 'GET', '/api/backtests/does-not-exist'), 404, 'NOT_FOUND');
    expectErrorBody(await http(base, 'GET', '/api/backtests/does-not-exist/trades.csv'), 404, 'NOT_FOUND');
    expectErrorBody(await http(base, 'GET', '/api/optimizations/nope'), 404, 'NOT_FOUND');
    expectErrorBody(await http(base, 'GET', '/api/jobs/nope'), 404, 'NOT_FOUND');
    expectErrorBody(await http(base, 'GET', '/api/nothing-here'), 404, 'NO_ROUTE');
    expectErrorBody(await http(base, 'POST', '/api/backtests', { strategyId: 'missing', symbols: ['X'], timeframes: ['60'] }), 404, 'NOT_FOUND');
    expectErrorBody(await http(base, 'GET', '/api/backtests/compare?ids=a,b'), 404, 'NOT_FOUND');
  });

  it('unknown symbols → 404 UNKNOWN_SYMBOL', async () => {
    expectErrorBody(await http(base, 'GET', '/api/data/bars?symbol=NOPE:NOTHING&timeframe=60'), 404, 'UNKNOWN_SYMBOL');
    const noExchange = await http(base, 'GET', '/api/data/bars?symbol=BTCUSDT&timeframe=60');
    expectErrorBody(noExchange, 404, 'UNKNOWN_SYMBOL');
    expect(noExchange.body.message).toMatch(/EXCHANGE:TICKER/);
    const bt = await http(base, 'POST', '/api/backtests', { script: '//@version=6\nstrategy("x")\n', symbols: ['NOPE:NOTHING'], timeframes: ['60'] });
    expectErrorBody(bt, 404, 'UNKNOWN_SYMBOL');
  });

  it('scripts with errors → 400 SCRIPT_ERROR with diagnostics', async () => {
    const r = await http(base, 'POST', '/api/backtests', { script: '//@version=6\nstrategy("x")\nplot(close +)\n', symbols: ['X'], timeframes: ['60'] });
    expectErrorBody(r, 400, 'SCRIPT_ERROR');
    expect(r.body.details[0]).toMatchObject({ severity: 'error', line: 3 });
    const v = await http(base, 'POST', '/api/strategies/validate', { source: '//@version=6\nstrategy("x")\nplot(close +)\n' });
    expect(v.status).toBe(200);
    expect(v.body.ok).toBe(false);
  });

  it('the service is still up after all of it', async () => {
    const r = await http(base, 'GET', '/api/health');
    expect(r.status).toBe(200);
    expect(r.body.ok).toBe(true);
  });
});
