// The broker: the one object that owns the ledger (orders, open and closed trades, cash results) and
// walks each bar's price path to fill orders the way TradingView's Strategy Tester does.
// Rules are numbered after shared/docs/pine-strategy-semantics.md (§1.4 per-bar order, §1.5 path, §3 commands).
import type { SymbolInfo } from '../core/symbol.js';
import type { CommissionModel } from './commission.js';
import { Ledger, type FillStamp } from './ledger.js';
import { PricePath } from './fills/path.js';
import { updateTrails } from './fills/exits.js';
import { nextInstantTrigger, nextSegmentTrigger, type Book, type Trigger } from './fills/triggers.js';
import { marginCallQty } from './margin.js';
import { entrySide, isMarket, type CloseOrder, type EntryOrder, type ExitOrder, type Order } from './orders.js';
import { RiskRules, type RiskBreach } from './risk.js';
import { maxEntriesPerDirection } from './settings.js';
import { defaultQuantity, type SizingInput } from './sizing.js';
import { floorToStep, roundToStep } from './ticks.js';
import { dirSign, type ClosedTrade, type OpenTrade } from './trades.js';
import type { BrokerBar, CurrencyConverter, Direction, OcaType, StrategySettings } from './types.js';
import { LocalCalendar } from './time-format.js';
import { SeriesStore, type BrokerSeries } from './series.js';
import type { ClosedTradeStore } from './closed-trades.js';

export type { BrokerSeries } from './series.js';

export interface BrokerOptions {
  /** Quantity grid (minimum tradable step); computed sizes are truncated to it. Default: whole units for
   *  stocks, funds, futures and indices; 1e-6 otherwise (FX and crypto trade fractional sizes). */
  qtyStep?: number;
  /** Symbol currency → account currency. Default: identity (same currency). */
  toAccount?: CurrencyConverter;
  /** Number of chart bars the run will have, when known: the per-bar series are allocated once at that
   *  size instead of growing. */
  expectedBars?: number;
}

/** Where the broker stands after a path point produced fills and calc_on_order_fills wants a re-execution. */
export interface FillTick {
  /** Price of the tick: the script sees it as `close` during the re-execution. */
  price: number;
  /** Index of the point in this bar's path (0 = open). */
  point: number;
}

const isGiven = (x: number | undefined): x is number => x !== undefined && x === x;
const EPS_QTY = 1e-9;

export class Broker {
  readonly settings: StrategySettings;
  readonly syminfo: SymbolInfo;
  readonly qtyStep: number;
  readonly toAccount: CurrencyConverter;
  private readonly commission: CommissionModel;

  /** Open and closed trades and the running results (ledger.ts). */
  readonly ledger: Ledger;
  orders: Order[] = [];
  marginCalls = 0;
  /** Intrabar max drawdown / run-up in TradingView's definition (peak closed equity vs worst open equity). */
  maxDrawdown = 0;
  maxDrawdownPercent = 0;
  maxRunup = 0;
  maxRunupPercent = 0;
  readonly risk = new RiskRules();
  private readonly seriesStore: SeriesStore;

  /** Per-bar equity, drawdown, position… (index = bar index). Read it after the run: the arrays are views
   *  of the part written so far. */
  get series(): BrokerSeries {
    return this.seriesStore.series;
  }

  // ---- bar state ----
  barIndex = -1;
  bar: BrokerBar = { time: NaN, open: NaN, high: NaN, low: NaN, close: NaN };
  firstBarTime = NaN;
  lastBarTime = NaN;
  firstClose = NaN;
  lastClose = NaN;
  /** Price of the current tick on the path (the close once the path is walked). */
  cur = NaN;
  private readonly path = new PricePath();
  private pointIdx = 0;
  /** The order book as the fill rules see it; one object kept in step with `orders` (see book()). */
  private readonly bookView: Book;
  /** Counts script executions, so a market order can be cancelled only by the execution that created it. */
  private execId = 0;
  private seq = 0;
  private fillsThisPoint = 0;
  /** Local day number of the previous bar for the calendar-day fallback; NaN = none yet (or an unknown
   *  time), RUNTIME_DAYS = the runtime supplies newDay. */
  private lastDay = NaN;
  private readonly calendar: LocalCalendar;
  /** No currency converter was given: account amounts are symbol amounts. */
  private readonly identityFx: boolean;
  private peakEquity: number;

  constructor(settings: StrategySettings, syminfo: SymbolInfo, options: BrokerOptions = {}) {
    this.settings = settings;
    this.syminfo = syminfo;
    const wholeUnits = ['stock', 'fund', 'dr', 'futures', 'index'].includes(syminfo.type);
    this.qtyStep = options.qtyStep ?? (wholeUnits ? 1 : 1e-6);
    this.toAccount = options.toAccount ?? ((x) => x);
    this.identityFx = options.toAccount === undefined;
    this.commission = { type: settings.commissionType, value: settings.commissionValue, pointValue: syminfo.pointvalue };
    this.ledger = new Ledger(settings.initialCapital, this.commission, this.toAccount);
    this.peakEquity = settings.initialCapital;
    this.seriesStore = new SeriesStore(options.expectedBars);
    this.calendar = new LocalCalendar(syminfo.timezone);
    this.sizing = {
      type: settings.defaultQtyType, value: settings.defaultQtyValue, price: NaN, equity: NaN, pointValue: syminfo.pointvalue,
      commission: { ...this.commission }, qtyStep: this.qtyStep,
    };
    this.bookView = { orders: this.orders, openTrades: this.ledger.openTrades, tick: syminfo.mintick, qtyStep: this.qtyStep, fillLimitTicks: settings.backtestFillLimitsAssumption };
  }

