// Calls: deciding what a callee names (built-in, user function, method, UDT constructor, library
// member) and typing the result. Built-in overload matching lives in resolve-call.ts; user function
// bodies are checked per argument types in functions.ts.
import type { Call, Expression, MemberExpression } from '../parser/ast.js';
import { builtinFunction, builtinMethodCandidates, BUILTIN_NAMESPACES, builtinValueType, methodNamespace } from './builtins.js';
import type { BuiltinFunction } from './builtin-types.js';
import type { CheckContext } from './context.js';
import { resolveTypeRef } from './declarations.js';
import { checkExpr, dottedName } from './expressions.js';
import { callUserFunction, callUserMethod, findUserMethod, findUserMethodLoosely } from './functions.js';
import type { CallTarget } from './info.js';
import { msg } from './messages.js';
import { resolveBuiltin, type ArgInfo, type Failure } from './resolve-call.js';
import type { Scope } from './scope.js';
import { specialResult } from './special-calls.js';
import { Q, UNKNOWN, hasUnknown, qtypeToString, type PineType, type QType } from './types.js';

const NO_TYPES: PineType[] = [];
/** Built-ins TradingView only accepts at the top level of the script (not in if/for/functions). */
const GLOBAL_ONLY = new Set(['plot', 'plotshape', 'plotchar', 'plotarrow', 'plotcandle', 'plotbar', 'hline', 'fill', 'bgcolor', 'barcolor', 'indicator', 'strategy', 'library', 'alertcondition']);

export function checkCall(cx: CheckContext, scope: Scope, call: Call): QType {
  const args: ArgInfo[] = call.args.map((a) => ({
    node: a.value,
    name: a.name ? a.name.name : null,
    nameNode: a.name ?? undefined,
    type: checkExpr(cx, scope, a.value),
  }));
  const typeArgs = call.typeArgs.length === 0 ? NO_TYPES : call.typeArgs.map((t) => resolveTypeRef(cx, t));
  const callee = call.callee;
  const written = args.map((a) => a.node);

  if (callee.kind === 'Identifier') {
    const name = callee.name;
    // User functions shadow built-ins; a `method` may also be called as a plain function.
    const user = cx.functions.get(name) ?? cx.methods.get(name);
    if (user) {
      cx.refs.set(callee.id, { kind: 'function', decl: user[0]! });
      return callUserFunction(cx, scope, call, user, args);
    }
    const fn = builtinFunction(name);
    if (fn) {
      if (GLOBAL_ONLY.has(name) && (cx.functionDepth > 0 || !scope.isGlobal)) cx.error(callee, msg.localScope(name), 'local-scope');
      return callBuiltin(cx, call, name, fn, args, typeArgs, false);
    }
    cx.calls.set(call.id, { kind: 'unresolved', args: written });
    cx.error(callee, msg.unknownFunction(name), 'unknown-function');
    return UNKNOWN;
  }

  if (callee.kind === 'MemberExpression') {
    const path = dottedName(callee);
    const head = path?.split('.')[0];
    if (path !== null && head !== undefined && (!scope.lookup(head) || cx.imports.has(head) || shadowsNamespace(cx, scope, head, path))) {
      const r = callByPath(cx, call, callee, path, head, args, typeArgs);
      if (r) return r;
    }
    const receiver = checkExpr(cx, scope, callee.object);
    return callMethod(cx, scope, call, callee, receiver, args, typeArgs);
  }

  checkExpr(cx, scope, callee);
  cx.calls.set(call.id, { kind: 'unresolved', args: written });
  return UNKNOWN;
}

/**
 * A variable may be named like a built-in namespace (`color`, `timeframe`, `str`): `color.new(color, 50)`
 * still calls the built-in unless the variable's own type has such a method.
 */
function shadowsNamespace(cx: CheckContext, scope: Scope, head: string, path: string): boolean {
  if (!builtinFunction(path)) return false;
  const b = scope.lookup(head)!;
  const method = path.slice(path.lastIndexOf('.') + 1);
  if (path.split('.').length !== 2) return true;
  if (cx.methods.has(method)) return false;
  const ns = methodNamespace(b.type.type);
  return !(ns && builtinFunction(`${ns}.${method}`)?.method);
}

