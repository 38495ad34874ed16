// Which metrics the results page shows: the 16-metric headline grid and the Performance Summary rows
// (All / Long / Short) in TradingView's order. Keys are PerformanceSummary field names.
import type { MetricRow, MetricUnit, RunResult } from '../api/types.js';

export interface MetricTile { key: string; label: string; unit: MetricUnit; value: number | null; percent?: number | null }

/** key, label, unit, and optionally the key of a companion percentage shown under the value. */
const GRID: [string, string, MetricUnit, string?][] = [
  ['netProfit', 'Net profit', 'currency', 'netProfitPercent'],
  ['grossProfit', 'Gross profit', 'currency', 'grossProfitPercent'],
  ['grossLoss', 'Gross loss', 'currency', 'grossLossPercent'],
  ['maxDrawdown', 'Max drawdown', 'currency', 'maxDrawdownPercent'],
  ['maxRunup', 'Max run-up', 'currency', 'maxRunupPercent'],
  ['buyAndHoldReturn', 'Buy & hold return', 'currency', 'buyAndHoldReturnPercent'],
  ['totalClosedTrades', 'Total closed trades', 'count'],
  ['percentProfitable', 'Percent profitable', 'percent'],
  ['profitFactor', 'Profit factor', 'ratio'],
  ['avgTrade', 'Avg trade', 'currency', 'avgTradePercent'],
  ['avgWinningTrade', 'Avg winning trade', 'currency', 'avgWinningTradePercent'],
  ['avgLosingTrade', 'Avg losing trade', 'currency', 'avgLosingTradePercent'],
  ['ratioAvgWinAvgLoss', 'Ratio avg win / avg loss', 'ratio'],
  ['sharpeRatio', 'Sharpe ratio', 'ratio'],
  ['sortinoRatio', 'Sortino ratio', 'ratio'],
  ['commissionPaid', 'Commission paid', 'currency'],
];

export function metricGrid(r: Pick<RunResult, 'summary'>): MetricTile[] {
  return GRID.map(([key, label, unit, pct]) => ({
    key, label, unit, value: r.summary[key] ?? null, ...(pct ? { percent: r.summary[pct] ?? null } : {}),
  }));
}

/** Performance Summary rows, TradingView order; rows the result lacks are skipped. */
const SUMMARY_ORDER: [string, string][] = [
  ['netProfit', 'Net profit'], ['grossProfit', 'Gross profit'], ['grossLoss', 'Gross loss'], ['commissionPaid', 'Commission paid'],
  ['buyAndHoldReturn', 'Buy & hold return'], ['maxRunup', 'Max equity run-up'], ['maxDrawdown', 'Max equity drawdown'],
  ['maxContractsHeld', 'Max contracts held'], ['openPnl', 'Open P&L'], ['sharpeRatio', 'Sharpe ratio'], ['sortinoRatio', 'Sortino ratio'],
  ['profitFactor', 'Profit factor'], ['marginCalls', 'Margin calls'], ['totalClosedTrades', 'Total closed trades'],
  ['numberWinningTrades', 'Number winning trades'], ['numberLosingTrades', 'Number losing trades'], ['numberEvenTrades', 'Number even trades'],
  ['percentProfitable', 'Percent profitable'], ['avgTrade', 'Avg trade'], ['avgWinningTrade', 'Avg winning trade'], ['avgLosingTrade', 'Avg losing trade'],
  ['ratioAvgWinAvgLoss', 'Ratio avg win / avg loss'], ['largestWinningTrade', 'Largest winning trade'], ['largestLosingTrade', 'Largest losing trade'],
  ['avgBarsInTrades', 'Avg # bars in trades'], ['avgBarsInWinningTrades', 'Avg # bars in winning trades'], ['avgBarsInLosingTrades', 'Avg # bars in losing trades'],
];

export interface SummaryRow extends MetricRow { percent: { all: number | null; long: number | null; short: number | null } | null }

export function summaryRows(metrics: readonly MetricRow[]): SummaryRow[] {
  const byKey = new Map(metrics.map((m) => [m.key, m]));
  const out: SummaryRow[] = [];
  for (const [key, label] of SUMMARY_ORDER) {
    const m = byKey.get(key);
    if (!m) continue;
    const p = byKey.get(`${key}Percent`);
    out.push({ ...m, label, percent: p ? { all: p.all, long: p.long, short: p.short } : null });
  }
  return out;
}
