// The ledger: open and closed trades and the running results. Two verbs change it, `open` and `close`;
// commission is charged in exactly those two places. The position is a view over the open trades.
import { commissionFor, type CommissionModel } from './commission.js';
import { dirSign, grossPnl, type ClosedTrade, type OpenTrade } from './trades.js';
import type { CurrencyConverter, Direction } from './types.js';
import { ClosedTradeStore } from './closed-trades.js';

const EPS_QTY = 1e-9;

/** Where a fill happened: chart bar index and its open time (the trade list shows fills at bar times). */
export interface FillStamp {
  bar: number;
  time: number;
}

export interface EntryRef {
  id: string;
  comment: string;
  /** Sequence number of the entry order (exit `from_entry` coverage uses it). */
  seq: number;
}

export class Ledger {
  readonly openTrades: OpenTrade[] = [];
  /** Closed trades in columns (closed-trades.ts); `closedTrades` is the object view. */
  readonly closed = new ClosedTradeStore();
  /**
   * strategy.netprofit as TradingView keeps it: closed-trade P&L *and* the entry commission of trades still
   * open (charged when the entry fills). The slippage_pyramiding export shows it: its Cumulative P&L after
   * the first of three simultaneous closes already includes the other two trades' entry fees.
   */
  netProfit = 0;
  /** Σ net P&L of closed trades only. */
  closedProfit = 0;
  grossProfit = 0;
  grossLoss = 0;
  commissionPaid = 0;
  winTrades = 0;
  lossTrades = 0;
  evenTrades = 0;
  readonly maxContractsHeld = { all: 0, long: 0, short: 0 };
  /** Extremes of closed-trade equity (initial capital included), the basis of TradingView's max drawdown/run-up. */
  peakClosedEquity: number;
  troughClosedEquity: number;
  private serial = 0;
  /**
   * Bumped by every change to the open trades or the cash results (the two verbs below). Views derived
   * from them (position size and average price here, open profit in the broker) are cached against it:
   * they are read several times per path point, and recomputing them only after a fill keeps a bar without
   * fills from rescanning the trades.
   */
  version = 0;
  private positionVersion = -1;
  private cachedSize = 0;
  private cachedAvgPrice = NaN;

  constructor(
    private readonly initialCapital: number,
    private readonly commission: CommissionModel,
    private readonly toAccount: CurrencyConverter,
  ) {
    this.peakClosedEquity = initialCapital;
    this.troughClosedEquity = initialCapital;
  }

  get closedTrades(): readonly ClosedTrade[] {
    return this.closed.list();
  }

  private get pointValue(): number {
    return this.commission.pointValue;
  }

  get positionSize(): number {
    if (this.positionVersion !== this.version) this.refreshPosition();
    return this.cachedSize;
  }

  get positionAvgPrice(): number {
    if (this.positionVersion !== this.version) this.refreshPosition();
    return this.cachedAvgPrice;
  }

  private refreshPosition(): void {
    let s = 0;
    let q = 0;
    let v = 0;
    for (const t of this.openTrades) {
      s += dirSign(t.direction) * t.qty;
      q += t.qty;
      v += t.qty * t.entryPrice;
    }
    this.cachedSize = Math.abs(s) < EPS_QTY ? 0 : s;
    this.cachedAvgPrice = q > 0 ? v / q : NaN;
    this.positionVersion = this.version;
  }

  /** strategy.openprofit: unrealised P&L of open trades at `price` (their entry commission is already in
   *  netProfit), account currency. */
  openProfitAt(price: number, time: number): number {
    let p = 0;
    for (const t of this.openTrades) p += this.toAccount(grossPnl(t, t.qty, price, this.pointValue), time);
    return p;
  }

  /** Records the best and worst prices open trades have seen (per-trade run-up and drawdown). */
  markPrice(price: number): void {
    for (const t of this.openTrades) {
      const s = dirSign(t.direction);
      if (s * (price - t.bestPrice) > 0) t.bestPrice = price;
      if (s * (price - t.worstPrice) < 0) t.worstPrice = price;
    }
  }

  /** Opens a trade. `share` = the part of a per-order fee this leg carries (½ on a reversal). */
  open(entry: EntryRef, dir: Direction, qty: number, price: number, share: number, at: FillStamp): OpenTrade {
    const comm = this.toAccount(commissionFor(this.commission, qty, price, share), at.time);
    this.commissionPaid += comm;
    this.netProfit -= comm;
    const t: OpenTrade = {
      serial: ++this.serial, direction: dir, entryId: entry.id, entryComment: entry.comment, entryOrderSeq: entry.seq,
      entryPrice: price, entryBar: at.bar, entryTime: at.time, qty, initialQty: qty, entryCommission: comm,
      bestPrice: price, worstPrice: price,
    };
    this.openTrades.push(t);
    this.version++;
    const pos = Math.abs(this.positionSize);
    this.maxContractsHeld.all = Math.max(this.maxContractsHeld.all, pos);
    this.maxContractsHeld[dir] = Math.max(this.maxContractsHeld[dir], pos);
    return t;
  }

