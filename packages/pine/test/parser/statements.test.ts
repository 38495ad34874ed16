// AST shape of declarations, assignments and control structures.
import { describe, expect, it } from 'vitest';
import { body, sexpr, stmt, strip } from './helpers.js';

describe('variable declarations', () => {
  it('plain, var, varip', () => {
    expect(strip(stmt('x = 1'))).toEqual({
      kind: 'VarDeclaration',
      mode: 'none',
      qualifier: null,
      type: null,
      name: { kind: 'Identifier', name: 'x' },
      init: { kind: 'NumberLiteral', value: 1, isFloat: false, raw: '1' },
      isExport: false,
    });
    expect(stmt('var x = 0')).toMatchObject({ kind: 'VarDeclaration', mode: 'var', type: null });
    expect(stmt('varip int n = 0')).toMatchObject({ mode: 'varip', type: { name: 'int' } });
  });

  it('qualifiers and types', () => {
    expect(strip(stmt('const int LEN = 14'))).toMatchObject({ qualifier: 'const', type: { name: 'int' } });
    expect(stmt('simple float f = 1.0')).toMatchObject({ qualifier: 'simple', type: { name: 'float' } });
    expect(stmt('series bool b = close > open')).toMatchObject({ qualifier: 'series', type: { name: 'bool' } });
    expect(stmt('var series float s = na')).toMatchObject({ mode: 'var', qualifier: 'series' });
  });

  it('collection, drawing and user types', () => {
    expect(strip(stmt('array<float> a = array.new<float>()'))).toMatchObject({
      type: { kind: 'TypeRef', name: 'array', typeArgs: [{ name: 'float' }], arrayShorthand: false },
    });
    expect(strip(stmt('float[] a = na'))).toMatchObject({
      type: { name: 'array', typeArgs: [{ name: 'float', typeArgs: [] }], arrayShorthand: true },
    });
    expect(strip(stmt('map<string, int> m = map.new<string, int>()'))).toMatchObject({
      type: { name: 'map', typeArgs: [{ name: 'string' }, { name: 'int' }] },
    });
    expect(strip(stmt('var matrix<float> m = na'))).toMatchObject({ type: { name: 'matrix', typeArgs: [{ name: 'float' }] } });
    expect(strip(stmt('chart.point p = chart.point.now(close)'))).toMatchObject({ type: { name: 'chart.point' } });
    expect(strip(stmt('var line l = na'))).toMatchObject({ type: { name: 'line' } });
    expect(strip(stmt('Pivot p = Pivot.new()'))).toMatchObject({ type: { name: 'Pivot' } });
    expect(strip(stmt('lib.Pivot[] ps = array.new<lib.Pivot>()'))).toMatchObject({
      type: { name: 'array', arrayShorthand: true, typeArgs: [{ name: 'lib.Pivot' }] },
    });
    expect(strip(stmt('map<string, array<float>> m = na'))).toMatchObject({
      type: { typeArgs: [{ name: 'string' }, { name: 'array', typeArgs: [{ name: 'float' }] }] },
    });
  });

  it('contextual keywords stay usable as variable names', () => {
    const b = body('type = 1\nmethod = "x"\nseries = close\nto = 5\nenum = 2\nvarip = 3\nexport = 4');
    expect(b.map((s) => s.kind)).toEqual(Array(7).fill('VarDeclaration'));
  });

  it('tuple declarations', () => {
    expect(strip(stmt('[m, s, h] = ta.macd(close, 12, 26, 9)'))).toMatchObject({
      kind: 'TupleDeclaration',
      names: [{ name: 'm' }, { name: 's' }, { name: 'h' }],
      init: { kind: 'Call' },
    });
  });

  it('export const in libraries', () => {
    expect(stmt('export const float PHI = 1.618')).toMatchObject({ kind: 'VarDeclaration', isExport: true, qualifier: 'const' });
  });
});

describe('reassignment', () => {
  for (const op of [':=', '+=', '-=', '*=', '/=', '%=']) {
    it(op, () => {
      expect(strip(stmt(`x ${op} 2`))).toEqual({
        kind: 'Assignment',
        operator: op,
        target: { kind: 'Identifier', name: 'x' },
        value: { kind: 'NumberLiteral', value: 2, isFloat: false, raw: '2' },
      });
    });
  }

  it('field targets', () => {
    expect(stmt('obj.count += 1')).toMatchObject({ kind: 'Assignment', target: { kind: 'MemberExpression' } });
  });

  it('comma-separated statements on one line (trailing comma allowed)', () => {
    expect(body('a := 1, b := 2').map((s) => s.kind)).toEqual(['Assignment', 'Assignment']);
    expect(body('x = 1\nif c\n    a := 1,\nb = 2').map((s) => s.kind)).toEqual(['VarDeclaration', 'If', 'VarDeclaration']);
  });
});

