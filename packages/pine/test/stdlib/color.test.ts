import { describe, expect, it } from 'vitest';
import { call, makeContext } from './helpers.js';
import { STDLIB_CONSTANTS } from '../../src/stdlib/registry.js';

const ctx = makeContext();
const c = (name: string, ...args: unknown[]) => call(`color.${name}`, ctx, ...args);

describe('color', () => {
  it('constants are 0xRRGGBBAA', () => {
    expect(STDLIB_CONSTANTS['color.red']).toBe(0xf23645ff);
    expect(STDLIB_CONSTANTS['color.white']).toBe(0xffffffff);
  });

  it('rgb/new/r/g/b/t', () => {
    const x = c('rgb', 255, 128, 0, 50);
    expect(x).toBe(0xff800080);
    expect([c('r', x), c('g', x), c('b', x), c('t', x)]).toEqual([255, 128, 0, 50]);
    expect(c('t', c('new', STDLIB_CONSTANTS['color.red'], 80))).toBe(80);
    expect(c('new', NaN, 10)).toBeNaN();
    expect(c('r', NaN)).toBeNaN();
  });

  it('from_gradient clamps and blends every channel', () => {
    const black = c('rgb', 0, 0, 0);
    const white = c('rgb', 255, 255, 255, 100);
    expect(c('from_gradient', 50, 0, 100, black, white)).toBe(c('rgb', 128, 128, 128, 50));
    expect(c('from_gradient', 500, 0, 100, black, white)).toBe(white);
    expect(c('from_gradient', NaN, 0, 100, black, white)).toBeNaN();
  });

  it('nz on an na colour gives the transparent colour (0)', () => {
    expect(call('nz', ctx, NaN)).toBe(0);
  });
});
