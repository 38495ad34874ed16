// TradingView strategy fixtures (shared/refdata/tradingview/strategies, INDEX.md §4), each driven by a
// hand-written TypeScript mirror of its .pine script, compared trade by trade at the INDEX.md pass rule
// (and, beyond it, on the Run-up, Drawdown and Cumulative P&L columns).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TV_DIR } from '../../../../test-support/shared.js';
import { defaultSymbolInfo } from '../../src/core/symbol.js';
import type { Broker, BrokerBar } from '../../src/broker/index.js';
import { compareTrades, type FixtureResult } from './support/compare.js';
import { readOhlcv, readTvTrades } from './support/csv.js';
import { eurusd, forexNewDay, runStrategy } from './support/driver.js';
import { crossover, crossunder, highest, lowest, rsi, sma, stdev, supertrendDirection } from './support/indicators.js';

const S = join(TV_DIR, 'strategies');
const EURUSD_BARS = join(S, 'ohlcv', 'EURUSD_60_2022-01-02_2025-09-12.csv');
const NY = 'America/New_York';

const results: Record<string, FixtureResult> = {};

function check(name: string, broker: Broker, tz: string): FixtureResult {
  const r = compareTrades(broker.closedTrades, readTvTrades(join(S, 'trades', `${name}_trades.csv`)), tz);
  results[name] = r;
  console.log(`${name}: ${r.passed}/${r.expected} trades pass (ours ${r.actual}); run-up/drawdown agree on ${r.excursionsMatched}, cumulative P&L on ${r.cumulativeMatched}${r.firstFailure ? '; first failure: ' + r.firstFailure : ''}`);
  return r;
}

/** The INDEX.md pass rule on every trade, plus Run-up/Drawdown and Cumulative P&L (stricter than upstream). */
function expectAll(r: FixtureResult): void {
  expect(r.actual).toBe(r.expected);
  expect(r.passed).toBe(r.expected);
  expect(r.excursionsMatched).toBe(r.expected);
  expect(r.cumulativeMatched).toBe(r.expected);
}

const cols = (bars: readonly BrokerBar[]) => ({
  open: bars.map((b) => b.open), high: bars.map((b) => b.high), low: bars.map((b) => b.low), close: bars.map((b) => b.close),
});

