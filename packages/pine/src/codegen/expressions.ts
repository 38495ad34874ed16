// Expressions → JavaScript expressions. Each returns the code and the (locally inferred) type.
// Control structures used as values are emitted as an immediately-invoked arrow function here;
// statements.ts lowers the common `x = if …` forms without one.
import { BUILTIN_CONSTANTS, BUILTIN_NAMESPACES, BUILTIN_VARIABLES } from '../checker/builtins.js';
import type { Binary, Expression, HistoryAccess, Identifier, MemberExpression, Unary } from '../parser/ast.js';
import { emitCall } from './calls.js';
import type { Binding, Gen } from './context.js';
import { fieldName } from './names.js';
import { isNumericType, join, naLiteral, T, type PineType } from './ptypes.js';
import { emitValueInto } from './statements.js';
import { builtinValue, builtinValueHistory, dottedName } from './values.js';

export interface Emitted {
  code: string;
  type: PineType;
}

/** The JS name of the current bar stamp: the step parameter at top level, the module copy inside functions. */
export function barRef(g: Gen): string {
  return g.functionDepth === 0 ? '$b' : '$bar';
}

export function emitExpr(g: Gen, e: Expression, expected?: PineType): Emitted {
  const r = emitExprLocal(g, e, expected);
  if (r.type.k === 'unknown') {
    const t = g.checkedType(e.id);
    if (t) return { code: r.code, type: t };
  }
  return r;
}

function emitExprLocal(g: Gen, e: Expression, expected?: PineType): Emitted {
  switch (e.kind) {
    case 'NumberLiteral':
      return { code: g.literal(e.value), type: e.isFloat ? T.float : T.int };
    case 'StringLiteral':
      return { code: g.literal(e.value), type: T.string };
    case 'BoolLiteral':
      return { code: e.value ? 'true' : 'false', type: T.bool };
    case 'ColorLiteral':
      return { code: g.literal(e.value >>> 0), type: T.color };
    case 'NaLiteral':
      return { code: naLiteral(expected ?? T.na), type: T.na };
    case 'Paren': {
      const inner = emitExpr(g, e.expression, expected);
      return { code: `(${inner.code})`, type: inner.type };
    }
    case 'Identifier':
      return emitIdentifier(g, e);
    case 'MemberExpression':
      return emitMember(g, e);
    case 'Call':
      return emitCall(g, e, expected);
    case 'HistoryAccess':
      return emitHistory(g, e);
    case 'Unary':
      return emitUnary(g, e);
    case 'Binary':
      return emitBinary(g, e);
    case 'Ternary': {
      const test = emitExpr(g, e.test);
      const a = emitExpr(g, e.consequent, expected);
      const b = emitExpr(g, e.alternate, expected);
      const type = join(a.type, b.type);
      const ac = e.consequent.kind === 'NaLiteral' ? naLiteral(type) : a.code;
      const bc = e.alternate.kind === 'NaLiteral' ? naLiteral(type) : b.code;
      return { code: `(${cond(g, test)} ? ${ac} : ${bc})`, type };
    }
    case 'Tuple': {
      const parts = e.elements.map((x) => emitExpr(g, x));
      return { code: `[${parts.map((p) => p.code).join(', ')}]`, type: { k: 'tuple', elems: parts.map((p) => ({ type: p.type, q: 3 })) } };
    }
    case 'If':
    case 'Switch':
    case 'ForTo':
    case 'ForIn':
    case 'While': {
      const { lines, type } = emitValueInto(g, e, (c) => `return ${c};`, expected);
      return { code: `(() => {\n${lines.join('\n')}\n})()`, type };
    }
    case 'ErrorExpression':
      return g.fail('Cannot generate code for a syntax error', e);
  }
}

/** A bool condition. v6 bools are never na; a numeric condition (v5) is true when non-zero and not na. */
export function cond(g: Gen, x: Emitted): string {
  if (x.type.k === 'bool') return x.code;
  if (isNumericType(x.type)) return g.version >= 6 ? x.code : `$rt.truthy(${x.code})`;
  return `$rt.truthy(${x.code})`;
}

function emitIdentifier(g: Gen, e: Identifier): Emitted {
  const b = g.scope.lookup(e.name);
  if (b) return { code: b.js, type: b.type };
  const v = builtinValue(g, e.name, e);
  if (v) return v;
  return g.fail(`Undeclared identifier '${e.name}'`, e);
}

