// Converts an in-browser packages/pine run into the API's RunResult shape, so a quick local run and a
// server run render through the same results page. Mirrors the server's adapter field by field.
import type { CompiledProgram, InputDecl, PerformanceSummary, RunResult as PineRunResult, TradeListRow } from '@pineback/pine';
import type { InputSpec, MetricRow, MetricUnit, RunResult, SeriesPoint, Trade } from '../api/types.js';

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

const labelOf = (key: string): string => key.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase()).replace(/ Percent$/, ' %');

function unitOf(key: string): MetricUnit {
  if (/Percent$|^percentProfitable$/.test(key)) return 'percent';
  if (/^avgBars/.test(key)) return 'bars';
  if (/^(number|total)|Trades$|^marginCalls$|^maxContractsHeld$/.test(key)) return 'count';
  if (/Ratio$|Factor$|^ratio/.test(key)) return 'ratio';
  return 'currency';
}

const TOP_LEVEL = ['initialCapital', 'openPnl', 'openPnlPercent', 'maxRunup', 'maxRunupPercent', 'maxDrawdown', 'maxDrawdownPercent',
  'buyAndHoldReturn', 'buyAndHoldReturnPercent', 'sharpeRatio', 'sortinoRatio', 'marginCalls'] as const;

export function metricsFromSummary(p: PerformanceSummary): { metrics: MetricRow[]; summary: Record<string, number | null> } {
  const metrics: MetricRow[] = [];
  const summary: Record<string, number | null> = {};
  for (const key of Object.keys(p.all) as (keyof PerformanceSummary['all'])[]) {
    metrics.push({ key, label: labelOf(key), all: finite(p.all[key]), long: finite(p.long[key]), short: finite(p.short[key]), unit: unitOf(key) });
    summary[key] = finite(p.all[key]);
  }
  for (const key of TOP_LEVEL) {
    metrics.push({ key, label: labelOf(key), all: finite(p[key]), long: null, short: null, unit: unitOf(key) });
    summary[key] = finite(p[key]);
  }
  return { metrics, summary };
}

/** The List of Trades has an entry and an exit row per trade; the API has one record per trade. */
export function tradesFromRows(rows: readonly TradeListRow[]): Trade[] {
  const entries = new Map<number, TradeListRow>();
  const exits = new Map<number, TradeListRow>();
  for (const r of rows) (r.type.startsWith('Entry') ? entries : exits).set(r.tradeNo, r);
  const ids = [...new Set(rows.map((r) => r.tradeNo))].sort((a, b) => a - b);
  return ids.map((id) => {
    const en = entries.get(id);
    const ex = exits.get(id);
    const r = (en ?? ex)!;
    return {
      id, direction: r.type.endsWith('long') ? 'long' : 'short',
      entryTime: en?.time ?? NaN, entryPrice: en?.price ?? NaN, entrySignal: en?.signal ?? '',
      exitTime: ex?.time ?? null, exitPrice: ex?.price ?? null, exitSignal: ex?.signal ?? null,
      qty: r.qty, profit: r.netPnl, profitPercent: r.netPnlPercent, runUp: r.runup, runUpPercent: r.runupPercent,
      drawdown: r.drawdown, drawdownPercent: r.drawdownPercent, cumulativeProfit: r.cumulativePnl, cumulativeProfitPercent: r.cumulativePnlPercent,
    };
  });
}

function points(times: ArrayLike<number>, values: ArrayLike<number>): SeriesPoint[] {
  const out: SeriesPoint[] = [];
  for (let i = 0; i < values.length; i++) {
    const t = times[i];
    if (t === undefined || !Number.isFinite(t)) continue;
    out.push({ time: t, value: finite(values[i]!) });
  }
  return out;
}

export function toRunResult(out: PineRunResult, meta: { symbol: string; timeframe: string; timezone: string; barTimes: ArrayLike<number> }): RunResult {
  const strat = out.strategy;
  if (!strat) throw new Error('the script is not a strategy: backtests need strategy(...)');
  const { metrics, summary } = metricsFromSummary(strat.summary);
  const s = strat.broker.series;
  return {
    symbol: meta.symbol,
    timeframe: meta.timeframe,
    datasetHash: 'local',
    summary,
    metrics,
    trades: tradesFromRows(strat.trades),
    equity: points(s.time, s.equity),
    drawdown: points(s.time, s.drawdown),
    plots: out.plots.filter((p) => p.kind === 'plot').map((p) => ({ title: p.title, points: points(meta.barTimes, p.values) })),
    warnings: out.logs.filter((l) => l.level === 'warning').map((l) => l.message),
    currency: strat.broker.settings.currency || 'USD',
    timezone: meta.timezone,
  };
}

export function inputSpecs(program: CompiledProgram): InputSpec[] {
  return program.inputs.map((d: InputDecl, i: number) => {
    const id = d.title ?? `input ${i + 1}`;
    const spec: InputSpec = { id, title: id, type: d.kind as InputSpec['type'], default: d.defval };
    if (d.minval !== undefined) spec.min = d.minval;
    if (d.maxval !== undefined) spec.max = d.maxval;
    if (d.step !== undefined) spec.step = d.step;
    if (d.enumMembers) spec.options = d.enumMembers.map((m) => m.name);
    else if (d.options) spec.options = [...d.options];
    if (d.group !== undefined) spec.group = d.group;
    return spec;
  });
}
