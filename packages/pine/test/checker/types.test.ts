// Catalog type notation → checker patterns, assignability and qualifier rules, and the generated
// built-in table being in sync with the catalog.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTINS_JSON, REPO_ROOT } from '../../../../test-support/shared.js';
import { instantiateReturn, parseConcrete, parseParamType } from '../../src/checker/catalog-types.js';
import { BUILTIN_CONSTANTS, BUILTIN_FUNCTIONS, BUILTIN_VARIABLES } from '../../src/checker/builtins.generated.js';
import { Q, T, assignable, joinTypes, maxQual, qtypeToString, typeToString } from '../../src/checker/types.js';

describe('catalog type strings', () => {
  it('parses qualified alternatives', () => {
    const p = parseParamType('series int/float');
    expect(p.q).toBe(Q.Series);
    expect(p.alts).toEqual([{ e: 'type', t: T.int }, { e: 'type', t: T.float }]);
    expect(parseParamType('simple int')).toEqual({ q: Q.Simple, alts: [{ e: 'type', t: T.int }] });
  });

  it('parses collections, generics and object types', () => {
    expect(parseParamType('any array type').alts).toEqual([{ e: 'anyArray' }]);
    expect(parseParamType("series <type of the array's elements>").alts).toEqual([{ e: 'var', v: 'T' }]);
    expect(parseParamType('array<int/float>').alts).toEqual([{ e: 'array', of: [{ e: 'type', t: T.int }, { e: 'type', t: T.float }] }]);
    expect(parseParamType('series line').alts).toEqual([{ e: 'type', t: { k: 'object', name: 'line' } }]);
    expect(parseParamType('chart.point')).toEqual({ q: null, alts: [{ e: 'type', t: { k: 'object', name: 'chart.point' } }] });
    expect(parseParamType('input plot_style').alts).toEqual([{ e: 'type', t: { k: 'constset', name: 'plot_style' } }]);
  });

  it('accepts anything for prose types', () => {
    const prose = 'variable, function, object, array, matrix, or map of series int/float/bool/string/color/enum, or a tuple of these';
    expect(parseParamType(prose).alts).toEqual([{ e: 'any' }]);
    expect(parseParamType('tuple of const int values: [val1, val2, ...]').alts).toEqual([{ e: 'any' }]);
  });

  it('instantiates generic and tuple results', () => {
    expect(qtypeToString(instantiateReturn('series <type>', { T: T.float }))).toBe('series float');
    expect(typeToString(instantiateReturn('array<type>', { T: T.string }).type)).toBe('array<string>');
    expect(typeToString(instantiateReturn('map<keyType, valueType>', { K: T.string, V: T.int }).type)).toBe('map<string, int>');
    expect(qtypeToString(instantiateReturn('[series float, series float]', {}))).toBe('[series float, series float]');
  });

  it('types built-in variables and constants', () => {
    expect(qtypeToString(parseConcrete(BUILTIN_VARIABLES['close']!.type))).toBe('series float');
    expect(qtypeToString(parseConcrete(BUILTIN_VARIABLES['syminfo.mintick']!.type))).toBe('simple float');
    expect(qtypeToString(parseConcrete(BUILTIN_CONSTANTS['color.red']!.type))).toBe('const color');
  });
});

describe('assignability and qualifiers', () => {
  it('promotes int to float, accepts na everywhere, keeps other kinds apart', () => {
    expect(assignable(T.int, T.float, 6)).toBe(true);
    expect(assignable(T.float, T.int, 6)).toBe(false);
    expect(assignable(T.na, T.string, 6)).toBe(true);
    expect(assignable(T.string, T.float, 6)).toBe(false);
    expect(assignable({ k: 'array', elem: T.int }, { k: 'array', elem: T.string }, 6)).toBe(false);
    expect(assignable({ k: 'udt', name: 'A' }, { k: 'udt', name: 'B' }, 6)).toBe(false);
  });

  it('converts numbers to bool implicitly only in v5', () => {
    expect(assignable(T.int, T.bool, 5)).toBe(true);
    expect(assignable(T.float, T.bool, 5)).toBe(true);
    expect(assignable(T.int, T.bool, 6)).toBe(false);
  });

  it('combines qualifiers by their order const < input < simple < series', () => {
    expect(maxQual(Q.Const, Q.Input)).toBe(Q.Input);
    expect(maxQual(Q.Simple, Q.Series, Q.Const)).toBe(Q.Series);
    expect(maxQual(Q.Simple, Q.Unknown)).toBe(Q.Unknown);
    expect(maxQual(Q.Unknown, Q.Series)).toBe(Q.Series);
  });

  it('joins branch types', () => {
    expect(joinTypes(T.int, T.float)).toEqual(T.float);
    expect(joinTypes(T.na, T.string)).toEqual(T.string);
    expect(joinTypes({ k: 'udt', name: 'A' }, { k: 'udt', name: 'B' })).toEqual(T.unknown);
  });
});

describe('generated built-in table', () => {
  it('covers the whole catalog with overloads in catalog order', () => {
    const catalog = JSON.parse(readFileSync(BUILTINS_JSON, 'utf8')) as { functions: { name: string; overloads: unknown[] }[] };
    expect(Object.keys(BUILTIN_FUNCTIONS).length).toBe(catalog.functions.length);
    for (const f of catalog.functions) expect(BUILTIN_FUNCTIONS[f.name]!.overloads.length, f.name).toBe(f.overloads.length);
    expect(BUILTIN_FUNCTIONS['ta.highest']!.overloads[1]!.params.map((p) => p.name)).toEqual(['length']);
  });

  it('is up to date with the catalog (re-run `npm run gen:builtins` when this fails)', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'pineback-gen-')), 'builtins.generated.ts');
    execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'gen-builtins.mjs'), BUILTINS_JSON, out], { stdio: 'pipe' });
    const committed = readFileSync(join(REPO_ROOT, 'packages', 'pine', 'src', 'checker', 'builtins.generated.ts'), 'utf8');
    expect(readFileSync(out, 'utf8') === committed).toBe(true);
  });
});
