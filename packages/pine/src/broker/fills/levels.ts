// Price levels of orders on the tick grid, and the exit bracket of one trade.
import type { EntryOrder, ExitOrder } from '../orders.js';
import type { OpenTrade } from '../trades.js';
import { awayFrom, ceilToStep, floorToStep } from '../ticks.js';

const given = (x: number): boolean => x === x && x !== undefined;

/** First grid price at which a buy stop (touch from below) or sell stop (from above) trades. */
export const stopLevel = (stop: number, buy: boolean, tick: number): number =>
  buy ? ceilToStep(stop, tick) : floorToStep(stop, tick);

/** First grid price at which a buy limit (at or below) or sell limit (at or above) trades. */
export const limitLevel = (limit: number, buy: boolean, tick: number): number =>
  buy ? floorToStep(limit, tick) : ceilToStep(limit, tick);

/** An entry's stop on the tick grid, NaN if it has none. */
export const entryStopLevel = (o: EntryOrder, tick: number): number => (given(o.stop) ? stopLevel(o.stop, o.direction === 'long', tick) : NaN);

/** An entry's limit on the tick grid, NaN if it has none. */
export const entryLimitLevel = (o: EntryOrder, tick: number): number => (given(o.limit) ? limitLevel(o.limit, o.direction === 'long', tick) : NaN);

export interface Bracket {
  /** Take-profit limit level, NaN if none. */
  tp: number;
  /** Stop-loss level, NaN if none. */
  sl: number;
  /** Price at which the trailing stop activates, NaN if no trailing leg. */
  trailActivation: number;
  /** Trailing distance in price units. */
  trailOffset: number;
}

/**
 * The bracket `exit` puts around `trade`. Tick distances are measured from the trade's own entry price
 * and snapped away from it; when both a tick distance and an absolute level are given, the level price
 * reaches first wins (v6).
 */
export function bracketFor(exit: ExitOrder, trade: OpenTrade, tick: number): Bracket {
  let b = exit.brackets.get(trade.serial);
  if (!b) exit.brackets.set(trade.serial, (b = computeBracket(exit, trade, tick)));
  return b;
}

function computeBracket(exit: ExitOrder, trade: OpenTrade, tick: number): Bracket {
  const s = trade.direction === 'long' ? 1 : -1;
  const e = trade.entryPrice;
  const fromTicks = (ticks: number): number => awayFrom(e + s * ticks * tick, e, tick);
  const nearer = (a: number, b: number, towardUp: boolean): number =>
    !given(a) ? b : !given(b) ? a : towardUp ? Math.min(a, b) : Math.max(a, b);

  const exitIsBuy = s < 0;
  const tpAbs = given(exit.limit) ? limitLevel(exit.limit, exitIsBuy, tick) : NaN;
  const tpTicks = given(exit.profit) ? fromTicks(exit.profit) : NaN;
  const slAbs = given(exit.stop) ? stopLevel(exit.stop, exitIsBuy, tick) : NaN;
  const slTicks = given(exit.loss) ? fromTicks(-exit.loss) : NaN;
  const trAbs = given(exit.trailPrice) ? exit.trailPrice : NaN;
  const trTicks = given(exit.trailPoints) ? fromTicks(exit.trailPoints) : NaN;
  const hasTrail = (given(trAbs) || given(trTicks)) && given(exit.trailOffset);
  return {
    // A long's profit target is reached first when it is lower, a short's when higher.
    tp: nearer(tpAbs, tpTicks, s > 0),
    // A long's stop is reached first when it is higher.
    sl: nearer(slAbs, slTicks, s < 0),
    trailActivation: hasTrail ? nearer(trAbs, trTicks, s > 0) : NaN,
    trailOffset: hasTrail ? Math.trunc(exit.trailOffset) * tick : NaN,
  };
}
