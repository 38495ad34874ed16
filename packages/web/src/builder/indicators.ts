// The builder's indicator catalog: each entry names its parameters (exposed as script inputs), its
// outputs, and how to write it in Pine v6. Adding an indicator means adding one entry here.

export type ParamKind = 'int' | 'float' | 'source';

export interface IndicatorParam {
  name: string;
  label: string;
  kind: ParamKind;
  default: number | string;
  min?: number;
}

export interface IndicatorDef {
  type: string;
  label: string;
  category: 'trend' | 'momentum' | 'volatility' | 'volume' | 'price';
  /** True when the indicator is drawn on the price scale (plotted on the chart). */
  overlay: boolean;
  params: IndicatorParam[];
  /** Output names; the first is the default. Single-output indicators have one. */
  outputs: string[];
  /** Pine expression (single output) or tuple call (several outputs). `p` maps param names to Pine
   *  expressions (input variable names), already formatted. Multi-output indicators with a prelude
   *  define every output variable there and return ''. */
  pine(p: Record<string, string>, id: string): string;
  /** Extra statements computing the value when it is not one expression (before the assignment). */
  prelude?(p: Record<string, string>, id: string): string[];
}

const src = (d = 'close'): IndicatorParam => ({ name: 'source', label: 'Source', kind: 'source', default: d });
const len = (d: number, name = 'length', label = 'Length'): IndicatorParam => ({ name, label, kind: 'int', default: d, min: 1 });
const mult = (d: number, name = 'mult', label = 'Multiplier'): IndicatorParam => ({ name, label, kind: 'float', default: d, min: 0 });

const ma = (type: string, label: string, fn: string): IndicatorDef => ({
  type, label, category: 'trend', overlay: true, params: [src(), len(20)], outputs: ['value'],
  pine: (p) => `${fn}(${p.source}, ${p.length})`,
});