describe('if', () => {
  it('if / else if / else as a statement', () => {
    const s = stmt('if a\n    x := 1\nelse if b\n    x := 2\nelse\n    x := 3');
    expect(s).toMatchObject({
      kind: 'If',
      condition: { kind: 'Identifier', name: 'a' },
      consequent: { kind: 'Block', body: [{ kind: 'Assignment' }] },
      alternate: {
        kind: 'If',
        condition: { name: 'b' },
        alternate: { kind: 'Block', body: [{ kind: 'Assignment' }] },
      },
    });
  });

  it('if as an expression whose value is assigned', () => {
    const s = stmt('x = if a\n    1\nelse\n    2');
    expect(s).toMatchObject({
      kind: 'VarDeclaration',
      init: {
        kind: 'If',
        consequent: { body: [{ kind: 'ExpressionStatement', expression: { raw: '1' } }] },
        alternate: { kind: 'Block', body: [{ kind: 'ExpressionStatement', expression: { raw: '2' } }] },
      },
    });
    expect(stmt('x := if a\n    1')).toMatchObject({ kind: 'Assignment', value: { kind: 'If', alternate: null } });
  });

  it('nested blocks close several levels at once', () => {
    const b = body('if a\n    if b\n        if c\n            x := 1\ny = 2');
    expect(b.map((s) => s.kind)).toEqual(['If', 'VarDeclaration']);
  });

  it('else binds to the if at its own indentation', () => {
    const s = stmt('if a\n    if b\n        x := 1\nelse\n    x := 2');
    expect(s).toMatchObject({ kind: 'If', alternate: { kind: 'Block' }, consequent: { body: [{ kind: 'If', alternate: null }] } });
  });
});

describe('switch', () => {
  it('with a subject, single-line and block arms, default arm', () => {
    const s = stmt('switch mode\n    "a" => x := 1\n    "b" =>\n        y = 2\n        x := y\n    => x := 0');
    expect(s).toMatchObject({
      kind: 'Switch',
      subject: { kind: 'Identifier', name: 'mode' },
      cases: [
        { kind: 'SwitchCase', test: { kind: 'StringLiteral', value: 'a' }, body: { body: [{ kind: 'Assignment' }] } },
        { test: { value: 'b' }, body: { body: [{ kind: 'VarDeclaration' }, { kind: 'Assignment' }] } },
        { test: null, body: { body: [{ kind: 'Assignment' }] } },
      ],
    });
  });

  it('without a subject, as an expression', () => {
    const s = stmt('x = switch\n    a > b => 1\n    a < b => -1\n    => 0');
    expect(s).toMatchObject({ init: { kind: 'Switch', subject: null } });
    if (s.kind !== 'VarDeclaration' || s.init.kind !== 'Switch') throw new Error('shape');
    expect(s.init.cases.map((c) => (c.test ? sexpr(c.test) : 'default'))).toEqual(['(> a b)', '(< a b)', 'default']);
  });
});

describe('loops', () => {
  it('for … to … by', () => {
    expect(strip(stmt('for i = 0 to 10 by 2\n    s += i'))).toMatchObject({
      kind: 'ForTo',
      counter: { name: 'i' },
      counterType: null,
      from: { raw: '0' },
      to: { raw: '10' },
      step: { raw: '2' },
      body: { kind: 'Block', body: [{ kind: 'Assignment' }] },
    });
    expect(stmt('for i = n - 1 to 0\n    continue')).toMatchObject({ step: null, body: { body: [{ kind: 'Continue' }] } });
    expect(stmt('for int i = 0 to 3\n    break')).toMatchObject({ counterType: { name: 'int' }, body: { body: [{ kind: 'Break' }] } });
  });

  it('for … in, with and without index', () => {
    expect(strip(stmt('for x in arr\n    s += x'))).toMatchObject({ kind: 'ForIn', index: null, item: { name: 'x' }, iterable: { name: 'arr' } });
    expect(strip(stmt('for [i, x] in arr\n    s += x * i'))).toMatchObject({ kind: 'ForIn', index: { name: 'i' }, item: { name: 'x' } });
  });

  it('while, and loops as expressions', () => {
    expect(stmt('while i < 10\n    i += 1')).toMatchObject({ kind: 'While', condition: { kind: 'Binary' } });
    expect(stmt('total = for i = 0 to 3\n    i * 2')).toMatchObject({ kind: 'VarDeclaration', init: { kind: 'ForTo' } });
  });
});

