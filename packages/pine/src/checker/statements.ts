// Statements and the control structures that double as expressions (if, switch, for, for…in, while).
// A block's value is its last statement's value; a statement that yields nothing has type void.
import type {
  Assignment,
  Block,
  ForIn,
  ForTo,
  If,
  Statement,
  Switch,
  TupleDeclaration,
  VarDeclaration,
  While,
} from '../parser/ast.js';
import { isBuiltinValue } from './builtins.js';
import type { CheckContext } from './context.js';
import { resolveTypeRef } from './declarations.js';
import { checkCondition, checkExpr } from './expressions.js';
import { msg } from './messages.js';
import { Scope } from './scope.js';
import { Q, T, UNKNOWN, VOID, assignable, hasUnknown, joinQTypes, joinTypes, maxQual, qtypeToString, type PineType, type QType } from './types.js';

export function checkBlock(cx: CheckContext, parent: Scope, block: Block, kind: 'block' | 'loop' | 'function' = 'block'): QType {
  const scope = kind === 'function' ? parent : new Scope(parent, kind);
  let last: QType = VOID;
  for (const st of block.body) last = checkStatement(cx, scope, st);
  cx.types.set(block.id, last);
  return last;
}

export function checkStatements(cx: CheckContext, scope: Scope, body: readonly Statement[]): void {
  for (const st of body) checkStatement(cx, scope, st);
}

export function checkStatement(cx: CheckContext, scope: Scope, st: Statement): QType {
  switch (st.kind) {
    case 'VarDeclaration':
      return checkVarDeclaration(cx, scope, st);
    case 'TupleDeclaration':
      return checkTupleDeclaration(cx, scope, st);
    case 'Assignment':
      return checkAssignment(cx, scope, st);
    case 'ExpressionStatement':
      return checkExpr(cx, scope, st.expression);
    case 'If':
    case 'Switch':
    case 'ForTo':
    case 'ForIn':
    case 'While':
      return checkControl(cx, scope, st);
    case 'Break':
    case 'Continue':
      if (!scope.inLoop()) cx.error(st, msg.breakOutsideLoop(st.kind === 'Break' ? 'break' : 'continue'), 'syntax');
      return VOID;
    case 'TypeDeclaration':
      for (const f of st.fields) {
        const ft = resolveTypeRef(cx, f.type);
        if (f.defaultValue) {
          const dv = checkExpr(cx, scope, f.defaultValue);
          if (!hasUnknown(dv.type) && !assignable(dv.type, ft, cx.version))
            cx.error(f.defaultValue, msg.mismatchedDeclared(f.name.name, qtypeToString({ type: ft, q: Q.Const }), qtypeToString(dv)), 'mismatched-type');
        }
      }
      return VOID;
    case 'EnumDeclaration':
      for (const f of st.fields) if (f.title) checkExpr(cx, scope, f.title);
      return VOID;
    case 'FunctionDeclaration':
    case 'Import':
    case 'ErrorStatement':
      return VOID;
  }
}

/** `x = …` twice in one scope is an error in Pine (the second must be `:=`). */
function checkRedeclaration(cx: CheckContext, scope: Scope, id: { name: string; span: { start: number; end: number } }): void {
  if (id.name === '_') return;
  const prev = scope.lookupLocal(id.name);
  if (prev && prev.ref.kind === 'variable' && (prev.ref.decl.kind === 'VarDeclaration' || prev.ref.decl.kind === 'TupleDeclaration')) {
    cx.error(id.span, msg.alreadyDefined(id.name), 'redeclared');
    return;
  }
  // Declaring again inside an if/for/… block usually means `:=` was intended: warn like TradingView.
  if (!prev && scope.lookupEnclosing(id.name)?.ref.kind === 'variable') cx.warning(id.span, msg.shadowing(id.name), 'shadowing');
}

function defineVariable(cx: CheckContext, scope: Scope, st: VarDeclaration, type: QType, declaredType: boolean): void {
  const name = st.name.name;
  checkRedeclaration(cx, scope, st.name);
  scope.define(name, {
    ref: { kind: 'variable', name, decl: st, scope: scope.isGlobal ? 'global' : 'local' },
    type,
    declaredType,
    isConst: st.qualifier === 'const',
    isVar: st.mode !== 'none',
  });
  cx.types.set(st.name.id, type);
}

