// Control structures: if / switch / for / for…in / while. Each is both a statement and, on the
// right of `=`/`:=`, an expression whose value is its block's last value.
import { END_OF_LINE, describeToken } from '../lexer/index.js';
import type { Block, Expression, ForIn, ForTo, Identifier, If, Statement, Switch, SwitchCase, While } from './ast.js';
import { parseExpression, parseIdentifier } from './expression.js';
import { ParseAbort, type Parser } from './state.js';
import { tryParseType } from './types.js';
import { parseStatement, parseStatementList } from './statement.js';

export type Control = If | Switch | ForTo | ForIn | While;

export function isControlStart(p: Parser): boolean {
  const t = p.peek();
  return t.type === 'keyword' && (t.value === 'if' || t.value === 'switch' || t.value === 'for' || t.value === 'while');
}

export function parseControl(p: Parser): Control {
  switch (p.peek().value) {
    case 'if':
      return parseIf(p);
    case 'switch':
      return parseSwitch(p);
    case 'for':
      return parseFor(p);
    default:
      return parseWhile(p);
  }
}

/** `newline indent statements dedent`. */
export function parseBlock(p: Parser): Block {
  p.expectType('newline', END_OF_LINE);
  const start = p.start;
  if (!p.isType('indent')) p.fail(`Mismatched input '${describeToken(p.peek())}' expecting 'indented block'`);
  p.next();
  p.enter();
  const body = parseStatementsUntilDedent(p);
  p.leave();
  const block = p.finish<Block>({ kind: 'Block', body }, start);
  if (p.isType('dedent')) p.next();
  return block;
}

/** Statements of a block up to (not including) its closing dedent. */
export function parseStatementsUntilDedent(p: Parser): Statement[] {
  const body: Statement[] = [];
  while (!p.isType('dedent') && !p.isType('eof')) {
    const before = p.pos;
    if (p.isType('newline')) {
      p.next();
      continue;
    }
    parseStatement(p, body);
    if (p.pos === before) p.next(); // never loop without progress
  }
  return body;
}

function parseIf(p: Parser): If {
  const start = p.start;
  p.expect('if');
  const condition = parseExpression(p);
  const consequent = parseBlock(p);
  let alternate: Block | If | null = null;
  if (p.is('else')) {
    p.next();
    alternate = p.is('if') ? parseIf(p) : parseBlock(p);
  }
  return p.finish<If>({ kind: 'If', condition, consequent, alternate }, start);
}

function parseSwitch(p: Parser): Switch {
  const start = p.start;
  p.expect('switch');
  const subject: Expression | null = p.isType('newline') ? null : parseExpression(p);
  p.expectType('newline', END_OF_LINE);
  if (!p.isType('indent')) p.fail(`Mismatched input '${describeToken(p.peek())}' expecting 'indented block'`);
  p.next();
  const cases: SwitchCase[] = [];
  while (!p.isType('dedent') && !p.isType('eof')) {
    if (p.isType('newline')) {
      p.next();
      continue;
    }
    const before = p.pos;
    const depth = p.depth;
    try {
      const caseStart = p.start;
      const test = p.is('=>') ? null : parseExpression(p);
      p.expect('=>');
      const body = parseArmBody(p);
      endOfLine(p);
      cases.push(p.finish<SwitchCase>({ kind: 'SwitchCase', test, body }, caseStart));
    } catch (e) {
      if (!(e instanceof ParseAbort)) throw e;
      p.depth = depth;
      p.synchronize();
      if (p.pos === before) p.next();
    }
  }
  if (p.isType('dedent')) p.next();
  return p.finish<Switch>({ kind: 'Switch', subject, cases }, start);
}

/**
 * Body after `=>` (switch arms, functions): an indented block on the next lines, or one statement
 * on the same line (wrapped in a Block); the caller checks the end of line.
 */
export function parseArmBody(p: Parser): Block {
  if (p.isType('newline')) return parseBlock(p);
  const start = p.start;
  const body: Statement[] = [];
  parseStatementList(p, body);
  return p.finish<Block>({ kind: 'Block', body }, start);
}

/** A simple line must end here unless it ended with a block (which consumed its own dedent). */
export function endOfLine(p: Parser): void {
  if (p.prevType === 'dedent') return;
  const t = p.peek();
  if (t.type === 'newline') {
    p.next();
    return;
  }
  if (t.type === 'eof' || t.type === 'dedent') return;
  p.fail(`Mismatched input '${describeToken(t)}' expecting '${END_OF_LINE}'`);
}

function parseFor(p: Parser): ForTo | ForIn {
  const start = p.start;
  p.expect('for');
  if (p.is('[')) {
    p.next();
    const index = parseIdentifier(p);
    p.expect(',');
    const item = parseIdentifier(p);
    p.expect(']');
    return finishForIn(p, start, index, item);
  }
  // `for int i = 0 to n`: an optional counter type.
  const counterType = p.isIdent() && !p.isIdent('in', 1) && !p.is('=', 1) ? tryParseType(p) : null;
  const counter = parseIdentifier(p);
  if (counterType === null && p.isIdent('in')) return finishForIn(p, start, null, counter);
  p.expect('=');
  const from = parseExpression(p);
  if (!p.isIdent('to')) p.fail(`Mismatched input '${describeToken(p.peek())}' expecting 'to'`);
  p.next();
  const to = parseExpression(p);
  let step: Expression | null = null;
  if (p.isIdent('by')) {
    p.next();
    step = parseExpression(p);
  }
  const body = parseBlock(p);
  return p.finish<ForTo>({ kind: 'ForTo', counter, counterType, from, to, step, body }, start);
}

function finishForIn(p: Parser, start: number, index: Identifier | null, item: Identifier): ForIn {
  if (!p.isIdent('in')) p.fail(`Mismatched input '${describeToken(p.peek())}' expecting 'in'`);
  p.next();
  const iterable = parseExpression(p);
  const body = parseBlock(p);
  return p.finish<ForIn>({ kind: 'ForIn', index, item, iterable, body }, start);
}

function parseWhile(p: Parser): While {
  const start = p.start;
  p.expect('while');
  const condition = parseExpression(p);
  const body = parseBlock(p);
  return p.finish<While>({ kind: 'While', condition, body }, start);
}
