// log.*, runtime.error, casts, syminfo.* and constants.
import { describe, expect, it } from 'vitest';
import { call, loadSyminfo, makeContext, setBar, variable } from './helpers.js';
import { STDLIB_CONSTANTS } from '../../src/stdlib/registry.js';
import { PineRuntimeError } from '../../src/core/errors.js';

describe('log and runtime.error', () => {
  it('log.* formats with str.format semantics when arguments are given', () => {
    const ctx = makeContext();
    const levels: string[] = [];
    ctx.log = (level, message) => {
      levels.push(level);
      ctx.logs.push(message);
    };
    call('log.info', ctx, 'x={0,number,0.00} it\'s', 1.5);
    call('log.warning', ctx, "plain message, it's {0}");
    call('log.error', ctx, '{0} {1}', 'a', [1, 2]);
    expect(ctx.logs).toEqual(['x=1.50 its', "plain message, it's {0}", 'a [1, 2]']);
    expect(levels).toEqual(['info', 'warning', 'error']);
  });

  it('runtime.error throws a PineRuntimeError with the message', () => {
    expect(() => call('runtime.error', makeContext(), 'boom')).toThrow(PineRuntimeError);
    expect(() => call('runtime.error', makeContext(), 'boom')).toThrow('boom');
  });
});

describe('casts and na helpers', () => {
  const ctx = makeContext();
  it('int truncates toward zero, bool of numbers, na of non-finite', () => {
    expect(call('int', ctx, -2.7)).toBe(-2);
    expect(call('int', ctx, NaN)).toBeNaN();
    expect(call('bool', ctx, 0)).toBe(false);
    expect(call('bool', ctx, NaN)).toBe(false);
    expect(call('bool', ctx, 2)).toBe(true);
    expect(call('na', ctx, Infinity)).toBe(true);
    expect(call('na', ctx, null)).toBe(true);
    expect(call('na', ctx, 'x')).toBe(false);
    expect(call('max_bars_back', ctx, 1, 500)).toBeUndefined();
  });
});

describe('syminfo and constants', () => {
  it('syminfo.* from the symbol', () => {
    const ctx = makeContext({ syminfo: loadSyminfo('timeframe.toml'), timeframe: '5' });
    expect(variable('syminfo.tickerid', ctx)).toBe('CAPITALCOM:EURUSD');
    expect(variable('syminfo.mintick', ctx)).toBe(0.00001);
    expect(variable('syminfo.timezone', ctx)).toBe('US/Eastern');
    expect(variable('syminfo.basecurrency', ctx)).toBe('EUR');
    expect(variable('syminfo.sector', ctx)).toBeNull();
    expect(variable('syminfo.employees', ctx)).toBeNaN();
    expect(call('syminfo.ticker', ctx, 'BINANCE:BTCUSDT')).toBe('BTCUSDT');
    expect(call('syminfo.prefix', ctx, 'BINANCE:BTCUSDT')).toBe('BINANCE');
  });

  it('constant representations', () => {
    expect(STDLIB_CONSTANTS['dayofweek.sunday']).toBe(1);
    expect(STDLIB_CONSTANTS['dayofweek.saturday']).toBe(7);
    expect((STDLIB_CONSTANTS['display.pane'] as number) + (STDLIB_CONSTANTS['display.data_window'] as number)).toBe(3);
    expect(STDLIB_CONSTANTS['display.all']).toBe(31);
    expect(STDLIB_CONSTANTS['barmerge.lookahead_on']).toBe(true);
    expect(STDLIB_CONSTANTS['plot.style_line']).toBe('line');
    expect(STDLIB_CONSTANTS['currency.USD']).toBe('USD');
    expect(STDLIB_CONSTANTS['format.mintick']).toBe('mintick');
    expect(STDLIB_CONSTANTS['order.descending']).toBe('descending');
  });

  it('dayofweek variable agrees with the constants', () => {
    const ctx = makeContext({ bars: [{ time: Date.UTC(2024, 0, 7), open: 1, high: 1, low: 1, close: 1, volume: 1 }] });
    setBar(ctx, 0);
    expect(variable('dayofweek', ctx)).toBe(STDLIB_CONSTANTS['dayofweek.sunday']);
  });
});
