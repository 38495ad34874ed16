// Wall-clock ↔ UTC conversion for IANA time zones using Intl only (no I/O, runs in browsers too).
// Offsets are cached per zone and 15-minute UTC slot: every real-world DST transition falls on a
// quarter hour, so one lookup per slot is exact and keeps million-row conversions cheap.

const SLOT_MS = 15 * 60_000;

interface ZoneCache {
  fmt: Intl.DateTimeFormat;
  offsets: Map<number, number>;
}

const zones = new Map<string, ZoneCache | null>();

function isUtcName(zone: string): boolean {
  const z = zone.toUpperCase();
  return z === 'UTC' || z === 'ETC/UTC' || z === 'GMT' || z === 'ETC/GMT' || z === 'Z';
}

function zoneCache(zone: string): ZoneCache | null {
  let c = zones.get(zone);
  if (c !== undefined) return c;
  if (isUtcName(zone)) {
    c = null;
  } else {
    let fmt: Intl.DateTimeFormat;
    try {
      fmt = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new Error(`unknown time zone "${zone}"`);
    }
    c = { fmt, offsets: new Map() };
  }
  zones.set(zone, c);
  return c;
}

/** Throws when the zone name is not known to Intl. */
export function assertTimeZone(zone: string): void {
  zoneCache(zone);
}

function computeOffset(fmt: Intl.DateTimeFormat, utcMs: number): number {
  const p: Record<string, number> = {};
  for (const part of fmt.formatToParts(new Date(utcMs))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** Offset (local − UTC) in ms of `zone` at the UTC instant `utcMs`. */
export function zoneOffsetMs(zone: string, utcMs: number): number {
  const c = zoneCache(zone);
  if (c === null) return 0;
  const slot = Math.floor(utcMs / SLOT_MS);
  let off = c.offsets.get(slot);
  if (off === undefined) {
    off = computeOffset(c.fmt, slot * SLOT_MS);
    c.offsets.set(slot, off);
  }
  return off;
}

/** UTC instant → wall-clock time in `zone`, expressed as ms since 1970-01-01T00:00 "local". */
export function utcToLocal(zone: string, utcMs: number): number {
  return utcMs + zoneOffsetMs(zone, utcMs);
}

/**
 * Wall-clock time in `zone` → UTC instant. For a time skipped by a DST jump the result is shifted
 * forward by the jump; for a repeated time the earlier instant is chosen (the common convention).
 */
export function localToUtc(zone: string, localMs: number): number {
  if (zoneCache(zone) === null) return localMs;
  const first = localMs - zoneOffsetMs(zone, localMs);
  const off2 = zoneOffsetMs(zone, first);
  const second = localMs - off2;
  if (second === first) {
    // Ambiguous (fall-back) times: prefer the earlier instant when it maps to the same wall clock.
    const earlier = localMs - zoneOffsetMs(zone, first - 3_600_000);
    if (earlier < second && utcToLocal(zone, earlier) === localMs) return earlier;
    return second;
  }
  const off3 = zoneOffsetMs(zone, second);
  return localMs - off3 === second ? second : Math.max(first, second);
}
