// The API over real HTTP in distributed mode: PostgreSQL for state and results, BullMQ on Redis for
// delivery, a worker started like `pineback worker` (here in-process). Unique PG schema and Redis
// key prefix per run; both removed afterwards.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TV_DIR } from '../../../test-support/shared.js';
import { startServer, startWorker, type RunningServer, type RunningWorker } from '../src/server.js';
import { testKinds } from './fixtures/test-kinds.js';
import { distributedEnv, http, waitFor, waitForJob } from './support/helpers.js';

const env = distributedEnv();
let srv: RunningServer;
let worker: RunningWorker;
let base: string;

beforeAll(async () => {
  srv = await startServer({ ...env.config, progressIntervalMs: 1000 });
  worker = await startWorker({ ...env.config, concurrency: 2 }, { extraKinds: testKinds, timing: { lockDurationMs: 5_000, stalledIntervalMs: 2_000 } });
  base = srv.url;
});
afterAll(async () => {
  await worker?.close();
  await srv?.close();
  await env.cleanup();
});

const enqueue = async (payload: unknown, maxAttempts = 3): Promise<string> => {
  const id = `d-${Math.random().toString(36).slice(2)}`;
  await srv.services.queue.enqueue({ id, kind: 'test', payload, maxAttempts });
  return id;
};

describe('distributed mode', () => {
  it('reports distributed mode on PostgreSQL', async () => {
    const r = await http(base, 'GET', '/api/health');
    expect(r.body).toMatchObject({ ok: true, mode: 'distributed', database: 'postgres' });
  });

  it('keeps strategies and the audit log in PostgreSQL', async () => {
    const c = await http(base, 'POST', '/api/strategies', { name: 'PgStrat', source: 'a' });
    expect(c.status).toBe(201);
    const u = await http(base, 'PUT', `/api/strategies/${c.body.strategyId}`, { source: 'b' });
    expect(u.body.version).toBe(2);
    const rows = await srv.services.store.db.query('SELECT version FROM strategy_versions WHERE strategy_id = $1 ORDER BY version', [c.body.strategyId]);
    expect(rows.map((r) => r.version)).toEqual([1, 2]);
    const audit = await http(base, 'GET', '/api/audit');
    expect(audit.body.items.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['strategy.create', 'strategy.update']));
  });

  it('runs a job on a worker and streams its progress to the server', async () => {
    const id = await enqueue({ op: 'sleep', ms: 2500 });
    const res = await fetch(`${base}/api/jobs/${id}/events`);
    const text = await res.text();
    const events = [...text.matchAll(/event: progress\ndata: (\{.*\})/g)].map((m) => JSON.parse(m[1]!));
    expect(text.trimEnd().endsWith('event: end\ndata: {}')).toBe(true);
    expect(events.at(-1)).toMatchObject({ id, status: 'done', progress: 100 });
    expect(events.some((e) => e.status === 'running' && e.progress > 0 && e.progress < 100)).toBe(true);
    const j = await waitForJob(base, id, ['done']);
    expect(j.result).toMatchObject({ slept: 2500, attempt: 1 });
  });

  it('cancels a running job on the worker', async () => {
    const id = await enqueue({ op: 'sleep', ms: 30_000 });
    await waitForJob(base, id, ['running']);
    expect((await http(base, 'POST', `/api/jobs/${id}/cancel`)).status).toBe(200);
    await waitForJob(base, id, ['cancelled'], 10_000);
  });

  it('cancels a queued job before any worker takes it', async () => {
    const blockers = await Promise.all([0, 1].map(() => enqueue({ op: 'sleep', ms: 3000 })));
    const queued = await enqueue({ op: 'echo', value: 'never' });
    const c = await http(base, 'POST', `/api/jobs/${queued}/cancel`);
    expect(c.body.status).toBe('cancelled');
    for (const b of blockers) await waitForJob(base, b, ['done']);
    await new Promise((r) => setTimeout(r, 500));
    const j = await waitForJob(base, queued, ['cancelled']);
    expect(j.attempts).toBe(0);
  });

  it('retries crashed attempts with backoff and stores one result', async () => {
    const id = await enqueue({ op: 'crash', untilAttempt: 2, value: 'ok' });
    const j = await waitForJob(base, id, ['done', 'failed']);
    expect(j).toMatchObject({ status: 'done', attempts: 2, result: { value: 'ok', attempt: 2 } });
    const rows = await srv.services.store.db.query('SELECT attempt FROM test_results WHERE job_id = $1', [id]);
    expect(rows).toEqual([{ attempt: 2 }]);
  });

  it('does not retry permanent failures', async () => {
    const id = await enqueue({ op: 'fail', message: 'script error', permanent: true });
    const j = await waitForJob(base, id, ['failed']);
    expect(j).toMatchObject({ attempts: 1, error: 'script error' });
    expect((await http(base, 'GET', '/api/health')).status).toBe(200);
  });

  it('lists jobs with paging from PostgreSQL', async () => {
    await waitFor(async () => (await http(base, 'GET', '/api/jobs?status=done')).body.total >= 2, 5000);
    const page = await http(base, 'GET', '/api/jobs?limit=1&offset=0');
    expect(page.body.items).toHaveLength(1);
    expect(page.body.total).toBeGreaterThan(3);
  });
});

describe('distributed mode with the engine', () => {
  it('imports a CSV on the server, runs the backtest on a worker, stores the result in PostgreSQL', async () => {
    const form = new FormData();
    form.append('file', new Blob([readFileSync(join(TV_DIR, 'strategies', 'ohlcv', 'EURUSD_60_2022-01-02_2025-09-12.csv'))]), 'eurusd.csv');
    const up = await http(base, 'POST', '/api/data/import?symbol=FX:EURUSD&timeframe=60&timezone=America/New_York&mintick=0.00001', form);
    expect(up.status).toBe(202);
    expect((await waitForJob(base, up.body.id, ['done', 'failed'], 60_000)).status).toBe('done');

    const script = readFileSync(join(TV_DIR, 'strategies', 'pine', 'rsi.pine'), 'utf8');
    const req = { script, symbols: ['FX:EURUSD'], timeframes: ['60'], range: { from: '2025-01-01T00:00:00Z' } };
    const r = await http(base, 'POST', '/api/backtests', req);
    expect(r.status).toBe(202);
    const j = await waitForJob(base, r.body.id, ['done', 'failed'], 120_000);
    expect(j.status, j.error).toBe('done');
    const b = await http(base, 'GET', `/api/backtests/${r.body.id}`);
    expect(b.body.result.runs[0].trades.length).toBeGreaterThan(10);
    const stored = await srv.services.store.db.query('SELECT dataset_hash FROM backtests WHERE id = $1', [r.body.id]);
    expect(stored[0]!.dataset_hash).toBe(b.body.datasetHash);
    const again = await http(base, 'POST', '/api/backtests', req);
    expect(again.body).toEqual({ id: r.body.id, status: 'done', cached: true });
  });
});
