// strategy.risk.* rules (semantics spec §3.9). Evaluated by the broker at every path point and at the close.
// Halting cancels pending orders and flattens the position; a day-scoped halt lifts at the next trading day.
import type { Direction, DirectionFilter } from './types.js';

export type RiskAmountType = 'cash' | 'percent_of_equity';

export interface RiskBreach {
  /** Exit id shown for the forced close (wording not verified against TradingView). */
  exitId: string;
}

export class RiskRules {
  allowed: DirectionFilter = 'all';
  /** NaN = no cap. */
  maxPositionSize = NaN;
  maxDrawdown: { value: number; type: RiskAmountType } | null = null;
  maxIntradayLoss: { value: number; type: RiskAmountType } | null = null;
  maxIntradayFilledOrders = NaN;
  maxConsLossDays = NaN;

  private haltedForever = false;
  private haltedToday = false;
  private maxEquity = NaN;
  private dayStartEquity = NaN;
  private dayMaxEquity = NaN;
  private filledToday = 0;
  private consLossDays = 0;
  private lastEquity = NaN;
  /** A halt decided at a day boundary, reported (and acted on) at the next check. */
  private pending: RiskBreach | null = null;

  get halted(): boolean {
    return this.haltedForever || this.haltedToday;
  }

  /**
   * True while check() can do nothing but track the running equity maxima: no rule set, nothing pending,
   * not halted. The broker then feeds it only a bar's highest equity instead of every point's.
   */
  get idle(): boolean {
    return (
      this.pending === null && !this.haltedForever && !this.haltedToday && this.maxDrawdown === null && this.maxIntradayLoss === null &&
      this.maxIntradayFilledOrders !== this.maxIntradayFilledOrders && this.maxConsLossDays !== this.maxConsLossDays
    );
  }

  allows(d: Direction): boolean {
    return this.allowed === 'all' || this.allowed === d;
  }

  /** A new trading day starts with `equity` (equity at its first tick). */
  startDay(equity: number, hadPreviousDay: boolean): void {
    if (hadPreviousDay && this.lastEquity === this.lastEquity) {
      this.consLossDays = this.lastEquity < this.dayStartEquity ? this.consLossDays + 1 : 0;
      if (!this.haltedForever && this.maxConsLossDays === this.maxConsLossDays && this.consLossDays >= this.maxConsLossDays) {
        this.haltedForever = true;
        this.pending = { exitId: 'Risk: max consecutive loss days' };
      }
    }
    this.haltedToday = false;
    this.filledToday = 0;
    this.dayStartEquity = equity;
    this.dayMaxEquity = equity;
  }

  onFill(): void {
    this.filledToday++;
  }

  endBar(equity: number): void {
    this.lastEquity = equity;
  }

  /**
   * Returns a breach the first time a rule is violated at `equity`; the caller then flattens. Calling it
   * again with the same equity (and no fill in between) changes nothing and returns null: a breach halts,
   * and otherwise every running extreme already includes `equity`. The broker relies on this to check a
   * flat bar once instead of at every path point.
   */
  check(equity: number): RiskBreach | null {
    if (this.pending) {
      const p = this.pending;
      this.pending = null;
      return p;
    }
    if (this.haltedForever || this.haltedToday) return null;
    this.maxEquity = this.maxEquity === this.maxEquity ? Math.max(this.maxEquity, equity) : equity;
    this.dayMaxEquity = this.dayMaxEquity === this.dayMaxEquity ? Math.max(this.dayMaxEquity, equity) : equity;
    // Without equity rules (the usual case) stop here: this runs at every path point, and keeping it small
    // lets the compiler inline it into the broker's loop.
    if (this.maxDrawdown === null && this.maxIntradayLoss === null && this.maxIntradayFilledOrders !== this.maxIntradayFilledOrders) return null;
    return this.evaluate(equity);
  }

  /** The rules proper, once the running extremes include `equity`. */
  private evaluate(equity: number): RiskBreach | null {
    const percentRule = this.maxDrawdown?.type === 'percent_of_equity' || this.maxIntradayLoss?.type === 'percent_of_equity';
    if (percentRule && equity <= 0) {
      this.haltedForever = true;
      return { exitId: 'Risk: equity exhausted' };
    }
    if (this.maxDrawdown) {
      const dd = this.maxEquity - equity;
      const v = this.maxDrawdown.type === 'cash' ? dd : (dd / this.maxEquity) * 100;
      if (v >= this.maxDrawdown.value) {
        this.haltedForever = true;
        return { exitId: 'Risk: max drawdown' };
      }
    }
    if (this.maxIntradayLoss) {
      const loss = this.dayMaxEquity - equity;
      const v = this.maxIntradayLoss.type === 'cash' ? loss : (loss / this.dayMaxEquity) * 100;
      if (v >= this.maxIntradayLoss.value) {
        this.haltedToday = true;
        return { exitId: 'Risk: max intraday loss' };
      }
    }
    if (this.maxIntradayFilledOrders === this.maxIntradayFilledOrders && this.filledToday >= this.maxIntradayFilledOrders) {
      this.haltedToday = true;
      return { exitId: 'Risk: max intraday filled orders' };
    }
    return null;
  }
}
