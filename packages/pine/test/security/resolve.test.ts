// Resolving requests: data providers, inherited symbol/timeframe, aggregation from the coarsest finer
// data on offer, missing data, nested hosts, lower-timeframe requests on real data.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PineRuntimeError } from '../../src/core/errors.js';
import { defaultSymbolInfo } from '../../src/core/symbol.js';
import { aggregateBars, barCloseTimes, canAggregate, InMemoryDataProvider, SecurityEngine } from '../../src/security/index.js';
import { csvBars, groupBy, loadSyminfo, MARKET_DIR, nyDate } from './helpers.js';

const spySym = loadSyminfo('advance_decline_ratio.toml'); // BATS:SPY
const hourly = csvBars(join(MARKET_DIR, 'spy_1h_1998-2021_lean.csv'));
const daily = aggregateBars(hourly, barCloseTimes(hourly, spySym, '60'), spySym, 'D');

describe('InMemoryDataProvider and context resolution', () => {
  const provider = new InMemoryDataProvider().add('BATS:SPY', '60', { bars: hourly, syminfo: spySym });

  it('matches "D" with "1D" and a bare ticker with a stored prefixed symbol', () => {
    expect(provider.getBars({ symbol: 'bats:spy', timeframe: '60' })?.bars).toBe(hourly);
    expect(provider.getBars({ symbol: 'SPY', timeframe: '60' })?.bars).toBe(hourly);
    expect(provider.getBars({ symbol: 'NASDAQ:SPY', timeframe: '60' })).toBeUndefined();
    expect(provider.timeframes('SPY')).toEqual(['60']);
  });

  it('missing data is a PineRuntimeError naming the symbol and timeframe', () => {
    const engine = new SecurityEngine({ bars: daily.bars, syminfo: spySym, timeframe: 'D' }, { provider });
    const attempt = () => engine.resolve('NYSE:IBM', '60');
    expect(attempt).toThrow(PineRuntimeError);
    expect(attempt).toThrow(/"NYSE:IBM".*"60"/);
    // No finer data for the chart symbol either: a lower timeframe needs the provider.
    const bare = new SecurityEngine({ bars: daily.bars, syminfo: spySym, timeframe: 'D' });
    expect(() => bare.resolve('', '30')).toThrow(/"BATS:SPY".*"30"/);
    expect(bare.tryResolve('', '30')).toBeUndefined();
  });

  it('"" inherits symbol and timeframe; naming the chart on its timeframe is the chart itself', () => {
    const engine = new SecurityEngine({ bars: hourly, syminfo: spySym, timeframe: '60' });
    const self = engine.resolve('', '');
    expect(self.origin).toBe('host');
    expect(engine.isHost(self)).toBe(true);
    expect(engine.resolve('BATS:SPY', '60').bars).toBe(hourly);
    const same = engine.mapNumbers(self, hourly.close);
    expect(Array.from(same)).toEqual(Array.from(hourly.close));
    // syminfo/timeframe of a context reflect the request.
    const d = engine.resolve('SPY', '1D');
    expect(d.syminfo.period).toBe('1D');
    expect(d.syminfo.ticker).toBe('SPY');
    expect(d.key).toBe('BATS:SPY|1D');
    expect(engine.resolve('BATS:SPY', 'D')).toBe(d);
  });

  it('aggregates the coarsest finer timeframe a provider lists', () => {
    const p = new InMemoryDataProvider()
      .add('BATS:SPY', '60', { bars: hourly, syminfo: spySym })
      .add('BATS:SPY', 'D', { bars: daily.bars, syminfo: spySym });
    const crypto = defaultSymbolInfo({ prefix: 'X', ticker: 'BTC' });
    const engine = new SecurityEngine({ bars: hourly, syminfo: crypto, timeframe: '60' }, { provider: p });
    const w = engine.resolve('BATS:SPY', 'W');
    expect(w.origin).toBe('aggregated');
    expect(w.baseTimeframe).toBe('1D');
    const fromHourly = aggregateBars(hourly, barCloseTimes(hourly, spySym, '60'), spySym, 'W');
    expect(Array.from(w.bars.close)).toEqual(Array.from(fromHourly.bars.close));
    expect(Array.from(w.bars.time)).toEqual(Array.from(fromHourly.bars.time));
    expect(engine.resolve('BATS:SPY', '120').baseTimeframe).toBe('60');
  });

  it('canAggregate only accepts exact groupings', () => {
    expect(canAggregate('60', '240')).toBe(true);
    expect(canAggregate('45', '60')).toBe(false);
    expect(canAggregate('60', 'D')).toBe(true);
    expect(canAggregate('D', 'W')).toBe(true);
    expect(canAggregate('W', 'M')).toBe(false);
    expect(canAggregate('D', 'D')).toBe(false);
    expect(canAggregate('240', '60')).toBe(false);
  });
});

