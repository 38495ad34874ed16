// Invalid syntax: exact TradingView-style message and 1-based line:column for each case, plus
// error recovery (several errors per file) and the no-throw guarantee. Line 1 of every case is
// `//@version=6`, so the snippet starts on line 2.
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/diagnostics/index.js';
import { parse } from '../../src/parser/index.js';

function errors(code: string): string[] {
  return parse(`//@version=6\n${code}`).diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`);
}

const CASES: [string, string[]][] = [
  ["x = 1 2", ["2:7 Mismatched input '2' expecting 'end of line without line continuation'"]],
  ["x = (1 + 2", ["2:11 Mismatched input 'end of line without line continuation' expecting ')'"]],
  ["x = 1 +", ["2:8 Syntax error at input 'end of line without line continuation'"]],
  ["x = * 3", ["2:5 Syntax error at input '*'"]],
  ["plot(close", ["2:11 Mismatched input 'end of line without line continuation' expecting ')'"]],
  ["plot(close,, 1)", ["2:12 Syntax error at input ','"]],
  ["f(x) =>", ["2:8 Mismatched input 'end of line without line continuation' expecting 'indented block'"]],
  ["if close > open\nx = 1", ["3:1 Mismatched input 'x' expecting 'indented block'"]],
  ["if\n    x = 1", ["2:3 Syntax error at input 'end of line without line continuation'"]],
  ["for i = 0 10\n    x = 1", ["2:11 Mismatched input '10' expecting 'to'"]],
  ["for i 0 to 10\n    x = 1", ["2:7 Mismatched input '0' expecting 'identifier'"]],
  ["for [i, x] arr\n    y = 1", ["2:12 Mismatched input 'arr' expecting 'in'"]],
  ["while\n    x = 1", ["2:6 Syntax error at input 'end of line without line continuation'"]],
  ["switch x\n    1 2\n", ["3:7 Mismatched input '2' expecting '=>'"]],
  ["switch x\n\"a\" => 1", ["3:1 Mismatched input '\"a\"' expecting 'indented block'"]],
  ["x = a ? b", ["2:10 Mismatched input 'end of line without line continuation' expecting ':'"]],
  ["x = a ? b :", ["2:12 Syntax error at input 'end of line without line continuation'"]],
  ["x := ", ["2:5 Syntax error at input 'end of line without line continuation'"]],
  ["a = close[1", ["2:12 Mismatched input 'end of line without line continuation' expecting ']'"]],
  ["a = close[]", ["2:11 Syntax error at input ']'"]],
  ["var = 1", ["2:5 Mismatched input '=' expecting 'identifier'"]],
  ["int x 5", ["2:5 Mismatched input 'x' expecting 'end of line without line continuation'"]],
  ["type\n    int a", ["3:5 Invalid indentation"]],
  ["type Foo\n    int", ["3:8 Mismatched input 'end of line without line continuation' expecting 'identifier'"]],
  ["type Foo\n    a = 1", ["3:7 Mismatched input '=' expecting 'identifier'"]],
  ["enum E\n    1", ["3:5 Mismatched input '1' expecting 'identifier'"]],
  ["import foo", ["2:8 Invalid import path 'foo': expected 'user/library/version'"]],
  ["import a/b/c", ["2:8 Invalid import path 'a/b/c': expected 'user/library/version'"]],
  ["x = \"abc", ["2:5 Unterminated string"]],
  ["x = 'abc", ["2:5 Unterminated string"]],
  ["x = #12345", ["2:5 Invalid color literal '#12345'"]],
  ["x = #GGHHII", ["2:5 Invalid color literal '#GGHHII'"]],
  ["x = 1 $ 2", ["2:7 Syntax error at input '$'"]],
  ["x = a.", ["2:7 Mismatched input 'end of line without line continuation' expecting 'identifier'"]],
  ["x = a.1", ["2:6 Mismatched input '.1' expecting 'end of line without line continuation'"]],
  ["x = array.new<float>(", ["2:22 Mismatched input 'end of line without line continuation' expecting ')'"]],
  ["[a, b = f()", ["2:7 Mismatched input '=' expecting ']'"]],
  ["[a, 1] = f()", ["2:5 Mismatched input '1' expecting 'identifier'"]],
  ["x = 1\n    y = 2\n  z = 3", ["3:5 Mismatched input 'y' expecting 'end of line without line continuation'"]],
  ["if a\n    x = 1\n  y = 2", ["4:3 Mismatched input 'y' expecting 'end of line without line continuation'"]],
  ["else\n    x = 1", ["2:1 Syntax error at input 'else'"]],
  ["x = not", ["2:8 Syntax error at input 'end of line without line continuation'"]],
  ["x = (a, b)", ["2:7 Mismatched input ',' expecting ')'"]],
  ["x = a and or b", ["2:11 Syntax error at input 'or'"]],
  ["x = [1, 2", ["2:10 Mismatched input 'end of line without line continuation' expecting ']'"]],
  ["plot(close))", ["2:12 Mismatched input ')' expecting 'end of line without line continuation'"]],
  ["x = 1 = 2", ["2:7 Mismatched input '=' expecting 'end of line without line continuation'"]],
  ["break x", ["2:7 Mismatched input 'x' expecting 'end of line without line continuation'"]],
  ["if a\n        x = 1\n    y = 2", ["4:5 Invalid indentation"]],
  ["x = f(a = )", ["2:11 Syntax error at input ')'"]],
  ["+= 1", ["2:1 Syntax error at input '+='"]],
  ["x = @", ["2:5 Syntax error at input '@'"]],
  ["x = 1\ny = )\nz = 2", ["3:5 Syntax error at input ')'"]],
];

describe('invalid syntax: exact messages and positions', () => {
  it('has at least 40 cases', () => expect(CASES.length).toBeGreaterThanOrEqual(40));
  for (const [code, want] of CASES) {
    it(JSON.stringify(code), () => expect(errors(code)).toEqual(want));
  }
});

describe('error recovery', () => {
  it('reports several errors per file and keeps parsing the following statements', () => {
    const src = '//@version=6\nx = (1 +\ny = 2 3\nif a\n    z = *\n    w = 1\nplot(close,, 1)\nok = 1\n';
    const { ast, diagnostics } = parse(src);
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      "2:9 Syntax error at input 'end of line without line continuation'",
      "3:7 Mismatched input '3' expecting 'end of line without line continuation'",
      "5:9 Syntax error at input '*'",
      "7:12 Syntax error at input ','",
    ]);
    // The statements after each error are still in the AST (`y = 2` parsed before its error).
    expect(ast.body.map((s) => s.kind)).toEqual([
      'ErrorStatement',
      'VarDeclaration',
      'ErrorStatement',
      'If',
      'ErrorStatement',
      'VarDeclaration',
    ]);
    const ifNode = ast.body[3]!;
    if (ifNode.kind !== 'If') throw new Error('shape');
    expect(ifNode.consequent.body.map((s) => s.kind)).toEqual(['ErrorStatement', 'VarDeclaration']);
  });

  it('an unclosed parenthesis does not swallow the rest of the file', () => {
    const { ast, diagnostics } = parse('//@version=6\nplot(close, color = color.red\nx = 1\ny = 2');
    expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      "2:30 Mismatched input 'end of line without line continuation' expecting ')'",
    ]);
    expect(ast.body.map((s) => s.kind)).toEqual(['ErrorStatement', 'VarDeclaration', 'VarDeclaration']);
  });

  it('a broken line skips the block indented under it', () => {
    const { ast, diagnostics } = parse('//@version=6\nif a b\n    x = 1\n    y = 2\nz = 3');
    expect(diagnostics).toHaveLength(1);
    expect(ast.body.map((s) => s.kind)).toEqual(['ErrorStatement', 'VarDeclaration']);
  });

  it('recovers inside switch arms, type fields and enum fields', () => {
    const src = '//@version=6\nswitch x\n    1 => a\n    2 3\n    => b\ntype T\n    int\n    float f\nenum E\n    1\n    b\n';
    const { ast, diagnostics } = parse(src);
    expect(diagnostics.map((d) => d.line)).toEqual([4, 7, 10]);
    expect(ast.body[0]).toMatchObject({ kind: 'Switch', cases: [{ test: { raw: '1' } }, { test: null }] });
    expect(ast.body[1]).toMatchObject({ kind: 'TypeDeclaration', fields: [{ name: { name: 'f' } }] });
    expect(ast.body[2]).toMatchObject({ kind: 'EnumDeclaration', fields: [{ name: { name: 'b' } }] });
  });

  it('never throws, whatever the input', () => {
    for (const src of ['', '\n\n', ')))', '((((', '=>', '[', 'if', '"', '#', '\t\t\tx', '\r\n\r', '\u0000', 'a'.repeat(10000)]) {
      expect(() => parse(src)).not.toThrow();
    }
  });
});

describe('hostile input', () => {
  it('deep nesting gives a diagnostic instead of a stack overflow', () => {
    for (const code of ['x = ' + '('.repeat(20000) + '1', 'x = ' + '-'.repeat(20000) + '1', 'array' + '<array'.repeat(20000) + '> x = 1']) {
      const messages = parse(`//@version=6\n${code}`).diagnostics.map((d) => d.message);
      expect(messages).toContain('Script is nested too deeply');
    }
  });

  it('deeply nested blocks', () => {
    let src = '//@version=6\n';
    for (let i = 0; i < 600; i++) src += ' '.repeat(4 * i) + 'if a\n';
    expect(parse(src).diagnostics.map((d) => d.message)).toContain('Script is nested too deeply');
  });
});

