// The checker's output for the code generator: expression types, call resolution (overload index,
// argument order after named arguments, method calls → namespace functions), and name references.
import { describe, expect, it } from 'vitest';
import { check, qtypeToString, type CallTarget, type CheckInfo } from '../../src/checker/index.js';
import type { Call, Expression, Node, Script } from '../../src/parser/ast.js';
import { parse } from '../../src/parser/index.js';

interface Checked {
  src: string;
  ast: Script;
  info: CheckInfo;
  errors: string[];
}

function run(body: string, version = 6): Checked {
  const src = `//@version=${version}\nindicator("t")\n${body}\n`;
  const { ast, diagnostics } = parse(src);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const r = check(ast, { source: src });
  return { src, ast, info: r.info, errors: r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message) };
}

/** Every node of the tree, depth first. */
function nodes(n: unknown, out: Node[] = []): Node[] {
  if (Array.isArray(n)) for (const x of n) nodes(x, out);
  else if (n && typeof n === 'object') {
    if ('kind' in n && 'id' in n) out.push(n as Node);
    for (const [k, v] of Object.entries(n)) if (k !== 'span') nodes(v, out);
  }
  return out;
}

const text = (c: Checked, n: Node | undefined): string | undefined => (n ? c.src.slice(n.span.start, n.span.end) : undefined);

/** The first Call whose source text starts with `prefix`. */
function callOf(c: Checked, prefix: string): { call: Call; target: CallTarget } {
  const call = nodes(c.ast).find((n): n is Call => n.kind === 'Call' && text(c, n)!.startsWith(prefix));
  if (!call) throw new Error(`no call ${prefix}`);
  return { call, target: c.info.calls.get(call.id)! };
}

/** Type (as TradingView spells it) of the first expression whose text is exactly `exprText`. */
function typeOf(c: Checked, exprText: string): string {
  const e = nodes(c.ast).find((n) => text(c, n) === exprText && c.info.types.has(n.id));
  if (!e) throw new Error(`no expression ${exprText}`);
  return qtypeToString(c.info.types.get(e.id)!);
}

function argTexts(c: Checked, t: CallTarget): (string | undefined)[] {
  return t.args.map((a: Expression | undefined) => text(c, a));
}

describe('checker info: built-in calls', () => {
  it('resolves a plain call with its overload index and positional args', () => {
    const c = run('x = ta.sma(close, 14)');
    const { target } = callOf(c, 'ta.sma');
    expect(target).toMatchObject({ kind: 'builtin', name: 'ta.sma', overload: 0, method: false });
    expect(argTexts(c, target)).toEqual(['close', '14']);
    expect(typeOf(c, 'ta.sma(close, 14)')).toBe('series float');
  });

  it('orders named arguments by parameter position, undefined where omitted', () => {
    const c = run('plot(close, color = color.red, title = "x")');
    const { target } = callOf(c, 'plot(');
    expect(argTexts(c, target).slice(0, 3)).toEqual(['close', '"x"', 'color.red']);
    expect(target.args[3]).toBeUndefined();
  });

  it('picks the overload whose parameters the arguments fit (ta.highest one-argument form)', () => {
    const c = run('h = ta.highest(10)\nh2 = ta.highest(low, 10)');
    expect(callOf(c, 'ta.highest(10)').target).toMatchObject({ name: 'ta.highest', overload: 1 });
    expect(callOf(c, 'ta.highest(low').target).toMatchObject({ name: 'ta.highest', overload: 0 });
  });

  it('types polymorphic results by argument types and qualifiers', () => {
    const c = run('a = math.max(1, 2)\nb = math.max(1, 2.5)\nd = math.max(close, 1)\ne = nz(close)\nf = math.round(close)');
    expect(typeOf(c, 'math.max(1, 2)')).toBe('const int');
    expect(typeOf(c, 'math.max(1, 2.5)')).toBe('const float');
    expect(typeOf(c, 'math.max(close, 1)')).toBe('series float');
    expect(typeOf(c, 'nz(close)')).toBe('series float');
    expect(typeOf(c, 'math.round(close)')).toBe('series int');
  });

  it('turns method syntax on built-in types into the namespace function with the receiver first', () => {
    const c = run('a = array.new<float>(3, 0.)\na.push(1.5)\nv = a.get(0)\nl = line.new(bar_index, low, bar_index, high)\nl.set_x2(bar_index + 1)');
    const push = callOf(c, 'a.push').target;
    expect(push).toMatchObject({ kind: 'builtin', name: 'array.push', method: true });
    expect(argTexts(c, push)).toEqual(['a', '1.5']);
    expect(callOf(c, 'array.new').target).toMatchObject({ kind: 'builtin', name: 'array.new<type>' });
    expect(typeOf(c, 'array.new<float>(3, 0.)')).toBe('array<float>');
    expect(typeOf(c, 'a.get(0)')).toBe('series float');
    expect(callOf(c, 'l.set_x2').target).toMatchObject({ name: 'line.set_x2', method: true });
  });

  it('infers generic element types (array.from, map.new, map.get)', () => {
    const c = run('a = array.from(1, 2, 3)\nb = array.from(1, 2.5)\nm = map.new<string, float>()\nm.put("k", 1.0)\nv = m.get("k")\nks = m.keys()');
    expect(typeOf(c, 'array.from(1, 2, 3)')).toBe('array<int>');
    expect(typeOf(c, 'array.from(1, 2.5)')).toBe('array<float>');
    expect(typeOf(c, 'm.get("k")')).toBe('series float');
    expect(typeOf(c, 'm.keys()')).toBe('array<string>');
  });

  it('types tuples from built-ins, request.security and user functions', () => {
    const c = run('[m, s, h] = ta.macd(close, 12, 26, 9)\n[o, c2] = request.security(syminfo.tickerid, "D", [open, close])\nf() => [1, "a"]\n[i, t] = f()');
    expect(typeOf(c, 'm')).toBe('series float');
    expect(typeOf(c, 'c2')).toBe('series float');
    expect(typeOf(c, 'i')).toBe('const int');
    expect(typeOf(c, 't')).toBe('const string');
  });

  it('gives input() the type of its default and keeps input qualifiers simple enough for ta.*', () => {
    const c = run('len = input.int(14)\nsrc = input(close)\nx = input(2.5)\ny = ta.ema(src, len)');
    expect(c.errors).toEqual([]);
    expect(typeOf(c, 'input.int(14)')).toBe('input int');
    expect(typeOf(c, 'input(close)')).toBe('series float');
    expect(typeOf(c, 'input(2.5)')).toBe('input float');
  });
});

