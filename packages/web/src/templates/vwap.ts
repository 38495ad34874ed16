import type { StrategyTemplate } from './types.js';

export const vwapTemplate: StrategyTemplate = {
  id: 'vwap',
  name: 'VWAP trend',
  description: 'Long when price closes above the session VWAP with rising volume, short below it; flat on the recross.',
  source: `//@version=6
strategy("VWAP trend", overlay = true, initial_capital = 10000, default_qty_type = strategy.percent_of_equity, default_qty_value = 10)

volumeLength = input.int(20, "Volume average length", minval = 1)

sessionVwap = ta.vwap(hlc3)
busy = volume > ta.sma(volume, volumeLength)

if ta.crossover(close, sessionVwap) and busy
    strategy.entry("VWAP L", strategy.long)
if ta.crossunder(close, sessionVwap) and busy
    strategy.entry("VWAP S", strategy.short)
if strategy.position_size > 0 and close < sessionVwap
    strategy.close("VWAP L", comment = "Below VWAP")
if strategy.position_size < 0 and close > sessionVwap
    strategy.close("VWAP S", comment = "Above VWAP")

plot(sessionVwap, "VWAP", color = color.fuchsia)
`,
};
