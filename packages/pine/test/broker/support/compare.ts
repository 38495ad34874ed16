// The INDEX.md §4 pass rule for strategy fixtures, applied trade by trade.
import type { ClosedTrade } from '../../../src/broker/index.js';
import { formatTradeTime } from '../../../src/broker/index.js';
import type { TvTrade } from './csv.js';

export interface FixtureResult {
  expected: number;
  actual: number;
  passed: number;
  firstFailure: string | null;
  /** Trades whose Run-up and Drawdown also agree at the P&L tolerance (not part of the INDEX.md pass rule). */
  excursionsMatched: number;
  /** Trades whose Cumulative P&L agrees at the P&L tolerance (not part of the INDEX.md pass rule). */
  cumulativeMatched: number;
}

function qtyMatches(ours: number, tvText: string): boolean {
  const decimals = tvText.includes('.') ? tvText.split('.')[1]!.length : 0;
  const f = 10 ** decimals;
  const tv = Number(tvText);
  const trunc = Math.floor(ours * f + 1e-7) / f;
  const round = Math.round(ours * f) / f;
  return Math.abs(trunc - tv) < 1e-9 || Math.abs(round - tv) < 1e-9;
}

export function compareTrades(ours: readonly ClosedTrade[], tv: readonly TvTrade[], tz: string): FixtureResult {
  let passed = 0;
  let excursionsMatched = 0;
  let cumulativeMatched = 0;
  let firstFailure: string | null = null;
  const close = (a: number, e: number): boolean => Math.abs(a - e) <= Math.max(0.006, 0.005 * Math.abs(e));
  const n = Math.min(ours.length, tv.length);
  for (let i = 0; i < n; i++) {
    const a = ours[i]!;
    const e = tv[i]!;
    const got = {
      direction: a.direction,
      entrySignal: a.entryComment || a.entryId,
      exitSignal: a.exitComment || a.exitId,
      entryTime: formatTradeTime(a.entryTime, tz),
      exitTime: formatTradeTime(a.exitTime, tz),
    };
    const problems: string[] = [];
    for (const k of Object.keys(got) as (keyof typeof got)[]) if (got[k] !== e[k]) problems.push(`${k} ${got[k]} != ${e[k]}`);
    if (Math.abs(a.entryPrice - e.entryPrice) >= 1e-9) problems.push(`entryPrice ${a.entryPrice} != ${e.entryPrice}`);
    if (Math.abs(a.exitPrice - e.exitPrice) >= 1e-9) problems.push(`exitPrice ${a.exitPrice} != ${e.exitPrice}`);
    if (!qtyMatches(a.qty, e.qty)) problems.push(`qty ${a.qty} != ${e.qty}`);
    if (Math.abs(a.profit - e.netPnl) > Math.max(0.006, 0.005 * Math.abs(e.netPnl))) problems.push(`pnl ${a.profit} != ${e.netPnl}`);
    if (Math.abs(a.profitPercent - e.netPnlPct) >= 0.01 + 1e-9) problems.push(`pnl% ${a.profitPercent} != ${e.netPnlPct}`);
    if (close(a.maxRunup, e.runup) && close(-a.maxDrawdown, e.drawdown)) excursionsMatched++;
    if (close(a.cumulativeProfit, e.cumulative)) cumulativeMatched++;
    if (problems.length === 0) passed++;
    else firstFailure ??= `trade #${e.num}: ${problems.join('; ')}`;
  }
  if (ours.length !== tv.length) firstFailure ??= `closed trades ${ours.length} != ${tv.length}`;
  return { expected: tv.length, actual: ours.length, passed, firstFailure, excursionsMatched, cumulativeMatched };
}
