import { describe, expect, it } from 'vitest';
import { call, expectedLog, expectLogsMatch, logInfo, makeContext } from './helpers.js';

const ctxUtc = () => makeContext();
const s = (name: string, ...args: unknown[]) => call(`str.${name}`, ctxUtc(), ...args);

describe('str.format (MessageFormat)', () => {
  it('number styles and patterns', () => {
    expect(s('format', '{0,number,#.#}', 1.34)).toBe('1.3');
    expect(s('format', '{0,number,integer}', 1.34)).toBe('1');
    expect(s('format', '{0, number, integer} and {1, number, integer}', 1.34, 1.5)).toBe('1 and 2');
    expect(s('format', '{0,number,currency}', 1.34)).toBe('$1.34');
    expect(s('format', 'The cash turnover amounted to {0, number, currency}', 1340000)).toBe('The cash turnover amounted to $1,340,000.00');
    expect(s('format', 'Expected return is {0, number, percent} - {1, number, percent}', 0.1, 0.2)).toBe('Expected return is 10% - 20%');
    expect(s('format', '{0} != {0, number, #.#}', 1.34)).toBe('1.34 !=  1.3'); // the pattern keeps its leading space
    expect(s('format', 'Number {0} is not {1} to {2}', 1, 'equal', 4)).toBe('Number 1 is not equal to 4');
    expect(s('format', '{0}', 1234.5678)).toBe('1234.568');
    expect(s('format', '{0}', NaN)).toBe('NaN');
    expect(s('format', '{0}', true)).toBe('true');
    expect(s('format', "it''s '{0}' {0}", 5)).toBe("it's {0} 5");
    expect(s('format', '{0,number,0.00}', 2.345)).toBe('2.35'); // 2.345 is just above the tie as a double
    expect(s('format', '{0,number,0.0}', 0.25)).toBe('0.2'); // exact tie → HALF_EVEN
    expect(s('format', '{0,number,#.##}', -0.001)).toBe('-0');
  });

  // Digits and rounding measured on TradingView (as reported with PyneCore's regression tests).
  it('str.format: shortest digits, HALF_EVEN on the exact value, non-finite affixes', () => {
    const M20 = '#.####################';
    expect(s('format', `{0,number,${M20}}`, 0.1)).toBe('0.1');
    expect(s('format', `{0,number,${M20}}`, 1 / 3)).toBe('0.3333333333333333');
    expect(s('format', `{0,number,${M20}}`, 0.001234567890123456)).toBe('0.0012345678901235');
    expect(s('format', '{0,number,#.##}', 2.675)).toBe('2.67');
    expect(s('format', '{0,number,#.##}', 0.125)).toBe('0.12');
    expect(s('format', '{0,number,#.##}', 0.375)).toBe('0.38');
    expect(s('format', '{0,number,#}', 2.5)).toBe('2');
    expect(s('format', '{0,number,#}', 3.5)).toBe('4');
    expect(s('format', '{0,number,#.0}', 0.5)).toBe('.5');
    expect(s('format', '{0,number,#.#}', 0.5)).toBe('0.5');
    expect(s('format', '{0,number,#.#}', 0.05)).toBe('0.1');
    expect(s('format', '{0,number,0.00}', 7)).toBe('7.00');
    expect(s('format', '{0,number,#.###}', Infinity)).toBe('\u221e');
    expect(s('format', '{0,number,#.###}', -Infinity)).toBe('-\u221e');
    expect(s('format', '{0,number,currency}', Infinity)).toBe('$\u221e');
    expect(s('format', '{0,number,+#.##;-#.##}', Infinity)).toBe('+\u221e');
    expect(s('format', '{0,number,currency}', NaN)).toBe('NaN');
  });

  it('str.tostring masks: shortest digits, HALF_UP', () => {
    const M20 = '#.####################';
    const cases: [number, string, string][] = [
      [0.1, M20, '0.1'],
      [1 / 3, M20, '0.3333333333333333'],
      [123456789.123456789, '#.##########', '123456789.12345679'],
      [0.1 + 0.2, M20, '0.3'],
      [0.1 + 0.7, M20, '0.7999999999999999'],
      [0.00012345678901234567, M20, '0.00012345678901234567'],
      [1e-7, M20, '0.0000001'],
      [2.675, '#.##', '2.68'],
      [4.35, '#.#', '4.4'],
      [-0.25, '#.#', '-0.3'],
      [0.5, '#', '1'],
      [0.5, '#.0', '.5'],
      [-0.5, '#.0', '-.5'],
      [0.0, '#.0', '.0'],
      [0.1, '#.00000000000000000000', '.10000000000000000000'],
      [0.0, '#.##', '0'],
      [1e21, '#.##', '1000000000000000000000'],
      [99999.99999999999999, M20, '100000'],
      [-0.001, '#.##', '-0'],
      [-3.5, '+#.##;-#.##', '-3.5'],
      [-3.5, '#.##;(#.##)', '(3.5)'],
      [12.3456, '$#.##', '$12.35'],
      [7.5, '000', '008'],
    ];
    for (const [v, mask, expected] of cases) expect(s('tostring', v, mask), `${v} ${mask}`).toBe(expected);
  });

  it('date and time sub-formats use the exchange time zone', () => {
    const ctx = makeContext({ syminfo: { timezone: 'America/New_York' } });
    const t = Date.UTC(2024, 0, 15, 14, 30, 5);
    expect(call('str.format', ctx, '{0,date,yyyy-MM-dd HH:mm:ss}', t)).toBe('2024-01-15 09:30:05');
    expect(call('str.format', ctx, '{0,time,HH:mm}', t)).toBe('09:30');
  });
});

