import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError, queryString } from '../src/api/client.js';

interface Call { url: string; method: string; body: unknown; headers: Record<string, string> }

function fakeFetch(respond: (c: Call) => { status?: number; json?: unknown; text?: string }) {
  const calls: Call[] = [];
  const f = (async (url: string, init: RequestInit) => {
    const c: Call = { url, method: init.method ?? 'GET', body: typeof init.body === 'string' ? JSON.parse(init.body) : init.body, headers: init.headers as Record<string, string> };
    calls.push(c);
    const r = respond(c);
    const status = r.status ?? 200;
    return new Response(r.text ?? (r.json === undefined ? null : JSON.stringify(r.json)), { status });
  }) as unknown as typeof fetch;
  return { f, calls };
}

describe('api client', () => {
  it('builds query strings without empty values', () => {
    expect(queryString({ a: 1, b: undefined, c: '', d: 'x y', e: false })).toBe('?a=1&d=x%20y&e=false');
    expect(queryString({})).toBe('');
  });

  it('submits backtests as JSON to /api/backtests with a bearer token', async () => {
    const { f, calls } = fakeFetch(() => ({ json: { id: 'b1', status: 'queued', cached: false } }));
    const api = new ApiClient({ fetch: f, token: 'secret', base: 'http://h:1/' });
    const res = await api.submitBacktest({ script: 's', symbols: ['AMEX:SPY'], timeframes: ['D'], settings: { initialCapital: 1000 } });
    expect(res.id).toBe('b1');
    expect(calls[0]).toMatchObject({ url: 'http://h:1/api/backtests', method: 'POST', body: { script: 's', symbols: ['AMEX:SPY'], timeframes: ['D'], settings: { initialCapital: 1000 } } });
    expect(calls[0]!.headers).toMatchObject({ authorization: 'Bearer secret', 'content-type': 'application/json' });
  });

  it('uses the server paths for every resource', async () => {
    const { f, calls } = fakeFetch(() => ({ json: { items: [], total: 0 } }));
    const api = new ApiClient({ fetch: f });
    await api.listBacktests({ label: 'MACD', status: 'done', limit: 25 });
    await api.bars({ symbol: 'AMEX:SPY', timeframe: 'D', cursor: null, limit: 50_000 });
    await api.compare(['a', 'b:1']);
    await api.cancelBacktest('x/y');
    await api.iterations('o1', { limit: 500 });
    await api.validate('src');
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'GET /api/backtests?label=MACD&status=done&limit=25',
      'GET /api/data/bars?symbol=AMEX%3ASPY&timeframe=D&limit=50000',
      'GET /api/backtests/compare?ids=a%2Cb%3A1',
      'POST /api/backtests/x%2Fy/cancel',
      'GET /api/optimizations/o1/iterations?limit=500',
      'POST /api/strategies/validate',
    ]);
    expect(api.tradesCsvUrl('b1', 2)).toBe('/api/backtests/b1/trades.csv?run=2');
    expect(api.jobEventsUrl('j1')).toBe('/api/jobs/j1/events');
  });

  it('turns error bodies into ApiError with details', async () => {
    const { f } = fakeFetch(() => ({ status: 400, json: { statusCode: 400, error: 'Bad Request', message: 'the script does not compile', code: 'SCRIPT_ERROR', details: [{ line: 3 }] } }));
    const err = await new ApiClient({ fetch: f }).submitBacktest({ script: 'x', symbols: ['A'], timeframes: ['D'] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, message: 'the script does not compile', code: 'SCRIPT_ERROR', details: [{ line: 3 }] });
  });

  it('returns CSV as text and 204 as undefined', async () => {
    const { f } = fakeFetch((c) => (c.method === 'DELETE' ? { status: 204 } : { text: 'Trade #,Type\n' }));
    const api = new ApiClient({ fetch: f });
    await expect(api.tradesCsv('b1')).resolves.toBe('Trade #,Type\n');
    await expect(api.deleteBacktest('b1')).resolves.toBeUndefined();
  });
});
