// Exchange download with gap-filling against a local server speaking Binance's kline API, with
// injected faults (timeouts, 429s, 500s, truncated pages).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createExchange } from '../src/fetch/exchange.js';
import { fillGaps } from '../src/fetch/fill-gaps.js';
import type { BarStore } from '../src/store/types.js';
import { startFakeBinance, type FakeBinance } from './support/binance-server.js';
import { openTestStore, STORE_KINDS, type TestStore } from './support/stores.js';

const H = 3_600_000;
const JAN = Date.UTC(2024, 0, 1);
const MAR = Date.UTC(2024, 2, 1);
const APR = Date.UTC(2024, 3, 1);
const JUL = Date.UTC(2024, 6, 1);
const SYMBOL = 'BINANCE:BTCUSDT';
const fastRetry = { baseDelayMs: 5, maxDelayMs: 20, retries: 4 };

let fake: FakeBinance;
beforeAll(async () => {
  fake = await startFakeBinance({ listedAt: Date.UTC(2023, 0, 1) });
});
afterAll(async () => fake.close());
beforeEach(() => {
  fake.fault = () => null;
  fake.requests.length = 0;
});

function exchange() {
  return createExchange('binance', { apiBaseUrl: fake.url, timeoutMs: 400, rateLimitMs: 1 });
}

async function expectExactCandles(store: BarStore, from: number, to: number): Promise<void> {
  const bars = await store.readBars(SYMBOL, '60', { from, to });
  expect(bars.length).toBe((to - from) / H);
  for (let i = 0; i < bars.length; i++) {
    const t = from + i * H;
    if (bars.time[i] !== t) throw new Error(`bar ${i}: time ${bars.time[i]} != ${t}`);
    const [o, , , c] = fake.candle(t);
    if (bars.open[i] !== Number(o.toFixed(2)) || bars.close[i] !== Number(c.toFixed(2))) throw new Error(`bar ${i} differs`);
  }
}

describe.each(STORE_KINDS)('gap filling on %s', (kind) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(kind);
  });
  afterAll(async () => t.dispose());

  it('with Jan–Feb and Apr–Jun stored, Jan→Jun fetches only March', async () => {
    const ex = exchange();
    await fillGaps(t.store, ex, { symbol: SYMBOL, timeframe: '60', from: JAN, to: MAR, retry: fastRetry });
    await fillGaps(t.store, ex, { symbol: SYMBOL, timeframe: '60', from: APR, to: JUL, retry: fastRetry });
    expect(await t.store.getRanges(SYMBOL, '60')).toEqual([
      { from: JAN, to: MAR },
      { from: APR, to: JUL },
    ]);
    fake.requests.length = 0;
    const r = await fillGaps(t.store, ex, { symbol: SYMBOL, timeframe: '60', from: JAN, to: JUL, retry: fastRetry });
    expect(r.gaps).toEqual([{ from: MAR, to: APR }]);
    expect(r.barsStored).toBe((APR - MAR) / H);
    expect(fake.requests.length).toBeGreaterThan(0);
    for (const q of fake.requests) {
      expect(q.startTime).toBeGreaterThanOrEqual(MAR);
      expect(q.startTime).toBeLessThan(APR);
    }
    expect(await t.store.getRanges(SYMBOL, '60')).toEqual([{ from: JAN, to: JUL }]);
    await expectExactCandles(t.store, JAN, JUL);
    // Nothing left to do: no request at all.
    fake.requests.length = 0;
    const again = await fillGaps(t.store, ex, { symbol: SYMBOL, timeframe: '60', from: JAN, to: JUL, retry: fastRetry });
    expect(again.gaps).toEqual([]);
    expect(fake.requests.length).toBe(0);
  });
});

