// Public surface of the stdlib: the registries plus the value helpers other stages need
// (PineMatrix for matrix values, element-type tags for arrays, Pine's default value printing).
// Stages inside packages/pine may import the namespace modules directly.
export * from './registry.js';
export { PineMatrix } from './matrix.js';
export { ELEM_TYPE, elemTypeOf, tagArray } from './types.js';
export { valueToString } from './value-format.js';
export { getZone, localToUtc as zoneLocalToUtc, utcToLocal as zoneUtcToLocal, type Zone } from './timezone.js';
