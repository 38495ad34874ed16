// The same contract suite against both stores.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BarColumnsBuilder } from '../src/columns.js';
import { datasetHash } from '../src/hash.js';
import { LATEST_SCHEMA_VERSION } from '../src/store/migrations.js';
import type { BarStore } from '../src/store/types.js';
import { symbolRecord } from '../src/symbol.js';
import { openTestStore, STORE_KINDS, type TestStore } from './support/stores.js';

const H = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);

function hourly(count: number, start = T0, seed = 100) {
  const b = new BarColumnsBuilder(count);
  for (let i = 0; i < count; i++) {
    const o = seed + i * 0.25;
    b.push(start + i * H, o, o + 1.5, o - 1.25, o + 0.5, i % 5 === 0 ? NaN : 10 + i);
  }
  return b.build();
}

describe.each(STORE_KINDS)('BarStore contract: %s', (kind) => {
  let t: TestStore;
  let store: BarStore;
  beforeAll(async () => {
    t = await openTestStore(kind);
    store = t.store;
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('applies migrations on open', async () => {
    expect(store.kind).toBe(kind);
    expect(await store.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
  });

  it('creates, updates and lists symbols', async () => {
    await store.upsertSymbol(symbolRecord('TEST:AAA', { type: 'stock', timezone: 'America/New_York', session: '0930-1600' }));
    await store.upsertSymbol(symbolRecord('TEST:AAA', { type: 'fund', timezone: 'America/New_York', mintick: 0.001 }));
    const s = await store.getSymbol('test:AAA');
    expect(s).toMatchObject({ exchange: 'TEST', ticker: 'AAA', type: 'fund', mintick: 0.001, timezone: 'America/New_York' });
    expect(await store.getSymbol('TEST:NOPE')).toBeNull();
    expect((await store.listSymbols()).map((x) => `${x.exchange}:${x.ticker}`)).toContain('TEST:AAA');
  });

  it('round-trips bars exactly, NaN volume included, as typed arrays', async () => {
    const bars = hourly(500);
    expect(await store.writeBars('TEST:AAA', '60', bars)).toBe(500);
    const back = await store.readBars('TEST:AAA', '1h');
    expect(back.length).toBe(500);
    expect(back.time).toBeInstanceOf(Float64Array);
    expect(Array.from(back.time)).toEqual(Array.from(bars.time));
    expect(Array.from(back.close)).toEqual(Array.from(bars.close));
    expect(Number.isNaN(back.volume[0]!)).toBe(true);
    expect(back.volume[1]).toBe(11);
  });

  it('writing the same bars again does not duplicate; later values replace earlier ones', async () => {
    await store.writeBars('TEST:AAA', '60', hourly(500));
    expect(await store.countBars('TEST:AAA', '60')).toBe(500);
    await store.writeBars('TEST:AAA', '60', hourly(10, T0 + 100 * H, 999));
    expect(await store.countBars('TEST:AAA', '60')).toBe(500);
    const back = await store.readBars('TEST:AAA', '60', { from: T0 + 100 * H, to: T0 + 101 * H });
    expect(back.length).toBe(1);
    expect(back.open[0]).toBe(999);
  });

  it('reads a time window [from, to)', async () => {
    const back = await store.readBars('TEST:AAA', '60', { from: T0 + 10 * H, to: T0 + 20 * H });
    expect(back.length).toBe(10);
    expect(back.time[0]).toBe(T0 + 10 * H);
    expect(back.time[9]).toBe(T0 + 19 * H);
  });

  it('returns bars ascending even when written out of order', async () => {
    await store.upsertSymbol(symbolRecord('TEST:ORD'));
    await store.writeBars('TEST:ORD', '60', hourly(50, T0 + 100 * H));
    await store.writeBars('TEST:ORD', '60', hourly(50, T0));
    const back = await store.readBars('TEST:ORD', '60');
    expect(back.length).toBe(100);
    for (let i = 1; i < back.length; i++) expect(back.time[i]! - back.time[i - 1]!).toBeGreaterThan(0);
  });

  it('refuses bars for an unknown symbol and reads nothing for unknown series', async () => {
    await expect(store.writeBars('TEST:MISSING', '60', hourly(3))).rejects.toThrow(/unknown symbol TEST:MISSING/);
    expect((await store.readBars('TEST:MISSING', '60')).length).toBe(0);
    expect((await store.readBars('TEST:AAA', 'D')).length).toBe(0);
  });

  it('merges recorded ranges', async () => {
    await store.addRange('TEST:AAA', '60', { from: T0, to: T0 + 10 * H });
    await store.addRange('TEST:AAA', '60', { from: T0 + 20 * H, to: T0 + 30 * H });
    await store.addRange('TEST:AAA', '60', { from: T0 + 5 * H, to: T0 + 20 * H });
    await store.addRange('TEST:AAA', '60', { from: T0 + 40 * H, to: T0 + 50 * H });
    expect(await store.getRanges('TEST:AAA', '60')).toEqual([
      { from: T0, to: T0 + 30 * H },
      { from: T0 + 40 * H, to: T0 + 50 * H },
    ]);
    expect(await store.getRanges('TEST:AAA', 'D')).toEqual([]);
  });

  it('lists series with counts and spans', async () => {
    const list = await store.listSeries();
    const aaa = list.find((s) => s.symbol === 'TEST:AAA' && s.timeframe === '60');
    expect(aaa).toEqual({ symbol: 'TEST:AAA', timeframe: '60', bars: 500, first: T0, last: T0 + 499 * H });
  });

  it('records datasets by content hash', async () => {
    const bars = await store.readBars('TEST:AAA', '60');
    const rec = await store.recordDataset('TEST:AAA', '60', bars);
    expect(rec.hash).toBe(datasetHash('TEST:AAA', '60', bars));
    expect(rec).toMatchObject({ symbol: 'TEST:AAA', timeframe: '60', bars: 500, from: T0, to: T0 + 499 * H });
    const again = await store.recordDataset('TEST:AAA', '60', bars);
    expect(again.createdAt).toBe(rec.createdAt);
    expect(await store.getDataset(rec.hash)).toEqual(rec);
    expect(await store.getDataset('0'.repeat(64))).toBeNull();
  });

  it('parameterises values (quotes in tickers are data, not SQL)', async () => {
    const evil = "Q:X'); DROP TABLE bars; --";
    await store.upsertSymbol(symbolRecord(evil));
    await store.writeBars(evil, 'D', hourly(2, T0, 1));
    expect(await store.countBars(evil, 'D')).toBe(2);
    expect(await store.countBars('TEST:AAA', '60')).toBe(500);
  });
});
