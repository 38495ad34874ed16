// Statements → JavaScript statements, and control structures used as values (lowered into the
// statement that consumes the value through a `sink`, e.g. `v = <value>;` or `return <value>;`).
import type { Block, Expression, ForIn, ForTo, If, Statement, Switch, While } from '../parser/ast.js';
import type { Binding, Gen } from './context.js';
import { cond, emitExpr } from './expressions.js';
import { emitEnumDecl, emitFunctionDecl, emitTypeDecl, resolveTypeRef } from './functions.js';
import { constEval, NOT_CONST } from './consteval.js';
import { fieldName, varName } from './names.js';
import { join, naLiteral, T, type PineType } from './ptypes.js';

export type Sink = (code: string) => string;

export interface Lowered {
  lines: string[];
  type: PineType;
}

const CONTROL = new Set(['If', 'Switch', 'ForTo', 'ForIn', 'While']);

export function isControl(e: Expression | Statement): e is If | Switch | ForTo | ForIn | While {
  return CONTROL.has(e.kind);
}

export function emitStatements(g: Gen, body: readonly Statement[]): string[] {
  const out: string[] = [];
  for (const s of body) out.push(...emitStatement(g, s));
  return out;
}

function lineMark(g: Gen, s: Statement): string {
  return `$ln = ${g.line(s)};`;
}

export function emitStatement(g: Gen, s: Statement): string[] {
  switch (s.kind) {
    case 'VarDeclaration':
      return [lineMark(g, s), ...emitVarDecl(g, s)];
    case 'TupleDeclaration': {
      const init = emitExpr(g, s.init);
      const t = g.tmp('tu');
      const lines = [lineMark(g, s), `const ${t} = ${init.code};`];
      s.names.forEach((n, i) => {
        if (n.name === '_') return;
        const et = init.type.k === 'tuple' ? (init.type.elems[i]?.type ?? T.unknown) : T.unknown;
        const b = declareVar(g, n.name, n.id, et, 'none');
        lines.push(`${b.global && hoisted(g, b) ? '' : 'let '}${b.js} = ${t}[${i}];${g.historyMarker(b)}`);
      });
      return lines;
    }
    case 'Assignment':
      return [lineMark(g, s), ...emitAssignment(g, s)];
    case 'ExpressionStatement': {
      const e = s.expression;
      if (isControl(e)) return [lineMark(g, e), ...emitControl(g, e, null).lines];
      return [lineMark(g, s), `${emitExpr(g, e).code};`];
    }
    case 'If':
    case 'Switch':
    case 'ForTo':
    case 'ForIn':
    case 'While':
      return [lineMark(g, s), ...emitControl(g, s, null).lines];
    case 'Break':
      return ['break;'];
    case 'Continue':
      return ['continue;'];
    case 'FunctionDeclaration':
      emitFunctionDecl(g, s);
      return [];
    case 'TypeDeclaration':
      emitTypeDecl(g, s);
      return [];
    case 'EnumDeclaration':
      emitEnumDecl(g, s);
      return [];
    case 'Import':
      // compile() links imports when given library sources (libraries/link.ts); without them an import
      // reaches the generator, and nothing here can fetch the source from TradingView.
      return g.fail(
        `Library '${s.user}/${s.library}/${s.version}' is not available: PineBack cannot fetch published libraries; provide its source (pineback --lib DIR, or compile(source, { libraries }))`,
        s,
      );
    case 'ErrorStatement':
      return g.fail('Cannot generate code for a syntax error', s);
  }
}

/** Globals read inside functions, and all var/varip, live at module level (they outlive one step). */
function hoisted(g: Gen, b: Binding): boolean {
  return b.mode !== 'none' || (b.global && g.namesUsedInFunctions.has(b.name));
}

function declareVar(g: Gen, name: string, id: number, type: PineType, mode: Binding['mode'], reservedJs?: string): Binding {
  const b = g.declare(name, reservedJs ?? varName(name, id), type, mode, id, undefined, reservedJs !== undefined);
  if (hoisted(g, b)) {
    // var state belongs to the frame (module or function maker); hoisted globals to the module.
    const frame = mode !== 'none' ? g.frame : g.moduleFrame;
    frame.state.push(`let ${b.js} = ${naLiteral(type)};`);
    if (mode === 'var' && frame === g.moduleFrame) g.rollbackVars.push(b.js);
  }
  return b;
}

