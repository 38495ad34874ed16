// Generator state shared by the expression/statement/function emitters: scopes and bindings,
// per-frame state (one frame per user-function maker plus the module), the table of built-in
// implementations, output/input declarations, and the placeholders resolved at the end.
import { lineColumnFromStarts } from '../diagnostics/position.js';
import type { Node, Script } from '../parser/ast.js';
import type { InputDecl } from '../runtime/inputs.js';
import type { PlotDecl } from '../runtime/outputs.js';
import type { CheckInfo } from '../checker/info.js';
import type { Registries } from './builtins.js';
import { literal } from './names.js';
import { T, type PineType } from './ptypes.js';

export class CodegenError extends Error {
  constructor(
    message: string,
    readonly node: Node | null,
  ) {
    super(message);
    this.name = 'CodegenError';
  }
}

/** Where per-call-site state lives: the module (global script) or one user-function maker. */
export class Frame {
  readonly state: string[] = [];
  constructor(
    readonly isModule: boolean,
    readonly parent: Frame | null,
  ) {}
}

export interface Binding {
  id: number;
  name: string;
  js: string;
  type: PineType;
  mode: 'none' | 'var' | 'varip';
  frame: Frame;
  /** Largest constant `[n]` read; Infinity when an offset is not constant; -1 when never read. */
  historyDepth: number;
  /** True for variables declared at the top level of the script. */
  global: boolean;
  /** Compile-time value when declared with a constant initialiser and never reassigned (so far). */
  constValue?: unknown;
  /** The module constant holding the input's value, when declared as `x = input…(…)`. */
  inputCode?: string;
}

export class Scope {
  readonly vars = new Map<string, Binding>();
  constructor(readonly parent: Scope | null) {}
  lookup(name: string): Binding | undefined {
    for (let s: Scope | null = this; s; s = s.parent) {
      const b = s.vars.get(name);
      if (b) return b;
    }
    return undefined;
  }
}

export interface UserFunction {
  name: string;
  js: string;
  stateful: boolean;
  isMethod: boolean;
  params: { name: string; type: PineType | null; defaultNode: import('../parser/ast.js').Expression | null }[];
  returnType: PineType;
  node: import('../parser/ast.js').FunctionDeclaration;
  /** Expanded at each call site with the arguments substituted (functions holding request.security,
   *  whose requested expression must be rebuilt from the caller's arguments). */
  inline?: boolean;
}

export interface UserType {
  name: string;
  js: string;
  fields: { name: string; type: PineType; defaultNode: import('../parser/ast.js').Expression | null }[];
}

export interface UserEnum {
  name: string;
  js: string;
  members: { name: string; title: string }[];
}

export class Gen {
  readonly frames: Frame[] = [];
  frame: Frame;
  scope: Scope;
  readonly moduleFrame: Frame;
  readonly globalScope: Scope;
  readonly functions = new Map<string, UserFunction[]>();
  readonly types = new Map<string, UserType>();
  readonly enums = new Map<string, UserEnum>();
  readonly plots: PlotDecl[] = [];
  readonly inputs: InputDecl[] = [];
  readonly builtinKeys: string[] = [];
  /** Non-fatal findings (e.g. a request.* feed with no data source), reported as compile warnings. */
  readonly warnings: Array<{ message: string; node: Node }> = [];
  private readonly builtinIndex = new Map<string, number>();
  /** Module-level user functions (plain, or makers for stateful ones). */
  readonly functionsCode: string[] = [];
  /** Module-level declarations that must precede everything else (impl aliases, classes). */
  readonly header: string[] = [];
  /** Statements run at the start of every step, before the script body (stateful variables). */
  readonly stepPrelude: string[] = [];
  readonly bindings: Binding[] = [];
  /** Stateful built-in variables (ta.obv…): module-level value updated at the start of every step. */
  readonly variableValues = new Map<string, string>();
  /** Module-level `var` variables and their init flags: restored by rollback() (varip excluded). */
  readonly rollbackVars: string[] = [];
  /** Built-in values read with `[]` (other than bar columns): recorded every bar at module level. */
  readonly valueHistories = new Map<string, { js: string; historyDepth: number; ctor: string; value: string }>();
  /** Names referenced inside function bodies: globals with these names live at module level. */
  readonly namesUsedInFunctions = new Set<string>();
  /** Declared max_bars_back, if any (sizes buffers read with non-constant offsets). */
  maxBarsBack = 0;
  declaration: Record<string, unknown> = {};
  kind: 'indicator' | 'strategy' | 'library' = 'indicator';
  /** Name of the variable whose initialiser is being generated (default input titles). */
  declName: string | null = null;
  /** Depth of user-function bodies being generated (0 = global script). */
  functionDepth = 0;
  /** Loop nesting inside the current function/IIFE boundary. */
  loopDepth = 0;
  private counter = 0;
  private readonly moduleConsts = new Map<string, string>();

