// Real SPY 1-minute bars (QuantConnect LEAN, 2013-10-04 … 2013-10-11) for the corpus tests'
// lower-timeframe requests: the engine aggregates them to 5, 10, 15… minutes like any finer data.
// The file also holds pre/post-market minutes (04:00–20:00); the corpus chart is SPY's regular
// session (its hourly bars are built from 09:30–16:00 only), and a request for the chart's symbol
// inherits that session on TradingView, so only regular-session minutes are served.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { barColumnsFromRows, type Bar, type BarColumns } from '../../src/core/bars.js';
import { MARKET_DIR } from '../../../../test-support/shared.js';

export const SPY_MINUTES_FILE = 'spy_1m_2013-10_lean.csv';

let cached: BarColumns | null = null;

/** "HH:MM" of the New York wall clock, read from the ISO time (it carries the New York offset). */
function wallClock(iso: string): string {
  return iso.slice(11, 16);
}

/** SPY 1-minute bars of the regular session (09:30 ≤ open < 16:00 New York). */
export function spyMinuteBars(): BarColumns {
  if (cached) return cached;
  const lines = readFileSync(join(MARKET_DIR, SPY_MINUTES_FILE), 'utf8').split('\n');
  const rows: Bar[] = [];
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i]!.trim();
    if (l === '') continue;
    const [t, o, h, lo, c, v] = l.split(',');
    const clock = wallClock(t!);
    if (clock < '09:30' || clock >= '16:00') continue;
    rows.push({ time: Date.parse(t!), open: Number(o), high: Number(h), low: Number(lo), close: Number(c), volume: Number(v) });
  }
  cached = barColumnsFromRows(rows);
  return cached;
}
