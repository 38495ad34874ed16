import type { StrategyTemplate } from './types.js';

export const donchianTemplate: StrategyTemplate = {
  id: 'donchian',
  name: 'Donchian turtle',
  description: 'Turtle-style: enter on a close through the long channel, exit on a close through the short one.',
  source: `//@version=6
strategy("Donchian turtle", overlay = true, initial_capital = 10000, default_qty_type = strategy.percent_of_equity, default_qty_value = 10)

entryLength = input.int(20, "Entry channel", minval = 2)
exitLength = input.int(10, "Exit channel", minval = 1)

entryHigh = ta.highest(high, entryLength)[1]
entryLow = ta.lowest(low, entryLength)[1]
exitHigh = ta.highest(high, exitLength)[1]
exitLow = ta.lowest(low, exitLength)[1]

if close > entryHigh
    strategy.entry("Turtle L", strategy.long)
if close < entryLow
    strategy.entry("Turtle S", strategy.short)
if strategy.position_size > 0 and close < exitLow
    strategy.close("Turtle L", comment = "Exit channel")
if strategy.position_size < 0 and close > exitHigh
    strategy.close("Turtle S", comment = "Exit channel")

plot(entryHigh, "Entry high", color = color.green)
plot(entryLow, "Entry low", color = color.red)
plot(math.avg(entryHigh, entryLow), "Middle", color = color.gray)
`,
};
