// strategy.* built-ins for the code generator (CONTRIBUTING.md "Built-in registries"). Arguments arrive
// positionally in the catalog overload's parameter order (shared/docs/pine-v6-builtins.json); omitted
// optional arguments arrive as undefined. The broker is `ctx.broker`.
import type { RuntimeContext } from '../core/context.js';
import { PineRuntimeError } from '../core/errors.js';
import type { Broker } from './broker.js';
import type { RiskAmountType } from './risk.js';
import type { ClosedTrade, OpenTrade } from './trades.js';
import type { CommissionType, Direction, DirectionFilter, OcaType, QtyType } from './types.js';
import { dirSign } from './trades.js';
import { excursions } from './ledger.js';

type Fn = { impl: (ctx: RuntimeContext, ...args: any[]) => unknown; needsContext: true };
type Var = { get(ctx: RuntimeContext): unknown };

function broker(ctx: RuntimeContext): Broker {
  if (!ctx.broker) throw new PineRuntimeError('strategy.* functions can only be used in a strategy script');
  return ctx.broker as Broker;
}

const str = (s: string | null | undefined): string => (s === undefined || s === null ? '' : s);
const direction = (d: unknown): Direction => {
  if (d === 'long' || d === 'short') return d;
  throw new PineRuntimeError(`invalid strategy direction: ${String(d)}`);
};
const ocaType = (t: unknown): OcaType => (t === 'cancel' || t === 'reduce' ? t : 'none');

/** Pine indexes trades from 0 = oldest; out-of-range and na indexes read as na. */
function tradeAt<T>(list: readonly T[], i: number): T | undefined {
  return Number.isInteger(i) && i >= 0 && i < list.length ? list[i] : undefined;
}

const openProfitOf = (b: Broker, t: OpenTrade): number =>
  b.toAccount(dirSign(t.direction) * (b.cur - t.entryPrice) * t.qty * b.syminfo.pointvalue, b.bar.time) - t.entryCommission;

function openField(name: string, read: (b: Broker, t: OpenTrade) => unknown, na: unknown): [string, Fn] {
  return [`strategy.opentrades.${name}`, { needsContext: true, impl: (ctx, i: number) => { const b = broker(ctx); const t = tradeAt(b.openTrades, i); return t ? read(b, t) : na; } }];
}
function closedField(name: string, read: (t: ClosedTrade) => unknown, na: unknown): [string, Fn] {
  return [`strategy.closedtrades.${name}`, {
    needsContext: true,
    impl: (ctx, i: number) => {
      const trades = broker(ctx).closedStore;
      return Number.isInteger(i) && i >= 0 && i < trades.length ? read(trades.at(i)) : na;
    },
  }];
}

const entryValue = (b: Broker, t: OpenTrade): number => b.toAccount(t.qty * t.entryPrice * b.syminfo.pointvalue, t.entryTime);
const exc = (b: Broker, t: OpenTrade) => excursions(t, t.qty, t.entryCommission, (x) => b.toAccount(x, b.bar.time), b.syminfo.pointvalue);
const trRunup = (b: Broker, t: OpenTrade): number => exc(b, t).runup;
const trDrawdown = (b: Broker, t: OpenTrade): number => exc(b, t).drawdown;

