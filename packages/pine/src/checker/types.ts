// Pine types and qualifiers as the checker sees them, and how catalog type strings map onto them.
//
// A value's static type is a `QType`: a base `PineType` plus a qualifier. Qualifiers are ordered
// const < input < simple < series (a value of a weaker qualifier is accepted where a stronger one is
// expected). `Q.Unknown` sits between simple and series: it marks values whose qualifier we do not
// track precisely (parameters of user functions, reassigned variables). It combines like a qualifier
// (max), but is never reported as an error: the checker only rejects arguments that are *certainly*
// series where the signature requires simple/input/const.

/** Qualifier rank (small integers keep V8 objects monomorphic). Unknown sits just below series: "at most series, maybe less". */
export const Q = { Const: 0, Input: 1, Simple: 2, Unknown: 3, Series: 4 } as const;
export type Qual = (typeof Q)[keyof typeof Q];

export type ObjectName =
  | 'line'
  | 'label'
  | 'box'
  | 'table'
  | 'linefill'
  | 'polyline'
  | 'chart.point'
  | 'footprint'
  | 'volume_row';

export const OBJECT_NAMES: ReadonlySet<string> = new Set<ObjectName>([
  'line',
  'label',
  'box',
  'table',
  'linefill',
  'polyline',
  'chart.point',
  'footprint',
  'volume_row',
]);

export type PineType =
  | { readonly k: 'int' | 'float' | 'bool' | 'color' | 'string' }
  | { readonly k: 'object'; readonly name: ObjectName }
  | { readonly k: 'array' | 'matrix'; readonly elem: PineType }
  | { readonly k: 'map'; readonly key: PineType; readonly value: PineType }
  /** User-defined type; `name` is as written (`Pivot`, or `lib.Pivot` for library types). */
  | { readonly k: 'udt'; readonly name: string }
  | { readonly k: 'enum'; readonly name: string }
  /** Pseudo-types of built-in constant sets (`plot_style`, `strategy_direction`, …). */
  | { readonly k: 'constset'; readonly name: string }
  | { readonly k: 'tuple'; readonly elems: readonly QType[] }
  | { readonly k: 'plot' | 'hline' | 'void' | 'na' | 'unknown' };

export interface QType {
  readonly type: PineType;
  readonly q: Qual;
}

export const T = {
  int: { k: 'int' } as PineType,
  float: { k: 'float' } as PineType,
  bool: { k: 'bool' } as PineType,
  color: { k: 'color' } as PineType,
  string: { k: 'string' } as PineType,
  void: { k: 'void' } as PineType,
  na: { k: 'na' } as PineType,
  unknown: { k: 'unknown' } as PineType,
  plot: { k: 'plot' } as PineType,
  hline: { k: 'hline' } as PineType,
};

export const UNKNOWN: QType = { type: T.unknown, q: Q.Unknown };
export const VOID: QType = { type: T.void, q: Q.Series };

export function qt(type: PineType, q: Qual): QType {
  return { type, q };
}

export function maxQual(...qs: Qual[]): Qual {
  let m: Qual = Q.Const;
  for (const q of qs) if (q > m) m = q;
  return m;
}

export function qualName(q: Qual): string {
  if (q === Q.Const) return 'const';
  if (q === Q.Input) return 'input';
  if (q === Q.Simple) return 'simple';
  return 'series';
}

/** Whether the type (or any part of it) is unknown: such values are never reported. */
export function hasUnknown(t: PineType): boolean {
  switch (t.k) {
    case 'unknown':
      return true;
    case 'array':
    case 'matrix':
      return hasUnknown(t.elem);
    case 'map':
      return hasUnknown(t.key) || hasUnknown(t.value);
    case 'tuple':
      return t.elems.some((e) => hasUnknown(e.type));
    default:
      return false;
  }
}

export function typeToString(t: PineType): string {
  switch (t.k) {
    case 'object':
    case 'udt':
    case 'enum':
    case 'constset':
      return t.name;
    case 'array':
    case 'matrix':
      return `${t.k}<${typeToString(t.elem)}>`;
    case 'map':
      return `map<${typeToString(t.key)}, ${typeToString(t.value)}>`;
    case 'tuple':
      return `[${t.elems.map(qtypeToString).join(', ')}]`;
    default:
      return t.k;
  }
}

