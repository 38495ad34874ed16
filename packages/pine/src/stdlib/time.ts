// Global time built-ins: year()/month()/…/second() and their bar variables, timestamp() in all its
// forms, time()/time_close() for other timeframes and sessions, time_close, time_tradingday.
import type { RuntimeContext } from '../core/context.js';
import { PineRuntimeError } from '../core/errors.js';
import { calendarFor, tradingDayOfLocal } from './calendar.js';
import { weekOfYear } from './date-format.js';
import { inSession, sessionZone } from './session.js';
import { parseTimeframe, PeriodCache } from './timeframe.js';
import { getZone, localFields, localToUtc, MS_PER_DAY, utcToLocal, type LocalFields, type Zone } from './timezone.js';
import type { StdlibFunction, StdlibVariable } from './types.js';

type Part = (f: LocalFields) => number;

const PARTS: Record<string, Part> = {
  year: (f) => f.year,
  month: (f) => f.month,
  dayofmonth: (f) => f.day,
  dayofweek: (f) => f.dayOfWeek,
  hour: (f) => f.hour,
  minute: (f) => f.minute,
  second: (f) => f.second,
  weekofyear: (f) => weekOfYear(f.epochDay),
};

function zoneOf(ctx: RuntimeContext, timezone: string | null | undefined): Zone {
  return getZone(timezone ?? ctx.syminfo.timezone);
}

function partFunction(part: Part): StdlibFunction {
  return {
    impl: (ctx: RuntimeContext, time: number, timezone?: string | null) =>
      time !== time ? NaN : part(localFields(time, zoneOf(ctx, timezone))),
    needsContext: true,
  };
}

function partVariable(part: Part): StdlibVariable {
  return { get: (ctx) => part(localFields(ctx.current.time, zoneOf(ctx, undefined))) };
}

// ---------------------------------------------------------------- timestamp

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};
const ISO_RE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?|(?:GMT|UTC)(?:[+-]\d{1,2}(?::?\d{2})?)?)?$/i;

function offsetZone(text: string | undefined): Zone | null {
  if (text === undefined || text === '') return null;
  if (text.toUpperCase() === 'Z') return getZone('UTC');
  return getZone(/^[+-]/.test(text) ? 'UTC' + text : text);
}

/** Parses the date strings timestamp() accepts (ISO 8601 and RFC 2822-like); zone-less strings are UTC. */
export function parseDateString(text: string): number {
  const s = text.trim();
  const iso = ISO_RE.exec(s);
  let y: number, mo: number, d: number;
  let h = 0,
    mi = 0,
    sec = 0,
    ms = 0;
  let zone: Zone | null = null;
  if (iso) {
    y = Number(iso[1]);
    mo = Number(iso[2]);
    d = Number(iso[3]);
    h = Number(iso[4] ?? 0);
    mi = Number(iso[5] ?? 0);
    sec = Number(iso[6] ?? 0);
    ms = iso[7] ? Number(iso[7].padEnd(3, '0')) : 0;
    zone = offsetZone(iso[8]);
  } else {
    let year: number | undefined, month: number | undefined, day: number | undefined;
    const tokens = s.replace(/,/g, ' ').split(/\s+/).filter(Boolean);
    for (let k = 0; k < tokens.length; k++) {
      const tok = tokens[k]!;
      const lower = tok.toLowerCase();
      if (/^\d{1,2}:\d{2}(:\d{2})?$/.test(tok)) {
        const [a, b, c] = tok.split(':');
        h = Number(a);
        mi = Number(b);
        sec = Number(c ?? 0);
      } else if (/^(gmt|utc|z)?[+-]\d{1,2}(:?\d{2})?$/i.test(tok) || /^(gmt|utc|z)$/i.test(tok)) {
        zone = offsetZone(/^[+-]/.test(tok) ? 'UTC' + tok : tok);
      } else if (MONTHS[lower.slice(0, 3)] !== undefined && /^[a-z]+\.?$/i.test(tok)) {
        month = MONTHS[lower.slice(0, 3)];
      } else if (/^\d{4}$/.test(tok)) {
        year = Number(tok);
      } else if (/^\d{1,2}$/.test(tok)) {
        day = Number(tok);
      } else if (/^(mon|tue|wed|thu|fri|sat|sun)/i.test(tok)) {
        // weekday names carry no information
      } else {
        try {
          zone = getZone(tok);
        } catch {
          throw new PineRuntimeError(`Invalid date string: "${text}"`);
        }
      }
    }
    if (year === undefined || month === undefined || day === undefined) throw new PineRuntimeError(`Invalid date string: "${text}"`);
    y = year;
    mo = month;
    d = day;
  }
  const local = Date.UTC(y, mo - 1, d, h, mi, sec, ms);
  return localToUtc(local, zone ?? getZone('UTC'));
}

