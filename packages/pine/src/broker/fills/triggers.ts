// Which pending orders fill where: along a continuous move of price, or instantly at the current price.
// Pure decisions; the broker applies them (fills, slippage, ledger).
import { entrySide, isMarket, type CloseOrder, type EntryOrder, type ExitOrder, type Order } from '../orders.js';
import type { OpenTrade } from '../trades.js';
import { allocateExits, effectiveStop } from './exits.js';
import { bracketFor, entryLevels } from './levels.js';

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

const exitsOf = (book: Book): ExitOrder[] => book.orders.filter((o): o is ExitOrder => o.kind === 'exit');

/** Orders whose level lies on the move from `from` (exclusive) to `to` (inclusive). */
export function segmentTriggers(book: Book, from: number, to: number): Trigger[] {
  const up = to > from;
  // A buy stop / sell limit needs price to rise to its level, a sell stop / buy limit to fall.
  const onMove = (level: number, needUp: boolean): boolean =>
    up === needUp && (up ? level > from && level <= to : level < from && level >= to);
  const through = book.fillLimitTicks * book.tick;
  const out: Trigger[] = [];
  const alloc = allocateExits(exitsOf(book), book.openTrades, book.qtyStep);
  for (const o of book.orders) {
    if (o.kind === 'entry' || o.kind === 'order') {
      if (isMarket(o)) continue;
      const buy = entrySide(o) > 0;
      const lv = entryLevels(o, book.tick);
      if (given(lv.stop) && !o.stopTriggered) {
        if (onMove(lv.stop, buy))
          out.push({ kind: 'entry', order: o, level: lv.stop, price: lv.stop, slip: true, activate: given(lv.limit), rank: RANK_PRICE, seq: o.seq });
      } else if (given(lv.limit)) {
        const trigger = buy ? lv.limit - through : lv.limit + through;
        if (onMove(trigger, !buy))
          out.push({ kind: 'entry', order: o, level: trigger, price: lv.limit, slip: false, activate: false, rank: RANK_PRICE, seq: o.seq });
      }
    } else if (o.kind === 'exit') {
      for (const { trade, qty } of alloc.get(o) ?? []) {
        const b = bracketFor(o, trade, book.tick);
        const buy = trade.direction === 'short';
        if (given(b.tp)) {
          const trigger = buy ? b.tp - through : b.tp + through;
          if (onMove(trigger, !buy))
            out.push({ kind: 'exit', order: o, trade, qty, level: trigger, price: b.tp, slip: false, comment: o.commentProfit, rank: RANK_EXIT, seq: o.seq });
        }
        const stop = effectiveStop(o, trade, b, book.tick);
        if (stop && onMove(stop.level, buy))
          out.push({ kind: 'exit', order: o, trade, qty, level: stop.level, price: stop.level, slip: true, comment: stop.comment, rank: RANK_EXIT, seq: o.seq });
      }
    }
  }
  return out;
}

/** Orders satisfied at price `p` without moving: gap opens, exits attached mid-path, process-on-close. */
export function instantTriggers(book: Book, p: number, marketEligible: boolean): Trigger[] {
  const through = book.fillLimitTicks * book.tick;
  const out: Trigger[] = [];
  const alloc = allocateExits(exitsOf(book), book.openTrades, book.qtyStep);
  for (const o of book.orders) {
    if (o.kind === 'close') {
      if (marketEligible) out.push({ kind: 'close', order: o, level: p, price: p, slip: true, rank: RANK_MARKET, seq: o.seq });
    } else if (o.kind === 'entry' || o.kind === 'order') {
      const buy = entrySide(o) > 0;
      if (isMarket(o)) {
        if (marketEligible) out.push({ kind: 'entry', order: o, level: p, price: p, slip: true, activate: false, rank: RANK_MARKET, seq: o.seq });
        continue;
      }
      const lv = entryLevels(o, book.tick);
      if (given(lv.stop) && !o.stopTriggered) {
        if (buy ? p >= lv.stop : p <= lv.stop)
          out.push({ kind: 'entry', order: o, level: p, price: p, slip: true, activate: given(lv.limit), rank: RANK_PRICE, seq: o.seq });
      } else if (given(lv.limit)) {
        if (buy ? p <= lv.limit - through : p >= lv.limit + through)
          out.push({ kind: 'entry', order: o, level: p, price: p, slip: false, activate: false, rank: RANK_PRICE, seq: o.seq });
      }
    } else if (o.kind === 'exit') {
      for (const { trade, qty } of alloc.get(o) ?? []) {
        const b = bracketFor(o, trade, book.tick);
        const buy = trade.direction === 'short';
        if (given(b.tp) && (buy ? p <= b.tp - through : p >= b.tp + through)) {
          out.push({ kind: 'exit', order: o, trade, qty, level: p, price: p, slip: false, comment: o.commentProfit, rank: RANK_EXIT, seq: o.seq });
          continue;
        }
        const stop = effectiveStop(o, trade, b, book.tick);
        if (stop && (buy ? p >= stop.level : p <= stop.level))
          out.push({ kind: 'exit', order: o, trade, qty, level: p, price: p, slip: true, comment: stop.comment, rank: RANK_EXIT, seq: o.seq });
      }
    }
  }
  return out;
}
