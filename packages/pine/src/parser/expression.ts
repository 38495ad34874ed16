// Expressions, by Pine precedence (lowest first):
//   ?:  →  or  →  and  →  == !=  →  < > <= >=  →  + -  →  * / %  →  unary - + not  →  postfix
// Postfix: member `.name`, call `(…)` with optional `<types>`, history `[n]`.
import { describeToken } from '../lexer/index.js';
import type {
  Argument,
  Binary,
  BinaryOperator,
  Call,
  Expression,
  HistoryAccess,
  Identifier,
  MemberExpression,
  Paren,
  Ternary,
  Tuple,
  TypeRef,
  Unary,
  UnaryOperator,
} from './ast.js';
import { parseControl, isControlStart } from './control.js';
import { parseColor, parseNumber } from './literals.js';
import type { Parser } from './state.js';
import { tryParseTypeArgs } from './types.js';

/**
 * An expression in a position where a value-returning `if`/`switch`/`for`/`while` may also
 * appear (right-hand sides, single-line bodies).
 */
export function parseValue(p: Parser): Expression {
  if (isControlStart(p)) return parseControl(p);
  return parseExpression(p);
}

export function parseExpression(p: Parser): Expression {
  p.enter();
  const e = parseTernary(p);
  p.leave();
  return e;
}

function parseTernary(p: Parser): Expression {
  const start = p.start;
  const test = parseBinary(p, 0);
  if (!p.is('?')) return test;
  p.next();
  const consequent = parseExpression(p);
  p.expect(':');
  const alternate = parseExpression(p);
  return p.finish<Ternary>({ kind: 'Ternary', test, consequent, alternate }, start);
}

// Binary levels, lowest first.
const LEVELS: readonly (readonly string[])[] = [
  ['or'],
  ['and'],
  ['==', '!='],
  ['<', '>', '<=', '>='],
  ['+', '-'],
  ['*', '/', '%'],
];

function parseBinary(p: Parser, level: number): Expression {
  if (level === LEVELS.length) return parseUnary(p);
  const start = p.start;
  let left = parseBinary(p, level + 1);
  const ops = LEVELS[level]!;
  for (;;) {
    const t = p.peek();
    if ((t.type !== 'punct' && t.type !== 'keyword') || !ops.includes(t.value)) return left;
    p.next();
    const right = parseBinary(p, level + 1);
    left = p.finish<Binary>({ kind: 'Binary', operator: t.value as BinaryOperator, left, right }, start);
  }
}

function parseUnary(p: Parser): Expression {
  if (p.is('-') || p.is('+') || p.is('not')) {
    const start = p.start;
    const operator = p.next().value as UnaryOperator;
    p.enter();
    const argument = parseUnary(p);
    p.leave();
    return p.finish<Unary>({ kind: 'Unary', operator, argument }, start);
  }
  return parsePostfix(p);
}

function parsePostfix(p: Parser): Expression {
  const start = p.start;
  let expr = parsePrimary(p);
  for (;;) {
    if (p.is('.')) {
      p.next();
      const property = parseIdentifier(p);
      expr = p.finish<MemberExpression>({ kind: 'MemberExpression', object: expr, property }, start);
    } else if (p.is('(')) {
      expr = parseCall(p, expr, [], start);
    } else if (p.is('[')) {
      p.next();
      const index = parseExpression(p);
      p.expect(']');
      expr = p.finish<HistoryAccess>({ kind: 'HistoryAccess', object: expr, index }, start);
    } else if (p.is('<') && (expr.kind === 'Identifier' || expr.kind === 'MemberExpression')) {
      // `array.new<float>(…)`: only a generic call if type arguments and `(` follow.
      const mark = p.mark();
      const typeArgs = tryParseTypeArgs(p);
      if (typeArgs === null || !p.is('(')) {
        p.reset(mark);
        return expr;
      }
      expr = parseCall(p, expr, typeArgs, start);
    } else {
      return expr;
    }
  }
}

function parseCall(p: Parser, callee: Expression, typeArgs: TypeRef[], start: number): Call {
  p.expect('(');
  const args: Argument[] = [];
  while (!p.is(')')) {
    if (p.isType('newline') || p.isType('eof')) break; // reported by expect(')') below
    const argStart = p.start;
    let name: Identifier | null = null;
    if (p.isIdent() && p.is('=', 1)) {
      name = parseIdentifier(p);
      p.next();
    }
    const value = parseExpression(p);
    args.push(p.finish<Argument>({ kind: 'Argument', name, value }, argStart));
    if (!p.eat(',')) break;
  }
  p.expect(')');
  return p.finish<Call>({ kind: 'Call', callee, typeArgs, args }, start);
}

export function parseIdentifier(p: Parser): Identifier {
  const t = p.expectIdent();
  return p.finish<Identifier>({ kind: 'Identifier', name: t.value }, t.start);
}

function parsePrimary(p: Parser): Expression {
  const t = p.peek();
  const start = t.start;
  switch (t.type) {
    case 'int':
    case 'float':
      p.next();
      return p.finish({ kind: 'NumberLiteral', value: parseNumber(t.value), isFloat: t.type === 'float', raw: t.value }, start);
    case 'string':
      p.next();
      return p.finish({ kind: 'StringLiteral', value: t.value, raw: t.raw ?? t.value }, start);
    case 'color':
      p.next();
      return p.finish({ kind: 'ColorLiteral', value: parseColor(t.value), raw: t.value }, start);
    case 'ident':
      p.next();
      if (t.value === 'na' && !p.is('(')) return p.finish({ kind: 'NaLiteral' }, start);
      return p.finish<Identifier>({ kind: 'Identifier', name: t.value }, start);
    case 'keyword':
      if (t.value === 'true' || t.value === 'false') {
        p.next();
        return p.finish({ kind: 'BoolLiteral', value: t.value === 'true' }, start);
      }
      break;
    case 'punct':
      if (t.value === '(') {
        p.next();
        const expression = parseExpression(p);
        p.expect(')');
        return p.finish<Paren>({ kind: 'Paren', expression }, start);
      }
      if (t.value === '[') {
        p.next();
        const elements: Expression[] = [];
        while (!p.is(']')) {
          elements.push(parseExpression(p));
          if (!p.eat(',')) break;
        }
        p.expect(']');
        return p.finish<Tuple>({ kind: 'Tuple', elements }, start);
      }
      break;
    default:
      break;
  }
  return p.fail(`Syntax error at input '${describeToken(t)}'`);
}
