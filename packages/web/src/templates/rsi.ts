import type { StrategyTemplate } from './types.js';

export const rsiTemplate: StrategyTemplate = {
  id: 'rsi',
  name: 'RSI reversal',
  description: 'Buys when RSI climbs back out of oversold, sells short when it falls back out of overbought.',
  source: `//@version=6
strategy("RSI reversal", overlay = false, initial_capital = 10000, default_qty_type = strategy.percent_of_equity, default_qty_value = 10)

rsiLength = input.int(14, "RSI length", minval = 2)
oversold = input.float(30.0, "Oversold level", minval = 0, maxval = 100)
overbought = input.float(70.0, "Overbought level", minval = 0, maxval = 100)

rsiValue = ta.rsi(close, rsiLength)
leavesOversold = ta.crossover(rsiValue, oversold)
leavesOverbought = ta.crossunder(rsiValue, overbought)

if leavesOversold
    strategy.entry("RSI L", strategy.long, comment = "RSI up")
if leavesOverbought
    strategy.entry("RSI S", strategy.short, comment = "RSI down")

plot(rsiValue, "RSI", color = color.purple)
hline(overbought, "Overbought", color = color.red)
hline(oversold, "Oversold", color = color.green)
`,
};
