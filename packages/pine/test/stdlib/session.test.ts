import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { barsFromCsv, call, loadSyminfo, makeContext, readCsv, setBar, TV_DIR, variable } from './helpers.js';

describe('session strings in time(tf, session)', () => {
  it('returns na outside the session and honours day filters and overnight ranges', () => {
    const bars = [Date.UTC(2024, 0, 2, 14, 30), Date.UTC(2024, 0, 2, 21, 0), Date.UTC(2024, 0, 6, 15, 0)].map((time) => ({
      time, open: 1, high: 1, low: 1, close: 1, volume: 1,
    }));
    const ctx = makeContext({ syminfo: { timezone: 'America/New_York' }, timeframe: '30', bars });
    setBar(ctx, 0); // Tue 09:30 New York
    expect(call('time#0', ctx, '30', '0930-1600:23456')).toBe(bars[0]!.time);
    setBar(ctx, 1); // Tue 16:00 New York — end is exclusive
    expect(call('time#0', ctx, '30', '0930-1600:23456')).toBeNaN();
    expect(call('time#0', ctx, '30', '1600-0930')).toBe(bars[1]!.time);
    expect(call('time#1', ctx, '30', '2100-2200', 'UTC')).toBe(bars[1]!.time);
    setBar(ctx, 2); // Saturday
    expect(call('time#0', ctx, '30', '0930-1600:23456')).toBeNaN();
    expect(call('time#0', ctx, '30', '')).toBe(bars[2]!.time);
  });
});

describe('session.isfirstbar on the first chart bar', () => {
  it('is true only when the chart starts with the session', () => {
    const bar = (iso: string) => ({ time: Date.parse(iso), open: 1, high: 1, low: 1, close: 1, volume: 1 });
    const at = (iso: string) => {
      const ctx = makeContext({ syminfo: loadSyminfo('session.toml'), timeframe: '60', bars: [bar(iso)] });
      setBar(ctx, 0);
      return variable('session.isfirstbar', ctx);
    };
    expect(at('2025-01-06T17:00:00-05:00')).toBe(true);
    expect(at('2025-01-06T18:00:00-05:00')).toBe(false);
  });
});

describe('base/session.csv — EURUSD 60m (every row)', () => {
  it('isfirstbar(_regular), islastbar(_regular), ismarket', () => {
    const rows = readCsv(join(TV_DIR, 'base', 'data', 'session.csv'));
    const ctx = makeContext({ syminfo: loadSyminfo('session.toml'), timeframe: '60', bars: barsFromCsv(rows) });
    const cols: [string, string, number][] = [
      ['session.isfirstbar', 'isfirstbar', 1],
      ['session.isfirstbar_regular', 'isfirstbar_regular', 1.5],
      ['session.islastbar', 'islastbar', 2],
      ['session.islastbar_regular', 'islastbar_regular', 2.5],
      ['session.ismarket', 'ismarket', 3],
    ];
    const mismatches: string[] = [];
    rows.forEach((row, i) => {
      setBar(ctx, i);
      for (const [name, col, code] of cols) {
        const v = variable(name, ctx) ? code : 0;
        if (v !== Number(row[col])) mismatches.push(`row ${i} ${row.time} ${col}: ${v} vs ${row[col]}`);
      }
    });
    expect(mismatches).toEqual([]);
    expect(rows.length).toBe(465);
  });
});
