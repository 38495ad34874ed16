// Custom-variable math expressions: a small whitelist tokenizer so user text can only reference known
// names, numbers, arithmetic and a few math functions; anything else is reported, never emitted.

const FUNCTIONS = new Set(['math.abs', 'math.max', 'math.min', 'math.sqrt', 'math.log', 'math.exp', 'math.pow', 'math.round', 'math.avg', 'nz']);
const PRICES = new Set(['open', 'high', 'low', 'close', 'volume', 'hl2', 'hlc3', 'ohlc4']);

export interface ExpressionCheck {
  ok: boolean;
  error: string | null;
  /** Names the expression reads (known variables or indicator outputs). */
  references: string[];
}

const TOKEN = /\s*(?:(\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?)|(\*\*|[-+*/%(),]))/y;

/** Checks `text` against the names in scope; returns the first problem, worded for the builder form. */
export function checkExpression(text: string, known: ReadonlySet<string>): ExpressionCheck {
  const refs: string[] = [];
  const trimmed = text.trim();
  if (!trimmed) return { ok: false, error: 'expression is empty', references: refs };
  let pos = 0;
  let depth = 0;
  let expectOperand = true;
  while (pos < text.length) {
    if (/^\s*$/.test(text.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(text);
    if (!m) return { ok: false, error: `unexpected character '${text.slice(pos).trim()[0]}'`, references: refs };
    pos = TOKEN.lastIndex;
    const [, num, name, op] = m;
    if (num !== undefined) {
      if (!expectOperand) return { ok: false, error: `missing operator before ${num}`, references: refs };
      expectOperand = false;
    } else if (name !== undefined) {
      if (!expectOperand) return { ok: false, error: `missing operator before ${name}`, references: refs };
      if (FUNCTIONS.has(name)) {
        TOKEN.lastIndex = pos;
        const next = TOKEN.exec(text);
        if (!next || next[3] !== '(') return { ok: false, error: `${name} must be called, e.g. ${name}(x)`, references: refs };
        continue; // '(' is handled on the next iteration with expectOperand still true
      }
      if (!PRICES.has(name) && !known.has(name)) return { ok: false, error: `unknown name '${name}'`, references: refs };
      if (!PRICES.has(name)) refs.push(name);
      expectOperand = false;
    } else if (op === '(') {
      if (!expectOperand) return { ok: false, error: "missing operator before '('", references: refs };
      depth++;
    } else if (op === ')') {
      if (expectOperand || depth === 0) return { ok: false, error: "unexpected ')'", references: refs };
      depth--;
    } else if (op === ',') {
      if (expectOperand || depth === 0) return { ok: false, error: "unexpected ','", references: refs };
      expectOperand = true;
    } else if (op === '**') {
      return { ok: false, error: "use math.pow(x, y) instead of '**'", references: refs };
    } else {
      // + and - may be unary.
      if (expectOperand && op !== '-' && op !== '+') return { ok: false, error: `unexpected '${op}'`, references: refs };
      expectOperand = true;
    }
  }
  if (expectOperand) return { ok: false, error: 'expression ends with an operator', references: refs };
  if (depth !== 0) return { ok: false, error: "missing ')'", references: refs };
  return { ok: true, error: null, references: refs };
}

export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