/** `ns.fn(…)`, `Type.new(…)`, `lib.fn(…)`; null when the path is really a value followed by a method. */
function callByPath(
  cx: CheckContext,
  call: Call,
  callee: MemberExpression,
  path: string,
  head: string,
  args: ArgInfo[],
  typeArgs: PineType[],
): QType | null {
  const written = args.map((a) => a.node);
  const method = callee.property.name;
  const ownerPath = path.slice(0, path.length - method.length - 1);
  const udt = cx.udts.get(ownerPath);
  if (udt && (method === 'new' || method === 'copy')) {
    if (callee.object.kind === 'Identifier') cx.refs.set(callee.object.id, { kind: 'type', decl: udt });
    if (method === 'copy') {
      cx.calls.set(call.id, { kind: 'udt-copy', decl: udt, args: written.slice(0, 1) });
      return { type: { k: 'udt', name: udt.name.name }, q: Q.Series };
    }
    return constructUdt(cx, call, udt.name.name, args);
  }
  const fn = builtinFunction(path);
  if (fn && !cx.udts.has(head) && !cx.enums.has(head)) return callBuiltin(cx, call, path, fn, args, typeArgs, false);
  const imp = cx.imports.get(head);
  if (imp) {
    cx.refs.set(callee.id, { kind: 'library', import: imp, member: path.slice(head.length + 1) });
    cx.calls.set(call.id, { kind: 'library', import: imp, member: path.slice(head.length + 1), args: written });
    return UNKNOWN;
  }
  // A value path (`close.foo()`, `Enum.member.foo()`) → method call on that value.
  if (builtinValueType(ownerPath) || cx.enums.has(head) || cx.udts.has(head)) return null;
  if (BUILTIN_NAMESPACES.has(head) || cx.functions.has(head)) {
    cx.calls.set(call.id, { kind: 'unresolved', args: written });
    cx.error(callee, msg.unknownFunction(path), 'unknown-function');
    return UNKNOWN;
  }
  // Unknown head identifier: report it once as undeclared.
  cx.calls.set(call.id, { kind: 'unresolved', args: written });
  cx.error(callee, msg.unknownFunction(path), 'unknown-function');
  return UNKNOWN;
}

function constructUdt(cx: CheckContext, call: Call, name: string, args: ArgInfo[]): QType {
  const decl = cx.udts.get(name)!;
  const bound: (Expression | undefined)[] = new Array(decl.fields.length).fill(undefined);
  let pos = 0;
  for (const a of args) {
    let i: number;
    if (a.name !== null) {
      i = decl.fields.findIndex((f) => f.name.name === a.name);
      if (i < 0) {
        cx.error(a.nameNode ?? a.node, msg.unknownNamedArg(`${name}.new`, a.name), 'unknown-argument');
        continue;
      }
    } else i = pos++;
    if (i >= decl.fields.length) {
      cx.error(a.node, msg.tooManyArgs(`${name}.new`, decl.fields.length, args.length), 'too-many-arguments');
      break;
    }
    bound[i] = a.node;
  }
  cx.calls.set(call.id, { kind: 'udt-new', decl, args: bound });
  return { type: { k: 'udt', name }, q: Q.Series };
}

function callMethod(
  cx: CheckContext,
  scope: Scope,
  call: Call,
  callee: MemberExpression,
  receiver: QType,
  args: ArgInfo[],
  typeArgs: PineType[],
): QType {
  const name = callee.property.name;
  const recvArg: ArgInfo = { node: callee.object, name: null, type: receiver };
  const all = [recvArg, ...args];
  const written = all.map((a) => a.node);
  const t = receiver.type;
  if (name === 'copy' && t.k === 'udt') {
    cx.calls.set(call.id, { kind: 'udt-copy', decl: cx.udts.get(t.name) ?? null, args: [callee.object] });
    return { type: t, q: Q.Series };
  }
  const user = findUserMethod(cx, name, t);
  if (user) return callUserMethod(cx, scope, call, user, all);
  const ns = methodNamespace(t);
  if (ns) {
    const fn = builtinFunction(`${ns}.${name}`);
    if (fn?.method) return callBuiltin(cx, call, fn.name, fn, all, typeArgs, true);
  }
  const loose = findUserMethodLoosely(cx, name, t);
  if (loose) return callUserMethod(cx, scope, call, loose, all, true);
  if (t.k === 'unknown' || t.k === 'udt' && !cx.udts.has(t.name)) {
    const candidates = builtinMethodCandidates(name);
    if (candidates.length === 1) {
      const fn = builtinFunction(candidates[0]!)!;
      return callBuiltin(cx, call, fn.name, fn, all, typeArgs, true, true);
    }
    cx.calls.set(call.id, candidates.length > 1 ? { kind: 'builtin-dynamic', method: name, candidates, args: written } : { kind: 'unresolved', args: written });
    return UNKNOWN;
  }
  if (t.k === 'na' || t.k === 'tuple') {
    cx.calls.set(call.id, { kind: 'unresolved', args: written });
    return UNKNOWN;
  }
  // Imported libraries may declare methods on any type; their sources are not available.
  if (cx.imports.size > 0) {
    cx.calls.set(call.id, { kind: 'library-method', method: name, args: written });
    return UNKNOWN;
  }
  cx.calls.set(call.id, { kind: 'unresolved', args: written });
  cx.error(callee.property, msg.unknownMethod(name, qtypeToString(receiver)), 'unknown-method');
  return UNKNOWN;
}

