// Token shapes produced by the lexer. Layout tokens (newline/indent/dedent) are synthesised from
// line structure, so the parser sees Python-like blocks.

export type TokenType =
  | 'ident'
  | 'keyword'
  | 'int'
  | 'float'
  | 'string'
  | 'color'
  | 'punct'
  | 'newline'
  | 'indent'
  | 'dedent'
  | 'eof';

export interface Token {
  type: TokenType;
  /** Source text for words, numbers, punctuation; the resolved value for strings; '' for layout tokens. */
  value: string;
  start: number;
  end: number;
  /** Strings only: the literal as written, quotes included. */
  raw?: string;
}

/** Words that can never be identifiers. Context-dependent words (`type`, `method`, `enum`, `import`,
 *  `export`, `as`, `to`, `by`, `in`, `const`, `simple`, `series`, `varip`) stay identifiers and the
 *  parser recognises them by position, because real scripts use several of them as variable names. */
export const KEYWORDS: ReadonlySet<string> = new Set([
  'and',
  'or',
  'not',
  'if',
  'else',
  'for',
  'while',
  'switch',
  'var',
  'true',
  'false',
  'break',
  'continue',
]);

/** Punctuation, longest first within each leading character (the scanner tries them in order). */
export const PUNCTUATION: readonly string[] = [
  ':=',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '=>',
  '==',
  '!=',
  '<=',
  '>=',
  '<',
  '>',
  '=',
  '+',
  '-',
  '*',
  '/',
  '%',
  '?',
  ':',
  '(',
  ')',
  '[',
  ']',
  ',',
  '.',
];

/** TradingView's name for a line end in syntax errors ("Mismatched input 'x' expecting 'end of
 *  line without line continuation'"). */
export const END_OF_LINE = 'end of line without line continuation';

/** How a token is named in messages, following TradingView's wording. */
export function describeToken(tok: Token): string {
  switch (tok.type) {
    case 'newline':
    case 'eof':
      return END_OF_LINE;
    case 'indent':
      return 'indent';
    case 'dedent':
      return 'dedent';
    case 'string':
      return tok.raw ?? tok.value;
    default:
      return tok.value;
  }
}
