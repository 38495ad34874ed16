// timeframe.* — parsing Pine timeframe strings, period membership (what timeframe.change and
// time(tf)/time_close(tf) need) and the timeframe.* variables.
//
// How periods are anchored (measured against TradingView, see test/stdlib/timeframe.test.ts):
// * intraday periods count from the trading day's session start (forex 240m: 17:00, 21:00, 01:00 …);
// * "D" is the trading day; "nD" groups trading days counted from January 1 of the trading day's year;
// * "W" weeks start on the Monday trading day; "nW" counts weeks from the first Monday of the year
//   that holds the week's Monday;
// * "nM" groups calendar months from January.
import type { RuntimeContext } from '../core/context.js';
import { PineRuntimeError } from '../core/errors.js';
import {
  calendarFor,
  countTradingDays,
  tradingDayOfLocal,
  tradingDayStartLocal,
  weekdayMon0,
  type TradingCalendar,
} from './calendar.js';
import { civilFromDays, daysFromCivil, localToUtc, utcToLocal } from './timezone.js';
import type { StatefulInstance, StdlibFunction, StdlibStateful, StdlibVariable } from './types.js';

export type TfUnit = 'T' | 'S' | 'm' | 'D' | 'W' | 'M';

export interface Timeframe {
  unit: TfUnit;
  mult: number;
}

const SECONDS_PER_MONTH = 2628003;
const tfCache = new Map<string, Timeframe>();

export function parseTimeframe(tf: string): Timeframe {
  let parsed = tfCache.get(tf);
  if (parsed) return parsed;
  const m = /^\s*(\d*)\s*([SDWMT]?)\s*$/i.exec(tf);
  if (!m || (m[1] === '' && m[2] === '')) throw new PineRuntimeError(`Invalid timeframe: "${tf}"`);
  const mult = m[1] === '' ? 1 : Number(m[1]);
  const letter = m[2]!.toUpperCase();
  const unit: TfUnit = letter === '' ? 'm' : (letter as TfUnit);
  if (!(mult > 0)) throw new PineRuntimeError(`Invalid timeframe: "${tf}"`);
  parsed = { unit, mult };
  tfCache.set(tf, parsed);
  return parsed;
}

/** The v6 spelling of a timeframe: minutes as a number, otherwise multiplier + letter ("1D", "3W"). */
export function normalizeTimeframe(tf: string): string {
  const { unit, mult } = parseTimeframe(tf);
  return unit === 'm' ? String(mult) : `${mult}${unit}`;
}

export function inSeconds(tf: string): number {
  const { unit, mult } = parseTimeframe(tf);
  switch (unit) {
    case 'S':
      return mult;
    case 'm':
      return mult * 60;
    case 'D':
      return mult * 86400;
    case 'W':
      return mult * 604800;
    case 'M':
      return mult * SECONDS_PER_MONTH;
    case 'T':
      return NaN;
  }
}

export function fromSeconds(seconds: number): string | null {
  if (!(seconds > 0)) return null;
  const s = Math.floor(seconds);
  if (s % SECONDS_PER_MONTH === 0) return `${s / SECONDS_PER_MONTH}M`;
  if (s % 604800 === 0) return `${s / 604800}W`;
  if (s % 86400 === 0) return `${s / 86400}D`;
  if (s % 60 === 0) return String(s / 60);
  return `${s}S`;
}

function isIntraday(tf: Timeframe): boolean {
  return tf.unit === 'S' || tf.unit === 'm' || tf.unit === 'T';
}

/** Identifies the period of `tf` holding the UTC instant `t`; equal keys = same period. */
export function periodKey(t: number, tf: Timeframe, cal: TradingCalendar): number {
  const local = utcToLocal(t, cal.zone);
  const td = tradingDayOfLocal(cal, local);
  switch (tf.unit) {
    case 'T':
    case 'S':
    case 'm': {
      const len = (tf.unit === 'm' ? 60_000 : 1000) * tf.mult;
      const idx = Math.floor((local - tradingDayStartLocal(cal, td)) / len);
      return td * 1_000_000 + idx;
    }
    case 'D':
      return tf.mult === 1 ? td : groupOfDays(cal, td, tf.mult);
    case 'W': {
      const ws = td - weekdayMon0(td);
      if (tf.mult === 1) return ws;
      const year = civilFromDays(ws)[0];
      const jan1 = daysFromCivil(year, 1, 1);
      const firstMonday = jan1 + ((7 - weekdayMon0(jan1)) % 7);
      return year * 1000 + Math.floor(Math.floor((ws - firstMonday) / 7) / tf.mult);
    }
    case 'M': {
      const [year, month] = civilFromDays(td);
      return year * 100 + Math.floor((month - 1) / tf.mult);
    }
  }
}

function groupOfDays(cal: TradingCalendar, td: number, mult: number): number {
  const year = civilFromDays(td)[0];
  const jan1 = daysFromCivil(year, 1, 1);
  return year * 100_000 + Math.floor(countTradingDays(cal, jan1, td) / mult);
}