/** Functions whose catalog signatures are narrower than what TradingView accepts (na of any object, nz of bool in v5). */
const LENIENT: ReadonlySet<string> = new Set(['na', 'nz', 'fixnan']);

/** v5 strategy.* functions still accepted the deprecated `when` argument. */
function dropV5When(cx: CheckContext, name: string, args: ArgInfo[]): ArgInfo[] {
  if (cx.version >= 6 || !name.startsWith('strategy.')) return args;
  return args.filter((a) => a.name !== 'when');
}

export function callBuiltin(
  cx: CheckContext,
  call: Call,
  name: string,
  fn: BuiltinFunction,
  rawArgs: ArgInfo[],
  typeArgs: PineType[],
  method: boolean,
  /** The receiver's type was unknown: resolution is a best guess, never an error. */
  guessed = false,
): QType {
  const args = dropV5When(cx, name, rawArgs);
  const res = resolveBuiltin(fn, args, typeArgs, cx.version);
  if (!res.match) {
    cx.calls.set(call.id, { kind: 'unresolved', args: rawArgs.map((a) => a.node) });
    if (!guessed && !LENIENT.has(fn.name)) reportFailure(cx, call, fn, res.failures);
    return special(cx, fn, args) ?? UNKNOWN;
  }
  const m = res.match;
  const target: CallTarget = {
    kind: 'builtin',
    name: fn.name,
    overload: m.overload,
    args: m.args.map((a) => a?.node),
    method,
    ...(fn.generic ? { typeArgs: typeArgs.map((t) => ({ type: t, q: Q.Series })) } : {}),
  };
  cx.calls.set(call.id, target);
  return special(cx, fn, args, m.result) ?? m.result;
}

function special(cx: CheckContext, fn: BuiltinFunction, args: ArgInfo[], result?: QType): QType | null {
  return specialResult(cx, fn.name, args, result);
}

/** Reports why no overload matched, only when every overload agrees on the culprit. */
function reportFailure(cx: CheckContext, call: Call, fn: BuiltinFunction, failures: readonly Failure[]): void {
  if (failures.length === 0) return;
  const name = fn.name.replace(/<type(,type)?>$/, '');
  // Prefer a qualifier failure (types fit, qualifier too strong): that is TradingView's usual complaint.
  const qual = failures.find((f) => f.kind === 'qualifier');
  const first = qual ?? failures[0]!;
  if (!qual && failures.length > 1) {
    // Several overloads failing for different reasons: only report arity/name problems common to all.
    const allSame = failures.every((f) => f.kind === first.kind && ('param' in f ? 'param' in first && f.param === first.param : true));
    if (!allSame) return;
  }
  switch (first.kind) {
    case 'too-many':
      cx.error(call, msg.tooManyArgs(name, first.max, first.given), 'too-many-arguments');
      return;
    case 'unknown-name':
      cx.error(first.arg.nameNode ?? first.arg.node, msg.unknownNamedArg(name, first.name), 'unknown-argument');
      return;
    case 'duplicate':
      cx.error(first.arg.nameNode ?? first.arg.node, msg.duplicateArg(name, first.name), 'duplicate-argument');
      return;
    case 'missing':
      cx.error(call, msg.missingArg(name, first.param), 'missing-argument');
      return;
    case 'type':
    case 'qualifier': {
      if (hasUnknown(first.arg.type.type)) return;
      const got = qtypeToString(first.arg.type);
      let expected = first.expected;
      if (first.kind === 'qualifier') {
        // Name the expected qualifier with one base type: "simple int", or "input float" for int/float.
        const [q, ...rest] = expected.split(' ');
        const alts = rest.join(' ').split('/');
        const argBase = first.arg.type.type.k;
        expected = `${q} ${alts.includes(argBase) && alts.length === 1 ? argBase : alts[alts.length - 1]}`;
      }
      cx.error(first.arg.node, msg.badArgument(name, first.param, cx.text(first.arg.node), got, expected), first.kind === 'qualifier' ? 'qualifier' : 'argument-type');
      return;
    }
  }
}

