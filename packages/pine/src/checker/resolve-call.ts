// Overload resolution for built-in functions: bind written arguments (positional, then named) to each
// catalog overload's parameters, match their types and qualifiers, and pick the cheapest match
// (exact types before int→float promotion, weaker qualifiers before stronger ones).
import type { Expression, Identifier } from '../parser/ast.js';
import type { BuiltinFunction, BuiltinOverload, BuiltinParam } from './builtin-types.js';
import { instantiateReturn, parseParamType, type Bindings, type Elem, type ParamPattern } from './catalog-types.js';
import { Q, assignable, hasUnknown, maxQual, qualName, sameType, typeToString, type PineType, type QType } from './types.js';

export interface ArgInfo {
  readonly node: Expression;
  /** Named argument's name, or null for positional. */
  readonly name: string | null;
  /** The name's identifier of a named argument (where name errors point). */
  readonly nameNode?: Identifier | undefined;
  readonly type: QType;
}

export interface OverloadMatch {
  readonly overload: number;
  /** Argument per parameter position (variadic arguments from the variadic position on). */
  readonly args: (ArgInfo | undefined)[];
  readonly bindings: Bindings;
  readonly cost: number;
  readonly result: QType;
}

export type Failure =
  | { readonly kind: 'too-many'; readonly max: number; readonly given: number }
  | { readonly kind: 'unknown-name'; readonly name: string; readonly arg: ArgInfo }
  | { readonly kind: 'duplicate'; readonly name: string; readonly arg: ArgInfo }
  | { readonly kind: 'missing'; readonly param: string }
  | { readonly kind: 'type' | 'qualifier'; readonly param: string; readonly arg: ArgInfo; readonly expected: string; readonly position: number };

export interface Resolution {
  readonly match: OverloadMatch | null;
  /** Failure per overload (same order as the catalog) when no overload matched. */
  readonly failures: readonly Failure[];
}

/** Binds arguments to parameters; returns the per-parameter arguments or a failure. */
function bindArgs(params: readonly BuiltinParam[], args: readonly ArgInfo[]): (ArgInfo | undefined)[] | Failure {
  const bound: (ArgInfo | undefined)[] = new Array(params.length).fill(undefined);
  const variadicAt = params.findIndex((p) => p.variadic);
  let pos = 0;
  for (const a of args) {
    if (a.name !== null) {
      const i = params.findIndex((p) => p.name === a.name);
      if (i < 0) return { kind: 'unknown-name', name: a.name, arg: a };
      if (bound[i]) return { kind: 'duplicate', name: a.name, arg: a };
      bound[i] = a;
      continue;
    }
    if (variadicAt >= 0 && pos >= variadicAt) {
      bound[pos++] = a;
      continue;
    }
    if (pos >= params.length) return { kind: 'too-many', max: params.length, given: args.length };
    if (bound[pos]) return { kind: 'duplicate', name: params[pos]!.name, arg: a };
    bound[pos++] = a;
  }
  for (let i = 0; i < params.length; i++) {
    const p = params[i]!;
    if (!bound[i] && !p.optional && !p.variadic) return { kind: 'missing', param: p.name };
  }
  return bound;
}

/** Cost of matching a value of type `t` to one element pattern, or -1. Updates generic bindings. */
function matchElem(el: Elem, t: PineType, b: Bindings, version: number): number {
  if (t.k === 'unknown' || t.k === 'na') {
    if (el.e === 'var' && t.k === 'na') return 0;
    return 0;
  }
  switch (el.e) {
    case 'any':
      return 0;
    case 'type':
      if (sameType(t, el.t)) return 0;
      if (el.t.k === 'constset' || t.k === 'constset') return assignable(t, el.t, version) ? 0.5 : -1;
      if (assignable(t, el.t, version)) return t.k === 'int' && el.t.k === 'float' ? 1 : 2;
      return -1;
    case 'anyEnum':
      return t.k === 'enum' ? 0 : -1;
    case 'var': {
      const bound = b[el.v];
      if (!bound || bound.k === 'unknown') {
        b[el.v] = t;
        return 0;
      }
      if (sameType(t, bound)) return 0;
      return assignable(t, bound, version) ? 1 : -1;
    }
    case 'anyArray':
    case 'anyMatrix': {
      const want = el.e === 'anyArray' ? 'array' : 'matrix';
      if (t.k !== want) return -1;
      if (!b.T || b.T.k === 'unknown') b.T = t.elem;
      return 0;
    }
    case 'anyMap':
      if (t.k !== 'map') return -1;
      if (!b.K || b.K.k === 'unknown') b.K = t.key;
      if (!b.V || b.V.k === 'unknown') b.V = t.value;
      return 0;
    case 'array':
    case 'matrix': {
      if (t.k !== el.e) return -1;
      if (t.elem.k === 'unknown') return 0;
      // array<int> fits both `array<int>` and `array<int/float>`; the narrower pattern wins.
      return el.of.some((o) => o.e === 'any' || o.e === 'var' || (o.e === 'type' && sameType(o.t, t.elem)) || (o.e === 'anyEnum' && t.elem.k === 'enum'))
        ? (el.of.length - 1) * 0.1
        : -1;
    }
    case 'map':
      return t.k === 'map' ? 0 : -1;
  }
}

/**
 * The expected type as TradingView words it: generic element types are substituted ("series float" for
 * `array.push` on a float array), `int/float` reads "float", variadic names read as their first name.
 */
