// The PineBack metric grid shown on every result page. Each definition is written in docs/METRICS.md;
// keep the two in step.
import type { Broker } from './broker.js';

export interface PinebackMetrics {
  netProfit: number;
  netProfitPercent: number;
  cagrPercent: number;
  annualisedVolatilityPercent: number;
  maxDrawdown: number;
  maxDrawdownPercent: number;
  sharpe: number;
  sortino: number;
  profitFactor: number;
  expectancy: number;
  totalTrades: number;
  winRatePercent: number;
  bestTrade: number;
  worstTrade: number;
  avgWinningTrade: number;
  avgLosingTrade: number;
  /** Milliseconds from entry fill bar to exit fill bar. */
  avgWinDurationMs: number;
  avgLossDurationMs: number;
}

const YEAR_MS = 365.25 * 86_400_000;
const mean = (xs: readonly number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);

export function pinebackMetrics(b: Broker): PinebackMetrics {
  const capital = b.settings.initialCapital;
  const trades = b.closedTrades;
  const wins = trades.filter((t) => t.profit > 0);
  const losses = trades.filter((t) => t.profit < 0);
  const gp = wins.reduce((s, t) => s + t.profit, 0);
  const gl = -losses.reduce((s, t) => s + t.profit, 0);
  const net = gp - gl;

  const { time, equity } = b.series;
  const n = equity.length;
  const spanMs = n > 1 ? time[n - 1]! - time[0]! : 0;
  const years = spanMs / YEAR_MS;
  const finalEquity = n ? equity[n - 1]! : capital;
  const cagr = years > 0 && finalEquity > 0 ? ((finalEquity / capital) ** (1 / years) - 1) * 100 : NaN;

  // Bar-to-bar returns of close-marked equity, the first one from the initial capital.
  const rets: number[] = [];
  let prev = capital;
  for (let i = 0; i < n; i++) {
    const e = equity[i]!;
    rets.push(prev !== 0 ? e / prev - 1 : 0);
    prev = e;
  }
  const periodsPerYear = years > 0 ? (n - 1) / years : NaN;
  const m = mean(rets);
  const sd = rets.length > 1 ? Math.sqrt(rets.reduce((s, r) => s + (r - m) ** 2, 0) / (rets.length - 1)) : NaN;
  const rfPer = b.settings.riskFreeRate / 100 / periodsPerYear;
  const downside = Math.sqrt(mean(rets.map((r) => Math.min(0, r - rfPer) ** 2)));

  let peak = capital;
  let maxDd = 0;
  let maxDdPct = 0;
  for (let i = 0; i < n; i++) {
    if (time[i] !== time[i]) continue; // a bar never marked
    const e = equity[i]!;
    peak = Math.max(peak, e);
    maxDd = Math.max(maxDd, peak - e);
    if (peak > 0) maxDdPct = Math.max(maxDdPct, ((peak - e) / peak) * 100);
  }

  return {
    netProfit: net,
    netProfitPercent: (net / capital) * 100,
    cagrPercent: cagr,
    annualisedVolatilityPercent: sd * Math.sqrt(periodsPerYear) * 100,
    maxDrawdown: maxDd,
    maxDrawdownPercent: maxDdPct,
    sharpe: sd > 0 ? ((m - rfPer) / sd) * Math.sqrt(periodsPerYear) : NaN,
    sortino: downside > 0 ? ((m - rfPer) / downside) * Math.sqrt(periodsPerYear) : NaN,
    profitFactor: gl > 0 ? gp / gl : gp > 0 ? Infinity : NaN,
    expectancy: trades.length ? net / trades.length : NaN,
    totalTrades: trades.length,
    winRatePercent: trades.length ? (wins.length / trades.length) * 100 : NaN,
    bestTrade: trades.length ? trades.reduce((x, t) => Math.max(x, t.profit), -Infinity) : NaN,
    worstTrade: trades.length ? trades.reduce((x, t) => Math.min(x, t.profit), Infinity) : NaN,
    avgWinningTrade: wins.length ? gp / wins.length : NaN,
    avgLosingTrade: losses.length ? -gl / losses.length : NaN,
    avgWinDurationMs: mean(wins.map((t) => t.exitTime - t.entryTime)),
    avgLossDurationMs: mean(losses.map((t) => t.exitTime - t.entryTime)),
  };
}
