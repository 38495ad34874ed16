// Invalid scripts: each case asserts the checker's exact message and 1-based line:column. Every case
// is wrapped as `//@version=6` + `indicator("t")` + the snippet, so the snippet starts on line 3.
// Messages follow TradingView's wording where it is known ("Undeclared identifier 'x'", "Cannot call
// 'ta.ema' with argument 'length'='len'. An argument of 'series int' type was used but a 'simple int'
// is expected.").
import { describe, expect, it } from 'vitest';
import { check } from '../../src/checker/index.js';
import { formatDiagnostic } from '../../src/diagnostics/index.js';
import { parse } from '../../src/parser/index.js';

function wrap(body: string, version = 6): string {
  return `//@version=${version}\nindicator("t")\n${body}\n`;
}

/** All errors (parser + checker) as `line:col message`. */
function errors(body: string, version = 6): string[] {
  const src = wrap(body, version);
  const { ast, diagnostics } = parse(src);
  const r = check(ast, { source: src });
  return [...diagnostics, ...r.diagnostics].filter((d) => d.severity === 'error').map((d) => `${d.line}:${d.column} ${d.message}`);
}

const CASES: [string, string, string[]][] = [
  ["undeclared", 'plot(foo)', ["3:6 Undeclared identifier 'foo'"]],
  ["unknown fn", 'x = foo(1)\nplot(x)', ["3:5 Could not find function or function reference 'foo'"]],
  ["unknown ns fn", 'plot(ta.smaa(close, 14))', ["3:6 Could not find function or function reference 'ta.smaa'"]],
  ["ta.ema series length", 'len = bar_index % 10 + 1\nplot(ta.ema(close, len))', ["4:20 Cannot call 'ta.ema' with argument 'length'='len'. An argument of 'series int' type was used but a 'simple int' is expected."]],
  ["ta.sma float length", 'plot(ta.sma(close, 14.5))', ["3:20 Cannot call 'ta.sma' with argument 'length'='14.5'. An argument of 'const float' type was used but a 'series int' is expected."]],
  ["string to float", 'plot("abc")', ["3:6 Cannot call 'plot' with argument 'series'='\"abc\"'. An argument of 'const string' type was used but a 'series float' is expected."]],
  ["hline series", 'level = close > open ? 100 : 50\nhline(level)', ["4:7 Cannot call 'hline' with argument 'price'='level'. An argument of 'series int' type was used but a 'input float' is expected."]],
  ["too many", 'plot(ta.sma(close, 14, 3))', ["3:6 Too many arguments passed to 'ta.sma': it takes at most 2, but 3 were given."]],
  ["missing", 'plot(ta.sma(close))', ["3:6 Required argument 'length' of 'ta.sma' is missing."]],
  ["named unknown", 'plot(close, colour = color.red)', ["3:13 The 'plot' function does not have an argument with the name 'colour'"]],
  ["dup named", 'plot(close, title = "a", title = "b")', ["3:26 Argument 'title' of 'plot' is given more than once."]],
  ["na no type", 'x = na\nplot(close)', ["3:5 Value with NA type cannot be assigned to a variable that was defined without type keyword: 'x'."]],
  ["declared mismatch", 'int x = "a"\nplot(close)', ["3:9 Variable 'x' was declared with 'const int' type. Cannot assign it expression of type 'const string'."]],
  ["assign mismatch", 'string s = "a"\ns := 1\nplot(close)', ["4:6 Cannot assign a value of type 'const int' to 's', which has type 'const string'."]],
  ["assign undeclared", 'y := 1\nplot(close)', ["3:1 Undeclared identifier 'y'"]],
  ["assign builtin", 'close := 1\nplot(close)', ["3:1 Cannot modify the built-in variable 'close'."]],
  ["v6 cond int", 'if bar_index\n    label.new(bar_index, high, "x")\nplot(close)', ["3:4 Cannot use a value of type 'series int' as a condition: Pine v6 does not convert numbers to bool implicitly. Use 'bool(x)' or a comparison."]],
  ["v6 ternary float", 'x = close ? 1 : 2\nplot(x)', ["3:5 Cannot use a value of type 'series float' as a condition: Pine v6 does not convert numbers to bool implicitly. Use 'bool(x)' or a comparison."]],
  ["v6 and float", 'b = close and true\nplot(close)', ["3:5 Cannot use a value of type 'series float' as a condition: Pine v6 does not convert numbers to bool implicitly. Use 'bool(x)' or a comparison."]],
  ["not int", 'b = not bar_index\nplot(close)', ["3:9 Cannot use a value of type 'series int' as a condition: Pine v6 does not convert numbers to bool implicitly. Use 'bool(x)' or a comparison."]],
  ["operand bool", 'x = true + 1\nplot(close)', ["3:5 Cannot apply operator '+' to an operand of type 'const bool'."]],
  ["minus string", 'x = "a" - "b"\nplot(close)', ["3:5 Cannot apply operator '-' to an operand of type 'const string'."]],
  ["const reassign", 'const int N = 5\nN := 6\nplot(close)', ["4:1 Cannot modify 'N': it is declared 'const'."]],
  ["global in fn", 'var count = 0\nf() =>\n    count := count + 1\n    count\nplot(f())', ["5:5 Cannot modify global variable 'count' in function."]],
  ["break outside", 'break\nplot(close)', ["3:1 'break' can only be used inside a loop."]],
  ["udt no field", 'type P\n    float price\np = P.new(1.0)\nplot(p.size)', ["6:8 Object of type 'P' has no field 'size'."]],
  ["udt unknown named", 'type P\n    float price\np = P.new(cost = 1.0)\nplot(p.price)', ["5:11 The 'P.new' function does not have an argument with the name 'cost'"]],
  ["unknown type", 'Foo x = na\nplot(close)', ["3:1 Unknown type 'Foo'."]],
  ["enum member", 'enum Dir\n    up\n    down\nd = Dir.left\nplot(close)', ["6:9 Undeclared identifier 'Dir.left'"]],
  ["tuple count", '[a, b] = ta.macd(close, 12, 26, 9)\nplot(a)', ["3:10 Cannot assign a tuple of 3 values to 2 variables."]],
  ["not tuple", '[a, b] = ta.sma(close, 5)\nplot(a)', ["3:10 The right side of a tuple declaration must return a tuple, not 'series float'."]],
  ["user fn too many", 'f(x) => x * 2\nplot(f(1, 2))', ["4:6 Too many arguments passed to 'f': it takes at most 1, but 2 were given."]],
  ["user fn missing", 'f(x, y) => x * y\nplot(f(1))', ["4:6 Required argument 'y' of 'f' is missing."]],
  ["user fn named", 'f(x) => x * 2\nplot(f(z = 1))', ["4:8 The 'f' function does not have an argument with the name 'z'"]],
  ["user fn typed", 'f(int x) => x * 2\nplot(f("a"))', ["4:8 Cannot call 'f' with argument 'x'='\"a\"'. An argument of 'const string' type was used but a 'series int' is expected."]],
  ["method unknown", 'a = array.new<float>()\na.pushh(1.0)\nplot(close)', ["4:3 Could not find method 'pushh' for type 'array<float>'"]],
  ["array.push type", 'a = array.new<float>()\na.push("x")\nplot(close)', ["4:8 Cannot call 'array.push' with argument 'value'='\"x\"'. An argument of 'const string' type was used but a 'series float' is expected."]],
  ["array.get float idx", 'a = array.new<float>(3, 0.)\nplot(a.get(1.5))', ["4:12 Cannot call 'array.get' with argument 'index'='1.5'. An argument of 'const float' type was used but a 'series int' is expected."]],
  ["str.length int", 'plot(str.length(5))', ["3:17 Cannot call 'str.length' with argument 'string'='5'. An argument of 'const int' type was used but a 'const string' is expected."]],
  ["math.max string", 'x = math.max("a", "b")\nplot(close)', ["3:14 Cannot call 'math.max' with argument 'number0'='\"a\"'. An argument of 'const string' type was used but a 'const int' is expected."]],
  ["undeclared later", 'plot(x)\nx = close', ["3:6 Undeclared identifier 'x'"]],
  ["scope leak", 'if close > open\n    y = 1\nplot(y)', ["5:6 Undeclared identifier 'y'"]],
  ["input title series", 'x = input.int(5, title = str.tostring(close))\nplot(x)', ["3:26 Cannot call 'input.int' with argument 'title'='str.tostring(close)'. An argument of 'series string' type was used but a 'const string' is expected."]],
  ["plot offset series", 'plot(close, offset = bar_index)', ["3:22 Cannot call 'plot' with argument 'offset'='bar_index'. An argument of 'series int' type was used but a 'simple int' is expected."]],
  ["field on builtin ns", 'plot(syminfo.tickerx)', ["3:6 Undeclared identifier 'syminfo.tickerx'"]],
  ["redeclared", 'a = 1\na = 2\nplot(a)', ["4:1 'a' is already defined."]],
  ["redeclared tuple", '[m, s, h] = ta.macd(close, 12, 26, 9)\nm = 1.0\nplot(m)', ["4:1 'm' is already defined."]],
  ["unknown udt method", 'type P\n    float v\np = P.new(1.0)\np.grow()\nplot(close)', ["6:3 Could not find method 'grow' for type 'P'"]],
  ["too many udt args", 'type P\n    float v\np = P.new(1.0, 2.0)\nplot(close)', ["5:16 Too many arguments passed to 'P.new': it takes at most 1, but 2 were given."]],
  ["plot in if", 'if close > open\n    plot(close)', ["4:5 Cannot use 'plot' in local scope."]],
  ["bgcolor in function", 'f() =>\n    bgcolor(color.red)\n    1\nplot(f())', ["4:5 Cannot use 'bgcolor' in local scope."]],
];

