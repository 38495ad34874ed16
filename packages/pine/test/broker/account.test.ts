// Money: commission, sizing, margin calls, process_orders_on_close, calc_on_order_fills ticks, risk rules.
import { describe, expect, it } from 'vitest';
import { createBroker } from '../../src/broker/index.js';
import { bars, exitSignal, run, sym } from './support/scenario.js';

const flat: [number, number, number, number] = [100, 100, 100, 100];
const at = (p: number): [number, number, number, number] => [p, p, p, p];

describe('commission (§3.11)', () => {
  const roundTrip = (settings: Parameters<typeof run>[2], qty = 2) =>
    run(bars(flat, at(100), at(110)), (b, i) => {
      if (i === 0) b.placeEntry('entry', 'L', 'long', qty, undefined, undefined);
      if (i === 1) b.placeClose('L');
    }, settings).closedTrades[0]!;

  it('percent of fill value on each leg', () => {
    const t = roundTrip({ commissionType: 'percent', commissionValue: 0.1 });
    expect(t.commission).toBeCloseTo(0.2 + 0.22, 12);
    expect(t.profit).toBeCloseTo(20 - 0.42, 12);
  });

  it('cash per contract on each leg', () => {
    expect(roundTrip({ commissionType: 'cash_per_contract', commissionValue: 1.5 }).commission).toBeCloseTo(6, 12);
  });

  it('cash per order, split 50/50 between the legs of a reversal', () => {
    expect(roundTrip({ commissionType: 'cash_per_order', commissionValue: 5 }).commission).toBe(10);
    const b = run(bars(flat, at(100), at(100)), (br, i) => {
      if (i === 0) br.placeEntry('entry', 'L', 'long', 1, undefined, undefined);
      if (i === 1) br.placeEntry('entry', 'S', 'short', 1, undefined, undefined);
    }, { commissionType: 'cash_per_order', commissionValue: 5 });
    expect(b.closedTrades[0]!.commission).toBe(7.5);
    expect(b.openTrades[0]!.entryCommission).toBe(2.5);
  });

  it('point value scales percent commission and P&L (futures)', () => {
    const b = run(bars(flat, at(70), at(71)), (br, i) => {
      if (i === 0) br.placeEntry('entry', 'L', 'long', 1, undefined, undefined);
      if (i === 1) br.placeClose('L');
    }, { commissionType: 'percent', commissionValue: 0.01 }, sym({ type: 'futures', pointvalue: 500, mintick: 0.025 }));
    const t = b.closedTrades[0]!;
    expect(t.profit).toBeCloseTo(500 - (70 * 500 + 71 * 500) * 0.0001, 9);
  });
});

describe('default quantity (§2)', () => {
  it('cash: amount ÷ price; percent_of_equity reserves the entry commission', () => {
    const cash = run(bars(flat, flat), (b, i) => i === 0 && b.placeEntry('entry', 'L', 'long', undefined, undefined, undefined), { defaultQtyType: 'cash', defaultQtyValue: 1000 });
    expect(cash.openTrades[0]!.qty).toBe(10);
    const poe = run(bars(flat, flat), (b, i) => i === 0 && b.placeEntry('entry', 'L', 'long', undefined, undefined, undefined),
      { initialCapital: 1000, defaultQtyType: 'percent_of_equity', defaultQtyValue: 50, commissionType: 'percent', commissionValue: 0.1 });
    expect(poe.openTrades[0]!.qty).toBe(4.995004); // 500 / (100 × 1.001), truncated to the quantity step
  });

  it('stocks trade whole shares', () => {
    const b = run(bars(flat, flat), (br, i) => i === 0 && br.placeEntry('entry', 'L', 'long', undefined, undefined, undefined),
      { defaultQtyType: 'cash', defaultQtyValue: 1050 }, sym({ type: 'stock' }));
    expect(b.openTrades[0]!.qty).toBe(10);
  });
});

