// Order commands: entry (pyramiding, reversals), order, exit (brackets, trailing, partial), close, cancel, OCA.
import { describe, expect, it } from 'vitest';
import { bars, exitSignal, run } from './support/scenario.js';

const flat: [number, number, number, number] = [100, 100, 100, 100];

describe('strategy.entry', () => {
  it('pyramiding 0/1 allows one entry per direction; pyramiding N allows N', () => {
    const script = (b: import('../../src/broker/index.js').Broker, i: number): void => {
      if (i < 3) b.placeEntry('entry', `L${i}`, 'long', 1, undefined, undefined);
    };
    expect(run(bars(flat, flat, flat, flat, flat), script).openTrades).toHaveLength(1);
    expect(run(bars(flat, flat, flat, flat, flat), script, { pyramiding: 1 }).openTrades).toHaveLength(1);
    expect(run(bars(flat, flat, flat, flat, flat), script, { pyramiding: 2 }).openTrades).toHaveLength(2);
  });

  it('reverses: closes the whole opposite position and opens qty the new way in one fill', () => {
    const b = run(bars(flat, flat, [101, 101, 101, 101], flat), (br, i) => {
      if (i === 0) br.placeEntry('entry', 'L', 'long', 2, undefined, undefined);
      if (i === 1) br.placeEntry('entry', 'S', 'short', 1, undefined, undefined, '', 'none', 'go short');
    });
    expect(b.closedTrades).toHaveLength(1);
    expect(b.closedTrades[0]!.qty).toBe(2);
    expect(exitSignal(b, 0)).toBe('go short'); // the reversing order's comment is the exit signal
    expect(b.positionSize).toBe(-1);
    expect(b.openTrades[0]!.entryPrice).toBe(101);
  });

  it('sizes an entry at placement: placed flat, it only closes an opposite position met at fill', () => {
    // A sell limit placed while flat; a long opens meanwhile; the limit then fills and just closes the long.
    const b = run(bars(flat, flat, [100, 100.5, 99.5, 100], [100, 103, 99.8, 102], flat), (br, i) => {
      if (i === 0) br.placeEntry('entry', 'S', 'short', 1, 102, undefined);
      if (i === 1) br.placeEntry('entry', 'L', 'long', 1, undefined, undefined);
    });
    expect(b.closedTrades).toHaveLength(1);
    expect(b.closedTrades[0]!.exitPrice).toBe(102);
    expect(b.positionSize).toBe(0);
  });

  it('strategy.order never auto-reverses: the position moves by its own signed size', () => {
    const b = run(bars(flat, flat, flat, flat), (br, i) => {
      if (i === 0) br.placeEntry('order', 'buy', 'long', 3, undefined, undefined);
      if (i === 1) br.placeEntry('order', 'sell', 'short', 5, undefined, undefined);
    });
    expect(b.positionSize).toBe(-2);
    expect(b.closedTrades[0]!.qty).toBe(3);
  });

  it('re-issuing an unfilled entry with the same id modifies it', () => {
    const b = run(bars(flat, flat, [100, 102.5, 99.5, 102]), (br, i) => {
      if (i === 0) br.placeEntry('entry', 'L', 'long', 1, undefined, 103);
      if (i === 1) br.placeEntry('entry', 'L', 'long', 1, undefined, 102);
    });
    expect(b.openTrades).toHaveLength(1);
    expect(b.openTrades[0]!.entryPrice).toBe(102);
  });
});

