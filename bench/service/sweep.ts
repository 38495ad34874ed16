// Optimisation benchmark (`npm run build && npx tsx bench/service/sweep.ts [--repeats K] [--iterations N]`):
// a grid search of 1,000 SMA-cross parameter combinations (fast × slow length) on ~100,000 bars of real
// data (SPY 1-second bars, 2013-10-07…11, 100,184 bars) through POST /api/optimizations on an embedded
// server, timed from submission to the finished job. Next to it, the same iterations run in-process
// through @pineback/pine compile()+run() on one thread, so the engine's share of the service time can be
// read off (`--bars N` limits both to the first N bars, so the service's per-iteration overhead shows
// next to a cheap engine run). Prints wall time, CPU time (user+sys of this process and all its
// threads) and per-iteration cost.
// Goal (issue "Backtest service"): 1,000 combinations on 100,000 bars in < 30 s on the 2-core machine.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { compile, run, defaultSymbolInfo } from '@pineback/pine';
import { parseOhlcvCsv, sliceBars } from '@pineback/data';
import { MARKET_DIR } from '../../test-support/shared.js';
import { arg, loadServer, smaCrossScript } from './common.js';

const REPEATS = arg('--repeats', 3);
const ITER = arg('--iterations', 1000);
const PEER_SAMPLE = arg('--peer-sample', 50);
// --bars N sweeps only the first N bars: with a cheap engine run the service's own per-iteration cost shows.
const BARS = arg('--bars', 0);

const CSV = join(MARKET_DIR, 'spy_1s_2013-10-07_11_lean.csv');
const SCRIPT = smaCrossScript(30);
// 40 fast lengths × 25 slow lengths = 1,000 combinations (fewer with --iterations for quick checks).
const FAST = { min: 2, max: 41, step: 1 };
const SLOW = { min: 50, max: 50 + 5 * (Math.max(1, Math.round(ITER / 40)) - 1), step: 5 };

const { startServer, label: serverLabel } = await loadServer();

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const s1 = (x: number): string => `${(x / 1000).toFixed(2)} s`;

async function json(url: string, init?: RequestInit): Promise<any> {
  const r = await fetch(url, init);
  const body = await r.json();
  if (r.status >= 400) throw new Error(`${init?.method ?? 'GET'} ${url}: ${r.status} ${JSON.stringify(body)}`);
  return body;
}
async function waitJob(base: string, id: string, pollMs = 100): Promise<any> {
  for (;;) {
    const j = await json(`${base}/api/jobs/${id}`);
    if (['done', 'failed', 'cancelled'].includes(j.status)) return j;
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

const home = mkdtempSync(join(tmpdir(), 'pineback-bench-sweep-'));
const srv = await startServer(
  { home, port: 0, logLevel: 'warn', concurrency: 2, limits: { timeoutMs: 600_000, memoryMb: 2048, maxAttempts: 1, backoffMs: 100, maxLoopIterations: 1_000_000 } },
  {},
);
const base = srv.url;
const lines: string[] = [];
let barCount = 0;
const { bars: allBars } = parseOhlcvCsv(readFileSync(CSV, 'utf8'), { fileName: 'spy_1s.csv', timezone: 'America/New_York' });
try {
  const form = new FormData();
  form.append('file', new Blob([readFileSync(CSV)]), 'spy_1s.csv');
  const up = await json(`${base}/api/data/import?symbol=AMEX:SPYS&timeframe=1S&timezone=America/New_York&mintick=0.01`, { method: 'POST', body: form });
  const imp = await waitJob(base, up.id);
  if (imp.status !== 'done') throw new Error(`import ${imp.status}: ${imp.error}`);

  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const body = JSON.stringify({
      script: SCRIPT, symbol: 'AMEX:SPYS', timeframe: '1S', range: BARS > 0 ? { to: allBars.time[BARS] } : {},
      params: { Fast: FAST, Slow: SLOW }, method: 'grid', maxIterations: 100_000,
      objective: { metric: 'netProfit', direction: 'max' },
    });
    const c0 = cpuMs();
    const t0 = performance.now();
    const sub = await json(`${base}/api/optimizations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const job = await waitJob(base, sub.id);
    const t = performance.now() - t0;
    const c = cpuMs() - c0;
    if (job.status !== 'done') throw new Error(`optimisation ${job.status}: ${job.error}`);
    const o = await json(`${base}/api/optimizations/${sub.id}`);
    const page = await json(`${base}/api/optimizations/${sub.id}/iterations?limit=1`);
    let errors = 0;
    for (let off = 0; off < page.total; off += 500) {
      errors += (await json(`${base}/api/optimizations/${sub.id}/iterations?limit=500&offset=${off}`)).items.filter((i: any) => i.error).length;
    }
    const bestIt = o.top[0];
    wall.push(t);
    cpu.push(c);
    lines.push(
      `run ${r + 1}: ${sub.iterations} iterations stored=${page.total} errors=${errors}: ${s1(t)} wall, ${s1(c)} CPU` +
        ` (${(t / sub.iterations).toFixed(1)} ms/iteration wall); best ${JSON.stringify(bestIt?.inputs)} netProfit ${bestIt?.metrics?.netProfit?.toFixed(2)}`,
    );
  }
  lines.push(`service sweep: best ${s1(Math.min(...wall))}, median ${s1(median(wall))} wall; CPU best ${s1(Math.min(...cpu))}, median ${s1(median(cpu))}`);

  // The engine alone: the same script and bars through compile()+run() on this thread, a sample of the grid.
  const bars = BARS > 0 ? sliceBars(allBars, 0, BARS) : allBars;
  barCount = bars.length;
  const prog = compile(SCRIPT).program!;
  const syminfo = defaultSymbolInfo({ timezone: 'America/New_York', mintick: 0.01 });
  const per: number[] = [];
  const c0 = cpuMs();
  for (let i = 0; i < PEER_SAMPLE; i++) {
    // An even spread over the grid (cost depends on the trade count, i.e. mostly on the fast length).
    const slowCount = Math.max(1, Math.round(ITER / 40));
    const c = Math.floor((i * 40 * slowCount) / PEER_SAMPLE);
    const fast = FAST.min + Math.floor(c / slowCount);
    const slow = SLOW.min + 5 * (c % slowCount);
    const t0 = performance.now();
    run(prog, bars, { syminfo, timeframe: '1S', inputs: { Fast: fast, Slow: slow } });
    per.push(performance.now() - t0);
  }
  const peerCpu = (cpuMs() - c0) / PEER_SAMPLE;
  const med = median(per);
  lines.push(
    `engine alone (compile once, run() in-process, ${PEER_SAMPLE} of the combinations on one thread): median ${med.toFixed(1)} ms/iteration` +
      ` (${((barCount / med) * 1000 / 1e6).toFixed(2)} M bars/s), best ${Math.min(...per).toFixed(1)} ms, CPU ${peerCpu.toFixed(1)} ms/iteration;` +
      ` ×${ITER} = ${s1(med * ITER)} on one core, ${s1((med * ITER) / 2)} ideally split over 2`,
  );
} finally {
  await srv.close();
  rmSync(home, { recursive: true, force: true });
}
console.log(`server from ${serverLabel}; ${barCount} bars; ${new Date().toISOString()}`);
for (const l of lines) console.log(l);
