// End-to-end flows through the real app and API: landing → template → run on demo data → results
// (metrics, chart markers, trades) → CSV export; live diagnostics; builder output runs; history and
// compare; no console errors anywhere.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, screenshot, setEditorText, type BrowserUnderTest } from './support/browser.js';
import { ensureDemoData, startServer, type ServerUnderTest } from './support/server.js';

let server: ServerUnderTest;
let b: BrowserUnderTest;

const TV_HEADER = 'Trade #,Type,Date/Time,Signal,Price USD,Position size (qty),Position size (value),Net P&L USD,Net P&L %,Run-up USD,Run-up %,Drawdown USD,Drawdown %,Cumulative P&L USD,Cumulative P&L %';

beforeAll(async () => {
  server = await startServer();
  await ensureDemoData(server.url);
  b = await openBrowser();
  // Tour off for the flows; its own test below starts it explicitly.
  await b.page.addInitScript(() => localStorage.setItem('pineback.tour.done', '1'));
});

afterAll(async () => {
  await b?.close();
  await server?.stop();
});

async function runFromPanel(scope = ''): Promise<void> {
  const page = b.page;
  await page.click(`${scope} [data-testid="run"]`);
  await page.waitForSelector('[data-testid="progress"]', { timeout: 30_000 }).catch(() => undefined);
  await page.waitForSelector('[data-testid="metric-grid"]', { timeout: 120_000 });
}