describe('TradingView strategy fixtures', () => {
  const eurBars = forexNewDay(readOhlcv(EURUSD_BARS));
  const eur = cols(eurBars);

  it('rsi: market entries and reversals', () => {
    const v = rsi(eur.close, 14);
    const os = v.map(() => 30);
    const ob = v.map(() => 70);
    const b = runStrategy(eurBars, {}, eurusd(), (br, i) => {
      if (v[i] !== v[i]) return;
      if (crossover(v, os, i)) br.placeEntry('entry', 'RsiLE', 'long', undefined, undefined, undefined, '', 'none', 'RsiLE');
      if (crossunder(v, ob, i)) br.placeEntry('entry', 'RsiSE', 'short', undefined, undefined, undefined, '', 'none', 'RsiSE');
    });
    const r = check('rsi', b, NY);
    expectAll(r);
  });

  it('channelbreakout: stop entries re-issued every bar', () => {
    const up = highest(eur.high, 5);
    const dn = lowest(eur.low, 5);
    const tick = 0.00001;
    const b = runStrategy(eurBars, {}, eurusd(), (br, i) => {
      if (i >= 5) br.placeEntry('entry', 'ChBrkLE', 'long', undefined, undefined, up[i]! + tick, '', 'none', 'ChBrkLE');
      br.placeEntry('entry', 'ChBrkSE', 'short', undefined, undefined, dn[i]! - tick, '', 'none', 'ChBrkSE');
    });
    const r = check('channelbreakout', b, NY);
    expectAll(r);
  });

  it('bollinger: stop entries in an OCA cancel group, cancelled when the signal is gone', () => {
    const basis = sma(eur.close, 20);
    const dev = stdev(eur.close, 20).map((d) => 2 * d);
    const upper = basis.map((x, i) => x + dev[i]!);
    const lower = basis.map((x, i) => x - dev[i]!);
    const b = runStrategy(eurBars, {}, eurusd(), (br, i) => {
      if (crossover(eur.close, lower, i)) br.placeEntry('entry', 'BBandLE', 'long', undefined, undefined, lower[i], 'BollingerBands', 'cancel', 'BBandLE');
      else br.cancel('BBandLE');
      if (crossunder(eur.close, upper, i)) br.placeEntry('entry', 'BBandSE', 'short', undefined, undefined, upper[i], 'BollingerBands', 'cancel', 'BBandSE');
      else br.cancel('BBandSE');
    });
    const r = check('bollinger', b, NY);
    expectAll(r);
  });

  it('supertrend: 15% of equity sizing with reversals', () => {
    const dir = supertrendDirection(eur.high, eur.low, eur.close, 3, 10);
    const b = runStrategy(eurBars, { defaultQtyType: 'percent_of_equity', defaultQtyValue: 15 }, eurusd(), (br, i) => {
      const ch = i > 0 ? dir[i]! - dir[i - 1]! : NaN;
      if (ch < 0) br.placeEntry('entry', 'My Long Entry Id', 'long', undefined, undefined, undefined);
      if (ch > 0) br.placeEntry('entry', 'My Short Entry Id', 'short', undefined, undefined, undefined);
    });
    const r = check('supertrend', b, NY);
    expectAll(r);
  });

  it('barupdn: 10% of equity sizing under max_intraday_loss(1%)', () => {
    const b = runStrategy(eurBars, { defaultQtyType: 'percent_of_equity', defaultQtyValue: 10 }, eurusd(), (br, i) => {
      br.risk.maxIntradayLoss = { value: 1, type: 'percent_of_equity' };
      if (i === 0) return;
      const c = eur.close[i]!, o = eur.open[i]!, c1 = eur.close[i - 1]!;
      if (c > o && o > c1) br.placeEntry('entry', 'BarUp', 'long', undefined, undefined, undefined);
      if (c < o && o < c1) br.placeEntry('entry', 'BarDn', 'short', undefined, undefined, undefined);
    });
    const r = check('barupdn', b, NY);
    expectAll(r);
  });

  it('futures_pnl: point value 500', () => {
    const bars = readOhlcv(join(S, 'ohlcv', 'futures_pnl_ohlcv.csv'));
    const c = bars.map((x) => x.close);
    const fast = sma(c, 10);
    const slow = sma(c, 30);
    const sym = defaultSymbolInfo({ type: 'futures', mintick: 0.025, pricescale: 1000, minmove: 25, pointvalue: 500, timezone: NY });
    const b = runStrategy(bars, { initialCapital: 100000 }, sym, (br, i) => {
      if (crossover(fast, slow, i)) br.placeEntry('entry', 'L', 'long', undefined, undefined, undefined);
      if (crossunder(fast, slow, i)) br.placeEntry('entry', 'S', 'short', undefined, undefined, undefined);
    });
    const r = check('futures_pnl', b, NY);
    expectAll(r);
  });

  it('slippage_basic: market orders with 10 ticks slippage and 0.1% commission', () => {
    const b = runStrategy(eurBars, { initialCapital: 10000, slippage: 10, commissionType: 'percent', commissionValue: 0.1 }, eurusd(), (br, i) => {
      if (i === 10) br.placeEntry('entry', 'Long', 'long', undefined, undefined, undefined, '', 'none', 'Long Entry');
      if (i === 20) br.placeClose('Long', 'Long Exit');
      if (i === 40) br.placeEntry('entry', 'Short', 'short', undefined, undefined, undefined, '', 'none', 'Short Entry');
      if (i === 50) br.placeClose('Short', 'Short Exit');
    });
    const r = check('slippage_basic', b, NY);
    expectAll(r);
  });

  it('slippage_limit: limit entries (no slippage) and slipped exit stops', () => {
    const bars = readOhlcv(join(S, 'ohlcv', 'slippage_limit_ohlcv.csv'));
    const c = bars.map((x) => x.close);
    const fast = sma(c, 10);
    const slow = sma(c, 20);
    const fmt2 = (x: number): string => String(Math.round(x * 100) / 100);
    const b = runStrategy(bars, { initialCapital: 10000, slippage: 20, commissionType: 'percent', commissionValue: 0.1 }, eurusd(), (br, i) => {
      if (crossover(fast, slow, i)) {
        const lp = c[i]! * (1 - 0.5 / 100);
        br.placeEntry('entry', 'Long Limit', 'long', undefined, lp, undefined, '', 'none', 'Limit Long @ ' + fmt2(lp));
      }
      if (crossunder(fast, slow, i)) {
        const lp = c[i]! * (1 + 0.5 / 100);
        br.placeEntry('entry', 'Short Limit', 'short', undefined, lp, undefined, '', 'none', 'Limit Short @ ' + fmt2(lp));
      }
      if (br.positionSize > 0) {
        const sp = br.positionAvgPrice * (1 - 1 / 100);
        br.placeExit('Long Stop', 'Long Limit', undefined, undefined, undefined, undefined, undefined, sp, undefined, undefined, undefined, '', 'Stop Exit');
        br.placeExit('Long Stop Market', 'Long Market', undefined, undefined, undefined, undefined, undefined, sp, undefined, undefined, undefined, '', 'Stop Exit');
      }
      if (br.positionSize < 0) {
        const sp = br.positionAvgPrice * (1 + 1 / 100);
        br.placeExit('Short Stop', 'Short Limit', undefined, undefined, undefined, undefined, undefined, sp, undefined, undefined, undefined, '', 'Stop Exit');
        br.placeExit('Short Stop Market', 'Short Market', undefined, undefined, undefined, undefined, undefined, sp, undefined, undefined, undefined, '', 'Stop Exit');
      }
    });
    const r = check('slippage_limit', b, NY);
    expectAll(r);
  });

  it('slippage_pyramiding: three percent-of-equity entries then close_all', () => {
    const bars = readOhlcv(join(S, 'ohlcv', 'slippage_pyramiding_ohlcv.csv'));
    const settings = { initialCapital: 10000, pyramiding: 3, slippage: 5, commissionType: 'percent' as const, commissionValue: 0.1, defaultQtyType: 'percent_of_equity' as const, defaultQtyValue: 10 };
    const b = runStrategy(bars, settings, eurusd(), (br, i) => {
      if (i >= 20 && i <= 30 && (i - 20) % 5 === 0) {
        const n = (i - 20) / 5 + 1;
        br.placeEntry('entry', `Long ${n}`, 'long', undefined, undefined, undefined, '', 'none', `Entry #${n}`);
      }
      if (i === 20 + 15 + 5) br.placeClose(null, 'Close All Positions');
    });
    const r = check('slippage_pyramiding', b, NY);
    expectAll(r);
  });

  it('bar_magnifier: 1D chart filled along 60m sub-bars', () => {
    const hourly = readOhlcv(join(S, 'ohlcv', 'BINANCE_BTCUSDT_60_bar_magnifier.csv'));
    const days: BrokerBar[] = [];
    const subs: BrokerBar[][] = [];
    for (const h of hourly) {
      const day = Math.floor(h.time / 86_400_000) * 86_400_000;
      if (days.length === 0 || days[days.length - 1]!.time !== day) {
        days.push({ time: day, open: h.open, high: h.high, low: h.low, close: h.close });
        subs.push([]);
      }
      const d = days[days.length - 1]!;
      d.high = Math.max(d.high, h.high);
      d.low = Math.min(d.low, h.low);
      d.close = h.close;
      subs[subs.length - 1]!.push(h);
    }
    const c = days.map((x) => x.close);
    const fast = sma(c, 3);
    const slow = sma(c, 10);
    const sym = defaultSymbolInfo({ ticker: 'BTCUSDT', currency: 'USDT', type: 'crypto', mintick: 0.01, timezone: 'UTC' });
    const b = runStrategy(days, { initialCapital: 10000, defaultQtyType: 'fixed', defaultQtyValue: 0.01, useBarMagnifier: true }, sym, (br, i) => {
      if (crossover(fast, slow, i)) {
        br.placeEntry('entry', 'Long', 'long', undefined, undefined, undefined);
        br.placeExit('XL', 'Long', undefined, undefined, undefined, c[i]! + 1500, undefined, c[i]! - 1000);
      }
      if (crossunder(fast, slow, i)) {
        br.placeEntry('entry', 'Short', 'short', undefined, undefined, undefined);
        br.placeExit('XS', 'Short', undefined, undefined, undefined, c[i]! - 1500, undefined, c[i]! + 1000);
      }
    }, (i) => subs[i]);
    const r = compareTrades(b.closedTrades, readTvTrades(join(S, 'trades', 'bar_magnifier_tv_trades.csv')), 'UTC');
    console.log(`bar_magnifier: ${r.passed}/${r.expected} trades pass (ours ${r.actual}); run-up/drawdown agree on ${r.excursionsMatched}, cumulative P&L on ${r.cumulativeMatched} ${r.firstFailure ?? ''}`);
    expectAll(r);
  });

  it('cash_per_contract: every round trip pays 2 × 1.70', () => {
    const bars = readOhlcv(join(S, 'ohlcv', 'CAPITALCOM_EURUSD_60_cash_per_contract.csv'));
    const c = bars.map((x) => x.close);
    const fast = sma(c, 10);
    const slow = sma(c, 30);
    const settings = { initialCapital: 10000, commissionType: 'cash_per_contract' as const, commissionValue: 1.7 };
    const b = runStrategy(bars, settings, eurusd({ timezone: 'UTC' }), (br, i) => {
      if (crossover(fast, slow, i)) br.placeEntry('entry', 'L', 'long', undefined, undefined, undefined);
      if (crossunder(fast, slow, i)) br.placeEntry('entry', 'S', 'short', undefined, undefined, undefined);
    });
    expect(b.closedTrades.length).toBeGreaterThan(10);
    for (const t of b.closedTrades) expect(t.commission).toBeCloseTo(3.4, 10);
    console.log(`cash_per_contract: ${b.closedTrades.length}/${b.closedTrades.length} closed trades pay 3.40`);
  });
});
