// Fault tests for distributed mode: a worker killed mid-job (its job is retried by another worker
// and stored once), a server restarted with queued jobs, and Redis itself restarted (a private
// redis-server on its own loopback port, so the machine's shared Redis is never touched).
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, startWorker } from '../src/server.js';
import { testKinds } from './fixtures/test-kinds.js';
import { startChild, type Child } from './support/processes.js';
import { distributedEnv, freePort, http, portOpen, waitFor, waitForJob, type DistributedEnv } from './support/helpers.js';

const envs: DistributedEnv[] = [];
const children: Child[] = [];
afterAll(async () => {
  for (const c of children) await c.kill();
  for (const e of envs) await e.cleanup();
});

describe('distributed faults', () => {
  it('a worker killed mid-job: the job is retried on another worker and completes once', async () => {
    const env = distributedEnv();
    envs.push(env);
    const srv = await startServer(env.config);
    try {
      const a = await startChild('worker-process', env.env);
      children.push(a);
      await srv.services.queue.enqueue({ id: 'kill-1', kind: 'test', payload: { op: 'sleep', ms: 4000 }, maxAttempts: 3 });
      const running = await waitForJob(srv.url, 'kill-1', ['running'], 20_000);
      expect(running.attempts).toBe(1);
      await new Promise((r) => setTimeout(r, 500));
      await a.kill('SIGKILL');

      const b = await startChild('worker-process', env.env);
      children.push(b);
      const done = await waitForJob(srv.url, 'kill-1', ['done', 'failed'], 60_000);
      expect(done).toMatchObject({ status: 'done', attempts: 2, result: { slept: 4000, attempt: 2 } });
      const rows = await srv.services.store.db.query('SELECT attempt FROM test_results WHERE job_id = $1', ['kill-1']);
      expect(rows).toEqual([{ attempt: 2 }]);
      await b.kill('SIGTERM');
    } finally {
      await srv.close();
    }
  });

  it('a server restarted with queued jobs: they run once a worker is up', async () => {
    const env = distributedEnv();
    envs.push(env);
    const first = await startServer(env.config);
    const ids = ['q1', 'q2', 'q3'];
    for (const id of ids) await first.services.queue.enqueue({ id, kind: 'test', payload: { op: 'echo', value: id }, maxAttempts: 3 });
    await first.close();

    const second = await startServer(env.config);
    const worker = await startWorker(env.config, { extraKinds: testKinds });
    try {
      for (const id of ids) expect((await waitForJob(second.url, id, ['done'])).result).toMatchObject({ value: id });
    } finally {
      await worker.close();
      await second.close();
    }
  });

  it('Redis restarted: the API stays up and workers reconnect and take new jobs', async () => {
    const port = await freePort();
    const startRedis = (): ChildProcess =>
      spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    let redis = startRedis();
    await waitFor(() => portOpen('127.0.0.1', port), 10_000, 'private redis');
    const env = distributedEnv(`redis://127.0.0.1:${port}`);
    envs.push(env);
    const srv = await startServer(env.config);
    const worker = await startWorker(env.config, { extraKinds: testKinds, timing: { lockDurationMs: 3_000, stalledIntervalMs: 1_000 } });
    try {
      await srv.services.queue.enqueue({ id: 'before', kind: 'test', payload: { op: 'echo', value: 1 }, maxAttempts: 3 });
      await waitForJob(srv.url, 'before', ['done']);

      redis.kill('SIGKILL');
      await waitFor(async () => !(await portOpen('127.0.0.1', port)), 5_000, 'redis to stop');
      expect((await http(srv.url, 'GET', '/api/health')).status).toBe(200);
      expect((await http(srv.url, 'GET', '/api/jobs/before')).body.status).toBe('done');
      await new Promise((r) => setTimeout(r, 1500));

      redis = startRedis();
      await waitFor(() => portOpen('127.0.0.1', port), 10_000, 'redis to restart');
      await waitFor(async () => {
        await srv.services.queue.enqueue({ id: 'after', kind: 'test', payload: { op: 'echo', value: 2 }, maxAttempts: 3 });
        return true;
      }, 20_000, 'the queue to reconnect');
      const j = await waitForJob(srv.url, 'after', ['done'], 30_000);
      expect(j.result).toMatchObject({ value: 2 });
    } finally {
      await worker.close();
      await srv.close();
      redis.kill('SIGTERM');
    }
  });
});