describe('strategy.exit', () => {
  it('waits for its entry and sees only the path after the entry fill', () => {
    // Entry and bracket placed together; bar 1 opens at 100, the TP at 101 is hit the same bar.
    const b = run(bars(flat, [100, 101.5, 99.8, 101], flat), (br, i) => {
      if (i === 0) {
        br.placeEntry('entry', 'L', 'long', 1, undefined, undefined);
        br.placeExit('X', 'L', undefined, undefined, undefined, 101, undefined, 99);
      }
    });
    expect(b.closedTrades[0]!.exitPrice).toBe(101);
    expect(b.closedTrades[0]!.exitBar).toBe(1);
  });

  it('qty_percent closes that share of the original entry size', () => {
    const b = run(bars(flat, flat, [100, 102, 99.9, 101]), (br, i) => {
      if (i === 0) {
        br.placeEntry('entry', 'L', 'long', 4, undefined, undefined);
        br.placeExit('X', 'L', undefined, 50, undefined, 101);
      }
    });
    expect(b.closedTrades.map((t) => t.qty)).toEqual([2]);
    expect(b.positionSize).toBe(2);
  });

  it('exits reserve quantity in call order: a 100% exit after a 50% one covers the other half', () => {
    const b = run(bars(flat, flat, [100, 103, 99.9, 102.5], [102.5, 106, 102.4, 105.5]), (br, i) => {
      if (i === 0) {
        br.placeEntry('entry', 'L', 'long', 4, undefined, undefined);
        br.placeExit('tp1', 'L', undefined, 50, undefined, 102);
        br.placeExit('tp2', 'L', undefined, undefined, undefined, 105, undefined, 95);
      }
    });
    expect(b.closedTrades.map((t) => [t.exitId, t.qty, t.exitPrice])).toEqual([['tp1', 2, 102], ['tp2', 2, 105]]);
  });

  it('trailing stop: activates trail_points ticks in profit, trails trail_offset ticks behind the best price', () => {
    // Long at 100. Activation at 102 (200 ticks), offset 1.00 (100 ticks).
    // Bar 2 goes 100 → 99.5 → 103 → 102.5: activates, best 103, stop 102 (not touched afterwards).
    // Bar 3 goes 103.5 → 104 → 101 → 101.5: best 104, stop 103 → fills at 103 on the way down.
    const b = run(bars(flat, flat, [100, 103, 99.5, 102.5], [103.5, 104, 101, 101.5]), (br, i) => {
      if (i === 0) {
        br.placeEntry('entry', 'L', 'long', 1, undefined, undefined);
        br.placeExit('T', 'L', undefined, undefined, undefined, undefined, undefined, undefined, undefined, 200, 100, '', '', '', '', 'trail');
      }
    });
    expect(b.closedTrades[0]!.exitPrice).toBe(103);
    expect(b.closedTrades[0]!.exitBar).toBe(3);
    expect(exitSignal(b, 0)).toBe('trail');
  });

  it('is removed once the trades it covers are closed', () => {
    const b = run(bars(flat, flat, [100, 101.5, 99.9, 101], flat, [100, 101.5, 99.9, 101]), (br, i) => {
      if (i === 0) {
        br.placeEntry('entry', 'L', 'long', 1, undefined, undefined);
        br.placeExit('X', 'L', undefined, undefined, undefined, 101);
      }
      if (i === 3) br.placeEntry('entry', 'L', 'long', 1, undefined, undefined);
    });
    expect(b.closedTrades).toHaveLength(1);
    expect(b.openTrades).toHaveLength(1); // the second "L" is not covered by the old exit
  });
});

