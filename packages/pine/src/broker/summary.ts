// Performance Summary (Strategy Tester "Performance" tab), computed after the run from what the broker
// produced. Definitions: shared/docs/pine-strategy-semantics.md §5 and docs/METRICS.md.
import type { Broker } from './broker.js';
import { LocalCalendar } from './time-format.js';
import type { ClosedTrade } from './trades.js';
import { blankClosedTrade } from './closed-trades.js';

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

/**
 * One side's (all, long or short) running totals over the closed trades, filled in a single pass: a run can
 * close hundreds of thousands of trades, and every extra pass over them is a full round of cache misses.
 * Each sum adds the trades in closing order, as a reduce over the side's filtered list would.
 */
class SideTotals {
  n = 0;
  wins = 0;
  losses = 0;
  /** Σ profit of winning trades. */
  winSum = 0;
  /** Σ profit of losing trades (negative). */
  lossSum = 0;
  commission = 0;
  pctSum = 0;
  winPctSum = 0;
  /** Σ −profitPercent of losing trades. */
  lossPctSum = 0;
  barsSum = 0;
  winBarsSum = 0;
  lossBarsSum = 0;
  /** Profit and profit % of the first trade with the largest profit / the first with the largest loss
   *  (copied: add() may be handed one object refilled per trade). */
  bestWinProfit = NaN;
  bestWinPercent = NaN;
  worstLossProfit = NaN;
  worstLossPercent = NaN;

  add(t: ClosedTrade): void {
    const bars = t.exitBar - t.entryBar;
    this.n++;
    this.commission += t.commission;
    this.pctSum += t.profitPercent;
    this.barsSum += bars;
    if (t.profit > 0) {
      this.wins++;
      this.winSum += t.profit;
      this.winPctSum += t.profitPercent;
      this.winBarsSum += bars;
      if (this.bestWinProfit !== this.bestWinProfit || t.profit > this.bestWinProfit) {
        this.bestWinProfit = t.profit;
        this.bestWinPercent = t.profitPercent;
      }
    } else if (t.profit < 0) {
      this.losses++;
      this.lossSum += t.profit;
      this.lossPctSum += -t.profitPercent;
      this.lossBarsSum += bars;
      if (this.worstLossProfit !== this.worstLossProfit || -t.profit > -this.worstLossProfit) {
        this.worstLossProfit = t.profit;
        this.worstLossPercent = t.profitPercent;
      }
    }
  }

  summary(capital: number, openCommission: number, maxContracts: number): SideSummary {
    const avg = (sum: number, count: number): number => (count ? sum / count : NaN);
    const { n, wins, losses } = this;
    const gp = this.winSum;
    const gl = -this.lossSum;
    const net = gp - gl;
    const avgWin = wins ? gp / wins : NaN;
    const avgLoss = losses ? gl / losses : NaN;
    return {
      netProfit: net, netProfitPercent: (net / capital) * 100,
      grossProfit: gp, grossProfitPercent: (gp / capital) * 100,
      grossLoss: gl, grossLossPercent: (gl / capital) * 100,
      profitFactor: gl > 0 ? gp / gl : NaN,
      commissionPaid: this.commission + openCommission,
      totalClosedTrades: n, numberWinningTrades: wins, numberLosingTrades: losses,
      numberEvenTrades: n - wins - losses,
      percentProfitable: n ? (wins / n) * 100 : NaN,
      avgTrade: n ? net / n : NaN, avgTradePercent: avg(this.pctSum, n),
      avgWinningTrade: avgWin, avgWinningTradePercent: avg(this.winPctSum, wins),
      avgLosingTrade: avgLoss, avgLosingTradePercent: avg(this.lossPctSum, losses),
      ratioAvgWinAvgLoss: avgWin / avgLoss,
      largestWinningTrade: this.bestWinProfit, largestWinningTradePercent: this.bestWinPercent,
      largestLosingTrade: -this.worstLossProfit, largestLosingTradePercent: -this.worstLossPercent,
      avgBarsInTrades: avg(this.barsSum, n), avgBarsInWinningTrades: avg(this.winBarsSum, wins), avgBarsInLosingTrades: avg(this.lossBarsSum, losses),
      maxContractsHeld: maxContracts,
    };
  }
}

