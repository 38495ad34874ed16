// Embedded mode survives restarts: queued jobs run after a clean restart, and a job that was
// running when the server process was killed (SIGKILL) is retried and completes exactly once.
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/index.js';
import { startChild } from './support/processes.js';
import { startEmbedded, tempHome, waitForJob } from './support/helpers.js';

const homes: { remove(): void }[] = [];
afterAll(() => homes.forEach((h) => h.remove()));

describe('embedded restarts', () => {
  it('runs queued jobs after the server restarts', async () => {
    const home = tempHome();
    homes.push(home);
    const first = await startEmbedded({ home: home.path, concurrency: 1 });
    const ids = ['r1', 'r2', 'r3'];
    for (const id of ids) await first.services.queue.enqueue({ id, kind: 'test', payload: { op: 'sleep', ms: 1500 }, maxAttempts: 3 });
    await waitForJob(first.url, 'r1', ['running']);
    await first.close(); // r1 is handed back to the queue, r2 and r3 never started

    const second = await startEmbedded({ home: home.path, concurrency: 2 });
    try {
      for (const id of ids) {
        const j = await waitForJob(second.url, id, ['done']);
        expect(j.attempts).toBe(1); // a clean shutdown does not use up an attempt
      }
      const rows = await second.services.store.db.query('SELECT job_id FROM test_results ORDER BY job_id');
      expect(rows.map((r) => r.job_id)).toEqual(ids);
    } finally {
      await second.close();
    }
  });

  it('retries a job whose server process was killed mid-run, storing one result', async () => {
    const home = tempHome();
    homes.push(home);
    // Queue a job, start a server process, let the job begin running, then kill the process.
    const seed = await openStore({ home: home.path, databaseUrl: undefined, pgSchema: 'unused' });
    await seed.jobs.insert({ id: 'k1', kind: 'test', payload: { op: 'sleep', ms: 4000 }, maxAttempts: 3 });
    await seed.close();
    const victim = await startChild('server-process', { PINEBACK_HOME: home.path });
    await waitForJob(victim.ready.url!, 'k1', ['running']);
    await victim.kill('SIGKILL');

    const survivor = await startEmbedded({ home: home.path });
    try {
      const j = await waitForJob(survivor.url, 'k1', ['done'], 30_000);
      expect(j.attempts).toBe(2);
      expect(j.result).toMatchObject({ slept: 4000, attempt: 2 });
      const rows = await survivor.services.store.db.query('SELECT attempt FROM test_results WHERE job_id = $1', ['k1']);
      expect(rows).toEqual([{ attempt: 2 }]);
    } finally {
      await survivor.close();
    }
  });
});