  private get tick(): number {
    return this.syminfo.mintick;
  }

  // =====================================================================================================
  // Bar lifecycle (see index.ts for the contract)
  // =====================================================================================================

  /** Starts a bar: sets up the price path (the magnifier's sub-bars when given and enabled). */
  beginBar(barIndex: number, bar: BrokerBar, subBars?: readonly BrokerBar[]): void {
    this.barIndex = barIndex;
    this.bar = bar;
    if (this.firstBarTime !== this.firstBarTime) this.firstBarTime = bar.time;
    this.lastBarTime = bar.time;
    const magnify = this.settings.useBarMagnifier && subBars !== undefined && subBars.length > 0;
    // A bar without prices (a data gap) trades nothing.
    const priced = bar.open === bar.open && bar.high === bar.high && bar.low === bar.low && bar.close === bar.close;
    if (magnify) this.path.setSubBars(subBars);
    else if (priced) this.path.setBar(bar);
    else this.path.clear();
    this.pointIdx = 0;
    // Trading days drive the intraday risk rules. The runtime's session-aware flag wins; otherwise calendar
    // days in the symbol's time zone (day numbers, cached per UTC day: no date formatting per bar).
    const first = barIndex === 0 || this.lastDay !== this.lastDay;
    let newDay: boolean;
    if (bar.newDay !== undefined) {
      newDay = bar.newDay;
      this.lastDay = RUNTIME_DAYS;
    } else {
      const day = this.calendar.dayOf(bar.time);
      newDay = day !== this.lastDay; // NaN (unknown time) differs from everything; it only matters when `first`
      this.lastDay = day;
    }
    if (newDay || first) this.risk.startDay(this.equityAt(bar.open), !first);
  }

  /**
   * Walks the path until a point produces fills. With calc_on_order_fills that point is returned so the
   * runtime can re-execute the script there (orders it then places are eligible from the next point);
   * fills on the last point (the close) belong to the regular close run, so null is returned then.
   */
  nextFillTick(): FillTick | null {
    const path = this.path;
    if (this.pointIdx < path.length && this.orders.length === 0 && this.ledger.openTrades.length === 0) this.skipFlatPath();
    while (this.pointIdx < path.length) {
      let idx: number;
      let filled: number;
      if (this.orders.length === 0 && this.ledger.openTrades.length > 0) {
        filled = this.holdPath();
        idx = this.pointIdx - 1;
      } else {
        idx = this.pointIdx++;
        filled = this.processPoint(idx);
      }
      if (filled > 0 && this.settings.calcOnOrderFills && this.pointIdx < this.path.length) {
        this.execId++;
        return { price: this.cur, point: idx };
      }
    }
    this.execId++;
    return null;
  }

  /**
   * The rest of the path when flat with nothing pending (most bars of most strategies): no point can fill
   * and the equity is the same at every point, so the points reduce to one risk check (a repeated check at
   * an unchanged equity changes nothing: RiskRules.check) and the price ending at the last point.
   */
  private skipFlatPath(): void {
    const path = this.path;
    this.fillsThisPoint = 0;
    this.cur = path.price[this.pointIdx]!;
    this.checkRisk();
    this.cur = path.price[path.length - 1]!;
    this.pointIdx = path.length;
  }

  /** Everything before the close-of-bar script run, for runtimes that do not re-execute on fills. */
  beforeScript(barIndex: number, bar: BrokerBar, subBars?: readonly BrokerBar[]): void {
    this.beginBar(barIndex, bar, subBars);
    while (this.nextFillTick() !== null) {
      /* re-executions are the runtime's business; without them the walk simply continues */
    }
  }

  /** After the close-of-bar run: process_orders_on_close fills, risk rules, equity marking. */
  afterScript(barIndex: number, bar: BrokerBar): void {
    this.barIndex = barIndex;
    if (bar.close === bar.close) this.cur = bar.close;
    if (this.settings.processOrdersOnClose) {
      this.fillAtCurrent(true);
    }
    const cur = this.cur;
    const ledger = this.ledger;
    const capital = this.settings.initialCapital;
    // checkRisk() with the open profit it needs computed here (the same terms); a breach fills, and the
    // open profit is then re-read (openProfitAt is cached against the ledger version).
    this.checkRiskAt(capital + ledger.netProfit + (cur === cur ? this.openProfitAt(cur) : 0));
    const open = this.openProfitAt(cur);
    if (this.firstClose !== this.firstClose) this.firstClose = cur;
    this.lastClose = cur;
    const netProfit = ledger.netProfit;
    const equity = capital + netProfit + open;
    this.peakEquity = Math.max(this.peakEquity, equity);
    this.seriesStore.set(barIndex, bar.time, equity, open, netProfit, ledger.positionSize, this.peakEquity - equity);
    this.risk.endBar(equity);
    this.execId++;
  }

