// The List of Trades in TradingView's CSV export layout: two rows per trade (entry, then exit),
// times as ISO-8601 with the chart time zone's offset (no colon: 2022-01-03T19:00:00-0500).
// Numbers are written at full precision; TradingView's display rounding is not reproduced.
import type { TradeRecord } from '../engine/types.js';

const HEADER = (ccy: string): string =>
  [
    'Trade #', 'Type', 'Date/Time', 'Signal', `Price ${ccy}`, 'Position size (qty)', 'Position size (value)',
    `Net P&L ${ccy}`, 'Net P&L %', `Run-up ${ccy}`, 'Run-up %', `Drawdown ${ccy}`, 'Drawdown %',
    `Cumulative P&L ${ccy}`, 'Cumulative P&L %',
  ].join(',');

function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Formats Unix ms in an IANA zone as 2022-01-03T19:00:00-0500. */
export function formatTvTime(ms: number, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  const local = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
  const offMin = Math.round((local - Math.floor(ms / 1000) * 1000) / 60_000);
  const sign = offMin < 0 ? '-' : '+';
  const abs = Math.abs(offMin);
  const off = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${off}`;
}

export function tradesCsv(trades: readonly TradeRecord[], currency: string, timeZone: string): string {
  const lines = [HEADER(currency)];
  for (const t of trades) {
    const dir = t.direction === 'long' ? 'long' : 'short';
    const value = t.qty * t.entryPrice;
    const common = [t.qty, value, t.profit, t.profitPercent, t.runUp, t.runUpPercent, t.drawdown, t.drawdownPercent, t.cumulativeProfit, t.cumulativeProfitPercent];
    lines.push([t.id, `Entry ${dir}`, formatTvTime(t.entryTime, timeZone), t.entrySignal, t.entryPrice, ...common].map(csvField).join(','));
    lines.push(
      [t.id, `Exit ${dir}`, t.exitTime === null ? '' : formatTvTime(t.exitTime, timeZone), t.exitTime === null ? 'Open' : (t.exitSignal ?? ''), t.exitPrice, ...common]
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