describe('margin (§3.10)', () => {
  it('refuses an entry the free funds cannot margin', () => {
    const b = run(bars(flat, flat), (br, i) => i === 0 && br.placeEntry('entry', 'L', 'long', 11, undefined, undefined), { initialCapital: 1000 });
    expect(b.openTrades).toHaveLength(0);
  });

  it('margin call liquidates four times the shortfall cover, listed as "Margin call"', () => {
    // 20 shares at 100 with 50% margin on 1000 capital. At the low 95: equity 900, margin 950, shortfall 50
    // → cover ⌊50 / 0.5 / 95⌋ = 1 share → liquidate 4.
    const b = run(bars(flat, at(100), [100, 100, 95, 96]), (br, i) => i === 0 && br.placeEntry('entry', 'L', 'long', 20, undefined, undefined),
      { initialCapital: 1000, marginLong: 50 }, sym({ type: 'stock' }));
    expect(b.marginCalls).toBe(1);
    expect(b.closedTrades[0]!.qty).toBe(4);
    expect(b.closedTrades[0]!.exitPrice).toBe(95);
    expect(exitSignal(b, 0)).toBe('Margin call');
    expect(b.positionSize).toBe(16);
  });

  it('margin call on a short at the adverse extreme (the high)', () => {
    // Short 20 at 100, 50% margin, 1000 capital. At 105: equity 900, margin 1050, shortfall 150
    // → cover ⌊150 / 0.5 / 105⌋ = 2 → liquidate 8 at 105.
    const b = run(bars(flat, at(100), [100, 105, 100, 104]), (br, i) => i === 0 && br.placeEntry('entry', 'S', 'short', 20, undefined, undefined),
      { initialCapital: 1000, marginShort: 50 }, sym({ type: 'stock' }));
    expect(b.closedTrades.map((t) => [t.qty, t.exitPrice, t.exitId])).toEqual([[8, 105, 'Margin call']]);
    expect(b.positionSize).toBe(-12);
  });

  it('margin 0 disables funds checks and margin calls', () => {
    const b = run(bars(flat, at(100), at(10)), (br, i) => i === 0 && br.placeEntry('entry', 'L', 'long', 100, undefined, undefined), { initialCapital: 1000, marginLong: 0 });
    expect(b.marginCalls).toBe(0);
    expect(b.positionSize).toBe(100);
  });
});

describe('process_orders_on_close (§1.3)', () => {
  it('fills market orders at the close of the bar that placed them', () => {
    const b = run(bars([100, 101, 99, 100.5], at(102)), (br, i) => i === 0 && br.placeEntry('entry', 'L', 'long', 1, undefined, undefined), { processOrdersOnClose: true });
    expect(b.openTrades[0]!.entryPrice).toBe(100.5);
    expect(b.openTrades[0]!.entryBar).toBe(0);
  });

  it('fills a limit already marketable at the close, but not from the earlier part of the bar', () => {
    const b = run(bars([100, 101, 97, 100.5], at(102)), (br, i) => i === 0 && br.placeEntry('entry', 'L', 'long', 1, 98, undefined), { processOrdersOnClose: true });
    expect(b.openTrades).toHaveLength(0);
    const c = run(bars([100, 101, 97, 100.5], at(102)), (br, i) => i === 0 && br.placeEntry('entry', 'L', 'long', 1, 101, undefined), { processOrdersOnClose: true });
    expect(c.openTrades[0]!.entryPrice).toBe(100.5);
  });
});

describe('calc_on_order_fills (§1.3)', () => {
  it('exposes the four ticks: a fill stops the walk for a re-execution, new orders fill from the next tick', () => {
    const broker = createBroker({ calcOnOrderFills: true }, sym());
    const [b0, b1] = bars(flat, [100, 104, 99, 103]); // path: 100 → 99 → 104 → 103
    broker.beginBar(0, b0!);
    expect(broker.nextFillTick()).toBeNull();
    broker.placeEntry('entry', 'L', 'long', 1, undefined, undefined);
    broker.afterScript(0, b0!);

    broker.beginBar(1, b1!);
    const t0 = broker.nextFillTick();
    expect(t0).toEqual({ price: 100, point: 0 }); // market entry at the open
    expect(broker.positionSize).toBe(1);
    // Re-execution after the fill places a take-profit; it fills on the rise to the high.
    broker.placeExit('TP', 'L', undefined, undefined, undefined, 103.5);
    const t1 = broker.nextFillTick();
    // The re-execution happens at the tick (the high, 104); the fill itself was at the level.
    expect(t1).toEqual({ price: 104, point: 2 });
    expect(broker.closedTrades[0]!.exitPrice).toBe(103.5);
    expect(broker.positionSize).toBe(0);
    broker.placeEntry('entry', 'L2', 'long', 1, undefined, undefined); // market order from the re-execution
    expect(broker.nextFillTick()).toBeNull(); // it fills at the close tick, which belongs to the close run
    expect(broker.openTrades[0]!.entryPrice).toBe(103);
    broker.afterScript(1, b1!);
  });

  it('without calc_on_order_fills the walk never stops', () => {
    const broker = createBroker({}, sym());
    const [b0, b1] = bars(flat, [100, 104, 99, 103]);
    broker.beforeScript(0, b0!);
    broker.placeEntry('entry', 'L', 'long', 1, undefined, undefined);
    broker.afterScript(0, b0!);
    broker.beginBar(1, b1!);
    expect(broker.nextFillTick()).toBeNull();
    expect(broker.positionSize).toBe(1);
  });
});