function emitVarDecl(g: Gen, s: Extract<Statement, { kind: 'VarDeclaration' }>): string[] {
  const declared = resolveTypeRef(g, s.type);
  const name = s.name.name;
  const savedName = g.declName;
  g.declName = name;
  let initLines: string[];
  let initType: PineType;
  // Generate the initialiser before declaring: the new name is not visible inside it.
  const target = g.uniqueJs(varName(name, s.id));
  try {
    if (isControl(s.init)) {
      const r = emitControl(g, s.init, (c) => `${target} = ${c};`, declared ?? undefined);
      initLines = r.lines;
      initType = r.type;
    } else {
      const e = emitExpr(g, s.init, declared ?? undefined);
      initLines = [`${target} = ${e.code};`];
      initType = e.type;
    }
  } finally {
    g.declName = savedName;
  }
  const type = declared ?? (initType.k === 'na' ? T.unknown : initType);
  const b = declareVar(g, name, s.id, type.k === 'unknown' ? (g.checkedType(s.name.id) ?? type) : type, s.mode, target);
  if (s.mode === 'none' && !isControl(s.init)) {
    const v = constEval(g, s.init);
    if (v !== NOT_CONST && v !== undefined) b.constValue = v;
    const m = /^[\w$]+ = (\$in\d+);$/.exec(initLines[0] ?? '');
    if (initLines.length === 1 && m && s.init.kind === 'Call') b.inputCode = m[1];
  }
  const marker = g.historyMarker(b);
  if (s.mode === 'none') {
    const decl = hoisted(g, b) ? [] : [`let ${b.js};`];
    return [...decl, ...initLines, marker];
  }
  const flag = g.tmp('vi');
  g.frame.state.push(`let ${flag} = false;`);
  if (s.mode === 'var' && g.frame === g.moduleFrame) g.rollbackVars.push(flag);
  return [`if (!${flag}) {`, `${flag} = true;`, ...initLines, '}', marker];
}

function emitAssignment(g: Gen, s: Extract<Statement, { kind: 'Assignment' }>): string[] {
  const op = s.operator;
  if (s.target.kind === 'Identifier') {
    const b = g.scope.lookup(s.target.name);
    if (!b) return g.fail(`Undeclared identifier '${s.target.name}'`, s.target);
    b.constValue = undefined;
    const marker = g.historyMarker(b);
    if (op === ':=' && isControl(s.value)) {
      return [...emitControl(g, s.value, (c) => `${b.js} = ${c};`, b.type).lines, marker];
    }
    const v = emitExpr(g, s.value, b.type);
    if (b.type.k === 'unknown' && v.type.k !== 'na' && v.type.k !== 'unknown') b.type = v.type;
    return [`${b.js} = ${compound(g, op, b.js, v.code, b.type)};`, marker];
  }
  if (s.target.kind === 'MemberExpression') {
    const obj = emitExpr(g, s.target.object);
    const t = g.tmp('o');
    const name = s.target.property.name;
    const f = fieldName(name);
    // The field's declared type, so that `x.lbl := na` stores the na of a label (null), not of a number.
    const field = obj.type.k === 'udt' ? g.types.get(obj.type.name)?.fields.find((x) => x.name === name) : undefined;
    const v = emitExpr(g, s.value, field?.type);
    return [`{ const ${t} = $rt.obj(${obj.code}); ${t}.${f} = ${compound(g, op, `${t}.${f}`, v.code, v.type)}; }`];
  }
  return g.fail('Cannot assign to this expression', s.target);
}

function compound(g: Gen, op: string, cur: string, value: string, type: PineType): string {
  switch (op) {
    case ':=':
      return value;
    case '+=':
      return type.k === 'string' ? `$rt.concat(${cur}, ${value})` : `${cur} + ${value}`;
    case '-=':
      return `${cur} - ${value}`;
    case '*=':
      return `${cur} * ${value}`;
    case '/=':
      return g.version < 6 && type.k === 'int' ? `$rt.idiv(${cur}, ${value})` : `${cur} / ${value}`;
    case '%=':
      return `$rt.mod(${cur}, ${value})`;
  }
  return value;
}

