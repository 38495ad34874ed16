// Public entry of the ta library: the registries plus the call-site contract types.
export { TA_FUNCTIONS, TA_VARIABLES, type TaFunctionEntry, type TaVariableEntry } from './registry.js';
export type { TaCallSite, TaVariableSite } from './core.js';
