// Library imports: `import user/Name/version as alias` linked from user-supplied sources.
import { describe, expect, it } from 'vitest';
import { compile, run } from '../../src/api.js';
import { barColumnsFromRows } from '../../src/core/bars.js';
import { libraryIdentity } from '../../src/libraries/identity.js';
import { linkLibraries } from '../../src/libraries/link.js';
import { parse } from '../../src/parser/index.js';
import { walkAst } from '../../src/parser/visit.js';
import { SourceLibraryResolver } from '../../src/libraries/resolver.js';

const bars = (n: number) =>
  barColumnsFromRows(Array.from({ length: n }, (_, i) => ({ time: Date.UTC(2024, 0, 2) + i * 3_600_000, open: 10 + i, high: 11 + i, low: 9 + i, close: 10 + i, volume: 100 })));

const GEOM = `// © alice
//@version=6
library("Geom")

float SCALE = 10.0
export const float TWO_PI = 6.28

export type Point
    float x
    float y = 1.0

export enum Dir
    up = "Up"
    down = "Down"

scaled(float v) => v * SCALE

export add(float a, float b) => scaled(a + b)

export method norm1(Point this) => math.abs(this.x) + math.abs(this.y)

export direction(float v) => v >= 0 ? Dir.up : Dir.down

export counter() =>
    var int n = 0
    n += 1
    n

plot(close, "library demo plot")
`;

const V6 = '//@version=6\nindicator("t")\n';

function compileWith(src: string, libs: string[]) {
  return compile(src, { libraries: new SourceLibraryResolver(libs) });
}

function plots(src: string, libs: string[], n = 3): Record<string, number[]> {
  const c = compileWith(src, libs);
  if (!c.ok || !c.program) throw new Error(c.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`).join('\n'));
  const r = run(c.program, bars(n));
  return Object.fromEntries(r.plots.map((p) => [p.title, Array.from(p.values)]));
}

function errors(src: string, libs: string[]): string[] {
  const c = compileWith(src, libs);
  expect(c.ok).toBe(false);
  return c.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}:${d.column} ${d.message}`);
}

