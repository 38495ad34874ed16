// Time zones for the time built-ins. IANA rules come from Intl.DateTimeFormat (never hand-written);
// fixed offsets ("UTC+5", "GMT-03:30") are parsed here. The time functions run on every bar and an
// Intl call costs tens of microseconds, so offsets are cached as spans of constant offset: a lookup
// inside the last span used (the common case — bar times move forward) is two comparisons; a miss
// asks Intl once, widens the span a week at a time and pins each end to the second by bisection.
// This assumes no two transitions lie within one week of each other, which holds for every real zone.
import { PineRuntimeError } from '../core/errors.js';

const HOUR = 3_600_000;
const DAY = 86_400_000;

export interface Zone {
  readonly name: string;
  /** local time − UTC, in ms, at the UTC instant `t`. */
  offsetAt(t: number): number;
}

class FixedZone implements Zone {
  constructor(
    readonly name: string,
    private readonly offset: number,
  ) {}
  offsetAt(): number {
    return this.offset;
  }
}

interface Span {
  start: number;
  end: number;
  offset: number;
}

const WEEK = 7 * DAY;
/** How far one miss widens a span at most (in each direction). */
const MAX_WIDEN = 400 * DAY;

class IanaZone implements Zone {
  private readonly fmt: Intl.DateTimeFormat;
  /** Disjoint spans of constant offset, sorted by start. */
  private readonly spans: Span[] = [];
  private last: Span = { start: 0, end: 0, offset: 0 };
  constructor(readonly name: string) {
    this.fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
  }

  /** The offset at instant t straight from Intl (whole seconds). */
  exactOffset(t: number): number {
    const whole = Math.floor(t / 1000) * 1000;
    let y = 0,
      mo = 0,
      d = 0,
      h = 0,
      mi = 0,
      s = 0,
      bc = false;
    for (const part of this.fmt.formatToParts(whole)) {
      switch (part.type) {
        case 'year':
          y = Number(part.value);
          break;
        case 'month':
          mo = Number(part.value);
          break;
        case 'day':
          d = Number(part.value);
          break;
        case 'hour':
          h = Number(part.value);
          break;
        case 'minute':
          mi = Number(part.value);
          break;
        case 'second':
          s = Number(part.value);
          break;
        case 'era':
          bc = part.value.startsWith('B');
          break;
      }
    }
    if (bc) y = 1 - y;
    return daysFromCivil(y, mo, d) * DAY + h * HOUR + mi * 60_000 + s * 1000 - whole;
  }

  offsetAt(t: number): number {
    const last = this.last;
    if (t >= last.start && t < last.end) return last.offset;
    const span = this.findSpan(t) ?? this.buildSpan(t);
    this.last = span;
    return span.offset;
  }

  private findSpan(t: number): Span | undefined {
    const spans = this.spans;
    let lo = 0;
    let hi = spans.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const sp = spans[mid]!;
      if (t < sp.start) hi = mid - 1;
      else if (t >= sp.end) lo = mid + 1;
      else return sp;
    }
    return undefined;
  }

  /** First second in (same, differs] whose offset is not `offset` (bisection to 1 s). */
  private boundary(same: number, differs: number, offset: number): number {
    let a = same;
    let b = differs;
    while (Math.abs(b - a) > 1000) {
      const mid = Math.floor((a + b) / 2000) * 1000;
      if (mid === a || mid === b) break;
      if (this.exactOffset(mid) === offset) a = mid;
      else b = mid;
    }
    return b;
  }

  private buildSpan(t: number): Span {
    const t0 = Math.floor(t / 1000) * 1000;
    const offset = this.exactOffset(t0);
    // Neighbouring spans bound the search so spans never overlap.
    let lowerBound = -Infinity;
    let upperBound = Infinity;
    for (const sp of this.spans) {
      if (sp.end <= t0) lowerBound = Math.max(lowerBound, sp.end);
      else if (sp.start > t0) upperBound = Math.min(upperBound, sp.start);
    }
    let end = t0;
    for (;;) {
      const probe = end + WEEK;
      if (probe >= upperBound) {
        end = this.exactOffset(upperBound - 1000) === offset ? upperBound : this.boundary(end, upperBound - 1000, offset);
        break;
      }
      if (probe - t0 > MAX_WIDEN) {
        end = probe;
        break;
      }
      if (this.exactOffset(probe) === offset) end = probe;
      else {
        end = this.boundary(end, probe, offset);
        break;
      }
    }
    let start = t0;
    for (;;) {
      const probe = start - WEEK;
      if (probe < lowerBound) {
        start = this.exactOffset(lowerBound) === offset ? lowerBound : this.boundary(start, lowerBound, offset) + 1000;
        break;
      }
      if (t0 - probe > MAX_WIDEN) {
        start = probe;
        break;
      }
      if (this.exactOffset(probe) === offset) start = probe;
      else {
        start = this.boundary(start, probe, offset) + 1000;
        break;
      }
    }
    const span = { start, end, offset };
    const at = this.spans.findIndex((sp) => sp.start > start);
    if (at < 0) this.spans.push(span);
    else this.spans.splice(at, 0, span);
    return span;
  }
}

