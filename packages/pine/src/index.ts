// Public surface of @pineback/pine. Each stage re-exports its own entry points here.
export * from './core/index.js';
