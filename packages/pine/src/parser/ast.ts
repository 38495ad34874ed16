// The Pine AST: plain data, a discriminated union on `kind`. Every node carries a source span
// (UTF-16 offsets into the parsed string, `end` exclusive) and an `id` that is unique within one
// parse and deterministic for a given source (the code generator keys per-call-site state on it).
// Line/column: `lineColumn(source, offset)` from `parser/index.ts`, or `Script.lineStarts` with
// `lineColumnFromStarts`.
//
// Stability contract: this file only grows. Existing kinds and fields are never renamed or removed.

export interface Span {
  start: number;
  /** Exclusive. */
  end: number;
}

interface NodeBase {
  /** Unique per parse, assigned in creation order; deterministic for a given source. */
  id: number;
  span: Span;
}

// ───────────────────────────── script ─────────────────────────────

/** A `//@name value` comment, e.g. `//@version=6` (name `version`, value `6`), `//@param len Length`. */
export interface Annotation extends NodeBase {
  kind: 'Annotation';
  /** Without `//@`: `version`, `description`, `function`, `param`, `returns`, `type`, `field`,
   *  `variable`, `strategy_alert_message`, or any other name found. */
  name: string;
  /** The rest of the line after the name (and after `=` for `version`), trimmed. */
  value: string;
}

export interface Script extends NodeBase {
  kind: 'Script';
  /** From `//@version=N`; null when absent (Pine then assumes v1, which we do not support). */
  version: number | null;
  /** All `//@…` annotations in source order (including the version one). */
  annotations: Annotation[];
  body: Statement[];
  /** Offsets at which each line starts (line 1 starts at 0); for fast offset → line/column. */
  lineStarts: number[];
}

// ───────────────────────────── types ─────────────────────────────

export type Qualifier = 'const' | 'simple' | 'series';

/**
 * A written type: `float`, `chart.point`, `lib.MyType`, `array<float>`, `map<string, int>`,
 * `matrix<MyType>`. The legacy array form `float[]` is normalised to name `array` with one type
 * argument and `arrayShorthand: true`.
 */
export interface TypeRef extends NodeBase {
  kind: 'TypeRef';
  /** Possibly dotted: `int`, `chart.point`, `mylib.Pivot`. */
  name: string;
  typeArgs: TypeRef[];
  /** True when written as `T[]`. */
  arrayShorthand: boolean;
}

// ───────────────────────────── statements ─────────────────────────────

export type DeclarationMode = 'none' | 'var' | 'varip';

/** `[export] [var|varip] [qualifier] [type] name = init` — Pine's `=` always declares. */
export interface VarDeclaration extends NodeBase {
  kind: 'VarDeclaration';
  /** `//@function`, `//@param`, `//@returns`, `//@type`, `//@field`, `//@enum`, `//@variable` annotations
   *  written on the lines right above a top-level declaration (absent when there are none). These are
   *  the same objects as in `Script.annotations` (same ids): generic walkers should skip `docs`. */
  docs?: Annotation[];
  mode: DeclarationMode;
  qualifier: Qualifier | null;
  type: TypeRef | null;
  name: Identifier;
  init: Expression;
  /** `export const …` in libraries. */
  isExport: boolean;
}

/** `[a, b] = expr`. */
export interface TupleDeclaration extends NodeBase {
  kind: 'TupleDeclaration';
  names: Identifier[];
  init: Expression;
}

export type AssignmentOperator = ':=' | '+=' | '-=' | '*=' | '/=' | '%=';

/** `target := value`, `target += value` … Target is an Identifier or a MemberExpression (`obj.field`). */
export interface Assignment extends NodeBase {
  kind: 'Assignment';
  operator: AssignmentOperator;
  target: Expression;
  value: Expression;
}

export interface ExpressionStatement extends NodeBase {
  kind: 'ExpressionStatement';
  expression: Expression;
}

/** An indented block (or the single expression after `=>`). Its value is that of its last statement. */
export interface Block extends NodeBase {
  kind: 'Block';
  body: Statement[];
}

export interface Break extends NodeBase {
  kind: 'Break';
}

export interface Continue extends NodeBase {
  kind: 'Continue';
}