  /**
   * Closes `qty` at `price`: oldest trades first (FIFO), or only `targets` (close_entries_rule "ANY").
   * A partially closed trade keeps its remaining part open. Returns the quantity closed.
   */
  close(qty: number, price: number, exitId: string, exitComment: string, targets: readonly OpenTrade[] | null, share: number, at: FillStamp): number {
    let left = qty;
    const pv = this.pointValue;
    const time = at.time;
    const toAccount = this.toAccount;
    const open = this.openTrades;
    // Oldest first. A fully closed trade leaves `openTrades` at once; when that is the list being walked,
    // the next trade moves into the same index. (No copy of the list and no closures: a reversal strategy
    // closes a trade every few bars.)
    const list = targets ?? open;
    for (let i = 0; i < list.length && left > EPS_QTY; ) {
      const t = list[i]!;
      const q = Math.min(t.qty, left);
      const full = q >= t.qty - EPS_QTY;
      left -= q;
      const entryComm = full ? t.entryCommission : (t.entryCommission * q) / t.qty;
      const exitComm = toAccount(commissionFor(this.commission, q, price, (share * q) / qty), time);
      this.commissionPaid += exitComm;
      const profit = toAccount(grossPnl(t, q, price, pv), time) - entryComm - exitComm;
      this.netProfit += profit + entryComm;
      this.closedProfit += profit;
      const entryValue = toAccount(q * t.entryPrice * pv, time);
      // excursions(), term by term.
      const s = dirSign(t.direction);
      const runup = Math.max(0, toAccount(s * (t.bestPrice - t.entryPrice) * q * pv, time) - entryComm);
      const drawdown = Math.max(0, entryComm - toAccount(s * (t.worstPrice - t.entryPrice) * q * pv, time));
      const c = this.closed;
      const k = c.append(t.direction, t.entryId, t.entryComment, exitId, exitComment);
      c.serial[k] = t.serial;
      c.entryPrice[k] = t.entryPrice;
      c.entryBar[k] = t.entryBar;
      c.entryTime[k] = t.entryTime;
      c.exitPrice[k] = price;
      c.exitBar[k] = at.bar;
      c.exitTime[k] = time;
      c.qty[k] = q;
      c.commission[k] = entryComm + exitComm;
      c.profit[k] = profit;
      c.profitPercent[k] = percentOf(profit, entryValue);
      c.cumulativeProfit[k] = this.netProfit;
      c.maxRunup[k] = runup;
      c.maxRunupPercent[k] = percentOf(runup, entryValue);
      c.maxDrawdown[k] = drawdown;
      c.maxDrawdownPercent[k] = percentOf(drawdown, entryValue);
      if (profit > 0) {
        this.grossProfit += profit;
        this.winTrades++;
      } else if (profit < 0) {
        this.grossLoss -= profit;
        this.lossTrades++;
      } else this.evenTrades++;
      if (full) {
        open.splice(list === open ? i : open.indexOf(t), 1);
        if (list !== open) i++;
      } else {
        t.qty -= q;
        t.entryCommission -= entryComm;
        i++;
      }
    }
    this.version++;
    const closedEquity = this.initialCapital + this.closedProfit;
    this.peakClosedEquity = Math.max(this.peakClosedEquity, closedEquity);
    this.troughClosedEquity = Math.min(this.troughClosedEquity, closedEquity);
    return qty - left;
  }
}

/** `x` as a percentage of a trade's entry value (0 when the value is not positive). */
const percentOf = (x: number, entryValue: number): number => (entryValue > 0 ? (x / entryValue) * 100 : 0);

/**
 * A trade's run-up and drawdown (List of Trades): the most favourable and most adverse price seen while it was
 * open, × qty × point value, with the entry commission counted against the trade (run-up net of it, drawdown
 * including it), as TradingView's exports show for commissioned strategies.
 */
export function excursions(t: OpenTrade, qty: number, entryComm: number, acc: (x: number) => number, pv: number): { runup: number; drawdown: number } {
  const s = dirSign(t.direction);
  const best = acc(s * (t.bestPrice - t.entryPrice) * qty * pv);
  const worst = acc(s * (t.worstPrice - t.entryPrice) * qty * pv);
  return { runup: Math.max(0, best - entryComm), drawdown: Math.max(0, entryComm - worst) };
}
