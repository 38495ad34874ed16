// request.security / request.security_lower_tf engine (see README.md for the runtime contract).
export { InMemoryDataProvider, missingDataError, symbolKey, tickerOf, type BarRequest, type ContextData, type DataProvider } from './provider.js';
export { aggregateBars, type HigherBars } from './aggregate.js';
export { barCloseTimes, barCloseUtc, periodCloseUtc, sessionEndAfterLocal, tradingDayCloseLocal } from './schedule.js';
export { alignHigher, alignLower, intrabarRanges, type Alignment, type Intrabars, type Timeline } from './align.js';
export { mapIntrabarArrays, mapNumbers, mapValues } from './map-values.js';
export { canAggregate, contextKey, namesSymbol, resolveContext, tickerIdOf, type SecurityContext, type SeriesSource } from './resolve.js';
export { SecurityEngine, type HostSeries, type MergeOptions, type Relation, type SecurityEngineOptions } from './engine.js';
export { SecurityStore } from './store.js';
