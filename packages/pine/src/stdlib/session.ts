// session.* variables and Pine session strings ("0930-1600:23456", "1700-1700", "24x7").
import type { RuntimeContext } from '../core/context.js';
import { PineRuntimeError } from '../core/errors.js';
import { calendarFor, isOpenLocal, tradingDayOfLocal, tradingDayStartLocal } from './calendar.js';
import { parseTimeframe } from './timeframe.js';
import { getZone, localFields, utcToLocal, type Zone } from './timezone.js';
import type { StdlibVariable } from './types.js';

interface SessionRange {
  start: number;
  end: number;
  /** Pine day numbers 1 = Sunday … 7 = Saturday on which the range applies. */
  days: ReadonlySet<number>;
}

const ALL_DAYS: ReadonlySet<number> = new Set([1, 2, 3, 4, 5, 6, 7]);
const sessionCache = new Map<string, SessionRange[]>();

function hhmm(text: string, session: string): number {
  if (!/^\d{4}$/.test(text)) throw new PineRuntimeError(`Invalid session: "${session}"`);
  return (Number(text.slice(0, 2)) * 60 + Number(text.slice(2))) * 60_000;
}

/** Parses a session string; an empty string or "24x7" means always in session. */
export function parseSession(session: string): SessionRange[] {
  let ranges = sessionCache.get(session);
  if (ranges) return ranges;
  ranges = [];
  const trimmed = session.trim();
  // session.regular / session.extended (ticker.* modifiers) and other text with no time range —
  // published scripts pass a time zone here by mistake (`time("D", "America/New_York")`) — name no
  // range of their own: the symbol's session applies, as for an omitted argument.
  const hasRange = /\d{4}\s*-\s*\d{4}/.test(trimmed);
  if (hasRange && trimmed.toLowerCase() !== '24x7') {
    let days = ALL_DAYS;
    let spec = trimmed;
    const colon = trimmed.lastIndexOf(':');
    if (colon >= 0) {
      spec = trimmed.slice(0, colon);
      const digits = trimmed.slice(colon + 1);
      days = new Set(digits.split('').map(Number).filter((d) => d >= 1 && d <= 7));
    }
    for (const part of spec.split(',')) {
      const [a, b] = part.trim().split('-');
      if (a === undefined || b === undefined) throw new PineRuntimeError(`Invalid session: "${session}"`);
      ranges.push({ start: hhmm(a, session), end: hhmm(b, session), days });
    }
  }
  sessionCache.set(session, ranges);
  return ranges;
}

/** Whether UTC instant `t` falls inside `session` interpreted in `zone`. */
export function inSession(t: number, session: string, zone: Zone): boolean {
  const ranges = parseSession(session);
  if (ranges.length === 0) return true;
  const f = localFields(t, zone);
  for (const r of ranges) {
    if (r.end > r.start) {
      if (f.msOfDay >= r.start && f.msOfDay < r.end && r.days.has(f.dayOfWeek)) return true;
    } else {
      // Overnight range (or start == end, a full day): the part after `start` belongs to the next day's session.
      if (f.msOfDay >= r.start) {
        if (r.days.has((f.dayOfWeek % 7) + 1)) return true;
      } else if (f.msOfDay < r.end && r.days.has(f.dayOfWeek)) return true;
    }
  }
  return false;
}

export function sessionZone(ctx: RuntimeContext, timezone?: string | null): Zone {
  return getZone(timezone ?? ctx.syminfo.timezone);
}

function chartBarMs(ctx: RuntimeContext): number {
  const tf = parseTimeframe(ctx.timeframe);
  switch (tf.unit) {
    case 'S':
      return tf.mult * 1000;
    case 'm':
      return tf.mult * 60_000;
    default:
      return NaN;
  }
}

function tradingDay(ctx: RuntimeContext, t: number): number {
  const cal = calendarFor(ctx.syminfo);
  return tradingDayOfLocal(cal, utcToLocal(t, cal.zone));
}

/**
 * First bar of a trading day: the bar's trading day differs from the previous bar's. With no
 * previous bar, only a bar that holds the trading day's start counts (a chart opening mid-session
 * does not start a session).
 */
function isFirstBar(ctx: RuntimeContext): boolean {
  const t = ctx.current.time;
  const prev = ctx.bar > 0 ? ctx.bars.time[ctx.bar - 1] : undefined;
  if (prev !== undefined) return tradingDay(ctx, t) !== tradingDay(ctx, prev);
  const cal = calendarFor(ctx.syminfo);
  const local = utcToLocal(t, cal.zone);
  const start = tradingDayStartLocal(cal, tradingDayOfLocal(cal, local));
  const len = chartBarMs(ctx);
  // Intraday: the bar occupies the day's first slot. Daily and longer bars each start a day.
  return len === len ? local - start < len : true;
}

/** Last bar of a trading day: the bar's close already lies in the next trading day (decided by time, not by data). */
function isLastBar(ctx: RuntimeContext): boolean {
  const len = chartBarMs(ctx);
  const close = len === len ? ctx.current.time + len : ctx.current.timeClose;
  if (close !== close) return false;
  return tradingDay(ctx, close) !== tradingDay(ctx, ctx.current.time);
}

function isMarket(ctx: RuntimeContext): boolean {
  const cal = calendarFor(ctx.syminfo);
  const len = chartBarMs(ctx);
  const start = utcToLocal(ctx.current.time, cal.zone);
  return isOpenLocal(cal, start, len === len ? start + len : start + 1);
}

export const SESSION_VARIABLES: Record<string, StdlibVariable> = {
  'session.isfirstbar': { get: isFirstBar },
  'session.isfirstbar_regular': { get: isFirstBar },
  'session.islastbar': { get: isLastBar },
  'session.islastbar_regular': { get: isLastBar },
  'session.ismarket': { get: isMarket },
  // Symbol tables carry no pre/post-market hours, so every bar is regular-session or closed.
  'session.ispremarket': { get: () => false },
  'session.ispostmarket': { get: () => false },
};