describe('web app end to end', () => {
  it('serves the landing page with a link into the app', async () => {
    await b.page.goto(`${server.url}/`);
    await expect(b.page.locator('h1').textContent()).resolves.toContain('Pine Script v6');
    expect(await b.page.getAttribute('#open-app', 'href')).toBe('/app/');
    await screenshot(b.page, 'landing');
  });

  it('loads a template, runs it on demo data and shows metrics, chart markers and trades', async () => {
    const page = b.page;
    await page.goto(`${server.url}/app/#/editor`);
    await page.click('[data-testid="template-macd"]');
    await expect(page.locator('.cm-content').textContent()).resolves.toContain('MACD signal cross');
    await page.waitForSelector('[data-testid="diagnostics-ok"]', { timeout: 30_000 });
    await page.waitForSelector('[data-testid="symbols"] button:has-text("AMEX:SPY")');
    await screenshot(page, 'editor');
    await runFromPanel();
    expect(page.url()).toMatch(/#\/results\/[\w-]+$/);
    const tiles = await page.locator('[data-testid="metric-grid"] .tile').count();
    expect(tiles).toBe(16);
    const net = await page.locator('[data-metric="netProfit"] .value').textContent();
    expect(net).toMatch(/USD$/);
    await page.waitForSelector('[data-testid="performance-summary"] tr[data-row="netProfit"]');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="chart"]')?.getAttribute('data-markers') ?? 0) > 0, undefined, { timeout: 90_000 });
    expect(await page.locator('[data-testid="chart"] canvas').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="trade-row"]').count()).toBeGreaterThan(0);
    await expect(page.locator('[data-testid="drawdowns"] tbody tr').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('[data-testid="source"] pre').textContent()).resolves.toContain('ta.macd');
    await screenshot(page, 'results');
    await page.locator('[data-testid="trades"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'results-trades');
  });

  it('exports the List of Trades as CSV in the TradingView layout', async () => {
    const page = b.page;
    const rows = await page.locator('[data-testid="trades"] h3 .muted').textContent();
    const tradeCount = Number((rows ?? '').replace(/[^\d]/g, ''));
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-csv"]')]);
    const text = readFileSync((await download.path())!, 'utf8');
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe(TV_HEADER);
    expect(lines.length).toBe(1 + 2 * tradeCount);
    expect(lines[1]).toMatch(/^1,Entry (long|short),\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4},/);
    expect(lines[2]).toMatch(/^1,Exit (long|short),/);
  });

  it('saves the script as a strategy and then as a new version', async () => {
    const page = b.page;
    await page.goto(`${server.url}/app/#/editor`);
    await page.waitForSelector('[data-testid="diagnostics-ok"]', { timeout: 30_000 });
    const name = `MACD e2e ${Date.now()}`;
    await page.fill('[data-testid="strategy-name"]', name);
    await page.click('[data-testid="save-strategy"]');
    await expect(page.locator('[data-testid="save-status"]').textContent()).resolves.toBe('Saved · version 1');
    await page.waitForSelector(`[data-testid="my-strategies"] button:has-text("${name}")`);
    await page.click('[data-testid="save-strategy"]');
    await page.waitForSelector('[data-testid="save-status"]:text-is("Saved · version 2")');
  });

  it('shows a diagnostic while typing a broken script', async () => {
    const page = b.page;
    await page.goto(`${server.url}/app/#/editor`);
    await page.waitForSelector('.cm-content');
    await setEditorText(page, '//@version=6\nstrategy("Broken")\nx = ta.sma(close, )\nplot(undefinedThing)\n');
    await page.waitForSelector('[data-testid="diagnostic"]', { timeout: 30_000 });
    const text = await page.locator('[data-testid="diagnostic"]').first().textContent();
    expect(text).toMatch(/^\s*\d+:\d+ error /);
    await page.waitForSelector('.cm-lintRange-error');
    expect(await page.isDisabled('[data-testid="run"]')).toBe(true);
    await screenshot(page, 'editor-diagnostic');
  });

  it('runs the builder output', async () => {
    const page = b.page;
    await page.goto(`${server.url}/app/#/builder`);
    await page.waitForSelector('[data-testid="builder-ok"]', { timeout: 30_000 });
    await expect(page.locator('[data-testid="builder-source"]').textContent()).resolves.toContain('strategy.entry("Long", strategy.long)');
    await page.selectOption('[data-testid="builder-indicator-select"]', 'supertrend');
    await page.click('[data-testid="builder-add-indicator"]');
    await page.waitForSelector('[data-testid="builder-ok"]');
    // Two symbols × one timeframe = two runs in one backtest.
    await page.click('[data-testid="builder-page"] [data-testid="symbols"] button:has-text("COINBASE:BTCUSD")');
    await expect(page.locator('[data-testid="builder-page"] [data-testid="run"]').textContent()).resolves.toBe('Run 2 backtests');
    await screenshot(page, 'builder');
    await runFromPanel('[data-testid="builder-page"]');
    expect(await page.locator('[data-testid="trade-row"]').count()).toBeGreaterThan(0);
    await page.click('[data-testid="run-tabs"] button:has-text("COINBASE:BTCUSD")');
    await page.waitForSelector('h2:has-text("COINBASE:BTCUSD")');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="chart"]')?.getAttribute('data-bars') ?? 0) > 1000, undefined, { timeout: 90_000 });
  });

  it('lists runs in the history and compares two of them', async () => {
    const page = b.page;
    await page.goto(`${server.url}/app/#/history`);
    await page.waitForSelector('[data-testid="history-row"]');
    expect(await page.locator('[data-testid="history-row"]').count()).toBeGreaterThanOrEqual(2);
    const boxes = page.locator('[data-testid="history-row"] input[type="checkbox"]:not([disabled])');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await screenshot(page, 'history');
    await page.click('[data-testid="compare-picked"]');
    await page.waitForSelector('[data-testid="compare-table"] tbody tr');
    await page.waitForSelector('[data-testid="equity-overlay"][data-curves="2"] canvas');
    await screenshot(page, 'compare');
  });

  it('runs a quick backtest in the browser worker', async () => {
    const page = b.page;
    await page.goto(`${server.url}/app/#/editor`);
    await page.click('[data-testid="template-rsi"]');
    await page.waitForSelector('[data-testid="diagnostics-ok"]', { timeout: 30_000 });
    await page.waitForSelector('[data-testid="symbols"] button:has-text("AMEX:SPY")');
    await page.click('[data-testid="run-local"]');
    await page.waitForSelector('[data-testid="metric-grid"]', { timeout: 120_000 });
    expect(page.url()).toContain('#/results/local-');
    expect(await page.locator('[data-testid="trade-row"]').count()).toBeGreaterThan(0);
  });

  it('optimises two inputs of the current script and shows the ranked table and heatmap', async () => {
    const page = b.page;
    await page.goto(`${server.url}/app/#/optimize`);
    await page.waitForSelector('[data-testid="optimize-submit"]:not([disabled])', { timeout: 30_000 });
    await page.click('[data-testid="optimize-submit"]');
    await page.waitForSelector('[data-testid="heatmap"] td', { timeout: 150_000 });
    expect(await page.locator('[data-testid="optimize-ranked"] tbody tr').count()).toBeGreaterThan(4);
    await screenshot(page, 'optimize');
  });

  it('shows the data manager and the guided tour', async () => {
    const page = b.page;
    await page.goto(`${server.url}/app/#/data`);
    await page.waitForSelector('[data-testid="coverage"] td:has-text("AMEX:SPY")');
    const rows = ['time,open,high,low,close,volume'];
    for (let i = 0; i < 60; i++) rows.push(`${new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10)},${100 + i},${101 + i},${99 + i},${100.5 + i},1000`);
    await page.setInputFiles('[data-testid="import-file"]', { name: 'e2e.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
    const symbol = `E2E:CSV${Date.now() % 100000}`;
    await page.fill('[data-testid="import-symbol"]', symbol);
    await page.click('[data-testid="import-submit"]');
    await page.waitForSelector('[data-testid="data-job"]');
    await page.waitForSelector(`[data-testid="coverage"] td:has-text("${symbol}")`, { timeout: 60_000 });
    await screenshot(page, 'data');
    await page.evaluate(() => localStorage.removeItem('pineback.tour.done'));
    await page.goto(`${server.url}/app/#/editor`);
    await page.click('[data-testid="start-tour"]');
    await page.waitForSelector('[data-testid="tour"]');
    await screenshot(page, 'tour');
    for (let i = 0; i < 5; i++) await page.click('[data-testid="tour-next"]');
    expect(await page.locator('[data-testid="tour"]').count()).toBe(0);
  });

  it('logged no console errors', () => {
    expect(b.consoleErrors).toEqual([]);
  });
});
