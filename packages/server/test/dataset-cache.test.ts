// Loaded datasets are reused between a submission and its job (no second read and hash), and never
// outlive a change to their series.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BarColumns } from '@pineback/pine';
import { TV_DIR } from '../../../test-support/shared.js';
import { createMarketData } from '../src/engine/data-adapter.js';
import { DatasetCache } from '../src/engine/dataset-cache.js';
import type { MarketData } from '../src/engine/types.js';
import { tempHome } from './support/helpers.js';

const bars = (n: number): BarColumns => {
  const c = () => new Float64Array(n);
  return { length: n, time: c(), open: c(), high: c(), low: c(), close: c(), volume: c() };
};
const entry = (n: number) => ({ source: '1', fingerprint: 'f', bars: bars(n), hash: `h${n}`, recorded: false });

describe('DatasetCache', () => {
  it('expires entries after the time limit', () => {
    let t = 0;
    const c = new DatasetCache({ maxEntries: 4, maxBars: 1000, ttlMs: 100, now: () => t });
    c.set('a', entry(10));
    t = 100;
    expect(c.get('a')?.hash).toBe('h10');
    t = 201;
    expect(c.get('a')).toBeNull();
    expect(c.size).toBe(0);
  });

  it('evicts the least recently used entry beyond the entry and bar limits', () => {
    const c = new DatasetCache({ maxEntries: 2, maxBars: 100, ttlMs: 1e9 });
    c.set('a', entry(10));
    c.set('b', entry(20));
    c.get('a');
    c.set('c', entry(30));
    expect([c.get('a')?.hash, c.get('b'), c.get('c')?.hash]).toEqual(['h10', null, 'h30']);
    c.set('d', entry(80));
    expect([c.get('a'), c.get('c'), c.get('d')?.hash]).toEqual([null, null, 'h80']);
    c.set('e', entry(101));
    expect(c.get('e')).toBeNull();
    expect(c.get('d')?.hash).toBe('h80');
  });
});

describe('market data: cached datasets', () => {
  const home = tempHome();
  const csv = readFileSync(join(TV_DIR, 'strategies', 'ohlcv', 'EURUSD_60_2022-01-02_2025-09-12.csv'), 'utf8').trim().split('\n');
  const firstPart = join(home.path, 'first.csv');
  const rest = join(home.path, 'rest.csv');
  let md: MarketData;
  const range = { from: undefined, to: undefined };

  beforeAll(async () => {
    writeFileSync(firstPart, csv.slice(0, 2001).join('\n'));
    writeFileSync(rest, [csv[0], ...csv.slice(2001, 3001)].join('\n'));
    md = createMarketData({ home: home.path, databaseUrl: undefined, dataSchema: 'public' });
    await md.importCsv({ path: firstPart, symbol: 'FX:EURUSD', timeframe: '60', symbolInfo: { timezone: 'America/New_York' } });
  });
  afterAll(async () => {
    await md?.close();
    home.remove();
  });

  it('gives the submission and the job the same bars and hash from one read', async () => {
    const hash = await md.datasetHash('FX:EURUSD', '60', range);
    const a = await md.loadBars('FX:EURUSD', '60', range);
    const b = await md.loadBars('FX:EURUSD', '60', range);
    expect(a.datasetHash).toBe(hash);
    expect(a.bars.length).toBe(2000);
    expect(b.bars).toBe(a.bars);
    expect(a.bars.time.buffer).toBeInstanceOf(SharedArrayBuffer);
    // Resampled requests are cached under their own key.
    const fourHour = await md.loadBars('FX:EURUSD', '240', range);
    expect(fourHour.bars.length).toBeLessThan(2000);
    expect(fourHour.datasetHash).not.toBe(hash);
  });

  it('reads again after the series changes', async () => {
    const before = await md.loadBars('FX:EURUSD', '60', range);
    await md.importCsv({ path: rest, symbol: 'FX:EURUSD', timeframe: '60' });
    const after = await md.loadBars('FX:EURUSD', '60', range);
    expect(after.bars.length).toBe(3000);
    expect(after.datasetHash).not.toBe(before.datasetHash);
    expect(await md.datasetHash('FX:EURUSD', '60', range)).toBe(after.datasetHash);
    expect(Array.from(after.bars.close.subarray(0, 2000))).toEqual(Array.from(before.bars.close));
  });
});
