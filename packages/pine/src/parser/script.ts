// Whole-script parsing: tokens → Script, version handling, and the never-throw guarantee.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { computeLineStarts } from '../diagnostics/position.js';
import { tokenize } from '../lexer/index.js';
import type { Annotation, Script, Statement } from './ast.js';
import { parseStatement } from './statement.js';
import { Parser } from './state.js';

export interface ParseOptions {
  /** Used only for messages by callers; kept for symmetry with the checker. */
  fileName?: string;
}

export interface ParseResult {
  ast: Script;
  diagnostics: Diagnostic[];
}

/** Oldest and newest language versions the front end accepts. */
export const MIN_SUPPORTED_VERSION = 5;
export const MAX_SUPPORTED_VERSION = 6;

export function parse(source: string, options: ParseOptions = {}): ParseResult {
  try {
    return parseScript(source, options);
  } catch (e) {
    // Last line of defence for the never-throw guarantee (the statement loop has its own).
    const message = `Internal parser error: ${e instanceof Error ? e.message : String(e)}`;
    const ast: Script = { kind: 'Script', id: 1, span: { start: 0, end: source.length }, version: null, annotations: [], body: [], lineStarts: computeLineStarts(source) };
    return { ast, diagnostics: [{ severity: 'error', message, span: { start: 0, end: 0 }, line: 1, column: 1, code: 'internal' }] };
  }
}

function parseScript(source: string, _options: ParseOptions): ParseResult {
  const lineStarts = computeLineStarts(source);
  const lexed = tokenize(source);
  const p = new Parser(source, lexed.tokens, lineStarts);
  for (const d of lexed.diagnostics) p.error(d.message, d.start, d.end);

  const annotations: Annotation[] = lexed.annotations.map((a) =>
    p.finish<Annotation>({ kind: 'Annotation', name: a.name, value: a.value }, a.start),
  );
  // finish() ends spans at the parser's last token; annotations know their own extent.
  lexed.annotations.forEach((a, i) => (annotations[i]!.span = { start: a.start, end: a.end }));

  let version: number | null = null;
  const versionNote = lexed.annotations.find((a) => a.name === 'version' && a.assigned);
  const versionDigits = versionNote ? /^(\d+)(?!\S)/.exec(versionNote.value) : null;
  if (versionDigits) version = Number(versionDigits[1]);
  checkVersion(p, version, versionNote);
  // `switch` became a keyword in v5; older scripts use it as a variable name.
  if (version !== null && version < 5) {
    for (const t of lexed.tokens) if (t.type === 'keyword' && t.value === 'switch') t.type = 'ident';
  }

  const body: Statement[] = [];
  try {
    while (!p.isType('eof')) {
      const before = p.pos;
      if (p.isType('newline') || p.isType('dedent')) p.next();
      else parseStatement(p, body);
      if (p.pos === before) p.next();
      if (p.pos === before) break;
    }
  } catch (e) {
    // A bug in the parser must not escape the public API: report it at the current token.
    const t = p.peek();
    p.error(`Internal parser error: ${e instanceof Error ? e.message : String(e)}`, t.start, t.end, 'internal');
  }
  attachDocs(source, body, annotations);
  const ast = p.finish<Script>({ kind: 'Script', version, annotations, body, lineStarts }, 0);
  ast.span = { start: 0, end: source.length };
  return { ast, diagnostics: finalDiagnostics(p.diagnostics, lexed.diagnostics.length) };
}

const DOC_NAMES: ReadonlySet<string> = new Set(['function', 'param', 'returns', 'type', 'field', 'enum', 'variable']);

/**
 * Gives each top-level declaration the doc annotations written on the lines directly above it
 * (between the previous statement and this one).
 */
function attachDocs(source: string, body: Statement[], annotations: Annotation[]): void {
  const docs = annotations.filter((a) => DOC_NAMES.has(a.name));
  if (docs.length === 0) return;
  let k = 0;
  let prevEnd = 0;
  for (const stmt of body) {
    const mine: Annotation[] = [];
    while (k < docs.length && docs[k]!.span.start < stmt.span.start) {
      if (docs[k]!.span.start >= prevEnd) mine.push(docs[k]!);
      k++;
    }
    prevEnd = stmt.span.end;
    if (mine.length === 0) continue;
    // Only comment lines (no blank line, no code) may stand between the docs and the statement.
    const between = source.slice(mine[mine.length - 1]!.span.end, stmt.span.start).split(/\r\n|\r|\n/);
    if (between.slice(1, -1).some((line) => !line.trim().startsWith('//'))) continue;
    if (
      stmt.kind === 'FunctionDeclaration' ||
      stmt.kind === 'TypeDeclaration' ||
      stmt.kind === 'EnumDeclaration' ||
      stmt.kind === 'VarDeclaration'
    ) {
      stmt.docs = mine;
    }
  }
}

/**
 * Sorted diagnostics, without parser errors on lines where the lexer already reported one (an
 * unknown character or unterminated string would otherwise be followed by a confusing cascade).
 */
function finalDiagnostics(all: Diagnostic[], lexerCount: number): Diagnostic[] {
  const lexerLines = new Set(all.slice(0, lexerCount).map((d) => d.line));
  const kept = all.filter((d, i) => i < lexerCount || d.code !== 'syntax' || !lexerLines.has(d.line));
  return kept.sort((a, b) => a.span.start - b.span.start);
}

function checkVersion(p: Parser, version: number | null, note: { start: number; end: number } | undefined): void {
  if (version === null) {
    p.report(
      'warning',
      `No '//@version=${MAX_SUPPORTED_VERSION}' annotation: the script is parsed as Pine Script v${MAX_SUPPORTED_VERSION}`,
      0,
      0,
      'missing-version',
    );
    return;
  }
  if (version < MIN_SUPPORTED_VERSION || version > MAX_SUPPORTED_VERSION) {
    p.report(
      'error',
      `Pine Script v${version} is not supported: PineBack runs v${MIN_SUPPORTED_VERSION} and v${MAX_SUPPORTED_VERSION} scripts`,
      note!.start,
      note!.end,
      'unsupported-version',
    );
  }
}
