// Large results stay fast: 1,000,000 chart bars arrive progressively in 50,000-bar pages and a 10,000-
// trade list is virtualised. The API is stubbed in the browser (page.route) so the sizes are exact; the
// app itself is served by the server under test. Timings are printed for docs/BENCHMARKS.md.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, screenshot, type BrowserUnderTest } from './support/browser.js';
import { startServer, type ServerUnderTest } from './support/server.js';

const BARS = 1_000_000;
const PAGE = 50_000;
const TRADES = 10_000;
const T0 = Date.UTC(2015, 0, 1);
const MIN = 60_000;

let server: ServerUnderTest;
let b: BrowserUnderTest;

function barsPage(cursor: number | null): string {
  const start = cursor === null ? 0 : (cursor - T0) / MIN + 1;
  const n = Math.min(PAGE, BARS - start);
  const time: number[] = [], open: number[] = [], high: number[] = [], low: number[] = [], close: number[] = [], volume: number[] = [];
  for (let i = start; i < start + n; i++) {
    const p = 100 + 20 * Math.sin(i / 5000) + 3 * Math.sin(i / 37);
    time.push(T0 + i * MIN);
    open.push(p);
    close.push(p + Math.sin(i) * 0.2);
    high.push(p + 0.5);
    low.push(p - 0.5);
    volume.push(100 + (i % 50));
  }
  const last = start + n - 1;
  return JSON.stringify({ symbol: 'BENCH:BIG', timeframe: '1', time, open, high, low, close, volume, nextCursor: last < BARS - 1 ? T0 + last * MIN : null });
}

function backtestView(): string {
  const trades = [];
  let cum = 0;
  const span = Math.floor(BARS / TRADES);
  for (let k = 0; k < TRADES; k++) {
    const profit = ((k * 7919) % 200) - 95;
    cum += profit;
    const entryBar = k * span;
    trades.push({
      id: k + 1, direction: k % 2 ? 'short' : 'long', entryTime: T0 + entryBar * MIN, entryPrice: 100, entrySignal: k % 2 ? 'S' : 'L',
      exitTime: T0 + (entryBar + span - 1) * MIN, exitPrice: 101, exitSignal: 'X', qty: 1, profit, profitPercent: profit / 100, runUp: 5, runUpPercent: 5,
      drawdown: 2, drawdownPercent: 2, cumulativeProfit: cum, cumulativeProfitPercent: cum / 100,
    });
  }
  const equity = Array.from({ length: 10_000 }, (_, i) => ({ time: T0 + i * 100 * MIN, value: 10_000 + 500 * Math.sin(i / 300) }));
  const run = {
    symbol: 'BENCH:BIG', timeframe: '1', datasetHash: 'x', summary: { netProfit: cum, totalClosedTrades: TRADES }, metrics: [{ key: 'netProfit', label: 'Net Profit', all: cum, long: null, short: null, unit: 'currency' }],
    trades, equity, drawdown: [], plots: [], warnings: [], currency: 'USD', timezone: 'UTC',
  };
  return JSON.stringify({
    id: 'big', status: 'done', progress: 100, message: null, error: null, attempts: 1, label: 'Large data', strategyId: null, strategyVersion: null, scriptHash: 'x',
    datasetHash: 'x', createdAt: T0, finishedAt: T0, request: { script: '//@version=6\nstrategy("big")\n', symbols: ['BENCH:BIG'], timeframes: ['1'] }, result: { datasetHash: 'x', runs: [run] },
  });
}

/** Page bodies by cursor, generated before the timed navigation so the timings measure the browser. */
const pages = new Map<string, string>();

beforeAll(async () => {
  let cursor: number | null = null;
  do {
    const body = barsPage(cursor);
    pages.set(String(cursor), body);
    cursor = (JSON.parse(body) as { nextCursor: number | null }).nextCursor;
  } while (cursor !== null);
  server = await startServer();
  b = await openBrowser();
  await b.page.addInitScript(() => localStorage.setItem('pineback.tour.done', '1'));
  await b.page.route('**/api/backtests/big', (r) => r.fulfill({ contentType: 'application/json', body: backtestView() }));
  await b.page.route('**/api/data/bars?*', (r) => {
    const cursor = new URL(r.request().url()).searchParams.get('cursor');
    return r.fulfill({ contentType: 'application/json', body: pages.get(String(cursor)) ?? barsPage(cursor === null ? null : Number(cursor)) });
  });
});

afterAll(async () => {
  await b?.close();
  await server?.stop();
});

describe('large data', () => {
  it('draws the first page quickly and all 1,000,000 bars progressively', async () => {
    const page = b.page;
    const start = Date.now();
    await page.goto(`${server.url}/app/#/results/big`);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="chart"]')?.getAttribute('data-bars') ?? 0) > 0, undefined, { timeout: 60_000 });
    const first = Date.now() - start;
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="chart"]')?.getAttribute('data-bars') ?? 0) === n, BARS, { timeout: 170_000, polling: 250 });
    const all = Date.now() - start;
    console.log(`large-data: first chart draw ${first} ms, 1,000,000 bars drawn ${all} ms`);
    expect(first).toBeLessThan(all);
    await screenshot(page, 'large-data');
  });

  it('keeps the 10,000-trade table virtual and scrollable to the end', async () => {
    const page = b.page;
    await expect(page.locator('[data-testid="trades"] h3 .muted').textContent()).resolves.toBe('(10,000)');
    const rendered = await page.locator('[data-testid="trade-row"]').count();
    expect(rendered).toBeLessThan(60);
    const t0 = Date.now();
    await page.locator('[data-testid="trades-body"]').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await page.waitForSelector('[data-testid="trade-row"] >> text=10000');
    console.log(`large-data: scroll to trade 10,000 rendered in ${Date.now() - t0} ms with ${rendered} rows in the DOM`);
    expect(await page.locator('[data-testid="trade-row"]').count()).toBeLessThan(60);
    await page.click('[data-testid="trades"] .header div:text-is("Net P&L")');
    // Sorted by net P&L, largest first, and back at the top.
    await page.waitForFunction(() => document.querySelector('[data-testid="trade-row"] div:nth-child(10)')?.textContent === '104.00');
    expect(await page.locator('[data-testid="trades-body"]').evaluate((el) => el.scrollTop)).toBe(0);
  });

  it('logged no console errors', () => {
    expect(b.consoleErrors).toEqual([]);
  });
});
