import type { StrategyTemplate } from './types.js';

export const momentumTemplate: StrategyTemplate = {
  id: 'momentum',
  name: 'Momentum with ATR stops',
  description: 'Momentum and its own momentum both positive (long) or negative (short), with ATR-based stop and target.',
  source: `//@version=6
strategy("Momentum with ATR stops", overlay = true, initial_capital = 10000, default_qty_type = strategy.percent_of_equity, default_qty_value = 10)

length = input.int(12, "Momentum length", minval = 1)
atrLength = input.int(14, "ATR length", minval = 1)
stopAtr = input.float(2.0, "Stop (ATR multiples)", minval = 0.1)
targetAtr = input.float(4.0, "Target (ATR multiples)", minval = 0.1)

mom0 = ta.mom(close, length)
mom1 = ta.mom(mom0, 1)
atr = ta.atr(atrLength)

if mom0 > 0 and mom1 > 0 and strategy.position_size <= 0
    strategy.entry("Mom L", strategy.long)
if mom0 < 0 and mom1 < 0 and strategy.position_size >= 0
    strategy.entry("Mom S", strategy.short)

if strategy.position_size > 0
    strategy.exit("Mom L exit", "Mom L", stop = strategy.position_avg_price - stopAtr * atr, limit = strategy.position_avg_price + targetAtr * atr)
if strategy.position_size < 0
    strategy.exit("Mom S exit", "Mom S", stop = strategy.position_avg_price + stopAtr * atr, limit = strategy.position_avg_price - targetAtr * atr)
`,
};