describe('str.tostring', () => {
  it('defaults and patterns', () => {
    expect(s('tostring', 1 / 3)).toBe('0.3333333333');
    expect(s('tostring', 12)).toBe('12');
    expect(s('tostring', NaN)).toBe('NaN');
    expect(s('tostring', 1234.5, '#,##0.00')).toBe('1,234.50');
    expect(s('tostring', [1, 2.5])).toBe('[1, 2.5]');
  });

  it('format.* constants', () => {
    const ctx = makeContext({ syminfo: { mintick: 0.25, pricescale: 4, minmove: 1 } });
    expect(call('str.tostring', ctx, 10.3, 'mintick')).toBe('10.25');
    expect(call('str.tostring', ctx, 0.25, 'percent')).toBe('25%');
    expect(call('str.tostring', ctx, 1234567, 'volume')).toBe('1.235M');
    const fx = (mintick: number) => makeContext({ syminfo: { mintick } });
    expect(call('str.tostring', fx(0.01), 1234.5678, 'mintick')).toBe('1234.57');
    expect(call('str.tostring', fx(0.00001), 1234.5678, 'mintick')).toBe('1234.5678');
    expect(call('str.tostring', fx(1), 1234.5678, 'mintick')).toBe('1235');
    // non-finite values (measured): NaN everywhere except format.mintick
    expect(call('str.tostring', ctx, Infinity, 'mintick')).toBe('Infinity');
    expect(call('str.tostring', ctx, -Infinity, 'mintick')).toBe('-Infinity');
    expect(call('str.tostring', ctx, Infinity)).toBe('NaN');
    expect(call('str.tostring', ctx, Infinity, 'percent')).toBe('NaN%');
    expect(call('str.tostring', ctx, Infinity, 'volume')).toBe('NaNT');
    expect(call('str.tostring', ctx, NaN, 'volume')).toBe('NaN');
    expect(call('str.tostring', ctx, Infinity, 'price')).toBe('NaN');
  });
});

describe('str.format pattern scanning (measured on TradingView)', () => {
  it('quotes, echoed indices, style keywords vs patterns, malformed patterns', () => {
    const cases: [string, unknown[], string][] = [
      ["'{'", [1], '{'],
      ["'}'", [1], '}'],
      ["'{'0'}'", [1], '{0}'],
      ["'{{ticker}}'", [1], '{{ticker}}'],
      ["a'{'b'}'c", [1], 'a{b}c'],
      ["''", [1], "'"],
      ["'{'''}'", [1], "{'}"],
      ["'{0}'{0}'{0}'", [1], '{0}1{0}'],
      ["{0} 'unterminated {0}", [1], '1 unterminated {0}'],
      ["x'", [1], 'x'],
      ['{0}', ["a'b"], "a'b"],
      ['\'{\'"price": {0,number,#.##}, "tag": \'"{{ticker}}"}\'', [1.234], '{"price": 1.23, "tag": "{{ticker}}"}'],
      ['{1}', [1], '{1}'],
      ['{0} {2}', [1, 2], '1 {2}'],
      ['{0,NUMBER,#.#}', [1.234], '1.2'],
      ['{0, number, percent}', [0.1], '10%'],
      ['{0, number, #.#}', [1.234], ' 1.2'],
      ['{0,number,#.# }', [1.234], '1.2 '],
      ["{0,number,'#'.##}", [1.234], '#1.23'],
    ];
    for (const [fmt, args, expected] of cases) expect(s('format', fmt, ...args), fmt).toBe(expected);
    for (const bad of ['a{', '{{0}}', '{0 ,number,#.#}']) expect(() => s('format', bad, 1.234), bad).toThrow();
  });

  it('na positions: begin 0, end = end of source, occurrence 0, repeat count na → na', () => {
    expect(s('substring', 'hello', NaN)).toBe('hello');
    expect(s('substring', 'hello', 3, NaN)).toBe('lo');
    expect(s('substring', 'hello', NaN, NaN)).toBe('hello');
    expect(s('replace', 'aaa', 'a', '-', NaN)).toBe('-aa');
    expect(s('replace', 'abc', '', '-', NaN)).toBe('-abc');
    expect(s('repeat', 'ab', NaN)).toBeNull();
    expect(s('substring', null, 0)).toBeNull();
  });
});

