// Shared state of one check() run: diagnostics, the info maps handed to the code generator, and the
// script's global declarations.
import type { Diagnostic } from '../diagnostics/index.js';
import { lineColumnFromStarts } from '../diagnostics/index.js';
import type {
  EnumDeclaration,
  FunctionDeclaration,
  Import,
  Node,
  Span,
  TypeDeclaration,
} from '../parser/ast.js';
import { DenseMap } from './dense-map.js';
import type { CallTarget, Ref } from './info.js';
import type { PineType, QType } from './types.js';

export interface CheckOptions {
  /** Source text; used only for argument text in messages (`'length'='len'`). */
  readonly source?: string;
  /** Overrides the script's `//@version=` (tests). */
  readonly version?: number;
}

/** One instantiation of a user function: the parameter types it was checked with and its result. */
export interface FunctionInstance {
  readonly paramTypes: QType[];
  /** Parameters whose calls passed incompatible types (kept unknown from then on). */
  readonly conflicted: boolean[];
  result: QType;
}

export class CheckContext {
  readonly diagnostics: Diagnostic[] = [];
  private readonly seen = new Set<string>();
  readonly types: DenseMap<QType>;
  readonly calls: DenseMap<CallTarget>;
  readonly refs: DenseMap<Ref>;
  /** Resolved written types by TypeRef id (parameter types are looked up on every call). */
  readonly typeRefs: DenseMap<PineType>;
  readonly udts = new Map<string, TypeDeclaration>();
  readonly enums = new Map<string, EnumDeclaration>();
  readonly functions = new Map<string, FunctionDeclaration[]>();
  /** User methods by name (a method's receiver is its first parameter). */
  readonly methods = new Map<string, FunctionDeclaration[]>();
  readonly imports = new Map<string, Import>();
  /** The checked form of each user function (latest instantiation) by declaration id. */
  readonly instances = new Map<number, FunctionInstance>();
  /** Functions whose body is being checked right now (guards against recursion). */
  readonly active = new Set<number>();
  /** Depth of function bodies being checked; > 0 means "inside a function". */
  functionDepth = 0;

  constructor(
    readonly version: number,
    readonly lineStarts: readonly number[],
    readonly source: string | undefined,
    /** Largest node id + 1, to size the per-node tables. */
    nodeCount = 0,
  ) {
    this.types = new DenseMap(nodeCount);
    this.calls = new DenseMap(nodeCount);
    this.refs = new DenseMap(nodeCount);
    this.typeRefs = new DenseMap(nodeCount);
  }

  private report(severity: 'error' | 'warning', span: Span, message: string, code: string): void {
    const key = `${span.start}:${span.end}:${message}`;
    if (this.seen.has(key)) return; // function bodies may be checked more than once
    this.seen.add(key);
    const { line, column } = lineColumnFromStarts(this.lineStarts, span.start);
    this.diagnostics.push({ severity, message, span: { start: span.start, end: span.end }, line, column, code });
  }

  error(node: Node | Span, message: string, code = 'type'): void {
    this.report('error', 'span' in node ? node.span : node, message, code);
  }

  warning(node: Node | Span, message: string, code = 'warning'): void {
    this.report('warning', 'span' in node ? node.span : node, message, code);
  }

  /** Source text of a node for messages; falls back to a placeholder without source. */
  text(node: Node): string {
    if (!this.source) return '…';
    const t = this.source.slice(node.span.start, node.span.end).replace(/\s+/g, ' ').trim();
    return t.length > 60 ? `${t.slice(0, 57)}...` : t;
  }
}
