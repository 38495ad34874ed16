import { describe, expect, it } from 'vitest';
import { call, expectedLog, expectLogsMatch, logInfo, makeContext, type TestContext } from './helpers.js';
import { STDLIB_CONSTANTS } from '../../src/stdlib/registry.js';

let ctx: TestContext;
const mp = (name: string, ...args: unknown[]) => call(`map.${name}`, ctx, ...args);
const log = (fmt: string, ...args: unknown[]) => logInfo(ctx, fmt, ...args);

describe('map unit', () => {
  it('na results follow the value type', () => {
    ctx = makeContext();
    const m = mp('new', 'string', 'float');
    expect(mp('get', m, 'x')).toBeNaN();
    const s = mp('new<type,type>', 'int', 'string');
    expect(mp('get', s, 1)).toBeNull();
    expect(() => mp('size', null)).toThrow();
  });
});

// No Pine source exists for these fixtures; the calls mirror upstream's Python test
// (tests/t01_lib/t07_map/test_001_map_basic.py) statement by statement.
describe('map logs fixtures', () => {
  it('test_001_map_basic', () => {
    ctx = makeContext();
    const m = mp('new', 'string', 'int');
    log('map.size(m): {0}', mp('size', m));
    mp('put', m, 'one', 1);
    mp('put', m, 'two', 2);
    mp('put', m, 'three', 3);
    log('Map contents - one: {0}', mp('get', m, 'one'));
    log('Map contents - two: {0}', mp('get', m, 'two'));
    log('Map contents - three: {0}', mp('get', m, 'three'));
    log('map.size(m): {0}', mp('size', m));
    log("map.get(m, 'one'): {0}", mp('get', m, 'one'));
    log("map.get(m, 'two'): {0}", mp('get', m, 'two'));
    log("map.get(m, 'three'): {0}", mp('get', m, 'three'));
    log("map.contains(m, 'one'): {0}", mp('contains', m, 'one'));
    log("map.contains(m, 'four'): {0}", mp('contains', m, 'four'));
    const old = mp('put', m, 'one', 100);
    log("Old value for 'one': {0}", old);
    log("New value for 'one': {0}", mp('get', m, 'one'));
    log('map.keys(m): {0}', mp('keys', m));
    log('map.values(m): {0}', mp('values', m));
    const m2 = mp('copy', m);
    log("m2 (copy of m) - one: {0}", mp('get', m2, 'one'));
    log("m2 (copy of m) - three: {0}", mp('get', m2, 'three'));
    mp('put', m2, 'four', 4);
    log("m2 after adding 'four': {0}", mp('get', m2, 'four'));
    log("m2 size after adding 'four': {0}", mp('size', m2));
    log('original m size: {0}', mp('size', m));
    log('Removed value: {0}', mp('remove', m, 'two'));
    log("m contains 'two' after removing: {0}", mp('contains', m, 'two'));
    log('map.size(m): {0}', mp('size', m));
    log('Removed non-existent value is na: {0}', call('na', ctx, mp('remove', m, 'nonexistent')));
    const other = mp('new', 'string', 'int');
    mp('put', other, 'five', 5);
    mp('put', other, 'six', 6);
    mp('put_all', m, other);
    log("m after put_all contains 'five': {0} with value: {1}", mp('contains', m, 'five'), mp('get', m, 'five'));
    log("m after put_all contains 'six': {0} with value: {1}", mp('contains', m, 'six'), mp('get', m, 'six'));
    log('m size after put_all: {0}', mp('size', m));
    mp('clear', m);
    log('m size after clear: {0}', mp('size', m));
    log("m contains 'one' after clear: {0}", mp('contains', m, 'one'));
    // MessageFormat turns the '…' quotes of these literals into plain text, as on TradingView.
    expectLogsMatch(ctx.logs, expectedLog('test_001_map_basic'));
  });

  it('test_002_map_types (values logged through str.tostring where they are floats)', () => {
    ctx = makeContext();
    const ints = mp('new', 'int', 'string');
    mp('put', ints, 1, 'one');
    mp('put', ints, 2, 'two');
    mp('put', ints, 3, 'three');
    log('map_int_keys size: {0}', mp('size', ints));
    for (const k of [1, 2, 3]) log(`map_int_keys[${k}]: {0}`, mp('get', ints, k));
    const floats = mp('new', 'string', 'float');
    mp('put', floats, 'pi', 3.14159);
    mp('put', floats, 'e', 2.71828);
    mp('put', floats, 'sqrt2', 1.41421);
    log('map_float_vals size: {0}', mp('size', floats));
    for (const k of ['pi', 'e', 'sqrt2']) log(`map_float_vals[${k}]: {0}`, call('str.tostring', ctx, mp('get', floats, k)));
    const bools = mp('new', 'string', 'bool');
    mp('put', bools, 'isTrue', true);
    mp('put', bools, 'isFalse', false);
    log('map_bool_vals size: {0}', mp('size', bools));
    log('map_bool_vals[isTrue]: {0}', mp('get', bools, 'isTrue'));
    log('map_bool_vals[isFalse]: {0}', mp('get', bools, 'isFalse'));
    const colors = mp('new', 'string', 'color');
    for (const c of ['red', 'green', 'blue']) mp('put', colors, c, STDLIB_CONSTANTS[`color.${c}`]);
    for (const c of ['red', 'green', 'blue'])
      log(`map_color_vals[${c}] == color.${c}: {0}`, mp('get', colors, c) === STDLIB_CONSTANTS[`color.${c}`]);
    // Pine nests collections in maps only through UDT wrappers; the JS Map holds them directly.
    const outer = mp('new', 'string', 'Wrapper');
    const inner1 = mp('new', 'string', 'int');
    mp('put', inner1, 'a', 1);
    mp('put', inner1, 'b', 2);
    mp('put', outer, 'map1', inner1);
    mp('put', outer, 'map2', mp('new', 'string', 'int'));
    log('outer_map keys: {0}', mp('keys', outer));
    log('inner_map1 from outer - a: {0}', mp('get', mp('get', outer, 'map1'), 'a'));
    log('inner_map1 from outer - b: {0}', mp('get', mp('get', outer, 'map1'), 'b'));
    const withArrays = mp('new', 'string', 'Wrapper');
    mp('put', withArrays, 'integers', call('array.from#9', ctx, 10, 20, 30));
    log('map_with_arrays keys: {0}', mp('keys', withArrays));
    const arr = mp('get', withArrays, 'integers');
    log('array from map size: {0}', call('array.size', ctx, arr));
    for (const i of [0, 1, 2]) log(`array from map[${i}]: {0}`, call('array.get', ctx, arr, i));
    expectLogsMatch(ctx.logs, expectedLog('test_002_map_types'));
  });
});
