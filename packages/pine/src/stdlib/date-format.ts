// SimpleDateFormat-style patterns for str.format_time and `{n,date,…}` / `{n,time,…}` in str.format:
// y M d H h k K m s S a E D w u Z X z, quoted literals with '…' and '' for a quote.
import { civilFromDays, daysFromCivil, getZone, localFields, type Zone } from './timezone.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function pad(n: number, width: number): string {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + (s.length >= width ? s : '0'.repeat(width - s.length) + s);
}

function offsetText(offsetMs: number, style: 'Z' | 'X' | 'XXX' | 'z'): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const abs = Math.abs(Math.round(offsetMs / 60_000));
  const hh = pad(Math.floor(abs / 60), 2);
  const mm = pad(abs % 60, 2);
  if (style === 'Z') return sign + hh + mm;
  if (style === 'X') return abs === 0 ? 'Z' : sign + hh + (abs % 60 ? mm : '');
  if (style === 'XXX') return abs === 0 ? 'Z' : sign + hh + ':' + mm;
  return 'GMT' + sign + hh + ':' + mm;
}

/**
 * Week of year as TradingView reports it: ISO 8601 weeks (Monday first, week 1 holds the year's
 * first Thursday), so 2024-12-30 is week 1 and 2019-01-07 is week 2.
 */
export function weekOfYear(epochDay: number): number {
  const mon0 = (((epochDay + 3) % 7) + 7) % 7; // 0 = Monday (1970-01-01 was a Thursday)
  const thursday = epochDay - mon0 + 3;
  const year = civilFromDays(thursday)[0];
  return Math.floor((thursday - epochDayOf(year, 1, 1)) / 7) + 1;
}

function epochDayOf(y: number, m: number, d: number): number {
  return daysFromCivil(y, m, d);
}

export function formatTime(t: number, pattern: string, zoneName: string): string {
  if (t !== t) return 'NaN';
  const zone: Zone = getZone(zoneName);
  const f = localFields(t, zone);
  const offset = zone.offsetAt(t);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i]!;
    if (ch === "'") {
      if (pattern[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      const end = pattern.indexOf("'", i + 1);
      out += pattern.slice(i + 1, end < 0 ? pattern.length : end);
      i = end < 0 ? pattern.length : end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(ch)) {
      out += ch;
      i++;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === ch) n++;
    i += n;
    switch (ch) {
      case 'y':
      case 'Y':
      case 'u':
        if (ch === 'u') {
          out += String(f.dayOfWeek === 1 ? 7 : f.dayOfWeek - 1);
          break;
        }
        out += n === 2 ? pad(f.year % 100, 2) : pad(f.year, n);
        break;
      case 'M':
      case 'L':
        out += n >= 4 ? MONTHS[f.month - 1]! : n === 3 ? MONTHS[f.month - 1]!.slice(0, 3) : pad(f.month, n);
        break;
      case 'd':
        out += pad(f.day, n);
        break;
      case 'D':
        out += pad(f.epochDay - epochDayOf(f.year, 1, 1) + 1, n);
        break;
      case 'w':
        out += pad(weekOfYear(f.epochDay), n);
        break;
      case 'E':
        out += n >= 4 ? DAYS[f.dayOfWeek - 1]! : DAYS[f.dayOfWeek - 1]!.slice(0, 3);
        break;
      case 'H':
        out += pad(f.hour, n);
        break;
      case 'k':
        out += pad(f.hour === 0 ? 24 : f.hour, n);
        break;
      case 'h':
        out += pad(f.hour % 12 === 0 ? 12 : f.hour % 12, n);
        break;
      case 'K':
        out += pad(f.hour % 12, n);
        break;
      case 'm':
        out += pad(f.minute, n);
        break;
      case 's':
        out += pad(f.second, n);
        break;
      case 'S':
        out += pad(f.millisecond, Math.max(n, 3)).slice(0, Math.max(n, 3));
        break;
      case 'a':
        out += f.hour < 12 ? 'AM' : 'PM';
        break;
      case 'Z':
        out += offsetText(offset, 'Z');
        break;
      case 'X':
        out += offsetText(offset, n >= 3 ? 'XXX' : 'X');
        break;
      case 'z':
        out += offsetText(offset, 'z');
        break;
      default:
        out += ch.repeat(n);
    }
  }
  return out;
}
