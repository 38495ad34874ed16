// The script's visuals on the results chart, drawn from a real server run on the demo SPY daily bars:
// fill between plots (per-bar colour) and between hlines, hlines, bgcolor, plot styles (line,
// stepline, circles, cross, histogram, area) in the price and an indicator pane, plotshape/plotchar
// markers; and the time axis in the exchange's zone with the switch to UTC.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, screenshot, type BrowserUnderTest } from './support/browser.js';
import { ensureDemoData, startServer, type ServerUnderTest } from './support/server.js';

const SCRIPT = `//@version=6
strategy("Chart visuals", overlay=true)
fast = ta.sma(close, 10)
slow = ta.sma(close, 30)
p1 = plot(fast, "Fast", color=color.blue, linewidth=2)
p2 = plot(slow, "Slow", color=color.orange, style=plot.style_stepline)
fill(p1, p2, color=fast > slow ? color.new(color.green, 70) : color.new(color.red, 70), title="Trend")
plot(high * 1.02, "Circles", color=color.purple, style=plot.style_circles)
plot(low * 0.98, "Cross", color=color.gray, style=plot.style_cross)
mom = close - close[10]
plot(mom, "Momentum", color=mom >= 0 ? color.teal : color.maroon, style=plot.style_histogram)
plot(ta.sma(mom, 5), "Momentum avg", color=color.blue, style=plot.style_area)
h1 = hline(10, "Upper", color=color.gray, linestyle=hline.style_dotted)
h2 = hline(-10, "Lower", color=color.gray)
fill(h1, h2, color=color.new(color.blue, 90))
bgcolor(fast > slow ? color.new(color.green, 90) : na, title="Uptrend")
up = ta.crossover(fast, slow)
down = ta.crossunder(fast, slow)
plotshape(up, "Cross up", shape.triangleup, location.belowbar, color.green, text="up")
plotchar(down, "Cross down", "▼", location.abovebar, color.red)
if up
    strategy.entry("L", strategy.long)
if down
    strategy.close("L")`;

let server: ServerUnderTest;
let b: BrowserUnderTest;
let id: string;
let run: {
  plots: { title: string; kind?: string; style?: string; colors?: unknown[] }[];
  hlines?: { price: number | null; linestyle: string }[];
  fills?: { from: { kind: string }; to: { kind: string }; colors?: unknown[] }[];
  bgcolors?: { points: unknown[] }[];
  timezone: string;
};

async function api<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(`${server.url}/api${path}`, { ...init, headers: { 'content-type': 'application/json' } });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

beforeAll(async () => {
  server = await startServer();
  await ensureDemoData(server.url);
  ({ id } = await api<{ id: string }>('/backtests', { method: 'POST', body: JSON.stringify({ script: SCRIPT, symbols: ['AMEX:SPY'], timeframes: ['D'], label: 'Chart visuals' }) }));
  for (let i = 0; i < 240; i++) {
    const v = await api<{ status: string; error: string | null; result?: { runs: (typeof run)[] } }>(`/backtests/${id}`);
    if (v.status === 'done') {
      run = v.result!.runs[0]!;
      break;
    }
    if (v.status === 'failed' || v.status === 'cancelled') throw new Error(`backtest ${v.status}: ${v.error}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  b = await openBrowser();
  await b.page.addInitScript(() => localStorage.setItem('pineback.tour.done', '1'));
});

afterAll(async () => {
  await b?.close();
  await server?.stop();
});

describe('chart visuals', () => {
  it('gets the styles, hlines, fills and backgrounds from the API', () => {
    const byTitle = new Map(run.plots.map((p) => [p.title, p]));
    expect(byTitle.get('Slow')).toMatchObject({ kind: 'plot', style: 'stepline' });
    expect(byTitle.get('Momentum')).toMatchObject({ style: 'histogram' });
    expect(byTitle.get('Momentum')!.colors!.length).toBeGreaterThan(1000);
    expect(byTitle.get('Cross up')).toMatchObject({ kind: 'plotshape', style: 'triangleup' });
    expect(byTitle.get('Cross down')).toMatchObject({ kind: 'plotchar' });
    expect(run.hlines).toEqual([
      { title: 'Upper', price: 10, color: expect.any(Number), linestyle: 'dotted', linewidth: 1 },
      { title: 'Lower', price: -10, color: expect.any(Number), linestyle: 'dashed', linewidth: 1 },
    ]);
    expect(run.fills!.map((f) => [f.from.kind, f.to.kind, !!f.colors])).toEqual([['plot', 'plot', true], ['hline', 'hline', false]]);
    expect(run.bgcolors![0]!.points.length).toBeGreaterThan(100);
    expect(run.timezone).toBe('America/New_York');
  });

  it('draws them on the results chart', async () => {
    const page = b.page;
    await page.goto(`${server.url}/app/#/results/${id}`);
    const chart = '[data-testid="chart"]';
    await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-complete') === 'true', chart, { timeout: 90_000 });
    // Two fills (plots, hlines) + six line-type plots (line, stepline, circles, cross, histogram, area).
    expect(await page.getAttribute(chart, 'data-plots')).toBe('8');
    expect(Number(await page.getAttribute(chart, 'data-shapes'))).toBeGreaterThan(5);
    expect(Number(await page.getAttribute(chart, 'data-markers'))).toBeGreaterThan(5);
    // Price, indicator (momentum, hlines), equity and drawdown panes.
    expect(await page.locator(`${chart} table tr td:nth-child(2) canvas`).count()).toBeGreaterThanOrEqual(4);
    await screenshot(page, 'chart-visuals');
  });

  it('shows the axis in the exchange time zone and switches to UTC', async () => {
    const page = b.page;
    const chart = '[data-testid="chart"]';
    expect(await page.getAttribute(chart, 'data-zone')).toBe('exchange');
    const exchangeTo = Number(await page.getAttribute(chart, 'data-visible-to'));
    await page.selectOption('[data-testid="chart-zone"]', 'utc');
    await page.waitForFunction(([sel, t]) => Number(document.querySelector(sel as string)?.getAttribute('data-visible-to')) !== t, [chart, exchangeTo] as const);
    const utcTo = Number(await page.getAttribute(chart, 'data-visible-to'));
    // New York is 4 (summer) or 5 (winter) hours behind UTC; the axis moved by exactly that.
    expect([4 * 3600, 5 * 3600]).toContain(utcTo - exchangeTo);
    await page.selectOption('[data-testid="chart-zone"]', 'exchange');
    await page.waitForFunction(([sel, t]) => Number(document.querySelector(sel as string)?.getAttribute('data-visible-to')) === t, [chart, exchangeTo] as const);
  });

  it('logged no console errors', () => {
    expect(b.consoleErrors).toEqual([]);
  });
});
