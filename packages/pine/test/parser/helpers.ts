// Shared helpers for parser tests.
import { expect } from 'vitest';
import type { Expression, Statement } from '../../src/parser/ast.js';
import { parse } from '../../src/parser/index.js';

/** Parses a v6 body (the version line is prepended) and asserts it has no diagnostics. */
export function body(code: string): Statement[] {
  const { ast, diagnostics } = parse(`//@version=6\n${code}`);
  expect(diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([]);
  return ast.body;
}

/** The single statement of `code`. */
export function stmt(code: string): Statement {
  const b = body(code);
  expect(b).toHaveLength(1);
  return b[0]!;
}

/** The expression of the single expression statement `code`. */
export function expr(code: string): Expression {
  const s = stmt(code);
  if (s.kind !== 'ExpressionStatement') throw new Error(`expected an expression statement, got ${s.kind}`);
  return s.expression;
}

/** Deep copy without `id` and `span`, for shape assertions. */
export function strip<T>(node: T): unknown {
  return JSON.parse(JSON.stringify(node, (k, v) => (k === 'id' || k === 'span' ? undefined : v)));
}

/** Compact S-expression rendering of an expression, for precedence tests. */
export function sexpr(e: Expression): string {
  switch (e.kind) {
    case 'Binary':
      return `(${e.operator} ${sexpr(e.left)} ${sexpr(e.right)})`;
    case 'Unary':
      return `(${e.operator} ${sexpr(e.argument)})`;
    case 'Ternary':
      return `(? ${sexpr(e.test)} ${sexpr(e.consequent)} ${sexpr(e.alternate)})`;
    case 'Identifier':
      return e.name;
    case 'NumberLiteral':
      return e.raw;
    case 'BoolLiteral':
      return String(e.value);
    case 'StringLiteral':
      return e.raw;
    case 'NaLiteral':
      return 'na';
    case 'Paren':
      return sexpr(e.expression);
    case 'MemberExpression':
      return `${sexpr(e.object)}.${e.property.name}`;
    case 'HistoryAccess':
      return `${sexpr(e.object)}[${sexpr(e.index)}]`;
    case 'Call':
      return `${sexpr(e.callee)}(${e.args.map((a) => (a.name ? `${a.name.name}=` : '') + sexpr(a.value)).join(', ')})`;
    case 'Tuple':
      return `[${e.elements.map(sexpr).join(', ')}]`;
    default:
      return `<${e.kind}>`;
  }
}
