// End-to-end tests of the `pineback` binary: spawn the built CLI exactly as a user would
// (after `npm run build`) and check exit codes, stdout/stderr and written files.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { MARKET_DIR, REPO_ROOT, TV_DIR } from '../../../test-support/shared.js';

const run = promisify(execFile);
const BIN = join(REPO_ROOT, 'packages', 'cli', 'bin', 'pineback.js');

interface CliResult { code: number; stdout: string; stderr: string }

async function pineback(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      env: { ...process.env, ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

const tmp = mkdtempSync(join(tmpdir(), 'pineback-cli-'));
function file(name: string, text: string): string {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
}

const MA_CROSS = `//@version=6
strategy("MA cross", overlay=true)
fastLen = input.int(10, "Fast length", minval=1)
fast = ta.sma(close, fastLen)
slow = ta.sma(close, 30)
if ta.crossover(fast, slow)
    strategy.entry("L", strategy.long)
if ta.crossunder(fast, slow)
    strategy.entry("S", strategy.short)
plot(fast, "Fast")
plot(slow)
if barstate.islast
    log.info("last close {0}", close)
`;

describe('pineback check', () => {
  it('exits 0 for a valid script and 1 with line:column diagnostics for a broken one', async () => {
    const good = file('good.pine', MA_CROSS);
    const bad = file('bad.pine', '//@version=6\nindicator("x")\nplot(foo)\n');
    const ok = await pineback(['check', good]);
    expect(ok.code).toBe(0);
    const ko = await pineback(['check', good, bad]);
    expect(ko.code).toBe(1);
    expect(ko.stdout + ko.stderr).toMatch(/bad\.pine:3:6/);
    expect(ko.stdout + ko.stderr).toContain("Undeclared identifier 'foo'");
  });

  it('prints machine-readable diagnostics with --json', async () => {
    const bad = file('bad2.pine', '//@version=6\nindicator("x")\nplot(foo)\n');
    const res = await pineback(['check', '--json', bad]);
    expect(res.code).toBe(1);
    const parsed = JSON.parse(res.stdout) as unknown;
    const text = JSON.stringify(parsed);
    expect(text).toContain("Undeclared identifier 'foo'");
    expect(text).toMatch(/"line":3/);
  });
});

describe('pineback run', () => {
  const data = join(MARKET_DIR, 'spy_1d_1998-2021_lean.csv');

  it('writes plots, trades, summary and logs for a strategy', async () => {
    const script = file('ma.pine', MA_CROSS);
    const plots = join(tmp, 'plots.csv');
    const trades = join(tmp, 'trades.csv');
    const summary = join(tmp, 'summary.json');
    const logs = join(tmp, 'logs.txt');
    const res = await pineback(['run', script, '--data', data, '--plots', plots, '--trades', trades,
      '--summary', summary, '--logs', logs, '--input', 'Fast length=12']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const plotLines = readFileSync(plots, 'utf8').trim().split('\n');
    expect(plotLines[0]).toBe('time,open,high,low,close,Fast,Plot');
    expect(plotLines).toHaveLength(5849 + 1);
    expect(plotLines[1]).toMatch(/,NaN,NaN$/);
    const tradeLines = readFileSync(trades, 'utf8').trim().split('\n');
    expect(tradeLines[0]).toMatch(/^Trade #,Type,Date\/Time,Signal,Price USD,Position size \(qty\)/);
    expect(tradeLines.length).toBeGreaterThan(10);
    const sum = JSON.parse(readFileSync(summary, 'utf8')) as { inputs: Record<string, unknown> };
    expect(JSON.stringify(sum)).toContain('netProfit');
    expect(sum.inputs['Fast length']).toBe(12);
    expect(readFileSync(logs, 'utf8')).toMatch(/^\[\d{4}-\d{2}-\d{2}T[^\]]+\]: last close \d+/);
  });

  it('reproduces a TradingView fixture through the CLI (series_if_for)', async () => {
    const dir = join(TV_DIR, 'base');
    const plots = join(tmp, 'sif.csv');
    const res = await pineback(['run', join(dir, 'pine', 'series_if_for.pine'), '--data',
      join(dir, 'data', 'series_if_for.csv'), '--plots', plots]);
    expect(res.code).toBe(0);
    const ours = readFileSync(plots, 'utf8').trim().split('\n').map((l) => l.split(','));
    const ref = readFileSync(join(dir, 'data', 'series_if_for.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
    const col = (rows: string[][], name: string) => rows[0]!.indexOf(name);
    expect(ours).toHaveLength(ref.length);
    for (const name of ['ema1', 'ema1[1]', 'ema2', 'ema2[2]']) {
      const a = col(ours, name);
      const b = col(ref, name);
      expect(a).toBeGreaterThan(0);
      for (let i = 1; i < ref.length; i++) {
        const x = Number(ours[i]![a]);
        const y = Number(ref[i]![b]);
        if (Number.isNaN(y)) expect(x).toBeNaN();
        else expect(Math.abs(x - y)).toBeLessThanOrEqual(1e-8 + 1e-5 * Math.abs(y));
      }
    }
  });

  it('exit codes: 1 compile error, 2 bad data naming the line, 3 runtime error', async () => {
    const bad = file('c.pine', '//@version=6\nindicator("x")\nplot(foo)\n');
    expect((await pineback(['run', bad, '--data', data])).code).toBe(1);

    const csv = file('bad.csv', 'time,open,high,low,close\n1000,1,2,0.5,1.5\n2000,1,oops,0.5,1.5\n');
    const ok = file('ok.pine', '//@version=6\nindicator("x")\nplot(close)\n');
    const badData = await pineback(['run', ok, '--data', csv]);
    expect(badData.code).toBe(2);
    expect(badData.stderr).toMatch(/line 3|:3/);

    const boom = file('boom.pine', '//@version=6\nindicator("x")\na = array.new<float>(2)\nplot(array.get(a, 5))\n');
    const rt = await pineback(['run', boom, '--data', data]);
    expect(rt.code).toBe(3);
    expect(rt.stderr).toMatch(/out of bounds/i);
    expect(rt.stderr).toMatch(/4/);
  });
});

describe('pineback data', () => {
  it('imports a CSV into the embedded store idempotently and lists it', async () => {
    const home = mkdtempSync(join(tmpdir(), 'pineback-home-'));
    const env = { PINEBACK_HOME: home, PINEBACK_STORE: 'duckdb' };
    const src = join(MARKET_DIR, 'btcusd_1d_2014-2019_coinbase_cdd.csv');
    const first = await pineback(['data', 'import', src, '--symbol', 'COINBASE:BTCUSD'], env);
    expect(first.code).toBe(0);
    const again = await pineback(['data', 'import', src, '--symbol', 'COINBASE:BTCUSD'], env);
    expect(again.code).toBe(0);
    const list = await pineback(['data', 'list'], env);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('COINBASE:BTCUSD');
    expect(list.stdout).toMatch(/1,?770/);
  });
});