  /** Ends the run. Open trades stay open (the trade list shows them as "Open"); unfilled orders stay
   *  inspectable in `orders`. */
  finish(): void {
    this.finished = true;
  }

  /** True once finish() ran. */
  finished = false;

  // =====================================================================================================
  // Position views
  // =====================================================================================================

  get openTrades(): readonly OpenTrade[] {
    return this.ledger.openTrades;
  }
  /** Closed trades as objects (built on first read, then kept). */
  get closedTrades(): readonly ClosedTrade[] {
    return this.ledger.closedTrades;
  }
  /** Closed trades in columns: what readers of every trade should walk (no object per trade). */
  get closedStore(): ClosedTradeStore {
    return this.ledger.closed;
  }
  /** strategy.netprofit: closed-trade P&L plus the entry commission already paid by open trades. */
  get netProfit(): number {
    return this.ledger.netProfit;
  }
  /** Σ net P&L of closed trades. */
  get closedProfit(): number {
    return this.ledger.closedProfit;
  }
  get grossProfit(): number {
    return this.ledger.grossProfit;
  }
  get grossLoss(): number {
    return this.ledger.grossLoss;
  }
  get commissionPaid(): number {
    return this.ledger.commissionPaid;
  }
  get winTrades(): number {
    return this.ledger.winTrades;
  }
  get lossTrades(): number {
    return this.ledger.lossTrades;
  }
  get evenTrades(): number {
    return this.ledger.evenTrades;
  }
  get maxContractsHeld(): { all: number; long: number; short: number } {
    return this.ledger.maxContractsHeld;
  }
  get positionSize(): number {
    return this.ledger.positionSize;
  }
  get positionAvgPrice(): number {
    return this.ledger.positionAvgPrice;
  }

  get positionDirection(): Direction | null {
    const s = this.positionSize;
    return s > 0 ? 'long' : s < 0 ? 'short' : null;
  }

  /** strategy.openprofit at `price`: unrealised P&L of open trades, account currency. */
  openProfitAt(price: number): number {
    // Each path point asks for it several times (extremes, margin, risk rules); remember the last answer
    // until the price, the trades (ledger version) or the conversion time change.
    const time = this.bar.time;
    if (price !== this.openProfitPrice || time !== this.openProfitTime || this.ledger.version !== this.openProfitVersion) {
      this.rememberOpenProfit(price, this.ledger.openProfitAt(price, time));
    }
    return this.openProfitValue;
  }
  private rememberOpenProfit(price: number, value: number): void {
    this.openProfitValue = value;
    this.openProfitPrice = price;
    this.openProfitTime = this.bar.time;
    this.openProfitVersion = this.ledger.version;
  }
  private openProfitPrice = NaN;
  private openProfitTime = NaN;
  private openProfitVersion = -1;
  private openProfitValue = 0;

  get openProfit(): number {
    return this.openProfitAt(this.cur);
  }

  equityAt(price: number): number {
    return this.settings.initialCapital + this.netProfit + (price === price ? this.openProfitAt(price) : 0);
  }

  get equity(): number {
    return this.equityAt(this.cur);
  }

  /** Funds committed as margin by the open position at `price`. */
  private marginUsed(price: number): number {
    let m = 0;
    for (const t of this.openTrades) {
      const pct = t.direction === 'long' ? this.settings.marginLong : this.settings.marginShort;
      m += this.toAccount(t.qty * price * this.syminfo.pointvalue, this.bar.time) * (pct / 100);
    }
    return m;
  }

  /** Price at which the open position would get a margin call (strategy.margin_liquidation_price). */
  get marginLiquidationPrice(): number {
    const pos = this.positionSize;
    if (pos === 0) return NaN;
    const m = (pos > 0 ? this.settings.marginLong : this.settings.marginShort) / 100;
    if (m === 0) return NaN;
    // equity(P) = base + pos·pv·P ; margin(P) = |pos|·pv·P·m ; solve equity = margin.
    const pv = this.syminfo.pointvalue;
    let base = this.settings.initialCapital + this.netProfit;
    for (const t of this.openTrades) base -= dirSign(t.direction) * t.qty * t.entryPrice * pv;
    const denom = Math.abs(pos) * pv * m - pos * pv;
    return denom === 0 ? NaN : base / denom;
  }

  // =====================================================================================================
  // Commands (called by the script through bindings.ts)
  // =====================================================================================================

