// The chart's time axis in a chosen zone. lightweight-charts draws its timestamps as if they were UTC,
// so showing exchange (or local) time means shifting each timestamp by that zone's UTC offset at that
// instant — the same shift for bars, plots and markers, so they stay aligned.
import type { UTCTimestamp } from 'lightweight-charts';

export type AxisZone = 'exchange' | 'utc' | 'local';

export type Clock = (ms: number) => UTCTimestamp;

export const utcClock: Clock = (ms) => Math.floor(ms / 1000) as UTCTimestamp;

/** Offset of `zone` from UTC at `ms`, in milliseconds (wall clock − UTC). */
export function zoneOffsetMs(fmt: Intl.DateTimeFormat, ms: number): number {
  const parts = fmt.formatToParts(ms);
  const get = (t: string): number => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'), get('second'));
  return wall - (ms - (((ms % 1000) + 1000) % 1000));
}

const HOUR = 3_600_000;

/** A clock for an IANA zone. Offsets only change at transitions, so one Intl lookup per hour of data is
 *  cached (1,000,000 minute bars need ~17,000 lookups, not a million); within an hour whose two ends
 *  disagree (a transition inside it) each instant is looked up exactly. */
export function zoneClock(zone: string): Clock {
  if (/^(utc|etc\/utc|gmt|etc\/gmt|z)$/i.test(zone)) return utcClock;
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  } catch {
    return utcClock; // unknown zone name: fall back to UTC rather than fail the chart
  }
  const cache = new Map<number, number>();
  const hourOffset = (h: number): number => {
    let o = cache.get(h);
    if (o === undefined) {
      o = zoneOffsetMs(fmt, h * HOUR);
      cache.set(h, o);
    }
    return o;
  };
  return (ms) => {
    const h = Math.floor(ms / HOUR);
    const a = hourOffset(h);
    const off = a === hourOffset(h + 1) ? a : zoneOffsetMs(fmt, ms);
    return Math.floor((ms + off) / 1000) as UTCTimestamp;
  };
}

/** The browser's own zone name (for the "local" choice). */
export function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function clockFor(mode: AxisZone, exchangeZone: string): Clock {
  if (mode === 'utc') return utcClock;
  return zoneClock(mode === 'local' ? localZone() : exchangeZone);
}