export const STRATEGY_FUNCTIONS: Record<string, Fn> = {
  'strategy.entry': {
    needsContext: true,
    impl: (ctx, id: string, dir: unknown, qty?: number, limit?: number, stop?: number, ocaName?: string, oca?: unknown, comment?: string) =>
      broker(ctx).placeEntry('entry', str(id), direction(dir), qty, limit, stop, str(ocaName), ocaType(oca), str(comment)),
  },
  'strategy.order': {
    needsContext: true,
    impl: (ctx, id: string, dir: unknown, qty?: number, limit?: number, stop?: number, ocaName?: string, oca?: unknown, comment?: string) =>
      broker(ctx).placeEntry('order', str(id), direction(dir), qty, limit, stop, str(ocaName), ocaType(oca), str(comment)),
  },
  'strategy.exit': {
    needsContext: true,
    impl: (ctx, id: string, fromEntry?: string, qty?: number, qtyPercent?: number, profit?: number, limit?: number, loss?: number,
      stop?: number, trailPrice?: number, trailPoints?: number, trailOffset?: number, ocaName?: string, comment?: string,
      commentProfit?: string, commentLoss?: string, commentTrailing?: string) =>
      broker(ctx).placeExit(str(id), str(fromEntry), qty, qtyPercent, profit, limit, loss, stop, trailPrice, trailPoints, trailOffset,
        str(ocaName), str(comment), str(commentProfit), str(commentLoss), str(commentTrailing)),
  },
  'strategy.close': {
    needsContext: true,
    impl: (ctx, id: string, comment?: string, qty?: number, qtyPercent?: number, _alert?: string, immediately?: boolean) =>
      broker(ctx).placeClose(str(id), str(comment), qty, qtyPercent, immediately === true),
  },
  'strategy.close_all': {
    needsContext: true,
    impl: (ctx, comment?: string, _alert?: string, immediately?: boolean) => broker(ctx).placeClose(null, str(comment), undefined, 100, immediately === true),
  },
  'strategy.cancel': { needsContext: true, impl: (ctx, id: string) => broker(ctx).cancel(str(id)) },
  'strategy.cancel_all': { needsContext: true, impl: (ctx) => broker(ctx).cancel(null) },
  'strategy.convert_to_account': { needsContext: true, impl: (ctx, v: number) => { const b = broker(ctx); return b.toAccount(v, b.bar.time); } },
  'strategy.convert_to_symbol': {
    needsContext: true,
    impl: (ctx, v: number) => { const b = broker(ctx); const one = b.toAccount(1, b.bar.time); return one !== 0 ? v / one : NaN; },
  },
  'strategy.default_entry_qty': { needsContext: true, impl: (ctx, price: number) => broker(ctx).defaultQty(price) },
  'strategy.risk.allow_entry_in': { needsContext: true, impl: (ctx, v: unknown) => { broker(ctx).risk.allowed = (v === 'long' || v === 'short' ? v : 'all') as DirectionFilter; } },
  'strategy.risk.max_position_size': { needsContext: true, impl: (ctx, contracts: number) => { broker(ctx).risk.maxPositionSize = Math.abs(contracts); } },
  'strategy.risk.max_drawdown': { needsContext: true, impl: (ctx, value: number, type: unknown) => { broker(ctx).risk.maxDrawdown = { value, type: amountType(type) }; } },
  'strategy.risk.max_intraday_loss': { needsContext: true, impl: (ctx, value: number, type: unknown) => { broker(ctx).risk.maxIntradayLoss = { value, type: amountType(type) }; } },
  'strategy.risk.max_intraday_filled_orders': { needsContext: true, impl: (ctx, count: number) => { broker(ctx).risk.maxIntradayFilledOrders = count; } },
  'strategy.risk.max_cons_loss_days': { needsContext: true, impl: (ctx, count: number) => { broker(ctx).risk.maxConsLossDays = count; } },
  ...Object.fromEntries([
    openField('entry_id', (_b, t) => t.entryId, null),
    openField('entry_comment', (_b, t) => t.entryComment || null, null),
    openField('entry_price', (_b, t) => t.entryPrice, NaN),
    openField('entry_bar_index', (_b, t) => t.entryBar, NaN),
    openField('entry_time', (_b, t) => t.entryTime, NaN),
    openField('size', (_b, t) => dirSign(t.direction) * t.qty, NaN),
    openField('commission', (_b, t) => t.entryCommission, NaN),
    openField('profit', openProfitOf, NaN),
    openField('profit_percent', (b, t) => (openProfitOf(b, t) / entryValue(b, t)) * 100, NaN),
    openField('max_runup', trRunup, NaN),
    openField('max_runup_percent', (b, t) => (trRunup(b, t) / entryValue(b, t)) * 100, NaN),
    openField('max_drawdown', trDrawdown, NaN),
    openField('max_drawdown_percent', (b, t) => (trDrawdown(b, t) / entryValue(b, t)) * 100, NaN),
    closedField('entry_id', (t) => t.entryId, null),
    closedField('entry_comment', (t) => t.entryComment || null, null),
    closedField('entry_price', (t) => t.entryPrice, NaN),
    closedField('entry_bar_index', (t) => t.entryBar, NaN),
    closedField('entry_time', (t) => t.entryTime, NaN),
    closedField('exit_id', (t) => t.exitId, null),
    closedField('exit_comment', (t) => t.exitComment || null, null),
    closedField('exit_price', (t) => t.exitPrice, NaN),
    closedField('exit_bar_index', (t) => t.exitBar, NaN),
    closedField('exit_time', (t) => t.exitTime, NaN),
    closedField('size', (t) => dirSign(t.direction) * t.qty, NaN),
    closedField('commission', (t) => t.commission, NaN),
    closedField('profit', (t) => t.profit, NaN),
    closedField('profit_percent', (t) => t.profitPercent, NaN),
    closedField('max_runup', (t) => t.maxRunup, NaN),
    closedField('max_runup_percent', (t) => t.maxRunupPercent, NaN),
    closedField('max_drawdown', (t) => t.maxDrawdown, NaN),
    closedField('max_drawdown_percent', (t) => t.maxDrawdownPercent, NaN),
  ]),
};

