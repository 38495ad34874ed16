// The API over real HTTP against a started server in embedded mode (DuckDB under a temp
// $PINEBACK_HOME, worker_threads pool). Job execution uses the test-only 'test' kind.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RunningServer } from '../src/server.js';
import { http, startEmbedded, tempHome, waitFor, waitForJob } from './support/helpers.js';

let srv: RunningServer;
let base: string;
const home = tempHome();

beforeAll(async () => {
  srv = await startEmbedded({ home: home.path, concurrency: 2, progressIntervalMs: 1000 });
  base = srv.url;
});
afterAll(async () => {
  await srv?.close();
  home.remove();
});

const enqueue = async (payload: unknown, maxAttempts = 3): Promise<string> => {
  const id = `t-${Math.random().toString(36).slice(2)}`;
  await srv.services.queue.enqueue({ id, kind: 'test', payload, maxAttempts });
  return id;
};

describe('service basics', () => {
  it('reports health, mode and engine availability', async () => {
    const r = await http(base, 'GET', '/api/health');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ok: true, mode: 'embedded', database: 'duckdb' });
    expect(r.body.engine).toEqual({ compiler: { available: true, reason: null }, data: { available: true, reason: null } });
  });

  it('publishes an OpenAPI document and a browsable UI', async () => {
    const doc = await http(base, 'GET', '/api/docs/json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    for (const p of ['/api/backtests', '/api/backtests/{id}', '/api/backtests/{id}/trades.csv', '/api/strategies', '/api/strategies/validate', '/api/optimizations', '/api/data/bars', '/api/data/symbols', '/api/jobs/{id}/events']) {
      expect(doc.body.paths, p).toHaveProperty([p]);
    }
    expect(doc.body.paths['/api/backtests'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('symbols');
    const ui = await http(base, 'GET', '/api/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toMatch(/swagger/i);
  });

  it('serves a placeholder for the web app until it is built', async () => {
    for (const p of ['/', '/app', '/app/editor']) {
      const r = await http(base, 'GET', p);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/text\/html/);
      expect(r.text).toContain('PineBack');
    }
  });
});

