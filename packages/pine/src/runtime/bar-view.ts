// The `current` bar of a RuntimeContext. A class (not a literal) so every access site stays
// monomorphic; `newDay` is computed on demand (it needs time-zone work most scripts never use) from
// the stdlib's trading calendar, so session-aware built-ins and the broker agree on day boundaries.
import type { BarColumns } from '../core/bars.js';
import type { BarView } from '../core/context.js';
import type { SymbolInfo } from '../core/symbol.js';
import { calendarFor, tradingDayOfLocal, type TradingCalendar } from '../stdlib/calendar.js';

export class CurrentBar implements BarView {
  /** Index of the bar being executed; the OHLCV fields read the columns lazily (one write per bar). */
  index = 0;
  private calendar: TradingCalendar | null = null;
  private lastDayBar = -2;
  private lastDay = NaN;
  private readonly cols: BarColumns;

  constructor(
    private readonly bars: BarColumns,
    private readonly syminfo: SymbolInfo,
    private readonly barMs: number,
  ) {
    this.cols = bars;
  }

  /** Loads bar i; called by the executor before each step. */
  load(i: number): void {
    this.index = i;
  }

  get open(): number {
    return this.cols.open[this.index]!;
  }
  get high(): number {
    return this.cols.high[this.index]!;
  }
  get low(): number {
    return this.cols.low[this.index]!;
  }
  get close(): number {
    return this.cols.close[this.index]!;
  }
  get volume(): number {
    return this.cols.volume[this.index]!;
  }
  get time(): number {
    return this.cols.time[this.index]!;
  }
  /** Nominal close (open + timeframe); the next bar's open only when the timeframe is unknown. */
  get timeClose(): number {
    const i = this.index;
    const b = this.cols;
    return this.barMs === this.barMs ? b.time[i]! + this.barMs : i + 1 < b.length ? b.time[i + 1]! : NaN;
  }

  private tradingDay(i: number): number {
    if (i === this.lastDayBar) return this.lastDay;
    const cal = (this.calendar ??= calendarFor(this.syminfo));
    const t = this.bars.time[i]!;
    const d = tradingDayOfLocal(cal, t + cal.zone.offsetAt(t));
    this.lastDayBar = i;
    this.lastDay = d;
    return d;
  }

  /** True on the first bar of a trading day (bar 0 always). */
  get newDay(): boolean {
    const i = this.index;
    if (i <= 0) return true;
    const prev = this.tradingDay(i - 1);
    return this.tradingDay(i) !== prev;
  }
}
