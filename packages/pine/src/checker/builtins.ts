// Lookups over the generated built-in tables, with the catalog's type strings parsed once.
import { parseConcrete } from './catalog-types.js';
import type { BuiltinFunction } from './builtin-types.js';
import { BUILTIN_CONSTANTS, BUILTIN_FUNCTIONS, BUILTIN_TYPES, BUILTIN_VARIABLES } from './builtins.generated.js';
import { OBJECT_NAMES, Q, T, type ObjectName, type PineType, type QType } from './types.js';

export { BUILTIN_CONSTANTS, BUILTIN_FUNCTIONS, BUILTIN_TYPES, BUILTIN_VARIABLES };

/** Generic built-ins are catalogued as `array.new<type>`; calls are written `array.new<float>(…)`. */
const GENERIC_ALIASES: Record<string, string> = {
  'array.new': 'array.new<type>',
  'matrix.new': 'matrix.new<type>',
  'map.new': 'map.new<type,type>',
};

/** Hash maps: name lookups happen several times per call, faster than a 475-key object literal. */
const FUNCTIONS = new Map<string, BuiltinFunction>(Object.entries(BUILTIN_FUNCTIONS));
for (const [alias, name] of Object.entries(GENERIC_ALIASES)) FUNCTIONS.set(alias, BUILTIN_FUNCTIONS[name]!);
const VALUE_KIND = new Map<string, 'variable' | 'constant'>([
  ...Object.keys(BUILTIN_CONSTANTS).map((k) => [k, 'constant'] as const),
  ...Object.keys(BUILTIN_VARIABLES).map((k) => [k, 'variable'] as const),
]);

export function builtinFunction(name: string): BuiltinFunction | undefined {
  return FUNCTIONS.get(name);
}

const valueCache = new Map<string, QType | null>();

/** Type of a built-in variable or constant (`close`, `syminfo.mintick`, `color.red`), or null. */
export function builtinValueType(name: string): QType | null {
  let hit = valueCache.get(name);
  if (hit !== undefined) return hit;
  const kind = VALUE_KIND.get(name);
  const v = kind === 'variable' ? BUILTIN_VARIABLES[name] : kind === 'constant' ? BUILTIN_CONSTANTS[name] : undefined;
  hit = v ? parseConcrete(v.type) : null;
  // `na` as a variable is the typeless na literal.
  if (name === 'na') hit = { type: T.na, q: Q.Const };
  valueCache.set(name, hit);
  return hit;
}

export function isBuiltinValue(name: string): 'variable' | 'constant' | null {
  return VALUE_KIND.get(name) ?? null;
}

/** Every first segment of a dotted built-in name: `ta`, `math`, `strategy`, `chart`, … */
export const BUILTIN_NAMESPACES: ReadonlySet<string> = (() => {
  const s = new Set<string>();
  for (const table of [BUILTIN_FUNCTIONS, BUILTIN_VARIABLES, BUILTIN_CONSTANTS]) {
    for (const name of Object.keys(table)) {
      const parts = name.split('.');
      for (let i = 1; i < parts.length; i++) s.add(parts.slice(0, i).join('.'));
    }
  }
  return s;
})();

export function baseTypeByName(name: string): PineType | null {
  switch (name) {
    case 'int':
    case 'float':
    case 'bool':
    case 'color':
    case 'string':
      return { k: name };
  }
  if (OBJECT_NAMES.has(name)) return { k: 'object', name: name as ObjectName };
  return null;
}

/** The namespace whose functions act as methods on a receiver type (`array` for arrays, `line` for lines). */
export function methodNamespace(t: PineType): string | null {
  switch (t.k) {
    case 'array':
    case 'matrix':
    case 'map':
      return t.k;
    case 'object':
      return t.name;
    case 'int':
    case 'float':
    case 'bool':
    case 'string':
    case 'color':
      return null;
    default:
      return null;
  }
}

/** Built-in methods named `method` across all namespaces (for receivers of unknown type). */
const methodIndex = (() => {
  const idx = new Map<string, string[]>();
  for (const f of Object.values(BUILTIN_FUNCTIONS)) {
    if (!f.method) continue;
    const short = f.name.slice(f.namespace.length + 1);
    const list = idx.get(short) ?? [];
    list.push(f.name);
    idx.set(short, list);
  }
  return idx;
})();

export function builtinMethodCandidates(method: string): readonly string[] {
  return methodIndex.get(method) ?? [];
}

export { BUILTIN_TYPES as TYPES };