describe('checker info: user declarations', () => {
  it('resolves user functions with defaults and named args', () => {
    const c = run('f(x, y = 2) => x * y\nr = f(y = 3, x = 1.5)\nr2 = f(4)');
    const t = callOf(c, 'f(y').target;
    expect(t.kind).toBe('user-function');
    expect(argTexts(c, t)).toEqual(['1.5', '3']);
    expect(argTexts(c, callOf(c, 'f(4)').target)).toEqual(['4', undefined]);
    // The body is typed for the widest instantiation (int and float calls → float).
    expect(typeOf(c, 'x * y')).toBe('series float');
  });

  it('resolves UDT constructors, fields, copies and user methods', () => {
    const c = run(
      'type P\n    float price = 0.\n    int n\nmethod bump(P this, int k) =>\n    this.n += k\n    this.n\np = P.new(n = 2)\nq = p.copy()\nv = p.bump(3)\nw = p.price',
    );
    expect(c.errors).toEqual([]);
    const ctor = callOf(c, 'P.new').target;
    expect(ctor.kind).toBe('udt-new');
    expect(argTexts(c, ctor)).toEqual([undefined, '2']);
    expect(callOf(c, 'p.copy').target.kind).toBe('udt-copy');
    const m = callOf(c, 'p.bump').target;
    expect(m.kind).toBe('user-method');
    expect(argTexts(c, m)).toEqual(['p', '3']);
    expect(typeOf(c, 'p.price')).toBe('series float');
    expect(typeOf(c, 'P.new(n = 2)')).toBe('P');
  });

  it('resolves enums and input.enum', () => {
    const c = run('enum Mode\n    fast = "Fast"\n    slow\nm = input.enum(Mode.fast)\nb = m == Mode.slow');
    expect(c.errors).toEqual([]);
    expect(typeOf(c, 'input.enum(Mode.fast)')).toBe('input Mode');
    const member = nodes(c.ast).find((n) => text(c, n) === 'Mode.slow')!;
    expect(c.info.refs.get(member.id)).toMatchObject({ kind: 'enum-member' });
  });

  it('records what identifiers refer to', () => {
    const c = run('g = close\nf(a) =>\n    loc = a + g\n    loc\nplot(f(1), color = color.red)');
    const ids = nodes(c.ast).filter((n) => n.kind === 'Identifier' || n.kind === 'MemberExpression');
    const kind = (t: string): string | undefined => {
      const n = ids.find((x) => text(c, x) === t && c.info.refs.has(x.id));
      return n ? c.info.refs.get(n.id)!.kind : undefined;
    };
    expect(kind('close')).toBe('builtin-variable');
    expect(kind('color.red')).toBe('builtin-constant');
    expect(kind('a')).toBe('parameter');
    expect(kind('g')).toBe('variable');
    expect(kind('loc')).toBe('variable');
  });

  it('accepts anything reached through a library alias, without errors', () => {
    const c = run('import someone/Lib/3 as L\nx = L.calc(close, 14)\ny = L.Thing.new()\nz = color.red.hue(5)\nplot(x)');
    expect(c.errors).toEqual([]);
    expect(callOf(c, 'L.calc').target).toMatchObject({ kind: 'library', member: 'calc' });
    expect(callOf(c, 'color.red.hue').target.kind).toBe('library-method');
  });
});

describe('checker info: expressions and versions', () => {
  it('types control-flow expressions and history references', () => {
    const c = run('x = if close > open\n    1\nelse\n    2.5\ny = switch\n    close > open => "up"\n    => "down"\nz = close[1]\nn = bar_index');
    expect(typeOf(c, 'close[1]')).toBe('series float');
    expect(qtypeToString(c.info.types.get(nodes(c.ast).find((n) => n.kind === 'If')!.id)!)).toBe('series float');
    expect(qtypeToString(c.info.types.get(nodes(c.ast).find((n) => n.kind === 'Switch')!.id)!)).toBe('series string');
  });

  it('records the version for the code generator', () => {
    expect(run('plot(close)', 5).info.version).toBe(5);
    expect(run('plot(close)', 6).info.version).toBe(6);
  });

  it('never reports errors for qualifiers it cannot know (function parameters)', () => {
    const c = run('f(len) => ta.ema(close, len)\nplot(f(14))');
    expect(c.errors).toEqual([]);
  });
});
