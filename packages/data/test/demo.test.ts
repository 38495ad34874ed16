// Demo data and store selection.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_SERIES, ensureDemoData } from '../src/demo.js';
import { datasetHash } from '../src/hash.js';
import { loadDataset } from '../src/load.js';
import { resolveStoreConfig } from '../src/store/open-store.js';
import { toSymbolInfo } from '../src/symbol.js';
import { openTestStore } from './support/stores.js';

describe('ensureDemoData', () => {
  it('loads every demo series once and is a no-op afterwards', async () => {
    const t = await openTestStore('duckdb');
    try {
      const first = await ensureDemoData(t.store);
      expect(first.map((r) => `${r.symbol} ${r.timeframe} ${r.bars}`)).toEqual([
        'AMEX:SPY D 5849',
        'AMEX:SPY 60 40832',
        'AMEX:SPY 1 4839',
        'COINBASE:BTCUSD D 1770',
        'COINBASE:BTCUSD 60 20111',
      ]);
      expect(await ensureDemoData(t.store)).toEqual([]);
      expect((await t.store.listSeries()).length).toBe(DEMO_SERIES.length);
      const spy = await t.store.getSymbol('AMEX:SPY');
      expect(spy).toMatchObject({ type: 'fund', timezone: 'America/New_York' });
      const info = toSymbolInfo(spy!, 'D');
      expect(info).toMatchObject({ prefix: 'AMEX', ticker: 'SPY', timezone: 'America/New_York', pricescale: 100, period: 'D' });
      // Daily SPY dates are midnight New York.
      const d = await t.store.readBars('AMEX:SPY', 'D', { to: Date.UTC(1998, 0, 3) });
      expect(d.time[0]).toBe(Date.UTC(1998, 0, 2, 5));
      // One call gives bars + SymbolInfo + the dataset record a result is keyed by.
      const loaded = await loadDataset(t.store, 'COINBASE:BTCUSD', '1D', { from: Date.UTC(2018, 0, 1), to: Date.UTC(2019, 0, 1) });
      expect(loaded.bars.length).toBe(365);
      expect(loaded.syminfo).toMatchObject({ prefix: 'COINBASE', ticker: 'BTCUSD', period: 'D', type: 'crypto' });
      expect(loaded.dataset).toMatchObject({ symbol: 'COINBASE:BTCUSD', timeframe: 'D', bars: 365, from: Date.UTC(2018, 0, 1) });
      expect(loaded.dataset.hash).toBe(datasetHash('COINBASE:BTCUSD', 'D', loaded.bars));
      expect(await t.store.getDataset(loaded.dataset.hash)).toEqual(loaded.dataset);
      await expect(loadDataset(t.store, 'COINBASE:BTCUSD', '5', {})).rejects.toThrow('no 5 bars stored for COINBASE:BTCUSD');
    } finally {
      await t.dispose();
    }
  });
});

describe('store configuration', () => {
  it('defaults to DuckDB under $PINEBACK_HOME and reads PostgreSQL settings from the environment', () => {
    expect(resolveStoreConfig({}, { PINEBACK_HOME: '/x' })).toMatchObject({ kind: 'duckdb', path: join('/x', 'data.duckdb') });
    expect(
      resolveStoreConfig({}, { PINEBACK_STORE: 'postgres', PINEBACK_DATABASE_URL: 'postgres://h/db', PINEBACK_DATABASE_SCHEMA: 's' }),
    ).toMatchObject({ kind: 'postgres', url: 'postgres://h/db', schema: 's' });
    expect(resolveStoreConfig({ kind: 'duckdb' }, { PINEBACK_STORE: 'postgres' }).kind).toBe('duckdb');
    expect(() => resolveStoreConfig({}, { PINEBACK_STORE: 'mysql' })).toThrow(/unknown store "mysql"/);
  });
});