describe('strategy.close / close_all / cancel', () => {
  it('close(id) closes that entry at the next open; close_all the whole position', () => {
    const b = run(bars(flat, flat, [101, 101, 101, 101], [102, 102, 102, 102]), (br, i) => {
      if (i === 0) {
        br.placeEntry('entry', 'A', 'long', 1, undefined, undefined);
        br.placeEntry('entry', 'B', 'long', 1, undefined, undefined);
      }
      if (i === 1) br.placeClose('B', 'bye B');
      if (i === 2) br.placeClose(null);
    }, { pyramiding: 2, closeEntriesRule: 'ANY' });
    expect(b.closedTrades.map((t) => [t.entryId, exitSignal(b, b.closedTrades.indexOf(t)), t.exitPrice])).toEqual([
      ['B', 'bye B', 101],
      ['A', 'Close position order', 102],
    ]);
  });

  it('FIFO closes the oldest trade first even when closing another id; ANY closes the named one', () => {
    const script = (b: import('../../src/broker/index.js').Broker, i: number): void => {
      if (i === 0) b.placeEntry('entry', 'A', 'long', 1, undefined, undefined);
      if (i === 1) b.placeEntry('entry', 'B', 'long', 1, undefined, undefined);
      if (i === 2) b.placeClose('B');
    };
    const data = bars(flat, flat, flat, flat);
    expect(run(data, script, { pyramiding: 2 }).closedTrades[0]!.entryId).toBe('A');
    expect(run(data, script, { pyramiding: 2, closeEntriesRule: 'ANY' }).closedTrades[0]!.entryId).toBe('B');
  });

  it('close(immediately=true) fills at the current price (the close) on the same bar', () => {
    const b = run(bars(flat, flat, [100, 106, 99, 105]), (br, i) => {
      if (i === 0) br.placeEntry('entry', 'L', 'long', 1, undefined, undefined);
      if (i === 2) br.placeClose('L', '', undefined, undefined, true);
    });
    expect(b.closedTrades[0]!.exitPrice).toBe(105);
    expect(b.closedTrades[0]!.exitBar).toBe(2);
  });

  it('a close bound to trades that are gone by fill time does nothing', () => {
    const b = run(bars(flat, flat, flat, flat), (br, i) => {
      if (i === 0) br.placeEntry('entry', 'L', 'long', 1, undefined, undefined);
      if (i === 1) {
        br.placeEntry('entry', 'S', 'short', 1, undefined, undefined); // placed first, so it fills first and closes L
        br.placeClose('L');
      }
    });
    expect(b.positionSize).toBe(-1);
    expect(b.closedTrades).toHaveLength(1);
  });

  it('cancel removes unfilled orders; a market order only within the execution that placed it', () => {
    const same = run(bars(flat, flat), (br, i) => {
      if (i === 0) {
        br.placeEntry('entry', 'L', 'long', 1, undefined, undefined);
        br.cancel('L');
      }
    });
    expect(same.openTrades).toHaveLength(0);
    const stop = run(bars(flat, flat, [100, 105, 99, 104]), (br, i) => {
      if (i === 0) br.placeEntry('entry', 'L', 'long', 1, undefined, 103);
      if (i === 1) br.cancel(null);
    });
    expect(stop.openTrades).toHaveLength(0);
  });
});

describe('OCA groups (§3.7)', () => {
  it('cancel: the first fill cancels the rest of the group', () => {
    const b = run(bars(flat, [100, 103, 96, 100], flat), (br, i) => {
      if (i === 0) {
        br.placeEntry('entry', 'L', 'long', 1, undefined, 102, 'g', 'cancel');
        br.placeEntry('entry', 'S', 'short', 1, undefined, 97, 'g', 'cancel');
      }
    });
    expect(b.openTrades.map((t) => t.entryId)).toEqual(['L']);
    expect(b.orders).toHaveLength(0);
  });

  it('reduce: the others shrink by the filled quantity and vanish at zero', () => {
    const b = run(bars(flat, flat, [100, 103, 99.5, 102]), (br, i) => {
      if (i === 0) br.placeEntry('order', 'buy', 'long', 3, undefined, undefined);
      if (i === 1) {
        br.placeEntry('order', 'tp', 'short', 1, 102, undefined, 'x', 'reduce');
        br.placeEntry('order', 'sl', 'short', 3, undefined, 95, 'x', 'reduce');
      }
    });
    expect(b.positionSize).toBe(2);
    const sl = b.orders.find((o) => o.id === 'sl');
    expect(sl && 'qty' in sl ? sl.qty : NaN).toBe(2);
  });

  it('none: orders are independent', () => {
    const b = run(bars(flat, [100, 103, 96, 100]), (br, i) => {
      if (i === 0) {
        br.placeEntry('order', 'a', 'long', 1, undefined, 102, 'g', 'none');
        br.placeEntry('order', 'b', 'long', 1, undefined, 101, 'g', 'none');
      }
    });
    expect(b.positionSize).toBe(2);
  });
});
