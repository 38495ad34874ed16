// Timestamp parsing for imported files, written for speed (a million rows per second or more):
// hand-rolled digit scanning over a slice [start, end) of the input, no substrings, no Date.parse.
//
// Accepted forms (returned as Unix ms UTC, NaN when the text is none of them):
// * Unix epoch numbers: seconds (|v| < 1e11), milliseconds (< 1e14), microseconds (< 1e17), else ns.
// * ISO-like dates: YYYY-MM-DD or YYYY/MM/DD, optionally followed by "T" or " " and HH:MM[:SS[.fff]],
//   optionally followed by "Z", "UTC", or an offset ±HH, ±HHMM, ±HH:MM.
// * US dates MM/DD/YYYY with the same optional time part.
// Times without an offset are wall-clock times in `timezone` (default UTC).
import { assertTimeZone, localToUtc } from '../timezone.js';
import { parseNumberAt } from './number.js';

const C0 = 48;

function digits(s: string, at: number, count: number, end: number): number {
  if (at + count > end) return -1;
  let v = 0;
  for (let i = at; i < at + count; i++) {
    const d = s.charCodeAt(i) - C0;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

export function epochToMs(v: number): number {
  const a = Math.abs(v);
  if (a < 1e11) return Math.round(v * 1000);
  if (a < 1e14) return Math.round(v);
  if (a < 1e17) return Math.round(v / 1000);
  return Math.round(v / 1e6);
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Parses s[start, end) (whole string by default). */
export type TimeParser = (text: string, start?: number, end?: number) => number;

function isZoneWord(s: string, p: number, end: number): boolean {
  const len = end - p;
  if (len === 1) return s.charCodeAt(p) === 90 || s.charCodeAt(p) === 122; // Z z
  if (len === 3) {
    const w = s.slice(p, end).toUpperCase();
    return w === 'UTC' || w === 'GMT';
  }
  return false;
}

export function makeTimeParser(timezone = 'Etc/UTC'): TimeParser {
  assertTimeZone(timezone);
  return (s: string, start = 0, stop = s.length): number => {
    let a = start;
    let end = stop;
    while (a < end && s.charCodeAt(a) === 32) a++;
    while (end > a && s.charCodeAt(end - 1) === 32) end--;
    if (end - a < 6 || (s.charCodeAt(a + 4) !== 45 && s.charCodeAt(a + 4) !== 47 && s.charCodeAt(a + 2) !== 47)) {
      const v = parseNumberAt(s, a, end);
      return v === v ? epochToMs(v) : NaN;
    }
    let y: number, mo: number, d: number;
    const c4 = s.charCodeAt(a + 4);
    if (c4 === 45 || c4 === 47) {
      // YYYY-MM-DD / YYYY/MM/DD
      if (s.charCodeAt(a + 7) !== c4) return NaN;
      y = digits(s, a, 4, end);
      mo = digits(s, a + 5, 2, end);
      d = digits(s, a + 8, 2, end);
    } else if (s.charCodeAt(a + 5) === 47) {
      // MM/DD/YYYY
      mo = digits(s, a, 2, end);
      d = digits(s, a + 3, 2, end);
      y = digits(s, a + 6, 4, end);
    } else return NaN;
    if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > DAYS_IN_MONTH[mo - 1]!) return NaN;
    let p = a + 10;
    let h = 0;
    let mi = 0;
    let sec = 0;
    let ms = 0;
    if (p < end) {
      const sep = s.charCodeAt(p);
      if (sep !== 84 && sep !== 32) return NaN; // 'T' or ' '
      p++;
      h = digits(s, p, 2, end);
      if (s.charCodeAt(p + 2) !== 58) return NaN;
      mi = digits(s, p + 3, 2, end);
      if (h < 0 || h > 24 || mi < 0 || mi > 59) return NaN;
      p += 5;
      if (p < end && s.charCodeAt(p) === 58) {
        sec = digits(s, p + 1, 2, end);
        if (sec < 0 || sec > 60) return NaN;
        p += 3;
        if (p < end && (s.charCodeAt(p) === 46 || s.charCodeAt(p) === 44)) {
          p++;
          let scale = 100;
          while (p < end) {
            const dd = s.charCodeAt(p) - C0;
            if (dd < 0 || dd > 9) break;
            ms += dd * scale;
            scale /= 10;
            p++;
          }
          ms = Math.round(ms);
        }
      }
    }
    const local = Date.UTC(y, mo - 1, d, h, mi, sec, ms);
    if (p >= end) return localToUtc(timezone, local);
    // Zone designator.
    while (p < end && s.charCodeAt(p) === 32) p++;
    if (isZoneWord(s, p, end)) return local;
    const signChar = s.charCodeAt(p);
    const sign = signChar === 43 ? 1 : signChar === 45 ? -1 : 0;
    if (sign === 0) return NaN;
    const len = end - p;
    let oh: number;
    let om = 0;
    if (len === 3) oh = digits(s, p + 1, 2, end);
    else if (len === 5) {
      oh = digits(s, p + 1, 2, end);
      om = digits(s, p + 3, 2, end);
    } else if (len === 6 && s.charCodeAt(p + 3) === 58) {
      oh = digits(s, p + 1, 2, end);
      om = digits(s, p + 4, 2, end);
    } else return NaN;
    if (oh < 0 || om < 0) return NaN;
    return local - sign * (oh * 3_600_000 + om * 60_000);
  };
}