function checkVarDeclaration(cx: CheckContext, scope: Scope, st: VarDeclaration): QType {
  const init = checkExpr(cx, scope, st.init);
  const name = st.name.name;
  let type: QType;
  if (st.type) {
    const declared = resolveTypeRef(cx, st.type);
    if (!hasUnknown(init.type) && !hasUnknown(declared) && !assignable(init.type, declared, cx.version)) {
      cx.error(st.init, msg.mismatchedDeclared(name, qtypeToString({ type: declared, q: qualOf(st, init) }), qtypeToString(init)), 'mismatched-type');
    }
    type = { type: declared, q: qualOf(st, init) };
  } else {
    if (init.type.k === 'na') cx.error(st.init, msg.naWithoutType(name), 'na-without-type');
    type = { type: init.type.k === 'na' ? T.unknown : init.type, q: qualOf(st, init) };
  }
  defineVariable(cx, scope, st, type, st.type !== null);
  return type;
}

/** `var` values persist across bars and may be reassigned: never provably weaker than series. */
function qualOf(st: VarDeclaration, init: QType): number & QType['q'] {
  if (st.qualifier === 'const') return Q.Const;
  if (st.qualifier === 'simple') return Q.Simple;
  if (st.qualifier === 'series') return Q.Series;
  if (st.mode !== 'none') return maxQual(init.q, Q.Unknown);
  return init.q;
}

function checkTupleDeclaration(cx: CheckContext, scope: Scope, st: TupleDeclaration): QType {
  const init = checkExpr(cx, scope, st.init);
  const t = init.type;
  let elems: readonly QType[] | null = null;
  if (t.k === 'tuple') {
    elems = t.elems;
    if (elems.length !== st.names.length) cx.error(st.init, msg.tupleCount(st.names.length, elems.length), 'tuple-count');
  } else if (t.k !== 'unknown' && t.k !== 'void') {
    cx.error(st.init, msg.notTuple(qtypeToString(init)), 'not-tuple');
  }
  st.names.forEach((n, i) => {
    checkRedeclaration(cx, scope, n);
    const et = elems?.[i] ?? UNKNOWN;
    const type = { type: et.type.k === 'na' ? T.unknown : et.type, q: et.q };
    scope.define(n.name, { ref: { kind: 'variable', name: n.name, decl: st, scope: scope.isGlobal ? 'global' : 'local' }, type, declaredType: false, isConst: false, isVar: false });
    cx.types.set(n.id, type);
  });
  return init;
}

function checkAssignment(cx: CheckContext, scope: Scope, st: Assignment): QType {
  const value = checkExpr(cx, scope, st.value);
  const target = st.target;
  if (target.kind !== 'Identifier') {
    checkExpr(cx, scope, target);
    return value;
  }
  const name = target.name;
  const b = scope.lookup(name);
  if (!b) {
    if (isBuiltinValue(name)) cx.error(target, msg.builtinAssign(name), 'builtin-assign');
    else cx.error(target, msg.assignUndeclared(name), 'undeclared');
    return value;
  }
  cx.refs.set(target.id, b.ref);
  if (b.isConst) cx.error(target, msg.constAssign(name), 'const-assign');
  if (cx.functionDepth > 0 && b.ref.kind === 'variable' && b.ref.scope === 'global') {
    cx.error(target, msg.globalAssign(name), 'global-assign');
  }
  const current = b.type;
  let assigned = value;
  if (st.operator !== ':=') {
    // Compound assignment: the operator's result (string += string, numeric ops).
    const lk = current.type.k;
    const rk = value.type.k;
    const rt: PineType = lk === 'string' || rk === 'string' ? T.string : lk === 'int' && rk === 'int' && !(st.operator === '/=' && cx.version >= 6) ? T.int : lk === 'unknown' ? T.unknown : T.float;
    assigned = { type: rt, q: maxQual(current.q, value.q) };
  }
  if (b.declaredType || isStrictKind(current.type)) {
    if (!hasUnknown(current.type) && !hasUnknown(assigned.type) && !assignable(assigned.type, current.type, cx.version)) {
      cx.error(st.value, msg.mismatchedAssign(name, qtypeToString(current), qtypeToString(assigned)), 'mismatched-type');
    }
  }
  // Reassigned values vary; the qualifier is at least "unknown" from here on.
  const widened = b.declaredType ? current.type : current.type.k === 'unknown' ? assigned.type : joinTypes(current.type, assigned.type);
  b.type = { type: widened, q: maxQual(current.q, assigned.q, Q.Unknown) };
  cx.types.set(target.id, b.type);
  return b.type;
}

