// Language semantics through compile() + run() on small scripts.
import { describe, expect, it } from 'vitest';
import { compile, run } from '../../src/api.js';
import { barColumnsFromRows, type BarColumns } from '../../src/core/bars.js';
import { PineLimitError, PineRuntimeError } from '../../src/core/errors.js';

function bars(n: number, close = (i: number) => i + 1): BarColumns {
  return barColumnsFromRows(Array.from({ length: n }, (_, i) => ({ time: Date.UTC(2024, 0, 1) + i * 60_000, open: close(i), high: close(i) + 1, low: close(i) - 1, close: close(i), volume: 10 })));
}

function runScript(src: string, n = 6, opts: Parameters<typeof run>[2] = {}) {
  const c = compile(src);
  if (!c.ok || !c.program) throw new Error(c.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`).join('\n'));
  return run(c.program, bars(n), opts);
}

function plot(src: string, title: string, n = 6): (number | null)[] {
  const r = runScript(src, n);
  const p = r.plots.find((x) => x.title === title);
  if (!p) throw new Error(`no plot ${title}`);
  return Array.from(p.values, (v) => (v !== v ? null : v));
}

function logs(src: string, n = 6): string[] {
  return runScript(src, n).logs.map((l) => l.message);
}

const V6 = '//@version=6\nindicator("t")\n';

describe('codegen: values and operators', () => {
  it('plots bar values and untitled plots are titled Plot', () => {
    const r = runScript(V6 + 'plot(close)\nplot(hl2, "mid")\n', 3);
    expect(r.plots.map((p) => p.title)).toEqual(['Plot', 'mid']);
    expect(Array.from(r.plots[1]!.values)).toEqual([1, 2, 3]);
  });

  it('divides int/int to a fractional float in v6 and truncates in v5', () => {
    expect(plot(V6 + 'plot(7 / 2, "d")', 'd', 1)).toEqual([3.5]);
    expect(plot('//@version=5\nindicator("t")\nplot(7 / 2, "d")', 'd', 1)).toEqual([3]);
    expect(plot('//@version=5\nindicator("t")\nplot(7.0 / 2, "d")', 'd', 1)).toEqual([3.5]);
  });

  it('propagates na and handles na()/nz()/fixnan()', () => {
    const src = V6 + 'v = bar_index % 2 == 0 ? bar_index : na\nplot(v + 1, "v1")\nplot(na(v) ? 1 : 0, "isna")\nplot(nz(v, -1), "nz")\nplot(fixnan(v), "fix")\n';
    expect(plot(src, 'v1', 4)).toEqual([1, null, 3, null]);
    expect(plot(src, 'isna', 4)).toEqual([0, 1, 0, 1]);
    expect(plot(src, 'nz', 4)).toEqual([0, -1, 2, -1]);
    expect(plot(src, 'fix', 4)).toEqual([0, 0, 2, 2]);
  });

  it('compares floats with the 1e-10 tolerance', () => {
    expect(plot(V6 + 'plot(0.1 + 0.2 == 0.3 ? 1 : 0, "eq")', 'eq', 1)).toEqual([1]);
    expect(plot(V6 + 'plot(1.0 + 1e-12 > 1.0 ? 1 : 0, "gt")', 'gt', 1)).toEqual([0]);
  });

  it('short-circuits and/or in v6', () => {
    const src = V6 + 'var int calls = 0\nf() =>\n    calls := calls + 1\n    true\n';
    // Functions cannot assign globals in Pine; count with a var inside the function instead.
    const src2 = V6 + 'f() =>\n    var int n = 0\n    n += 1\n    n > 0\nx = false and f()\ny = true or f()\nz = true and f()\nplot(z ? 1 : 0, "z")\n';
    void src;
    expect(plot(src2, 'z', 3)).toEqual([1, 1, 1]);
  });
});

describe('codegen: history and state', () => {
  it('reads history of variables, bar values and expressions', () => {
    const src = V6 + 'x = close * 2\nplot(x[1], "x1")\nplot(close[2], "c2")\nplot((close + 1)[1], "e1")\nplot(bar_index[1], "b1")\n';
    expect(plot(src, 'x1', 4)).toEqual([null, 2, 4, 6]);
    expect(plot(src, 'c2', 4)).toEqual([null, null, 1, 2]);
    expect(plot(src, 'e1', 4)).toEqual([null, 2, 3, 4]);
    expect(plot(src, 'b1', 4)).toEqual([null, 0, 1, 2]);
  });

  it('initialises var once and re-declares plain variables every bar', () => {
    const src = V6 + 'var float acc = 0\nacc += close\nfloat plain = 0\nplain += close\nplot(acc, "acc")\nplot(plain, "plain")\n';
    expect(plot(src, 'acc', 4)).toEqual([1, 3, 6, 10]);
    expect(plot(src, 'plain', 4)).toEqual([1, 2, 3, 4]);
  });

  it('keeps separate state per written call site of a user function', () => {
    const src = V6 + 'count(step) =>\n    var int n = 0\n    n += step\n    n\na = count(1)\nb = count(10)\nplot(a, "a")\nplot(b, "b")\n';
    expect(plot(src, 'a', 3)).toEqual([1, 2, 3]);
    expect(plot(src, 'b', 3)).toEqual([10, 20, 30]);
  });

  it('shares one instance across loop iterations for a call site inside a loop', () => {
    const src = V6 + 'count() =>\n    var int n = 0\n    n += 1\n    n\nint last = 0\nfor i = 1 to 3\n    last := count()\nplot(last, "n")\n';
    expect(plot(src, 'n', 2)).toEqual([3, 6]);
  });

  it('gives history inside a function and inside an if its own per-site series', () => {
    const src = V6 + 'prev(x) => x[1]\na = prev(close)\nb = prev(close * 10)\nfloat c = na\nif bar_index % 2 == 0\n    c := close[0] + 0\nplot(a, "a")\nplot(b, "b")\nplot(c[1], "c1")\n';
    expect(plot(src, 'a', 4)).toEqual([null, 1, 2, 3]);
    expect(plot(src, 'b', 4)).toEqual([null, 10, 20, 30]);
    expect(plot(src, 'c1', 4)).toEqual([null, 1, null, 3]);
  });

  it('runs stateful built-ins once per call site (ta.sma in a function called twice)', () => {
    const src = V6 + 'avg(src) => ta.sma(src, 2)\nplot(avg(close), "a")\nplot(avg(close * 2), "b")\n';
    expect(plot(src, 'a', 3)).toEqual([null, 1.5, 2.5]);
    expect(plot(src, 'b', 3)).toEqual([null, 3, 5]);
  });
});

describe('codegen: control flow and types', () => {
  it('supports if/switch expressions, loops, while, break/continue', () => {
    const src =
      V6 +
      'a = if close > 3\n    1\nelse if close > 1\n    2\nelse\n    3\n' +
      's = switch bar_index\n    0 => "zero"\n    1 => "one"\n    => "many"\n' +
      'int sum = 0\nfor i = 0 to 10 by 2\n    if i == 4\n        continue\n    if i > 8\n        break\n    sum += i\n' +
      'int w = 0\nwhile w < 5\n    w += 2\n' +
      'down = 0\nfor i = 3 to 1\n    down := down * 10 + i\n' +
      'plot(a, "a")\nplot(s == "one" ? 1 : 0, "s")\nplot(sum, "sum")\nplot(w, "w")\nplot(down, "down")\n';
    expect(plot(src, 'a', 4)).toEqual([3, 2, 2, 1]);
    expect(plot(src, 's', 3)).toEqual([0, 1, 0]);
    expect(plot(src, 'sum', 1)).toEqual([0 + 2 + 6 + 8]);
    expect(plot(src, 'w', 1)).toEqual([6]);
    expect(plot(src, 'down', 1)).toEqual([321]);
  });

  it('returns tuples from user functions', () => {
    const src = V6 + 'f(x) => [x, x * 2]\n[a, b] = f(close)\nplot(b - a, "d")\n';
    expect(plot(src, 'd', 3)).toEqual([1, 2, 3]);
  });

  it('gives UDT objects reference semantics, copy(), methods and defaults', () => {
    const src =
      V6 +
      'type P\n    float x = 1.5\n    int n\nmethod bump(P p, float by) =>\n    p.x += by\n    p.x\n' +
      'a = P.new()\nb = a\nc = a.copy()\nb.bump(10)\nplot(a.x, "ax")\nplot(c.x, "cx")\nplot(na(a.n) ? 1 : 0, "n")\n';
    expect(plot(src, 'ax', 1)).toEqual([11.5]);
    expect(plot(src, 'cx', 1)).toEqual([1.5]);
    expect(plot(src, 'n', 1)).toEqual([1]);
  });

  it('supports enums, input.enum and input overrides by title', () => {
    const src = V6 + 'enum Mode\n    fast = "Fast"\n    slow = "Slow"\nm = input.enum(Mode.fast, "Mode")\nlen = input.int(2, "Length", minval = 1)\nplot(m == Mode.slow ? len * 10 : len, "v")\n';
    expect(plot(src, 'v', 1)).toEqual([2]);
    const r = runScript(src, 1, { inputs: { Mode: 'Slow', Length: '3' } });
    expect(r.plots[0]!.values[0]).toBe(30);
    expect(() => runScript(src, 1, { inputs: { Length: '0' } })).toThrow(/≥ 1/);
  });

  it('reads input.source overrides', () => {
    const src = V6 + 's = input.source(close, "Src")\nplot(s, "s")\n';
    const r = runScript(src, 2, { inputs: { Src: 'high' } });
    expect(Array.from(r.plots[0]!.values)).toEqual([2, 3]);
  });

  it('logs with log.info and str.format placeholders', () => {
    expect(logs(V6 + 'if bar_index < 2\n    log.info("bar {0}", bar_index)\n')).toEqual(['bar 0', 'bar 1']);
  });

  it('stores the na of the field type when a nested field is assigned na (a label field, then label.delete)', () => {
    const src =
      V6 +
      'type Box\n    label lbl\ntype Gap\n    Box box\nvar g = Gap.new(Box.new())\n' +
      'if bar_index % 2 == 0\n    g.box.lbl := label.new(bar_index, close, "x")\nelse\n    label.delete(g.box.lbl)\n    g.box.lbl := na\n' +
      'label.delete(g.box.lbl)\nplot(na(g.box.lbl) ? 1 : 0, "empty")\n';
    expect(plot(src, 'empty', 4)).toEqual([0, 1, 0, 1]);
  });

  it('types input(constant) as a color input when the constant is a color', () => {
    const src = '//@version=5\nindicator("t")\nBLUE = #2157f3\nc = input(BLUE, "Colour")\nf(color col) => color.r(col)\nplot(f(c), "r")\n';
    const c = compile(src);
    expect(c.program?.inputs.map((i) => i.kind)).toEqual(['color']);
    expect(plot(src, 'r', 1)).toEqual([0x21]);
  });
});

describe('codegen: errors and safety', () => {
  it('reports runtime errors with the script line', () => {
    const src = V6 + 'x = 1\nif bar_index == 2\n    runtime.error("stop here")\nplot(x)\n';
    try {
      runScript(src, 4);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PineRuntimeError);
      expect((e as PineRuntimeError).message).toBe('stop here');
      expect((e as PineRuntimeError).line).toBe(5);
    }
  });

  it('stops runaway loops with a clear error naming the line', () => {
    const src = V6 + 'int i = 0\nwhile true\n    i += 1\nplot(i)\n';
    try {
      runScript(src, 1, { limits: { maxLoopIterations: 1000 } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PineLimitError);
      expect((e as PineLimitError).line).toBe(4);
    }
  });

  it('reports field access on na objects as a Pine runtime error', () => {
    const src = V6 + 'type P\n    float x\nP p = na\nplot(p.x)\n';
    expect(() => runScript(src, 1)).toThrow(/na/);
  });

  it('never evaluates user text as code', () => {
    const src = V6 + 'constructor = 1\n__proto__ = 2\ns = "\\"); throw new Error(\\"pwned\\"); (\\""\nplot(constructor + __proto__ + str.length(s), "v")\n';
    const r = runScript(src, 1);
    expect(r.plots[0]!.values[0]).toBe(3 + '"); throw new Error("pwned"); ("'.length);
  });

  it('returns diagnostics for compile errors instead of throwing', () => {
    const c = compile(V6 + 'plot(undefined_thing)\n');
    expect(c.ok).toBe(false);
    expect(c.diagnostics[0]!.message).toMatch(/undefined_thing/);
    expect(c.diagnostics[0]!.line).toBe(3);
  });
});
