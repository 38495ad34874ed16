import { describe, expect, it } from 'vitest';
import { parseHash } from '../src/composables/use-route.js';
import { metricsFromSummary, tradesFromRows } from '../src/local/to-run-result.js';
import { templateById } from '../src/templates/index.js';
import { runScript } from './support/pine.js';

describe('routing', () => {
  it('parses hash routes with parameters', () => {
    expect(parseHash('#/results/abc-1')).toEqual({ name: 'results', param: 'abc-1' });
    expect(parseHash('#/compare/a%2Cb')).toEqual({ name: 'compare', param: 'a,b' });
    expect(parseHash('')).toEqual({ name: 'editor', param: null });
    expect(parseHash('#/nope')).toEqual({ name: 'editor', param: null });
  });
});

describe('in-browser results', () => {
  it('converts a packages/pine run into the API result shape', () => {
    const out = runScript(templateById('ma-cross')!.source);
    const strat = out.strategy!;
    const trades = tradesFromRows(strat.trades);
    expect(trades.length).toBe(new Set(strat.trades.map((r) => r.tradeNo)).size);
    const first = trades[0]!;
    const entryRow = strat.trades.find((r) => r.tradeNo === 1 && r.type.startsWith('Entry'))!;
    const exitRow = strat.trades.find((r) => r.tradeNo === 1 && r.type.startsWith('Exit'))!;
    expect(first).toMatchObject({ id: 1, entryTime: entryRow.time, entryPrice: entryRow.price, exitPrice: exitRow.price, exitSignal: exitRow.signal, profit: exitRow.netPnl });
    const { metrics, summary } = metricsFromSummary(strat.summary);
    expect(summary.netProfit).toBeCloseTo(strat.summary.all.netProfit);
    expect(metrics.find((m) => m.key === 'percentProfitable')).toMatchObject({ unit: 'percent' });
    expect(metrics.find((m) => m.key === 'totalClosedTrades')).toMatchObject({ unit: 'count', all: strat.summary.all.totalClosedTrades });
    expect(metrics.find((m) => m.key === 'avgBarsInTrades')).toMatchObject({ unit: 'bars' });
    expect(metrics.find((m) => m.key === 'sharpeRatio')).toMatchObject({ unit: 'ratio', long: null });
  });
});