export interface Parameter extends NodeBase {
  kind: 'Parameter';
  name: Identifier;
  qualifier: Qualifier | null;
  type: TypeRef | null;
  defaultValue: Expression | null;
}

/** `[export] [method] name(params) => body`. */
export interface FunctionDeclaration extends NodeBase {
  kind: 'FunctionDeclaration';
  /** `//@function`, `//@param`, `//@returns`, `//@type`, `//@field`, `//@enum`, `//@variable` annotations
   *  written on the lines right above a top-level declaration (absent when there are none). These are
   *  the same objects as in `Script.annotations` (same ids): generic walkers should skip `docs`. */
  docs?: Annotation[];
  name: Identifier;
  params: Parameter[];
  body: Block;
  /** True for `f(x) => expr` written on one line (body then holds one ExpressionStatement or statement). */
  singleLine: boolean;
  isExport: boolean;
  isMethod: boolean;
}

/** A field of a `type`: `[varip] T name [= default]`. */
export interface TypeField extends NodeBase {
  kind: 'TypeField';
  name: Identifier;
  type: TypeRef;
  defaultValue: Expression | null;
  varip: boolean;
}

export interface TypeDeclaration extends NodeBase {
  kind: 'TypeDeclaration';
  /** `//@function`, `//@param`, `//@returns`, `//@type`, `//@field`, `//@enum`, `//@variable` annotations
   *  written on the lines right above a top-level declaration (absent when there are none). These are
   *  the same objects as in `Script.annotations` (same ids): generic walkers should skip `docs`. */
  docs?: Annotation[];
  name: Identifier;
  fields: TypeField[];
  isExport: boolean;
}

/** `name [= "title"]`. */
export interface EnumField extends NodeBase {
  kind: 'EnumField';
  name: Identifier;
  title: Expression | null;
}

export interface EnumDeclaration extends NodeBase {
  kind: 'EnumDeclaration';
  /** `//@function`, `//@param`, `//@returns`, `//@type`, `//@field`, `//@enum`, `//@variable` annotations
   *  written on the lines right above a top-level declaration (absent when there are none). These are
   *  the same objects as in `Script.annotations` (same ids): generic walkers should skip `docs`. */
  docs?: Annotation[];
  name: Identifier;
  fields: EnumField[];
  isExport: boolean;
}

/** `import user/lib/1 [as alias]`. */
export interface Import extends NodeBase {
  kind: 'Import';
  user: string;
  library: string;
  version: number;
  /** Null when no `as`: the library is then referenced by its name. */
  alias: Identifier | null;
}

/** Produced by error recovery in place of an unparseable statement. */
export interface ErrorStatement extends NodeBase {
  kind: 'ErrorStatement';
}

export type Statement =
  | VarDeclaration
  | TupleDeclaration
  | Assignment
  | ExpressionStatement
  | FunctionDeclaration
  | TypeDeclaration
  | EnumDeclaration
  | Import
  | Break
  | Continue
  // Control structures appear directly as statements (no ExpressionStatement wrapper) and also
  // as expressions when their value is used (`x = if c …`, `y = switch …`, `z = for …`).
  | If
  | Switch
  | ForTo
  | ForIn
  | While
  | ErrorStatement;

// ───────────────────────────── control structures (statement or expression) ─────────────────────────────

/** `if cond` block [`else if …` | `else` block]. An `else if` is an `If` in `alternate`. */
export interface If extends NodeBase {
  kind: 'If';
  condition: Expression;
  consequent: Block;
  alternate: Block | If | null;
}

/** One arm: `test => body`; `test` null for the default arm (`=> body`). */
export interface SwitchCase extends NodeBase {
  kind: 'SwitchCase';
  test: Expression | null;
  body: Block;
}

/** `switch [subject]` with indented cases. Without subject each test is a bool condition. */
export interface Switch extends NodeBase {
  kind: 'Switch';
  subject: Expression | null;
  cases: SwitchCase[];
}

/** `for counter = from to to [by step]`. */
export interface ForTo extends NodeBase {
  kind: 'ForTo';
  counter: Identifier;
  /** `for int i = …` — the optional written counter type. */
  counterType: TypeRef | null;
  from: Expression;
  to: Expression;
  step: Expression | null;
  body: Block;
}

