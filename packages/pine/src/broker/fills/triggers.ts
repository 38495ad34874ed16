// Which pending orders fill where: along a continuous move of price, or instantly at the current price.
// Pure decisions; the broker applies them (fills, slippage, ledger).
import { entrySide, isMarket, type CloseOrder, type EntryOrder, type ExitOrder, type Order } from '../orders.js';
import type { OpenTrade } from '../trades.js';
import { allocateExits, effectiveStop } from './exits.js';
import { bracketFor, entryLimitLevel, entryStopLevel } from './levels.js';

export type Trigger =
  /** `activate`: a stop-limit's stop traded; it becomes a limit order, nothing fills yet. */
  | { kind: 'entry'; order: EntryOrder; level: number; price: number; slip: boolean; activate: boolean; rank: number; seq: number }
  | { kind: 'exit'; order: ExitOrder; trade: OpenTrade; qty: number; level: number; price: number; slip: boolean; comment: string; rank: number; seq: number }
  | { kind: 'close'; order: CloseOrder; level: number; price: number; slip: boolean; rank: number; seq: number };

export interface Book {
  orders: readonly Order[];
  openTrades: readonly OpenTrade[];
  tick: number;
  qtyStep: number;
  /** Ticks a limit must trade through before it counts as filled (backtest_fill_limits_assumption). */
  fillLimitTicks: number;
}

// At one price, exits go before entries (spec §1.4: exits crossed at the open fill before same-open entries),
// price entries before market orders; creation order breaks remaining ties.
const RANK_EXIT = 0;
const RANK_PRICE = 1;
const RANK_MARKET = 2;

const given = (x: number): boolean => x === x;

/** Is a level on the move from `from` (exclusive) to `to` (inclusive), and is the move in the direction the
 *  order needs (a buy stop / sell limit needs price to rise to its level, a sell stop / buy limit to fall)? */
function onMove(level: number, needUp: boolean, from: number, to: number): boolean {
  const up = to > from;
  return up === needUp && (up ? level > from && level <= to : level < from && level >= to);
}

/** Does (level, rank, seq) come before `best` on a move? Nearest level first in the direction of travel,
 *  then rank, then creation order. Strict, so among equals the first one found wins (a stable sort's pick). */
function beforeOnMove(level: number, rank: number, seq: number, best: Trigger | null, up: boolean): boolean {
  if (best === null) return true;
  return ((up ? level - best.level : best.level - level) || rank - best.rank || seq - best.seq) < 0;
}

/** At one price: by rank, then creation order; strict as above. */
function beforeAtPrice(rank: number, seq: number, best: Trigger | null): boolean {
  return best === null || (rank - best.rank || seq - best.seq) < 0;
}

/**
 * The first order to trade on the move from `from` (exclusive) to `to` (inclusive), or null. Only the winner
 * is built: the broker fills it, then asks again from its level.
 */
