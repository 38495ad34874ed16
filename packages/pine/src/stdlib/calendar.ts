// The exchange's trading calendar as the time built-ins need it: which trading day an instant
// belongs to (forex days run 17:00 New York → 17:00), where intraday periods are anchored, and which
// weekdays are trading days. Derived from SymbolInfo's session tables; without them the market is
// taken to trade 24/7 with days starting at local midnight.
import type { SessionInterval, SymbolInfo } from '../core/symbol.js';
import { getZone, MS_PER_DAY, type Zone } from './timezone.js';

export interface TradingCalendar {
  readonly zone: Zone;
  /** Local ms of day at which the trading day's first session starts (also the intraday anchor). */
  readonly sessionStartMs: number;
  /** True when the session starts on the previous calendar day (start after end, e.g. 17:00 → 16:59:50). */
  readonly crossesMidnight: boolean;
  /** Trading-day weekdays, index 0 = Monday … 6 = Sunday. */
  readonly tradingWeekdays: readonly boolean[];
  readonly tradingWeekdayCount: number;
  /** Opening hours per weekday (0 = Monday) as [startMs, endMs) local ms-of-day ranges; null = always open. */
  readonly opening: ReadonlyArray<ReadonlyArray<readonly [number, number]>> | null;
}

export function parseHms(text: string | undefined): number {
  if (!text) return 0;
  const [h = '0', m = '0', s = '0'] = text.split(':');
  return (Number(h) * 3600 + Number(m) * 60 + Number(s)) * 1000;
}

function startOf(iv: SessionInterval): number {
  return parseHms(iv.start ?? (iv as unknown as { time?: string }).time);
}

function endOf(iv: SessionInterval): number {
  return parseHms(iv.end ?? iv.start ?? (iv as unknown as { time?: string }).time);
}

const cache = new WeakMap<SymbolInfo, TradingCalendar>();

export function calendarFor(sym: SymbolInfo): TradingCalendar {
  let cal = cache.get(sym);
  if (cal && cal.zone === getZone(sym.timezone)) return cal;
  const zone = getZone(sym.timezone);
  let sessionStartMs = 0;
  let crossesMidnight = false;
  const tradingWeekdays = [true, true, true, true, true, true, true];
  if (sym.sessionStarts.length > 0) {
    sessionStartMs = Math.min(...sym.sessionStarts.map(startOf));
    const ends = sym.sessionEnds.length > 0 ? sym.sessionEnds.map(endOf) : [];
    crossesMidnight = sessionStartMs > 0 && ends.length > 0 && ends.some((e) => e > 0 && e <= sessionStartMs);
    tradingWeekdays.fill(false);
    for (const s of sym.sessionStarts) tradingWeekdays[(s.day + (crossesMidnight ? 1 : 0)) % 7] = true;
  }
  let opening: Array<Array<[number, number]>> | null = null;
  if (sym.openingHours.length > 0) {
    opening = [[], [], [], [], [], [], []];
    for (const iv of sym.openingHours) {
      const s = parseHms(iv.start);
      let e = parseHms(iv.end);
      if (e === 0 && iv.end !== undefined) e = MS_PER_DAY;
      opening[iv.day % 7]!.push([s, e]);
    }
  }
  cal = {
    zone,
    sessionStartMs,
    crossesMidnight,
    tradingWeekdays,
    tradingWeekdayCount: tradingWeekdays.filter(Boolean).length,
    opening,
  };
  cache.set(sym, cal);
  return cal;
}

/** Shift added to local ms so that flooring by whole days yields the trading day. */
function dayShift(cal: TradingCalendar): number {
  return cal.crossesMidnight ? MS_PER_DAY - cal.sessionStartMs : 0;
}

/** Epoch day (days since 1970-01-01) of the trading day holding the local instant `local`. */
export function tradingDayOfLocal(cal: TradingCalendar, local: number): number {
  return Math.floor((local + dayShift(cal)) / MS_PER_DAY);
}

/** Local ms at which the trading day `epochDay` starts (its session anchor). */
export function tradingDayStartLocal(cal: TradingCalendar, epochDay: number): number {
  return cal.crossesMidnight ? epochDay * MS_PER_DAY - dayShift(cal) : epochDay * MS_PER_DAY + cal.sessionStartMs;
}

/** Monday = 0 … Sunday = 6 for an epoch day (1970-01-01 was a Thursday). */
export function weekdayMon0(epochDay: number): number {
  return (((epochDay + 3) % 7) + 7) % 7;
}

/** Number of trading days in [fromDay, toDay). */
export function countTradingDays(cal: TradingCalendar, fromDay: number, toDay: number): number {
  if (toDay <= fromDay) return 0;
  const span = toDay - fromDay;
  const weeks = Math.floor(span / 7);
  let count = weeks * cal.tradingWeekdayCount;
  for (let d = fromDay + weeks * 7; d < toDay; d++) if (cal.tradingWeekdays[weekdayMon0(d)]) count++;
  return count;
}

/** Whether the local span [from, to) overlaps the opening hours (a bar is "in market" if any of it is). */
export function isOpenLocal(cal: TradingCalendar, from: number, to: number = from + 1): boolean {
  if (!cal.opening) return true;
  const lastDay = Math.floor((Math.max(to, from + 1) - 1) / MS_PER_DAY);
  for (let day = Math.floor(from / MS_PER_DAY); day <= lastDay; day++) {
    const dayStart = day * MS_PER_DAY;
    for (const [s, e] of cal.opening[weekdayMon0(day)]!) if (dayStart + s < to && dayStart + e > from) return true;
  }
  return false;
}
