// Higher-timeframe bars built from lower-timeframe data: period boundaries must be exactly where
// TradingView's timeframe.change fires (shared/refdata/tradingview/base/timeframe*.csv, every row),
// and each HTF bar must carry its open time, scheduled close and member bars.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { barColumnsFromRows } from '../../src/core/bars.js';
import { defaultSymbolInfo } from '../../src/core/symbol.js';
import { aggregateBars, barCloseTimes } from '../../src/security/index.js';
import { csvBars, loadSyminfo, readCsv, TV_DIR } from './helpers.js';

function boundaries(file: string, chartTf: string, plots: Array<[string, string]>) {
  const path = join(TV_DIR, 'base', 'data', file);
  const rows = readCsv(path);
  const bars = csvBars(path);
  const syminfo = loadSyminfo('timeframe.toml');
  const closes = barCloseTimes(bars, syminfo, chartTf);
  for (const [tf, column] of plots) {
    const agg = aggregateBars(bars, closes, syminfo, tf);
    const starts = new Set(Array.from(agg.first).slice(1));
    const fired = rows.flatMap((r, i) => (Number(r[column]) !== 0 ? [i] : []));
    expect(fired.length, tf).toBeGreaterThan(0);
    expect([...starts], `${file} ${tf}`).toEqual(fired);
    // Members tile the data and every HTF bar's OHLC comes from its members.
    const bad: number[] = [];
    for (let k = 0; k < agg.bars.length; k++) {
      const a = agg.first[k]!;
      const b = agg.end[k]!;
      let hi = -Infinity;
      let lo = Infinity;
      for (let i = a; i < b; i++) {
        hi = Math.max(hi, bars.high[i]!);
        lo = Math.min(lo, bars.low[i]!);
      }
      const ok =
        b > a &&
        (k === 0 ? a === 0 : a === agg.end[k - 1]) &&
        agg.bars.open[k] === bars.open[a] &&
        agg.bars.close[k] === bars.close[b - 1] &&
        agg.bars.high[k] === hi &&
        agg.bars.low[k] === lo &&
        agg.bars.time[k]! <= bars.time[a]! &&
        agg.closeTime[k]! > bars.time[b - 1]!;
      if (!ok) bad.push(k);
    }
    expect(bad, `${file} ${tf} members`).toEqual([]);
    expect(agg.end[agg.bars.length - 1]).toBe(bars.length);
  }
  return rows.length;
}

describe('aggregation boundaries == timeframe.change (TradingView, every row)', () => {
  it('timeframe.csv: EURUSD 5m → 15, 240, D, 2D, W, 3W, M', () => {
    const n = boundaries('timeframe.csv', '5', [
      ['15', 'tf_change_15'],
      ['240', 'tf_change_240'],
      ['D', 'tf_change_D'],
      ['2D', 'tf_change_2D'],
      ['W', 'tf_change_W'],
      ['3W', 'tf_change_3W'],
      ['M', 'tf_change_M'],
    ]);
    expect(n).toBe(20017);
  });

  it('timeframe2.csv: EURUSD 240 → 3D, 7D, 5W, 7W, M, 3M', () => {
    const n = boundaries('timeframe2.csv', '240', [
      ['3D', 'tf_change_3D'],
      ['7D', 'tf_change_7D'],
      ['5W', 'tf_change_5W'],
      ['7W', 'tf_change_7W'],
      ['M', 'tf_change_1M'],
      ['3M', 'tf_change_3M'],
    ]);
    expect(n).toBe(12021);
  });
});

