// The server under test: PINEBACK_URL when given (an already running `pineback serve`), otherwise a
// fresh `pineback serve` on a free port with its own PINEBACK_HOME. Demo data is uploaded through the
// API when the store lacks it, so the flows can run on AMEX:SPY and COINBASE:BTCUSD daily bars.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));

export interface ServerUnderTest { url: string; stop(): Promise<void> }

export async function startServer(): Promise<ServerUnderTest> {
  const given = process.env.PINEBACK_URL;
  if (given) return { url: given.replace(/\/$/, ''), stop: async () => undefined };
  if (!existsSync(join(REPO, 'packages/web/dist/index.html'))) throw new Error('packages/web/dist is missing: run `npx vite build` in packages/web first');
  const home = mkdtempSync(join(tmpdir(), 'pineback-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [join(REPO, 'packages/cli/bin/pineback.js'), 'serve', '--port', '0'], {
    env: { ...process.env, PINEBACK_HOME: home, PINEBACK_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: false,
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const onData = (b: Buffer): void => {
      out += b.toString();
      const m = /pineback serve: (http:\/\/[^\s)]+)/.exec(out);
      if (m) resolve(m[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`pineback serve exited (${code}):\n${out}`)));
    setTimeout(() => reject(new Error(`pineback serve did not start:\n${out}`)), 60_000);
  });
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
    },
  };
}

const DEMO = [
  { file: 'spy_1d_1998-2021_lean.csv.gz', symbol: 'AMEX:SPY', timeframe: 'D', timezone: 'America/New_York' },
  { file: 'btcusd_1d_2014-2019_coinbase_cdd.csv.gz', symbol: 'COINBASE:BTCUSD', timeframe: 'D', timezone: 'UTC' },
];

/** Uploads the demo daily SPY and BTCUSD bars the server does not store yet; waits for the import jobs. */
export async function ensureDemoData(url: string): Promise<void> {
  const have = (await (await fetch(`${url}/api/data/symbols`)).json()) as { items: { symbol: string; timeframe: string }[] };
  for (const d of DEMO) {
    if (have.items.some((c) => c.symbol === d.symbol && c.timeframe === d.timeframe)) continue;
    const csv = gunzipSync(readFileSync(join(REPO, 'packages/data/demo', d.file)));
    const form = new FormData();
    form.append('file', new Blob([csv], { type: 'text/csv' }), d.file.replace(/\.gz$/, ''));
    const q = `symbol=${encodeURIComponent(d.symbol)}&timeframe=${d.timeframe}&timezone=${encodeURIComponent(d.timezone)}`;
    const res = await fetch(`${url}/api/data/import?${q}`, { method: 'POST', body: form });
    if (!res.ok) throw new Error(`demo import failed: ${res.status} ${await res.text()}`);
    await waitForJob(url, ((await res.json()) as { id: string }).id);
  }
}

async function waitForJob(url: string, id: string): Promise<void> {
  for (let i = 0; i < 240; i++) {
    const job = (await (await fetch(`${url}/api/jobs/${id}`)).json()) as { status: string; error: string | null };
    if (job.status === 'done') return;
    if (job.status === 'failed' || job.status === 'cancelled') throw new Error(`demo import ${job.status}: ${job.error}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('demo import timed out');
}
