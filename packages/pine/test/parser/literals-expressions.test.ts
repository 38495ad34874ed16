// AST shape of literals and expressions.
import { describe, expect, it } from 'vitest';
import { expr, sexpr, strip } from './helpers.js';

describe('literals', () => {
  it('ints and floats in all written forms', () => {
    expect(strip(expr('42'))).toEqual({ kind: 'NumberLiteral', value: 42, isFloat: false, raw: '42' });
    expect(strip(expr('1.5'))).toMatchObject({ value: 1.5, isFloat: true });
    expect(strip(expr('1.'))).toMatchObject({ value: 1, isFloat: true, raw: '1.' });
    expect(strip(expr('.5'))).toMatchObject({ value: 0.5, isFloat: true });
    expect(strip(expr('1e5'))).toMatchObject({ value: 100000, isFloat: true });
    expect(strip(expr('2.5E-3'))).toMatchObject({ value: 0.0025, isFloat: true });
  });

  it('strings in both quote kinds with escapes', () => {
    expect(strip(expr('"a\\"b\\n"'))).toEqual({ kind: 'StringLiteral', value: 'a"b\n', raw: '"a\\"b\\n"' });
    expect(strip(expr("'it\\'s\\t\\\\'"))).toMatchObject({ value: "it's\t\\" });
    expect(strip(expr('\'say "hi"\''))).toMatchObject({ value: 'say "hi"' });
  });

  it('colour literals become 0xRRGGBBAA', () => {
    expect(strip(expr('#FF0000'))).toEqual({ kind: 'ColorLiteral', value: 0xff0000ff, raw: '#FF0000' });
    expect(strip(expr('#00ff0080'))).toMatchObject({ value: 0x00ff0080 });
  });

  it('bools, na as a value and na() as a call', () => {
    expect(strip(expr('true'))).toEqual({ kind: 'BoolLiteral', value: true });
    expect(strip(expr('false'))).toEqual({ kind: 'BoolLiteral', value: false });
    expect(strip(expr('na'))).toEqual({ kind: 'NaLiteral' });
    expect(strip(expr('na(x)'))).toMatchObject({ kind: 'Call', callee: { kind: 'Identifier', name: 'na' } });
  });
});

describe('operators and precedence', () => {
  const cases: [string, string][] = [
    ['a + b * c', '(+ a (* b c))'],
    ['a * b + c', '(+ (* a b) c)'],
    ['a - b - c', '(- (- a b) c)'],
    ['a / b % c', '(% (/ a b) c)'],
    ['a + b > c', '(> (+ a b) c)'],
    ['a > b == c < d', '(== (> a b) (< c d))'],
    ['a == b and c != d', '(and (== a b) (!= c d))'],
    ['a and b or c and d', '(or (and a b) (and c d))'],
    ['not a and b', '(and (not a) b)'],
    ['-a * b', '(* (- a) b)'],
    ['-close[1]', '(- close[1])'],
    ['+a', '(+ a)'],
    ['not not a', '(not (not a))'],
    ['a ? b : c', '(? a b c)'],
    ['a or b ? c + 1 : d', '(? (or a b) (+ c 1) d)'],
    ['a ? b : c ? d : e', '(? a b (? c d e))'],
    ['a ? b ? c : d : e', '(? a (? b c d) e)'],
    ['(a + b) * c', '(* (+ a b) c)'],
    ['a <= b', '(<= a b)'],
    ['a >= b', '(>= a b)'],
  ];
  for (const [src, want] of cases) {
    it(src, () => expect(sexpr(expr(src))).toBe(want));
  }

  it('keeps parentheses as Paren nodes', () => {
    expect(strip(expr('(a)'))).toEqual({ kind: 'Paren', expression: { kind: 'Identifier', name: 'a' } });
  });
});

describe('postfix expressions', () => {
  it('member chains', () => {
    expect(strip(expr('strategy.opentrades.entry_price'))).toEqual({
      kind: 'MemberExpression',
      object: {
        kind: 'MemberExpression',
        object: { kind: 'Identifier', name: 'strategy' },
        property: { kind: 'Identifier', name: 'opentrades' },
      },
      property: { kind: 'Identifier', name: 'entry_price' },
    });
  });

  it('calls with positional and named arguments', () => {
    const e = expr('ta.sma(close, length = 14)');
    expect(strip(e)).toEqual({
      kind: 'Call',
      callee: {
        kind: 'MemberExpression',
        object: { kind: 'Identifier', name: 'ta' },
        property: { kind: 'Identifier', name: 'sma' },
      },
      typeArgs: [],
      args: [
        { kind: 'Argument', name: null, value: { kind: 'Identifier', name: 'close' } },
        { kind: 'Argument', name: { kind: 'Identifier', name: 'length' }, value: { kind: 'NumberLiteral', value: 14, isFloat: false, raw: '14' } },
      ],
    });
  });

  it('generic calls', () => {
    expect(strip(expr('array.new<float>(10, na)'))).toMatchObject({
      kind: 'Call',
      typeArgs: [{ kind: 'TypeRef', name: 'float', typeArgs: [] }],
    });
    expect(strip(expr('map.new<string, int>()'))).toMatchObject({
      typeArgs: [{ name: 'string' }, { name: 'int' }],
      args: [],
    });
    expect(strip(expr('matrix.new<chart.point>(2, 2)'))).toMatchObject({ typeArgs: [{ name: 'chart.point' }] });
    expect(strip(expr('array.new<array<float>>()'))).toMatchObject({
      typeArgs: [{ name: 'array', typeArgs: [{ name: 'float' }] }],
    });
  });

  it('a comparison is not mistaken for type arguments', () => {
    expect(sexpr(expr('a < b'))).toBe('(< a b)');
    expect(sexpr(expr('x.y < z > w'))).toBe('(> (< x.y z) w)');
    expect(sexpr(expr('a < b and c > (d)'))).toBe('(and (< a b) (> c d))');
  });

  it('method-call chains', () => {
    expect(sexpr(expr('arr.get(0).field.method(1)'))).toBe('arr.get(0).field.method(1)');
    const e = expr('arr.copy().size()');
    expect(e).toMatchObject({ kind: 'Call', callee: { kind: 'MemberExpression', object: { kind: 'Call' } } });
  });

  it('history references on names, calls and parenthesised expressions', () => {
    expect(strip(expr('close[1]'))).toEqual({
      kind: 'HistoryAccess',
      object: { kind: 'Identifier', name: 'close' },
      index: { kind: 'NumberLiteral', value: 1, isFloat: false, raw: '1' },
    });
    expect(sexpr(expr('ta.sma(close, 5)[2]'))).toBe('ta.sma(close, 5)[2]');
    expect(sexpr(expr('(high + low)[n - 1]'))).toBe('(+ high low)[(- n 1)]');
    expect(sexpr(expr('obj.field[1]'))).toBe('obj.field[1]');
  });

  it('tuple expressions', () => {
    expect(strip(expr('[a, b + 1]'))).toMatchObject({ kind: 'Tuple', elements: [{ kind: 'Identifier' }, { kind: 'Binary' }] });
    expect(strip(expr('[]'))).toEqual({ kind: 'Tuple', elements: [] });
  });
});
