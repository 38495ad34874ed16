// Typing of expressions: literals, names, member access, operators, ternaries, tuples, history.
// Calls are in calls.ts; if/switch/for/while (which are expressions too) are in statements.ts.
import type { Binary, Expression, Identifier, MemberExpression, Unary } from '../parser/ast.js';
import { BUILTIN_NAMESPACES, builtinFunction, builtinValueType, isBuiltinValue } from './builtins.js';
import { checkCall } from './calls.js';
import type { CheckContext } from './context.js';
import { resolveTypeRef } from './declarations.js';
import { msg } from './messages.js';
import type { Scope } from './scope.js';
import { checkControl } from './statements.js';
import { Q, T, UNKNOWN, historyOf, joinQTypes, maxQual, qtypeToString, type PineType, type QType } from './types.js';

/** Literal types are shared: they are immutable and very common. */
const LIT = {
  int: { type: T.int, q: Q.Const } as QType,
  float: { type: T.float, q: Q.Const } as QType,
  string: { type: T.string, q: Q.Const } as QType,
  bool: { type: T.bool, q: Q.Const } as QType,
  color: { type: T.color, q: Q.Const } as QType,
  na: { type: T.na, q: Q.Const } as QType,
};

export function checkExpr(cx: CheckContext, scope: Scope, e: Expression): QType {
  const t = typeOf(cx, scope, e);
  cx.types.set(e.id, t);
  return t;
}

function typeOf(cx: CheckContext, scope: Scope, e: Expression): QType {
  switch (e.kind) {
    case 'NumberLiteral':
      return e.isFloat ? LIT.float : LIT.int;
    case 'StringLiteral':
      return LIT.string;
    case 'BoolLiteral':
      return LIT.bool;
    case 'ColorLiteral':
      return LIT.color;
    case 'NaLiteral':
      return LIT.na;
    case 'Identifier':
      return checkIdentifier(cx, scope, e);
    case 'MemberExpression':
      return checkMember(cx, scope, e);
    case 'Call':
      return checkCall(cx, scope, e);
    case 'HistoryAccess': {
      const obj = checkExpr(cx, scope, e.object);
      checkExpr(cx, scope, e.index);
      return historyOf(obj);
    }
    case 'Unary':
      return checkUnary(cx, scope, e);
    case 'Binary':
      return checkBinary(cx, scope, e);
    case 'Ternary': {
      const test = checkExpr(cx, scope, e.test);
      checkCondition(cx, e.test, test);
      const a = checkExpr(cx, scope, e.consequent);
      const b = checkExpr(cx, scope, e.alternate);
      const j = joinQTypes(a, b);
      return { type: j.type, q: maxQual(j.q, test.q) };
    }
    case 'Tuple': {
      const elems = e.elements.map((x) => checkExpr(cx, scope, x));
      return { type: { k: 'tuple', elems }, q: Q.Series };
    }
    case 'Paren':
      return checkExpr(cx, scope, e.expression);
    case 'If':
    case 'Switch':
    case 'ForTo':
    case 'ForIn':
    case 'While':
      return checkControl(cx, scope, e);
    case 'ErrorExpression':
      return UNKNOWN;
  }
}

/** v6 has no implicit number → bool conversion; v5 does. */
export function checkCondition(cx: CheckContext, node: Expression, t: QType): void {
  if (cx.version < 6) return;
  const k = t.type.k;
  if (k === 'int' || k === 'float' || k === 'string' || k === 'color') cx.error(node, msg.conditionType(qtypeToString(t)), 'condition-type');
}

function checkIdentifier(cx: CheckContext, scope: Scope, e: Identifier): QType {
  const name = e.name;
  const b = scope.lookup(name);
  if (b) {
    cx.refs.set(e.id, b.ref);
    return b.type;
  }
  const builtin = builtinValueType(name);
  if (builtin) {
    cx.refs.set(e.id, { kind: isBuiltinValue(name) === 'constant' ? 'builtin-constant' : 'builtin-variable', name });
    return builtin;
  }
  const fns = cx.functions.get(name);
  if (fns) {
    cx.refs.set(e.id, { kind: 'function', decl: fns[0]! });
    return UNKNOWN;
  }
  const udt = cx.udts.get(name);
  if (udt) {
    cx.refs.set(e.id, { kind: 'type', decl: udt });
    return UNKNOWN;
  }
  const en = cx.enums.get(name);
  if (en) {
    cx.refs.set(e.id, { kind: 'enum', decl: en });
    return UNKNOWN;
  }
  const imp = cx.imports.get(name);
  if (imp) {
    cx.refs.set(e.id, { kind: 'library', import: imp, member: '' });
    return UNKNOWN;
  }
  if (BUILTIN_NAMESPACES.has(name)) {
    cx.refs.set(e.id, { kind: 'namespace', name });
    return UNKNOWN;
  }
  if (builtinFunction(name)) return UNKNOWN; // a function name used as a value: nothing to type
  cx.error(e, msg.undeclared(name), 'undeclared');
  return UNKNOWN;
}

/** `a.b.c` as a dotted name when every part is an identifier; null otherwise. */
export function dottedName(e: Expression): string | null {
  if (e.kind === 'Identifier') return e.name;
  if (e.kind === 'MemberExpression') {
    const left = dottedName(e.object);
    return left === null ? null : `${left}.${e.property.name}`;
  }
  return null;
}