const zones = new Map<string, Zone>();

const FIXED_RE = /^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i;

/** Resolves a Pine time zone argument ("UTC", "UTC+5", "GMT-3:30", "America/New_York", "US/Eastern"). */
export function getZone(name: string): Zone {
  let zone = zones.get(name);
  if (zone) return zone;
  const trimmed = name.trim();
  const upper = trimmed.toUpperCase();
  if (upper === 'UTC' || upper === 'GMT' || upper === 'ETC/UTC' || upper === 'ETC/GMT' || upper === 'Z' || upper === '') {
    zone = new FixedZone(name, 0);
  } else {
    const m = FIXED_RE.exec(trimmed);
    if (m && (upper.startsWith('UTC') || upper.startsWith('GMT') || upper.startsWith('+') || upper.startsWith('-'))) {
      const sign = m[1] === '-' ? -1 : 1;
      zone = new FixedZone(name, sign * (Number(m[2]) * HOUR + Number(m[3] ?? 0) * 60_000));
    } else {
      try {
        zone = new IanaZone(trimmed);
      } catch {
        throw new PineRuntimeError(`Invalid timezone: "${name}"`);
      }
    }
  }
  zones.set(name, zone);
  return zone;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1..12). */
export function daysFromCivil(y: number, m: number, d: number): number {
  // Shift the year to start in March so the leap day is the last day of the shifted year.
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of daysFromCivil: [year, month 1..12, day]. */
export function civilFromDays(z: number): [number, number, number] {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** Wall-clock fields of an instant in a zone. dayOfWeek uses Pine's numbering: Sunday = 1 … Saturday = 7. */
export interface LocalFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  dayOfWeek: number;
  /** Days since 1970-01-01 of the local date. */
  epochDay: number;
  /** ms since local midnight. */
  msOfDay: number;
}

export function localFields(t: number, zone: Zone): LocalFields {
  const local = t + zone.offsetAt(t);
  const epochDay = Math.floor(local / DAY);
  const msOfDay = local - epochDay * DAY;
  const [year, month, day] = civilFromDays(epochDay);
  return {
    year,
    month,
    day,
    hour: Math.floor(msOfDay / HOUR),
    minute: Math.floor(msOfDay / 60_000) % 60,
    second: Math.floor(msOfDay / 1000) % 60,
    millisecond: msOfDay % 1000,
    // 1970-01-01 was a Thursday (Pine 5).
    dayOfWeek: ((((epochDay + 4) % 7) + 7) % 7) + 1,
    epochDay,
    msOfDay,
  };
}

/** Local wall-clock ms (as if the zone were UTC) → UTC instant. Gaps resolve forward, overlaps to the earlier instant. */
export function localToUtc(local: number, zone: Zone): number {
  const o1 = zone.offsetAt(local);
  let t = local - o1;
  const o2 = zone.offsetAt(t);
  if (o2 !== o1) {
    const t2 = local - o2;
    t = zone.offsetAt(t2) === o2 ? Math.min(t, t2) : Math.max(t, t2);
  }
  return t;
}

export function utcToLocal(t: number, zone: Zone): number {
  return t + zone.offsetAt(t);
}

export { DAY as MS_PER_DAY, HOUR as MS_PER_HOUR };
