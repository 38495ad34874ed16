// Tiny hand-made bar sequences for rule-by-rule tests.
import { defaultSymbolInfo, type SymbolInfo } from '../../../src/core/symbol.js';
import type { Broker, BrokerBar, StrategySettings } from '../../../src/broker/index.js';
import { runStrategy } from './driver.js';

export const T0 = Date.UTC(2024, 0, 1, 0, 0, 0);
export const HOUR = 3_600_000;

/** Bars from [open, high, low, close] tuples, one hour apart starting at T0 (UTC). */
export function bars(...ohlc: [number, number, number, number][]): BrokerBar[] {
  return ohlc.map(([open, high, low, close], i) => ({ time: T0 + i * HOUR, open, high, low, close }));
}

export const sym = (o: Partial<SymbolInfo> = {}): SymbolInfo =>
  defaultSymbolInfo({ mintick: 0.01, pricescale: 100, type: 'crypto', timezone: 'UTC', ...o });

export function run(
  data: BrokerBar[],
  script: (b: Broker, i: number) => void,
  settings: Partial<StrategySettings> = {},
  s: SymbolInfo = sym(),
): Broker {
  return runStrategy(data, settings, s, script);
}

/** Exit signal of closed trade `i` as the trade list shows it. */
export const exitSignal = (b: Broker, i: number): string => b.closedTrades[i]!.exitComment || b.closedTrades[i]!.exitId;