  /** strategy.entry / strategy.order. */
  placeEntry(
    kind: 'entry' | 'order',
    id: string,
    direction: Direction,
    qty: number | undefined,
    limit: number | undefined,
    stop: number | undefined,
    ocaName = '',
    ocaType: OcaType = 'none',
    comment = '',
  ): void {
    if (this.risk.halted) return;
    const lim = isGiven(limit) ? limit : NaN;
    const stp = isGiven(stop) ? stop : NaN;
    if (kind === 'entry' && !this.risk.allows(direction)) {
      // §3.9 allow_entry_in: a forbidden entry only closes the opposite position.
      const pos = this.positionDirection;
      if (pos !== null && pos !== direction) this.placeClose(null, comment || id, undefined, 100, false, id);
      return;
    }
    // §3.2 pyramiding at placement.
    if (kind === 'entry' && this.openCount(direction) >= maxEntriesPerDirection(this.settings) && this.pendingOrder(id, false) === null) return;
    let q = isGiven(qty) ? Math.abs(qty) : this.defaultQty(isGiven(lim) ? lim : isGiven(stp) ? stp : this.cur);
    if (!(q > 0)) return;
    const existing = this.pendingOrder(id, true);
    if (existing) {
      const changed = existing.qty !== q || !same(existing.limit, lim) || !same(existing.stop, stp) || existing.direction !== direction;
      existing.kind = kind;
      existing.direction = direction;
      existing.qty = q;
      existing.reverseQty = this.reverseQtyFor(kind, direction);
      existing.limit = lim;
      existing.stop = stp;
      existing.ocaName = ocaName;
      existing.ocaType = ocaType;
      existing.comment = comment;
      existing.placedBar = this.barIndex;
      if (changed) {
        existing.seq = ++this.seq;
        existing.stopTriggered = false;
        existing.tickCreated = this.execId;
      }
      return;
    }
    const o: EntryOrder = {
      kind, seq: ++this.seq, id, comment, placedBar: this.barIndex, direction, qty: q, reverseQty: this.reverseQtyFor(kind, direction), limit: lim, stop: stp,
      stopTriggered: false, ocaName, ocaType, tickCreated: this.execId,
    };
    this.orders.push(o);
  }

  private reverseQtyFor(kind: 'entry' | 'order', direction: Direction): number {
    const pos = this.positionSize;
    return kind === 'entry' && ((pos > 0 && direction === 'short') || (pos < 0 && direction === 'long')) ? Math.abs(pos) : 0;
  }

  /** Open trades in `direction`. */
  private openCount(direction: Direction): number {
    const trades = this.ledger.openTrades;
    let n = 0;
    for (let k = 0; k < trades.length; k++) if (trades[k]!.direction === direction) n++;
    return n;
  }

  /** The first pending strategy.entry order with `id` (also strategy.order ones with `orOrder`), or null. */
  private pendingOrder(id: string, orOrder: boolean): EntryOrder | null {
    const orders = this.orders;
    for (let k = 0; k < orders.length; k++) {
      const o = orders[k]!;
      if ((o.kind === 'entry' || (orOrder && o.kind === 'order')) && o.id === id) return o;
    }
    return null;
  }

  /** strategy.default_entry_qty(price) and entries without `qty`. */
  defaultQty(price: number): number {
    const s = this.sizing;
    const time = this.bar.time;
    s.price = this.toAccount(price, time);
    s.equity = this.equity;
    s.commission.value = this.commission.type === 'percent' ? this.commission.value : this.toAccount(this.commission.value, time);
    return defaultQuantity(s);
  }
  /** defaultQty's input, refilled per call (an entry without qty is sized on every signal). */
  private readonly sizing: SizingInput;

  /** strategy.exit. */
  placeExit(
    id: string,
    fromEntry = '',
    qty?: number,
    qtyPercent?: number,
    profit?: number,
    limit?: number,
    loss?: number,
    stop?: number,
    trailPrice?: number,
    trailPoints?: number,
    trailOffset?: number,
    ocaName = '',
    comment = '',
    commentProfit = '',
    commentLoss = '',
    commentTrailing = '',
  ): void {
    if (this.risk.halted) return;
    const n = (x: number | undefined): number => (isGiven(x) ? x : NaN);
    const fields = {
      fromEntry: fromEntry ?? '', qty: n(qty), qtyPercent: isGiven(qtyPercent) ? qtyPercent : 100,
      profit: n(profit), limit: n(limit), loss: n(loss), stop: n(stop), trailPrice: n(trailPrice),
      trailPoints: n(trailPoints), trailOffset: n(trailOffset), ocaName, comment, commentProfit, commentLoss,
      commentTrailing, placedBar: this.barIndex, entrySeqCutoff: this.seq,
    };
    const hasLeg = [fields.profit, fields.limit, fields.loss, fields.stop, fields.trailPrice, fields.trailPoints].some(isGiven);
    if (!hasLeg) return; // TradingView ignores an exit without any price parameter
    const existing = this.orders.find((o): o is ExitOrder => o.kind === 'exit' && o.id === id);
    if (existing) {
      // Re-issuing every bar is the normal idiom: recompute brackets only when a level input changed.
      const levelsChanged = (['profit', 'limit', 'loss', 'stop', 'trailPrice', 'trailPoints', 'trailOffset'] as const).some((k) => !same(existing[k], fields[k]));
      Object.assign(existing, fields);
      if (levelsChanged) existing.brackets.clear();
      return;
    }
    this.orders.push({ kind: 'exit', seq: ++this.seq, id, ...fields, done: new Set(), trail: new Map(), brackets: new Map() });
  }

