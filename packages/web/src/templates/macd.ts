import type { StrategyTemplate } from './types.js';

export const macdTemplate: StrategyTemplate = {
  id: 'macd',
  name: 'MACD signal cross',
  description: 'Long when the MACD line crosses above its signal line below zero, short on the opposite cross above zero.',
  source: `//@version=6
strategy("MACD signal cross", overlay = false, initial_capital = 10000, default_qty_type = strategy.percent_of_equity, default_qty_value = 10)

fastLength = input.int(12, "Fast length", minval = 1)
slowLength = input.int(26, "Slow length", minval = 2)
signalLength = input.int(9, "Signal length", minval = 1)
requireZeroSide = input.bool(false, "Only cross on the far side of zero")

[macdLine, signalLine, histogram] = ta.macd(close, fastLength, slowLength, signalLength)
bullCross = ta.crossover(macdLine, signalLine)
bearCross = ta.crossunder(macdLine, signalLine)

goLong = bullCross and (not requireZeroSide or macdLine < 0)
goShort = bearCross and (not requireZeroSide or macdLine > 0)

if goLong
    strategy.entry("MACD L", strategy.long)
if goShort
    strategy.entry("MACD S", strategy.short)

plot(macdLine, "MACD", color = color.blue)
plot(signalLine, "Signal", color = color.orange)
plot(histogram, "Histogram", color = histogram >= 0 ? color.teal : color.red, style = plot.style_columns)
`,
};