function patternText(p: ParamPattern, raw: string, b: Bindings): string {
  const only = p.alts.length === 1 ? p.alts[0]! : null;
  if (only?.e === 'var') {
    const bound = b[only.v];
    if (bound && bound.k !== 'unknown') return `${qualName(p.q ?? Q.Series)} ${typeToString(bound)}`;
  }
  return raw.replace(/\bint\/float\b/g, 'float');
}

function matchParam(raw: string, pat: ParamPattern, arg: ArgInfo, b: Bindings, version: number, position: number, name: string): number | Failure {
  let best = -1;
  let bestBindings: Bindings | null = null;
  if (pat.alts.length === 1) {
    // Common case: bind in place, no trial copies.
    best = matchElem(pat.alts[0]!, arg.type.type, b, version);
    bestBindings = b;
  } else for (const el of pat.alts) {
    const trial: Bindings = { ...b };
    const c = matchElem(el, arg.type.type, trial, version);
    if (c >= 0 && (best < 0 || c < best)) {
      best = c;
      bestBindings = trial;
    }
  }
  if (best < 0) return { kind: 'type', param: name, arg, expected: patternText(pat, raw, b), position };
  // Constant-set parameters (`const text_format`, `input plot_display`) are not checked for qualifiers:
  // the catalog's qualifiers for them are stricter than what TradingView enforces.
  if (!pat.constSet && pat.q !== null && pat.q < Q.Series && arg.type.q === Q.Series && arg.type.type.k !== 'na') {
    return { kind: 'qualifier', param: name, arg, expected: patternText(pat, raw, b), position };
  }
  if (bestBindings !== b) Object.assign(b, bestBindings);
  // Exact single-type patterns beat alternatives ("series int" before "series int/float").
  if (pat.alts.length > 1) best += 0.05;
  // Prefer overloads whose qualifier is just strong enough: weaker parameter qualifiers cost less.
  return best + (pat.q ?? Q.Series) * 0.01;
}

interface CompiledParam {
  readonly raw: string;
  readonly pattern: ParamPattern;
  /** Display name: the first name of a variadic `arg0, arg1, ...`. */
  readonly name: string;
}

/** Parsed parameter patterns per overload, computed once (resolution is on every call's hot path). */
const compiled = new WeakMap<BuiltinOverload, readonly CompiledParam[]>();

function compileOverload(fn: BuiltinFunction, ov: BuiltinOverload): readonly CompiledParam[] {
  let c = compiled.get(ov);
  if (!c) {
    c = ov.params.map((p) => {
      const mapPart = fn.namespace === 'map' && (p.name === 'key' || p.name === 'value') ? p.name : undefined;
      return { raw: p.type, pattern: parseParamType(p.type, mapPart), name: p.name.split(',')[0]! };
    });
    compiled.set(ov, c);
  }
  return c;
}

/**
 * Resolve a call to a built-in. `typeArgs` are explicit generic arguments (`array.new<float>` → [float];
 * `map.new<string, int>` → [string, int]).
 */
export function resolveBuiltin(fn: BuiltinFunction, args: readonly ArgInfo[], typeArgs: readonly PineType[], version: number): Resolution {
  const failures: Failure[] = [];
  const matches: OverloadMatch[] = [];
  fn.overloads.forEach((ov, k) => {
    const bound = bindArgs(ov.params, args);
    if (!Array.isArray(bound)) {
      failures.push(bound);
      return;
    }
    const params = compileOverload(fn, ov);
    const b: Bindings = {};
    if (fn.name.startsWith('map.new')) {
      if (typeArgs[0]) b.K = typeArgs[0];
      if (typeArgs[1]) b.V = typeArgs[1];
    } else if (typeArgs[0]) b.T = typeArgs[0];
    let cost = 0;
    for (let i = 0; i < bound.length; i++) {
      const a = bound[i];
      if (!a) continue;
      const p = params[Math.min(i, params.length - 1)]!;
      const r = matchParam(p.raw, p.pattern, a, b, version, i, p.name);
      if (typeof r !== 'number') {
        failures.push(r);
        return;
      }
      cost += r;
    }
    // map.keys/map.values return `array<type>`: the key or value type.
    if (fn.name === 'map.keys') b.T = b.K;
    else if (fn.name === 'map.values') b.T = b.V;
    const result = instantiateReturn(ov.returns, b);
    matches.push({ overload: k, args: bound, bindings: b, cost, result });
  });
  if (matches.length === 0) return { match: null, failures };
  matches.sort((x, y) => x.cost - y.cost || x.overload - y.overload);
  const chosen = matches[0]!;
  return { match: { ...chosen, result: refineResult(chosen, matches, args) }, failures: [] };
}

/**
 * When an argument's type or qualifier is not precisely known, several overloads may match; the result
 * is then only as precise as what they agree on (never claim "series" or a narrower type than the
 * code could have).
 */
function refineResult(chosen: OverloadMatch, matches: readonly OverloadMatch[], args: readonly ArgInfo[]): QType {
  const anyUnknownType = args.some((a) => hasUnknown(a.type.type));
  const anyUnknownQual = args.some((a) => a.type.q === Q.Unknown);
  let type = chosen.result.type;
  if (anyUnknownType) {
    const same = matches.every((m) => sameType(m.result.type, type));
    if (!same) type = { k: 'unknown' };
  }
  let q = chosen.result.q;
  const allSeries = matches.every((m) => m.result.q === Q.Series);
  if (!allSeries && (anyUnknownQual || anyUnknownType)) q = maxQual(q, Q.Unknown);
  return { type, q };
}