  /**
   * strategy.close (entryId given) / strategy.close_all (entryId null). A market order bound to the trades
   * open now; with `immediately` it fills on this tick.
   */
  placeClose(entryId: string | null, comment = '', qty?: number, qtyPercent?: number, immediately = false, idOverride?: string): void {
    const targets = this.openTrades.filter((t) => entryId === null || t.entryId === entryId);
    if (targets.length === 0) return;
    const total = targets.reduce((s, t) => s + t.qty, 0);
    const pct = isGiven(qtyPercent) ? qtyPercent : 100;
    let q = isGiven(qty) ? Math.min(Math.abs(qty), total) : floorToStep((total * pct) / 100, this.qtyStep);
    if (pct >= 100 && !isGiven(qty)) q = total;
    if (!(q > 0)) return;
    // Auto-generated exit ids as TradingView's trade list shows them (wording not verified against a fixture).
    const id = idOverride ?? (entryId === null ? 'Close position order' : `Close entry(s) order ${entryId}`);
    const order: CloseOrder = {
      kind: 'close', seq: ++this.seq, id, comment, placedBar: this.barIndex, entryId, qty: q, qtyPercent: pct,
      boundTrades: new Set(targets.map((t) => t.serial)), tickCreated: this.execId,
    };
    this.orders = this.orders.filter((o) => !(o.kind === 'close' && o.entryId === entryId));
    if (immediately) {
      // A market order filled on this very tick (slippage applies as to any market fill).
      this.fillClose(order, this.slipped(this.cur, this.positionSize < 0));
      return;
    }
    this.orders.push(order);
  }

  /** strategy.cancel(id) / strategy.cancel_all() (id null). Filled or unknown ids are ignored. */
  cancel(id: string | null): void {
    this.orders = this.orders.filter((o) => {
      if (id !== null && o.id !== id) return true;
      // A market order has already been sent unless this very execution created it.
      const market = (o.kind === 'close' || ((o.kind === 'entry' || o.kind === 'order') && isMarket(o)));
      if (market && 'tickCreated' in o && o.tickCreated !== this.execId) return true;
      return false;
    });
  }

  // =====================================================================================================
  // The price walk (§1.4, §1.5)
  // =====================================================================================================

  /**
   * Processes path point `idx` (a gap point is reached by a jump); returns the number of fills it produced.
   * Points are passed by index, not price: a double argument to a call V8 does not inline is boxed (a heap
   * allocation), and this runs four times per bar.
   */
  private processPoint(idx: number): number {
    const price = this.path.price[idx]!;
    const gap = this.path.gap[idx] === 1;
    this.fillsThisPoint = 0;
    if (gap) this.moveTo(price);
    else this.walkTo(price);
    this.fillAtCurrent(true);
    this.checkMarginCall();
    this.checkRisk();
    return this.fillsThisPoint;
  }

  /**
   * The path points from `pointIdx` on while a position is held with nothing pending (the common bar of an
   * always-in-the-market strategy): nothing can trigger, so each point only marks the open trades and
   * feeds the drawdown/run-up extremes, the margin-call check and the risk rules. Stops after the first
   * point that fills (a margin call or a risk rule) and returns its number of fills; `pointIdx` is then
   * past that point.
   */
  private holdPath(): number {
    if (this.identityFx && this.risk.idle && this.ledger.netProfit === this.ledger.netProfit) return this.holdPathFast();
    return this.holdPathChecked();
  }

  /**
   * holdPath point by point: what moveTo, checkMarginCall and checkRisk do, fed from one pass over the
   * trades instead of one per question, with what cannot change before a fill (cash, position, settings)
   * read once.
   */
  private holdPathChecked(): number {
    const prices = this.path.price;
    const n = this.path.length;
    const ledger = this.ledger;
    const trades = ledger.openTrades;
    const nt = trades.length;
    const { marginLong, marginShort, initialCapital } = this.settings;
    const pv = this.syminfo.pointvalue;
    const time = this.bar.time;
    const toAccount = this.toAccount;
    // Fixed until a fill: the closed-trade cash and the position (hence its margin rate).
    const cash = initialCapital + ledger.netProfit;
    const pos = ledger.positionSize;
    const m = (pos > 0 ? marginLong : marginShort) / 100;
    const marginRule = pos !== 0 && m !== 0;
    while (this.pointIdx < n) {
      const idx = this.pointIdx++;
      const price = prices[idx]!;
      this.fillsThisPoint = 0;
      this.cur = price;
      let open = 0;
      let margin = 0;
      for (let k = 0; k < nt; k++) {
        const t = trades[k]!;
        const s = t.direction === 'long' ? 1 : -1;
        // Ledger.markPrice, Ledger.openProfitAt and marginUsed, term by term in the same order.
        if (s * (price - t.bestPrice) > 0) t.bestPrice = price;
        if (s * (price - t.worstPrice) < 0) t.worstPrice = price;
        open += toAccount(s * (price - t.entryPrice) * t.qty * pv, time);
        margin += toAccount(t.qty * price * pv, time) * ((s > 0 ? marginLong : marginShort) / 100);
      }
      this.rememberOpenProfit(price, open);
      const equity = cash + (price === price ? open : 0);
      this.latchExtremesAt(equity);
      // checkMarginCall with the equity and margin above; marginCallQty is 0 unless the margin exceeds the
      // equity, so the call is skipped on the usual point.
      if (marginRule && !(equity - margin >= 0) && this.marginCallAt(price, equity, margin, pos, m) > 0) return this.fillsThisPoint;
      this.checkRiskAt(equity);
      if (this.fillsThisPoint > 0) return this.fillsThisPoint;
    }
    return 0;
  }

