// User functions and methods. Pine functions are templates: an untyped parameter takes whatever type
// the call passes. We check a body with the parameter types of its calls; when a later call passes
// different types, the parameter types are widened (int ∪ float = float, otherwise unknown) and the
// body is checked again, so the recorded node types hold for every call.
import type { Call, Expression, FunctionDeclaration } from '../parser/ast.js';
import type { CheckContext } from './context.js';
import { resolveTypeRef } from './declarations.js';
import { checkExpr } from './expressions.js';
import { msg } from './messages.js';
import type { ArgInfo } from './resolve-call.js';
import { Scope } from './scope.js';
import { checkBlock } from './statements.js';
import { Q, UNKNOWN, assignable, hasUnknown, joinTypes, qtypeToString, sameType, type PineType, type QType } from './types.js';

/** Declared type of a parameter, or null when untyped. */
function declaredParamType(cx: CheckContext, fn: FunctionDeclaration, i: number): PineType | null {
  const p = fn.params[i];
  return p?.type ? resolveTypeRef(cx, p.type) : null;
}

/** Binds written arguments to a user function's parameters; null + diagnostics when impossible. */
function bindUserArgs(cx: CheckContext, call: Call, fn: FunctionDeclaration, args: readonly ArgInfo[], report: boolean): (ArgInfo | undefined)[] | null {
  const bound: (ArgInfo | undefined)[] = new Array(fn.params.length).fill(undefined);
  let pos = 0;
  const name = fn.name.name;
  for (const a of args) {
    let i: number;
    if (a.name !== null) {
      i = fn.params.findIndex((p) => p.name.name === a.name);
      if (i < 0) {
        if (report) cx.error(a.nameNode ?? a.node, msg.unknownNamedArg(name, a.name), 'unknown-argument');
        return null;
      }
    } else {
      i = pos++;
      if (i >= fn.params.length) {
        if (report) cx.error(call, msg.tooManyArgs(name, fn.params.length, args.length), 'too-many-arguments');
        return null;
      }
    }
    bound[i] = a;
  }
  for (let i = 0; i < fn.params.length; i++) {
    const p = fn.params[i]!;
    if (!bound[i] && !p.defaultValue) {
      if (report) cx.error(call, msg.missingArg(name, p.name.name), 'missing-argument');
      return null;
    }
  }
  return bound;
}

/** Whether the arguments fit the declared parameter types (for choosing among user overloads). */
function fits(cx: CheckContext, fn: FunctionDeclaration, bound: readonly (ArgInfo | undefined)[]): boolean {
  return bound.every((a, i) => {
    const d = declaredParamType(cx, fn, i);
    return !a || !d || assignable(a.type.type, d, cx.version);
  });
}

function chooseOverload(cx: CheckContext, call: Call, decls: readonly FunctionDeclaration[], args: readonly ArgInfo[]) {
  for (const d of decls) {
    const b = bindUserArgs(cx, call, d, args, false);
    if (b && fits(cx, d, b)) return { decl: d, bound: b };
  }
  const d = decls[0]!;
  const b = bindUserArgs(cx, call, d, args, true);
  return b ? { decl: d, bound: b } : null;
}

export function callUserFunction(cx: CheckContext, scope: Scope, call: Call, decls: readonly FunctionDeclaration[], args: readonly ArgInfo[]): QType {
  const chosen = chooseOverload(cx, call, decls, args);
  if (!chosen) {
    cx.calls.set(call.id, { kind: 'unresolved', args: args.map((a) => a.node) });
    return UNKNOWN;
  }
  cx.calls.set(call.id, { kind: 'user-function', decl: chosen.decl, args: chosen.bound.map((a) => a?.node) });
  return instantiate(cx, scope, call, chosen.decl, chosen.bound);
}

/** User methods named `name` whose receiver (first parameter) type accepts `t`. */
export function findUserMethod(cx: CheckContext, name: string, t: PineType): FunctionDeclaration | null {
  const list = cx.methods.get(name);
  if (!list) return null;
  if (t.k === 'unknown') return list.length === 1 ? list[0]! : (list[0] ?? null);
  for (const m of list) {
    const d = declaredParamType(cx, m, 0);
    if (!d || d.k === 'unknown' || assignable(t, d, cx.version)) return m;
  }
  return null;
}

