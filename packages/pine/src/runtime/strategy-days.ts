// First bar of each trading day for the strategy driver (the broker's daily risk rules). Bars arrive in time
// order and a trading day holds hundreds of intraday bars, so the UTC span of the current trading day is
// remembered and a bar inside it costs two comparisons instead of a zone-offset lookup and a day division.
import { tradingDayOfLocal, type TradingCalendar } from '../stdlib/calendar.js';
import { MS_PER_DAY } from '../stdlib/timezone.js';

export class TradingDayTracker {
  private prevDay = NaN;
  /** UTC instants [from, to) known to lie in trading day `prevDay`. */
  private from = NaN;
  private to = NaN;

  constructor(private readonly cal: TradingCalendar) {}

  /** True when `time` (a bar's open, Unix ms) starts a trading day other than the previous bar's. */
  isNewDay(time: number): boolean {
    if (time >= this.from && time < this.to) return false;
    const off = this.cal.zone.offsetAt(time);
    const day = tradingDayOfLocal(this.cal, time + off);
    const fresh = day !== this.prevDay;
    this.prevDay = day;
    this.remember(time, day, off);
    return fresh;
  }

  /** Caches the rest of trading day `day` from `time` on, provided the zone's offset stays `off` to its end
   *  (a day with an offset change is looked up bar by bar). */
  private remember(time: number, day: number, off: number): void {
    this.from = this.to = NaN;
    if (day !== day) return;
    // tradingDayOfLocal floors (local + shift) by whole days; the next day starts at local (day + 1)·DAY − shift.
    // The boundary is checked against tradingDayOfLocal itself, so a calendar rule this guess misses only
    // costs the cache.
    const shift = this.cal.crossesMidnight ? MS_PER_DAY - this.cal.sessionStartMs : 0;
    const nextLocal = (day + 1) * MS_PER_DAY - shift;
    if (tradingDayOfLocal(this.cal, nextLocal) !== day + 1 || tradingDayOfLocal(this.cal, nextLocal - 1) !== day) return;
    const to = nextLocal - off;
    if (!(to > time) || this.cal.zone.offsetAt(to - 1) !== off) return;
    this.from = time;
    this.to = to;
  }
}
