// Trades table logic: sorting, windowing for the virtualised table, and exports (TradingView's
// "List of trades" CSV layout, and JSON).
import type { Trade } from '../api/types.js';

export type TradeSortKey = 'id' | 'entryTime' | 'exitTime' | 'profit' | 'profitPercent' | 'qty' | 'runUp' | 'drawdown' | 'cumulativeProfit';

export function sortTrades(trades: readonly Trade[], key: TradeSortKey, dir: 'asc' | 'desc'): Trade[] {
  const sign = dir === 'asc' ? 1 : -1;
  const val = (t: Trade): number => {
    const v = t[key];
    return v === null || !Number.isFinite(v) ? -Infinity : v;
  };
  return [...trades].sort((a, b) => sign * (val(a) - val(b)) || a.id - b.id);
}

/** Rows to render for a virtualised list: [first, last) with `overscan` extra rows each side. */
export function visibleWindow(scrollTop: number, viewport: number, rowHeight: number, total: number, overscan = 8): { first: number; last: number } {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(total, Math.ceil((scrollTop + viewport) / rowHeight) + overscan);
  return { first, last };
}

const csvCell = (v: string | number | null): string => {
  const s = v === null ? '' : typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** 2022-01-03T19:00:00-0500: local wall time in `timeZone` plus its UTC offset, as TradingView exports. */
export function isoWithOffset(ms: number, timeZone: string): string {
  const f = new Intl.DateTimeFormat('en-GB', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  });
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(new Date(ms))) p[part.type] = part.value;
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  const offset = Math.round((wall - (ms - (ms % 1000))) / 60_000);
  const a = Math.abs(offset);
  const hh = String(Math.trunc(a / 60)).padStart(2, '0');
  const mm = String(a % 60).padStart(2, '0');
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${offset < 0 ? '-' : '+'}${hh}${mm}`;
}

/** TradingView "List of trades" layout: entry row then exit row per trade, in trade order; times in the
 *  symbol's zone with offset; numbers at full precision (the same layout the server's trades.csv uses). */
export function tradesToCsv(trades: readonly Trade[], currency: string, timeZone = 'UTC'): string {
  const c = currency || 'USD';
  const header = [
    'Trade #', 'Type', 'Date/Time', 'Signal', `Price ${c}`, 'Position size (qty)', 'Position size (value)',
    `Net P&L ${c}`, 'Net P&L %', `Run-up ${c}`, 'Run-up %', `Drawdown ${c}`, 'Drawdown %', `Cumulative P&L ${c}`, 'Cumulative P&L %',
  ];
  const lines = [header.map(csvCell).join(',')];
  for (const t of [...trades].sort((a, b) => a.id - b.id)) {
    const side = t.direction === 'long' ? 'long' : 'short';
    const tail = [t.qty, t.qty * t.entryPrice, t.profit, t.profitPercent, t.runUp, t.runUpPercent, t.drawdown, t.drawdownPercent, t.cumulativeProfit, t.cumulativeProfitPercent];
    lines.push([t.id, `Entry ${side}`, isoWithOffset(t.entryTime, timeZone), t.entrySignal, t.entryPrice, ...tail].map(csvCell).join(','));
    const exitTime = t.exitTime ?? t.entryTime;
    lines.push([t.id, `Exit ${side}`, isoWithOffset(exitTime, timeZone), t.exitSignal ?? 'Open', t.exitPrice, ...tail].map(csvCell).join(','));
  }
  return lines.join('\n') + '\n';
}

export function tradesToJson(trades: readonly Trade[], meta: { symbol: string; timeframe: string; currency: string }): string {
  return JSON.stringify({ ...meta, trades }, null, 2);
}

/** Saves text as a file through a temporary object URL. */
export function downloadText(text: string, filename: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