describe('download behaviour (DuckDB)', () => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore('duckdb');
  });
  afterAll(async () => t?.dispose());

  it('paginates in pages of the requested size and creates the symbol', async () => {
    const r = await fillGaps(t.store, exchange(), { symbol: SYMBOL, timeframe: '60', from: JAN, to: MAR, pageLimit: 500, retry: fastRetry });
    expect(r.requests).toBe(Math.ceil((MAR - JAN) / H / 500));
    expect(fake.requests.every((q) => q.limit === 500 && q.interval === '1h' && q.symbol === 'BTCUSDT')).toBe(true);
    await expectExactCandles(t.store, JAN, MAR);
    expect(await t.store.getSymbol(SYMBOL)).toMatchObject({ exchange: 'BINANCE', ticker: 'BTCUSDT', type: 'crypto', currency: 'USDT' });
    await t.dispose();
  });

  it('retries timeouts and 429s with backoff and continues after truncated pages', async () => {
    fake.fault = (_q, i) => (i === 0 ? 'timeout' : i === 1 || i === 2 ? '429' : i === 3 || i === 5 ? 'truncate' : null);
    const r = await fillGaps(t.store, exchange(), { symbol: SYMBOL, timeframe: '60', from: JAN, to: MAR, pageLimit: 600, retry: fastRetry });
    expect(r.barsStored).toBe((MAR - JAN) / H);
    expect(r.requests).toBeGreaterThanOrEqual(6);
    await expectExactCandles(t.store, JAN, MAR);
    expect(await t.store.getRanges(SYMBOL, '60')).toEqual([{ from: JAN, to: MAR }]);
    await t.dispose();
  });

  it('a failure part-way keeps the pages already stored, and a re-run resumes after them', async () => {
    fake.fault = (_q, i) => (i >= 2 ? '500' : null);
    await expect(
      fillGaps(t.store, exchange(), { symbol: SYMBOL, timeframe: '60', from: JAN, to: MAR, pageLimit: 500, retry: { ...fastRetry, retries: 2 } }),
    ).rejects.toThrow(/unknown error/i);
    expect(await t.store.countBars(SYMBOL, '60')).toBe(1000);
    expect(await t.store.getRanges(SYMBOL, '60')).toEqual([{ from: JAN, to: JAN + 1000 * H }]);
    await expectExactCandles(t.store, JAN, JAN + 1000 * H);

    fake.fault = () => null;
    fake.requests.length = 0;
    const r = await fillGaps(t.store, exchange(), { symbol: SYMBOL, timeframe: '60', from: JAN, to: MAR, pageLimit: 500, retry: fastRetry });
    expect(r.gaps).toEqual([{ from: JAN + 1000 * H, to: MAR }]);
    expect(fake.requests[0]!.startTime).toBe(JAN + 1000 * H);
    await expectExactCandles(t.store, JAN, MAR);
    await t.dispose();
  });

  it('gives up on persistent rate limiting after the configured retries', async () => {
    fake.fault = () => '429';
    await expect(
      fillGaps(t.store, exchange(), { symbol: SYMBOL, timeframe: '60', from: JAN, to: MAR, retry: { ...fastRetry, retries: 3 } }),
    ).rejects.toThrow(/429|Too many requests/i);
    expect(fake.requests.length).toBe(4);
    expect(await t.store.countBars(SYMBOL, '60')).toBe(0);
    expect(await t.store.getRanges(SYMBOL, '60')).toEqual([]);
    await t.dispose();
  });

  it('records spans before the listing as empty and never stores the still-open bar', async () => {
    const listed = Date.UTC(2023, 0, 1);
    const now = Date.UTC(2023, 0, 3, 5, 30);
    const r = await fillGaps(t.store, exchange(), {
      symbol: SYMBOL,
      timeframe: '60',
      from: Date.UTC(2022, 11, 1),
      to: Date.UTC(2023, 1, 1),
      now: () => now,
      retry: fastRetry,
    });
    const bars = await t.store.readBars(SYMBOL, '60');
    expect(bars.time[0]).toBe(listed);
    expect(bars.time[bars.length - 1]).toBe(Date.UTC(2023, 0, 3, 4)); // the 05:00 bar is still open
    expect(r.barsStored).toBe(bars.length);
    expect(await t.store.getRanges(SYMBOL, '60')).toEqual([{ from: Date.UTC(2022, 11, 1), to: Date.UTC(2023, 0, 3, 5) }]);
    await t.dispose();
  });

  it('does not retry an unknown market and names it', async () => {
    await expect(
      fillGaps(t.store, exchange(), { symbol: 'BINANCE:DOGEXYZ', timeframe: '60', from: JAN, to: MAR, retry: fastRetry }),
    ).rejects.toThrow('market "DOGEXYZ" not found on binance');
    expect(fake.requests.length).toBe(0);
    expect(() => createExchange('nosuchexchange')).toThrow(/unknown exchange "nosuchexchange"/);
    await t.dispose();
  });
});