describe('library linking', () => {
  it('calls exported functions, which use the library’s private helpers and globals', () => {
    const p = plots(V6 + 'import alice/Geom/1 as g\nplot(g.add(close, 1), "sum")\n', [GEOM]);
    expect(p['sum']).toEqual([110, 120, 130]);
  });

  it('does not run the library’s own plots and other top-level statements', () => {
    const p = plots(V6 + 'import alice/Geom/1 as g\nplot(g.TWO_PI, "c")\n', [GEOM]);
    expect(Object.keys(p)).toEqual(['c']);
  });

  it('gives exported constants, types (constructor, defaults, fields, typed declarations) and enums', () => {
    const src =
      V6 +
      'import alice/Geom/1 as g\n' +
      'g.Point p = g.Point.new(close)\n' +
      'array<g.Point> pts = array.new<g.Point>()\n' +
      'pts.push(p)\n' +
      'plot(g.TWO_PI, "c")\n' +
      'plot(pts.get(0).x + p.y, "fields")\n' +
      'plot(g.direction(close - 11) == g.Dir.up ? 1 : 0, "enum")\n' +
      'plot(str.length(str.tostring(g.Dir.down)), "title")\n';
    const p = plots(src, [GEOM]);
    expect(p['c']).toEqual([6.28, 6.28, 6.28]);
    expect(p['fields']).toEqual([11, 12, 13]);
    expect(p['enum']).toEqual([0, 1, 1]);
    expect(p['title']).toEqual([4, 4, 4]);
  });

  it('calls exported methods on library objects, by method syntax and through the alias', () => {
    const src = V6 + 'import alice/Geom/1 as g\np = g.Point.new(-close, 2)\nplot(p.norm1(), "m")\nplot(g.norm1(p), "f")\n';
    const p = plots(src, [GEOM]);
    expect(p['m']).toEqual([12, 13, 14]);
    expect(p['f']).toEqual([12, 13, 14]);
  });

  it('keeps per-call-site state of library functions (var inside an exported function)', () => {
    const src = V6 + 'import alice/Geom/1 as g\nplot(g.counter(), "a")\nplot(g.counter() * 10, "b")\n';
    const p = plots(src, [GEOM]);
    expect(p['a']).toEqual([1, 2, 3]);
    expect(p['b']).toEqual([10, 20, 30]);
  });

  it('lets a script name its own variables like the library’s private ones', () => {
    const src = V6 + 'import alice/Geom/1 as g\nSCALE = 2.0\nscaled(x) => x + 1\nplot(g.add(1, 1) + scaled(SCALE), "v")\n';
    expect(plots(src, [GEOM], 1)['v']).toEqual([23]);
  });

  it('respects local variables and parameters that shadow library globals', () => {
    const lib = '// © bob\n//@version=6\nlibrary("Shadow")\nfloat k = 100.0\nexport f(float k) => k * 2\nexport g(float x) =>\n    k = x + 1\n    k\nexport h() => k\n';
    const src = V6 + 'import bob/Shadow/1 as s\nplot(s.f(3), "f")\nplot(s.g(3), "g")\nplot(s.h(), "h")\n';
    const p = plots(src, [lib], 1);
    expect([p['f'], p['g'], p['h']]).toEqual([[6], [4], [100]]);
  });

  it('links libraries that import libraries, once each, sharing their types', () => {
    const shapes = `// © carol
//@version=6
library("Shapes")
import alice/Geom/2 as geo
export type Segment
    geo.Point a
    geo.Point b
export make(float x) => Segment.new(geo.Point.new(x, 0), geo.Point.new(x + geo.add(0, 1), 0))
export length(Segment s) => s.b.x - s.a.x
`;
    const src = V6 + 'import carol/Shapes/1 as sh\nimport alice/Geom/1 as g\ns = sh.make(close)\ng.Point p = s.a\nplot(sh.length(s), "len")\nplot(p.norm1(), "n")\n';
    const p = plots(src, [GEOM, shapes], 2);
    expect(p['len']).toEqual([10, 10]);
    expect(p['n']).toEqual([10, 11]);
  });

  it('uses the library name as the alias when there is no `as`', () => {
    const p = plots(V6 + 'import alice/Geom/1\nplot(Geom.add(1, 2), "v")\n', [GEOM], 1);
    expect(p['v']).toEqual([30]);
  });

  it('lets an alias named like a built-in namespace reach both the library and the built-ins', () => {
    const ta = '// © tv\n//@version=6\nlibrary("ta")\nexport double(float x) => 2 * x\n';
    const p = plots(V6 + 'import tv/ta/9\nplot(ta.double(close) + ta.sma(close, 1), "v")\n', [ta], 2);
    expect(p['v']).toEqual([30, 33]);
  });

  it('reports a missing library at the import’s line:column', () => {
    expect(errors(V6 + 'import alice/Nope/3 as n\nplot(close)\n', [GEOM])).toEqual(["3:1 Library 'alice/Nope/3' not found in the library directories"]);
  });

  it('does not match a library published by another author', () => {
    expect(errors(V6 + 'import mallory/Geom/1 as g\nplot(g.add(1, 2))\n', [GEOM])).toEqual(["3:1 Library 'mallory/Geom/1' not found in the library directories"]);
  });

  it('reports a member the library does not export, at its line:column', () => {
    expect(errors(V6 + 'import alice/Geom/1 as g\nplot(g.scaled(close))\nx = g.SCALE\n', [GEOM])).toEqual([
      "4:8 'scaled' is not exported by library 'alice/Geom/1'",
      "5:7 'SCALE' is not exported by library 'alice/Geom/1'",
    ]);
  });

  it('checks calls against the exported signatures', () => {
    const errs = errors(V6 + 'import alice/Geom/1 as g\nplot(g.add("a", 1))\nplot(g.add(1, 2, 3))\n', [GEOM]);
    expect(errs).toHaveLength(2);
    expect(errs[0]).toMatch(/^4:12 .*'g\.add'.*'const string'/);
    expect(errs[1]).toMatch(/^5:6 Too many arguments/);
  });

  it('reports an unknown method on a library type', () => {
    const errs = errors(V6 + 'import alice/Geom/1 as g\np = g.Point.new(1)\nplot(p.nope())\n', [GEOM]);
    expect(errs).toEqual([expect.stringMatching(/^5:8 .*nope/)]);
  });

  it('reports errors inside a library with the library’s own line:column', () => {
    const bad = '// © dave\n//@version=6\nlibrary("Bad")\nexport f(float x) =>\n    x + undefinedThing\n';
    expect(errors(V6 + 'import dave/Bad/1 as b\nplot(b.f(1))\n', [bad])).toEqual([
      "3:1 Library 'dave/Bad/1': 5:9 Undeclared identifier 'undefinedThing'",
    ]);
  });

  it('reports a missing library imported by a library', () => {
    const lib = '// © erin\n//@version=6\nlibrary("Outer")\nimport erin/Inner/1 as inner\nexport f() => inner.g()\n';
    expect(errors(V6 + 'import erin/Outer/1 as o\nplot(o.f())\n', [lib])).toEqual([
      "3:1 Library 'erin/Outer/1': 4:1 Library 'erin/Inner/1' not found in the library directories",
    ]);
  });

  it('detects import cycles', () => {
    const a = '// © fay\n//@version=6\nlibrary("A")\nimport fay/B/1 as b\nexport f() => 1\n';
    const b = '// © fay\n//@version=6\nlibrary("B")\nimport fay/A/1 as a\nexport g() => 2\n';
    const errs = errors(V6 + 'import fay/A/1 as a\nplot(a.f())\n', [a, b]);
    expect(errs).toEqual(["3:1 Library 'fay/A/1': 4:1 Library 'fay/B/1': 4:1 Library import cycle: fay/A/1 → fay/B/1 → fay/A/1"]);
  });

  it('refuses a library written for another Pine version', () => {
    const v5 = '// © gil\n//@version=5\nlibrary("Old")\nexport f() => 1\n';
    expect(errors(V6 + 'import gil/Old/1 as o\nplot(o.f())\n', [v5])[0]).toMatch(/^3:1 Library 'gil\/Old\/1' is Pine v5; linking it into a v6 script is not supported/);
  });

  it('leaves a script without imports untouched and compiles as before without a resolver', () => {
    expect(compileWith(V6 + 'plot(close)\n', []).ok).toBe(true);
    const c = compile(V6 + 'import alice/Geom/1 as g\nplot(g.add(1, 2))\n');
    expect(c.ok).toBe(false);
  });
});