/** timestamp(year, month, day, hour, minute, second) in `zone`; out-of-range fields roll over. */
export function timestampFields(zone: Zone, y: number, mo: number, d: number, h?: number, mi?: number, s?: number): number {
  if (y !== y || mo !== mo || d !== d) return NaN;
  const hh = h === undefined || h !== h ? 0 : h;
  const mm = mi === undefined || mi !== mi ? 0 : mi;
  const ss = s === undefined || s !== s ? 0 : s;
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(hh, mm, ss, 0);
  return localToUtc(date.getTime(), zone);
}

function timestampDispatch(ctx: RuntimeContext, ...args: unknown[]): number {
  const [a0, a1] = args;
  if (typeof a0 === 'string') {
    if (typeof a1 === 'number') {
      const [, y, mo, d, h, mi, s] = args as [string, number, number, number, number?, number?, number?];
      return timestampFields(getZone(a0), y, mo, d, h, mi, s);
    }
    return parseDateString(a0);
  }
  const [y, mo, d, h, mi, s] = args as [number, number, number, number?, number?, number?];
  return timestampFields(zoneOf(ctx, undefined), y, mo, d, h, mi, s);
}

// ---------------------------------------------------------------- time(tf, session…), time_close(…)

const periodCaches = new Map<string, PeriodCache>();

function boundsFor(ctx: RuntimeContext, t: number, tf: string): [number, number] {
  const cal = calendarFor(ctx.syminfo);
  let cache = periodCaches.get(tf);
  if (!cache) {
    cache = new PeriodCache();
    periodCaches.set(tf, cache);
  }
  return cache.bounds(t, tf, cal);
}

function barTime(ctx: RuntimeContext, barsBack: number | undefined): number {
  const n = barsBack === undefined || barsBack !== barsBack ? 0 : Math.trunc(barsBack);
  if (n === 0) return ctx.current.time;
  const i = ctx.bar - n;
  if (i >= 0 && i < ctx.bars.length) return ctx.bars.time[i]!;
  return NaN;
}

function timeOf(
  ctx: RuntimeContext,
  closeSide: boolean,
  timeframe: string | null | undefined,
  session: string | null | undefined,
  timezone: string | null | undefined,
  barsBack: number | undefined,
  tfBarsBack: number | undefined,
): number {
  const t = barTime(ctx, barsBack);
  if (t !== t) return NaN;
  if (session !== undefined && session !== null && session !== '' && !inSession(t, session, sessionZone(ctx, timezone))) return NaN;
  const tf = timeframe === undefined || timeframe === null || timeframe === '' ? ctx.timeframe : timeframe;
  parseTimeframe(tf);
  if (tf === ctx.timeframe && !tfBarsBack) return closeSide ? barClose(ctx, t, t === ctx.current.time ? ctx.current.timeClose : NaN) : t;
  let [start, end] = boundsFor(ctx, t, tf);
  const back = tfBarsBack === undefined || tfBarsBack !== tfBarsBack ? 0 : Math.trunc(tfBarsBack);
  for (let k = 0; k < back; k++) [start, end] = boundsFor(ctx, start - 1, tf);
  return closeSide ? end : start;
}

/**
 * Close time of a chart bar opening at t: the end of its period when the bar sits on the calendar's
 * period grid (so a bar before a data gap or a weekend still closes on time); for bars off the grid
 * (data aligned differently from the symbol's sessions) the runtime's next-bar time.
 */
function barClose(ctx: RuntimeContext, t: number, nextOpen: number): number {
  const [start, end] = boundsFor(ctx, t, ctx.timeframe);
  if (start === t || nextOpen !== nextOpen) return end;
  return nextOpen;
}

function timeClose(ctx: RuntimeContext): number {
  return barClose(ctx, ctx.current.time, ctx.current.timeClose);
}

/**
 * time_tradingday: 00:00 UTC of the trading day the bar belongs to. Weekly and monthly bars report
 * the day their period closes on (TradingView: a weekly crypto bar's trading day is the next Monday).
 */
