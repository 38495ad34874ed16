// strategy.exit brackets at fill time: which open trades an exit covers and how much of each, and the
// state of its trailing legs.
import type { ExitOrder, Order } from '../orders.js';
import { floorToStep } from '../ticks.js';
import { dirSign, type OpenTrade } from '../trades.js';
import { bracketFor, limitLevel, type Bracket } from './levels.js';

const EPS_QTY = 1e-9;
const given = (x: number): boolean => x === x;

export interface Allocation {
  trade: OpenTrade;
  qty: number;
}

const covers = (o: ExitOrder, t: OpenTrade): boolean =>
  !o.done.has(t.serial) &&
  // from_entry given: only trades of that id whose entry order existed when the exit was (last) called.
  (o.fromEntry === '' || (t.entryId === o.fromEntry && t.entryOrderSeq <= o.entrySeqCutoff));

/** No exit covers anything (shared: callers only read the map). */
const NO_ALLOCATIONS: ReadonlyMap<ExitOrder, Allocation[]> = new Map();

const isExit = (o: Order): o is ExitOrder => o.kind === 'exit';

/**
 * How much of each open trade every exit in `orders` closes (other orders are skipped). Exits reserve
 * quantity in the order they were first called: a later exit only gets what earlier ones left of a trade
 * (the manual's two-exit example: a 50% take-profit, then a 100% bracket that effectively covers the other
 * half). `qty` is a budget spread over the covered trades oldest first; `qty_percent` applies to each
 * trade's original size.
 */
export function allocateExits(orders: readonly Order[], openTrades: readonly OpenTrade[], qtyStep: number): ReadonlyMap<ExitOrder, Allocation[]> {
  if (openTrades.length === 0 || !orders.some(isExit)) return NO_ALLOCATIONS;
  const out = new Map<ExitOrder, Allocation[]>();
  // Exits keep their sequence number when modified, so the book already lists them in first-call order.
  const budget = orders.map((o) => (o.kind === 'exit' && given(o.qty) ? Math.abs(o.qty) : Infinity));
  for (const t of openTrades) {
    let free = t.qty;
    for (let k = 0; k < orders.length && free > EPS_QTY; k++) {
      const o = orders[k]!;
      if (o.kind !== 'exit' || !covers(o, t)) continue;
      const want = given(o.qty) ? budget[k]! : o.qtyPercent >= 100 ? t.qty : floorToStep((t.initialQty * o.qtyPercent) / 100, qtyStep);
      const q = Math.min(want, free);
      if (q <= EPS_QTY) continue;
      free -= q;
      budget[k] = budget[k]! - q;
      let list = out.get(o);
      if (!list) out.set(o, (list = []));
      list.push({ trade: t, qty: q });
    }
  }
  return out;
}

/** The stop an exit currently holds for a trade: the fixed stop-loss or the active trail, whichever is nearer. */
export function effectiveStop(o: ExitOrder, trade: OpenTrade, b: Bracket, tick: number): { level: number; comment: string } | null {
  const s = dirSign(trade.direction);
  const st = o.trail.get(trade.serial);
  const trail = st?.active ? st.extreme - s * b.trailOffset : NaN;
  // A long's trailing stop is a sell stop: first tradable tick at or below the trail.
  const trailLevel = given(trail) ? limitLevel(trail, s > 0, tick) : NaN;
  const sl = b.sl;
  if (!given(sl) && !given(trailLevel)) return null;
  if (!given(trailLevel) || (given(sl) && (s > 0 ? sl >= trailLevel : sl <= trailLevel))) return { level: sl, comment: o.commentLoss };
  return { level: trailLevel, comment: o.commentTrailing };
}

/**
 * Advances the trailing legs of every exit in `orders` to `price`: a trail activates once price reaches its activation
 * level and then remembers the best price. Called at the end of each continuous move and at each fill
 * point, so a trail armed during a move can only trigger later on the path.
 */
export function updateTrails(orders: readonly Order[], openTrades: readonly OpenTrade[], price: number, tick: number): void {
  if (openTrades.length === 0) return;
  for (const o of orders) {
    if (o.kind !== 'exit' || !given(o.trailOffset)) continue;
    for (const trade of openTrades) {
      if (!covers(o, trade)) continue;
      const b = bracketFor(o, trade, tick);
      if (!given(b.trailActivation)) continue;
      const s = dirSign(trade.direction);
      let st = o.trail.get(trade.serial);
      if (!st) o.trail.set(trade.serial, (st = { active: false, extreme: NaN }));
      if (!st.active && (s > 0 ? price >= b.trailActivation : price <= b.trailActivation)) {
        st.active = true;
        st.extreme = price;
      } else if (st.active && (s > 0 ? price > st.extreme : price < st.extreme)) st.extreme = price;
    }
  }
}
