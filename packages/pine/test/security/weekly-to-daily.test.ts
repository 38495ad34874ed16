// PineTS fixture: BINANCE BTCUSDC weekly chart requesting "D" close, high and close[1] (gaps_off,
// lookahead_off). TradingView's values: the last daily bar of each week (Sunday) and, for close[1],
// the daily context's previous close (Saturday).
import { describe, expect, it } from 'vitest';
import { defaultSymbolInfo } from '../../src/core/symbol.js';
import { InMemoryDataProvider, SecurityEngine } from '../../src/security/index.js';
import { klineBars, pinetsPath, readCsv } from './helpers.js';

describe('request.security weekly → daily (PineTS / TradingView)', () => {
  const syminfo = defaultSymbolInfo({ prefix: 'BINANCE', ticker: 'BTCUSDC', type: 'crypto' });
  const weekly = klineBars(pinetsPath('data', 'BTCUSDC-1w-1544400000000-1763683199000.json'));
  const daily = klineBars(pinetsPath('data', 'BTCUSDC-1d-20181215-20190601.json'));
  const provider = new InMemoryDataProvider().add('BINANCE:BTCUSDC', 'D', { bars: daily, syminfo });
  const engine = new SecurityEngine({ bars: weekly, syminfo, timeframe: 'W' }, { provider });
  const ctx = engine.resolve('BINANCE:BTCUSDC', 'D'); // syminfo.tickerid

  // The expressions as the runtime would capture them, one value per daily bar.
  const close1 = Float64Array.from(ctx.bars.close, (_, j) => (j > 0 ? ctx.bars.close[j - 1]! : NaN));
  const dc = engine.mapNumbers(ctx, ctx.bars.close);
  const dh = engine.mapNumbers(ctx, ctx.bars.high);
  const dc1 = engine.mapNumbers(ctx, close1);

  it('is a lower-timeframe request served by the provider', () => {
    expect(engine.relation(ctx)).toBe('lower');
    expect(ctx.origin).toBe('provider');
  });

  it('matches TradingView exactly on the 5 reference weeks', () => {
    const rows = readCsv(pinetsPath('expected', 'request_security_weekly_to_daily.csv'));
    expect(rows.length).toBe(5);
    for (const row of rows) {
      const i = weekly.time.indexOf(Number(row.openTime_ms));
      expect(i, row.time_utc).toBeGreaterThanOrEqual(0);
      expect(dc[i], `dc ${row.time_utc}`).toBe(Number(row.dc));
      expect(dh[i], `dh ${row.time_utc}`).toBe(Number(row.dh));
      expect(dc1[i], `dc1 ${row.time_utc}`).toBe(Number(row.dc1));
    }
  });

  it('weeks partly or not covered by the daily data: the last intrabar, then na once the daily data has ended', () => {
    expect(weekly.time[0]).toBe(Date.UTC(2018, 11, 10));
    expect(dc[0]).toBe(daily.close[1]); // only 2018-12-15 and 16 lie in the first week; Sunday is the last
    // The daily file stops in 2019-06 while the weekly chart runs to 2025: those weeks have no intrabars
    // at all (the feed has no data there), which is na rather than 2019's close carried for six years.
    const lastCovered = weekly.time.findLastIndex((t) => t <= daily.time[daily.length - 1]!);
    expect(dc[lastCovered]).toBe(daily.close[daily.length - 1]);
    const last = weekly.length - 1;
    expect(lastCovered).toBeLessThan(last);
    expect(dc[lastCovered + 1]).toBeNaN();
    expect(dc[last]).toBeNaN();
    expect(engine.mapNumbers(ctx, ctx.bars.close, { gaps: true })[last]).toBeNaN();
  });

  it('lookahead_on takes the first intrabar (Monday) of each week', () => {
    const ahead = engine.mapNumbers(ctx, ctx.bars.open, { lookahead: true });
    const i = weekly.time.indexOf(Date.UTC(2019, 0, 7));
    const monday = daily.time.indexOf(Date.UTC(2019, 0, 7));
    expect(ahead[i]).toBe(daily.open[monday]);
    expect(ahead[i]).toBe(weekly.open[i]);
  });

  it('request.security_lower_tf gives the 7 daily closes of each full week', () => {
    const arrays = engine.lowerTfArrays(ctx, ctx.bars.close);
    const i = weekly.time.indexOf(Date.UTC(2019, 0, 7));
    const monday = daily.time.indexOf(Date.UTC(2019, 0, 7));
    expect(arrays[i]).toEqual(Array.from(daily.close.slice(monday, monday + 7)));
    expect(arrays[i]![6]).toBe(dc[i]);
    expect(arrays[0]).toEqual([daily.close[0], daily.close[1]]);
    expect(arrays[weekly.length - 1]).toEqual([]);
  });
});