describe('lower timeframe on real data: SPY daily chart requesting "60"', () => {
  const provider = new InMemoryDataProvider().add('BATS:SPY', '60', { bars: hourly, syminfo: spySym });
  const engine = new SecurityEngine({ bars: daily.bars, syminfo: spySym, timeframe: 'D' }, { provider });
  const ctx = engine.resolve('', '60');
  const { ranges } = groupBy(hourly.length, (i) => nyDate(hourly.time[i]!));

  it('lookahead_off = last intrabar (the daily close), lookahead_on = first intrabar (the daily open)', () => {
    expect(engine.relation(ctx)).toBe('lower');
    const last = engine.mapNumbers(ctx, ctx.bars.close);
    const first = engine.mapNumbers(ctx, ctx.bars.open, { lookahead: true });
    expect(Array.from(last)).toEqual(ranges.map(([, b]) => hourly.close[b]));
    expect(Array.from(first)).toEqual(ranges.map(([a]) => hourly.open[a]));
  });

  it('request.security_lower_tf returns every intrabar of the day', () => {
    const arrays = engine.lowerTfArrays(ctx, ctx.bars.close);
    expect(arrays.map((a) => a.length)).toEqual(ranges.map(([a, b]) => b - a + 1));
    const k = 1234;
    expect(arrays[k]).toEqual(Array.from(hourly.close.slice(ranges[k]![0], ranges[k]![1] + 1)));
  });
});

describe('nested requests', () => {
  it('a context can host requests; the chart symbol stays resolvable from inside another symbol', () => {
    const usi = defaultSymbolInfo({ prefix: 'USI', ticker: 'ADVN.NY', timezone: 'America/New_York', openingHours: spySym.openingHours, sessionStarts: spySym.sessionStarts, sessionEnds: spySym.sessionEnds });
    const provider = new InMemoryDataProvider().add('USI:ADVN.NY', 'D', { bars: daily.bars, syminfo: usi });
    const engine = new SecurityEngine({ bars: hourly, syminfo: spySym, timeframe: '60' }, { provider });
    const outer = engine.resolve('USI:ADVN.NY', 'D');
    const inner = engine.nested(outer);
    // Inside the USI daily context, "" means USI:ADVN.NY and timeframe.period is 1D.
    expect(inner.resolve('', '')).toBe(outer);
    expect(inner.isHost(inner.resolve('', ''))).toBe(true);
    // The chart's symbol on a higher timeframe: aggregated from the chart's bars.
    const spyW = inner.resolve('BATS:SPY', 'W');
    expect(spyW.origin).toBe('aggregated');
    expect(inner.relation(spyW)).toBe('higher');
    const mapped = inner.mapNumbers(spyW, spyW.bars.close);
    expect(mapped.length).toBe(outer.bars.length);
    // The chart symbol on the chart timeframe from inside the context: lower timeframe, the chart's own bars.
    const spyH = inner.resolve('BATS:SPY', '60');
    expect(spyH.origin).toBe('chart');
    expect(Array.from(inner.mapNumbers(spyH, spyH.bars.close))).toEqual(Array.from(daily.bars.close));
  });
});
