// Pending orders. An order's kind says which command created it; its levels say its type
// (no limit/stop = market, limit, stop, both = stop-limit). NaN = not given.
import type { Bracket } from './fills/levels.js';
import type { Direction, OcaType, Side } from './types.js';

interface OrderBase {
  /** Creation sequence number: ties on the price path are broken by it (earlier first). */
  seq: number;
  id: string;
  comment: string;
  /** Bar index on which the order was (last) placed or modified. */
  placedBar: number;
}

/** strategy.entry / strategy.order. */
export interface EntryOrder extends OrderBase {
  kind: 'entry' | 'order';
  direction: Direction;
  /** Quantity of the new exposure. */
  qty: number;
  /** strategy.entry only: the opposite position's size when the order was placed. TradingView sizes the order
   *  as qty + that size, frozen at placement: an entry placed while flat that fills against an opposite
   *  position only closes it (slippage_limit fixture, trade 6). */
  reverseQty: number;
  limit: number;
  stop: number;
  /** A stop-limit whose stop has traded becomes a plain limit order. */
  stopTriggered: boolean;
  ocaName: string;
  ocaType: OcaType;
  /** The execution that created a market order can still cancel it; later ones cannot. */
  tickCreated: number;
}

/** strategy.close / strategy.close_all: a market order bound to the trades open when it was issued. */
export interface CloseOrder extends OrderBase {
  kind: 'close';
  /** Entry id to close; null = the whole position (close_all). */
  entryId: string | null;
  qty: number;
  qtyPercent: number;
  /** Trade serial numbers the close may act on. */
  boundTrades: Set<number>;
  tickCreated: number;
}

/** Per-trade state of an exit bracket's trailing leg. */
export interface TrailState {
  active: boolean;
  /** Best price since activation. */
  extreme: number;
}

/** strategy.exit: up to three legs (take-profit, stop-loss, trailing stop) per covered trade, OCO per trade. */
export interface ExitOrder extends OrderBase {
  kind: 'exit';
  fromEntry: string;
  qty: number;
  qtyPercent: number;
  profit: number;
  limit: number;
  loss: number;
  stop: number;
  trailPrice: number;
  trailPoints: number;
  trailOffset: number;
  ocaName: string;
  commentProfit: string;
  commentLoss: string;
  commentTrailing: string;
  /** Trades already served by this exit (a filled leg cancels the bracket's other legs for that trade). */
  done: Set<number>;
  trail: Map<number, TrailState>;
  /** Bracket levels per trade serial, computed once per (re)placement of the exit. */
  brackets: Map<number, Bracket>;
  /** Highest entry-order sequence number this exit may cover (from_entry given: entries placed up to the call). */
  entrySeqCutoff: number;
}

export type Order = EntryOrder | CloseOrder | ExitOrder;

export const isMarket = (o: EntryOrder): boolean => o.limit !== o.limit && o.stop !== o.stop;

export const entrySide = (o: EntryOrder): Side => (o.direction === 'long' ? 1 : -1);

/** Display name in the trade list: the comment when given, else the id. */
export const signalOf = (id: string, comment: string): string => (comment ? comment : id);
