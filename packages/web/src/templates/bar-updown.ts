import type { StrategyTemplate } from './types.js';

export const barUpDownTemplate: StrategyTemplate = {
  id: 'bar-updown',
  name: 'Bar up / bar down',
  description: 'Counts consecutive bars that close up (or down) and gap in the same direction, then follows them.',
  source: `//@version=6
strategy("Bar up / bar down", overlay = true, initial_capital = 10000, default_qty_type = strategy.percent_of_equity, default_qty_value = 10)

barsInARow = input.int(2, "Bars in a row", minval = 1)

upBar = close > open and open > close[1]
downBar = close < open and open < close[1]

var int upCount = 0
var int downCount = 0
upCount := upBar ? upCount + 1 : 0
downCount := downBar ? downCount + 1 : 0

if upCount >= barsInARow
    strategy.entry("Up L", strategy.long)
if downCount >= barsInARow
    strategy.entry("Down S", strategy.short)

plotshape(upBar, "Up bar", style = shape.triangleup, location = location.belowbar, color = color.green)
plotshape(downBar, "Down bar", style = shape.triangledown, location = location.abovebar, color = color.red)
`,
};
