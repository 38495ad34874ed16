import type { StrategyTemplate } from './types.js';

export const stochasticTemplate: StrategyTemplate = {
  id: 'stochastic',
  name: 'Stochastic %K/%D cross',
  description: 'Long when %K crosses above %D in the oversold zone, short when it crosses below in the overbought zone.',
  source: `//@version=6
strategy("Stochastic %K/%D cross", overlay = false, initial_capital = 10000, default_qty_type = strategy.percent_of_equity, default_qty_value = 10)

kLength = input.int(14, "%K length", minval = 1)
kSmoothing = input.int(3, "%K smoothing", minval = 1)
dSmoothing = input.int(3, "%D smoothing", minval = 1)
lowerZone = input.float(20.0, "Oversold zone")
upperZone = input.float(80.0, "Overbought zone")

k = ta.sma(ta.stoch(close, high, low, kLength), kSmoothing)
d = ta.sma(k, dSmoothing)

if ta.crossover(k, d) and k < lowerZone
    strategy.entry("Stoch L", strategy.long)
if ta.crossunder(k, d) and k > upperZone
    strategy.entry("Stoch S", strategy.short)

plot(k, "%K", color = color.blue)
plot(d, "%D", color = color.orange)
hline(upperZone, "Upper", color = color.gray)
hline(lowerZone, "Lower", color = color.gray)
`,
};