/** TradingView's spelling: "series int", "const string", "array<float>" (collections and objects carry no qualifier). */
export function qtypeToString(t: QType): string {
  const k = t.type.k;
  if (k === 'array' || k === 'matrix' || k === 'map' || k === 'udt' || k === 'tuple' || k === 'void' || k === 'plot' || k === 'hline')
    return typeToString(t.type);
  return `${qualName(t.q)} ${typeToString(t.type)}`;
}

export function sameType(a: PineType, b: PineType): boolean {
  if (a.k !== b.k) return false;
  switch (a.k) {
    case 'object':
    case 'udt':
    case 'enum':
    case 'constset':
      return a.name === (b as typeof a).name;
    case 'array':
    case 'matrix':
      return sameType(a.elem, (b as typeof a).elem);
    case 'map':
      return sameType(a.key, (b as typeof a).key) && sameType(a.value, (b as typeof a).value);
    case 'tuple': {
      const be = (b as typeof a).elems;
      return a.elems.length === be.length && a.elems.every((e, i) => sameType(e.type, be[i]!.type));
    }
    default:
      return true;
  }
}

/** Types whose na is `NaN` at runtime and which accept the bare `na` literal in every version. */
export function isNumeric(t: PineType): boolean {
  return t.k === 'int' || t.k === 'float';
}

/**
 * Whether a value of type `from` may be used where `to` is expected (qualifiers aside).
 * int → float promotes; `na` fits anything; unknown fits anything; v5 also converts numbers to bool.
 */
export function assignable(from: PineType, to: PineType, version: number): boolean {
  if (from.k === 'unknown' || to.k === 'unknown' || from.k === 'na') return true;
  if (to.k === 'float' && from.k === 'int') return true;
  if (to.k === 'bool' && version < 6 && (from.k === 'int' || from.k === 'float')) return true;
  // Constant-set pseudo-types are strings/ints under the hood in TradingView's implementation; we only
  // require the same set when both sides are constant sets.
  // Sets overlap (plot_simple_display ⊂ plot_display), so any set fits any set-typed parameter.
  if (to.k === 'constset') return from.k === 'constset' || from.k === 'string' || from.k === 'int';
  if (from.k === 'constset') return to.k === 'string' || to.k === 'int' || to.k === 'float';
  if (from.k !== to.k) return false;
  switch (to.k) {
    case 'array':
    case 'matrix': {
      const fe = (from as typeof to).elem;
      // int[] where float[] is expected: published scripts rely on it compiling, so accept.
      return fe.k === 'unknown' || to.elem.k === 'unknown' || sameType(fe, to.elem) || (fe.k === 'int' && to.elem.k === 'float');
    }
    case 'map': {
      const f = from as typeof to;
      return (
        (f.key.k === 'unknown' || to.key.k === 'unknown' || sameType(f.key, to.key)) &&
        (f.value.k === 'unknown' || to.value.k === 'unknown' || sameType(f.value, to.value))
      );
    }
    case 'udt': {
      // Library types may be written `lib.T` or `T`; compare the last segment.
      const a = (from as typeof to).name;
      return a === to.name || a.split('.').pop() === to.name.split('.').pop();
    }
    case 'tuple':
      return true;
    default:
      return sameType(from, to);
  }
}

/**
 * The common type of two branches (ternary, if/switch expressions, reassignments).
 * `na` yields to the other side; int widens to float; anything else must match or becomes unknown.
 */
export function joinTypes(a: PineType, b: PineType): PineType {
  if (a.k === 'na') return b;
  if (b.k === 'na') return a;
  if (a.k === 'unknown' || b.k === 'unknown') return T.unknown;
  if (isNumeric(a) && isNumeric(b)) return a.k === 'float' || b.k === 'float' ? T.float : T.int;
  if (a.k === 'void' || b.k === 'void') return T.void;
  if (sameType(a, b)) return a;
  if ((a.k === 'array' || a.k === 'matrix') && a.k === b.k) return { k: a.k, elem: joinTypes(a.elem, (b as typeof a).elem) };
  if (a.k === 'map' && b.k === 'map') return { k: 'map', key: joinTypes(a.key, b.key), value: joinTypes(a.value, b.value) };
  if (a.k === 'constset' && b.k === 'constset') return a;
  return T.unknown;
}

export function joinQTypes(a: QType, b: QType): QType {
  return { type: joinTypes(a.type, b.type), q: maxQual(a.q, b.q) };
}

/** The value a history reference `x[n]` produces: same type, always series. */
export function historyOf(t: QType): QType {
  return { type: t.type, q: Q.Series };
}