function timeTradingday(ctx: RuntimeContext): number {
  const cal = calendarFor(ctx.syminfo);
  const tf = parseTimeframe(ctx.timeframe);
  let t = ctx.current.time;
  if (tf.unit === 'W' || tf.unit === 'M') {
    const close = timeClose(ctx);
    t = cal.crossesMidnight ? close - 1 : close;
  }
  return tradingDayOfLocal(cal, utcToLocal(t, cal.zone)) * MS_PER_DAY;
}

export const TIME_FUNCTIONS: Record<string, StdlibFunction> = {
  year: partFunction(PARTS.year!),
  month: partFunction(PARTS.month!),
  dayofmonth: partFunction(PARTS.dayofmonth!),
  dayofweek: partFunction(PARTS.dayofweek!),
  hour: partFunction(PARTS.hour!),
  minute: partFunction(PARTS.minute!),
  second: partFunction(PARTS.second!),
  weekofyear: partFunction(PARTS.weekofyear!),
  timestamp: { impl: timestampDispatch, needsContext: true },
  'timestamp#0': { impl: (_ctx: RuntimeContext, s: string) => parseDateString(s), needsContext: true },
  'timestamp#1': { impl: (_ctx: RuntimeContext, s: string) => parseDateString(s), needsContext: true },
  'timestamp#2': {
    impl: (ctx: RuntimeContext, y: number, mo: number, d: number, h?: number, mi?: number, s?: number) =>
      timestampFields(zoneOf(ctx, undefined), y, mo, d, h, mi, s),
    needsContext: true,
  },
  'timestamp#3': {
    impl: (ctx: RuntimeContext, y: number, mo: number, d: number, h?: number, mi?: number, s?: number) =>
      timestampFields(zoneOf(ctx, undefined), y, mo, d, h, mi, s),
    needsContext: true,
  },
  'timestamp#4': {
    impl: (_ctx: RuntimeContext, tz: string, y: number, mo: number, d: number, h?: number, mi?: number, s?: number) =>
      timestampFields(getZone(tz), y, mo, d, h, mi, s),
    needsContext: true,
  },
  'timestamp#5': {
    impl: (_ctx: RuntimeContext, tz: string, y: number, mo: number, d: number, h?: number, mi?: number, s?: number) =>
      timestampFields(getZone(tz), y, mo, d, h, mi, s),
    needsContext: true,
  },
  time: timeWithoutZone(false),
  'time#0': timeWithoutZone(false),
  'time#1': {
    impl: (ctx: RuntimeContext, tf: string | null, session: string | null, tz: string | null, barsBack?: number, tfBarsBack?: number) =>
      timeOf(ctx, false, tf, session, tz, barsBack, tfBarsBack),
    needsContext: true,
  },
  time_close: timeWithoutZone(true),
  'time_close#0': timeWithoutZone(true),
  'time_close#1': {
    impl: (ctx: RuntimeContext, tf: string | null, session: string | null, tz: string | null, barsBack?: number, tfBarsBack?: number) =>
      timeOf(ctx, true, tf, session, tz, barsBack, tfBarsBack),
    needsContext: true,
  },
};

export const TIME_VARIABLES: Record<string, StdlibVariable> = {
  year: partVariable(PARTS.year!),
  month: partVariable(PARTS.month!),
  dayofmonth: partVariable(PARTS.dayofmonth!),
  dayofweek: partVariable(PARTS.dayofweek!),
  hour: partVariable(PARTS.hour!),
  minute: partVariable(PARTS.minute!),
  second: partVariable(PARTS.second!),
  weekofyear: partVariable(PARTS.weekofyear!),
  time: { get: (ctx) => ctx.current.time },
  time_close: { get: timeClose },
  time_tradingday: { get: timeTradingday },
  timenow: { get: () => Date.now() },
  last_bar_time: { get: (ctx) => (ctx.bars.length > 0 ? ctx.bars.time[ctx.bars.length - 1]! : NaN) },
};

/** `time(timeframe, session, bars_back, timeframe_bars_back)` / `time_close(…)`: the overload without a time zone. */
function timeWithoutZone(close: boolean) {
  return {
    impl: (ctx: RuntimeContext, tf?: string | null, session?: string | null, barsBack?: number, tfBarsBack?: number) =>
      timeOf(ctx, close, tf, session, undefined, barsBack, tfBarsBack),
    needsContext: true,
  };
}
