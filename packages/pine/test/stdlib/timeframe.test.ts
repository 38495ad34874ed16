import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { barsFromCsv, call, loadSyminfo, makeContext, readCsv, setBar, stateful, TV_DIR, variable } from './helpers.js';

describe('timeframe helpers', () => {
  it('in_seconds / from_seconds and the timeframe.* variables', () => {
    const ctx = makeContext({ timeframe: 'D' });
    expect(call('timeframe.in_seconds', ctx)).toBe(86400);
    expect(call('timeframe.from_seconds', ctx, 60)).toBe('1');
    expect(call('timeframe.from_seconds', ctx, 30)).toBe('30S');
    expect(call('timeframe.from_seconds', ctx, 3 * 86400)).toBe('3D');
    expect(call('timeframe.from_seconds', ctx, 604800)).toBe('1W');
    expect(variable('timeframe.period', ctx)).toBe('1D');
    expect(variable('timeframe.isdaily', ctx)).toBe(true);
    expect(variable('timeframe.isintraday', ctx)).toBe(false);
    expect(variable('timeframe.isdwm', ctx)).toBe(true);
    expect(variable('timeframe.multiplier', ctx)).toBe(1);
    const m = makeContext({ timeframe: '240' });
    expect(variable('timeframe.period', m)).toBe('240');
    expect(variable('timeframe.isminutes', m)).toBe(true);
    expect(variable('timeframe.multiplier', m)).toBe(240);
    expect(() => call('timeframe.in_seconds', m, 'X1')).toThrow();
  });

  it('base/timeframe_is.csv', () => {
    const rows = readCsv(join(TV_DIR, 'base', 'data', 'timeframe_is.csv'));
    const ctx = makeContext();
    for (const row of rows)
      for (const tf of ['1', '5', '240', 'D', '4D', 'W', '5W', 'M', '2M'])
        expect(call('timeframe.in_seconds', ctx, tf), tf).toBe(Number(row[`in_seconds(${tf})`]));
  });
});

function runChange(file: string, chartTf: string, plots: [string, string, number][]): number {
  const rows = readCsv(join(TV_DIR, 'base', 'data', file));
  const syminfo = loadSyminfo('timeframe.toml');
  const ctx = makeContext({ syminfo, timeframe: chartTf, bars: barsFromCsv(rows) });
  const sites = plots.map(() => stateful('timeframe.change'));
  let checked = 0;
  const mismatches: string[] = [];
  rows.forEach((row, i) => {
    setBar(ctx, i);
    plots.forEach(([tf, col, code], k) => {
      const v = sites[k]!.update(i, ctx, tf) ? code : 0;
      if (v !== Number(row[col])) mismatches.push(`row ${i} ${row.time} ${col}: ${v} vs ${row[col]}`);
      checked++;
    });
  });
  expect(mismatches.slice(0, 10)).toEqual([]);
  expect(checked).toBe(rows.length * plots.length);
  return checked;
}

describe('timeframe.change against TradingView (every row)', () => {
  it('base/timeframe.csv — EURUSD 5m, US/Eastern, forex days 17:00→17:00', () => {
    const n = runChange('timeframe.csv', '5', [
      ['15', 'tf_change_15', 1],
      ['240', 'tf_change_240', 1.5],
      ['D', 'tf_change_D', 2],
      ['2D', 'tf_change_2D', 2.2],
      ['W', 'tf_change_W', 2.5],
      ['3W', 'tf_change_3W', 2.8],
      ['M', 'tf_change_M', 3],
    ]);
    expect(n).toBe(20017 * 7);
  });

  it('base/timeframe2.csv — EURUSD 240m, multi-day/week/month anchors', () => {
    const n = runChange('timeframe2.csv', '240', [
      ['3D', 'tf_change_3D', 1],
      ['7D', 'tf_change_7D', 2],
      ['5W', 'tf_change_5W', 3],
      ['7W', 'tf_change_7W', 4],
      ['M', 'tf_change_1M', 5],
      ['3M', 'tf_change_3M', 6],
    ]);
    expect(n).toBe(12021 * 6);
  });

  it('re-executing a bar gives the same answer', () => {
    const ctx = makeContext({ timeframe: '60', bars: [0, 1, 2].map((h) => ({ time: Date.UTC(2024, 0, 1, 22 + h), open: 1, high: 1, low: 1, close: 1, volume: 1 })) });
    const site = stateful('timeframe.change');
    setBar(ctx, 0);
    expect(site.update(0, ctx, 'D')).toBe(false);
    setBar(ctx, 1);
    expect(site.update(1, ctx, 'D')).toBe(false);
    setBar(ctx, 2);
    expect(site.update(2, ctx, 'D')).toBe(true);
    expect(site.update(2, ctx, 'D')).toBe(true);
  });
});

describe('time(tf) / time_close(tf) / time_tradingday on a forex chart', () => {
  it('periods follow the 17:00 New York trading day', () => {
    const t = Date.parse('2024-10-22T09:05:00-04:00');
    const ctx = makeContext({
      syminfo: loadSyminfo('timeframe.toml'),
      timeframe: '5',
      bars: [{ time: t, open: 1, high: 1, low: 1, close: 1, volume: 1 }],
    });
    setBar(ctx, 0);
    const at = (iso: string) => Date.parse(iso);
    expect(call('time', ctx, '240')).toBe(at('2024-10-22T09:00:00-04:00'));
    expect(call('time_close', ctx, '240')).toBe(at('2024-10-22T13:00:00-04:00'));
    expect(call('time', ctx, 'D')).toBe(at('2024-10-21T17:00:00-04:00'));
    expect(call('time_close', ctx, 'D')).toBe(at('2024-10-22T17:00:00-04:00'));
    expect(call('time', ctx, 'W')).toBe(at('2024-10-20T17:00:00-04:00'));
    expect(call('time_close', ctx, 'W')).toBe(at('2024-10-25T17:00:00-04:00'));
    expect(call('time', ctx, 'M')).toBe(at('2024-09-30T17:00:00-04:00'));
    expect(call('time_close', ctx, 'M')).toBe(at('2024-10-31T17:00:00-04:00'));
    expect(call('time#0', ctx, 'D', '', 0, 1)).toBe(at('2024-10-20T17:00:00-04:00'));
    expect(variable('time_tradingday', ctx)).toBe(Date.UTC(2024, 9, 22));
    expect(call('time', ctx, '')).toBe(t);
    expect(call('time_close', ctx, '')).toBe(t + 300_000);
  });

  it('time_close of the last bar before a weekend is the session close, not the next bar', () => {
    const fri = Date.parse('2024-10-25T16:00:00-04:00');
    const sun = Date.parse('2024-10-27T17:00:00-04:00');
    const bar = (time: number) => ({ time, open: 1, high: 1, low: 1, close: 1, volume: 1 });
    const ctx = makeContext({ syminfo: loadSyminfo('session.toml'), timeframe: '60', bars: [bar(fri), bar(sun)] });
    setBar(ctx, 0);
    expect(ctx.current.timeClose).toBe(sun);
    expect(variable('time_close', ctx)).toBe(Date.parse('2024-10-25T17:00:00-04:00'));
    const daily = makeContext({ syminfo: loadSyminfo('session.toml'), timeframe: 'D', bars: [bar(Date.parse('2024-10-24T17:00:00-04:00')), bar(sun)] });
    setBar(daily, 0);
    expect(variable('time_close', daily)).toBe(Date.parse('2024-10-25T17:00:00-04:00'));
  });
});
