// Statements: declarations (`=` always declares in Pine), tuple declarations, reassignments
// (`:=`, `+=` …), expression statements, and dispatch to control structures and declarations
// of functions/types/enums/imports. Each statement is parsed inside a recovery boundary.
import type {
  Assignment,
  AssignmentOperator,
  DeclarationMode,
  ErrorStatement,
  Identifier,
  Qualifier,
  Statement,
  TupleDeclaration,
  TypeRef,
  VarDeclaration,
} from './ast.js';
import { describeToken } from '../lexer/index.js';
import { endOfLine, isControlStart, parseControl } from './control.js';
import { parseEnum, parseFunction, parseImport, parseTypeDeclaration } from './declaration.js';
import { parseExpression, parseIdentifier, parseValue } from './expression.js';
import { ParseAbort, type Parser } from './state.js';
import { tryParseType } from './types.js';

const ASSIGNMENT_OPERATORS: ReadonlySet<string> = new Set([':=', '+=', '-=', '*=', '/=', '%=']);
const QUALIFIERS: ReadonlySet<string> = new Set(['const', 'simple', 'series']);

/** One statement and its end of line; on a syntax error, skips the line (and its block). */
export function parseStatement(p: Parser, out: Statement[]): void {
  const start = p.start;
  const depth = p.depth;
  try {
    parseStatementList(p, out);
    endOfLine(p);
  } catch (e) {
    if (!(e instanceof ParseAbort)) throw e;
    p.depth = depth;
    p.synchronize();
    out.push(p.finish<ErrorStatement>({ kind: 'ErrorStatement' }, start));
  }
}

/** Statements on one line separated by commas (`a := 1, b := 2`); a trailing comma is allowed. */
export function parseStatementList(p: Parser, out: Statement[]): void {
  out.push(parseStatementCore(p));
  while (p.prevType !== 'dedent' && p.eat(',')) {
    const t = p.peek();
    if (t.type === 'newline' || t.type === 'eof' || t.type === 'dedent') break;
    out.push(parseStatementCore(p));
  }
}

/** One statement without its end of line (also used for single-line `=>` bodies). */
export function parseStatementCore(p: Parser): Statement {
  const t = p.peek();
  const start = t.start;
  if (t.type === 'keyword') {
    if (isControlStart(p)) return parseControl(p);
    if (t.value === 'break' || t.value === 'continue') {
      p.next();
      return p.finish({ kind: t.value === 'break' ? 'Break' : 'Continue' }, start);
    }
    if (t.value === 'var') {
      p.next();
      return parseDeclarationTail(p, start, 'var', false);
    }
  } else if (t.type === 'ident') {
    const decl = parseWordStatement(p, start);
    if (decl !== null) return decl;
  } else if (t.type === 'punct' && t.value === '[' && isTupleDeclaration(p)) {
    return parseTupleDeclaration(p, start);
  } else if (t.type === 'indent') {
    p.fail('Invalid indentation');
  }
  const target = parseExpression(p);
  const op = p.peek();
  if (op.type === 'punct' && ASSIGNMENT_OPERATORS.has(op.value)) {
    p.next();
    const value = parseValue(p);
    return p.finish<Assignment>({ kind: 'Assignment', operator: op.value as AssignmentOperator, target, value }, start);
  }
  return p.finish({ kind: 'ExpressionStatement', expression: target }, start);
}

/** Statements introduced by an identifier or a contextual keyword; null for expression statements. */
function parseWordStatement(p: Parser, start: number): Statement | null {
  const word = p.peek().value;
  const nextIsIdent = p.isIdent(undefined, 1);
  if (nextIsIdent) {
    switch (word) {
      case 'import':
        return parseImport(p, start);
      case 'export':
        p.next();
        return parseExported(p, start);
      case 'type':
        if (p.isType('newline', 2)) return parseTypeDeclaration(p, start, false);
        break;
      case 'enum':
        if (p.isType('newline', 2)) return parseEnum(p, start, false);
        break;
      case 'method':
        if (p.is('(', 2)) {
          p.next();
          return parseFunction(p, start, false, true);
        }
        break;
      case 'varip':
        p.next();
        return parseDeclarationTail(p, start, 'varip', false);
      default:
        break;
    }
  }
  if (p.is('(', 1) && isFunctionDeclaration(p)) return parseFunction(p, start, false, false);
  if (p.is('=', 1)) return parseDeclarationTail(p, start, 'none', false);
  if (QUALIFIERS.has(word) && nextIsIdent) return parseDeclarationTail(p, start, 'none', false);
  // `Type name = …` (types may be dotted, generic or `T[]`).
  const mark = p.mark();
  const isTypedDeclaration = tryParseType(p) !== null && p.isIdent() && p.is('=', 1);
  p.reset(mark);
  return isTypedDeclaration ? parseDeclarationTail(p, start, 'none', false) : null;
}

function parseExported(p: Parser, start: number): Statement {
  const word = p.peek().value;
  if (word === 'method' && p.isIdent(undefined, 1)) {
    p.next();
    return parseFunction(p, start, true, true);
  }
  if (word === 'type' && p.isIdent(undefined, 1)) return parseTypeDeclaration(p, start, true);
  if (word === 'enum' && p.isIdent(undefined, 1)) return parseEnum(p, start, true);
  if (p.is('(', 1)) return parseFunction(p, start, true, false);
  return parseDeclarationTail(p, start, 'none', true);
}

/** After `var`/`varip`/`export` (if any): `[qualifier] [type] name = value`. */
export function parseDeclarationTail(p: Parser, start: number, mode: DeclarationMode, isExport: boolean): VarDeclaration {
  let qualifier: Qualifier | null = null;
  if (QUALIFIERS.has(p.peek().value) && p.isIdent() && p.isIdent(undefined, 1)) qualifier = p.next().value as Qualifier;
  let type: TypeRef | null = null;
  if (!(p.isIdent() && p.is('=', 1))) {
    type = tryParseType(p);
    if (type === null) p.fail(`Mismatched input '${describeToken(p.peek())}' expecting 'identifier'`);
  }
  const name = parseIdentifier(p);
  p.expect('=');
  const init = parseValue(p);
  return p.finish<VarDeclaration>({ kind: 'VarDeclaration', mode, qualifier, type, name, init, isExport }, start);
}

/** `[a, b] = …`: a bracket group followed by a plain `=`. */
function isTupleDeclaration(p: Parser): boolean {
  let depth = 0;
  for (let k = 0; ; k++) {
    const t = p.peek(k);
    if (t.type === 'newline' || t.type === 'eof') return false;
    if (t.type !== 'punct') continue;
    if (t.value === '[') depth++;
    else if (t.value === ']' && --depth === 0) return p.is('=', k + 1);
  }
}

/** `name(…) =>`: the parenthesised group after the name is followed by `=>`. */
function isFunctionDeclaration(p: Parser): boolean {
  let depth = 0;
  for (let k = 1; ; k++) {
    const t = p.peek(k);
    if (t.type === 'newline' || t.type === 'eof') return false;
    if (t.type !== 'punct') continue;
    if (t.value === '(') depth++;
    else if (t.value === ')' && --depth === 0) return p.is('=>', k + 1);
  }
}

function parseTupleDeclaration(p: Parser, start: number): TupleDeclaration {
  p.expect('[');
  const names: Identifier[] = [];
  do names.push(parseIdentifier(p));
  while (p.eat(','));
  p.expect(']');
  p.expect('=');
  const init = parseValue(p);
  return p.finish<TupleDeclaration>({ kind: 'TupleDeclaration', names, init }, start);
}