  /**
   * holdPath when no risk rule is set and amounts need no conversion (the usual strategy). The drawdown
   * and run-up latches and the risk rules' running maxima only keep extremes of the equity, and with
   * nothing filling the closed-trade peak they compare against is fixed, so feeding them the path's lowest
   * and highest equity once gives the same figures as feeding every point; only the margin check stays
   * per point, because a margin call stops the walk where it happens. Amounts stay finite here (no
   * converter to return NaN), which the extremes rely on.
   */
  private holdPathFast(): number {
    const prices = this.path.price;
    const n = this.path.length;
    const ledger = this.ledger;
    const trades = ledger.openTrades;
    const nt = trades.length;
    const { marginLong, marginShort, initialCapital } = this.settings;
    const pv = this.syminfo.pointvalue;
    const cash = initialCapital + ledger.netProfit;
    const pos = ledger.positionSize;
    const rateLong = marginLong / 100;
    const rateShort = marginShort / 100;
    const m = pos > 0 ? rateLong : rateShort;
    const marginRule = pos !== 0 && m !== 0;
    let lowest = Infinity;
    let highest = -Infinity;
    let price = NaN;
    let open = 0;
    this.fillsThisPoint = 0;
    for (let idx = this.pointIdx; idx < n; idx++) {
      price = prices[idx]!;
      open = 0;
      let margin = 0;
      for (let k = 0; k < nt; k++) {
        const t = trades[k]!;
        const s = t.direction === 'long' ? 1 : -1;
        if (s * (price - t.bestPrice) > 0) t.bestPrice = price;
        if (s * (price - t.worstPrice) < 0) t.worstPrice = price;
        open += s * (price - t.entryPrice) * t.qty * pv;
        margin += t.qty * price * pv * (s > 0 ? rateLong : rateShort);
      }
      const equity = cash + (price === price ? open : 0);
      if (marginRule && !(equity - margin >= 0)) {
        // The risk rules saw the points before this one; the latches see this one too (as in holdPathChecked).
        if (highest > -Infinity) this.risk.check(highest);
        if (equity < lowest) lowest = equity;
        if (equity > highest) highest = equity;
        this.settleHold(idx, price, open, lowest, highest);
        if (this.marginCallAt(price, equity, margin, pos, m) > 0) return this.fillsThisPoint;
        this.risk.check(equity);
        lowest = Infinity;
        highest = -Infinity;
        continue;
      }
      if (equity < lowest) lowest = equity;
      if (equity > highest) highest = equity;
    }
    if (highest > -Infinity) this.risk.check(highest);
    this.settleHold(n - 1, price, open, lowest, highest);
    return 0;
  }

  /** Leaves the broker as a point-by-point walk up to point `idx` would: at `price`, extremes latched. */
  private settleHold(idx: number, price: number, open: number, lowest: number, highest: number): void {
    this.pointIdx = idx + 1;
    this.cur = price;
    this.rememberOpenProfit(price, open);
    if (lowest < Infinity) this.latchExtremesAt(lowest);
    if (highest > -Infinity) this.latchExtremesAt(highest);
  }

  /** A margin call at a held point where the margin exceeds the equity: closes what marginCallQty says.
   *  Returns the fills (0 when the shortfall rounds to no quantity). */
  private marginCallAt(price: number, equity: number, margin: number, pos: number, m: number): number {
    const q = marginCallQty(pos, equity, margin, m, this.toAccount(price * this.syminfo.pointvalue, this.bar.time), this.qtyStep);
    if (!(q > 0)) return 0;
    this.marginCalls++;
    const closed = this.closeTrades(q, price, 'Margin call', '', null, 1);
    if (closed > 0) this.afterFill(null, closed);
    this.checkRisk(); // the trades changed: recompute the equity
    return Math.max(1, this.fillsThisPoint);
  }

  /** Moves the current price continuously to `target`, filling every order whose level is crossed, nearest first. */
  private walkTo(target: number): void {
    for (let guard = 0; guard < 10_000 && this.orders.length > 0; guard++) {
      const t = nextSegmentTrigger(this.book(), this.cur, target);
      if (t === null) break;
      this.moveTo(t.level);
      this.apply(t);
      this.fillAtCurrent(false);
    }
    this.moveTo(target);
    if (this.orders.length > 0) updateTrails(this.orders, this.openTrades, target, this.tick);
  }