describe('versions', () => {
  it('v4 and older scripts get a clear diagnostic', () => {
    const { diagnostics, ast } = parse('//@version=4\nstudy("x")\nplot(close)');
    expect(ast.version).toBe(4);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'unsupported-version',
        message: 'Pine Script v4 is not supported: PineBack runs v5 and v6 scripts',
        line: 1,
        column: 1,
      }),
    ]);
  });

  it('reads the version from //@version=N, also written as // @version=N or with a trailing comment', () => {
    expect(parse('//@version=6\nx = 1').ast.version).toBe(6);
    expect(parse('// @version=5\nx = 1').ast.version).toBe(5);
    expect(parse('//@version=6 // latest\nx = 1').ast.version).toBe(6);
    // `// @version 1.1.0` (no `=`) is a library's own version note, not the language version.
    expect(parse('// @version 1.1.0 (2025)\n//@version=6\nx = 1').ast.version).toBe(6);
  });

  it('a missing version annotation is a warning', () => {
    const { diagnostics, ast } = parse('indicator("x")');
    expect(ast.version).toBeNull();
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'warning', code: 'missing-version' })]);
  });

  it('v5 scripts parse, `when=` is a named argument', () => {
    const { diagnostics, ast } = parse('//@version=5\nstrategy("s")\nstrategy.entry("L", strategy.long, when = close > open)');
    expect(diagnostics).toEqual([]);
    expect(ast.version).toBe(5);
    expect(ast.body[1]).toMatchObject({ expression: { args: [{}, {}, { name: { name: 'when' } }] } });
  });

  it('`switch` is an identifier before v5', () => {
    const { diagnostics } = parse('//@version=2\nswitch=input(true)\nbarcolor(switch?red:na)');
    expect(diagnostics.filter((d) => d.code !== 'unsupported-version')).toEqual([]);
  });
});

describe('formatDiagnostic', () => {
  it('renders file:line:col, the line and a caret under the span', () => {
    const src = '//@version=6\nx = 1 foo\n';
    const d = parse(src).diagnostics[0]!;
    expect(formatDiagnostic(src, 'a.pine', d)).toBe(
      "a.pine:2:7: error: Mismatched input 'foo' expecting 'end of line without line continuation'\n 2 | x = 1 foo\n   |       ^^^",
    );
  });

  it('keeps tabs so the caret lines up, and handles a span at end of file', () => {
    const src = '//@version=6\nif a\n\tx = (1';
    const d = parse(src).diagnostics[0]!;
    expect(formatDiagnostic(src, 'b.pine', d)).toBe(
      "b.pine:3:8: error: Mismatched input 'end of line without line continuation' expecting ')'\n 3 | \tx = (1\n   | \t      ^",
    );
  });
});
