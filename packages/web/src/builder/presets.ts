// Ready-made builder documents: the builder opens with one, and the tests use them as fixtures.
import { emptyGroup, type BuilderStrategy } from './model.js';

export function rsiMeanReversionPreset(): BuilderStrategy {
  return {
    name: 'RSI mean reversion (builder)',
    overlay: true,
    initialCapital: 10000,
    orderPercent: 10,
    indicators: [
      { id: 'rsi1', type: 'rsi', params: { length: 14, source: 'close' } },
      { id: 'ema1', type: 'ema', params: { length: 200, source: 'close' } },
    ],
    variables: [{ name: 'rsiDistance', expression: 'rsi1 - 50' }],
    longEntry: {
      type: 'group', combine: 'and', items: [
        { type: 'compare', left: { kind: 'indicator', ref: 'rsi1' }, op: 'crosses_above', right: { kind: 'number', value: 30 } },
        { type: 'compare', left: { kind: 'price', field: 'close' }, op: '>', right: { kind: 'indicator', ref: 'ema1' } },
      ],
    },
    longExit: {
      type: 'group', combine: 'or', items: [
        { type: 'compare', left: { kind: 'variable', name: 'rsiDistance' }, op: '>', right: { kind: 'number', value: 20 } },
        { type: 'compare', left: { kind: 'price', field: 'close' }, op: 'crosses_below', right: { kind: 'indicator', ref: 'ema1' } },
      ],
    },
    shortEntry: {
      type: 'group', combine: 'and', items: [
        { type: 'compare', left: { kind: 'indicator', ref: 'rsi1' }, op: 'crosses_below', right: { kind: 'number', value: 70 } },
        { type: 'compare', left: { kind: 'price', field: 'close' }, op: '<', right: { kind: 'indicator', ref: 'ema1' } },
      ],
    },
    shortExit: emptyGroup('or'),
    risk: { stopLossPercent: 3, takeProfitPercent: 6 },
  };
}

export function macdTrendPreset(): BuilderStrategy {
  return {
    name: 'MACD trend with ADX filter (builder)',
    overlay: true,
    initialCapital: 25000,
    orderPercent: 50,
    indicators: [
      { id: 'macd1', type: 'macd', params: {} },
      { id: 'dmi1', type: 'dmi', params: {} },
      { id: 'bb1', type: 'bb', params: { length: 20, mult: 2 } },
    ],
    variables: [{ name: 'trendStrength', expression: 'math.abs(dmi1Plus - dmi1Minus) / math.max(dmi1Adx, 1)' }],
    longEntry: {
      type: 'group', combine: 'and', items: [
        { type: 'compare', left: { kind: 'indicator', ref: 'macd1', output: 'macd' }, op: 'crosses_above', right: { kind: 'indicator', ref: 'macd1', output: 'signal' } },
        { type: 'group', combine: 'or', items: [
          { type: 'compare', left: { kind: 'indicator', ref: 'dmi1', output: 'adx' }, op: '>', right: { kind: 'number', value: 20 } },
          { type: 'trend', operand: { kind: 'variable', name: 'trendStrength' }, op: 'rising', bars: 2 },
        ] },
      ],
    },
    longExit: {
      type: 'group', combine: 'or', items: [
        { type: 'compare', left: { kind: 'price', field: 'close' }, op: '>', right: { kind: 'indicator', ref: 'bb1', output: 'upper' } },
      ],
    },
    shortEntry: {
      type: 'group', combine: 'and', items: [
        { type: 'compare', left: { kind: 'indicator', ref: 'macd1', output: 'macd' }, op: 'crosses_below', right: { kind: 'indicator', ref: 'macd1', output: 'signal' } },
      ],
    },
    shortExit: null,
    risk: { stopLossPercent: 2.5 },
  };
}
