// Built-in call resolution: which catalog overload a call selects, the argument order that overload
// implies (named arguments placed by parameter name), and which registry entry implements it.
import type { BuiltinFunction, BuiltinOverload } from '../checker/builtin-types.js';
import type { Argument } from '../parser/ast.js';
import { parseCatalogType, type PineType } from './ptypes.js';

/** A stateless implementation; with needsContext the RuntimeContext comes first. */
export interface FunctionEntry {
  impl: (...args: any[]) => any;
  needsContext?: boolean;
}
/** A stateful implementation: one instance per written call site. */
export interface StatefulEntry {
  create(): { update(bar: number, ctx: any, ...args: any[]): any };
}
export interface VariableEntry {
  get?(ctx: any): unknown;
  create?(): { update(bar: number, ctx: any): unknown };
}

/** Everything the generator can call. Keys are Pine names, optionally `name#k` (k = overload index). */
export interface Registries {
  functions: Readonly<Record<string, FunctionEntry | StatefulEntry>>;
  variables: Readonly<Record<string, VariableEntry>>;
  constants: Readonly<Record<string, unknown>>;
}

export function isStateful(e: FunctionEntry | StatefulEntry): e is StatefulEntry {
  return typeof (e as StatefulEntry).create === 'function';
}

export interface ResolvedOverload {
  index: number;
  overload: BuiltinOverload;
  /** For each parameter position, the index into `args` (or -1 when omitted). Variadic: all remaining. */
  order: number[];
  /** Indexes of positional args passed to a variadic trailing parameter. */
  variadic: number[];
}

function accepts(paramType: string, arg: PineType | undefined): number {
  if (!arg || arg.k === 'unknown' || arg.k === 'na') return 1;
  const p = parseCatalogType(paramType);
  if (p.k === 'unknown') return 1;
  if (p.k === arg.k) {
    if (p.k === 'object' && arg.k === 'object') return p.name === arg.name ? 2 : 0;
    return 2;
  }
  if (p.k === 'float' && arg.k === 'int') return 1;
  if (paramType.includes('int/float') && (arg.k === 'int' || arg.k === 'float')) return 2;
  if (paramType.includes('/bool') && arg.k === 'bool') return 2;
  // Union types written as text ("series int/float/bool/string/array<…>", "any array type").
  const kind = arg.k === 'object' ? arg.name : arg.k;
  if (paramType.includes(kind) || (paramType.includes('any') && paramType.includes(arg.k))) return 1;
  return 0;
}

/** Picks the overload a call uses: named args must exist, required params must be covered, and
 *  argument types (where known) must fit; ties go to the best type score, then catalog order. */
export function resolveOverload(fn: BuiltinFunction, args: readonly Argument[], argTypes: readonly (PineType | undefined)[]): ResolvedOverload | string {
  let best: ResolvedOverload | null = null;
  let bestScore = -1;
  fn.overloads.forEach((ov, index) => {
    const params = ov.params;
    const order = new Array<number>(params.length).fill(-1);
    const variadic: number[] = [];
    let pos = 0;
    let ok = true;
    args.forEach((a, ai) => {
      if (!ok) return;
      if (a.name) {
        const pi = params.findIndex((p) => p.name === a.name!.name);
        if (pi < 0 || order[pi] !== -1) ok = false;
        else order[pi] = ai;
      } else {
        if (pos < params.length && params[pos]!.variadic) {
          variadic.push(ai);
          return;
        }
        while (pos < params.length && order[pos] !== -1) pos++;
        if (pos >= params.length) {
          ok = false;
          return;
        }
        if (params[pos]!.variadic) variadic.push(ai);
        else order[pos] = ai;
        pos++;
      }
    });
    if (!ok) return;
    let score = 0;
    for (let pi = 0; pi < params.length; pi++) {
      const p = params[pi]!;
      if (p.variadic) {
        if (variadic.length === 0 && !p.optional) ok = false;
        for (const ai of variadic) {
          const s = accepts(p.type, argTypes[ai]);
          if (s === 0) ok = false;
          score += s;
        }
        continue;
      }
      if (order[pi] === -1) {
        if (!p.optional) ok = false;
        continue;
      }
      const s = accepts(p.type, argTypes[order[pi]!]);
      if (s === 0) ok = false;
      score += s;
    }
    if (!ok) return;
    // Prefer overloads that use exactly the given arguments (fewer omitted params).
    score -= order.filter((o) => o === -1).length * 0.01;
    if (score > bestScore) {
      bestScore = score;
      best = { index, overload: ov, order, variadic };
    }
  });
  if (best) return best;
  return `no overload of ${fn.name} accepts these arguments`;
}

/** Registry key lookup: `name#k` first, then `name`. */
export function lookupFunction(reg: Registries, name: string, overload: number): { key: string; entry: FunctionEntry | StatefulEntry } | null {
  const k1 = `${name}#${overload}`;
  if (reg.functions[k1]) return { key: k1, entry: reg.functions[k1]! };
  if (reg.functions[name]) return { key: name, entry: reg.functions[name]! };
  return null;
}
