import type { StrategyTemplate } from './types.js';

export const keltnerTemplate: StrategyTemplate = {
  id: 'keltner',
  name: 'Keltner Channels breakout',
  description: 'Stop entries beyond the channel after a close outside it; flat again at the middle line.',
  source: `//@version=6
strategy("Keltner Channels breakout", overlay = true, initial_capital = 10000, default_qty_type = strategy.percent_of_equity, default_qty_value = 10)

length = input.int(20, "Length", minval = 1)
multiplier = input.float(2.0, "Multiplier", minval = 0.1, step = 0.1)
useTrueRange = input.bool(true, "Use true range")

[middle, upperBand, lowerBand] = ta.kc(close, length, multiplier, useTrueRange)
breakUp = ta.crossover(close, upperBand)
breakDown = ta.crossunder(close, lowerBand)

if breakUp
    strategy.entry("KC L", strategy.long, stop = high + syminfo.mintick)
if breakDown
    strategy.entry("KC S", strategy.short, stop = low - syminfo.mintick)
if strategy.position_size > 0 and ta.crossunder(close, middle)
    strategy.close("KC L", comment = "Middle")
if strategy.position_size < 0 and ta.crossover(close, middle)
    strategy.close("KC S", comment = "Middle")

plot(middle, "Middle", color = color.gray)
plot(upperBand, "Upper", color = color.blue)
plot(lowerBand, "Lower", color = color.blue)
`,
};
