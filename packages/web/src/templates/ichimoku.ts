import type { StrategyTemplate } from './types.js';

export const ichimokuTemplate: StrategyTemplate = {
  id: 'ichimoku',
  name: 'Ichimoku cloud',
  description: 'Price breaking out of the displaced cloud, confirmed by the conversion line above (long) or below (short) the base line.',
  source: `//@version=6
strategy("Ichimoku cloud", overlay = true, initial_capital = 10000, default_qty_type = strategy.percent_of_equity, default_qty_value = 10)

conversionLength = input.int(9, "Conversion line length", minval = 1)
baseLength = input.int(26, "Base line length", minval = 1)
spanBLength = input.int(52, "Leading span B length", minval = 1)
displacement = input.int(26, "Displacement", minval = 1)

midpoint(len) =>
    math.avg(ta.lowest(low, len), ta.highest(high, len))

conversionLine = midpoint(conversionLength)
baseLine = midpoint(baseLength)
spanA = math.avg(conversionLine, baseLine)
spanB = midpoint(spanBLength)
// The cloud plotted at this bar was computed displacement - 1 bars ago.
cloudTop = math.max(spanA[displacement - 1], spanB[displacement - 1])
cloudBottom = math.min(spanA[displacement - 1], spanB[displacement - 1])

breaksAbove = ta.crossover(close, cloudTop)
breaksBelow = ta.crossunder(close, cloudBottom)

if breaksAbove and conversionLine > baseLine
    strategy.entry("Kumo L", strategy.long)
if breaksBelow and conversionLine < baseLine
    strategy.entry("Kumo S", strategy.short)

plot(conversionLine, "Conversion", color = color.blue)
plot(baseLine, "Base", color = color.maroon)
plot(cloudTop, "Cloud top", color = color.green)
plot(cloudBottom, "Cloud bottom", color = color.red)
`,
};