function emitMember(g: Gen, e: MemberExpression): Emitted {
  const dotted = dottedName(e);
  const root = rootIdentifier(e);
  // A user variable may share its name with a namespace (`size = …` then `size.normal`): the checker
  // knows which one the member expression means.
  const ref = g.info?.refs.get(e.id);
  if (dotted && (ref?.kind === 'builtin-constant' || ref?.kind === 'builtin-variable')) {
    const v = builtinValue(g, ref.name, e);
    if (v) return v;
  }
  const rootBinding = root ? g.scope.lookup(root) : undefined;
  if (dotted && rootBinding && !['udt', 'object', 'array', 'map', 'matrix'].includes(rootBinding.type.k) && (BUILTIN_CONSTANTS[dotted] || BUILTIN_VARIABLES[dotted])) {
    const v = builtinValue(g, dotted, e);
    if (v) return v;
  }
  if (dotted && root && !g.scope.lookup(root)) {
    // Enum member: `Dir.up`.
    const en = e.object.kind === 'Identifier' ? g.enums.get(e.object.name) : undefined;
    if (en) {
      if (!en.members.some((m) => m.name === e.property.name)) g.fail(`'${e.property.name}' is not a member of enum ${en.name}`, e);
      return { code: `${en.js}.${fieldName(e.property.name)}`, type: { k: 'enum', name: en.name } };
    }
    if (BUILTIN_NAMESPACES.has(dotted.slice(0, dotted.lastIndexOf('.')))) {
      const v = builtinValue(g, dotted, e);
      if (v) return v;
      return g.fail(`Unknown built-in '${dotted}'`, e);
    }
  }
  // Field access on an object.
  const obj = emitExpr(g, e.object);
  const field = e.property.name;
  let type: PineType = T.unknown;
  if (obj.type.k === 'udt') {
    const ut = g.types.get(obj.type.name);
    const f = ut?.fields.find((x) => x.name === field);
    if (!f) g.fail(`Type ${obj.type.name} has no field '${field}'`, e);
    type = f.type;
    return { code: `$rt.obj(${obj.code}).${fieldName(field)}`, type };
  }
  if (obj.type.k === 'object' && obj.type.name === 'chart.point') {
    return { code: `$rt.obj(${obj.code}).${field === 'index' || field === 'time' || field === 'price' ? field : fieldName(field)}`, type: field === 'price' ? T.float : T.int };
  }
  return { code: `$rt.field(${obj.code}, ${g.literal(field)})`, type };
}

function rootIdentifier(e: Expression): string | null {
  let x = e;
  while (x.kind === 'MemberExpression') x = x.object;
  return x.kind === 'Identifier' ? x.name : null;
}

/** Constant offset of a history reference, or null when it is computed. */
function constOffset(e: Expression): number | null {
  if (e.kind === 'NumberLiteral') return Math.trunc(e.value);
  if (e.kind === 'Paren') return constOffset(e.expression);
  return null;
}

export function seriesCtor(t: PineType): string {
  if (isNumericType(t)) return '$rt.NumSeries';
  return t.k === 'bool' ? '$rt.BoolSeries' : t.k === 'unknown' || t.k === 'na' ? '$rt.UnknownSeries' : '$rt.ObjSeries';
}

export function noteDepth(b: { historyDepth: number }, off: number | null): void {
  const d = off === null ? Infinity : off;
  if (d > b.historyDepth) b.historyDepth = d;
}

function emitHistory(g: Gen, e: HistoryAccess): Emitted {
  const idx = emitExpr(g, e.index);
  const off = constOffset(e.index);
  if (off !== null && off < 0) g.fail('History reference index must be a non-negative integer', e.index);
  const obj = e.object;
  if (obj.kind === 'Identifier') {
    const b = g.scope.lookup(obj.name);
    if (b) return bindingHistory(g, b, idx.code, off);
  }
  if ((obj.kind === 'Identifier' || obj.kind === 'MemberExpression') && (obj.kind === 'Identifier' || !rootIsLocal(g, obj))) {
    const name = obj.kind === 'Identifier' ? obj.name : dottedName(obj);
    if (name && !(obj.kind === 'Identifier' && g.scope.lookup(name))) {
      const h = builtinValueHistory(g, name, idx.code, off, obj);
      if (h) return h;
    }
  }
  // History of an arbitrary expression: its own buffer at this written site.
  const inner = emitExpr(g, obj);
  const rec = { historyDepth: -1 };
  noteDepth(rec, off);
  const depth = rec.historyDepth === Infinity ? '$MBB' : String(rec.historyDepth);
  const s = g.state(`new ${seriesCtor(inner.type)}(${depth})`, 'hx');
  return { code: `(${s}.set(${barRef(g)}, ${inner.code}), ${s}.get(${idx.code}))`, type: inner.type };
}

