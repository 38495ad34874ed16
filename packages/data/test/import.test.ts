// File import into both stores: idempotency, gzip and Parquet, progress, and dataset hashes that do
// not depend on the store the bars came from.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MARKET_DIR } from '../../../test-support/shared.js';
import { importFile, type ImportProgress } from '../src/import-file.js';
import { datasetHash } from '../src/hash.js';
import type { BarStore } from '../src/store/types.js';
import { openTestStore, STORE_KINDS, type TestStore } from './support/stores.js';

const SPY_D = join(MARKET_DIR, 'spy_1d_1998-2021_lean.csv');
const BTC_H = join(MARKET_DIR, 'btcusd_1h_2017-2019_coinbase_cdd.csv');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pineback-import-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(STORE_KINDS)('import into %s', (kind) => {
  let t: TestStore;
  let store: BarStore;
  beforeAll(async () => {
    t = await openTestStore(kind);
    store = t.store;
  });
  afterAll(async () => t.dispose());

  it('imports a CSV, infers the timeframe and records the covered range', async () => {
    const progress: ImportProgress[] = [];
    const r = await importFile(store, SPY_D, {
      symbol: 'AMEX:SPY',
      timezone: 'America/New_York',
      onProgress: (p) => progress.push(p),
    });
    expect(r).toMatchObject({ symbol: 'AMEX:SPY', timeframe: 'D', rows: 5849, bars: 5849 });
    expect(r.first).toBe(Date.UTC(1998, 0, 2, 5)); // midnight New York
    expect(await store.countBars('AMEX:SPY', 'D')).toBe(5849);
    expect(await store.getRanges('AMEX:SPY', 'D')).toEqual([{ from: r.first, to: r.last + 86_400_000 }]);
    expect((await store.getSymbol('AMEX:SPY'))?.timezone).toBe('America/New_York');
    expect(progress.at(-1)).toEqual({ phase: 'store', fraction: 1 });
    expect(progress.some((p) => p.phase === 'parse')).toBe(true);
  });

  it('is idempotent: importing the same file again changes nothing', async () => {
    const before = await store.readBars('AMEX:SPY', 'D');
    await importFile(store, SPY_D, { symbol: 'AMEX:SPY' });
    await importFile(store, SPY_D, { symbol: 'AMEX:SPY' });
    const after = await store.readBars('AMEX:SPY', 'D');
    expect(after.length).toBe(5849);
    expect(datasetHash('AMEX:SPY', 'D', after)).toBe(datasetHash('AMEX:SPY', 'D', before));
    expect(await store.getRanges('AMEX:SPY', 'D')).toHaveLength(1);
  });

  it('imports newest-first files with duplicates (last row wins) and an overlapping re-import', async () => {
    const rows = ['time,open,high,low,close,volume'];
    for (let i = 9; i >= 0; i--) rows.push(`2024-01-0${1 + (i % 9)}T00:00:00Z,${i},${i + 1},${i - 1},${i},1`);
    const file = join(dir, `dups-${kind}.csv`);
    writeFileSync(file, rows.join('\n'));
    const r = await importFile(store, file, { symbol: 'TEST:DUP', timeframe: 'D' });
    expect(r.rows).toBe(10);
    expect(r.bars).toBe(9);
    const bars = await store.readBars('TEST:DUP', 'D');
    expect(bars.open[0]).toBe(0); // rows for 01-01 were i=9 then i=0: the later one wins
  });

  it('imports gzip and Parquet files', async () => {
    const { gzipSync } = await import('node:zlib');
    const { readFileSync } = await import('node:fs');
    const gz = join(dir, `btc-${kind}.csv.gz`);
    writeFileSync(gz, gzipSync(readFileSync(BTC_H)));
    const a = await importFile(store, gz, { symbol: 'COINBASE:BTCUSD' });
    expect(a).toMatchObject({ timeframe: '60', bars: 20111 });

    const pq = join(dir, `btc-${kind}.parquet`);
    const inst = await DuckDBInstance.create(':memory:');
    const conn = await inst.connect();
    await conn.run(
      `COPY (SELECT CAST(time AS TIMESTAMPTZ) AS ts, open AS Open, high AS High, low AS Low, close AS Close, volume AS Volume
             FROM read_csv($1, header = true)) TO '${pq.replace(/'/g, "''")}' (FORMAT parquet)`,
      [BTC_H],
    );
    conn.closeSync();
    inst.closeSync();
    const b = await importFile(store, pq, { symbol: 'PQ:BTCUSD' });
    expect(b).toMatchObject({ timeframe: '60', bars: 20111, first: a.first, last: a.last });
    const fromCsv = await store.readBars('COINBASE:BTCUSD', '60');
    const fromPq = await store.readBars('PQ:BTCUSD', '60');
    expect(Array.from(fromPq.close)).toEqual(Array.from(fromCsv.close));
    expect(Array.from(fromPq.time)).toEqual(Array.from(fromCsv.time));
  });

  it('reports a bad file with its line and stores nothing from it', async () => {
    const file = join(dir, `bad-${kind}.csv`);
    writeFileSync(file, 'time,open,high,low,close\n2024-01-01,1,2,0,1\n2024-01-02,1,2,x,1\n');
    await expect(importFile(store, file, { symbol: 'TEST:BAD' })).rejects.toThrow(`bad-${kind}.csv:3: invalid low price "x"`);
    expect(await store.countBars('TEST:BAD', 'D')).toBe(0);
  });
});

describe('dataset hash across stores', () => {
  it('is identical for the same bars read from DuckDB and from PostgreSQL', async () => {
    const hashes: string[] = [];
    const recorded: string[] = [];
    for (const kind of STORE_KINDS) {
      const t = await openTestStore(kind);
      try {
        await importFile(t.store, join(MARKET_DIR, 'spy_1h_1998-2021_lean.csv'), { symbol: 'AMEX:SPY' });
        await importFile(t.store, join(MARKET_DIR, 'eurusd_1h_2007-2018_oanda_lean.csv'), { symbol: 'OANDA:EURUSD' });
        const spy = await t.store.readBars('AMEX:SPY', '60', { from: Date.UTC(2010, 0, 1), to: Date.UTC(2012, 0, 1) });
        const eur = await t.store.readBars('OANDA:EURUSD', '60'); // NaN volume throughout
        hashes.push(datasetHash('AMEX:SPY', '60', spy) + datasetHash('OANDA:EURUSD', '60', eur));
        recorded.push((await t.store.recordDataset('AMEX:SPY', '60', spy)).hash);
      } finally {
        await t.dispose();
      }
    }
    expect(hashes[0]).toMatch(/^[0-9a-f]{128}$/);
    expect(hashes[1]).toBe(hashes[0]);
    expect(recorded[1]).toBe(recorded[0]);
  });
});
