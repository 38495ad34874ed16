// Script instances for request.security context runs that execute only the top-level statements the
// requested slots depend on (codegen/security-slice.ts computes which). The reduced program is the
// generated code minus the other statements, compiled once per statement set.
import * as helpers from './helpers.js';
import type { CompiledProgram, RuntimeEnv, ScriptFactory, ScriptInstance } from './program.js';

/** What the code generator records about a program's request.security call sites. */
export interface SecurityProgram {
  /** Per slot: sorted indices of the top-level statements its context runs execute; null = all. */
  slices: (number[] | null)[];
  /** Per slot, a group number shared by the slots whose fixed symbol/timeframe arguments are written
   *  alike (they name the same context in any one instance); -1 for dynamic arguments. */
  groups: number[];
  /** The generated code with each top-level statement k between the lines `/*@K<k>{@*\/` and `/*@K<k>}@*\/`. */
  markedCode: string;
}

/** One marker line. */
export const MARKER = /^\/\*@K\d+[{}]@\*\/$\n?/gm;
/** One marked statement; group 1 is its index. */
const MARKED_STATEMENT = /^\/\*@K(\d+)\{@\*\/\n[\s\S]*?^\/\*@K\1\}@\*\/$\n?/gm;

/** The helpers as a plain object: generated code reads `$rt.x` on every bar, and a module namespace
 *  (under the test and dev loaders, a chain of getters) costs more per read than a data property. */
const rt: typeof helpers = { ...helpers };

const cache = new WeakMap<CompiledProgram, Map<string, ScriptFactory>>();

/** The statements slots `slots` need, or null when one of them needs the whole script. */
export function sliceOf(program: CompiledProgram, slots: Iterable<number>): number[] | null {
  const sec = program.security;
  if (!sec) return null;
  const live = new Set<number>();
  for (const slot of slots) {
    const s = sec.slices[slot];
    if (!s) return null;
    for (const k of s) live.add(k);
  }
  return [...live].sort((a, b) => a - b);
}

/** The slots a context run started for `slot` serves: its group (see SecurityProgram.groups). */
export function slotsServedWith(program: CompiledProgram, slot: number): number[] {
  const groups = program.security?.groups;
  const g = groups?.[slot] ?? -1;
  if (g < 0) return [slot];
  const out: number[] = [];
  groups!.forEach((x, s) => x === g && out.push(s));
  return out;
}

/** A factory running only `statements` (from sliceOf) of the program. */
export function slicedFactory(program: CompiledProgram, statements: readonly number[]): ScriptFactory {
  let byKey = cache.get(program);
  if (!byKey) cache.set(program, (byKey = new Map()));
  const key = statements.join(',');
  let factory = byKey.get(key);
  if (!factory) {
    const live = new Set(statements);
    const code = program.security!.markedCode.replace(MARKED_STATEMENT, (text, k: string) => (live.has(Number(k)) ? text : ''));
    // The same generated text as the full program (mangled identifiers, escaped literals), minus statements.
    const body = new Function('env', '$rt', code) as (env: RuntimeEnv, rt: typeof helpers) => ScriptInstance;
    factory = (env) => body(env, rt);
    byKey.set(key, factory);
  }
  return factory;
}
