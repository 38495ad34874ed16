// Performance Summary (Strategy Tester "Performance" tab), computed after the run from what the broker
// produced. Definitions: shared/docs/pine-strategy-semantics.md §5 and docs/METRICS.md.
import type { Broker } from './broker.js';
import { monthKey, dayKey } from './time-format.js';
import type { ClosedTrade } from './trades.js';

export interface SideSummary {
  netProfit: number;
  netProfitPercent: number;
  grossProfit: number;
  grossProfitPercent: number;
  grossLoss: number;
  grossLossPercent: number;
  profitFactor: number;
  commissionPaid: number;
  totalClosedTrades: number;
  numberWinningTrades: number;
  numberLosingTrades: number;
  numberEvenTrades: number;
  percentProfitable: number;
  avgTrade: number;
  avgTradePercent: number;
  avgWinningTrade: number;
  avgWinningTradePercent: number;
  avgLosingTrade: number;
  avgLosingTradePercent: number;
  ratioAvgWinAvgLoss: number;
  largestWinningTrade: number;
  largestWinningTradePercent: number;
  largestLosingTrade: number;
  largestLosingTradePercent: number;
  avgBarsInTrades: number;
  avgBarsInWinningTrades: number;
  avgBarsInLosingTrades: number;
  maxContractsHeld: number;
}

export interface PerformanceSummary {
  all: SideSummary;
  long: SideSummary;
  short: SideSummary;
  initialCapital: number;
  openPnl: number;
  openPnlPercent: number;
  maxRunup: number;
  maxRunupPercent: number;
  maxDrawdown: number;
  maxDrawdownPercent: number;
  buyAndHoldReturn: number;
  buyAndHoldReturnPercent: number;
  sharpeRatio: number;
  sortinoRatio: number;
  marginCalls: number;
}

const mean = (xs: readonly number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);

function side(trades: readonly ClosedTrade[], capital: number, commission: number, maxContracts: number): SideSummary {
  const wins = trades.filter((t) => t.profit > 0);
  const losses = trades.filter((t) => t.profit < 0);
  const gp = wins.reduce((s, t) => s + t.profit, 0);
  const gl = -losses.reduce((s, t) => s + t.profit, 0);
  const net = gp - gl;
  const n = trades.length;
  const bars = (ts: readonly ClosedTrade[]): number => mean(ts.map((t) => t.exitBar - t.entryBar));
  const avgWin = wins.length ? gp / wins.length : NaN;
  const avgLoss = losses.length ? gl / losses.length : NaN;
  const maxBy = (f: (t: ClosedTrade) => number, ts: readonly ClosedTrade[]): ClosedTrade | undefined =>
    ts.reduce<ClosedTrade | undefined>((best, t) => (best === undefined || f(t) > f(best) ? t : best), undefined);
  const bestWin = maxBy((t) => t.profit, wins);
  const worstLoss = maxBy((t) => -t.profit, losses);
  return {
    netProfit: net, netProfitPercent: (net / capital) * 100,
    grossProfit: gp, grossProfitPercent: (gp / capital) * 100,
    grossLoss: gl, grossLossPercent: (gl / capital) * 100,
    profitFactor: gl > 0 ? gp / gl : NaN,
    commissionPaid: commission,
    totalClosedTrades: n, numberWinningTrades: wins.length, numberLosingTrades: losses.length,
    numberEvenTrades: n - wins.length - losses.length,
    percentProfitable: n ? (wins.length / n) * 100 : NaN,
    avgTrade: n ? net / n : NaN, avgTradePercent: mean(trades.map((t) => t.profitPercent)),
    avgWinningTrade: avgWin, avgWinningTradePercent: mean(wins.map((t) => t.profitPercent)),
    avgLosingTrade: avgLoss, avgLosingTradePercent: mean(losses.map((t) => -t.profitPercent)),
    ratioAvgWinAvgLoss: avgWin / avgLoss,
    largestWinningTrade: bestWin?.profit ?? NaN, largestWinningTradePercent: bestWin?.profitPercent ?? NaN,
    largestLosingTrade: worstLoss ? -worstLoss.profit : NaN, largestLosingTradePercent: worstLoss ? -worstLoss.profitPercent : NaN,
    avgBarsInTrades: bars(trades), avgBarsInWinningTrades: bars(wins), avgBarsInLosingTrades: bars(losses),
    maxContractsHeld: maxContracts,
  };
}