/** `for item in iterable` or `for [index, item] in iterable` (maps: `[key, value]`). */
export interface ForIn extends NodeBase {
  kind: 'ForIn';
  index: Identifier | null;
  item: Identifier;
  iterable: Expression;
  body: Block;
}

export interface While extends NodeBase {
  kind: 'While';
  condition: Expression;
  body: Block;
}

// ───────────────────────────── expressions ─────────────────────────────

export interface NumberLiteral extends NodeBase {
  kind: 'NumberLiteral';
  value: number;
  /** True for literals with a `.` or exponent (`1.`, `.5`, `1e5`): Pine types them float. */
  isFloat: boolean;
  raw: string;
}

export interface StringLiteral extends NodeBase {
  kind: 'StringLiteral';
  /** Escapes resolved. */
  value: string;
  raw: string;
}

export interface BoolLiteral extends NodeBase {
  kind: 'BoolLiteral';
  value: boolean;
}

/** `#RRGGBB` or `#RRGGBBAA`. */
export interface ColorLiteral extends NodeBase {
  kind: 'ColorLiteral';
  /** 0xRRGGBBAA as an unsigned 32-bit number (alpha 255 when written with 6 digits). */
  value: number;
  raw: string;
}

/** `na` used as a value. `na(x)` is a Call whose callee is the Identifier `na`. */
export interface NaLiteral extends NodeBase {
  kind: 'NaLiteral';
}

export interface Identifier extends NodeBase {
  kind: 'Identifier';
  name: string;
}

/** `object.property`: namespaces (`ta.sma`), fields (`obj.field`), chains (`strategy.opentrades.entry_price`). */
export interface MemberExpression extends NodeBase {
  kind: 'MemberExpression';
  object: Expression;
  property: Identifier;
}

export interface Argument extends NodeBase {
  kind: 'Argument';
  /** Set for named arguments (`title = "x"`). */
  name: Identifier | null;
  value: Expression;
}

/** `callee<typeArgs>(args)`; method calls are Calls whose callee is a MemberExpression. */
export interface Call extends NodeBase {
  kind: 'Call';
  callee: Expression;
  typeArgs: TypeRef[];
  args: Argument[];
}

/** History reference `object[index]`. */
export interface HistoryAccess extends NodeBase {
  kind: 'HistoryAccess';
  object: Expression;
  index: Expression;
}

export type UnaryOperator = '-' | '+' | 'not';

export interface Unary extends NodeBase {
  kind: 'Unary';
  operator: UnaryOperator;
  argument: Expression;
}

export type BinaryOperator =
  | 'or'
  | 'and'
  | '=='
  | '!='
  | '<'
  | '>'
  | '<='
  | '>='
  | '+'
  | '-'
  | '*'
  | '/'
  | '%';

export interface Binary extends NodeBase {
  kind: 'Binary';
  operator: BinaryOperator;
  left: Expression;
  right: Expression;
}

/** `test ? consequent : alternate`. */
export interface Ternary extends NodeBase {
  kind: 'Ternary';
  test: Expression;
  consequent: Expression;
  alternate: Expression;
}

/** `[a, b]`: a function's tuple return value (also array-literal-like uses the checker rejects). */
export interface Tuple extends NodeBase {
  kind: 'Tuple';
  elements: Expression[];
}

export interface Paren extends NodeBase {
  kind: 'Paren';
  expression: Expression;
}

/** Reserved for expression-level error recovery; the parser currently recovers per statement
 *  (ErrorStatement) and does not produce this yet. */
export interface ErrorExpression extends NodeBase {
  kind: 'ErrorExpression';
}

export type Expression =
  | NumberLiteral
  | StringLiteral
  | BoolLiteral
  | ColorLiteral
  | NaLiteral
  | Identifier
  | MemberExpression
  | Call
  | HistoryAccess
  | Unary
  | Binary
  | Ternary
  | Tuple
  | Paren
  | If
  | Switch
  | ForTo
  | ForIn
  | While
  | ErrorExpression;

export type Node =
  | Script
  | Annotation
  | TypeRef
  | Statement
  | Expression
  | Block
  | Parameter
  | TypeField
  | EnumField
  | SwitchCase
  | Argument;

export type NodeKind = Node['kind'];
export type NodeOfKind<K extends NodeKind> = Extract<Node, { kind: K }>;
