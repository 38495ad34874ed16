// `pineback run --symbol … --timeframe …`: bars from the market-data store instead of --data. Spawns the
// built CLI (after `npm run build`) with a temp PINEBACK_HOME and the embedded DuckDB store, imports a
// real 1-minute series first, then runs on it natively and resampled.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MARKET_DIR, REPO_ROOT } from '../../../test-support/shared.js';

const exec = promisify(execFile);
const BIN = join(REPO_ROOT, 'packages', 'cli', 'bin', 'pineback.js');
const CSV = join(MARKET_DIR, 'btc-perp_1m_2022-01_ftx_nautilus.csv');
const SYMBOL = 'FTX:BTCPERP';

const home = mkdtempSync(join(tmpdir(), 'pineback-run-store-'));
const env = { PINEBACK_HOME: home, PINEBACK_STORE: 'duckdb', PINEBACK_DATABASE_URL: '', PINEBACK_DATABASE_SCHEMA: '' };

interface CliResult { code: number; stdout: string; stderr: string }

async function pineback(args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, maxBuffer: 256 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

function file(name: string, text: string): string {
  const p = join(home, name);
  writeFileSync(p, text);
  return p;
}

const SCRIPT = `//@version=6
strategy("MA cross", overlay=true)
fast = ta.sma(close, 10)
slow = ta.sma(close, 30)
if ta.crossover(fast, slow)
    strategy.entry("L", strategy.long)
if ta.crossunder(fast, slow)
    strategy.entry("S", strategy.short)
plot(fast, "Fast")
plot(close, "Close")
if barstate.islast
    log.info("{0} {1} {2} {3}", syminfo.tickerid, syminfo.timezone, timeframe.period, syminfo.mintick)
`;

interface RunJson {
  bars: number;
  plots: Record<string, (number | null)[]>;
  logs: { message: string }[];
  dataset?: { hash: string; symbol: string; timeframe: string; from: number; to: number; bars: number };
}

let script: string;
beforeAll(async () => {
  script = file('ma.pine', SCRIPT);
  const imp = await pineback(['data', 'import', CSV, '--symbol', SYMBOL, '--tz', 'Etc/UTC']);
  expect(imp.code, imp.stderr).toBe(0);
  expect(imp.stdout).toContain(`imported 45031 bars`);
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('pineback run --symbol (bars from the store)', () => {
  it('runs on the stored timeframe with the stored symbol info and names the dataset', async () => {
    const r = await pineback(['run', script, '--symbol', SYMBOL, '--timeframe', '1', '--from', '2022-01-10T00:00:00Z', '--to', '2022-01-10T23:59:00Z', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as RunJson;
    expect(j.bars).toBe(1440);
    expect(j.dataset).toMatchObject({ symbol: SYMBOL, timeframe: '1', bars: 1440, from: Date.UTC(2022, 0, 10), to: Date.UTC(2022, 0, 10, 23, 59) });
    expect(j.dataset!.hash).toMatch(/^[0-9a-f]{64}$/);
    // syminfo comes from the stored symbol record, not the CLI defaults.
    expect(j.logs.map((l) => l.message)).toEqual([`${SYMBOL} Etc/UTC 1 0.01`]);

    // The same bars as a CSV through --data give the same plots: the store path reads the right bars.
    const rows = ['time,open,high,low,close,volume'];
    const csv = readFileSync(CSV, 'utf8').trim().split('\n').slice(1);
    for (const line of csv) {
      const [t, o, h, l, c, v] = line.split(',');
      const ms = Date.parse(t!);
      if (ms >= Date.UTC(2022, 0, 10) && ms <= Date.UTC(2022, 0, 10, 23, 59)) rows.push([ms, o, h, l, c, v].join(','));
    }
    const viaFile = await pineback(['run', script, '--data', file('day.csv', rows.join('\n') + '\n'), '--json']);
    expect(viaFile.code, viaFile.stderr).toBe(0);
    const f = JSON.parse(viaFile.stdout) as RunJson;
    expect(f.plots['Fast']).toEqual(j.plots['Fast']);
    expect(f.plots['Close']).toEqual(j.plots['Close']);
    // A file run names its data too (symbol from the default syminfo).
    expect(f.dataset!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(f.dataset!.bars).toBe(1440);
  });

  it('resamples a finer stored timeframe, and the hash is stable across runs and in --summary', async () => {
    const summary = join(home, 'summary.json');
    const r = await pineback(['run', script, '--symbol', SYMBOL, '--timeframe', '60', '--json', '--summary', summary]);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as RunJson;
    // 2021-12-31T23:01 → 2022-02-01T05:31 in 1-minute bars: hourly buckets 2021-12-31T23:00 … 2022-02-01T05:00.
    expect(j.bars).toBe(24 * 31 + 7);
    expect(j.dataset).toMatchObject({ symbol: SYMBOL, timeframe: '60', bars: j.bars, from: Date.UTC(2021, 11, 31, 23), to: Date.UTC(2022, 1, 1, 5) });
    expect(j.logs.map((l) => l.message)).toEqual([`${SYMBOL} Etc/UTC 60 0.01`]);
    // Hourly close = the last 1-minute close of each hour; the first bucket's close is the 23:59 bar's.
    const last2359 = readFileSync(CSV, 'utf8').split('\n').find((l) => l.startsWith('2021-12-31T23:59:00'))!;
    expect(j.plots['Close']![0]).toBe(Number(last2359.split(',')[4]));
    const s = JSON.parse(readFileSync(summary, 'utf8')) as { dataset: { hash: string }; strategy: unknown };
    expect(s.dataset.hash).toBe(j.dataset!.hash);
    expect(s.strategy).toBeTruthy();
    const again = JSON.parse((await pineback(['run', script, '--symbol', SYMBOL, '--timeframe', '60', '--json'])).stdout) as RunJson;
    expect(again.dataset!.hash).toBe(j.dataset!.hash);
  });

  it('uses --syminfo over the stored symbol info', async () => {
    const info = file('info.json', JSON.stringify({ prefix: 'MY', ticker: 'BTC', timezone: 'America/New_York', mintick: 0.5 }));
    const r = await pineback(['run', script, '--symbol', SYMBOL, '--timeframe', '240', '--syminfo', info, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as RunJson;
    expect(j.logs.map((l) => l.message)).toEqual(['MY:BTC America/New_York 240 0.5']);
    expect(j.dataset).toMatchObject({ symbol: SYMBOL, timeframe: '240' });
  });

  it('exits 2 for an unknown symbol, a timeframe finer than stored, and --data with --symbol or neither', async () => {
    const unknown = await pineback(['run', script, '--symbol', 'FTX:NOPE', '--timeframe', '60']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no bars stored for FTX:NOPE');
    const finer = await pineback(['run', script, '--symbol', SYMBOL, '--timeframe', '30S']);
    expect(finer.code).toBe(2);
    expect(finer.stderr).toContain('no stored timeframe equal to or finer than 30S');
    const both = await pineback(['run', script, '--symbol', SYMBOL, '--data', CSV]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('not both');
    const neither = await pineback(['run', script]);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain('--data FILE or --symbol');
  });
});
