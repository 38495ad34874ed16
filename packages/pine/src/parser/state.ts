// Parser state shared by the grammar modules: the token cursor, node construction (ids and
// spans), diagnostics and error recovery. Grammar functions take the Parser as first argument.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { lineColumnFromStarts } from '../diagnostics/position.js';
import { describeToken, type Token } from '../lexer/index.js';
import type { Node } from './ast.js';

/** Thrown to abandon the current statement; the diagnostic has already been recorded. */
export class ParseAbort extends Error {
  constructor() {
    super('parse aborted');
  }
}

/** Deepest nesting of expressions and blocks accepted (far beyond any real script). */
export const MAX_NESTING = 400;

export interface CursorMark {
  pos: number;
  lastEnd: number;
  prevType: Token['type'] | null;
}

type Unplaced<T> = T extends Node ? Omit<T, 'id' | 'span'> : never;

export class Parser {
  pos = 0;
  /** End offset of the last consumed non-layout token (node spans end here). */
  lastEnd = 0;
  /** Type of the last consumed token (a statement that ended with a block needs no newline). */
  prevType: Token['type'] | null = null;
  private nextId = 1;
  /** Current nesting of expressions/blocks; bounded so hostile input cannot overflow the stack. */
  depth = 0;
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    readonly source: string,
    readonly tokens: Token[],
    readonly lineStarts: number[],
  ) {}

  peek(k = 0): Token {
    const i = this.pos + k;
    return this.tokens[i < this.tokens.length ? i : this.tokens.length - 1]!;
  }

  next(): Token {
    const t = this.tokens[this.pos]!;
    if (t.type !== 'eof') this.pos++;
    if (t.type !== 'newline' && t.type !== 'indent' && t.type !== 'dedent' && t.type !== 'eof') this.lastEnd = t.end;
    this.prevType = t.type;
    return t;
  }

  /** Punctuation or keyword with this text. */
  is(value: string, k = 0): boolean {
    const t = this.peek(k);
    return t.value === value && (t.type === 'punct' || t.type === 'keyword');
  }

  /** An identifier, optionally with this exact name (for contextual keywords). */
  isIdent(name?: string, k = 0): boolean {
    const t = this.peek(k);
    return t.type === 'ident' && (name === undefined || t.value === name);
  }

  isType(type: Token['type'], k = 0): boolean {
    return this.peek(k).type === type;
  }

  eat(value: string): boolean {
    if (this.is(value)) {
      this.next();
      return true;
    }
    return false;
  }

  expect(value: string): Token {
    if (this.is(value)) return this.next();
    return this.fail(`Mismatched input '${describeToken(this.peek())}' expecting '${value}'`);
  }

  expectIdent(): Token {
    if (this.isIdent()) return this.next();
    return this.fail(`Mismatched input '${describeToken(this.peek())}' expecting 'identifier'`);
  }

  expectType(type: 'newline' | 'indent', what: string): void {
    if (this.peek().type === type) this.next();
    else this.fail(`Mismatched input '${describeToken(this.peek())}' expecting '${what}'`);
  }

  /** Records an error at the current token (or `at`) and abandons the statement. */
  fail(message: string, at: { start: number; end: number } = this.peek()): never {
    this.error(message, at.start, at.end);
    throw new ParseAbort();
  }

  error(message: string, start: number, end: number, code = 'syntax'): void {
    this.report('error', message, start, end, code);
  }

  report(severity: Diagnostic['severity'], message: string, start: number, end: number, code: string): void {
    const { line, column } = lineColumnFromStarts(this.lineStarts, start);
    this.diagnostics.push({ severity, message, span: { start, end }, line, column, code });
  }

  /** Stamps id and span (from `start` to the end of the last consumed token). */
  finish<T extends Node>(fields: Unplaced<T>, start: number): T {
    const node = fields as unknown as T;
    node.id = this.nextId++;
    node.span = { start, end: Math.max(start, this.lastEnd) };
    return node;
  }

  /** Enters one nesting level (call `leave()` after); fails past MAX_NESTING. */
  enter(): void {
    // Recovery points restore the depth they saved, so the abort needs no unwinding here.
    if (++this.depth > MAX_NESTING) this.fail('Script is nested too deeply');
  }

  leave(): void {
    if (this.depth > 0) this.depth--;
  }

  /** Cursor state for speculative parsing; `reset(mark)` rewinds to it. */
  mark(): CursorMark {
    return { pos: this.pos, lastEnd: this.lastEnd, prevType: this.prevType };
  }

  reset(m: CursorMark): void {
    this.pos = m.pos;
    this.lastEnd = m.lastEnd;
    this.prevType = m.prevType;
  }

  /** Start offset of the next token. */
  get start(): number {
    return this.peek().start;
  }

  /**
   * Error recovery: skip the rest of the current logical line and any block indented under it,
   * stopping before a dedent that closes the enclosing block.
   */
  synchronize(): void {
    let nesting = 0;
    for (;;) {
      const t = this.peek();
      if (t.type === 'eof') return;
      if (t.type === 'dedent') {
        if (nesting === 0) return;
        nesting--;
        this.next();
        if (nesting === 0 && this.peek().type !== 'indent') return;
        continue;
      }
      if (t.type === 'indent') nesting++;
      this.next();
      if (t.type === 'newline' && nesting === 0 && this.peek().type !== 'indent') return;
    }
  }
}
