// Wall-clock <-> UTC conversion for IANA time zones. One implementation serves the whole product:
// @pineback/pine's Intl-based zones (cached spans of constant offset), which also run in browsers.
import { getZone, zoneLocalToUtc, zoneUtcToLocal } from '@pineback/pine';

function zoneOf(zone: string) {
  try {
    return getZone(zone);
  } catch {
    throw new Error(`unknown time zone "${zone}"`);
  }
}

/** Throws when the zone name is not known to Intl. */
export function assertTimeZone(zone: string): void {
  zoneOf(zone);
}

/** Offset (local − UTC) in ms of `zone` at the UTC instant `utcMs`. */
export function zoneOffsetMs(zone: string, utcMs: number): number {
  return zoneOf(zone).offsetAt(utcMs);
}

/** UTC instant → wall-clock time in `zone`, expressed as ms since 1970-01-01T00:00 "local". */
export function utcToLocal(zone: string, utcMs: number): number {
  return zoneUtcToLocal(utcMs, zoneOf(zone));
}

/**
 * Wall-clock time in `zone` → UTC instant. For a time skipped by a DST jump the result is shifted
 * forward by the jump; for a repeated time the earlier instant is chosen (the common convention).
 */
export function localToUtc(zone: string, localMs: number): number {
  return zoneLocalToUtc(localMs, zoneOf(zone));
}