  /** Fills everything already satisfied at the current price (gap opens, newly attached exits, POOC). */
  private fillAtCurrent(marketEligible: boolean): void {
    for (let guard = 0; guard < 10_000 && this.orders.length > 0; guard++) {
      updateTrails(this.orders, this.openTrades, this.cur, this.tick);
      const t = nextInstantTrigger(this.book(), this.cur, marketEligible);
      if (t === null) return;
      this.apply(t);
    }
  }

  /** The book for the fill rules. `orders` is replaced (not mutated) by some commands, so re-point it. */
  private book(): Book {
    this.bookView.orders = this.orders;
    this.bookView.tick = this.tick;
    return this.bookView;
  }

  private apply(t: Trigger): void {
    switch (t.kind) {
      case 'entry': {
        if (t.activate) t.order.stopTriggered = true;
        else this.fillEntry(t.order, t.slip ? this.slipped(t.price, entrySide(t.order) > 0) : t.price);
        return;
      }
      case 'exit':
        this.fillExit(t.order, t.trade, t.qty, t.slip ? this.slipped(t.price, t.trade.direction === 'short') : t.price, t.comment);
        return;
      case 'close':
        this.fillClose(t.order, this.slipped(t.price, this.positionSize < 0));
        return;
    }
  }

  private moveTo(price: number): void {
    this.cur = price;
    if (this.openTrades.length === 0) return;
    this.ledger.markPrice(price);
    this.latchExtremes(price);
  }

  /** Max drawdown / run-up (intrabar): peak/trough of closed-trade equity vs equity at this price. */
  private latchExtremes(price: number): void {
    this.latchExtremesAt(this.equityAt(price));
  }

  private latchExtremesAt(eq: number): void {
    const { peakClosedEquity: peak, troughClosedEquity: trough } = this.ledger;
    const dd = peak - eq;
    if (dd > this.maxDrawdown) this.maxDrawdown = dd;
    if (peak > 0) this.maxDrawdownPercent = Math.max(this.maxDrawdownPercent, (dd / peak) * 100);
    const ru = eq - trough;
    if (ru > this.maxRunup) this.maxRunup = ru;
    if (trough > 0) this.maxRunupPercent = Math.max(this.maxRunupPercent, (ru / trough) * 100);
  }

  /** Slippage worsens market and stop fills by whole ticks. TradingView does not clamp the result to the
   *  bar's range (the slippage_limit fixture has slipped stop exits beyond the bar's high). */
  private slipped(price: number, buy: boolean): number {
    const slip = this.settings.slippage * this.tick;
    return roundToStep(buy ? price + slip : price - slip, this.tick);
  }

  // =====================================================================================================
  // Fills and ledger verbs
  // =====================================================================================================

  private removeOrder(o: Order): void {
    const i = this.orders.indexOf(o);
    if (i >= 0) this.orders.splice(i, 1);
  }

  private fillEntry(o: EntryOrder, price: number): void {
    this.removeOrder(o);
    const dir = o.direction;
    const pos = this.positionSize;
    const opposite = (pos > 0 && dir === 'short') || (pos < 0 && dir === 'long');
    let closeQty = 0;
    // An entry's size was fixed at placement (qty + the opposite position then): it closes what it can of
    // the position it meets and opens the rest (slippage_limit fixture: trades 6 and 21).
    let openQty = o.kind === 'entry' ? o.qty + o.reverseQty : o.qty;
    if (o.kind === 'entry') {
      if (opposite) {
        closeQty = Math.min(Math.abs(pos), openQty);
        openQty -= closeQty;
      } else if (this.openCount(dir) >= maxEntriesPerDirection(this.settings)) return; // §3.2 re-check at fill
    } else if (opposite) {
      closeQty = Math.min(Math.abs(pos), o.qty);
      openQty = o.qty - closeQty;
    }
    // strategy.risk.max_position_size caps the resulting exposure.
    const cap = this.risk.maxPositionSize;
    if (isGiven(cap) && openQty > 0) {
      const remaining = opposite ? 0 : Math.abs(pos);
      openQty = Math.max(0, Math.min(openQty, cap - remaining));
    }
    if (closeQty <= EPS_QTY && openQty <= EPS_QTY) return;
    const both = closeQty > EPS_QTY && openQty > EPS_QTY;
    const share = this.settings.commissionType === 'cash_per_order' && both ? 0.5 : 1;
    if (closeQty > EPS_QTY) this.closeTrades(closeQty, price, o.id, o.comment, null, share);
    if (openQty > EPS_QTY && !this.affordable(dir, openQty, price)) openQty = 0; // §3.10 opening leg refused
    if (openQty > EPS_QTY) this.openTrade(o, dir, openQty, price, share);
    this.afterFill(o, closeQty + openQty);
  }

