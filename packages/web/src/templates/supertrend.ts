import type { StrategyTemplate } from './types.js';

export const supertrendTemplate: StrategyTemplate = {
  id: 'supertrend',
  name: 'SuperTrend flip',
  description: 'Always in the market: long while SuperTrend points up, short while it points down.',
  source: `//@version=6
strategy("SuperTrend flip", overlay = true, initial_capital = 10000, default_qty_type = strategy.percent_of_equity, default_qty_value = 10)

atrLength = input.int(10, "ATR length", minval = 1)
factor = input.float(3.0, "Factor", minval = 0.1, step = 0.1)

[trendLine, direction] = ta.supertrend(factor, atrLength)
// direction is negative in an up-trend and positive in a down-trend.
turnedUp = ta.change(direction) < 0
turnedDown = ta.change(direction) > 0

if turnedUp
    strategy.entry("ST L", strategy.long)
if turnedDown
    strategy.entry("ST S", strategy.short)

plot(direction < 0 ? trendLine : na, "Up trend", color = color.green, style = plot.style_linebr)
plot(direction > 0 ? trendLine : na, "Down trend", color = color.red, style = plot.style_linebr)
`,
};