/**
 * Last resort after built-in methods: a user method for the same kind of receiver with another element
 * type (`int[]` passed to a `float[]` method). Accepted without a receiver type error.
 */
export function findUserMethodLoosely(cx: CheckContext, name: string, t: PineType): FunctionDeclaration | null {
  for (const m of cx.methods.get(name) ?? []) {
    const d = declaredParamType(cx, m, 0);
    if (d && d.k === t.k) return m;
  }
  return null;
}

export function callUserMethod(cx: CheckContext, scope: Scope, call: Call, decl: FunctionDeclaration, args: readonly ArgInfo[], looseReceiver = false): QType {
  const bound = bindUserArgs(cx, call, decl, args, true);
  if (!bound) {
    cx.calls.set(call.id, { kind: 'unresolved', args: args.map((a) => a.node) });
    return UNKNOWN;
  }
  cx.calls.set(call.id, { kind: 'user-method', decl, args: bound.map((a) => a?.node) });
  return instantiate(cx, scope, call, decl, bound, looseReceiver);
}

function instantiate(cx: CheckContext, scope: Scope, call: Call, decl: FunctionDeclaration, bound: readonly (ArgInfo | undefined)[], looseReceiver = false): QType {
  const paramTypes: QType[] = decl.params.map((p, i) => {
    const declared = declaredParamType(cx, decl, i);
    const a = bound[i];
    if (declared) {
      if (a && !(looseReceiver && i === 0) && !hasUnknown(a.type.type) && !assignable(a.type.type, declared, cx.version)) {
        cx.error(a.node, msg.badArgument(decl.name.name, p.name.name, cx.text(a.node), qtypeToString(a.type), qtypeToString({ type: declared, q: Q.Series })), 'argument-type');
      }
      return { type: declared, q: Q.Unknown };
    }
    return { type: a ? a.type.type : UNKNOWN.type, q: Q.Unknown };
  });
  void call;
  return checkFunctionBody(cx, scope, decl, paramTypes);
}

/** Checks (or re-checks) a body with the given parameter types; returns the result type. */
export function checkFunctionBody(cx: CheckContext, scope: Scope, decl: FunctionDeclaration, paramTypes: QType[]): QType {
  const prev = cx.instances.get(decl.id);
  let types = paramTypes;
  let conflicted: boolean[] = paramTypes.map(() => false);
  if (prev) {
    if (prev.paramTypes.every((t, i) => sameType(t.type, types[i]!.type))) return prev.result;
    types = prev.paramTypes.map((t, i) => {
      const n = types[i]!.type;
      // A parameter still unknown only because no call has typed it yet takes the concrete type;
      // one that became unknown from conflicting calls stays unknown (so re-checks stay bounded).
      const joined = t.type.k === 'unknown' && !prev.conflicted[i] ? n : n.k === 'unknown' ? t.type : joinTypes(t.type, n);
      return { type: joined, q: Q.Unknown };
    });
    conflicted = prev.conflicted.map((c, i) => c || (types[i]!.type.k === 'unknown' && prev.paramTypes[i]!.type.k !== 'unknown'));
    if (prev.paramTypes.every((t, i) => sameType(t.type, types[i]!.type))) return prev.result;
  }
  if (cx.active.has(decl.id)) return UNKNOWN;
  cx.active.add(decl.id);
  cx.instances.set(decl.id, { paramTypes: types, conflicted, result: prev?.result ?? UNKNOWN });
  const global = rootScope(scope);
  const fnScope = new Scope(global, 'function');
  decl.params.forEach((p, i) => {
    let t = types[i]!;
    if (p.defaultValue) {
      const dt = checkExpr(cx, fnScope, p.defaultValue as Expression);
      if (t.type.k === 'unknown' && !p.type) t = { type: dt.type, q: Q.Unknown };
    }
    fnScope.define(p.name.name, {
      ref: { kind: 'parameter', name: p.name.name, decl: p, fn: decl },
      type: t,
      declaredType: p.type !== null,
      isConst: false,
      isVar: false,
    });
    cx.types.set(p.name.id, t);
  });
  cx.functionDepth++;
  const result = checkBlock(cx, fnScope, decl.body, 'function');
  cx.functionDepth--;
  cx.active.delete(decl.id);
  cx.instances.set(decl.id, { paramTypes: types, conflicted, result });
  return result;
}

function rootScope(s: Scope): Scope {
  let r = s;
  while (r.parent) r = r.parent;
  return r;
}
