import type { StrategyTemplate } from './types.js';

export const bollingerTemplate: StrategyTemplate = {
  id: 'bollinger',
  name: 'Bollinger Bands re-entry',
  description: 'Stop orders at the band after price closes outside it: long when it re-enters from below, short from above.',
  source: `//@version=6
strategy("Bollinger Bands re-entry", overlay = true, initial_capital = 10000, default_qty_type = strategy.percent_of_equity, default_qty_value = 10)

length = input.int(20, "Length", minval = 2)
deviations = input.float(2.0, "Standard deviations", minval = 0.1, step = 0.1)

[middle, upperBand, lowerBand] = ta.bb(close, length, deviations)
closedBelow = ta.crossunder(close, lowerBand)
closedAbove = ta.crossover(close, upperBand)

if closedBelow
    strategy.entry("BB L", strategy.long, stop = lowerBand, oca_name = "bands", oca_type = strategy.oca.cancel)
else
    strategy.cancel("BB L")
if closedAbove
    strategy.entry("BB S", strategy.short, stop = upperBand, oca_name = "bands", oca_type = strategy.oca.cancel)
else
    strategy.cancel("BB S")

plot(middle, "Basis", color = color.orange)
upperPlot = plot(upperBand, "Upper", color = color.blue)
lowerPlot = plot(lowerBand, "Lower", color = color.blue)
fill(upperPlot, lowerPlot, color = color.new(color.blue, 92))
`,
};
