// Public surface of @pineback/pine. Each stage re-exports its own entry points here.
export * from './core/index.js';
export * from './lexer/index.js';
export * from './parser/index.js';
export * from './diagnostics/index.js';
export * from './broker/index.js';
export * from './libraries/index.js';
export { compile, run, type CompileOptions, type CompileResult, type RunOptions, type RunResult } from './api.js';
export type { CompiledProgram, ScriptKind } from './runtime/program.js';
export { InputError, resolveInputs, type InputDecl, type InputOverride } from './runtime/inputs.js';
export type { RunLimits } from './runtime/limits.js';
export { shiftedValues, type PlotOutput, type LogEntry, type AlertOutput, type HLineOutput, type FillOutput, type ColorSeriesOutput, type AlertConditionOutput } from './runtime/outputs.js';
export * from './stdlib/index.js';
export { check, qtypeToString, type CheckResult, type CheckOptions, type CheckInfo, type CallTarget, type Ref as CheckRef, type QType } from './checker/index.js';
export { tradeList, type TradeListRow } from './broker/trade-list.js';
export { tradeListCsv } from './broker/trade-list-csv.js';
export { performanceSummary, type PerformanceSummary } from './broker/summary.js';
export * from './ta/index.js';
export { SecurityEngine, SecurityStore, InMemoryDataProvider, aggregateBars, barCloseTimes, type DataProvider, type BarRequest, type ContextData, type SecurityContext, type HigherBars, type MergeOptions, type SecurityEngineOptions, type HostSeries } from './security/index.js';
