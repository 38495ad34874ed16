// "List of Trades": two rows per trade (entry, exit) in TradingView's export layout. Closed trades come in
// closing order, then still-open trades (exit Signal "Open", marked at the last close).
import type { Broker } from './broker.js';
import { TradeTimeFormatter } from './time-format.js';
import type { ClosedTrade } from './trades.js';
import { dirSign } from './trades.js';
import { excursions } from './ledger.js';
import { blankClosedTrade } from './closed-trades.js';

export interface TradeListRow {
  tradeNo: number;
  type: 'Entry long' | 'Exit long' | 'Entry short' | 'Exit short';
  /** Unix ms (bar open time of the fill bar) and its rendering in the symbol's time zone. */
  time: number;
  dateTime: string;
  signal: string;
  price: number;
  qty: number;
  /** qty × entry price (TradingView shows it without the point value). */
  value: number;
  netPnl: number;
  netPnlPercent: number;
  runup: number;
  runupPercent: number;
  /** Negative, as in the export. */
  drawdown: number;
  drawdownPercent: number;
  cumulativePnl: number;
  cumulativePnlPercent: number;
}

/** Open trades as closed-trade records marked at the last close (exit id "Open"). */
export function markedOpenTrades(b: Broker): ClosedTrade[] {
  const pv = b.syminfo.pointvalue;
  return b.openTrades.map((t) => {
    const acc = (x: number): number => b.toAccount(x, b.lastBarTime);
    const value = acc(t.qty * t.entryPrice * pv);
    const s = dirSign(t.direction);
    const profit = acc(s * (b.lastClose - t.entryPrice) * t.qty * pv) - t.entryCommission;
    const { runup, drawdown } = excursions(t, t.qty, t.entryCommission, acc, pv);
    return {
      serial: t.serial, direction: t.direction, entryId: t.entryId, entryComment: t.entryComment, entryPrice: t.entryPrice,
      entryBar: t.entryBar, entryTime: t.entryTime, exitId: 'Open', exitComment: '', exitPrice: b.lastClose,
      exitBar: b.barIndex, exitTime: b.lastBarTime, qty: t.qty, commission: t.entryCommission, profit, cumulativeProfit: NaN,
      profitPercent: value > 0 ? (profit / value) * 100 : 0, maxRunup: runup, maxRunupPercent: value > 0 ? (runup / value) * 100 : 0,
      maxDrawdown: drawdown, maxDrawdownPercent: value > 0 ? (drawdown / value) * 100 : 0,
    };
  });
}

export function tradeList(b: Broker): TradeListRow[] {
  const capital = b.settings.initialCapital;
  const when = lastTimeFormatter(b.syminfo.timezone);
  const rows: TradeListRow[] = [];
  let cum = 0;
  // Closed trades are read from the columns into one reused object (row() copies what it needs).
  const closed = b.closedStore;
  const scratch = blankClosedTrade();
  const open = markedOpenTrades(b);
  const count = closed.length + open.length;
  for (let i = 0; i < count; i++) {
    const t = i < closed.length ? closed.read(i, scratch) : open[i - closed.length]!;
    // Closed trades: strategy.netprofit after the close; open trades: the previous row plus their P&L.
    cum = t.exitId === 'Open' && t.cumulativeProfit !== t.cumulativeProfit ? cum + t.profit : t.cumulativeProfit;
    const long = t.direction === 'long';
    rows.push(row(t, i + 1, cum, capital, long ? 'Entry long' : 'Entry short', t.entryTime, when(t.entryTime), t.entryComment || t.entryId, t.entryPrice));
    rows.push(row(t, i + 1, cum, capital, long ? 'Exit long' : 'Exit short', t.exitTime, when(t.exitTime), t.exitComment || t.exitId, t.exitPrice));
  }
  return rows;
}

/** One row; the entry and exit rows of a trade share every column but the last five. */
function row(t: ClosedTrade, tradeNo: number, cum: number, capital: number, type: TradeListRow['type'], time: number, dateTime: string, signal: string, price: number): TradeListRow {
  return {
    tradeNo, qty: t.qty, value: t.qty * t.entryPrice, netPnl: t.profit, netPnlPercent: t.profitPercent,
    runup: t.maxRunup, runupPercent: t.maxRunupPercent, drawdown: -t.maxDrawdown, drawdownPercent: -t.maxDrawdownPercent,
    cumulativePnl: cum, cumulativePnlPercent: (cum / capital) * 100,
    type, time, dateTime, signal, price,
  };
}

/** TradeTimeFormatter that remembers its last answer: a reversal's exit and the next entry share a bar time. */
function lastTimeFormatter(timeZone: string): (ms: number) => string {
  const f = new TradeTimeFormatter(timeZone);
  let lastMs = NaN;
  let last = '';
  return (ms) => {
    if (ms !== lastMs) {
      last = f.format(ms);
      lastMs = ms;
    }
    return last;
  };
}