/** [start, end) of the period holding `t`, as UTC instants. */
export function periodBounds(t: number, tf: Timeframe, cal: TradingCalendar): [number, number] {
  const local = utcToLocal(t, cal.zone);
  const td = tradingDayOfLocal(cal, local);
  if (isIntraday(tf)) {
    const len = (tf.unit === 'm' ? 60_000 : 1000) * tf.mult;
    const anchor = tradingDayStartLocal(cal, td);
    const start = anchor + Math.floor((local - anchor) / len) * len;
    const nextDay = tradingDayStartLocal(cal, td + 1);
    return [localToUtc(start, cal.zone), localToUtc(Math.min(start + len, nextDay), cal.zone)];
  }
  const key = periodKey(t, tf, cal);
  const keyOfDay = (d: number): number => periodKey(localToUtc(tradingDayStartLocal(cal, d), cal.zone), tf, cal);
  let first = td;
  while (keyOfDay(first - 1) === key) first--;
  let last = td;
  while (keyOfDay(last + 1) === key) last++;
  // Trailing non-trading days belong to the period but do not extend its close.
  while (last > td && !cal.tradingWeekdays[weekdayMon0(last)]) last--;
  while (first < td && !cal.tradingWeekdays[weekdayMon0(first)]) first++;
  return [localToUtc(tradingDayStartLocal(cal, first), cal.zone), localToUtc(tradingDayStartLocal(cal, last + 1), cal.zone)];
}

/** Period bounds with a one-entry cache per (timeframe, calendar) — the time functions call this every bar. */
export class PeriodCache {
  private key = NaN;
  private start = NaN;
  private end = NaN;
  private cal: TradingCalendar | null = null;
  private tfText = '';
  bounds(t: number, tfText: string, cal: TradingCalendar): [number, number] {
    const tf = parseTimeframe(tfText);
    const key = periodKey(t, tf, cal);
    if (key !== this.key || cal !== this.cal || tfText !== this.tfText) {
      [this.start, this.end] = periodBounds(t, tf, cal);
      this.key = key;
      this.cal = cal;
      this.tfText = tfText;
    }
    return [this.start, this.end];
  }
}

/** timeframe.change(tf): true on the first bar of a new `tf` period (never on the very first bar). */
class TimeframeChange implements StatefulInstance {
  private stamp = -1;
  private committedKey = NaN;
  private currentKey = NaN;
  update(bar: number, ctx: RuntimeContext, timeframe?: string | null): boolean {
    if (bar !== this.stamp) {
      if (this.stamp >= 0) this.committedKey = this.currentKey;
      this.stamp = bar;
    }
    const tfText = timeframe === undefined || timeframe === null || timeframe === '' ? ctx.timeframe : timeframe;
    this.currentKey = periodKey(ctx.current.time, parseTimeframe(tfText), calendarFor(ctx.syminfo));
    return this.committedKey === this.committedKey && this.currentKey !== this.committedKey;
  }
}

export const TIMEFRAME_FUNCTIONS: Record<string, StdlibFunction> = {
  'timeframe.in_seconds': {
    impl: (ctx: RuntimeContext, tf?: string | null) => inSeconds(tf === undefined || tf === null || tf === '' ? ctx.timeframe : tf),
    needsContext: true,
  },
  'timeframe.from_seconds': { impl: fromSeconds },
};

export const TIMEFRAME_STATEFUL: Record<string, StdlibStateful> = {
  'timeframe.change': { create: () => new TimeframeChange() },
};

function chartTf(ctx: RuntimeContext): Timeframe {
  return parseTimeframe(ctx.timeframe);
}

export const TIMEFRAME_VARIABLES: Record<string, StdlibVariable> = {
  'timeframe.period': { get: (ctx) => normalizeTimeframe(ctx.timeframe) },
  'timeframe.main_period': { get: (ctx) => normalizeTimeframe(ctx.chartTimeframe ?? ctx.timeframe) },
  'timeframe.multiplier': { get: (ctx) => chartTf(ctx).mult },
  'timeframe.isseconds': { get: (ctx) => chartTf(ctx).unit === 'S' },
  'timeframe.isminutes': { get: (ctx) => chartTf(ctx).unit === 'm' },
  'timeframe.isticks': { get: (ctx) => chartTf(ctx).unit === 'T' },
  'timeframe.isintraday': { get: (ctx) => isIntraday(chartTf(ctx)) },
  'timeframe.isdaily': { get: (ctx) => chartTf(ctx).unit === 'D' },
  'timeframe.isweekly': { get: (ctx) => chartTf(ctx).unit === 'W' },
  'timeframe.ismonthly': { get: (ctx) => chartTf(ctx).unit === 'M' },
  'timeframe.isdwm': { get: (ctx) => !isIntraday(chartTf(ctx)) },
};
