// Large results stay fast: a 1,000,000-bar chart opens on its latest 2,000 bars (direction=backward
// paging) while older history arrives in 50,000-bar pages in the background, and a 10,000-trade list
// is virtualised. The API is stubbed in the browser (page.route) with the server's backward paging
// contract so the sizes are exact; the app itself is served by the server under test. Timings (wall
// clock, and the renderer's main-thread CPU time from the DevTools Performance domain) are printed for
// docs/BENCHMARKS.md.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, screenshot, type BrowserUnderTest } from './support/browser.js';
import { startServer, type ServerUnderTest } from './support/server.js';

const BARS = Number(process.env.E2E_BARS ?? 1_000_000);
const TRADES = 10_000;
const T0 = Date.UTC(2015, 0, 1);
const MIN = 60_000;

let server: ServerUnderTest;
let b: BrowserUnderTest;

/** The `limit` bars before `before` (null: the latest), as GET /api/data/bars?direction=backward answers. */
function barsPage(before: number | null, limit: number): string {
  const end = before === null ? BARS : (before - T0) / MIN;
  const start = Math.max(0, end - limit);
  const time: number[] = [], open: number[] = [], high: number[] = [], low: number[] = [], close: number[] = [], volume: number[] = [];
  for (let i = start; i < end; i++) {
    const p = 100 + 20 * Math.sin(i / 5000) + 3 * Math.sin(i / 37);
    time.push(T0 + i * MIN);
    open.push(p);
    close.push(p + Math.sin(i) * 0.2);
    high.push(p + 0.5);
    low.push(p - 0.5);
    volume.push(100 + (i % 50));
  }
  return JSON.stringify({ symbol: 'BENCH:BIG', timeframe: '1', time, open, high, low, close, volume, nextCursor: null, prevCursor: start > 0 ? T0 + start * MIN : null });
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

/** Page bodies by request, generated before the timed navigation so the timings measure the browser. */
const pages = new Map<string, string>();
let requests = 0;

beforeAll(async () => {
  let before: number | null = null;
  let limit = 2_000;
  do {
    const body = barsPage(before, limit);
    pages.set(`${before}:${limit}`, body);
    before = (JSON.parse(body) as { prevCursor: number | null }).prevCursor;
    limit = 50_000;
  } while (before !== null);
  server = await startServer();
  b = await openBrowser();
  await b.page.addInitScript(() => localStorage.setItem('pineback.tour.done', '1'));
  // Records in the page when each attach happened (ms since navigation start): polling from the test
  // process would add its own latency while the page's main thread is busy.
  await b.page.addInitScript(() => {
    const w = window as unknown as { barAttaches: [number, number][] };
    w.barAttaches = [];
    new MutationObserver((records) => {
      for (const r of records) {
        const el = r.target as HTMLElement;
        if (r.attributeName === 'data-bars' && el.dataset.bars) w.barAttaches.push([Math.round(performance.now()), Number(el.dataset.bars)]);
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-bars'] });
  });
  await b.page.route('**/api/backtests/big', (r) => r.fulfill({ contentType: 'application/json', body: backtestView() }));
  await b.page.route('**/api/data/bars?*', (r) => {
    const q = new URL(r.request().url()).searchParams;
    requests++;
    if (q.get('direction') !== 'backward') return r.fulfill({ status: 400, contentType: 'application/json', body: '{"message":"expected backward paging"}' });
    const before = q.get('before');
    const limit = Number(q.get('limit'));
    return r.fulfill({ contentType: 'application/json', body: pages.get(`${before}:${limit}`) ?? barsPage(before === null ? null : Number(before), limit) });
  });
});

afterAll(async () => {
  await b?.close();
  await server?.stop();
});

describe('large data', () => {
  it('opens on the latest bars at once and attaches all 1,000,000 bars in the background', async () => {
    const page = b.page;
    const cdp = await b.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const cpu = async (): Promise<number> => {
      const m = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
      return (m.metrics.find((x) => x.name === 'TaskDuration')?.value ?? 0) * 1000;
    };
    const bars = (): Promise<number> => page.evaluate(() => Number(document.querySelector('[data-testid="chart"]')?.getAttribute('data-bars') ?? 0));
    const cpu0 = await cpu();
    const start = Date.now();
    await page.goto(`${server.url}/app/#/results/big`);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="chart"]')?.getAttribute('data-bars') ?? 0) > 0, undefined, { timeout: 60_000, polling: 20 });
    const first = Date.now() - start;
    const firstCpu = (await cpu()) - cpu0;
    const firstBars = await bars();
    // The chart opens at the end of the series: the latest bar is in view.
    const lastBar = (T0 + (BARS - 1) * MIN) / 1000;
    const visible = (): Promise<[number, number]> => page.evaluate(() => {
      const d = (document.querySelector('[data-testid="chart"]') as HTMLElement).dataset;
      return [Number(d.visibleFrom), Number(d.visibleTo)] as [number, number];
    });
    await page.waitForFunction((t) => {
      const d = (document.querySelector('[data-testid="chart"]') as HTMLElement).dataset;
      return Number(d.visibleFrom) < t && Number(d.visibleTo) >= t;
    }, lastBar, { timeout: 30_000 });
    const opened = await visible();
    await page.waitForFunction((n) => {
      const el = document.querySelector('[data-testid="chart"]');
      return Number(el?.getAttribute('data-bars') ?? 0) === n && el?.getAttribute('data-complete') === 'true';
    }, BARS, { timeout: 170_000, polling: 100 });
    const all = Date.now() - start;
    const allCpu = (await cpu()) - cpu0;
    const attaches = await page.evaluate(() => (window as unknown as { barAttaches: [number, number][] }).barAttaches);
    const bench = await page.evaluate(() => {
      const res = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      const firstBars = res.find((e) => e.name.includes('/api/data/bars'));
      return { firstBarsResponse: Math.round(firstBars?.responseEnd ?? NaN) };
    });
    console.log(`large-data (ms since navigation start, in page): first candles ${attaches[0]![0]} (${attaches[0]![1]} bars; first bars response at ${bench.firstBarsResponse}), ` +
      `all 1,000,000 attached ${attaches.at(-1)![0]}; attaches ${JSON.stringify(attaches)}; ${requests} bar requests. ` +
      `Test-side wall clock: first ${first} ms, all ${all} ms; renderer main-thread CPU (DevTools TaskDuration) to first candles ${Math.round(firstCpu)} ms, to all ${Math.round(allCpu)} ms`);
    expect(firstBars).toBe(2_000);
    expect(first).toBeLessThan(all);
    // Prepending history left the view where it was.
    expect(await visible()).toEqual(opened);
    await screenshot(page, 'large-data');
    await cdp.detach();
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