describe('HTF bar open and close times', () => {
  const at = (iso: string) => Date.parse(iso);
  const path = join(TV_DIR, 'base', 'data', 'timeframe.csv');
  const bars = csvBars(path);
  const fx = loadSyminfo('timeframe.toml'); // CAPITALCOM:EURUSD, US/Eastern, 17:00 → 16:59:50 sessions
  const closes = barCloseTimes(bars, fx, '5');

  function barAt(tf: string, iso: string) {
    const agg = aggregateBars(bars, closes, fx, tf);
    const k = agg.bars.time.indexOf(at(iso));
    expect(k, `${tf} bar at ${iso}`).toBeGreaterThanOrEqual(0);
    return { agg, k };
  }

  it('forex day: opens 17:00 New York the evening before, closes at the 16:59:50 session end', () => {
    const { agg, k } = barAt('D', '2024-10-21T17:00:00-04:00');
    expect(agg.closeTime[k]).toBe(at('2024-10-22T16:59:50-04:00'));
  });

  it('forex 240: anchored at 17:00; the last period of the day closes at the session end', () => {
    const { agg, k } = barAt('240', '2024-10-22T13:00:00-04:00');
    expect(agg.closeTime[k]).toBe(at('2024-10-22T16:59:50-04:00'));
    expect(agg.bars.time[k + 1]).toBe(at('2024-10-22T17:00:00-04:00'));
    expect(barAt('240', '2024-10-22T01:00:00-04:00').agg.closeTime[barAt('240', '2024-10-22T01:00:00-04:00').k]).toBe(at('2024-10-22T05:00:00-04:00'));
  });

  it('forex week: Sunday 17:00 to Friday 16:59:50; month: from the last trading evening of the previous month', () => {
    const w = barAt('W', '2024-10-20T17:00:00-04:00');
    expect(w.agg.closeTime[w.k]).toBe(at('2024-10-25T16:59:50-04:00'));
    const m = barAt('M', '2024-10-31T17:00:00-04:00');
    expect(m.agg.closeTime[m.k]).toBe(at('2024-11-29T16:59:50-05:00'));
  });

  it('the still-forming last bar: complete only when the data reaches its scheduled close', () => {
    const d = aggregateBars(bars, closes, fx, 'D');
    const lastRow = bars.time[bars.length - 1]!;
    expect(d.lastComplete).toBe(closes[bars.length - 1]! >= d.closeTime[d.bars.length - 1]!);
    const cut = barColumnsFromRows(
      Array.from({ length: 100 }, (_, i) => ({ time: bars.time[i]!, open: bars.open[i]!, high: bars.high[i]!, low: bars.low[i]!, close: bars.close[i]!, volume: 1 })),
    );
    const partial = aggregateBars(cut, barCloseTimes(cut, fx, '5'), fx, 'W');
    expect(partial.lastComplete).toBe(false);
    expect(partial.bars.volume[partial.bars.length - 1]).toBe(partial.end[partial.bars.length - 1]! - partial.first[partial.bars.length - 1]!);
    expect(lastRow).toBeGreaterThan(0);
  });

  it('24/7 UTC market without session tables: days at 00:00 UTC, closing at the next midnight', () => {
    const hourly = barColumnsFromRows(
      Array.from({ length: 72 }, (_, h) => ({ time: Date.UTC(2024, 0, 1, h), open: h, high: h + 1, low: h - 1, close: h + 0.5, volume: 2 })),
    );
    const crypto = defaultSymbolInfo();
    const d = aggregateBars(hourly, barCloseTimes(hourly, crypto, '60'), crypto, 'D');
    expect(Array.from(d.bars.time)).toEqual([0, 1, 2].map((k) => Date.UTC(2024, 0, 1 + k)));
    expect(Array.from(d.closeTime)).toEqual([1, 2, 3].map((k) => Date.UTC(2024, 0, 1 + k)));
    expect(Array.from(d.bars.close)).toEqual([23.5, 47.5, 71.5]);
    expect(Array.from(d.bars.volume)).toEqual([48, 48, 48]);
    expect(d.lastComplete).toBe(true);
    expect(d.firstPartial).toBe(false);
  });
});

describe('partial first period', () => {
  it('is flagged only when trading happened before the first bar we have', () => {
    const spy = loadSyminfo('advance_decline_ratio.toml');
    const bar = (iso: string) => ({ time: Date.parse(iso), open: 1, high: 1, low: 1, close: 1, volume: 1 });
    const wed = barColumnsFromRows([bar('2024-06-12T09:30:00-04:00'), bar('2024-06-12T10:30:00-04:00')]);
    expect(aggregateBars(wed, barCloseTimes(wed, spy, '60'), spy, 'W').firstPartial).toBe(true);
    expect(aggregateBars(wed, barCloseTimes(wed, spy, '60'), spy, 'D').firstPartial).toBe(false);
    const late = barColumnsFromRows([bar('2024-06-12T10:30:00-04:00')]);
    expect(aggregateBars(late, barCloseTimes(late, spy, '60'), spy, 'D').firstPartial).toBe(true);
  });
});