export function nextSegmentTrigger(book: Book, from: number, to: number): Trigger | null {
  const up = to > from;
  const through = book.fillLimitTicks * book.tick;
  let best: Trigger | null = null;
  const alloc = allocateExits(book.orders, book.openTrades, book.qtyStep);
  for (const o of book.orders) {
    if (o.kind === 'entry' || o.kind === 'order') {
      if (isMarket(o)) continue;
      const buy = entrySide(o) > 0;
      const stop = entryStopLevel(o, book.tick);
      if (given(stop) && !o.stopTriggered) {
        if (onMove(stop, buy, from, to) && beforeOnMove(stop, RANK_PRICE, o.seq, best, up))
          best = { kind: 'entry', order: o, level: stop, price: stop, slip: true, activate: given(o.limit), rank: RANK_PRICE, seq: o.seq };
      } else if (given(o.limit)) {
        const limit = entryLimitLevel(o, book.tick);
        const trigger = buy ? limit - through : limit + through;
        if (onMove(trigger, !buy, from, to) && beforeOnMove(trigger, RANK_PRICE, o.seq, best, up))
          best = { kind: 'entry', order: o, level: trigger, price: limit, slip: false, activate: false, rank: RANK_PRICE, seq: o.seq };
      }
    } else if (o.kind === 'exit') {
      const legs = alloc.get(o);
      if (legs === undefined) continue;
      for (const { trade, qty } of legs) {
        const b = bracketFor(o, trade, book.tick);
        const buy = trade.direction === 'short';
        if (given(b.tp)) {
          const trigger = buy ? b.tp - through : b.tp + through;
          if (onMove(trigger, !buy, from, to) && beforeOnMove(trigger, RANK_EXIT, o.seq, best, up))
            best = { kind: 'exit', order: o, trade, qty, level: trigger, price: b.tp, slip: false, comment: o.commentProfit, rank: RANK_EXIT, seq: o.seq };
        }
        const stop = effectiveStop(o, trade, b, book.tick);
        if (stop && onMove(stop.level, buy, from, to) && beforeOnMove(stop.level, RANK_EXIT, o.seq, best, up))
          best = { kind: 'exit', order: o, trade, qty, level: stop.level, price: stop.level, slip: true, comment: stop.comment, rank: RANK_EXIT, seq: o.seq };
      }
    }
  }
  return best;
}

/** The first order satisfied at price `p` without moving (gap opens, exits attached mid-path,
 *  process-on-close), or null. */
export function nextInstantTrigger(book: Book, p: number, marketEligible: boolean): Trigger | null {
  const through = book.fillLimitTicks * book.tick;
  let best: Trigger | null = null;
  const alloc = allocateExits(book.orders, book.openTrades, book.qtyStep);
  for (const o of book.orders) {
    if (o.kind === 'close') {
      if (marketEligible && beforeAtPrice(RANK_MARKET, o.seq, best))
        best = { kind: 'close', order: o, level: p, price: p, slip: true, rank: RANK_MARKET, seq: o.seq };
    } else if (o.kind === 'entry' || o.kind === 'order') {
      const buy = entrySide(o) > 0;
      if (isMarket(o)) {
        if (marketEligible && beforeAtPrice(RANK_MARKET, o.seq, best))
          best = { kind: 'entry', order: o, level: p, price: p, slip: true, activate: false, rank: RANK_MARKET, seq: o.seq };
        continue;
      }
      const stop = entryStopLevel(o, book.tick);
      if (given(stop) && !o.stopTriggered) {
        if ((buy ? p >= stop : p <= stop) && beforeAtPrice(RANK_PRICE, o.seq, best))
          best = { kind: 'entry', order: o, level: p, price: p, slip: true, activate: given(o.limit), rank: RANK_PRICE, seq: o.seq };
      } else if (given(o.limit)) {
        const limit = entryLimitLevel(o, book.tick);
        if ((buy ? p <= limit - through : p >= limit + through) && beforeAtPrice(RANK_PRICE, o.seq, best))
          best = { kind: 'entry', order: o, level: p, price: p, slip: false, activate: false, rank: RANK_PRICE, seq: o.seq };
      }
    } else if (o.kind === 'exit') {
      const legs = alloc.get(o);
      if (legs === undefined) continue;
      for (const { trade, qty } of legs) {
        const b = bracketFor(o, trade, book.tick);
        const buy = trade.direction === 'short';
        if (given(b.tp) && (buy ? p <= b.tp - through : p >= b.tp + through)) {
          if (beforeAtPrice(RANK_EXIT, o.seq, best))
            best = { kind: 'exit', order: o, trade, qty, level: p, price: p, slip: false, comment: o.commentProfit, rank: RANK_EXIT, seq: o.seq };
          continue;
        }
        const stop = effectiveStop(o, trade, b, book.tick);
        if (stop && (buy ? p >= stop.level : p <= stop.level) && beforeAtPrice(RANK_EXIT, o.seq, best))
          best = { kind: 'exit', order: o, trade, qty, level: p, price: p, slip: true, comment: stop.comment, rank: RANK_EXIT, seq: o.seq };
      }
    }
  }
  return best;
}
