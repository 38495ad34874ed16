import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { barsFromCsv, call, makeContext, readCsv, setBar, stateful, TV_DIR, variable } from './helpers.js';
import { localFields, getZone } from '../../src/stdlib/timezone.js';

describe('time zones', () => {
  it('IANA offsets across DST and fixed offsets', () => {
    const ny = getZone('America/New_York');
    expect(ny.offsetAt(Date.UTC(2024, 0, 15))).toBe(-5 * 3600_000);
    expect(ny.offsetAt(Date.UTC(2024, 6, 15))).toBe(-4 * 3600_000);
    // 2024-03-10 07:00 UTC is the switch instant (02:00 EST → 03:00 EDT)
    expect(ny.offsetAt(Date.UTC(2024, 2, 10, 6, 59, 59))).toBe(-5 * 3600_000);
    expect(ny.offsetAt(Date.UTC(2024, 2, 10, 7, 0, 0))).toBe(-4 * 3600_000);
    expect(getZone('UTC+05:30').offsetAt(0)).toBe(5.5 * 3600_000);
    expect(getZone('GMT-3').offsetAt(0)).toBe(-3 * 3600_000);
    // Newfoundland changes at 02:00 local = 05:30 UTC, inside a UTC hour.
    const stj = getZone('America/St_Johns');
    expect(stj.offsetAt(Date.UTC(2024, 2, 10, 5, 29))).toBe(-3.5 * 3600_000);
    expect(stj.offsetAt(Date.UTC(2024, 2, 10, 5, 31))).toBe(-2.5 * 3600_000);
    expect(() => getZone('Not/AZone')).toThrow();
  });

  it('local fields', () => {
    const f = localFields(Date.UTC(2024, 1, 29, 23, 59, 58), getZone('Europe/Budapest'));
    expect([f.year, f.month, f.day, f.hour, f.minute, f.second, f.dayOfWeek]).toEqual([2024, 3, 1, 0, 59, 58, 6]);
  });
});

describe('timestamp forms', () => {
  it('date strings', () => {
    const ctx = makeContext();
    expect(call('timestamp#1', ctx, '2020-02-20')).toBe(Date.UTC(2020, 1, 20));
    expect(call('timestamp#1', ctx, '20 Feb 2020 15:30 +0100')).toBe(Date.UTC(2020, 1, 20, 14, 30));
    expect(call('timestamp', ctx, 2021, 13, 1)).toBe(Date.UTC(2022, 0, 1));
    expect(call('timestamp', ctx, 'UTC+2', 2021, 1, 1, 2)).toBe(Date.UTC(2021, 0, 1));
  });
});

describe('base/time.csv (BTCUSDT 5m, exchange tz UTC): every row, every column', () => {
  const rows = readCsv(join(TV_DIR, 'base', 'data', 'time.csv'));
  it('reproduces all 34 plots on all rows', () => {
    const ctx = makeContext({ syminfo: { timezone: 'UTC' }, timeframe: '5', bars: barsFromCsv(rows) });
    const M5 = 5 * 60 * 1000;
    const parts = ['dayofmonth', 'dayofweek', 'hour', 'minute', 'month', 'second', 'weekofyear', 'year'];
    let checked = 0;
    const mismatches: string[] = [];
    rows.forEach((row, i) => {
      setBar(ctx, i);
      const t = variable('time', ctx);
      const got: Record<string, number> = { 'time#2': t, 'time+': t + M5 };
      for (const p of parts) {
        got[p] = variable(p, ctx);
        got[`${p}_time`] = call(p, ctx, t + M5);
        got[`${p}_time_tz`] = call(p, ctx, t + (p === 'dayofmonth' ? 2 * M5 : M5), 'Europe/Budapest');
      }
      got['timestamp datetime 1'] = call('timestamp#3', ctx, 2016, 1, 19, 9, 30);
      got['timestamp datetime 2'] = call('timestamp#3', ctx, 2019, 6, 19, 9, 30, 15);
      got['timestamp datetime tz 1'] = call('timestamp#5', ctx, variable('syminfo.timezone', ctx), 2016, 1, 19, 9, 30);
      got['timestamp datetime tz 2'] = call('timestamp#5', ctx, 'GMT+6', 2016, 1, 19, 9, 30);
      got['timestamp datetime tz 3'] = call('timestamp#5', ctx, 'GMT+3', 2019, 6, 19, 9, 30, 15);
      got['timestamp datestr 1'] = call('timestamp#1', ctx, 'Feb 01 2020 22:10:05');
      got['timestamp datestr 2'] = call('timestamp#1', ctx, '2011-10-10T14:48:00');
      got['timestamp datestr 3'] = call('timestamp#1', ctx, '04 Dec 1995 00:12:00 GMT+5');
      for (const [col, value] of Object.entries(got)) {
        if (value !== Number(row[col])) mismatches.push(`row ${i} ${col}: ${value} vs ${row[col]}`);
        checked++;
      }
    });
    expect(mismatches.slice(0, 10)).toEqual([]);
    expect(checked).toBe(rows.length * 34);
  });
});

