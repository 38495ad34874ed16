// Diagnostics shared by every compile stage (parser, checker): what went wrong and where.
import type { Span } from '../parser/ast.js';

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  severity: Severity;
  /** Worded like TradingView's compiler messages, e.g.
   *  "Mismatched input 'x' expecting 'end of line without line continuation'". */
  message: string;
  span: Span;
  /** 1-based position of `span.start`. */
  line: number;
  column: number;
  /** Stable machine-readable identifier, e.g. `syntax`, `unsupported-version`. */
  code?: string;
}
