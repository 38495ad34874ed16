// Lexer entry point: source → tokens with Pine layout applied, plus annotations and diagnostics.
import { layout } from './layout.js';
import { scan, type AnnotationText, type LexDiagnostic } from './scan.js';
import type { Token } from './token.js';

export type { Token, TokenType } from './token.js';
export { END_OF_LINE, KEYWORDS, describeToken } from './token.js';
export type { AnnotationText, LexDiagnostic } from './scan.js';

export interface TokenizeResult {
  tokens: Token[];
  annotations: AnnotationText[];
  diagnostics: LexDiagnostic[];
}

export function tokenize(source: string): TokenizeResult {
  const { tokens: raw, annotations, diagnostics } = scan(source);
  const tokens = layout(raw, source.length, diagnostics);
  return { tokens, annotations, diagnostics };
}
