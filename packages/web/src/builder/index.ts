// Public surface of the no-code builder (pure TS, no DOM).
export * from './model.js';
export * from './indicators.js';
export * from './expression.js';
export * from './generate.js';
export * from './presets.js';
