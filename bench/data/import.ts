// Data-layer benchmark: import a 1,000,000-row CSV (DERIVED by tiling real SPY 1-second bars, see
// tile-csv.ts) into each store, then load the million bars back into typed arrays.
// Targets (DuckDB): import < 5 s, load < 200 ms. Run: npx tsx bench/data/import.ts
// PostgreSQL: PINEBACK_BENCH_DATABASE_URL (default the local server); a temporary schema is used.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDbBarStore } from '../../packages/data/src/store/duckdb-store.js';
import { PostgresBarStore } from '../../packages/data/src/store/postgres-store.js';
import type { BarStore } from '../../packages/data/src/store/types.js';
import { importFile } from '../../packages/data/src/import-file.js';
import { tileCsv } from './tile-csv.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = join(ROOT, 'bench', '.out');
const SOURCE = join(ROOT, '..', 'shared', 'refdata', 'market', 'spy_1s_2013-10-07_11_lean.csv');
const CSV = join(OUT, 'spy_1s_x10_DERIVED_1000000.csv');
const ROWS = 1_000_000;
const PG_URL = process.env.PINEBACK_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SYMBOL = 'BENCH:SPY';

interface Figures {
  store: string;
  importMs: number;
  /** CPU time of this process (all threads, incl. DuckDB's) — less sensitive to a busy machine. */
  importCpuMs: number;
  loadCpuMsBest: number;
  parseMs: number;
  loadMsBest: number;
  loadMsMedian: number;
  bars: number;
}

async function measure(kind: string, store: BarStore): Promise<Figures> {
  let parseDone = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await importFile(store, CSV, {
    symbol: SYMBOL,
    timeframe: '1S',
    onProgress: (p) => {
      if (p.phase === 'store' && parseDone === 0) parseDone = performance.now();
    },
  });
  const importMs = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const importCpuMs = (cpu.user + cpu.system) / 1000;
  if (r.bars !== ROWS) throw new Error(`expected ${ROWS} bars, imported ${r.bars}`);
  const loads: number[] = [];
  const loadCpu: number[] = [];
  for (let i = 0; i < 7; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    const bars = await store.readBars(SYMBOL, '1S');
    loads.push(performance.now() - t);
    const u = process.cpuUsage(c);
    loadCpu.push((u.user + u.system) / 1000);
    if (bars.length !== ROWS || !(bars.time instanceof Float64Array)) throw new Error('bad read');
  }
  loads.sort((a, b) => a - b);
  loadCpu.sort((a, b) => a - b);
  return {
    store: kind,
    importMs: Math.round(importMs),
    importCpuMs: Math.round(importCpuMs),
    loadCpuMsBest: Math.round(loadCpu[0]!),
    parseMs: Math.round(parseDone - t0),
    loadMsBest: Math.round(loads[0]!),
    loadMsMedian: Math.round(loads[3]!),
    bars: r.bars,
  };
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  if (!existsSync(CSV)) {
    process.stderr.write(`building ${CSV} (derived: 10 tiled copies of ${SOURCE}) …\n`);
    await tileCsv(SOURCE, CSV, ROWS, 'America/New_York');
  }
  const results: Figures[] = [];

  const dir = mkdtempSync(join(tmpdir(), 'pineback-bench-'));
  const duck = await DuckDbBarStore.open({ path: join(dir, 'bench.duckdb') });
  try {
    results.push(await measure('duckdb', duck));
  } finally {
    await duck.close();
    rmSync(dir, { recursive: true, force: true });
  }

  const schema = `pineback_bench_${process.pid}`;
  try {
    const pg = await PostgresBarStore.open({ url: PG_URL, schema });
    try {
      results.push(await measure(`postgres${pg.hypertable ? ' (timescaledb)' : ''}`, pg));
    } finally {
      await pg.close();
      await PostgresBarStore.dropSchema(PG_URL, schema);
    }
  } catch (err) {
    process.stderr.write(`postgres skipped: ${(err as Error).message}\n`);
  }

  const lines = [
    `load average at end: ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} cores`,
    '| store | import 1M rows: wall (CPU) | of which parse (wall) | load 1M bars: best wall (CPU) | median wall, 7 runs |',
    '|---|---|---|---|---|',
  ];
  for (const f of results) {
    lines.push(
      `| ${f.store} | ${f.importMs} ms (${f.importCpuMs} ms) | ${f.parseMs} ms | ${f.loadMsBest} ms (${f.loadCpuMsBest} ms) | ${f.loadMsMedian} ms |`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  writeFileSync(join(OUT, 'data-import.json'), JSON.stringify({ date: new Date().toISOString(), rows: ROWS, results }, null, 2));
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