describe('pinets time_weekly_utc (BTCUSDC 1W, UTC)', () => {
  it('time, time_close, time_tradingday and date parts on all 12 bars', () => {
    const klines = JSON.parse(readFileSync(join(TV_DIR, 'pinets', 'data', 'BTCUSDC-1w-1544400000000-1763683199000.json'), 'utf8')) as {
      openTime: number;
      open: string;
      high: string;
      low: string;
      close: string;
      volume: string;
    }[];
    const bars = klines.map((k) => ({ time: k.openTime, open: +k.open, high: +k.high, low: +k.low, close: +k.close, volume: +k.volume }));
    const ctx = makeContext({ syminfo: { timezone: 'UTC', type: 'crypto' }, timeframe: 'W', bars });
    const rows = readCsv(join(TV_DIR, 'pinets', 'expected', 'time_weekly_utc.csv'));
    for (const row of rows) {
      const i = bars.findIndex((b) => b.time === Number(row.time));
      expect(i, row.time_utc).toBeGreaterThanOrEqual(0);
      setBar(ctx, i);
      expect(variable('time', ctx)).toBe(Number(row.time));
      expect(variable('time_close', ctx), 'time_close').toBe(Number(row.time_close));
      expect(variable('time_tradingday', ctx), 'time_tradingday').toBe(Number(row.time_tradingday));
      for (const [col, name] of [
        ['hour', 'hour'],
        ['dayofmonth', 'dayofmonth'],
        ['dayofweek', 'dayofweek'],
        ['month', 'month'],
        ['year', 'year'],
        ['weekofyear', 'weekofyear'],
      ] as const) {
        expect(variable(name, ctx), `${row.time_utc} ${col}`).toBe(Number(row[col]));
      }
      // The same close time computed without the next bar (time_close on the last bar).
      ctx.current.timeClose = NaN;
      expect(variable('time_close', ctx)).toBe(Number(row.time_close));
      expect(call('time_close', ctx, 'W')).toBe(Number(row.time_close));
      expect(call('time', ctx, 'M')).toBe(Date.UTC(new Date(Number(row.time)).getUTCFullYear(), new Date(Number(row.time)).getUTCMonth(), 1));
    }
  });
});

describe('base/na.csv: na, nz, fixnan on every row', () => {
  it('matches', () => {
    const rows = readCsv(join(TV_DIR, 'base', 'data', 'na.csv'));
    const ctx = makeContext();
    const fixnan = stateful('fixnan');
    const cell = (row: Record<string, string>, c: string) => (row[c] === 'NaN' ? NaN : Number(row[c]));
    rows.forEach((row, i) => {
      const val = i % 2 === 0 ? i : NaN;
      expect(val, `row ${i} val`).toStrictEqual(cell(row, 'val'));
      expect(call('na', ctx, val) ? 0 : 1).toBe(cell(row, 'na(val)'));
      expect(call('nz', ctx, val)).toBe(cell(row, 'nz(val)'));
      expect(call('nz', ctx, val, 2)).toBe(cell(row, 'nz(val, 2)'));
      expect(fixnan.update(i, ctx, val)).toStrictEqual(cell(row, 'fixnan(val)'));
    });
    expect(rows.length).toBe(300);
  });
});
