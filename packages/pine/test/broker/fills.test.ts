// Fill rules: order of fills along the intrabar path, gaps, order types, slippage, tick rounding.
import { describe, expect, it } from 'vitest';
import { barPath } from '../../src/broker/fills/path.js';
import type { Broker } from '../../src/broker/index.js';
import { runStrategy } from './support/driver.js';
import { bars, exitSignal, run, sym } from './support/scenario.js';

const flat: [number, number, number, number] = [100, 100, 100, 100];

describe('intrabar path (§1.5)', () => {
  it('visits the nearer extreme first: open nearer the high goes open → high → low → close', () => {
    expect(barPath({ time: 0, open: 100, high: 101, low: 95, close: 98 }).map((p) => p.price)).toEqual([100, 101, 95, 98]);
    expect(barPath({ time: 0, open: 100, high: 105, low: 99, close: 102 }).map((p) => p.price)).toEqual([100, 99, 105, 102]);
  });

  it('goes to the low first when the open is equidistant', () => {
    expect(barPath({ time: 0, open: 100, high: 102, low: 98, close: 100 }).map((p) => p.price)).toEqual([100, 98, 102, 100]);
  });

  it('decides a same-bar take-profit vs stop-loss by path order', () => {
    // Long at 100; bracket TP 104 / SL 97. Bar 2 opens nearer its high (5 vs 6): high (105) comes first → TP.
    const upFirst = run(bars(flat, flat, [100, 105, 94, 100]), (b, i) => {
      if (i === 0) {
        b.placeEntry('entry', 'L', 'long', 1, undefined, undefined);
        b.placeExit('X', 'L', undefined, undefined, undefined, 104, undefined, 97, undefined, undefined, undefined, '', '', 'tp', 'sl');
      }
    });
    expect(upFirst.closedTrades[0]!.exitPrice).toBe(104);
    expect(exitSignal(upFirst, 0)).toBe('tp');
    // Same levels; the open is nearer the low, so the low (96) comes first → SL.
    const downFirst = run(bars(flat, flat, [100, 105, 98, 100]), (b, i) => {
      if (i === 0) {
        b.placeEntry('entry', 'L', 'long', 1, undefined, undefined);
        b.placeExit('X', 'L', undefined, undefined, undefined, 104, undefined, 99, undefined, undefined, undefined, '', '', 'tp', 'sl');
      }
    });
    expect(downFirst.closedTrades[0]!.exitPrice).toBe(99);
    expect(exitSignal(downFirst, 0)).toBe('sl');
  });

  it('fills orders along one move nearest first, ties by creation order', () => {
    // Two buy stops at 102 and 101 on a rising bar: 101 fills first (pyramiding 2 allows both).
    const b = run(bars(flat, [100, 103, 99.5, 103]), (br, i) => {
      if (i === 0) {
        br.placeEntry('entry', 'A', 'long', 1, undefined, 102);
        br.placeEntry('entry', 'B', 'long', 1, undefined, 101);
      }
    }, { pyramiding: 2 });
    expect(b.openTrades.map((t) => [t.entryId, t.entryPrice])).toEqual([['B', 101], ['A', 102]]);
  });
});

describe('market orders and gaps (§1.3, §1.6)', () => {
  it('fills a market order at the next bar open', () => {
    const b = run(bars(flat, [101, 102, 100, 101]), (br, i) => i === 0 && br.placeEntry('entry', 'L', 'long', 1, undefined, undefined));
    expect(b.openTrades[0]!.entryPrice).toBe(101);
    expect(b.openTrades[0]!.entryBar).toBe(1);
  });

  it('fills a stop gapped through at the open, not at its level', () => {
    const b = run(bars(flat, [105, 106, 104, 105]), (br, i) => i === 0 && br.placeEntry('entry', 'L', 'long', 1, undefined, 102));
    expect(b.openTrades[0]!.entryPrice).toBe(105);
  });

  it('fills a limit at the open when the open is already better', () => {
    const b = run(bars(flat, [95, 96, 94, 95]), (br, i) => i === 0 && br.placeEntry('entry', 'L', 'long', 1, 98, undefined));
    expect(b.openTrades[0]!.entryPrice).toBe(95);
  });

  it('fills a limit at its level when crossed intrabar', () => {
    const b = run(bars(flat, [100, 101, 97, 99]), (br, i) => i === 0 && br.placeEntry('entry', 'L', 'long', 1, 98, undefined));
    expect(b.openTrades[0]!.entryPrice).toBe(98);
  });

  it('activates a stop-limit at the stop and fills its limit only later on the path', () => {
    // Buy stop 102 / limit 101: the bar rises to 103 (activation), then falls to 100 (limit fills at 101).
    const b = run(bars(flat, [100, 103, 99.9, 100.5]), (br, i) => i === 0 && br.placeEntry('entry', 'L', 'long', 1, 101, 102));
    expect(b.openTrades[0]!.entryPrice).toBe(101);
    // Never activated: the bar stays under the stop.
    const c = run(bars(flat, [100, 101.5, 99, 100]), (br, i) => i === 0 && br.placeEntry('entry', 'L', 'long', 1, 101, 102));
    expect(c.openTrades).toHaveLength(0);
  });

  it('backtest_fill_limits_assumption requires trading N ticks through the limit but fills at the limit', () => {
    const touch = bars(flat, [100, 100.5, 98.98, 99]);
    const strict = run(touch, (br, i) => i === 0 && br.placeEntry('entry', 'L', 'long', 1, 99, undefined), { backtestFillLimitsAssumption: 3 });
    expect(strict.openTrades).toHaveLength(0); // 98.98 is only 2 ticks through 99
    const through = run(bars(flat, [100, 100.5, 98.97, 99]), (br, i) => i === 0 && br.placeEntry('entry', 'L', 'long', 1, 99, undefined), { backtestFillLimitsAssumption: 3 });
    expect(through.openTrades[0]!.entryPrice).toBe(99);
  });
});

