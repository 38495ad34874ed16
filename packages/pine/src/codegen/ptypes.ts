// The code generator's own light type inference (until the checker's per-node types are wired in):
// enough to pick history buffer kinds, na representations, v5 integer division, method dispatch on
// built-in types and overloads. Uses the checker's PineType shapes so switching over is mechanical.
import type { TypeRef } from '../parser/ast.js';
import { OBJECT_NAMES, T, type ObjectName, type PineType } from '../checker/types.js';

export { T, type PineType };

const SIMPLE: Record<string, PineType> = {
  int: T.int,
  float: T.float,
  bool: T.bool,
  color: T.color,
  string: T.string,
  void: T.void,
  plot: T.plot,
  hline: T.hline,
};

/** Parses a catalog type string ("series int/float", "array<float>", "[series float, series float]"). */
export function parseCatalogType(text: string): PineType {
  let s = text.trim();
  if (s.startsWith('[') && s.endsWith(']')) {
    const parts = splitTop(s.slice(1, -1));
    return { k: 'tuple', elems: parts.map((p) => ({ type: parseCatalogType(p), q: 3 })) };
  }
  s = s.replace(/^(const|input|simple|series)\s+/, '');
  if (s.includes('/')) return s.split('/').includes('float') ? T.float : (SIMPLE[s.split('/')[0]!] ?? T.unknown);
  const gen = /^(array|matrix|map)<(.*)>$/.exec(s);
  if (gen) {
    const args = splitTop(gen[2]!);
    if (gen[1] === 'map') return { k: 'map', key: parseCatalogType(args[0] ?? ''), value: parseCatalogType(args[1] ?? '') };
    return { k: gen[1] as 'array' | 'matrix', elem: parseCatalogType(args[0] ?? '') };
  }
  if (SIMPLE[s]) return SIMPLE[s]!;
  if (OBJECT_NAMES.has(s)) return { k: 'object', name: s as ObjectName };
  return T.unknown;
}

function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of s) {
    if (c === '<' || c === '[') depth++;
    if (c === '>' || c === ']') depth--;
    if (c === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** A written type. `udts`/`enums` are the user-declared names in scope. */
export function typeFromRef(ref: TypeRef, udts: ReadonlySet<string>, enums: ReadonlySet<string>): PineType {
  const name = ref.name;
  if (name === 'array' || name === 'matrix') return { k: name, elem: ref.typeArgs[0] ? typeFromRef(ref.typeArgs[0], udts, enums) : T.unknown };
  if (name === 'map') {
    return {
      k: 'map',
      key: ref.typeArgs[0] ? typeFromRef(ref.typeArgs[0], udts, enums) : T.unknown,
      value: ref.typeArgs[1] ? typeFromRef(ref.typeArgs[1], udts, enums) : T.unknown,
    };
  }
  if (SIMPLE[name]) return SIMPLE[name]!;
  if (OBJECT_NAMES.has(name)) return { k: 'object', name: name as ObjectName };
  if (enums.has(name)) return { k: 'enum', name };
  if (udts.has(name)) return { k: 'udt', name };
  return T.unknown;
}

/** Pine spelling of an element type, as passed to generic built-ins (`array.new<float>` → "float"). */
export function typeName(t: PineType): string {
  switch (t.k) {
    case 'array':
    case 'matrix':
      return `${t.k}<${typeName(t.elem)}>`;
    case 'map':
      return `map<${typeName(t.key)}, ${typeName(t.value)}>`;
    case 'object':
    case 'udt':
    case 'enum':
    case 'constset':
      return t.name;
    case 'tuple':
      return 'tuple';
    default:
      return t.k;
  }
}

export function isNumericType(t: PineType): boolean {
  return t.k === 'int' || t.k === 'float' || t.k === 'color';
}

/** The JS value of `na` for a type: NaN for numbers/colours and unknown, false for bool, null otherwise. */
export function naLiteral(t: PineType): string {
  if (t.k === 'bool') return 'false';
  if (isNumericType(t) || t.k === 'unknown' || t.k === 'na') return 'NaN';
  return 'null';
}

/** Join of two branch types (if/ternary/switch): int+float → float, na takes the other side. */
export function join(a: PineType, b: PineType): PineType {
  if (a.k === 'na' || a.k === 'unknown') return b.k === 'na' ? T.unknown : b;
  if (b.k === 'na' || b.k === 'unknown') return a;
  if ((a.k === 'int' && b.k === 'float') || (a.k === 'float' && b.k === 'int')) return T.float;
  return a;
}

/** Namespace of built-in methods for a receiver type (`arr.push` → "array"). */
export function methodNamespace(t: PineType): string | null {
  switch (t.k) {
    case 'array':
    case 'matrix':
    case 'map':
      return t.k;
    case 'string':
      return 'str';
    case 'object':
      return t.name;
    case 'color':
      return 'color';
    default:
      return null;
  }
}