/**
 * Period returns of mark-to-market equity for Sharpe/Sortino: monthly (equity at each calendar month's last
 * bar) when the tested span is at least 3 months, else daily; the first return is measured from the
 * initial capital.
 */
export function periodReturns(b: Broker): { returns: number[]; periodsPerYear: number } {
  const { time, equity } = b.series;
  const span = time.length ? time[time.length - 1]! - time[0]! : 0;
  const monthly = span >= 90 * 86_400_000;
  // Period numbers instead of date strings: one cached calendar lookup per bar, no formatting.
  const cal = new LocalCalendar(b.syminfo.timezone);
  const n = time.length;
  const ends: number[] = [];
  let period = n ? (monthly ? cal.monthOf(time[0]!) : cal.dayOf(time[0]!)) : NaN;
  for (let i = 0; i < n; i++) {
    const next = i + 1 < n ? (monthly ? cal.monthOf(time[i + 1]!) : cal.dayOf(time[i + 1]!)) : NaN;
    // A bar never marked (time NaN) has no equity; a bar is its period's last when the next differs.
    if (time[i] === time[i] && (i === n - 1 || !samePeriod(next, period))) ends.push(equity[i]!);
    period = next;
  }
  const returns: number[] = [];
  let prev = b.settings.initialCapital;
  for (const e of ends) {
    returns.push(prev !== 0 ? (e - prev) / prev : 0);
    prev = e;
  }
  return { returns, periodsPerYear: monthly ? 12 : 365 };
}

/** Period numbers are NaN for unknown times; two unknowns count as the same period (as their empty keys did). */
const samePeriod = (a: number, b: number): boolean => a === b || (a !== a && b !== b);

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
  const closed = b.closedStore;
  const all = new SideTotals();
  const long = new SideTotals();
  const short = new SideTotals();
  const t = blankClosedTrade();
  for (let i = 0; i < closed.length; i++) {
    closed.read(i, t);
    all.add(t);
    if (t.direction === 'long') long.add(t);
    else if (t.direction === 'short') short.add(t);
  }
  // Open trades have paid their entry commission already.
  let openComm = 0;
  let openCommLong = 0;
  let openCommShort = 0;
  for (const t of b.openTrades) {
    openComm += t.entryCommission;
    if (t.direction === 'long') openCommLong += t.entryCommission;
    else if (t.direction === 'short') openCommShort += t.entryCommission;
  }
  const openPnl = b.openProfitAt(b.lastClose);
  const first = closed.length > 0 ? closed.read(0, t) : b.openTrades[0];
  let bh = NaN;
  if (first && b.lastClose === b.lastClose) {
    // All initial capital buys the symbol at the first trade's entry and holds it to the last close.
    const qty = capital / b.toAccount(first.entryPrice * b.syminfo.pointvalue, first.entryTime);
    bh = b.toAccount(qty * (b.lastClose - first.entryPrice) * b.syminfo.pointvalue, b.lastBarTime);
  }
  const { returns, periodsPerYear } = periodReturns(b);
  const { sharpe, sortino } = sharpeSortino(returns, b.settings.riskFreeRate, periodsPerYear);
  return {
    all: all.summary(capital, openComm, b.maxContractsHeld.all),
    long: long.summary(capital, openCommLong, b.maxContractsHeld.long),
    short: short.summary(capital, openCommShort, b.maxContractsHeld.short),
    initialCapital: capital,
    openPnl, openPnlPercent: (openPnl / capital) * 100,
    maxRunup: b.maxRunup, maxRunupPercent: b.maxRunupPercent,
    maxDrawdown: b.maxDrawdown, maxDrawdownPercent: b.maxDrawdownPercent,
    buyAndHoldReturn: bh, buyAndHoldReturnPercent: (bh / capital) * 100,
    sharpeRatio: sharpe, sortinoRatio: sortino,
    marginCalls: b.marginCalls,
  };
}
