// Service benchmark (`npx tsx bench/service/run.ts`): an embedded server on a temp $PINEBACK_HOME,
// driven over real HTTP. Measures API latency, job overhead (no-op jobs), CSV import, chart paging,
// and a TradingView fixture backtest end to end next to the same run through @pineback/pine directly
// (the ratio is the service's overhead), plus the answer time for an identical resubmission.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { compile, run, defaultSymbolInfo } from '@pineback/pine';
import { parseOhlcvCsv } from '@pineback/data';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TV_DIR } from '../../test-support/shared.js';

const OHLCV = join(TV_DIR, 'strategies', 'ohlcv', 'EURUSD_60_2022-01-02_2025-09-12.csv');
const RSI = readFileSync(join(TV_DIR, 'strategies', 'pine', 'rsi.pine'), 'utf8');
const home = mkdtempSync(join(tmpdir(), 'pineback-bench-service-'));

// The built server (npm run build) is what `pineback serve` runs; from sources every job thread
// would also pay for loading tsx, which is not a production cost.
const dist = new URL('../../packages/server/dist/index.js', import.meta.url);
const fromDist = existsSync(fileURLToPath(dist));
const { startServer } = (await import(fromDist ? dist.href : '../../packages/server/src/server.js')) as typeof import('../../packages/server/src/server.js');

const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const ms = (x: number): string => `${x.toFixed(1)} ms`;

async function json(url: string, init?: RequestInit): Promise<any> {
  const r = await fetch(url, init);
  return r.json();
}

async function waitDone(base: string, id: string): Promise<any> {
  for (;;) {
    const j = await json(`${base}/api/jobs/${id}`);
    if (['done', 'failed', 'cancelled'].includes(j.status)) return j;
    await new Promise((r) => setTimeout(r, 20));
  }
}

const srv = await startServer(
  { home, port: 0, logLevel: 'warn', concurrency: 2, limits: { timeoutMs: 600_000, memoryMb: 2048, maxAttempts: 1, backoffMs: 100, maxLoopIterations: 1_000_000 } },
  { extraKinds: [{ name: 'bench.noop', threadModule: new URL('./noop-job.mjs', import.meta.url) }] },
);
const base = srv.url;
const rows: [string, string][] = [];
try {
  // API latency (sequential requests, keep-alive).
  for (const path of ['/api/health', '/api/strategies']) {
    const t: number[] = [];
    for (let i = 0; i < 200; i++) {
      const s = performance.now();
      await (await fetch(base + path)).arrayBuffer();
      t.push(performance.now() - s);
    }
    rows.push([`GET ${path} p50 / p99 (200 sequential)`, `${ms(pct(t, 50))} / ${ms(pct(t, 99))}`]);
  }

  // Job machinery: 20 no-op jobs through the embedded pool (one worker thread per attempt).
  let s = performance.now();
  const ids = Array.from({ length: 20 }, (_, i) => `noop-${i}`);
  for (const id of ids) await srv.services.queue.enqueue({ id, kind: 'bench.noop', payload: { i: id }, maxAttempts: 1 });
  for (const id of ids) await waitDone(base, id);
  const noop = performance.now() - s;
  rows.push(['20 no-op jobs, enqueue → all done (concurrency 2)', `${ms(noop)} (${ms(noop / 20)} per job)`]);

  // CSV import (23,054 bars) as an upload job.
  const form = new FormData();
  form.append('file', new Blob([readFileSync(OHLCV)]), 'eurusd.csv');
  s = performance.now();
  const up = await json(`${base}/api/data/import?symbol=FX:EURUSD&timeframe=60&timezone=America/New_York&mintick=0.00001`, { method: 'POST', body: form });
  await waitDone(base, up.id);
  rows.push(['CSV upload + import, 23,054 bars', ms(performance.now() - s)]);

  // Chart paging: the whole series in 5,000-bar pages.
  s = performance.now();
  let cursor: number | null = null;
  let pages = 0;
  do {
    const p: any = await json(`${base}/api/data/bars?symbol=FX:EURUSD&timeframe=60&limit=5000${cursor === null ? '' : `&cursor=${cursor}`}`);
    cursor = p.nextCursor;
    pages++;
  } while (cursor !== null);
  rows.push([`chart bars, 23,054 bars in ${pages} pages`, ms(performance.now() - s)]);

  // Backtest end to end vs the engine alone.
  const body = JSON.stringify({ script: RSI, symbols: ['FX:EURUSD'], timeframes: ['60'] });
  s = performance.now();
  const sub = await json(`${base}/api/backtests`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const done = await waitDone(base, sub.id);
  const e2e = performance.now() - s;
  if (done.status !== 'done') throw new Error(`backtest ${done.status}: ${done.error}`);
  s = performance.now();
  const full = await (await fetch(`${base}/api/backtests/${sub.id}`)).arrayBuffer();
  const fetchMs = performance.now() - s;

  const { bars } = parseOhlcvCsv(readFileSync(OHLCV, 'utf8'), { fileName: 'eurusd.csv' });
  s = performance.now();
  const c = compile(RSI);
  run(c.program!, bars, { syminfo: defaultSymbolInfo({ timezone: 'America/New_York' }), timeframe: '60' });
  const direct = performance.now() - s;
  rows.push(['RSI Strategy backtest, EURUSD 60m (23,054 bars): submit → done', ms(e2e)]);
  rows.push(['  same run via @pineback/pine compile()+run() in-process (peer)', ms(direct)]);
  rows.push(['  service / direct', `${(e2e / direct).toFixed(2)}×`]);
  rows.push([`GET /api/backtests/:id with the result (${(full.byteLength / 1e6).toFixed(1)} MB JSON)`, ms(fetchMs)]);

  s = performance.now();
  const again = await json(`${base}/api/backtests`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  rows.push([`identical resubmission (cached=${again.cached})`, ms(performance.now() - s)]);
} finally {
  await srv.close();
  rmSync(home, { recursive: true, force: true });
}

console.log(`server from ${fromDist ? 'packages/server/dist' : 'sources (tsx)'}; ${new Date().toISOString()}`);
const w = Math.max(...rows.map((r) => r[0].length));
for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);