/** Kinds where reassigning a different kind is certainly an error (not int↔float widening). */
function isStrictKind(t: PineType): boolean {
  return t.k === 'string' || t.k === 'bool' || t.k === 'color';
}

export function checkControl(cx: CheckContext, scope: Scope, e: If | Switch | ForTo | ForIn | While): QType {
  const t = controlType(cx, scope, e);
  cx.types.set(e.id, t);
  return t;
}

function controlType(cx: CheckContext, scope: Scope, e: If | Switch | ForTo | ForIn | While): QType {
  switch (e.kind) {
    case 'If': {
      const c = checkExpr(cx, scope, e.condition);
      checkCondition(cx, e.condition, c);
      const a = checkBlock(cx, scope, e.consequent);
      const b = e.alternate === null ? { type: T.na, q: Q.Const } : e.alternate.kind === 'If' ? checkControl(cx, scope, e.alternate) : checkBlock(cx, scope, e.alternate);
      const j = joinQTypes(a, b);
      return { type: j.type, q: maxQual(j.q, c.q) };
    }
    case 'Switch': {
      const subject = e.subject ? checkExpr(cx, scope, e.subject) : null;
      let result: QType | null = null;
      let q = subject?.q ?? Q.Const;
      let hasDefault = false;
      for (const c of e.cases) {
        if (c.test) {
          const tt = checkExpr(cx, scope, c.test);
          if (!subject) checkCondition(cx, c.test, tt);
          q = maxQual(q, tt.q);
        } else hasDefault = true;
        const bt = checkBlock(cx, scope, c.body);
        cx.types.set(c.id, bt);
        result = result ? joinQTypes(result, bt) : bt;
      }
      if (!result) return VOID;
      const j = hasDefault ? result : joinQTypes(result, { type: T.na, q: Q.Const });
      return { type: j.type, q: maxQual(j.q, q) };
    }
    case 'ForTo': {
      const from = checkExpr(cx, scope, e.from);
      const to = checkExpr(cx, scope, e.to);
      if (e.step) checkExpr(cx, scope, e.step);
      const loop = new Scope(scope, 'loop');
      const counterType: QType = { type: from.type.k === 'float' || to.type.k === 'float' ? T.float : T.int, q: Q.Series };
      loop.define(e.counter.name, { ref: { kind: 'variable', name: e.counter.name, decl: e, scope: 'local' }, type: counterType, declaredType: false, isConst: false, isVar: false });
      cx.types.set(e.counter.id, counterType);
      const body = checkBlock(cx, loop, e.body, 'loop');
      return { type: body.type, q: Q.Series };
    }
    case 'ForIn': {
      const it = checkExpr(cx, scope, e.iterable);
      const loop = new Scope(scope, 'loop');
      let item: PineType = T.unknown;
      let index: PineType = T.int;
      const t = it.type;
      if (t.k === 'array') item = t.elem;
      else if (t.k === 'matrix') item = { k: 'array', elem: t.elem };
      else if (t.k === 'map') {
        index = t.key;
        item = t.value;
      }
      const define = (id: { id: number; name: string }, type: PineType): void => {
        const qtype = { type, q: Q.Series };
        loop.define(id.name, { ref: { kind: 'variable', name: id.name, decl: e, scope: 'local' }, type: qtype, declaredType: false, isConst: false, isVar: false });
        cx.types.set(id.id, qtype);
      };
      if (e.index) define(e.index, index);
      define(e.item, item);
      const body = checkBlock(cx, loop, e.body, 'loop');
      return { type: body.type, q: Q.Series };
    }
    case 'While': {
      const c = checkExpr(cx, scope, e.condition);
      checkCondition(cx, e.condition, c);
      const body = checkBlock(cx, scope, e.body, 'loop');
      return { type: body.type, q: Q.Series };
    }
  }
}

