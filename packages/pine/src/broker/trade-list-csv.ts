// CSV in TradingView's List-of-trades export layout.
import type { TradeListRow } from './trade-list.js';

function cell(v: string | number): string {
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v;
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function tradeListCsv(rows: readonly TradeListRow[], currency: string): string {
  const c = currency || 'USD';
  const header = [
    'Trade #', 'Type', 'Date/Time', 'Signal', `Price ${c}`, 'Position size (qty)', 'Position size (value)',
    `Net P&L ${c}`, 'Net P&L %', `Run-up ${c}`, 'Run-up %', `Drawdown ${c}`, 'Drawdown %', `Cumulative P&L ${c}`, 'Cumulative P&L %',
  ];
  const lines = [header.join(',')];
  for (const r of rows) {
    lines.push([
      r.tradeNo, r.type, r.dateTime, r.signal, r.price, r.qty, r.value, r.netPnl, r.netPnlPercent, r.runup, r.runupPercent,
      r.drawdown, r.drawdownPercent, r.cumulativePnl, r.cumulativePnlPercent,
    ].map(cell).join(','));
  }
  return lines.join('\n') + '\n';
}

/** JSON form of the list (what the server stores). */
export function tradeListJson(rows: readonly TradeListRow[]): string {
  return JSON.stringify(rows);
}
