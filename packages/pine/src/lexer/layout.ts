// Pine's line structure → layout tokens.
//
// - A physical line whose indentation is not a multiple of 4 (a tab counts as 4) continues the
//   previous logical line (Pine's line-wrapping rule).
// - Inside open parentheses/brackets every line break is insignificant, whatever the indentation
//   (except at column 0, see the recovery note below).
// - Otherwise a line ends the previous logical line (`newline`) and its indentation opens
//   (`indent`) or closes (`dedent`, possibly several) blocks, as in Python.
// - A deeper line that cannot open a block — the previous logical line is not a block header
//   (no `if`/`else`/`for`/`while`/`switch`, not `type`/`enum`, not ending in `=>`) — also continues
//   it. TradingView accepts such wraps at multiples of 4 (real scripts rely on it, e.g. a line
//   ending in `and` followed by a line indented by 4).
import type { LexDiagnostic, RawToken } from './scan.js';
import type { Token } from './token.js';

const BLOCK_KEYWORDS: ReadonlySet<string> = new Set(['if', 'else', 'for', 'while', 'switch']);

export function layout(raw: readonly RawToken[], sourceLength: number, diagnostics: LexDiagnostic[]): Token[] {
  const out: Token[] = [];
  const stack = [0];
  const virtual = [false];
  let depth = 0;
  let lineOpen = false;
  let lastEnd = 0;
  let header = false;
  let tokensInLine = 0;
  let prevWord = '';
  let lastValue = '';
  for (const t of raw) {
    // Recovery for a forgotten `)`/`]`: a line at column 0 that does not start with a closer
    // cannot be inside the group (no corpus script wraps arguments to column 0), so the group
    // ends here and the parser reports the missing closer at the end of the previous line.
    if (depth > 0 && t.indent === 0 && !(t.type === 'punct' && (t.value === ')' || t.value === ']'))) depth = 0;
    if (t.indent !== undefined && depth === 0) {
      const ind = t.indent;
      const top0 = stack[stack.length - 1]!;
      const opensBlock = header || lastValue === '=>';
      const continuation = lineOpen && (ind % 4 !== 0 || (ind > top0 && !opensBlock));
      if (!continuation) {
        header = false;
        tokensInLine = 0;
        if (lineOpen) out.push({ type: 'newline', value: '', start: lastEnd, end: lastEnd });
        let top = stack[stack.length - 1]!;
        if (ind > top) {
          stack.push(ind);
          virtual.push(false);
          out.push({ type: 'indent', value: '', start: t.start, end: t.start });
        } else {
          while (ind < top) {
            stack.pop();
            // A virtual level was never announced with an indent, so it closes silently.
            if (!virtual.pop()) out.push({ type: 'dedent', value: '', start: t.start, end: t.start });
            top = stack[stack.length - 1]!;
          }
          if (ind > top) {
            // Dedent to a level that was never opened: report it once, then keep the line (and
            // its siblings) in the enclosing block through a virtual level.
            diagnostics.push({ message: 'Invalid indentation', start: t.start, end: t.end });
            stack.push(ind);
            virtual.push(true);
          }
        }
      }
    }
    const tok: Token = { type: t.type, value: t.value, start: t.start, end: t.end };
    if (t.raw !== undefined) tok.raw = t.raw;
    out.push(tok);
    // `type Name` / `enum Name` (optionally after `export`) open a member block.
    if (t.type === 'ident' && (t.value === 'type' || t.value === 'enum')) {
      if (tokensInLine === 0 || (tokensInLine === 1 && prevWord === 'export')) header = true;
    }
    tokensInLine++;
    prevWord = t.value;
    lineOpen = true;
    lastEnd = t.end;
    lastValue = t.type === 'punct' ? t.value : '';
    if (t.type === 'keyword' && BLOCK_KEYWORDS.has(t.value)) header = true;
    if (t.type === 'punct') {
      const v = t.value;
      if (v === '(' || v === '[') depth++;
      else if ((v === ')' || v === ']') && depth > 0) depth--;
    }
  }
  if (lineOpen) out.push({ type: 'newline', value: '', start: lastEnd, end: lastEnd });
  for (let k = 1; k < stack.length; k++) if (!virtual[k]) out.push({ type: 'dedent', value: '', start: sourceLength, end: sourceLength });
  out.push({ type: 'eof', value: '', start: sourceLength, end: sourceLength });
  return out;
}
