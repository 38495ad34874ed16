// Session-aware days on a forex chart (CAPITALCOM:EURUSD 5m, trading days 17:00 → 16:59:50 New York):
// requests for 240, D and W checked on every chart bar against brute-force grouping with Intl.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SecurityEngine } from '../../src/security/index.js';
import { csvBars, groupBy, loadSyminfo, mondayOf, readCsv, TV_DIR } from './helpers.js';

const chart = csvBars(join(TV_DIR, 'base', 'data', 'timeframe.csv'));
const syminfo = loadSyminfo('timeframe.toml');
const n = chart.length;
const ny = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** New York wall clock of a bar: trading date (17:00 starts the next day) and minutes since 17:00. */
function clock(t: number): { tradingDate: string; sinceOpen: number } {
  const p = Object.fromEntries(ny.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
  const minutes = Number(p.hour) * 60 + Number(p.minute);
  const date = `${p.year}-${p.month}-${p.day}`;
  if (minutes >= 17 * 60) {
    const next = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    return { tradingDate: next, sinceOpen: minutes - 17 * 60 };
  }
  return { tradingDate: date, sinceOpen: minutes + 7 * 60 };
}

const clocks = Array.from(chart.time, clock);

function expectLookaheadOff(keyOf: (i: number) => string, tf: string) {
  const engine = new SecurityEngine({ bars: chart, syminfo, timeframe: '5' });
  const ctx = engine.resolve('', tf);
  const got = engine.mapNumbers(ctx, ctx.bars.close);
  const gotGaps = engine.mapNumbers(ctx, ctx.bars.close, { gaps: true });
  const { group, ranges } = groupBy(n, keyOf);
  expect(ctx.bars.length, tf).toBe(ranges.length);
  // The data ends mid-session: the last period is still forming (its last bar is not the 16:55 bar).
  const lastComplete = clocks[n - 1]!.sinceOpen === 23 * 60 + 55;
  expect(lastComplete).toBe(false);
  const bad: string[] = [];
  for (let i = 0; i < n; i++) {
    const g = group[i]!;
    const last = ranges[g]![1];
    const here = i === last && (g < ranges.length - 1 || lastComplete);
    const want = here ? chart.close[last]! : g > 0 ? chart.close[ranges[g - 1]![1]]! : NaN;
    if (!Object.is(got[i], want) || !Object.is(gotGaps[i], here ? want : NaN)) bad.push(`${tf} ${i} ${new Date(chart.time[i]!).toISOString()}`);
  }
  expect(bad.slice(0, 5)).toEqual([]);
}

describe('EURUSD 5m → 240 / D / W (17:00 New York trading days), every chart bar', () => {
  it('D: the day closes with the 16:55 bar; the Sunday 17:00 session belongs to Monday', () => {
    expectLookaheadOff((i) => clocks[i]!.tradingDate, 'D');
  });
  it('240: periods anchored at 17:00 (17, 21, 01, 05, 09, 13)', () => {
    expectLookaheadOff((i) => `${clocks[i]!.tradingDate} ${Math.floor(clocks[i]!.sinceOpen / 240)}`, '240');
  });
  it('W: Monday trading-day weeks (Sunday 17:00 → Friday 16:59:50)', () => {
    expectLookaheadOff((i) => mondayOf(clocks[i]!.tradingDate), 'W');
  });
});

describe('multi-unit periods taken from the timeframe.change column TradingView exported', () => {
  const rows = readCsv(join(TV_DIR, 'base', 'data', 'timeframe.csv'));
  for (const [tf, column] of [
    ['2D', 'tf_change_2D'],
    ['3W', 'tf_change_3W'],
    ['M', 'tf_change_M'],
  ] as const) {
    it(`${tf}: values confirm on the last bar of each ${tf} period`, () => {
      let period = 0;
      const keys = rows.map((r) => String(Number(r[column]) !== 0 ? ++period : period));
      expectLookaheadOff((i) => keys[i]!, tf);
    });
  }
});
