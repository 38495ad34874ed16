// Every catalog built-in in the stdlib's scope is registered.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILTINS_JSON } from '../../../../test-support/shared.js';
import { STDLIB_CONSTANTS, STDLIB_FUNCTIONS, STDLIB_STATEFUL, STDLIB_VARIABLES } from '../../src/stdlib/registry.js';

interface Catalog {
  functions: { name: string; namespace: string }[];
  variables: { name: string; namespace: string }[];
  constants: { name: string; namespace: string }[];
}
const catalog = JSON.parse(readFileSync(BUILTINS_JSON, 'utf8')) as Catalog;

/** Global functions owned by the runtime/outputs (declarations, plots, inputs, alerts). */
const NOT_STDLIB_GLOBALS = new Set([
  'alert', 'alertcondition', 'barcolor', 'bgcolor', 'fill', 'hline', 'indicator', 'strategy', 'library', 'input',
  'plot', 'plotarrow', 'plotbar', 'plotcandle', 'plotchar', 'plotshape',
]);
const FN_NAMESPACES = new Set(['math', 'str', 'color', 'array', 'map', 'matrix', 'log', 'runtime', 'timeframe', 'syminfo']);
const VAR_NAMESPACES = new Set(['timeframe', 'session', 'syminfo', 'chart', 'dividends', 'earnings']);
const TIME_VARS = new Set(['year', 'month', 'weekofyear', 'dayofmonth', 'dayofweek', 'hour', 'minute', 'second', 'time', 'time_close', 'time_tradingday', 'timenow', 'last_bar_time']);

describe('coverage against shared/docs/pine-v6-builtins.json', () => {
  it('functions', () => {
    const inScope = catalog.functions.filter((f) => (f.namespace === '' ? !NOT_STDLIB_GLOBALS.has(f.name) : FN_NAMESPACES.has(f.namespace)));
    const missing = inScope.filter((f) => !(f.name in STDLIB_FUNCTIONS) && !(f.name in STDLIB_STATEFUL)).map((f) => f.name);
    expect(missing).toEqual([]);
    expect(inScope.length).toBeGreaterThan(190);
  });

  it('variables', () => {
    const inScope = catalog.variables.filter((v) => VAR_NAMESPACES.has(v.namespace) || TIME_VARS.has(v.name));
    const missing = inScope.filter((v) => !(v.name in STDLIB_VARIABLES)).map((v) => v.name);
    expect(missing).toEqual([]);
  });

  it('constants (all but strategy.*, the broker owns those; true/false are literals)', () => {
    const inScope = catalog.constants.filter((c) => !c.name.startsWith('strategy.') && c.namespace !== '');
    const missing = inScope.filter((c) => !(c.name in STDLIB_CONSTANTS)).map((c) => c.name);
    expect(missing).toEqual([]);
  });
});
