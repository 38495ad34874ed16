// Runs a hand-written script function bar by bar against the broker, the way the runtime will.
import { defaultSymbolInfo, type SymbolInfo } from '../../../src/core/symbol.js';
import { createBroker, type Broker, type BrokerBar, type StrategySettings } from '../../../src/broker/index.js';

export function runStrategy(
  bars: readonly BrokerBar[],
  settings: Partial<StrategySettings>,
  syminfo: SymbolInfo,
  script: (broker: Broker, i: number) => void,
  subBars?: (i: number) => readonly BrokerBar[] | undefined,
): Broker {
  const broker = createBroker(settings, syminfo);
  for (let i = 0; i < bars.length; i++) {
    broker.beforeScript(i, bars[i]!, subBars?.(i));
    script(broker, i);
    broker.afterScript(i, bars[i]!);
  }
  broker.finish();
  return broker;
}

export const eurusd = (overrides: Partial<SymbolInfo> = {}): SymbolInfo =>
  defaultSymbolInfo({ ticker: 'EURUSD', currency: 'USD', type: 'forex', mintick: 0.00001, pricescale: 100000, minmove: 1, pointvalue: 1, timezone: 'America/New_York', ...overrides });

/** Forex trading days start at 17:00 New York time. */
export function forexNewDay(bars: readonly BrokerBar[]): BrokerBar[] {
  const hourNY = (ms: number): number => Number(new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hour: '2-digit', hourCycle: 'h23' }).format(new Date(ms)));
  return bars.map((b, i) => ({ ...b, newDay: i === 0 || (hourNY(b.time) >= 17 && hourNY(bars[i - 1]!.time) < 17) || b.time - bars[i - 1]!.time > 12 * 3600_000 }));
}