/** Value of an expression delivered through `sink` (control structures lowered in place). */
export function emitValueInto(g: Gen, e: Expression, sink: Sink, expected?: PineType): Lowered {
  if (isControl(e)) return emitControl(g, e, sink, expected);
  const x = emitExpr(g, e, expected);
  return { lines: [sink(x.code)], type: x.type };
}

/** A block's statements; its last statement's value goes to `sink` (when given). */
export function emitBlockValue(g: Gen, block: Block, sink: Sink | null, expected?: PineType): Lowered {
  g.pushScope();
  try {
    const body = block.body;
    const lines: string[] = [];
    for (let i = 0; i < body.length - 1; i++) lines.push(...emitStatement(g, body[i]!));
    const last = body[body.length - 1];
    if (!last) return { lines, type: T.void };
    if (!sink) {
      lines.push(...emitStatement(g, last));
      return { lines, type: T.void };
    }
    switch (last.kind) {
      case 'ExpressionStatement': {
        lines.push(lineMark(g, last));
        const r = emitValueInto(g, last.expression, sink, expected);
        return { lines: [...lines, ...r.lines], type: r.type };
      }
      case 'If':
      case 'Switch':
      case 'ForTo':
      case 'ForIn':
      case 'While': {
        lines.push(lineMark(g, last));
        const r = emitControl(g, last, sink, expected);
        return { lines: [...lines, ...r.lines], type: r.type };
      }
      case 'VarDeclaration': {
        lines.push(...emitStatement(g, last));
        const b = g.scope.lookup(last.name.name)!;
        return { lines: [...lines, sink(b.js)], type: b.type };
      }
      case 'Assignment': {
        lines.push(...emitStatement(g, last));
        if (last.target.kind === 'Identifier') {
          const b = g.scope.lookup(last.target.name)!;
          return { lines: [...lines, sink(b.js)], type: b.type };
        }
        return { lines, type: T.void };
      }
      default:
        lines.push(...emitStatement(g, last));
        return { lines, type: T.void };
    }
  } finally {
    g.popScope();
  }
}

export function emitControl(g: Gen, e: If | Switch | ForTo | ForIn | While, sink: Sink | null, expected?: PineType): Lowered {
  switch (e.kind) {
    case 'If':
      return emitIf(g, e, sink, expected);
    case 'Switch':
      return emitSwitch(g, e, sink, expected);
    default:
      return emitLoop(g, e, sink, expected);
  }
}

function emitIf(g: Gen, e: If, sink: Sink | null, expected?: PineType): Lowered {
  const c = cond(g, emitExpr(g, e.condition));
  const a = emitBlockValue(g, e.consequent, sink, expected);
  let type = a.type;
  const lines = [`if (${c}) {`, ...a.lines, '}'];
  if (e.alternate) {
    const b = e.alternate.kind === 'If' ? emitIf(g, e.alternate, sink, expected) : emitBlockValue(g, e.alternate, sink, expected);
    type = join(type, b.type);
    lines.push('else {', ...b.lines, '}');
  } else if (sink) {
    lines.push(`else { ${sink(naLiteral(expected ?? type))} }`);
  }
  return { lines, type };
}

function emitSwitch(g: Gen, e: Switch, sink: Sink | null, expected?: PineType): Lowered {
  const lines: string[] = [];
  let subject: string | null = null;
  if (e.subject) {
    const s = emitExpr(g, e.subject);
    subject = g.tmp('sw');
    lines.push(`const ${subject} = ${s.code};`);
  }
  let type: PineType = T.unknown;
  let first = true;
  let hasDefault = false;
  for (const c of e.cases) {
    const body = emitBlockValue(g, c.body, sink, expected);
    type = join(type, body.type);
    if (c.test === null) {
      hasDefault = true;
      lines.push(first ? '{' : 'else {', ...body.lines, '}');
      break;
    }
    const t = emitExpr(g, c.test);
    const test = subject !== null ? `$rt.eq(${subject}, ${t.code})` : cond(g, t);
    lines.push(`${first ? '' : 'else '}if (${test}) {`, ...body.lines, '}');
    first = false;
  }
  if (!hasDefault && sink) lines.push(`${first ? '' : 'else '}{ ${sink(naLiteral(expected ?? type))} }`);
  return { lines: [`{`, ...lines, '}'], type };
}

