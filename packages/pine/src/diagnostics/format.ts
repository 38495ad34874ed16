// Human-readable rendering of a diagnostic with a caret snippet:
//
//   file.pine:3:5: error: Mismatched input 'x' expecting 'end of line'
//      3 | a = 1 x
//        |       ^
import type { Diagnostic } from './diagnostic.js';
import { computeLineStarts, lineColumnFromStarts } from './position.js';

export function formatDiagnostic(source: string, file: string, diag: Diagnostic): string {
  const starts = computeLineStarts(source);
  const { line, column } = lineColumnFromStarts(starts, Math.min(diag.span.start, source.length));
  const header = `${file}:${line}:${column}: ${diag.severity}: ${diag.message}`;
  const lineStart = starts[line - 1] ?? 0;
  const nextStart = starts[line] ?? source.length + 1;
  const text = source.slice(lineStart, nextStart).replace(/\r?\n$|\r$/, '');
  // Underline the span's part on the first line; at least one caret.
  const endOnLine = Math.min(Math.max(diag.span.end, diag.span.start + 1), lineStart + text.length + 1);
  const width = Math.max(1, endOnLine - diag.span.start);
  const gutter = String(line);
  const pad = ' '.repeat(gutter.length);
  // Keep tabs in the caret line so the caret lines up under tabbed source.
  const lead = text.slice(0, column - 1).replace(/[^\t]/g, ' ');
  return `${header}\n ${gutter} | ${text}\n ${pad} | ${lead}${'^'.repeat(width)}`;
}

export function formatDiagnostics(source: string, file: string, diags: readonly Diagnostic[]): string {
  return diags.map((d) => formatDiagnostic(source, file, d)).join('\n');
}