function firstIdentifier(e: Expression): Identifier | null {
  while (e.kind === 'MemberExpression') e = e.object;
  return e.kind === 'Identifier' ? e : null;
}

function checkMember(cx: CheckContext, scope: Scope, e: MemberExpression): QType {
  const path = dottedName(e);
  const head = firstIdentifier(e);
  if (path !== null && head && !scope.lookup(head.name)) {
    const builtin = builtinValueType(path);
    if (builtin) {
      cx.refs.set(e.id, { kind: isBuiltinValue(path) === 'constant' ? 'builtin-constant' : 'builtin-variable', name: path });
      return builtin;
    }
    const imp = cx.imports.get(head.name);
    if (imp) {
      cx.refs.set(e.id, { kind: 'library', import: imp, member: path.slice(head.name.length + 1) });
      return UNKNOWN;
    }
    const en = e.object.kind === 'Identifier' ? cx.enums.get(e.object.name) : undefined;
    if (en) {
      const field = en.fields.find((f) => f.name.name === e.property.name);
      cx.refs.set(e.object.id, { kind: 'enum', decl: en });
      if (!field) {
        cx.error(e.property, msg.undeclared(path), 'undeclared');
        return UNKNOWN;
      }
      cx.refs.set(e.id, { kind: 'enum-member', decl: en, field });
      return { type: { k: 'enum', name: en.name.name }, q: Q.Const };
    }
    // A built-in namespace with no such member (`ta.foo`): report the whole name.
    if (BUILTIN_NAMESPACES.has(path.slice(0, path.lastIndexOf('.'))) && !builtinValueType(head.name) && !cx.udts.has(head.name)) {
      if (builtinFunction(path) || BUILTIN_NAMESPACES.has(path)) return UNKNOWN;
      cx.error(e, msg.undeclared(path), 'undeclared');
      return UNKNOWN;
    }
  }
  const obj = checkExpr(cx, scope, e.object);
  return fieldType(cx, e, obj);
}

/** Type of `obj.field` for an object of type `obj`. */
function fieldType(cx: CheckContext, e: MemberExpression, obj: QType): QType {
  const t = obj.type;
  const name = e.property.name;
  if (t.k === 'udt') {
    const decl = cx.udts.get(t.name);
    if (!decl) return UNKNOWN; // library type: fields unknown
    const field = decl.fields.find((f) => f.name.name === name);
    if (!field) {
      cx.error(e.property, msg.noField(name, t.name), 'no-field');
      return UNKNOWN;
    }
    cx.refs.set(e.id, { kind: 'field', decl, field });
    return { type: resolveTypeRef(cx, field.type), q: Q.Series };
  }
  if (t.k === 'object' && t.name === 'chart.point') {
    const fields: Record<string, PineType> = { index: T.int, time: T.int, price: T.float };
    const ft = fields[name];
    if (ft) {
      cx.refs.set(e.id, { kind: 'builtin-field', objectType: 'chart.point', field: name });
      return { type: ft, q: Q.Series };
    }
  }
  return UNKNOWN;
}

function checkUnary(cx: CheckContext, scope: Scope, e: Unary): QType {
  const a = checkExpr(cx, scope, e.argument);
  if (e.operator === 'not') {
    if (cx.version >= 6) checkCondition(cx, e.argument, a);
    return { type: T.bool, q: a.q };
  }
  const k = a.type.k;
  if (k === 'bool' || k === 'string' || k === 'color') cx.error(e.argument, msg.operandType(e.operator, qtypeToString(a)), 'operand-type');
  return { type: k === 'na' ? T.float : a.type, q: a.q };
}

const ARITH = new Set(['+', '-', '*', '/', '%']);

function checkBinary(cx: CheckContext, scope: Scope, e: Binary): QType {
  const l = checkExpr(cx, scope, e.left);
  const r = checkExpr(cx, scope, e.right);
  const q = maxQual(l.q, r.q);
  const op = e.operator;
  if (op === 'and' || op === 'or') {
    checkCondition(cx, e.left, l);
    checkCondition(cx, e.right, r);
    return { type: T.bool, q };
  }
  if (!ARITH.has(op)) return { type: T.bool, q };
  const lk = l.type.k;
  const rk = r.type.k;
  if (op === '+' && (lk === 'string' || rk === 'string')) return { type: T.string, q };
  for (const [side, t] of [[e.left, l], [e.right, r]] as const) {
    const k = t.type.k;
    if (k === 'bool' || k === 'string' || k === 'color' || k === 'array' || k === 'map' || k === 'matrix' || k === 'object' || k === 'udt') {
      cx.error(side, msg.operandType(op, qtypeToString(t)), 'operand-type');
      break;
    }
  }
  const numeric = (k: string): boolean => k === 'int' || k === 'float' || k === 'na';
  if (!numeric(lk) || !numeric(rk)) return { type: T.unknown, q };
  // int op int is typed int, division included: TradingView accepts `ta.wma(src, len / 2)` in v5 and v6.
  // The value of `/` differs by version (v6 keeps the fraction); the code generator decides from the
  // operand types and info.version.
  if (lk === 'int' && rk === 'int') return { type: T.int, q };
  if (lk === 'na' && rk === 'na') return { type: T.float, q };
  if ((lk === 'int' && rk === 'na') || (lk === 'na' && rk === 'int')) return { type: T.int, q };
  return { type: T.float, q };
}
