import type { StrategyTemplate } from './types.js';

export const channelBreakoutTemplate: StrategyTemplate = {
  id: 'channel-breakout',
  name: 'Channel breakout',
  description: 'Resting stop orders one tick beyond the previous N-bar high (long) and low (short).',
  source: `//@version=6
strategy("Channel breakout", overlay = true, initial_capital = 10000, default_qty_type = strategy.percent_of_equity, default_qty_value = 10)

lookback = input.int(20, "Lookback", minval = 1)

channelHigh = ta.highest(high, lookback)[1]
channelLow = ta.lowest(low, lookback)[1]

if not na(channelHigh)
    strategy.entry("Break L", strategy.long, stop = channelHigh + syminfo.mintick, comment = "Breakout up")
if not na(channelLow)
    strategy.entry("Break S", strategy.short, stop = channelLow - syminfo.mintick, comment = "Breakout down")

plot(channelHigh, "Channel high", color = color.green)
plot(channelLow, "Channel low", color = color.red)
`,
};
