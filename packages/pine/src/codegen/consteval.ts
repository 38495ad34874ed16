// Compile-time evaluation of constant arguments (input defaults and bounds, plot titles and styles,
// indicator()/strategy() parameters). Returns `undefined` when the expression is not constant.
import { BUILTIN_CONSTANTS } from '../checker/builtins.js';
import type { Expression } from '../parser/ast.js';
import type { Gen } from './context.js';
import { dottedName } from './values.js';

export const NOT_CONST: unique symbol = Symbol('not-const');

export function constEval(g: Gen, e: Expression | undefined): unknown {
  if (!e) return undefined;
  switch (e.kind) {
    case 'NumberLiteral':
      return e.value;
    case 'StringLiteral':
      return e.value;
    case 'BoolLiteral':
      return e.value;
    case 'ColorLiteral':
      return e.value >>> 0;
    case 'NaLiteral':
      return NaN;
    case 'Paren':
      return constEval(g, e.expression);
    case 'Unary': {
      const v = constEval(g, e.argument);
      if (v === NOT_CONST) return NOT_CONST;
      if (e.operator === '-' && typeof v === 'number') return -v;
      if (e.operator === '+' && typeof v === 'number') return v;
      if (e.operator === 'not' && typeof v === 'boolean') return !v;
      return NOT_CONST;
    }
    case 'Binary': {
      const a = constEval(g, e.left);
      const b = constEval(g, e.right);
      if (a === NOT_CONST || b === NOT_CONST) return NOT_CONST;
      if (typeof a === 'number' && typeof b === 'number') {
        switch (e.operator) {
          case '+':
            return a + b;
          case '-':
            return a - b;
          case '*':
            return a * b;
          case '/':
            return a / b;
          case '%':
            return a % b;
        }
      }
      if (typeof a === 'string' && typeof b === 'string' && e.operator === '+') return a + b;
      return NOT_CONST;
    }
    case 'Identifier':
    case 'MemberExpression': {
      const name = dottedName(e);
      if (!name) return NOT_CONST;
      if (e.kind === 'Identifier') {
        const b = g.scope.lookup(name);
        if (b) return b.constValue !== undefined ? b.constValue : NOT_CONST;
      }
      if (name === 'na') return NaN;
      const reg = g.registries.constants;
      if (name in reg) {
        const v = reg[name];
        return ['number', 'string', 'boolean'].includes(typeof v) ? v : NOT_CONST;
      }
      const c = BUILTIN_CONSTANTS[name];
      if (c) {
        if (c.value === undefined) return name;
        if (typeof c.value === 'number') return c.value;
        if (/^#[0-9a-f]{6}([0-9a-f]{2})?$/i.test(c.value)) return parseInt(c.value.slice(1, 7) + (c.value.slice(7) || 'ff'), 16) >>> 0;
        const n = Number(c.value);
        if (!Number.isNaN(n)) return n;
        return c.value.replace(/^"(.*)"$/, '$1');
      }
      return NOT_CONST;
    }
    case 'Call': {
      // color.new(const, const) and color.rgb(...) appear in constant positions (hline colours…).
      const name = dottedName(e.callee);
      if (name === 'color.new' && e.args.length === 2) {
        const c = constEval(g, e.args[0]!.value);
        const t = constEval(g, e.args[1]!.value);
        if (typeof c === 'number' && typeof t === 'number') {
          const alpha = Math.round(255 * (1 - t / 100));
          return ((c & 0xffffff00) | (alpha & 0xff)) >>> 0;
        }
      }
      return NOT_CONST;
    }
    default:
      return NOT_CONST;
  }
}

/** Constant value or `fallback` when absent / not constant. */
export function constOr<T>(g: Gen, e: Expression | undefined, fallback: T): unknown {
  if (!e) return fallback;
  const v = constEval(g, e);
  return v === NOT_CONST ? fallback : v;
}
