// Lower-timeframe requests on real data: a SPY 1h chart (autumn 2013) requesting 15 and 5 minutes of
// its own symbol, served by the real SPY 1-minute week 2013-10-04…11 (regular session) that the engine
// aggregates. Expectations are brute force over the minute file: the minutes opening inside a chart
// bar (09:30–10:00, then whole hours) are its intrabars, the last one's close is what the last
// 15-minute intrabar closes at, and the 5-minute periods they fall in are the lower_tf elements.
// Chart bars outside the minute week have no intraday data: request.security gives na there (not the
// last intrabar carried for years), request.security_lower_tf an empty array.
import { describe, expect, it } from 'vitest';
import { compile, run } from '../../src/api.js';
import type { BarColumns } from '../../src/core/bars.js';
import { InMemoryDataProvider } from '../../src/security/index.js';
import { spyBars, spySyminfo } from '../corpus/indicator-runner.js';
import { spyMinuteBars } from '../corpus/spy-minutes.js';

/** The hourly bars of September–November 2013 (the minute week sits in the middle). */
function autumn2013(): BarColumns {
  const all = spyBars();
  const from = Date.UTC(2013, 8, 1);
  const to = Date.UTC(2013, 11, 1);
  let a = 0;
  while (all.time[a]! < from) a++;
  let b = a;
  while (all.time[b]! < to) b++;
  const cut = (c: Float64Array) => c.slice(a, b);
  return { length: b - a, time: cut(all.time), open: cut(all.open), high: cut(all.high), low: cut(all.low), close: cut(all.close), volume: cut(all.volume) };
}

const chart = autumn2013();
const minutes = spyMinuteBars();
const firstMinute = minutes.time[0]!;
const lastMinute = minutes.time[minutes.length - 1]!;
const HOUR = 3_600_000;

function provider(withMinutes: boolean): InMemoryDataProvider {
  const p = new InMemoryDataProvider();
  if (withMinutes) p.add('AMEX:SPY', '1', { bars: minutes, syminfo: { ...spySyminfo(), period: '1' } });
  return p;
}

function runOnChart(source: string, withMinutes = true) {
  const c = compile(source);
  if (!c.ok || !c.program) throw new Error(c.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`).join('\n'));
  return run(c.program, chart, { syminfo: spySyminfo(), timeframe: '60', securityProvider: provider(withMinutes) });
}

/** The minutes (indices into the file) opening inside chart bar i: [open, min(open + 1h, next bar's open)). */
function minutesOf(i: number): number[] {
  const t = chart.time[i]!;
  const end = Math.min(t + HOUR, i + 1 < chart.length ? chart.time[i + 1]! : Infinity);
  const out: number[] = [];
  for (let k = 0; k < minutes.length; k++) if (minutes.time[k]! >= t && minutes.time[k]! < end) out.push(k);
  return out;
}

describe('lower-timeframe requests served by real SPY minutes', () => {
  const members = Array.from({ length: chart.length }, (_, i) => minutesOf(i));
  const inWeek = members.map((m) => m.length > 0);
  const lastClose = members.map((m) => (m.length > 0 ? minutes.close[m[m.length - 1]!]! : NaN));

  it('the minute week covers whole trading days of the chart (sanity of the two files)', () => {
    const covered = inWeek.filter(Boolean).length;
    expect(covered).toBe(6 * 7); // 2013-10-04, 07…11: seven chart bars per regular session
    expect(members.reduce((s, m) => s + m.length, 0)).toBe(minutes.length);
  });

  it('request.security on 15 minutes: the last intrabar\'s close inside the week, na outside it', () => {
    const r = runOnChart('//@version=6\nindicator("t")\nplot(request.security(syminfo.tickerid, "15", close), "c15")\n');
    const got = r.plots.find((p) => p.title === 'c15')!.values;
    const bad: string[] = [];
    for (let i = 0; i < chart.length; i++) {
      // Chart bars inside the week always hold intrabars here, so nothing is carried.
      const want = lastClose[i]!;
      if (!Object.is(got[i], want)) bad.push(`${new Date(chart.time[i]!).toISOString()}: ${got[i]} vs ${want}`);
    }
    expect(bad.slice(0, 5)).toEqual([]);
    expect(inWeek.some((w, i) => !w && chart.time[i]! < firstMinute)).toBe(true);
    expect(inWeek.some((w, i) => !w && chart.time[i]! > lastMinute)).toBe(true);
  });

  it('request.security_lower_tf on 5 minutes: one element per 5-minute period of the hour, empty outside the week', () => {
    const r = runOnChart(
      '//@version=6\nindicator("t")\na = request.security_lower_tf(syminfo.tickerid, "5", close)\n' +
        'plot(array.size(a), "n")\nplot(array.size(a) > 0 ? array.last(a) : na, "last")\n',
    );
    const size = r.plots.find((p) => p.title === 'n')!.values;
    const last = r.plots.find((p) => p.title === 'last')!.values;
    const bad: string[] = [];
    for (let i = 0; i < chart.length; i++) {
      const periods = new Set(members[i]!.map((k) => Math.floor(minutes.time[k]! / 300_000)));
      if (size[i] !== periods.size || !Object.is(last[i], lastClose[i])) {
        bad.push(`${new Date(chart.time[i]!).toISOString()}: ${size[i]}/${last[i]} vs ${periods.size}/${lastClose[i]}`);
      }
    }
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it('keeps the chart-level error when the symbol has no data at all on that timeframe', () => {
    expect(() => runOnChart('//@version=6\nindicator("t")\nplot(request.security(syminfo.tickerid, "15", close))\n', false)).toThrow(
      /no data for symbol "AMEX:SPY" on timeframe "15"/,
    );
  });
});
