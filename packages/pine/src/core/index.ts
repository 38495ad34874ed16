export * from './bars.js';
export * from './symbol.js';
export * from './na.js';
export * from './errors.js';
export * from './context.js';