describe('data gaps', () => {
  it('a bar without prices fills nothing and keeps equity marked at the last close', () => {
    const b = run(bars(flat, [NaN, NaN, NaN, NaN], [101, 101, 101, 101]), (br, i) => i === 0 && br.placeEntry('entry', 'L', 'long', 1, undefined, undefined));
    expect(b.openTrades[0]!.entryBar).toBe(2);
    expect(b.series.equity[1]).toBe(1_000_000);
  });
});

describe('slippage (§1.6)', () => {
  it('worsens market fills: buys up, sells down, by slippage × mintick', () => {
    const b = run(bars(flat, [100, 101, 99, 100], [100, 101, 99, 100]), (br, i) => {
      if (i === 0) br.placeEntry('entry', 'L', 'long', 1, undefined, undefined);
      if (i === 1) br.placeClose('L');
    }, { slippage: 3 });
    expect(b.closedTrades[0]!.entryPrice).toBe(100.03);
    expect(b.closedTrades[0]!.exitPrice).toBe(99.97);
  });

  it('applies to stop fills but not to limit fills', () => {
    const stop = run(bars(flat, [100, 103, 99.5, 103]), (br, i) => i === 0 && br.placeEntry('entry', 'L', 'long', 1, undefined, 101), { slippage: 5 });
    expect(stop.openTrades[0]!.entryPrice).toBe(101.05);
    const limit = run(bars(flat, [100, 100.5, 97, 98]), (br, i) => i === 0 && br.placeEntry('entry', 'L', 'long', 1, 99, undefined), { slippage: 5 });
    expect(limit.openTrades[0]!.entryPrice).toBe(99);
  });
});

describe('tick rounding (§1.6)', () => {
  it('puts stop and limit levels on the first tradable tick', () => {
    // Buy stop 101.003 first trades at 101.01; sell limit 101.003 first trades at 101.01 too.
    const b = run(bars(flat, [100, 102, 99.5, 102]), (br, i) => i === 0 && br.placeEntry('entry', 'L', 'long', 1, undefined, 101.003));
    expect(b.openTrades[0]!.entryPrice).toBe(101.01);
    const s = run(bars(flat, [100, 102, 99.5, 102]), (br, i) => i === 0 && br.placeEntry('entry', 'S', 'short', 1, 101.003, undefined));
    expect(s.openTrades[0]!.entryPrice).toBe(101.01);
  });

  it('measures profit/loss ticks from the entry price', () => {
    // mintick 0.25: entry 100, profit 10 ticks → 102.5, loss 6 ticks → 98.5.
    const s = sym({ mintick: 0.25, pricescale: 4 });
    const b = run(bars(flat, flat, [100, 103, 99.75, 102.75]), (br, i) => {
      if (i === 0) br.placeEntry('entry', 'L', 'long', 1, undefined, undefined);
      if (i === 0) br.placeExit('X', 'L', undefined, undefined, 10, undefined, 6, undefined);
    }, {}, s);
    expect(b.closedTrades[0]!.exitPrice).toBe(102.5);
    const c = run(bars(flat, flat, [100, 100.25, 98, 99]), (br, i) => {
      if (i === 0) br.placeEntry('entry', 'L', 'long', 1, undefined, undefined);
      if (i === 0) br.placeExit('X', 'L', undefined, undefined, 10, undefined, 6, undefined);
    }, {}, s);
    expect(c.closedTrades[0]!.exitPrice).toBe(98.5);
  });
});

describe('bar magnifier (§1.7)', () => {
  it('walks the sub-bars instead of the assumed chart-bar path', () => {
    // Chart bar: open 100, high 110, low 90. Assumed path (low first on a tie) would hit the SL at 95 first;
    // the sub-bars show the high came first, so the TP at 105 fills.
    const chart = bars(flat, flat, [100, 110, 90, 100]);
    const subs = [[], [], [
      { time: chart[2]!.time, open: 100, high: 110, low: 99, close: 108 },
      { time: chart[2]!.time + 1, open: 108, high: 108, low: 90, close: 100 },
    ]];
    const script = (br: Broker, i: number): void => {
      if (i === 0) {
        br.placeEntry('entry', 'L', 'long', 1, undefined, undefined);
        br.placeExit('X', 'L', undefined, undefined, undefined, 105, undefined, 95);
      }
    };
    const off = run(chart, script);
    expect(off.closedTrades[0]!.exitPrice).toBe(95);
    const on = runStrategy(chart, { useBarMagnifier: true }, sym(), script, (i) => subs[i]);
    expect(on.closedTrades[0]!.exitPrice).toBe(105);
    // Sub-bars are ignored unless use_bar_magnifier is on.
    const ignored = runStrategy(chart, {}, sym(), script, (i) => subs[i]);
    expect(ignored.closedTrades[0]!.exitPrice).toBe(95);
  });
});

describe('bar magnifier timeframe mapping', () => {
  it('follows the Help Center table', async () => {
    const { magnifierTimeframe } = await import('../../src/broker/index.js');
    expect(magnifierTimeframe('D')).toBe('60');
    expect(magnifierTimeframe('1D')).toBe('60');
    expect(magnifierTimeframe('60')).toBe('10');
    expect(magnifierTimeframe('120')).toBe('10');
    expect(magnifierTimeframe('240')).toBe('30');
    expect(magnifierTimeframe('W')).toBe('1D');
    expect(magnifierTimeframe('5')).toBe('30S');
    expect(magnifierTimeframe('1S')).toBeNull();
  });
});