describe('checker: invalid scripts', () => {
  it('has at least 30 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });
  for (const [name, body, expected] of CASES) {
    it(name, () => {
      expect(errors(body)).toEqual(expected);
    });
  }
});

describe('checker: v5 rules', () => {
  it('accepts implicit number → bool casts in v5 only', () => {
    const body = 'if bar_index\n    label.new(bar_index, high, "x")\nb = close and true\nplot(close)';
    expect(errors(body, 5)).toEqual([]);
    expect(errors(body, 6).length).toBe(2);
  });
  it('accepts the deprecated when= argument of strategy.* calls in v5', () => {
    const src = '//@version=5\nstrategy("s")\nstrategy.entry("L", strategy.long, when = close > open)\n';
    const { ast } = parse(src);
    const r = check(ast, { source: src });
    expect(r.diagnostics).toEqual([]);
    expect(r.info.version).toBe(5);
  });
  it('rejects when= in v6', () => {
    const src = '//@version=6\nstrategy("s")\nstrategy.entry("L", strategy.long, when = close > open)\n';
    const { ast } = parse(src);
    const msgs = check(ast, { source: src }).diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`);
    expect(msgs).toEqual(["3:36 The 'strategy.entry' function does not have an argument with the name 'when'"]);
  });
});

describe('checker: warnings', () => {
  it('warns when a block re-declares a variable of an enclosing block', () => {
    const src = wrap('x = 0\nif close > open\n    x = 1\nplot(x)');
    const { ast } = parse(src);
    const msgs = check(ast, { source: src }).diagnostics.map((d) => `${d.severity} ${d.line}:${d.column} ${d.message}`);
    expect(msgs).toEqual([
      "warning 5:5 Shadowing variable 'x' which exists in parent scope. Did you want to use the ':=' operator instead of '='?",
    ]);
  });
});

describe('checker: caret snippets', () => {
  it('formats a checker diagnostic with the offending span underlined', () => {
    const src = wrap('len = bar_index % 10 + 1\nplot(ta.ema(close, len))');
    const { ast } = parse(src);
    const [d] = check(ast, { source: src }).diagnostics;
    expect(formatDiagnostic(src, 'x.pine', d!)).toBe(
      [
        "x.pine:4:20: error: Cannot call 'ta.ema' with argument 'length'='len'. An argument of 'series int' type was used but a 'simple int' is expected.",
        ' 4 | plot(ta.ema(close, len))',
        '   |                    ^^^',
      ].join('\n'),
    );
  });
});