describe('strategy.risk.* (§3.9)', () => {
  it('allow_entry_in: a forbidden entry only closes the opposite position', () => {
    const b = run(bars(flat, flat, flat, flat), (br, i) => {
      br.risk.allowed = 'long';
      if (i === 0) br.placeEntry('entry', 'L', 'long', 1, undefined, undefined);
      if (i === 1) br.placeEntry('entry', 'S', 'short', 1, undefined, undefined);
      if (i === 2) br.placeEntry('entry', 'S', 'short', 1, undefined, undefined);
    });
    expect(b.closedTrades).toHaveLength(1);
    expect(b.positionSize).toBe(0);
  });

  it('max_position_size caps entries', () => {
    const b = run(bars(flat, flat), (br, i) => {
      br.risk.maxPositionSize = 3;
      if (i === 0) br.placeEntry('entry', 'L', 'long', 5, undefined, undefined);
    });
    expect(b.positionSize).toBe(3);
  });

  it('max_drawdown (cash): flattens and stops trading for good', () => {
    const b = run(bars(flat, at(100), [100, 100, 94, 95], at(95), at(95)), (br, i) => {
      br.risk.maxDrawdown = { value: 50, type: 'cash' };
      br.placeEntry('entry', 'L', 'long', 10, undefined, undefined);
    });
    expect(b.closedTrades).toHaveLength(1);
    expect(b.closedTrades[0]!.exitPrice).toBe(94);
    expect(b.positionSize).toBe(0);
  });

  it('max_intraday_filled_orders: halts for the rest of the day', () => {
    const b = run(bars(flat, flat, flat, flat, flat), (br, i) => {
      br.risk.maxIntradayFilledOrders = 2;
      if (i % 2 === 0) br.placeEntry('entry', 'L', 'long', 1, undefined, undefined);
      else br.placeClose('L');
    });
    // Fill 1: entry (bar 1); fill 2: close (bar 2) → halted; later entries are ignored.
    expect(b.closedTrades).toHaveLength(1);
    expect(b.positionSize).toBe(0);
  });

  it('max_intraday_loss (percent): flattens when equity falls that far from the day high', () => {
    const b = run(bars(flat, at(100), [100, 100, 80, 90], at(90)), (br, i) => {
      br.risk.maxIntradayLoss = { value: 1, type: 'percent_of_equity' };
      if (i === 0) br.placeEntry('entry', 'L', 'long', 100, undefined, undefined);
    }, { initialCapital: 100000 });
    // 1% of ~100000 = 1000 = 10 points × 100 shares: hit on the way down to 80, closed at the low point.
    expect(b.closedTrades).toHaveLength(1);
    expect(b.positionSize).toBe(0);
  });
});

describe('more risk rules and currency', () => {
  it('max_cons_loss_days: after N losing days in a row, flattens and stops for good', () => {
    const DAY = 86_400_000;
    const day = (i: number, o: number, c: number) => ({ time: Date.UTC(2024, 0, 1) + i * DAY, open: o, high: Math.max(o, c), low: Math.min(o, c), close: c });
    const data = [day(0, 100, 100), day(1, 100, 100), day(2, 100, 99), day(3, 99, 98), day(4, 98, 98), day(5, 98, 98)];
    const b = run(data, (br, i) => {
      br.risk.maxConsLossDays = 2;
      if (i === 0) br.placeEntry('entry', 'L', 'long', 1, undefined, undefined);
      if (i === 4) br.placeEntry('entry', 'L2', 'long', 1, undefined, undefined);
    }, { pyramiding: 2 });
    // Days 2 and 3 lose → at day 4's open the position is closed and the later entry is ignored.
    expect(b.closedTrades).toHaveLength(1);
    expect(b.closedTrades[0]!.exitBar).toBe(4);
    expect(b.positionSize).toBe(0);
  });

  it('converts symbol-currency amounts into the account currency', () => {
    const b = createBroker({ initialCapital: 1000 }, sym({ currency: 'EUR' }), { toAccount: (x) => x * 1.1 });
    const data = bars(flat, flat, at(110));
    const script = (i: number): void => {
      if (i === 0) b.placeEntry('entry', 'L', 'long', 2, undefined, undefined);
      if (i === 1) b.placeClose('L');
    };
    data.forEach((bar, i) => {
      b.beforeScript(i, bar);
      script(i);
      b.afterScript(i, bar);
    });
    expect(b.closedTrades[0]!.profit).toBeCloseTo(2 * 10 * 1.1, 9);
  });

  it('trail_price activates the trailing stop at an absolute level', () => {
    const b = run(bars(flat, flat, [100, 104, 99.9, 103.5], [103.5, 103.6, 101, 101.5]), (br, i) => {
      if (i === 0) {
        br.placeEntry('entry', 'L', 'long', 1, undefined, undefined);
        br.placeExit('T', 'L', undefined, undefined, undefined, undefined, undefined, undefined, 103, undefined, 50);
      }
    });
    // Activated on the rise to 104 (≥ 103); stop 104 − 0.50 = 103.5, touched on the move back to the close.
    expect(b.closedTrades[0]!.exitPrice).toBe(103.5);
  });
});