  constructor(
    readonly script: Script,
    readonly registries: Registries,
    readonly version: number,
    /** The checker's results, when available: used where local inference knows no type. */
    readonly info: CheckInfo | null = null,
  ) {
    this.moduleFrame = new Frame(true, null);
    this.frame = this.moduleFrame;
    this.frames.push(this.moduleFrame);
    this.globalScope = new Scope(null);
    this.scope = this.globalScope;
  }

  /** A fresh temporary name. */
  tmp(prefix = 't'): string {
    return `$${prefix}${++this.counter}`;
  }

  line(node: Node): number {
    return lineColumnFromStarts(this.script.lineStarts, node.span.start).line;
  }

  fail(message: string, node: Node | null): never {
    throw new CodegenError(message, node);
  }

  /** Index of a registry entry in env.impls (deduplicated by key). */
  implIndex(key: string): number {
    let i = this.builtinIndex.get(key);
    if (i === undefined) {
      i = this.builtinKeys.length;
      this.builtinKeys.push(key);
      this.builtinIndex.set(key, i);
    }
    return i;
  }

  /** A module-level constant bound once (e.g. `const $f3 = $I[3].impl`); deduplicated by expression. */
  moduleConst(expr: string, prefix = 'k'): string {
    let name = this.moduleConsts.get(expr);
    if (!name) {
      name = this.tmp(prefix);
      this.moduleConsts.set(expr, name);
      this.header.push(`const ${name} = ${expr};`);
    }
    return name;
  }

  /** Adds per-call-site state to the current frame and returns its name. */
  state(init: string, prefix = 's'): string {
    const name = this.tmp(prefix);
    this.frame.state.push(`let ${name} = ${init};`);
    return name;
  }

  pushScope(): Scope {
    this.scope = new Scope(this.scope);
    return this.scope;
  }

  popScope(): void {
    this.scope = this.scope.parent!;
  }

  /** The checker's type for a node, if any. */
  checkedType(id: number): PineType | null {
    const t = this.info?.types.get(id)?.type;
    return t && t.k !== 'unknown' ? t : null;
  }

  private readonly usedJs = new Set<string>();

  /** A JS name not used before in this program (inline expansions reuse AST nodes and their ids). */
  uniqueJs(base: string): string {
    let js = base;
    while (this.usedJs.has(js)) js = `${base}_${++this.counter}`;
    this.usedJs.add(js);
    return js;
  }

  /** Declares a Pine name. `js` is made unique unless `reserved` (already obtained from uniqueJs). */
  declare(name: string, js: string, type: PineType, mode: Binding['mode'], nodeId: number, typeNodeId?: number, reserved = false): Binding {
    if (type.k === 'unknown' || type.k === 'na') type = this.checkedType(typeNodeId ?? nodeId) ?? type;
    if (!reserved) js = this.uniqueJs(js);
    const b: Binding = {
      // Unique per binding (not the node id: inline expansions declare the same node more than once).
      id: ++this.counter,
      name,
      js,
      type,
      mode,
      frame: this.frame,
      historyDepth: -1,
      global: this.scope === this.globalScope,
    };
    this.scope.vars.set(name, b);
    this.bindings.push(b);
    return b;
  }

  /** Placeholder after a write to a binding; becomes a history write if the binding is ever read with `[]`. */
  historyMarker(b: Binding): string {
    return `/*@H${b.id}@*/`;
  }

  literal(v: unknown): string {
    return literal(v);
  }

  unknown(): PineType {
    return T.unknown;
  }
}
