// Parsing the catalog's type notation ("series int/float", "any array type", "array<type>",
// "series <type of the array's elements>", prose such as the `expression` of request.security) into
// patterns the overload resolver can match arguments against. Results are cached per string.
import { BUILTIN_TYPES } from './builtins.generated.js';
import { OBJECT_NAMES, Q, T, type ObjectName, type PineType, type QType, type Qual } from './types.js';

/** Generic element variables: T (array/matrix element, generic result), K/V (map key/value). */
export type TypeVar = 'T' | 'K' | 'V';

export type Elem =
  | { readonly e: 'type'; readonly t: PineType }
  | { readonly e: 'anyEnum' }
  | { readonly e: 'var'; readonly v: TypeVar }
  | { readonly e: 'anyArray' }
  | { readonly e: 'anyMatrix' }
  | { readonly e: 'anyMap' }
  | { readonly e: 'array' | 'matrix'; readonly of: readonly Elem[] }
  | { readonly e: 'map'; readonly key: readonly Elem[]; readonly value: readonly Elem[] }
  /** Prose or otherwise unconstrained: any value is accepted. */
  | { readonly e: 'any' };

export interface ParamPattern {
  /** Strongest qualifier the parameter accepts; null when the catalog states none (objects, collections). */
  readonly q: Qual | null;
  readonly alts: readonly Elem[];
  /** Every alternative is a constant-set pseudo-type (`const text_format`, `input plot_display`). */
  readonly constSet?: boolean;
}

const QUALS: Record<string, Qual> = { const: Q.Const, input: Q.Input, simple: Q.Simple, series: Q.Series };
const ANY: ParamPattern = { q: null, alts: [{ e: 'any' }] };

/** Split on `sep` at angle-bracket depth 0. */
function splitTop(s: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '<') depth++;
    else if (ch === '>') depth--;
    if (ch === sep && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((x) => x.trim());
}

function baseType(name: string): PineType | null {
  switch (name) {
    case 'int':
    case 'float':
    case 'bool':
    case 'color':
    case 'string':
      return { k: name };
    case 'plot':
      return T.plot;
    case 'hline':
      return T.hline;
    case 'void':
      return T.void;
    case 'na':
      return T.na;
  }
  if (OBJECT_NAMES.has(name)) return { k: 'object', name: name as ObjectName };
  if (BUILTIN_TYPES[name]?.kind === 'constant-set') return { k: 'constset', name };
  return null;
}

function parseElem(s: string, mapPart?: 'key' | 'value'): Elem[] | null {
  s = s.trim();
  if (s === '' ) return [{ e: 'any' }];
  if (s === 'type' || s === '<type>' || s.startsWith('<type of') || s.startsWith('type of')) {
    return [{ e: 'var', v: mapPart === 'key' ? 'K' : mapPart === 'value' ? 'V' : 'T' }];
  }
  if (s === 'keyType') return [{ e: 'var', v: 'K' }];
  if (s === 'valueType' || s === '<value_type>') return [{ e: 'var', v: 'V' }];
  if (/^<\w+(\.\.\.)?_type>$/.test(s)) return [{ e: 'var', v: 'T' }];
  if (s === 'enum') return [{ e: 'anyEnum' }];
  const coll = /^(array|matrix|map)<(.*)>$/.exec(s);
  if (coll) {
    const inner = coll[2]!;
    if (coll[1] === 'map') {
      const [k, v] = splitTop(inner, ',');
      const key = parseElem(k ?? '', 'key');
      const value = parseElem(v ?? '', 'value');
      if (!key || !value) return null;
      return [{ e: 'map', key, value }];
    }
    if (inner === '') return [{ e: coll[1] === 'array' ? 'anyArray' : 'anyMatrix' }];
    const of: Elem[] = [];
    for (const alt of splitTop(inner, '/')) {
      const p = parseElem(alt);
      if (!p) return null;
      of.push(...p);
    }
    return [{ e: coll[1] as 'array' | 'matrix', of }];
  }
  const t = baseType(s);
  return t ? [{ e: 'type', t }] : null;
}