describe('linked AST', () => {
  it('gives library nodes fresh ids below the script id and the span of their import', () => {
    const src = V6 + 'import alice/Geom/1 as g\nplot(g.add(close, 1))\n';
    const ast = parse(src).ast;
    const { script, diagnostics } = linkLibraries(ast, src, new SourceLibraryResolver([GEOM]));
    expect(diagnostics).toEqual([]);
    const ids: number[] = [];
    walkAst(script, (n) => void ids.push(n.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(Math.max(...ids)).toBe(script.id);
    const importSpan = ast.body.find((s) => s.kind === 'Import')!.span;
    const add = script.body.find((s) => s.kind === 'FunctionDeclaration' && s.name.name === 'g.add')!;
    expect(add.span).toEqual(importSpan);
    expect(script.body.some((s) => s.kind === 'Import')).toBe(false);
  });
});

describe('library identity', () => {
  it('reads the library() title and the © author', () => {
    expect(libraryIdentity(GEOM)).toEqual({ name: 'Geom', author: 'alice' });
    expect(libraryIdentity('//@version=5\nlibrary(title = "T", overlay = true)\n')).toEqual({ name: 'T', author: null });
    expect(libraryIdentity('//@version=5\nindicator("x")\n')).toBeNull();
  });

  it('resolves by name and author; a source without an author matches any', () => {
    const anon = '//@version=6\nlibrary("Anon")\nexport f() => 1\n';
    const r = new SourceLibraryResolver([GEOM, anon]);
    expect(r.resolve('Alice', 'geom')).toBe(GEOM);
    expect(r.resolve('bob', 'Geom')).toBeUndefined();
    expect(r.resolve('anyone', 'Anon')).toBe(anon);
  });
});
