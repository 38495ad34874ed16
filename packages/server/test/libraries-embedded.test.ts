// Pine library imports through the service, over real HTTP against a started embedded server: the
// library comes from a temp directory given as `libraryDirs` (what `pineback serve --lib DIR` and
// PINEBACK_LIBRARY_DIRS set). Validation, a backtest and an optimisation (worker threads) link it; a
// missing library is an error at the import's line:column.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import type { RunningServer } from '../src/server.js';
import { http, startEmbedded, tempHome, waitForJob } from './support/helpers.js';

const SYMBOL = 'TEST:LIBS';
const libRoot = mkdtempSync(join(tmpdir(), 'pineback-srv-lib-'));
mkdirSync(join(libRoot, 'nested'), { recursive: true });
writeFileSync(join(libRoot, 'nested', 'bands.pine'), '// © alice\n//@version=6\nlibrary("Bands")\nexport mid(float a, float b) => (a + b) / 2\nplot(close)\n');
writeFileSync(join(libRoot, 'not-a-library.pine'), '//@version=6\nindicator("x")\nplot(close)\n');

const USES = [
  '//@version=6',
  'strategy("Uses Bands")',
  'import alice/Bands/1 as b',
  'len = input.int(5, "Length")',
  'm = ta.sma(b.mid(high, low), len)',
  'if ta.crossover(close, m)',
  '    strategy.entry("L", strategy.long)',
  'if ta.crossunder(close, m)',
  '    strategy.close("L")',
  '',
].join('\n');
const MISSING = '//@version=6\nstrategy("Missing")\nimport nobody/Nowhere/2 as nw\nplot(nw.f(close))\n';

let srv: RunningServer;
let base: string;
const home = tempHome();

beforeAll(async () => {
  srv = await startEmbedded({ home: home.path, libraryDirs: [libRoot] });
  base = srv.url;
  // 400 hourly bars of a wave, so the crossovers trade.
  const rows = ['time,open,high,low,close,volume'];
  for (let i = 0; i < 400; i++) {
    const c = 100 + 10 * Math.sin(i / 9) + (i % 7) * 0.3;
    rows.push(`${Date.UTC(2024, 0, 1) + i * 3_600_000},${c - 0.2},${c + 1},${c - 1},${c},1000`);
  }
  const form = new FormData();
  form.append('file', new Blob([rows.join('\n')]), 'libs.csv');
  const up = await http(base, 'POST', `/api/data/import?symbol=${SYMBOL}&timeframe=60&timezone=UTC&mintick=0.01&currency=USD&type=crypto`, form);
  expect(up.status, JSON.stringify(up.body)).toBe(202);
  const j = await waitForJob(base, up.body.id, ['done', 'failed'], 60_000);
  expect(j.status, j.error).toBe('done');
});
afterAll(async () => {
  await srv?.close();
  home.remove();
  rmSync(libRoot, { recursive: true, force: true });
});

describe('library imports in the service', () => {
  it('validates a script that imports a library, with its inputs', async () => {
    const v = await http(base, 'POST', '/api/strategies/validate', { source: USES });
    expect(v.status).toBe(200);
    expect(v.body.diagnostics.filter((d: { severity: string }) => d.severity === 'error')).toEqual([]);
    expect(v.body.ok).toBe(true);
    expect(v.body.inputs.map((i: { title: string }) => i.title)).toEqual(['Length']);
  });

  it('runs a backtest of it in a job thread', async () => {
    const r = await http(base, 'POST', '/api/backtests', { script: USES, symbols: [SYMBOL], timeframes: ['60'] });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    const j = await waitForJob(base, r.body.id, ['done', 'failed'], 60_000);
    expect(j.status, j.error).toBe('done');
    const b = await http(base, 'GET', `/api/backtests/${r.body.id}`);
    const run = b.body.result.runs[0];
    expect(run.symbol).toBe(SYMBOL);
    expect(run.trades.length).toBeGreaterThan(3);
    // Resubmitting is answered from the cache (the key includes the library set).
    const again = await http(base, 'POST', '/api/backtests', { script: USES, symbols: [SYMBOL], timeframes: ['60'] });
    expect(again.body).toMatchObject({ id: r.body.id, cached: true });
  });

  it('optimises it (optimisation thread)', async () => {
    const r = await http(base, 'POST', '/api/optimizations', {
      script: USES, symbol: SYMBOL, timeframe: '60', params: { Length: { values: [3, 5, 8] } }, objective: { metric: 'netProfit' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    const j = await waitForJob(base, r.body.id, ['done', 'failed'], 60_000);
    expect(j.status, j.error).toBe('done');
    const it = await http(base, 'GET', `/api/optimizations/${r.body.id}/iterations`);
    expect(it.body.total).toBe(3);
    expect(it.body.items.every((x: { error: string | null }) => x.error === null)).toBe(true);
  });

  it('reports a missing library at the import line:column', async () => {
    const v = await http(base, 'POST', '/api/strategies/validate', { source: MISSING });
    expect(v.status).toBe(200);
    expect(v.body.ok).toBe(false);
    expect(v.body.diagnostics[0]).toMatchObject({ severity: 'error', line: 3, column: 1 });
    expect(v.body.diagnostics[0].message).toContain("'nobody/Nowhere/2' not found");
    const r = await http(base, 'POST', '/api/backtests', { script: MISSING, symbols: [SYMBOL], timeframes: ['60'] });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('3:1');
    expect(JSON.stringify(r.body)).toContain('nobody/Nowhere/2');
  });
});

describe('libraryDirs configuration', () => {
  it('adds flags, then PINEBACK_LIBRARY_DIRS, then $PINEBACK_HOME/libraries when it exists', () => {
    const h = tempHome();
    try {
      const env = { PINEBACK_HOME: h.path, PINEBACK_LIBRARY_DIRS: ['/a', '/b', ''].join(delimiter) };
      expect(loadConfig(env).libraryDirs).toEqual(['/a', '/b']);
      mkdirSync(join(h.path, 'libraries'));
      expect(loadConfig(env, { libraryDirs: ['/flag', '/a'] }).libraryDirs).toEqual(['/flag', '/a', '/b', join(h.path, 'libraries')]);
      expect(loadConfig({ PINEBACK_HOME: h.path }).libraryDirs).toEqual([join(h.path, 'libraries')]);
    } finally {
      h.remove();
    }
  });

  it('refuses to start with an unreadable library directory', async () => {
    const h = tempHome();
    try {
      await expect(startEmbedded({ home: h.path, libraryDirs: [join(h.path, 'nope')] })).rejects.toThrow(/library directory .*nope/);
    } finally {
      h.remove();
    }
  });
});