const paramCache = new Map<string, ParamPattern>();

/** Parse a parameter type string; anything unrecognised becomes "accept any value". */
export function parseParamType(s: string, mapPart?: 'key' | 'value'): ParamPattern {
  const cacheKey = mapPart ? `${mapPart}:${s}` : s;
  const hit = paramCache.get(cacheKey);
  if (hit) return hit;
  const parsed = parseParamUncached(s.trim(), mapPart);
  const result = parsed.alts.every((a) => a.e === 'type' && a.t.k === 'constset') ? { ...parsed, constSet: true } : parsed;
  paramCache.set(cacheKey, result);
  return result;
}

function parseParamUncached(s: string, mapPart?: 'key' | 'value'): ParamPattern {
  if (s === 'any array type') return { q: null, alts: [{ e: 'anyArray' }] };
  if (s === 'any matrix type') return { q: null, alts: [{ e: 'anyMatrix' }] };
  if (s === 'any map type') return { q: null, alts: [{ e: 'anyMap' }] };
  if (s.startsWith('tuple of') || s.includes(' or ') || s.includes(',') && !s.startsWith('map<')) return ANY;
  if (s.startsWith('open/high/low/close')) return { q: Q.Series, alts: [{ e: 'type', t: T.float }, { e: 'type', t: T.int }] };
  let q: Qual | null = null;
  let rest = s;
  const m = /^(const|input|simple|series)\s+(.*)$/.exec(s);
  if (m) {
    q = QUALS[m[1]!]!;
    rest = m[2]!;
  }
  const alts: Elem[] = [];
  for (const part of splitTop(rest, '/')) {
    const p = parseElem(part, mapPart);
    if (!p) return ANY;
    alts.push(...p);
  }
  return { q, alts };
}

export interface Bindings {
  T?: PineType;
  K?: PineType;
  V?: PineType;
}

function instElem(e: Elem, b: Bindings): PineType {
  switch (e.e) {
    case 'type':
      return e.t;
    case 'var':
      return b[e.v] ?? T.unknown;
    case 'array':
    case 'matrix':
      return { k: e.e, elem: e.of.length === 1 ? instElem(e.of[0]!, b) : e.of.some((x) => x.e === 'type' && x.t.k === 'float') ? T.float : T.unknown };
    case 'map':
      return { k: 'map', key: e.key.length === 1 ? instElem(e.key[0]!, b) : T.unknown, value: e.value.length === 1 ? instElem(e.value[0]!, b) : T.unknown };
    case 'anyArray':
      return { k: 'array', elem: b.T ?? T.unknown };
    case 'anyMatrix':
      return { k: 'matrix', elem: b.T ?? T.unknown };
    case 'anyMap':
      return { k: 'map', key: b.K ?? T.unknown, value: b.V ?? T.unknown };
    default:
      return T.unknown;
  }
}

/**
 * The result type of an overload given the generic bindings found while matching its arguments.
 * Unqualified results (objects, collections) are series.
 */
export function instantiateReturn(s: string, b: Bindings): QType {
  s = s.trim();
  if (s.startsWith('[')) {
    const elems = splitTop(s.slice(1, -1), ',').map((x) => instantiateReturn(x, b));
    return { type: { k: 'tuple', elems }, q: Q.Series };
  }
  const p = parseParamType(s, s.includes('value_type') ? 'value' : undefined);
  const q = p.q ?? Q.Series;
  if (p.alts.length !== 1) {
    // "int/float" results do not occur; be safe.
    return { type: T.unknown, q };
  }
  return { type: instElem(p.alts[0]!, b), q };
}

/** A catalog type string as a plain QType when it names exactly one concrete type (variables, constants). */
export function parseConcrete(s: string): QType {
  const p = parseParamType(s);
  if (p.alts.length === 1 && p.alts[0]!.e !== 'any') return { type: instElem(p.alts[0]!, {}), q: p.q ?? Q.Series };
  return { type: T.unknown, q: p.q ?? Q.Series };
}
