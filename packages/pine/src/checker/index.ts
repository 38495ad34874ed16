// The checker: scopes, name resolution, types and qualifiers of a parsed Pine v5/v6 script.
//
//   const { ast } = parse(source);
//   const { diagnostics, info } = check(ast, { source });
//
// API for the code generator (`info: CheckInfo`, see info.ts; all maps keyed by AST node `id`):
//
// - `info.version`: 5 or 6. v5 differences the generator must apply: implicit number → bool casts in
//   conditions/`and`/`or`/`not`, `when=` on strategy.* calls (the checker accepts and ignores it; the
//   argument is NOT in `calls` args), int/int division typed int (truncation applies to const operands).
//   In v6, int/int is typed float.
// - `info.types.get(id)`: `QType` = { type: PineType, q: Qual } of every expression node visited
//   (also VarDeclaration/TupleDeclaration name Identifiers, loop counters, parameters, and Blocks — a
//   block's type is its last statement's). `type.k` is 'int' | 'float' | 'bool' | 'color' | 'string' |
//   'object' (name: line, label, box, table, linefill, polyline, chart.point, footprint, volume_row) |
//   'array' | 'matrix' (elem) | 'map' (key, value) | 'udt' (name) | 'enum' (name) | 'constset' |
//   'tuple' (elems) | 'plot' | 'hline' | 'void' | 'na' | 'unknown'. Expressions inside user functions
//   carry the types of the widest instantiation (int and float calls → float; conflicting → unknown).
// - `info.calls.get(callId)`: a `CallTarget`:
//     { kind: 'builtin', name: 'ta.sma', overload: k, args, method }  — registry key '<name>#<k>' then
//        '<name>'; `args[i]` = argument Expression for catalog parameter i (undefined = omitted, use
//        the default); variadic args fill positions from the variadic parameter on. Method syntax
//        `a.push(x)` resolves to name 'array.push' with args [a, x] and method: true. Generic calls
//        (`array.new<float>`) keep the catalog name 'array.new<type>' and carry `typeArgs`.
//     { kind: 'builtin-dynamic', method, candidates, args } — method call on a receiver of unknown type
//        (e.g. an untyped parameter used with several element kinds); pick by runtime value.
//     { kind: 'user-function' | 'user-method', decl, args } — args follow `decl.params` (receiver first
//        for methods); undefined = use the parameter's default.
//     { kind: 'udt-new', decl, args } — args follow `decl.fields`; undefined = field default / na.
//     { kind: 'udt-copy', decl, args: [object] }
//     { kind: 'library', import, member, args } — `L.fn(…)` through an import; no signature known.
//     { kind: 'library-method', method, args } — `x.m(…)` that only an imported library can provide
//        (the script imports a library and no built-in/user method fits); args[0] is the receiver.
//     { kind: 'unresolved', args } — an error was reported or nothing is known.
// - `info.refs.get(id)` for Identifier/MemberExpression nodes: a `Ref` — 'variable' (decl, global or
//   local), 'parameter', 'builtin-variable' / 'builtin-constant' (catalog name, e.g. 'syminfo.mintick'),
//   'type', 'enum', 'enum-member', 'field' (UDT field), 'builtin-field' (chart.point index/time/price),
//   'function', 'library', 'namespace'. Assignment targets (`x := …`) are recorded too.
// - `info.udts`, `info.enums`, `info.functions`, `info.imports`: global declarations by name.
// - Qualifiers: `Q.Const < Q.Input < Q.Simple < Q.Unknown < Q.Series`; `Q.Unknown` marks values whose
//   qualifier is not tracked (function parameters, reassigned or `var` variables) and prints as "series".
// - `check()` never throws: an internal failure becomes a warning with code 'internal'.
//
// Diagnostics are conservative: an error is only reported when the checker is certain (unknown types
// and qualifiers are accepted silently).
import type { Diagnostic } from '../diagnostics/index.js';
import { computeLineStarts } from '../diagnostics/index.js';
import type { Script } from '../parser/ast.js';
import { CheckContext, type CheckOptions } from './context.js';
import { collectGlobals } from './declarations.js';
import { checkFunctionBody } from './functions.js';
import type { CheckInfo } from './info.js';
import { Scope } from './scope.js';
import { checkStatements } from './statements.js';
import { Q, UNKNOWN, type QType } from './types.js';
import { resolveTypeRef } from './declarations.js';

export type { CheckOptions } from './context.js';
export type { CallTarget, CheckInfo, Ref } from './info.js';
export type { PineType, QType, Qual } from './types.js';
export { Q, qtypeToString, typeToString } from './types.js';

export interface CheckResult {
  readonly diagnostics: Diagnostic[];
  readonly info: CheckInfo;
}

export function check(ast: Script, options: CheckOptions = {}): CheckResult {
  // No annotation: the parser warns and parses as v6; we check as v6 too.
  const version = options.version ?? ast.version ?? 6;
  const lineStarts = ast.lineStarts ?? (options.source ? computeLineStarts(options.source) : [0]);
  // The Script node is created last, so its id bounds every node id.
  const cx = new CheckContext(version, lineStarts, options.source, ast.id + 1);
  // The parser reports unsupported versions; there is nothing meaningful to check then.
  if (version < 5 || version > 6) return { diagnostics: cx.diagnostics, info: infoOf(cx) };
  try {
    checkScript(cx, ast);
  } catch (err) {
    // A checker bug must never block a script: report it as a warning and keep what was learned.
    cx.warning(ast.span, `Internal checker error: ${err instanceof Error ? err.message : String(err)}`, 'internal');
  }
  cx.diagnostics.sort((a, b) => a.span.start - b.span.start);
  return { diagnostics: cx.diagnostics, info: infoOf(cx) };
}

function checkScript(cx: CheckContext, ast: Script): void {
  collectGlobals(cx, ast);
  const global = new Scope(null, 'global');
  checkStatements(cx, global, ast.body);
  // Functions never called (library exports, dead code) are still checked, with declared types.
  for (const list of [...cx.functions.values(), ...cx.methods.values()]) {
    for (const fn of list) {
      if (cx.instances.has(fn.id)) continue;
      const params: QType[] = fn.params.map((p) => (p.type ? { type: resolveTypeRef(cx, p.type), q: Q.Unknown } : UNKNOWN));
      checkFunctionBody(cx, global, fn, params);
    }
  }
}

function infoOf(cx: CheckContext): CheckInfo {
  return {
    version: cx.version,
    types: cx.types,
    calls: cx.calls,
    refs: cx.refs,
    udts: cx.udts,
    enums: cx.enums,
    functions: cx.functions,
    imports: cx.imports,
  };
}
