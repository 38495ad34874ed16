// `pineback serve` and `pineback worker` as processes (CLI sources via tsx; they load the built
// @pineback/server, so this needs `npm run build` first and is skipped with that reason otherwise).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { distributedEnv, freePort, http, tempHome, waitFor } from './support/helpers.js';

const MAIN = fileURLToPath(new URL('../../cli/src/main.ts', import.meta.url));
const BUILT = existsSync(fileURLToPath(new URL('../dist/index.js', import.meta.url)));
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

function cli(args: string[], env: Record<string, string>) {
  const proc = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { env: { ...process.env, PINEBACK_DEMO_DATA: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => (stderr += String(d)));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return { proc, exited, stderr: () => stderr };
}

describe.skipIf(!BUILT)('pineback serve / worker (needs packages/server/dist: run `npm run build`)', () => {
  it('serve: API, OpenAPI, placeholder web app under $PINEBACK_HOME; stops cleanly on SIGTERM', async () => {
    const home = tempHome();
    cleanups.push(() => home.remove());
    const port = await freePort();
    const p = cli(['serve', '--port', String(port)], { PINEBACK_HOME: home.path, PINEBACK_LOG_LEVEL: 'warn' });
    const base = `http://127.0.0.1:${port}`;
    await waitFor(async () => (await http(base, 'GET', '/api/health')).status === 200, 60_000, 'pineback serve');
    expect((await http(base, 'GET', '/api/health')).body.mode).toBe('embedded');
    expect((await http(base, 'GET', '/api/docs/json')).status).toBe(200);
    expect((await http(base, 'GET', '/')).text).toContain('PineBack');
    expect(existsSync(`${home.path}/service.duckdb`)).toBe(true);
    p.proc.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(p.stderr()).toContain('shutting down');
  });

  it('serve refuses a public host without tokens', async () => {
    const home = tempHome();
    cleanups.push(() => home.remove());
    const p = cli(['serve', '--host', '0.0.0.0', '--port', '0'], { PINEBACK_HOME: home.path });
    expect(await p.exited).not.toBe(0);
    expect(p.stderr()).toMatch(/without API tokens/);
  });

  it('worker: connects to PostgreSQL and Redis and runs distributed jobs', async () => {
    const env = distributedEnv();
    cleanups.push(() => env.cleanup());
    const port = await freePort();
    const s = cli(['serve', '--port', String(port)], { ...env.env, PINEBACK_LOG_LEVEL: 'warn' });
    cleanups.push(() => void s.proc.kill('SIGKILL'));
    const base = `http://127.0.0.1:${port}`;
    await waitFor(async () => (await http(base, 'GET', '/api/health')).status === 200, 120_000, `pineback serve (stderr: ${s.stderr()})`);
    const w = cli(['worker', '--concurrency', '1'], { ...env.env, PINEBACK_LOG_LEVEL: 'warn' });
    cleanups.push(() => void w.proc.kill('SIGKILL'));
    expect((await http(base, 'GET', '/api/health')).body).toMatchObject({ mode: 'distributed', database: 'postgres' });
    await waitFor(async () => w.stderr().includes('concurrency 1'), 120_000, 'pineback worker');
    // A strategy-free job that only the worker can run: a market download with a bad exchange id
    // fails permanently on the worker — proof that the worker took it and reported back.
    const d = await http(base, 'POST', '/api/data/downloads', { exchange: 'no_such_exchange', symbol: 'BTC/USDT', timeframe: '60', range: { from: 0 } });
    expect(d.status).toBe(202);
    const j = await waitFor(async () => {
      const r = await http(base, 'GET', `/api/jobs/${d.body.id}`);
      return ['failed', 'done'].includes(r.body.status) ? r.body : null;
    }, 60_000, 'the download job');
    expect(j).toMatchObject({ status: 'failed', attempts: 1 });
    expect(j.error).toMatch(/unknown exchange/);
    s.proc.kill('SIGTERM');
    w.proc.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    expect(await w.exited).toBe(0);
  });
});