/**
 * Period returns of mark-to-market equity for Sharpe/Sortino: monthly (equity at each calendar month's last
 * bar) when the tested span is at least 3 months, else daily; the first return is measured from the
 * initial capital.
 */
export function periodReturns(b: Broker): { returns: number[]; periodsPerYear: number } {
  const { time, equity } = b.series;
  const tz = b.syminfo.timezone;
  const span = time.length ? time[time.length - 1]! - time[0]! : 0;
  const monthly = span >= 90 * 86_400_000;
  const key = monthly ? (ms: number) => monthKey(ms, tz) : (ms: number) => dayKey(ms, tz);
  const ends: number[] = [];
  for (let i = 0; i < time.length; i++) {
    if (equity[i] === undefined) continue;
    const last = i === time.length - 1 || key(time[i + 1]!) !== key(time[i]!);
    if (last) ends.push(equity[i]!);
  }
  const returns: number[] = [];
  let prev = b.settings.initialCapital;
  for (const e of ends) {
    returns.push(prev !== 0 ? (e - prev) / prev : 0);
    prev = e;
  }
  return { returns, periodsPerYear: monthly ? 12 : 365 };
}

/** TradingView's Sharpe and Sortino: not annualised, population deviation, RFR converted to the period. */
export function sharpeSortino(returns: readonly number[], riskFreeRate: number, periodsPerYear: number): { sharpe: number; sortino: number } {
  if (returns.length < 2) return { sharpe: 0, sortino: 0 };
  const rf = riskFreeRate / 100 / periodsPerYear;
  const mr = mean(returns);
  const sd = Math.sqrt(mean(returns.map((r) => (r - mr) ** 2)));
  const dd = Math.sqrt(mean(returns.map((r) => Math.min(0, r - rf) ** 2)));
  return { sharpe: sd > 0 ? (mr - rf) / sd : NaN, sortino: dd > 0 ? (mr - rf) / dd : NaN };
}

export function performanceSummary(b: Broker): PerformanceSummary {
  const capital = b.settings.initialCapital;
  const closed = b.closedTrades;
  const long = closed.filter((t) => t.direction === 'long');
  const short = closed.filter((t) => t.direction === 'short');
  const comm = (ts: readonly ClosedTrade[]): number => ts.reduce((s, t) => s + t.commission, 0);
  const openComm = b.openTrades.reduce((s, t) => s + t.entryCommission, 0);
  const openPnl = b.openProfitAt(b.lastClose);
  const first = closed[0] ?? b.openTrades[0];
  let bh = NaN;
  if (first && b.lastClose === b.lastClose) {
    // All initial capital buys the symbol at the first trade's entry and holds it to the last close.
    const qty = capital / b.toAccount(first.entryPrice * b.syminfo.pointvalue, first.entryTime);
    bh = b.toAccount(qty * (b.lastClose - first.entryPrice) * b.syminfo.pointvalue, b.lastBarTime);
  }
  const { returns, periodsPerYear } = periodReturns(b);
  const { sharpe, sortino } = sharpeSortino(returns, b.settings.riskFreeRate, periodsPerYear);
  return {
    all: side(closed, capital, comm(closed) + openComm, b.maxContractsHeld.all),
    long: side(long, capital, comm(long) + b.openTrades.filter((t) => t.direction === 'long').reduce((s, t) => s + t.entryCommission, 0), b.maxContractsHeld.long),
    short: side(short, capital, comm(short) + b.openTrades.filter((t) => t.direction === 'short').reduce((s, t) => s + t.entryCommission, 0), b.maxContractsHeld.short),
    initialCapital: capital,
    openPnl, openPnlPercent: (openPnl / capital) * 100,
    maxRunup: b.maxRunup, maxRunupPercent: b.maxRunupPercent,
    maxDrawdown: b.maxDrawdown, maxDrawdownPercent: b.maxDrawdownPercent,
    buyAndHoldReturn: bh, buyAndHoldReturnPercent: (bh / capital) * 100,
    sharpeRatio: sharpe, sortinoRatio: sortino,
    marginCalls: b.marginCalls,
  };
}
