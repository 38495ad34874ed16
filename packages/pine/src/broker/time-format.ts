// Dates in the symbol's time zone via Intl (no hand-written time-zone rules). Intl formatting is slow, so
// the zone's UTC offset is asked once per UTC day and reused while it does not change within that day.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timeZone || 'UTC',
      hourCycle: 'h23',
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's offset from UTC at instant `ms`, in ms, as Intl reports it. */
function intlOffset(ms: number, timeZone: string): number {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(ms))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

const DAY = 86_400_000;
const dayOffsets = new Map<string, Map<number, number>>(); // zone → UTC day → offset (NaN: changes that day)

/** The zone's offset throughout UTC day `day` (days since the epoch), NaN when it changes during that day. */
function utcDayOffset(day: number, timeZone: string): number {
  let zone = dayOffsets.get(timeZone);
  if (!zone) dayOffsets.set(timeZone, (zone = new Map()));
  let off = zone.get(day);
  if (off === undefined) {
    const a = intlOffset(day * DAY, timeZone);
    const b = intlOffset(day * DAY + DAY - 1000, timeZone);
    off = a === b ? a : NaN;
    zone.set(day, off);
  }
  return off;
}

function offsetAt(ms: number, timeZone: string): number {
  const off = utcDayOffset(Math.floor(ms / DAY), timeZone);
  return off === off ? off : intlOffset(ms, timeZone);
}

const pad = (n: number): string => (n < 10 ? '0' + n : String(n));

const dateStrings = new Map<number, string>(); // local day number → "YYYY-MM-DD"

/** "YYYY-MM-DD" of a local day number (days since 1970-01-01 in wall-clock time). */
function dateOf(localDay: number): string {
  let s = dateStrings.get(localDay);
  if (s === undefined) {
    const d = new Date(localDay * DAY);
    s = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    dateStrings.set(localDay, s);
  }
  return s;
}

/** `HH:MM:SS` of a second of the day. */
function clockOf(secs: number): string {
  return `${pad(Math.floor(secs / 3600))}:${pad(Math.floor(secs / 60) % 60)}:${pad(secs % 60)}`;
}

/** `±HHMM` of a UTC offset in ms. */
function offsetSuffix(offset: number): string {
  const abs = Math.abs(offset) / 60_000;
  return `${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

/** `2022-01-02T19:00:00-0500`: the layout of TradingView's List-of-trades export. */
export function formatTradeTime(ms: number, timeZone: string): string {
  const offset = offsetAt(ms, timeZone);
  const wall = ms + offset;
  const day = Math.floor(wall / DAY);
  const secs = Math.floor((wall - day * DAY) / 1000);
  return `${dateOf(day)}T${clockOf(secs)}${offsetSuffix(offset)}`;
}

/**
 * formatTradeTime for many times in one zone (the List of Trades: two per trade, a run can close a hundred
 * thousand). The pieces of the text are cached: the offset for the current UTC day, the date for the
 * current local day, "HH:MM:SS" per second of the day and the "±HHMM" suffix per offset, so a time costs
 * two comparisons and two concatenations instead of lookups, divisions and seven small strings.
 */
export class TradeTimeFormatter {
  /** UTC instants [from, to): one UTC day whose offset is `offset` throughout. */
  private from = NaN;
  private to = NaN;
  private offset = 0;
  private day = NaN;
  private datePrefix = '';
  private suffixOffset = NaN;
  private suffix = '';
  private readonly clock: string[] = [];

  constructor(private readonly timeZone: string) {}

  format(ms: number): string {
    let offset = this.offset;
    if (!(ms >= this.from && ms < this.to)) {
      offset = offsetAt(ms, this.timeZone);
      const u = Math.floor(ms / DAY);
      const whole = utcDayOffset(u, this.timeZone);
      if (whole === whole) {
        this.from = u * DAY;
        this.to = this.from + DAY;
        this.offset = whole;
      } else this.from = this.to = NaN; // the offset changes during this day: ask per time
    }
    const wall = ms + offset;
    const day = Math.floor(wall / DAY);
    if (day !== this.day) {
      this.day = day;
      this.datePrefix = dateOf(day) + 'T';
    }
    const secs = Math.floor((wall - day * DAY) / 1000);
    let clock = this.clock[secs];
    if (clock === undefined) clock = this.clock[secs] = clockOf(secs);
    if (offset !== this.suffixOffset) {
      this.suffixOffset = offset;
      this.suffix = offsetSuffix(offset);
    }
    return this.datePrefix + clock + this.suffix;
  }
}

/** Calendar date (YYYY-MM-DD) of `ms` in `timeZone`. */
export function dayKey(ms: number, timeZone: string): string {
  if (ms !== ms) return '';
  return dateOf(Math.floor((ms + offsetAt(ms, timeZone)) / DAY));
}

/** Calendar month (YYYY-MM) of `ms` in `timeZone`. */
export function monthKey(ms: number, timeZone: string): string {
  return dayKey(ms, timeZone).slice(0, 7);
}

/**
 * Calendar day and month numbers in one time zone for callers that walk bars in time order (the broker's
 * trading days, the summary's return periods). Equal numbers ⇔ equal dayKey/monthKey strings, without
 * building strings: the zone's offset is looked up once per UTC day and reused for every bar in it.
 */
export class LocalCalendar {
  // The last answer holds for UTC times in [from, to): one local day under one offset.
  private from = NaN;
  private to = NaN;
  private day = NaN;
  private monthDay = NaN;
  private month = NaN;

  constructor(private readonly timeZone: string) {}

  /** Days since 1970-01-01 in the zone's wall-clock time; NaN for a NaN time. */
  dayOf(ms: number): number {
    if (ms >= this.from && ms < this.to) return this.day;
    if (ms !== ms) return NaN;
    const u = Math.floor(ms / DAY);
    const off = utcDayOffset(u, this.timeZone);
    if (off !== off) return Math.floor((ms + intlOffset(ms, this.timeZone)) / DAY); // the offset changes today
    const day = Math.floor((ms + off) / DAY);
    // The offset is known for this UTC day only, so the cached range is the local day clipped to it.
    this.from = Math.max(day * DAY - off, u * DAY);
    this.to = Math.min((day + 1) * DAY - off, (u + 1) * DAY);
    this.day = day;
    return day;
  }

  /** year × 12 + month index of the zone's calendar month; NaN for a NaN time. */
  monthOf(ms: number): number {
    const day = this.dayOf(ms);
    if (day !== this.monthDay) {
      this.monthDay = day;
      const d = new Date(day * DAY);
      this.month = d.getUTCFullYear() * 12 + d.getUTCMonth();
    }
    return this.month;
  }
}