function amountType(t: unknown): RiskAmountType {
  return t === 'cash' ? 'cash' : 'percent_of_equity';
}

const pct = (b: Broker, x: number): number => (x / b.settings.initialCapital) * 100;
const meanOf = (xs: readonly number[]): number => (xs.length ? xs.reduce((a, c) => a + c, 0) / xs.length : NaN);
const v = (get: (b: Broker) => unknown): Var => ({ get: (ctx) => get(broker(ctx)) });

export const STRATEGY_VARIABLES: Record<string, Var> = {
  'strategy.position_size': v((b) => b.positionSize),
  'strategy.position_avg_price': v((b) => b.positionAvgPrice),
  'strategy.position_entry_name': v((b) => b.openTrades[0]?.entryId ?? null),
  'strategy.equity': v((b) => b.equity),
  'strategy.openprofit': v((b) => b.openProfit),
  'strategy.openprofit_percent': v((b) => pct(b, b.openProfit)),
  'strategy.netprofit': v((b) => b.netProfit),
  'strategy.netprofit_percent': v((b) => pct(b, b.netProfit)),
  'strategy.grossprofit': v((b) => b.grossProfit),
  'strategy.grossprofit_percent': v((b) => pct(b, b.grossProfit)),
  'strategy.grossloss': v((b) => b.grossLoss),
  'strategy.grossloss_percent': v((b) => pct(b, b.grossLoss)),
  'strategy.initial_capital': v((b) => b.settings.initialCapital),
  'strategy.account_currency': v((b) => b.settings.currency && b.settings.currency !== 'NONE' ? b.settings.currency : b.syminfo.currency),
  'strategy.opentrades': v((b) => b.openTrades.length),
  'strategy.closedtrades': v((b) => b.closedStore.length),
  'strategy.closedtrades.first_index': v(() => 0),
  'strategy.wintrades': v((b) => b.winTrades),
  'strategy.losstrades': v((b) => b.lossTrades),
  'strategy.eventrades': v((b) => b.evenTrades),
  'strategy.max_drawdown': v((b) => b.maxDrawdown),
  'strategy.max_drawdown_percent': v((b) => b.maxDrawdownPercent),
  'strategy.max_runup': v((b) => b.maxRunup),
  'strategy.max_runup_percent': v((b) => b.maxRunupPercent),
  'strategy.avg_trade': v((b) => (b.closedStore.length ? b.closedProfit / b.closedStore.length : NaN)),
  'strategy.avg_trade_percent': v((b) => meanOf(b.closedTrades.map((t) => t.profitPercent))),
  'strategy.avg_winning_trade': v((b) => (b.winTrades ? b.grossProfit / b.winTrades : NaN)),
  'strategy.avg_winning_trade_percent': v((b) => meanOf(b.closedTrades.filter((t) => t.profit > 0).map((t) => t.profitPercent))),
  'strategy.avg_losing_trade': v((b) => (b.lossTrades ? b.grossLoss / b.lossTrades : NaN)),
  'strategy.avg_losing_trade_percent': v((b) => meanOf(b.closedTrades.filter((t) => t.profit < 0).map((t) => -t.profitPercent))),
  'strategy.max_contracts_held_all': v((b) => b.maxContractsHeld.all),
  'strategy.max_contracts_held_long': v((b) => b.maxContractsHeld.long),
  'strategy.max_contracts_held_short': v((b) => b.maxContractsHeld.short),
  'strategy.margin_liquidation_price': v((b) => b.marginLiquidationPrice),
  'strategy.opentrades.capital_held': v((b) =>
    b.openTrades.reduce((s, t) => s + b.toAccount(t.qty * b.cur * b.syminfo.pointvalue, b.bar.time) * ((t.direction === 'long' ? b.settings.marginLong : b.settings.marginShort) / 100), 0)),
};

/** JS values of strategy.* constants (strings, as the broker's own types). */
export const STRATEGY_CONSTANTS: Record<string, Direction | QtyType | OcaType | CommissionType | DirectionFilter> = {
  'strategy.long': 'long',
  'strategy.short': 'short',
  'strategy.fixed': 'fixed',
  'strategy.cash': 'cash',
  'strategy.percent_of_equity': 'percent_of_equity',
  'strategy.oca.none': 'none',
  'strategy.oca.cancel': 'cancel',
  'strategy.oca.reduce': 'reduce',
  'strategy.commission.percent': 'percent',
  'strategy.commission.cash_per_contract': 'cash_per_contract',
  'strategy.commission.cash_per_order': 'cash_per_order',
  'strategy.direction.all': 'all',
  'strategy.direction.long': 'long',
  'strategy.direction.short': 'short',
};