describe('strategies', () => {
  it('creates, versions, lists, reads and deletes, with an audit trail', async () => {
    const src1 = '//@version=6\nstrategy("A")\n';
    const c = await http(base, 'POST', '/api/strategies', { name: 'Alpha', source: src1 });
    expect(c.status).toBe(201);
    expect(c.body).toMatchObject({ name: 'Alpha', version: 1, source: src1 });
    const id = c.body.strategyId;

    const dup = await http(base, 'POST', '/api/strategies', { name: 'Alpha', source: src1 });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('NAME_TAKEN');

    const u = await http(base, 'PUT', `/api/strategies/${id}`, { source: `${src1}// edit\n` });
    expect(u.status).toBe(200);
    expect(u.body.version).toBe(2);

    const g = await http(base, 'GET', `/api/strategies/${id}`);
    expect(g.body).toMatchObject({ id, name: 'Alpha', latestVersion: 2 });
    expect(g.body.latest.source).toContain('// edit');
    expect(g.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    const v1 = await http(base, 'GET', `/api/strategies/${id}/versions/1`);
    expect(v1.body.source).toBe(src1);

    await http(base, 'POST', '/api/strategies', { name: 'Beta', source: src1 });
    const l = await http(base, 'GET', '/api/strategies?limit=1');
    expect(l.body.total).toBe(2);
    expect(l.body.items).toHaveLength(1);
    const q = await http(base, 'GET', '/api/strategies?q=alp');
    expect(q.body.items.map((s: { name: string }) => s.name)).toEqual(['Alpha']);

    expect((await http(base, 'DELETE', `/api/strategies/${id}`)).status).toBe(204);
    expect((await http(base, 'GET', `/api/strategies/${id}`)).status).toBe(404);
    expect((await http(base, 'PUT', `/api/strategies/${id}`, { source: 'x' })).status).toBe(404);

    const audit = await http(base, 'GET', '/api/audit?entity=strategy');
    const actions = audit.body.items.filter((a: { entityId: string }) => a.entityId === id).map((a: { action: string }) => a.action);
    expect(actions.sort()).toEqual(['strategy.create', 'strategy.delete', 'strategy.update']);
    expect(audit.body.items[0].actor).toBe('local');
  });

  it('stores the inputs and diagnostics the compiler finds with each version', async () => {
    const c = await http(base, 'POST', '/api/strategies', { name: 'Inputs', source: '//@version=6\nstrategy("I")\nlen = input.int(14, "Length", minval=1)\nsrc = input.source(close, "Source")\nma = input.string("SMA", "MA", options=["SMA", "EMA"])\n' });
    expect(c.status).toBe(201);
    expect(c.body.diagnostics.filter((d: { severity: string }) => d.severity === 'error')).toEqual([]);
    expect(c.body.inputs).toEqual([
      expect.objectContaining({ id: 'Length', title: 'Length', type: 'int', default: 14, min: 1 }),
      expect.objectContaining({ id: 'Source', type: 'source', default: 'close' }),
      expect.objectContaining({ id: 'MA', type: 'string', default: 'SMA', options: ['SMA', 'EMA'] }),
    ]);
    const broken = await http(base, 'PUT', `/api/strategies/${c.body.strategyId}`, { source: '//@version=6\nstrategy("I")\nx = \n' });
    expect(broken.status).toBe(200);
    expect(broken.body.version).toBe(2);
    expect(broken.body.diagnostics[0]).toMatchObject({ severity: 'error', line: expect.any(Number) });
    expect(broken.body.inputs).toEqual([]);
  });
});

describe('jobs (embedded worker pool)', () => {
  it('runs a job to completion with progress and result', async () => {
    const id = await enqueue({ op: 'echo', value: { hello: 'world' } });
    const j = await waitForJob(base, id, ['done']);
    expect(j).toMatchObject({ kind: 'test', status: 'done', progress: 100, attempts: 1, result: { value: { hello: 'world' }, attempt: 1 } });
    const list = await http(base, 'GET', '/api/jobs?kind=test&status=done');
    expect(list.body.items.some((x: { id: string }) => x.id === id)).toBe(true);
  });

  it('reuses pool threads between jobs and replaces a thread that crashed', async () => {
    const solo = await startEmbedded({ home: join(home.path, 'solo'), concurrency: 1 });
    try {
      const run = async (payload: unknown) => {
        const id = `p-${Math.random().toString(36).slice(2)}`;
        await solo.services.queue.enqueue({ id, kind: 'test', payload, maxAttempts: 1 });
        return waitForJob(solo.url, id, ['done', 'failed']);
      };
      const a = await run({ op: 'echo', value: 1 });
      const b = await run({ op: 'echo', value: 2 });
      expect(b.result.threadId).toBe(a.result.threadId);
      expect((await run({ op: 'crash', untilAttempt: 2, value: 0 })).status).toBe('failed');
      const c = await run({ op: 'echo', value: 3 });
      expect(c.result.threadId).not.toBe(a.result.threadId);
    } finally {
      await solo.close();
    }
  });

  it('streams progress over SSE at least every 2 s and at completion', async () => {
    const id = await enqueue({ op: 'sleep', ms: 3000 });
    const res = await fetch(`${base}/api/jobs/${id}/events`);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const events: { at: number; data: any; event: string }[] = [];
    const reader = res.body!.getReader();
    const dec = new TextDecoder();
    let buf = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += dec.decode(value, { stream: true });
      let i;
      while ((i = buf.indexOf('\n\n')) >= 0) {
        const chunk = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const ev = /event: (\w+)/.exec(chunk)?.[1] ?? '';
        const data = JSON.parse(/data: (.*)/.exec(chunk)?.[1] ?? '{}');
        events.push({ at: Date.now(), event: ev, data });
      }
    }
    const progress = events.filter((e) => e.event === 'progress');
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.at(-1)!.data).toMatchObject({ id, status: 'done', progress: 100 });
    expect(events.at(-1)!.event).toBe('end');
    for (let k = 1; k < progress.length; k++) expect(progress[k]!.at - progress[k - 1]!.at).toBeLessThanOrEqual(2100);
    const running = progress.filter((e) => e.data.status === 'running').map((e) => e.data.progress);
    expect(running.some((p) => p > 0 && p < 100)).toBe(true);
  });

  it('streams progress over WebSocket and closes after the final state', async () => {
    const id = await enqueue({ op: 'sleep', ms: 1500 });
    const ws = new WebSocket(`${base.replace('http', 'ws')}/api/jobs/${id}/ws`);
    const msgs: any[] = [];
    const closed = await new Promise<number>((resolve, reject) => {
      ws.on('message', (m: unknown) => msgs.push(JSON.parse(String(m))));
      ws.on('close', (code: number) => resolve(code));
      ws.on('error', reject);
    });
    expect(closed).toBe(1000);
    expect(msgs.length).toBeGreaterThan(1);
    expect(msgs.at(-1)).toMatchObject({ id, status: 'done', progress: 100 });
  });

  it('cancels running and queued jobs', async () => {
    const running = await enqueue({ op: 'sleep', ms: 20_000 });
    await waitForJob(base, running, ['running']);
    const c = await http(base, 'POST', `/api/jobs/${running}/cancel`);
    expect(c.status).toBe(200);
    const j = await waitForJob(base, running, ['cancelled'], 5000);
    expect(j.finishedAt).not.toBeNull();
    expect((await http(base, 'POST', '/api/jobs/nope/cancel')).status).toBe(404);
  });

  it('retries a crashed worker thread with backoff and stores the result once', async () => {
    const id = await enqueue({ op: 'crash', untilAttempt: 3, value: 42 }, 3);
    const j = await waitForJob(base, id, ['done', 'failed']);
    expect(j).toMatchObject({ status: 'done', attempts: 3, result: { value: 42, attempt: 3 } });
    const rows = await srv.services.store.db.query('SELECT attempt FROM test_results WHERE job_id = $1', [id]);
    expect(rows).toEqual([{ attempt: 3 }]);
  });

  it('fails after the last attempt, and does not retry permanent failures', async () => {
    const transient = await enqueue({ op: 'crash', untilAttempt: 99, value: 0 }, 2);
    const permanent = await enqueue({ op: 'fail', message: 'bad script', permanent: true }, 3);
    const t = await waitForJob(base, transient, ['failed']);
    expect(t.attempts).toBe(2);
    expect(t.error).toMatch(/exited unexpectedly/);
    const p = await waitForJob(base, permanent, ['failed']);
    expect(p).toMatchObject({ attempts: 1, error: 'bad script' });
  });

  it('stops an endless loop at the time limit; the service stays up', async () => {
    const small = await startEmbedded({ home: join(home.path, 'limits-time'), limits: { timeoutMs: 3000, memoryMb: 128, maxAttempts: 3, backoffMs: 100, maxLoopIterations: 1000 } });
    try {
      await small.services.queue.enqueue({ id: 'spin', kind: 'test', payload: { op: 'spin' }, maxAttempts: 3 });
      const s = await waitForJob(small.url, 'spin', ['failed']);
      expect(s).toMatchObject({ attempts: 1 });
      expect(s.error).toMatch(/time limit exceeded: the job ran longer than 3 s/);
      expect((await http(small.url, 'GET', '/api/health')).status).toBe(200);
    } finally {
      await small.close();
    }
  });

  it('stops runaway memory at the worker\'s heap limit; the service stays up', async () => {
    // A generous time limit, so that only the memory limit can end the job even on a loaded machine.
    const small = await startEmbedded({ home: join(home.path, 'limits-mem'), limits: { timeoutMs: 60_000, memoryMb: 32, maxAttempts: 3, backoffMs: 100, maxLoopIterations: 1000 } });
    try {
      await small.services.queue.enqueue({ id: 'oom', kind: 'test', payload: { op: 'oom' }, maxAttempts: 3 });
      const o = await waitForJob(small.url, 'oom', ['failed'], 60_000);
      expect(o.error).toMatch(/memory limit exceeded: the job needed more than 32 MB/);
      expect(o.attempts).toBe(1);
      expect((await http(small.url, 'GET', '/api/health')).status).toBe(200);
    } finally {
      await small.close();
    }
  });

  it('never runs more jobs at once than the configured concurrency', async () => {
    const ids = await Promise.all([0, 1, 2, 3].map(() => enqueue({ op: 'sleep', ms: 600 })));
    let maxRunning = 0;
    await waitFor(async () => {
      const jobs = await Promise.all(ids.map((id) => srv.services.store.jobs.get(id)));
      maxRunning = Math.max(maxRunning, jobs.filter((j) => j?.status === 'running').length);
      return jobs.every((j) => j?.status === 'done');
    }, 20_000, 'all sleep jobs');
    expect(maxRunning).toBeGreaterThan(0);
    expect(maxRunning).toBeLessThanOrEqual(2);
  });
});