export const INDICATORS: readonly IndicatorDef[] = [
  ma('sma', 'Simple moving average', 'ta.sma'),
  ma('ema', 'Exponential moving average', 'ta.ema'),
  ma('wma', 'Weighted moving average', 'ta.wma'),
  ma('hma', 'Hull moving average', 'ta.hma'),
  ma('rma', 'Running moving average (RMA)', 'ta.rma'),
  ma('vwma', 'Volume-weighted moving average', 'ta.vwma'),
  { type: 'dema', label: 'Double EMA', category: 'trend', overlay: true, params: [src(), len(20)], outputs: ['value'],
    pine: (p) => `2 * ta.ema(${p.source}, ${p.length}) - ta.ema(ta.ema(${p.source}, ${p.length}), ${p.length})` },
  { type: 'tema', label: 'Triple EMA', category: 'trend', overlay: true, params: [src(), len(20)], outputs: ['value'],
    prelude: (p, id) => [`${id}E1 = ta.ema(${p.source}, ${p.length})`, `${id}E2 = ta.ema(${id}E1, ${p.length})`, `${id}E3 = ta.ema(${id}E2, ${p.length})`],
    pine: (_p, id) => `3 * ${id}E1 - 3 * ${id}E2 + ${id}E3` },
  { type: 'alma', label: 'Arnaud Legoux MA', category: 'trend', overlay: true,
    params: [src(), len(9), { name: 'offset', label: 'Offset', kind: 'float', default: 0.85 }, { name: 'sigma', label: 'Sigma', kind: 'float', default: 6 }],
    outputs: ['value'], pine: (p) => `ta.alma(${p.source}, ${p.length}, ${p.offset}, ${p.sigma})` },
  { type: 'linreg', label: 'Linear regression', category: 'trend', overlay: true, params: [src(), len(25)], outputs: ['value'],
    pine: (p) => `ta.linreg(${p.source}, ${p.length}, 0)` },
  { type: 'swma', label: 'Symmetrically weighted MA (4)', category: 'trend', overlay: true, params: [src()], outputs: ['value'],
    pine: (p) => `ta.swma(${p.source})` },
  { type: 'median', label: 'Rolling median', category: 'trend', overlay: true, params: [src(), len(20)], outputs: ['value'],
    pine: (p) => `ta.median(${p.source}, ${p.length})` },
  { type: 'supertrend', label: 'SuperTrend', category: 'trend', overlay: true, params: [mult(3, 'factor', 'Factor'), len(10, 'atrLength', 'ATR length')],
    outputs: ['line', 'direction'], pine: (p) => `ta.supertrend(${p.factor}, ${p.atrLength})` },
  { type: 'sar', label: 'Parabolic SAR', category: 'trend', overlay: true,
    params: [{ name: 'start', label: 'Start', kind: 'float', default: 0.02 }, { name: 'inc', label: 'Increment', kind: 'float', default: 0.02 }, { name: 'max', label: 'Maximum', kind: 'float', default: 0.2 }],
    outputs: ['value'], pine: (p) => `ta.sar(${p.start}, ${p.inc}, ${p.max})` },
  { type: 'dmi', label: 'Directional movement (DMI/ADX)', category: 'trend', overlay: false, params: [len(14, 'diLength', 'DI length'), len(14, 'adxSmoothing', 'ADX smoothing')],
    outputs: ['plus', 'minus', 'adx'], pine: (p) => `ta.dmi(${p.diLength}, ${p.adxSmoothing})` },
  { type: 'ichimoku', label: 'Ichimoku cloud', category: 'trend', overlay: true,
    params: [len(9, 'conversion', 'Conversion length'), len(26, 'base', 'Base length'), len(52, 'spanB', 'Span B length')],
    outputs: ['conversion', 'base', 'spanA', 'spanB'],
    prelude: (p, id) => [
      `${id}Conversion = math.avg(ta.highest(high, ${p.conversion}), ta.lowest(low, ${p.conversion}))`,
      `${id}Base = math.avg(ta.highest(high, ${p.base}), ta.lowest(low, ${p.base}))`,
      `${id}SpanA = math.avg(${id}Conversion, ${id}Base)`,
      `${id}SpanB = math.avg(ta.highest(high, ${p.spanB}), ta.lowest(low, ${p.spanB}))`,
    ],
    pine: () => '' },
  { type: 'aroon', label: 'Aroon', category: 'trend', overlay: false, params: [len(14)], outputs: ['up', 'down'],
    prelude: (p, id) => [
      `${id}Up = 100 * (ta.highestbars(high, ${p.length} + 1) + ${p.length}) / ${p.length}`,
      `${id}Down = 100 * (ta.lowestbars(low, ${p.length} + 1) + ${p.length}) / ${p.length}`,
    ],
    pine: () => '' },
  { type: 'rsi', label: 'Relative strength index', category: 'momentum', overlay: false, params: [src(), len(14)], outputs: ['value'],
    pine: (p) => `ta.rsi(${p.source}, ${p.length})` },
  { type: 'macd', label: 'MACD', category: 'momentum', overlay: false,
    params: [src(), len(12, 'fast', 'Fast length'), len(26, 'slow', 'Slow length'), len(9, 'signal', 'Signal length')],
    outputs: ['macd', 'signal', 'hist'], pine: (p) => `ta.macd(${p.source}, ${p.fast}, ${p.slow}, ${p.signal})` },
  { type: 'stoch', label: 'Stochastic', category: 'momentum', overlay: false,
    params: [len(14, 'kLength', '%K length'), len(1, 'kSmooth', '%K smoothing'), len(3, 'dSmooth', '%D smoothing')],
    outputs: ['k', 'd'],
    prelude: (p, id) => [`${id}K = ta.sma(ta.stoch(close, high, low, ${p.kLength}), ${p.kSmooth})`, `${id}D = ta.sma(${id}K, ${p.dSmooth})`],
    pine: () => '' },
  { type: 'stochrsi', label: 'Stochastic RSI', category: 'momentum', overlay: false,
    params: [src(), len(14, 'rsiLength', 'RSI length'), len(14, 'stochLength', 'Stochastic length'), len(3, 'kSmooth', '%K smoothing'), len(3, 'dSmooth', '%D smoothing')],
    outputs: ['k', 'd'],
    prelude: (p, id) => [
      `${id}Rsi = ta.rsi(${p.source}, ${p.rsiLength})`,
      `${id}K = ta.sma(ta.stoch(${id}Rsi, ${id}Rsi, ${id}Rsi, ${p.stochLength}), ${p.kSmooth})`,
      `${id}D = ta.sma(${id}K, ${p.dSmooth})`,
    ],
    pine: () => '' },
  { type: 'cci', label: 'Commodity channel index', category: 'momentum', overlay: false, params: [src('hlc3'), len(20)], outputs: ['value'],
    pine: (p) => `ta.cci(${p.source}, ${p.length})` },
  { type: 'mom', label: 'Momentum', category: 'momentum', overlay: false, params: [src(), len(10)], outputs: ['value'],
    pine: (p) => `ta.mom(${p.source}, ${p.length})` },
  { type: 'roc', label: 'Rate of change', category: 'momentum', overlay: false, params: [src(), len(9)], outputs: ['value'],
    pine: (p) => `ta.roc(${p.source}, ${p.length})` },
  { type: 'wpr', label: 'Williams %R', category: 'momentum', overlay: false, params: [len(14)], outputs: ['value'],
    pine: (p) => `ta.wpr(${p.length})` },
  { type: 'cmo', label: 'Chande momentum oscillator', category: 'momentum', overlay: false, params: [src(), len(9)], outputs: ['value'],
    pine: (p) => `ta.cmo(${p.source}, ${p.length})` },
  { type: 'tsi', label: 'True strength index', category: 'momentum', overlay: false, params: [src(), len(13, 'short', 'Short length'), len(25, 'long', 'Long length')],
    outputs: ['value'], pine: (p) => `ta.tsi(${p.source}, ${p.short}, ${p.long})` },
  { type: 'cog', label: 'Center of gravity', category: 'momentum', overlay: false, params: [src(), len(10)], outputs: ['value'],
    pine: (p) => `ta.cog(${p.source}, ${p.length})` },
  { type: 'ao', label: 'Awesome oscillator', category: 'momentum', overlay: false, params: [len(5, 'fast', 'Fast length'), len(34, 'slow', 'Slow length')],
    outputs: ['value'], pine: (p) => `ta.sma(hl2, ${p.fast}) - ta.sma(hl2, ${p.slow})` },
  { type: 'trix', label: 'TRIX', category: 'momentum', overlay: false, params: [len(18)], outputs: ['value'],
    pine: (p) => `10000 * ta.change(ta.ema(ta.ema(ta.ema(math.log(close), ${p.length}), ${p.length}), ${p.length}))` },
  { type: 'percentrank', label: 'Percent rank', category: 'momentum', overlay: false, params: [src(), len(100)], outputs: ['value'],
    pine: (p) => `ta.percentrank(${p.source}, ${p.length})` },
  { type: 'change', label: 'Change over N bars', category: 'momentum', overlay: false, params: [src(), len(1)], outputs: ['value'],
    pine: (p) => `ta.change(${p.source}, ${p.length})` },
  { type: 'bb', label: 'Bollinger Bands', category: 'volatility', overlay: true, params: [src(), len(20), mult(2)], outputs: ['basis', 'upper', 'lower'],
    pine: (p) => `ta.bb(${p.source}, ${p.length}, ${p.mult})` },
  { type: 'bbw', label: 'Bollinger Bands width', category: 'volatility', overlay: false, params: [src(), len(20), mult(2)], outputs: ['value'],
    pine: (p) => `ta.bbw(${p.source}, ${p.length}, ${p.mult})` },
  { type: 'kc', label: 'Keltner Channels', category: 'volatility', overlay: true, params: [src(), len(20), mult(2)], outputs: ['basis', 'upper', 'lower'],
    pine: (p) => `ta.kc(${p.source}, ${p.length}, ${p.mult})` },
  { type: 'kcw', label: 'Keltner Channels width', category: 'volatility', overlay: false, params: [src(), len(20), mult(2)], outputs: ['value'],
    pine: (p) => `ta.kcw(${p.source}, ${p.length}, ${p.mult})` },
  { type: 'donchian', label: 'Donchian channel', category: 'volatility', overlay: true, params: [len(20)], outputs: ['upper', 'lower', 'basis'],
    prelude: (p, id) => [`${id}Upper = ta.highest(high, ${p.length})`, `${id}Lower = ta.lowest(low, ${p.length})`, `${id}Basis = math.avg(${id}Upper, ${id}Lower)`],
    pine: () => '' },
  { type: 'atr', label: 'Average true range', category: 'volatility', overlay: false, params: [len(14)], outputs: ['value'],
    pine: (p) => `ta.atr(${p.length})` },
  { type: 'tr', label: 'True range', category: 'volatility', overlay: false, params: [], outputs: ['value'], pine: () => 'ta.tr(true)' },
  { type: 'stdev', label: 'Standard deviation', category: 'volatility', overlay: false, params: [src(), len(20)], outputs: ['value'],
    pine: (p) => `ta.stdev(${p.source}, ${p.length})` },
  { type: 'highest', label: 'Highest value', category: 'price', overlay: true, params: [src('high'), len(20)], outputs: ['value'],
    pine: (p) => `ta.highest(${p.source}, ${p.length})` },
  { type: 'lowest', label: 'Lowest value', category: 'price', overlay: true, params: [src('low'), len(20)], outputs: ['value'],
    pine: (p) => `ta.lowest(${p.source}, ${p.length})` },
  { type: 'vwap', label: 'VWAP (session)', category: 'volume', overlay: true, params: [src('hlc3')], outputs: ['value'],
    pine: (p) => `ta.vwap(${p.source})` },
  { type: 'obv', label: 'On-balance volume', category: 'volume', overlay: false, params: [], outputs: ['value'], pine: () => 'ta.obv' },
  { type: 'accdist', label: 'Accumulation/distribution', category: 'volume', overlay: false, params: [], outputs: ['value'], pine: () => 'ta.accdist' },
  { type: 'mfi', label: 'Money flow index', category: 'volume', overlay: false, params: [src('hlc3'), len(14)], outputs: ['value'],
    pine: (p) => `ta.mfi(${p.source}, ${p.length})` },
  { type: 'volsma', label: 'Volume moving average', category: 'volume', overlay: false, params: [len(20)], outputs: ['value'],
    pine: (p) => `ta.sma(volume, ${p.length})` },
];

const byType = new Map(INDICATORS.map((d) => [d.type, d]));

export function indicatorDef(type: string): IndicatorDef {
  const d = byType.get(type);
  if (!d) throw new Error(`unknown indicator type "${type}"`);
  return d;
}

/** Pine identifier holding an output: "rsi1" for single outputs, "macd1Signal" for the others. */
export function outputVar(id: string, def: IndicatorDef, output?: string): string {
  if (def.outputs.length === 1) return id;
  const name = output && def.outputs.includes(output) ? output : def.outputs[0]!;
  return id + name[0]!.toUpperCase() + name.slice(1);
}