describe('str misc', () => {
  it('search, replace and split', () => {
    expect(s('pos', 'abc', 'z')).toBeNaN();
    expect(s('replace', 'a-a-a', 'a', 'b', 1)).toBe('a-b-a');
    expect(s('repeat', 'ab', 3, ',')).toBe('ab,ab,ab');
    expect(Array.from(s('split', 'a,b', ','))).toEqual(['a', 'b']);
    expect(s('tonumber', ' 1e3 ')).toBe(1000);
    expect(s('tonumber', '12abc')).toBeNaN();
    expect(() => s('substring', 'abc', 2, 10)).toThrow();
    expect(s('format_time', Date.UTC(2025, 0, 1, 6, 23, 45), 'EEE dd MMM yyyy hh:mm a Z', 'Asia/Kolkata')).toBe('Wed 01 Jan 2025 11:53 AM +0530');
  });
});

describe('str logs fixtures (scripts mirrored by hand)', () => {
  it('test_001_str', () => {
    const ctx = makeContext({ syminfo: { timezone: 'America/New_York' } });
    const f = (name: string, ...a: unknown[]) => call(`str.${name}`, ctx, ...a);
    const ts = (x: string) => call('timestamp#0', ctx, x);
    logInfo(ctx, '{0}', f('contains', 'Hello World!', '!'));
    logInfo(ctx, '{0}', f('contains', 'Hello World!', '?'));
    logInfo(ctx, '{0}', f('endswith', 'Hello World!', '!'));
    logInfo(ctx, '{0}', f('endswith', 'Hello World!', '?'));
    logInfo(ctx, '{0}', f('format_time', ts('2025-01-01 01:23:45-05:00'), 'yyyy-MM-dd HH:mm', 'UTC-4'));
    logInfo(ctx, '{0}', f('length', 'Hello World!'));
    logInfo(ctx, '{0}', f('lower', 'Hello World!'));
    logInfo(ctx, '{0}', f('match', 'Hello World!', '[\\w]+'));
    logInfo(ctx, '{0}', f('pos', 'Hello World!', 'World'));
    logInfo(ctx, '{0}', f('repeat', 'Hello ', 3));
    logInfo(ctx, '{0}', f('replace', 'Hello World!', 'World', 'Pyne'));
    logInfo(ctx, '{0}', f('replace_all', 'Hello World! Hello World!', 'World', 'Pyne'));
    logInfo(ctx, '{0}', f('split', 'Hello World!', ' '));
    logInfo(ctx, '{0}', f('startswith', 'Hello World!', 'Hello'));
    logInfo(ctx, '{0}', f('substring', 'Hello World!', 6, 11));
    logInfo(ctx, '{0}', f('tonumber', '123'));
    logInfo(ctx, '{0}', f('tonumber', '12.3'));
    logInfo(ctx, '{0}', f('tonumber', 'abc'));
    logInfo(ctx, '{0}', f('tostring', 123));
    logInfo(ctx, '{0}', f('tostring', 12.3));
    logInfo(ctx, '{0}', f('tostring', 'abc'));
    logInfo(ctx, '{0}', f('tostring', true));
    logInfo(ctx, '{0}', f('tostring', 123, '#.00'));
    logInfo(ctx, '{0}', f('tostring', -123, '00000.00'));
    logInfo(ctx, '{0}', f('trim', '  Hello World!  '));
    logInfo(ctx, '{0}', f('upper', 'Hello World!'));
    expectLogsMatch(ctx.logs, expectedLog('test_001_str'));
  });

  it('test_011_str_format_time (chart/exchange tz America/New_York)', () => {
    const ctx = makeContext({ syminfo: { timezone: 'America/New_York' } });
    const t = call('timestamp#0', ctx, '2025-01-01 01:23:45-05:00');
    const ft = (...a: unknown[]) => call('str.format_time', ctx, t, ...a);
    logInfo(ctx, '{0}', ft('yyyy-MM-dd HH:mm', 'UTC-4'));
    logInfo(ctx, '{0}', ft('HH:mm:ss', 'UTC'));
    logInfo(ctx, '{0}', ft('yyyy/MM/dd', 'UTC+1'));
    logInfo(ctx, '{0}', ft('dd-MM-yyyy HH:mm', 'UTC-8'));
    logInfo(ctx, '{0}', ft());
    expectLogsMatch(ctx.logs, expectedLog('test_011_str_format_time'));
  });
});