/** Iteration budget check; on overflow the error names the loop's own line. */
function loopGuard(counter: string, line: number): string {
  return `if (++${counter} > $LIM) { $ln = ${line}; $G.loopLimit(); }`;
}

function emitLoop(g: Gen, e: ForTo | ForIn | While, sink: Sink | null, expected?: PineType): Lowered {
  const result = sink ? g.tmp('lr') : null;
  const bodySink: Sink | null = result ? (c) => `${result} = ${c};` : null;
  const it = g.tmp('it');
  const lines: string[] = [`let ${it} = 0;`];
  let body: Lowered;
  g.loopDepth++;
  try {
    if (e.kind === 'While') {
      const c = cond(g, emitExpr(g, e.condition));
      body = emitBlockValue(g, e.body, bodySink, expected);
      lines.push(`while (${c}) {`, loopGuard(it, g.line(e)), ...body.lines, '}');
    } else if (e.kind === 'ForTo') {
      const from = emitExpr(g, e.from);
      const to = emitExpr(g, e.to);
      const step = e.step ? emitExpr(g, e.step).code : '1';
      const f = g.tmp('f');
      const lim = g.tmp('to');
      const st = g.tmp('st');
      g.pushScope();
      const counterType = from.type.k === 'float' || (e.step && emitExprType(e.step) === 'float') ? T.float : T.int;
      const b = g.declare(e.counter.name, varName(e.counter.name, e.counter.id), counterType, 'none', e.counter.id);
      try {
        body = emitBlockValue(g, e.body, bodySink, expected);
      } finally {
        g.popScope();
      }
      // v6 re-evaluates the end bound before every iteration; the direction is fixed at the start.
      const reeval = g.version >= 6 ? `, ${lim} = ${to.code}` : '';
      lines.push(
        `const ${f} = ${from.code};`,
        `let ${lim} = ${to.code};`,
        `const ${st} = (${f} <= ${lim} ? 1 : -1) * Math.abs(${step});`,
        `for (let ${b.js} = ${f}; ${st} > 0 ? ${b.js} <= ${lim} : ${b.js} >= ${lim}; ${b.js} += ${st}${reeval}) {`,
        loopGuard(it, g.line(e)),
        g.historyMarker(b),
        ...body.lines,
        '}',
      );
    } else {
      const iter = emitExpr(g, e.iterable);
      const a = g.tmp('a');
      const k = g.tmp('k');
      g.pushScope();
      const isMap = iter.type.k === 'map';
      const elem = iter.type.k === 'array' ? iter.type.elem : iter.type.k === 'map' ? iter.type.value : T.unknown;
      const keyT = iter.type.k === 'map' ? iter.type.key : T.int;
      const item = g.declare(e.item.name, varName(e.item.name, e.item.id), elem, 'none', e.item.id);
      const index = e.index ? g.declare(e.index.name, varName(e.index.name, e.index.id), keyT, 'none', e.index.id) : null;
      try {
        body = emitBlockValue(g, e.body, bodySink, expected);
      } finally {
        g.popScope();
      }
      lines.push(`const ${a} = ${iter.code};`);
      if (isMap) {
        lines.push(`if (${a} !== null) for (const [${index ? index.js : k}, ${item.js}] of ${a}) {`);
      } else {
        lines.push(
          `if (${a} !== null) for (let ${k} = 0, $n = $rt.iterLength(${a}); ${k} < $n; ${k}++) {`,
          `const ${item.js} = $rt.iterItem(${a}, ${k});`,
          index ? `const ${index.js} = $rt.iterKey(${a}, ${k});` : '',
        );
      }
      lines.push(loopGuard(it, g.line(e)), g.historyMarker(item), index ? g.historyMarker(index) : '', ...body.lines, '}');
    }
  } finally {
    g.loopDepth--;
  }
  if (result) {
    lines.unshift(`let ${result} = ${naLiteral(expected ?? body.type)};`);
    lines.push(sink!(result));
  }
  return { lines: ['{', ...lines, '}'], type: body.type };
}

function emitExprType(e: Expression): string {
  return e.kind === 'NumberLiteral' && e.isFloat ? 'float' : 'int';
}