  /** §3.10: an opening fill must be covered by free funds (margin 0 = no check). */
  private affordable(dir: Direction, qty: number, price: number): boolean {
    const pct = dir === 'long' ? this.settings.marginLong : this.settings.marginShort;
    if (pct === 0) return true;
    const required = this.toAccount(qty * price * this.syminfo.pointvalue, this.bar.time) * (pct / 100);
    const free = this.equityAt(price) - this.marginUsed(price);
    return required <= free * (1 + 1e-9);
  }

  private fillExit(o: ExitOrder, trade: OpenTrade, qty: number, price: number, legComment: string): void {
    o.done.add(trade.serial);
    const targets = this.settings.closeEntriesRule === 'ANY' ? [trade] : null;
    const closed = this.closeTrades(qty, price, o.id, legComment || o.comment, targets, 1);
    if (closed > 0) this.afterFill(o, closed);
  }

  private fillClose(o: CloseOrder, price: number): void {
    this.removeOrder(o);
    const bound = this.openTrades.filter((t) => o.boundTrades.has(t.serial));
    const avail = bound.reduce((s, t) => s + t.qty, 0);
    const q = Math.min(o.qty, avail);
    if (q <= EPS_QTY) return; // the bound trades were already closed (e.g. by a reversal)
    const targets = this.settings.closeEntriesRule === 'ANY' ? bound : null;
    const closed = this.closeTrades(q, price, o.id, o.comment, targets, 1);
    this.afterFill(o, closed);
  }

  /** OCA effects, risk counters, cleanup of exits whose trades are gone. `o` null = a forced close. */
  private afterFill(o: Order | null, qty: number): void {
    this.fillsThisPoint++;
    this.risk.onFill();
    if (o && (o.kind === 'entry' || o.kind === 'order') && o.ocaName !== '' && o.ocaType !== 'none') {
      for (const other of [...this.orders]) {
        if ((other.kind !== 'entry' && other.kind !== 'order') || other.ocaName !== o.ocaName || other.ocaType !== o.ocaType) continue;
        if (o.ocaType === 'cancel') this.removeOrder(other);
        else {
          other.qty -= qty;
          if (other.qty <= EPS_QTY) this.removeOrder(other);
        }
      }
    }
    if (!this.hasExitOrder()) return; // nothing below to clean up (a strategy without strategy.exit)
    const pendingEntryIds = new Set(this.orders.filter((x) => x.kind === 'entry' || x.kind === 'order').map((x) => x.id));
    const flat = this.openTrades.length === 0;
    this.orders = this.orders.filter((x) => {
      if (x.kind !== 'exit') return true;
      if (x.fromEntry === '') return !(flat && pendingEntryIds.size === 0);
      return this.openTrades.some((t) => t.entryId === x.fromEntry) || pendingEntryIds.has(x.fromEntry);
    });
  }

  private hasExitOrder(): boolean {
    const orders = this.orders;
    for (let k = 0; k < orders.length; k++) if (orders[k]!.kind === 'exit') return true;
    return false;
  }

  /** Where a fill happens now; one object refilled per fill (the ledger copies what it keeps). */
  private get stamp(): FillStamp {
    const st = this.fillStamp;
    st.bar = this.barIndex;
    st.time = this.bar.time;
    return st;
  }
  private readonly fillStamp: FillStamp = { bar: -1, time: NaN };

  private openTrade(o: EntryOrder, dir: Direction, qty: number, price: number, share: number): void {
    this.ledger.open(o, dir, qty, price, share, this.stamp);
  }

  private closeTrades(qty: number, price: number, exitId: string, exitComment: string, targets: readonly OpenTrade[] | null, share: number): number {
    return this.ledger.close(qty, price, exitId, exitComment, targets, share, this.stamp);
  }

  // =====================================================================================================
  // Margin calls and risk rules (§3.9, §3.10)
  // =====================================================================================================

  private checkMarginCall(): void {
    const pos = this.positionSize;
    const m = (pos > 0 ? this.settings.marginLong : this.settings.marginShort) / 100;
    if (pos === 0 || m === 0) return;
    const price = this.cur;
    const unit = this.toAccount(price * this.syminfo.pointvalue, this.bar.time);
    const q = marginCallQty(pos, this.equityAt(price), this.marginUsed(price), m, unit, this.qtyStep);
    if (q <= 0) return;
    this.marginCalls++;
    const closed = this.closeTrades(q, price, 'Margin call', '', null, 1);
    if (closed > 0) this.afterFill(null, closed);
  }

  private checkRisk(): void {
    this.checkRiskAt(this.equity);
  }

  /** checkRisk when the current equity is already known. */
  private checkRiskAt(equity: number): void {
    const breach: RiskBreach | null = this.risk.check(equity);
    if (!breach) return;
    this.orders = [];
    const pos = this.positionSize;
    if (pos !== 0) {
      const closed = this.closeTrades(Math.abs(pos), this.slipped(this.cur, pos < 0), breach.exitId, '', null, 1);
      if (closed > 0) this.afterFill(null, closed);
    }
  }
}

const same = (a: number, b: number): boolean => a === b || (a !== a && b !== b);

/** `lastDay` when the runtime supplies session-aware day starts (never equal to a day number). */
const RUNTIME_DAYS = Infinity;