describe('functions', () => {
  it('single-line', () => {
    expect(strip(stmt('f(x) => x * 2'))).toMatchObject({
      kind: 'FunctionDeclaration',
      name: { name: 'f' },
      params: [{ kind: 'Parameter', name: { name: 'x' }, type: null, qualifier: null, defaultValue: null }],
      body: { kind: 'Block', body: [{ kind: 'ExpressionStatement', expression: { kind: 'Binary' } }] },
      singleLine: true,
      isExport: false,
      isMethod: false,
    });
  });

  it('block body returning a tuple', () => {
    const s = stmt('f(src, len) =>\n    a = ta.sma(src, len)\n    [a, a * 2]');
    expect(s).toMatchObject({ singleLine: false, body: { body: [{ kind: 'VarDeclaration' }, { kind: 'ExpressionStatement', expression: { kind: 'Tuple' } }] } });
  });

  it('typed, qualified and defaulted parameters', () => {
    const s = stmt('f(simple int len = 14, series float src = close, array<float> arr, float[] b, chart.point p, bool flag = false) => len');
    expect(strip(s)).toMatchObject({
      params: [
        { name: { name: 'len' }, qualifier: 'simple', type: { name: 'int' }, defaultValue: { raw: '14' } },
        { name: { name: 'src' }, qualifier: 'series', type: { name: 'float' }, defaultValue: { name: 'close' } },
        { name: { name: 'arr' }, type: { name: 'array', typeArgs: [{ name: 'float' }] } },
        { name: { name: 'b' }, type: { arrayShorthand: true } },
        { name: { name: 'p' }, type: { name: 'chart.point' } },
        { name: { name: 'flag' }, type: { name: 'bool' }, defaultValue: { kind: 'BoolLiteral' } },
      ],
    });
  });

  it('export, method, export method', () => {
    expect(stmt('export f(float x) => x')).toMatchObject({ kind: 'FunctionDeclaration', isExport: true, isMethod: false });
    expect(stmt('method double(float[] self) => self.size()')).toMatchObject({ isMethod: true, isExport: false, name: { name: 'double' } });
    expect(stmt('export method push2(array<int> a, int v) =>\n    a.push(v)\n    a')).toMatchObject({ isMethod: true, isExport: true });
  });
});

describe('types, enums, imports', () => {
  it('type with typed fields, defaults and varip', () => {
    const s = stmt('type Pivot\n    float price = na\n    int bar\n    varip int ticks = 0\n    array<line> lines\n    chart.point p');
    expect(strip(s)).toMatchObject({
      kind: 'TypeDeclaration',
      name: { name: 'Pivot' },
      isExport: false,
      fields: [
        { kind: 'TypeField', name: { name: 'price' }, type: { name: 'float' }, defaultValue: { kind: 'NaLiteral' }, varip: false },
        { name: { name: 'bar' }, defaultValue: null },
        { name: { name: 'ticks' }, varip: true },
        { type: { name: 'array', typeArgs: [{ name: 'line' }] } },
        { type: { name: 'chart.point' } },
      ],
    });
    expect(stmt('export type T\n    int a')).toMatchObject({ kind: 'TypeDeclaration', isExport: true });
  });

  it('enum with optional titles', () => {
    const s = stmt('enum Mode\n    fast = "Fast mode"\n    slow');
    expect(strip(s)).toEqual({
      kind: 'EnumDeclaration',
      name: { kind: 'Identifier', name: 'Mode' },
      isExport: false,
      fields: [
        { kind: 'EnumField', name: { kind: 'Identifier', name: 'fast' }, title: { kind: 'StringLiteral', value: 'Fast mode', raw: '"Fast mode"' } },
        { kind: 'EnumField', name: { kind: 'Identifier', name: 'slow' }, title: null },
      ],
    });
    expect(stmt('export enum E\n    a')).toMatchObject({ kind: 'EnumDeclaration', isExport: true });
  });

  it('imports with and without alias (user names may contain dashes)', () => {
    expect(strip(stmt('import TradingView/ta/7 as tav'))).toEqual({
      kind: 'Import',
      user: 'TradingView',
      library: 'ta',
      version: 7,
      alias: { kind: 'Identifier', name: 'tav' },
    });
    expect(strip(stmt('import RVD-Projects/Types/3'))).toMatchObject({ user: 'RVD-Projects', library: 'Types', version: 3, alias: null });
  });
});

describe('doc annotations', () => {
  it('attach to the top-level declaration right below them', () => {
    const b = body(
      '//@function Doubles a value.\n// (plain comment)\n//@param x The value.\n//@returns Twice x.\nf(x) => x * 2\n\n' +
        '//@type A pivot.\n//@field price Its price.\ntype P\n    float price\n\n//@variable Length.\nlen = 14\n\n//@function orphan\n\ng = 1',
    );
    const docs = b.map((s) => ('docs' in s && s.docs ? s.docs.map((d) => `${d.name}:${d.value}`) : []));
    expect(docs).toEqual([
      ['function:Doubles a value.', 'param:x The value.', 'returns:Twice x.'],
      ['type:A pivot.', 'field:price Its price.'],
      ['variable:Length.'],
      [],
    ]);
  });
});
