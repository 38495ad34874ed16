// Character-level scanner: source → raw tokens (no layout yet), plus `//@` annotations and
// lexical diagnostics. Comments are dropped; each token that starts a physical line is marked
// with that line's indentation so `layout.ts` can apply Pine's block and line-wrapping rules.
import type { Token } from './token.js';
import { KEYWORDS, PUNCTUATION } from './token.js';

export interface RawToken extends Token {
  /** Set on the first token of a physical line: indentation width (a tab counts as 4). */
  indent?: number;
}

export interface AnnotationText {
  name: string;
  value: string;
  /** Written as `//@name=value` (how `//@version=N` must look). */
  assigned: boolean;
  start: number;
  end: number;
}

export interface LexDiagnostic {
  message: string;
  start: number;
  end: number;
}

export interface ScanResult {
  tokens: RawToken[];
  annotations: AnnotationText[];
  diagnostics: LexDiagnostic[];
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isHex = (c: number): boolean => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
const isIdentStart = (c: number): boolean =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127;
const isIdentPart = (c: number): boolean => isIdentStart(c) || isDigit(c);

// Punctuation grouped by first character for a quick lookup.
const PUNCT_BY_FIRST = new Map<string, string[]>();
for (const p of PUNCTUATION) {
  const list = PUNCT_BY_FIRST.get(p[0]!) ?? [];
  list.push(p);
  PUNCT_BY_FIRST.set(p[0]!, list);
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'" };

export function scan(source: string): ScanResult {
  const tokens: RawToken[] = [];
  const annotations: AnnotationText[] = [];
  const diagnostics: LexDiagnostic[] = [];
  const n = source.length;
  let i = 0;
  let atLineStart = true;
  let indent = 0;
  let lineHasToken = false;

  while (i < n) {
    const c = source.charCodeAt(i);
    if (atLineStart) {
      // Measure indentation of the new physical line.
      indent = 0;
      while (i < n) {
        const w = source.charCodeAt(i);
        if (w === 32) indent += 1;
        else if (w === 9) indent += 4;
        else break;
        i++;
      }
      atLineStart = false;
      continue;
    }
    if (c === 10 || c === 13) {
      i++;
      if (c === 13 && source.charCodeAt(i) === 10) i++;
      atLineStart = true;
      lineHasToken = false;
      continue;
    }
    if (c === 32 || c === 9 || c === 12 || c === 0xfeff || c === 0xa0) {
      i++;
      continue;
    }
    const start = i;
    const first = !lineHasToken;
    let tok: RawToken;
    if (c === 47 && source.charCodeAt(i + 1) === 47) {
      // Comment to end of line; `//@name value` (optionally `// @name`) is kept as an annotation.
      let j = i + 2;
      while (j < n && source.charCodeAt(j) !== 10 && source.charCodeAt(j) !== 13) j++;
      const text = source.slice(i + 2, j);
      const m = /^\s?@([A-Za-z_][A-Za-z0-9_]*)\s*(=?)(.*)$/.exec(text);
      if (m) annotations.push({ name: m[1]!, value: m[3]!.trim(), assigned: m[2] === '=', start: i, end: j });
      i = j;
      continue;
    } else if (isIdentStart(c)) {
      let j = i + 1;
      while (j < n && isIdentPart(source.charCodeAt(j))) j++;
      const word = source.slice(i, j);
      tok = { type: KEYWORDS.has(word) ? 'keyword' : 'ident', value: word, start, end: j };
      i = j;
    } else if (isDigit(c) || (c === 46 && isDigit(source.charCodeAt(i + 1)))) {
      i = scanNumber(source, i);
      const text = source.slice(start, i);
      tok = { type: /[.eE]/.test(text) ? 'float' : 'int', value: text, start, end: i };
    } else if (c === 34 || c === 39) {
      let j = i + 1;
      let value = '';
      let closed = false;
      while (j < n) {
        const d = source.charCodeAt(j);
        if (d === c) {
          closed = true;
          j++;
          break;
        }
        if (d === 10 || d === 13) {
          // A string may wrap onto a continuation line (indent not a multiple of 4); the line
          // break and the indentation are not part of the value.
          const resume = stringContinuation(source, j);
          if (resume < 0) break;
          j = resume;
          continue;
        }
        if (d === 92 && j + 1 < n) {
          const e = source[j + 1]!;
          value += ESCAPES[e] ?? e;
          j += 2;
          continue;
        }
        value += source[j];
        j++;
      }
      if (!closed) diagnostics.push({ message: 'Unterminated string', start, end: j });
      tok = { type: 'string', value, start, end: j, raw: source.slice(start, j) };
      i = j;
    } else if (c === 35) {
      let j = i + 1;
      while (j < n && isHex(source.charCodeAt(j))) j++;
      const digits = j - i - 1;
      if (digits !== 6 && digits !== 8) {
        // Swallow the rest of the word so one bad literal gives one message.
        while (j < n && isIdentPart(source.charCodeAt(j))) j++;
        diagnostics.push({ message: `Invalid color literal '${source.slice(i, j)}'`, start, end: j });
      }
      tok = { type: 'color', value: source.slice(i, j), start, end: j };
      i = j;
    } else {
      const ch = source[i]!;
      const candidates = PUNCT_BY_FIRST.get(ch);
      let matched: string | undefined;
      if (candidates) for (const p of candidates) if (source.startsWith(p, i)) { matched = p; break; }
      if (matched === undefined) {
        // Unknown character: report once per run of them and skip.
        let j = i + 1;
        while (j < n && isUnknown(source, j)) j++;
        diagnostics.push({ message: `Syntax error at input '${source.slice(i, j)}'`, start, end: j });
        i = j;
        continue;
      }
      tok = { type: 'punct', value: matched, start, end: i + matched.length };
      i += matched.length;
    }
    if (first) tok.indent = indent;
    lineHasToken = true;
    tokens.push(tok);
  }
  return { tokens, annotations, diagnostics };
}

/** Offset where a string broken at `j` (a line break) resumes, or -1 if the next line is not a continuation. */
function stringContinuation(source: string, j: number): number {
  if (source.charCodeAt(j) === 13) j++;
  if (source.charCodeAt(j) === 10) j++;
  let indent = 0;
  for (;;) {
    const w = source.charCodeAt(j);
    if (w === 32) indent += 1;
    else if (w === 9) indent += 4;
    else break;
    j++;
  }
  return indent % 4 !== 0 ? j : -1;
}

function isUnknown(source: string, j: number): boolean {
  const d = source.charCodeAt(j);
  if (d === 32 || d === 9 || d === 10 || d === 13 || d === 34 || d === 39 || d === 35) return false;
  if (isIdentPart(d) || d === 46) return false;
  return !PUNCT_BY_FIRST.has(source[j]!);
}

function scanNumber(source: string, i: number): number {
  const n = source.length;
  while (i < n && isDigit(source.charCodeAt(i))) i++;
  if (source.charCodeAt(i) === 46 && !isIdentStart(source.charCodeAt(i + 1))) {
    i++;
    while (i < n && isDigit(source.charCodeAt(i))) i++;
  }
  const e = source.charCodeAt(i);
  if (e === 101 || e === 69) {
    let j = i + 1;
    const s = source.charCodeAt(j);
    if (s === 43 || s === 45) j++;
    if (isDigit(source.charCodeAt(j))) {
      i = j;
      while (i < n && isDigit(source.charCodeAt(i))) i++;
    }
  }
  return i;
}
