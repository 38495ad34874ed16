// What the code generator looks up for ta.* (see docs/CONTRIBUTING.md "Built-in registries").
// Keys are Pine names; overloads whose parameters sit in different positions are keyed '<name>#<k>'
// with k = the overload's index in shared/docs/pine-v6-builtins.json.
import type { TaCallSite, TaVariableSite } from './core.js';
import { Bb, Bbw, Kc, Kcw } from './bands.js';
import { Barssince, Cross, Crossover, Crossunder, Valuewhen } from './events.js';
import {
  Range,
  makeFalling,
  makeHighest,
  makeHighestBars,
  makeLowest,
  makeLowestBars,
  makeMax,
  makeMin,
  makeRising,
} from './extremes.js';
import { Cci, Change, Cmo, Cog, Macd, Mfi, Mom, Rci, Roc, Rsi, Stoch, Tsi, Wpr } from './momentum.js';
import { Alma, Ema, Hma, Linreg, Rma, Sma, Swma, Vwma, Wma } from './moving-averages.js';
import { makePivotHigh, makePivotLow } from './pivots.js';
import { PivotPointLevels } from './pivot-points.js';
import {
  Correlation,
  Dev,
  Median,
  Mode,
  PercentileLinear,
  PercentileNearestRank,
  PercentRank,
  Stdev,
  Variance,
} from './statistics.js';
import { Atr, Dmi, Sar, Supertrend, Tr, TrVariable } from './trend.js';
import { AccDist, Cum, Iii, Obv, Pvt, Vwap, VwapBands, VwapVariable, Wad, Wvad, makeNvi, makePvi } from './volume.js';

export interface TaFunctionEntry {
  create(): TaCallSite;
}
export interface TaVariableEntry {
  create(): TaVariableSite;
}

const fn = (create: () => TaCallSite): TaFunctionEntry => ({ create });
const cls = (C: new () => TaCallSite): TaFunctionEntry => ({ create: () => new C() });

export const TA_FUNCTIONS: Record<string, TaFunctionEntry> = {
  'ta.alma': cls(Alma),
  'ta.atr': cls(Atr),
  'ta.barssince': cls(Barssince),
  'ta.bb': cls(Bb),
  'ta.bbw': cls(Bbw),
  'ta.cci': cls(Cci),
  'ta.change': cls(Change),
  'ta.change#0': cls(Change),
  'ta.change#1': cls(Change),
  'ta.change#2': cls(Change),
  'ta.cmo': cls(Cmo),
  'ta.cog': cls(Cog),
  'ta.correlation': cls(Correlation),
  'ta.cross': cls(Cross),
  'ta.crossover': cls(Crossover),
  'ta.crossunder': cls(Crossunder),
  'ta.cum': cls(Cum),
  'ta.dev': cls(Dev),
  'ta.dmi': cls(Dmi),
  'ta.ema': cls(Ema),
  'ta.falling': fn(makeFalling),
  'ta.highest#0': fn(makeHighest(true)),
  'ta.highest#1': fn(makeHighest(false)),
  'ta.highestbars#0': fn(makeHighestBars(true)),
  'ta.highestbars#1': fn(makeHighestBars(false)),
  'ta.hma': cls(Hma),
  'ta.kc': cls(Kc),
  'ta.kcw': cls(Kcw),
  'ta.linreg': cls(Linreg),
  'ta.lowest#0': fn(makeLowest(true)),
  'ta.lowest#1': fn(makeLowest(false)),
  'ta.lowestbars#0': fn(makeLowestBars(true)),
  'ta.lowestbars#1': fn(makeLowestBars(false)),
  'ta.macd': cls(Macd),
  'ta.max': fn(makeMax),
  'ta.median': cls(Median),
  'ta.mfi': cls(Mfi),
  'ta.min': fn(makeMin),
  'ta.mode': cls(Mode),
  'ta.mom': cls(Mom),
  'ta.percentile_linear_interpolation': cls(PercentileLinear),
  'ta.percentile_nearest_rank': cls(PercentileNearestRank),
  'ta.percentrank': cls(PercentRank),
  'ta.pivot_point_levels': cls(PivotPointLevels),
  'ta.pivothigh#0': fn(makePivotHigh(false)),
  'ta.pivothigh#1': fn(makePivotHigh(true)),
  'ta.pivotlow#0': fn(makePivotLow(false)),
  'ta.pivotlow#1': fn(makePivotLow(true)),
  'ta.range': cls(Range),
  'ta.rci': cls(Rci),
  'ta.rising': fn(makeRising),
  'ta.rma': cls(Rma),
  'ta.roc': cls(Roc),
  'ta.rsi': cls(Rsi),
  'ta.sar': cls(Sar),
  'ta.sma': cls(Sma),
  'ta.stdev': cls(Stdev),
  'ta.stoch': cls(Stoch),
  'ta.supertrend': cls(Supertrend),
  'ta.swma': cls(Swma),
  'ta.tr': cls(Tr),
  'ta.tsi': cls(Tsi),
  'ta.valuewhen': cls(Valuewhen),
  'ta.variance': cls(Variance),
  'ta.vwap#0': cls(Vwap),
  'ta.vwap#1': cls(VwapBands),
  'ta.vwma': cls(Vwma),
  'ta.wma': cls(Wma),
  'ta.wpr': cls(Wpr),
};

const vcls = (C: new () => TaVariableSite): TaVariableEntry => ({ create: () => new C() });

export const TA_VARIABLES: Record<string, TaVariableEntry> = {
  'ta.accdist': vcls(AccDist),
  'ta.iii': vcls(Iii),
  'ta.nvi': { create: makeNvi },
  'ta.obv': vcls(Obv),
  'ta.pvi': { create: makePvi },
  'ta.pvt': vcls(Pvt),
  'ta.tr': vcls(TrVariable),
  'ta.vwap': vcls(VwapVariable),
  'ta.wad': vcls(Wad),
  'ta.wvad': vcls(Wvad),
};
