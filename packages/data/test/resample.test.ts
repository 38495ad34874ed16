// The pure resampler: bucket boundaries checked against TradingView's own timeframe.change exports
// on every row, and aggregation checked against an independent computation on real data.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MARKET_DIR, TV_DIR } from '../../../test-support/shared.js';
import { parseOhlcvCsv } from '../src/csv/parse-csv.js';
import { bucketFunction, resample } from '../src/resample.js';

function load(path: string, timezone?: string) {
  const text = readFileSync(path, 'utf8');
  return { text, bars: parseOhlcvCsv(text, { timezone }).bars };
}

describe('bucket boundaries match TradingView timeframe.change (EURUSD, 17:00 New York trading day)', () => {
  const cases: [string, string[]][] = [
    ['timeframe.csv', ['15', '240', 'D', '2D', 'W', '3W', 'M']],
    ['timeframe2.csv', ['3D', '7D', '5W', '7W', '1M', '3M']],
  ];
  for (const [file, tfs] of cases) {
    const { text, bars } = load(join(TV_DIR, 'base/data', file));
    const lines = text.trim().split('\n');
    const header = lines[0]!.split(',');
    it.each(tfs)(`${file} %s on every row`, (tf) => {
      const col = header.indexOf(`tf_change_${tf}`);
      expect(col).toBeGreaterThan(0);
      const bucketOf = bucketFunction(tf, { timezone: 'America/New_York', dayStart: '17:00' });
      const mismatches: string[] = [];
      for (let i = 1; i < bars.length; i++) {
        const expected = Number(lines[i + 1]!.split(',')[col]) !== 0;
        const got = bucketOf(bars.time[i]!) !== bucketOf(bars.time[i - 1]!);
        if (expected !== got) mismatches.push(lines[i + 1]!.slice(0, 25));
      }
      expect(mismatches).toEqual([]);
    });
  }
});

/** Straightforward reference aggregation keyed by a bucket function. */
function reference(bars: ReturnType<typeof load>['bars'], key: (t: number) => number) {
  const out = new Map<number, number[]>();
  for (let i = 0; i < bars.length; i++) {
    const k = key(bars.time[i]!);
    const b = out.get(k);
    if (!b) out.set(k, [bars.open[i]!, bars.high[i]!, bars.low[i]!, bars.close[i]!, bars.volume[i]!]);
    else {
      b[1] = Math.max(b[1]!, bars.high[i]!);
      b[2] = Math.min(b[2]!, bars.low[i]!);
      b[3] = bars.close[i]!;
      b[4] = b[4]! + bars.volume[i]!;
    }
  }
  return out;
}

describe('aggregation', () => {
  it('SPY 1m → 5 and 60 (clock-aligned, extended hours kept)', () => {
    const { bars } = load(join(MARKET_DIR, 'spy_1m_2013-10_lean.csv'));
    for (const [tf, ms] of [['5', 300_000], ['60', 3_600_000]] as const) {
      const r = resample(bars, tf, { timezone: 'America/New_York' });
      const ref = reference(bars, (t) => t - (t % ms));
      expect(r.length).toBe(ref.size);
      let i = 0;
      for (const [k, v] of ref) {
        expect([r.time[i], r.open[i], r.high[i], r.low[i], r.close[i], r.volume[i]]).toEqual([k, ...v]);
        i++;
      }
    }
  });

  it('SPY hourly → D reproduces the LEAN daily bars', () => {
    const hourly = load(join(MARKET_DIR, 'spy_1h_1998-2021_lean.csv')).bars;
    const daily = load(join(MARKET_DIR, 'spy_1d_1998-2021_lean.csv'), 'America/New_York').bars;
    const r = resample(hourly, 'D', { timezone: 'America/New_York' });
    expect(r.length).toBe(daily.length);
    expect(Array.from(r.time)).toEqual(Array.from(daily.time)); // midnight New York labels
    let highLowClose = 0;
    for (let i = 0; i < r.length; i++) {
      if (r.high[i] === daily.high[i] && r.low[i] === daily.low[i] && r.close[i] === daily.close[i]) highLowClose++;
    }
    // LEAN's daily file is built from the same trades; a handful of days differ by a print.
    expect(highLowClose / r.length).toBeGreaterThan(0.97);
  });

  it('BTC hourly → W anchored Monday 00:00 UTC and M on calendar months', () => {
    const { bars } = load(join(MARKET_DIR, 'btcusd_1h_2017-2019_coinbase_cdd.csv'));
    const w = resample(bars, 'W');
    for (let i = 0; i < w.length; i++) expect(new Date(w.time[i]!).getUTCDay()).toBe(1);
    expect(new Date(w.time[1]!).toISOString()).toBe('2017-07-03T00:00:00.000Z');
    const m = resample(bars, 'M');
    expect(new Date(m.time[0]!).toISOString()).toBe('2017-07-01T00:00:00.000Z');
    expect(new Date(m.time[1]!).toISOString()).toBe('2017-08-01T00:00:00.000Z');
    const ref = reference(bars, (t) => {
      const d = new Date(t);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    });
    expect(m.length).toBe(ref.size);
    expect(m.high[5]).toBe([...ref.values()][5]![1]);
    expect(m.volume[5]).toBeCloseTo([...ref.values()][5]![4]!, 6);
  });

  it('session-aware days: a 17:00 New York day labels the evening session with the next date', () => {
    const { bars } = load(join(TV_DIR, 'strategies/ohlcv/EURUSD_60_2022-01-02_2025-09-12.csv'));
    const d = resample(bars, 'D', { timezone: 'America/New_York', dayStart: '17:00' });
    expect(new Date(d.time[0]!).toISOString()).toBe('2022-01-02T22:00:00.000Z'); // Sun 17:00 EST
    expect(new Date(d.time[1]!).toISOString()).toBe('2022-01-03T22:00:00.000Z');
    // Across the March DST change the day still starts at 17:00 local.
    const march = Array.from(d.time).find((t) => t >= Date.UTC(2022, 2, 14) && t < Date.UTC(2022, 2, 15));
    expect(new Date(march!).toISOString()).toBe('2022-03-14T21:00:00.000Z');
    const h4 = resample(bars, '240', { timezone: 'America/New_York', dayStart: '17:00' });
    expect(new Date(h4.time[1]!).toISOString()).toBe('2022-01-03T02:00:00.000Z'); // 21:00 EST
  });

  it('handles empty input, NaN volumes and rejects unsorted bars', () => {
    const empty = resample({ length: 0, time: new Float64Array(), open: new Float64Array(), high: new Float64Array(), low: new Float64Array(), close: new Float64Array(), volume: new Float64Array() }, 'D');
    expect(empty.length).toBe(0);
    const mk = (times: number[], vol: number[]) => ({
      length: times.length,
      time: Float64Array.from(times),
      open: Float64Array.from(times.map(() => 1)),
      high: Float64Array.from(times.map(() => 2)),
      low: Float64Array.from(times.map(() => 0)),
      close: Float64Array.from(times.map(() => 1)),
      volume: Float64Array.from(vol),
    });
    const r = resample(mk([0, 60_000, 120_000], [NaN, 5, NaN]), '5');
    expect(r.volume[0]).toBe(5);
    expect(resample(mk([0, 60_000], [NaN, NaN]), '5').volume[0]).toBeNaN();
    expect(() => resample(mk([600_000, 0], [1, 1]), '5')).toThrow(/ascending/);
  });
});
