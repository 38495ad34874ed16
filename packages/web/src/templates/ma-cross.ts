import type { StrategyTemplate } from './types.js';

export const maCrossTemplate: StrategyTemplate = {
  id: 'ma-cross',
  name: 'Moving average cross',
  description: 'Fast average crossing the slow one: long on a golden cross, short on a death cross. SMA or EMA.',
  source: `//@version=6
strategy("Moving average cross", overlay = true, initial_capital = 10000, default_qty_type = strategy.percent_of_equity, default_qty_value = 10)

fastLength = input.int(10, "Fast length", minval = 1)
slowLength = input.int(30, "Slow length", minval = 2)
averageType = input.string("SMA", "Average type", options = ["SMA", "EMA"])

average(src, len) =>
    averageType == "EMA" ? ta.ema(src, len) : ta.sma(src, len)

fastMa = average(close, fastLength)
slowMa = average(close, slowLength)

if ta.crossover(fastMa, slowMa)
    strategy.entry("Golden", strategy.long)
if ta.crossunder(fastMa, slowMa)
    strategy.entry("Death", strategy.short)

plot(fastMa, "Fast", color = color.teal)
plot(slowMa, "Slow", color = color.orange)
`,
};
