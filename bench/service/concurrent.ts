// Concurrency benchmark (`npm run build && npx tsx bench/service/concurrent.ts [--jobs N] [--repeats K]`):
// N (default 100) backtest submissions fired at once at an embedded server (DuckDB, 2 job threads), each a
// distinct run (SMA cross with a different fast length, so none is answered from the cache) on SPY 1h
// (40,832 real bars, uploaded first). Reports errors, and p50/p90/p99/max of the submission latency
// (POST → 202) and of the completion latency (POST → job done, observed by polling every 100 ms), plus
// wall and CPU time for the whole burst. The server's per-client submission rate limit (default 60 per
// minute) is raised to 1,000 for the bench: with the default the 61st submission in a minute gets 429.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { compile, run, defaultSymbolInfo } from '@pineback/pine';
import { parseOhlcvCsv } from '@pineback/data';
import { MARKET_DIR } from '../../test-support/shared.js';
import { arg, loadServer, smaCrossScript } from './common.js';

const JOBS = arg('--jobs', 100);
const REPEATS = arg('--repeats', 1);
const CSV = join(MARKET_DIR, 'spy_1h_1998-2021_lean.csv');
const SCRIPT = smaCrossScript(200);

const { startServer, label: serverLabel } = await loadServer();

const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const fmt = (xs: number[]): string =>
  `p50 ${pct(xs, 50).toFixed(0)} ms, p90 ${pct(xs, 90).toFixed(0)} ms, p99 ${pct(xs, 99).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms`;
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function json(url: string, init?: RequestInit): Promise<{ status: number; body: any }> {
  const r = await fetch(url, init);
  return { status: r.status, body: await r.json() };
}

const home = mkdtempSync(join(tmpdir(), 'pineback-bench-concurrent-'));
const srv = await startServer({
  home, port: 0, logLevel: 'warn', concurrency: 2, rateLimit: { max: 1000, windowMs: 60_000 },
  limits: { timeoutMs: 600_000, memoryMb: 1024, maxAttempts: 1, backoffMs: 100, maxLoopIterations: 1_000_000 },
});
const base = srv.url;
const lines: string[] = [];
try {
  const form = new FormData();
  form.append('file', new Blob([readFileSync(CSV)]), 'spy_1h.csv');
  const up = await json(`${base}/api/data/import?symbol=AMEX:SPYH&timeframe=60&timezone=America/New_York&mintick=0.01`, { method: 'POST', body: form });
  for (;;) {
    const j = (await json(`${base}/api/jobs/${up.body.id}`)).body;
    if (j.status === 'done') break;
    if (['failed', 'cancelled'].includes(j.status)) throw new Error(`import ${j.status}: ${j.error}`);
    await sleep(100);
  }

  for (let rep = 0; rep < REPEATS; rep++) {
    const submit: number[] = [];
    const complete: number[] = [];
    const errors: string[] = [];
    const c0 = cpuMs();
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: JOBS }, async (_, i) => {
        const body = JSON.stringify({ script: SCRIPT, symbols: ['AMEX:SPYH'], timeframes: ['60'], inputs: { Fast: 2 + i + rep * JOBS } });
        const s = performance.now();
        const r = await json(`${base}/api/backtests`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        submit.push(performance.now() - s);
        if (r.status !== 202 && r.status !== 200) {
          errors.push(`POST ${r.status}: ${JSON.stringify(r.body).slice(0, 200)}`);
          return;
        }
        for (;;) {
          await sleep(100);
          const j = await json(`${base}/api/jobs/${r.body.id}`);
          const st = j.body.status;
          if (st === 'done') break;
          if (st === 'failed' || st === 'cancelled') {
            errors.push(`job ${st}: ${j.body.error}`);
            return;
          }
        }
        complete.push(performance.now() - s);
      }),
    );
    const wall = performance.now() - t0;
    const cpu = cpuMs() - c0;
    lines.push(
      `burst ${rep + 1}: ${JOBS} concurrent submissions, ${errors.length} errors${errors.length ? ` (first: ${errors[0]})` : ''}; ` +
        `all done in ${(wall / 1000).toFixed(1)} s wall, ${(cpu / 1000).toFixed(1)} s CPU (${(wall / JOBS).toFixed(0)} ms wall per backtest)`,
    );
    lines.push(`  submission (POST → 202): ${fmt(submit)}`);
    if (complete.length) lines.push(`  completion (POST → done): ${fmt(complete)}`);
  }
  // The engine alone on the same bars: what one of those backtests costs without the service.
  const { bars } = parseOhlcvCsv(readFileSync(CSV, 'utf8'), { fileName: 'spy_1h.csv', timezone: 'America/New_York' });
  const prog = compile(SCRIPT).program!;
  const per: number[] = [];
  const c0 = cpuMs();
  for (let i = 0; i < 10; i++) {
    const s = performance.now();
    run(prog, bars, { syminfo: defaultSymbolInfo({ timezone: 'America/New_York' }), timeframe: '60', inputs: { Fast: 2 + i * 10 } });
    per.push(performance.now() - s);
  }
  lines.push(`engine alone, same script and bars in-process: median ${pct(per, 50).toFixed(0)} ms wall, ${((cpuMs() - c0) / 10).toFixed(0)} ms CPU per backtest`);
} finally {
  await srv.close();
  rmSync(home, { recursive: true, force: true });
}
console.log(`server from ${serverLabel}; SPY 1h 40,832 bars; ${new Date().toISOString()}`);
for (const l of lines) console.log(l);
