// The broker's per-bar machinery (reused path buffers, typed-array series, cached calendar days, cached
// position and open-profit views, the hold-bar walk, cached trade-list times): each must give exactly what
// the straightforward computation gives.
import { describe, expect, it } from 'vitest';
import { PricePath, barPath } from '../../src/broker/fills/path.js';
import { SeriesStore } from '../../src/broker/series.js';
import { LocalCalendar, TradeTimeFormatter, dayKey, formatTradeTime, monthKey } from '../../src/broker/time-format.js';
import { TradingDayTracker } from '../../src/runtime/strategy-days.js';
import { calendarFor, tradingDayOfLocal } from '../../src/stdlib/calendar.js';
import { createBroker, type Broker, type BrokerBar } from '../../src/broker/index.js';
import { defaultSymbolInfo } from '../../src/core/symbol.js';

describe('PricePath (reused per bar)', () => {
  it('holds the same points as barPath, bar after bar, and concatenates magnifier sub-bars', () => {
    const p = new PricePath();
    const a: BrokerBar = { time: 0, open: 100, high: 101, low: 95, close: 98 };
    const b: BrokerBar = { time: 60_000, open: 98, high: 103, low: 97.5, close: 102 };
    p.setBar(a);
    expect(p.points()).toEqual(barPath(a));
    p.setBar(b);
    expect(p.points()).toEqual(barPath(b));
    // More sub-bars than the initial capacity: the buffers grow and keep every point.
    const subs = Array.from({ length: 10 }, (_, k) => ({ time: k, open: 100 + k, high: 101 + k, low: 99 + k, close: 100.5 + k }));
    p.setSubBars(subs);
    expect(p.points()).toEqual(subs.flatMap((s) => barPath(s)));
    expect(p.points().filter((pt) => pt.gap)).toHaveLength(10);
    p.clear();
    expect(p.length).toBe(0);
  });
});

describe('SeriesStore', () => {
  it('grows past its capacity, keeps earlier bars, and reads never-marked bars as NaN', () => {
    const s = new SeriesStore(16);
    for (let i = 0; i < 40; i++) s.set(i, i * 60_000, 1000 + i, i, -i, i % 2, 0.5 * i);
    s.set(45, 45 * 60_000, 7, 0, 0, 0, 0); // bars 40…44 skipped
    const v = s.series;
    expect(v.equity.length).toBe(46);
    expect(Array.from(v.equity.subarray(0, 40))).toEqual(Array.from({ length: 40 }, (_, i) => 1000 + i));
    expect(Array.from(v.time.subarray(40, 45)).every((x) => Number.isNaN(x))).toBe(true);
    expect(v.equity[45]).toBe(7);
    expect(v.drawdown[39]).toBe(19.5);
  });
});

describe('LocalCalendar', () => {
  it('numbers days and months exactly as dayKey/monthKey tell them apart, across DST changes', () => {
    for (const tz of ['America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Etc/UTC', 'Europe/London']) {
      const cal = new LocalCalendar(tz);
      let prev: { t: number; d: number; m: number } | null = null;
      // Every 20 minutes through both 2022 DST changes of the northern and southern hemispheres.
      for (const start of [Date.UTC(2022, 2, 10), Date.UTC(2022, 3, 1), Date.UTC(2022, 9, 1), Date.UTC(2022, 10, 4)]) {
        for (let t = start; t < start + 5 * 86_400_000; t += 20 * 60_000) {
          const d = cal.dayOf(t);
          const m = cal.monthOf(t);
          if (prev) {
            expect(d === prev.d, `${tz} ${new Date(t).toISOString()}`).toBe(dayKey(t, tz) === dayKey(prev.t, tz));
            expect(m === prev.m).toBe(monthKey(t, tz) === monthKey(prev.t, tz));
          }
          prev = { t, d, m };
        }
      }
      expect(Number.isNaN(cal.dayOf(NaN))).toBe(true);
    }
  });
});

describe('cached position and open-profit views', () => {
  it('agree with a from-scratch recomputation on every bar of a busy randomized run', () => {
    let seed = 99;
    const rnd = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
    const broker: Broker = createBroker({ pyramiding: 3, marginLong: 50, marginShort: 50, commissionValue: 0.1, initialCapital: 10_000 }, defaultSymbolInfo());
    let price = 100;
    for (let i = 0; i < 3000; i++) {
      const open = price;
      const close = Math.max(1, Math.round((open + (rnd() - 0.5) * 2) * 100) / 100);
      const bar: BrokerBar = { time: i * 3_600_000, open, high: Math.max(open, close) + 0.5, low: Math.min(open, close) - 0.5, close };
      price = close;
      broker.beforeScript(i, bar);
      const r = rnd();
      // Flat and holding stretches, market reversals, stop entries, brackets and closes.
      if (r < 0.05) broker.placeEntry('entry', 'L', 'long', 1 + Math.floor(rnd() * 3), undefined, undefined);
      else if (r < 0.1) broker.placeEntry('entry', 'S', 'short', 1, undefined, close - 1);
      else if (r < 0.13) broker.placeExit('X', '', undefined, undefined, 150, undefined, 150, undefined);
      else if (r < 0.15) broker.placeClose(null);
      broker.afterScript(i, bar);
      let size = 0;
      let open$ = 0;
      for (const t of broker.openTrades) {
        const s = t.direction === 'long' ? 1 : -1;
        size += s * t.qty;
        open$ += s * (close - t.entryPrice) * t.qty;
      }
      expect(broker.positionSize).toBeCloseTo(size, 12);
      expect(broker.openProfit).toBe(open$);
      expect(broker.series.equity[i]).toBe(10_000 + broker.netProfit + open$);
    }
    expect(broker.closedTrades.length).toBeGreaterThan(50);
  });
});