function rootIsLocal(g: Gen, e: Expression): boolean {
  const r = rootIdentifier(e);
  return r !== null && g.scope.lookup(r) !== undefined;
}

function bindingHistory(g: Gen, b: Binding, idx: string, off: number | null): Emitted {
  // The buffer is declared in the frame that owns the variable, the first time it is read with [].
  if (b.historyDepth < 0) b.frame.state.push(`/*@S${b.id}@*/`);
  noteDepth(b, off);
  return { code: `$h${b.id}.get(${idx})`, type: b.type };
}

function emitUnary(g: Gen, e: Unary): Emitted {
  const a = emitExpr(g, e.argument);
  if (e.operator === 'not') return { code: `!${wrap(cond(g, a))}`, type: T.bool };
  if (e.operator === '-') return { code: `(-${wrap(a.code)})`, type: a.type };
  return a;
}

function wrap(code: string): string {
  return /^[\w$.]+$/.test(code) ? code : `(${code})`;
}

const TOLERANT: Record<string, string> = { '==': 'eq', '!=': 'ne', '<': 'lt', '>': 'gt', '<=': 'le', '>=': 'ge' };

function emitBinary(g: Gen, e: Binary): Emitted {
  const op = e.operator;
  if (op === 'and' || op === 'or') {
    const a = emitExpr(g, e.left);
    const b = emitExpr(g, e.right);
    const jsop = op === 'and' ? '&&' : '||';
    // v6 short-circuits; v5 evaluates both sides (so calls on the right run every bar).
    if (g.version >= 6) return { code: `(${cond(g, a)} ${jsop} ${cond(g, b)})`, type: T.bool };
    return { code: `$rt.${op === 'and' ? 'and5' : 'or5'}(${cond(g, a)}, ${cond(g, b)})`, type: T.bool };
  }
  const leftNa = e.left.kind === 'NaLiteral';
  const rightNa = e.right.kind === 'NaLiteral';
  const a = emitExpr(g, e.left);
  const b = emitExpr(g, e.right);
  if (TOLERANT[op]) {
    const numeric = (isNumericType(a.type) || leftNa) && (isNumericType(b.type) || rightNa);
    const intOnly = (a.type.k === 'int' || a.type.k === 'color') && (b.type.k === 'int' || b.type.k === 'color');
    const ac = leftNa ? naLiteral(b.type) : a.code;
    const bc = rightNa ? naLiteral(a.type) : b.code;
    if (intOnly && op !== '!=') return { code: `(${ac} ${op === '==' ? '===' : op} ${bc})`, type: T.bool };
    if (!numeric && (op === '==' || op === '!=')) {
      const known = a.type.k !== 'unknown' && b.type.k !== 'unknown';
      if (known) return { code: `(${ac} ${op === '==' ? '===' : '!=='} ${bc})`, type: T.bool };
    }
    // Pine compares floats with an absolute 1e-10 tolerance.
    return { code: `$rt.${TOLERANT[op]}(${ac}, ${bc})`, type: T.bool };
  }
  let type: PineType = T.float;
  if (a.type.k === 'string' || b.type.k === 'string') type = T.string;
  else if (a.type.k === 'int' && b.type.k === 'int' && op !== '/') type = T.int;
  else if (a.type.k === 'unknown' || b.type.k === 'unknown') type = T.unknown;
  else if (a.type.k === 'int' && b.type.k === 'int' && op === '/') type = g.version >= 6 ? T.float : T.int;
  if (type.k === 'string' && op === '+') return { code: `$rt.concat(${a.code}, ${b.code})`, type };
  if (op === '/' && g.version < 6 && a.type.k === 'int' && b.type.k === 'int') {
    return { code: `$rt.idiv(${a.code}, ${b.code})`, type: T.int };
  }
  if (op === '%') return { code: `$rt.mod(${a.code}, ${b.code})`, type };
  return { code: `(${a.code} ${op} ${b.code})`, type };
}