describe('TradeTimeFormatter (List of Trades times)', () => {
  it('writes exactly what formatTradeTime writes, through DST changes and half-hour zones', () => {
    for (const tz of ['America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC', 'Europe/London']) {
      const f = new TradeTimeFormatter(tz);
      for (const start of [Date.UTC(2022, 2, 12), Date.UTC(2022, 3, 2), Date.UTC(2022, 9, 1), Date.UTC(2022, 10, 5)]) {
        // Every 7 minutes 13 seconds: every minute and second of the clock gets exercised, not only bar opens.
        for (let t = start; t < start + 3 * 86_400_000; t += 433_000) expect(f.format(t), `${tz} ${t}`).toBe(formatTradeTime(t, tz));
      }
    }
  });
});

describe('TradingDayTracker (strategy driver days)', () => {
  it('flags the same first bars of trading days as a per-bar trading-day computation', () => {
    const forex = defaultSymbolInfo({
      timezone: 'America/New_York',
      sessionStarts: [0, 1, 2, 3, 4].map((day) => ({ day, start: '17:00', end: '17:00' })),
      sessionEnds: [1, 2, 3, 4, 5].map((day) => ({ day, start: '16:59', end: '16:59' })),
    });
    for (const sym of [defaultSymbolInfo(), defaultSymbolInfo({ timezone: 'Europe/London' }), forex]) {
      const cal = calendarFor(sym);
      const tracker = new TradingDayTracker(cal);
      let prev = NaN;
      let fresh = 0;
      // 30-minute bars across the 2022 spring and autumn changes of both zones, with a weekend gap.
      for (const start of [Date.UTC(2022, 2, 10), Date.UTC(2022, 9, 27)]) {
        for (let t = start; t < start + 6 * 86_400_000; t += (t / 1_800_000) % 97 === 0 ? 7_200_000 : 1_800_000) {
          const day = tradingDayOfLocal(cal, t + cal.zone.offsetAt(t));
          const expected = day !== prev;
          prev = day;
          if (expected) fresh++;
          expect(tracker.isNewDay(t), `${sym.timezone} ${new Date(t).toISOString()}`).toBe(expected);
        }
      }
      expect(fresh).toBeGreaterThan(10);
    }
  });
});

describe('holding bars without pending orders', () => {
  it('give the same results through the extremes-only walk as through the point-by-point walk', () => {
    // A converter that is the identity but given keeps the broker on the point-by-point walk.
    const run = (toAccount?: (x: number) => number): Broker => {
      let seed = 7;
      const rnd = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
      const broker = createBroker(
        { pyramiding: 2, marginLong: 20, marginShort: 20, commissionValue: 0.05, initialCapital: 2_000, defaultQtyType: 'percent_of_equity', defaultQtyValue: 300 },
        defaultSymbolInfo(),
        { toAccount },
      );
      let price = 100;
      for (let i = 0; i < 4000; i++) {
        const open = price;
        const close = Math.max(1, Math.round((open + (rnd() - 0.5) * 3) * 100) / 100);
        const bar: BrokerBar = { time: i * 60_000, open, high: Math.max(open, close) + rnd(), low: Math.min(open, close) - rnd(), close };
        price = close;
        broker.beforeScript(i, bar);
        const r = rnd();
        if (r < 0.04) broker.placeEntry('entry', 'L', 'long', undefined, undefined, undefined);
        else if (r < 0.08) broker.placeEntry('entry', 'S', 'short', undefined, undefined, undefined);
        broker.afterScript(i, bar);
      }
      return broker;
    };
    const fast = run();
    const checked = run((x) => x);
    expect(fast.marginCalls).toBeGreaterThan(0); // the margin check inside the walk is exercised
    expect(fast.closedTrades).toEqual(checked.closedTrades);
    expect(fast.openTrades).toEqual(checked.openTrades);
    for (const k of ['maxDrawdown', 'maxDrawdownPercent', 'maxRunup', 'maxRunupPercent', 'marginCalls', 'netProfit', 'cur'] as const) expect(fast[k], k).toBe(checked[k]);
    expect(Array.from(fast.series.equity)).toEqual(Array.from(checked.series.equity));
  });
});
