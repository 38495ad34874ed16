// What the checker tells the code generator, keyed by AST node id. See the overview at the top of
// checker/index.ts.
import type {
  EnumDeclaration,
  EnumField,
  Expression,
  ForIn,
  ForTo,
  FunctionDeclaration,
  Import,
  Parameter,
  TupleDeclaration,
  TypeDeclaration,
  TypeField,
  VarDeclaration,
} from '../parser/ast.js';
import type { QType } from './types.js';

/** What an Identifier or MemberExpression refers to. */
export type Ref =
  /** A user variable: declared by `=`, a tuple declaration, or a loop counter/item. */
  | {
      readonly kind: 'variable';
      readonly name: string;
      readonly decl: VarDeclaration | TupleDeclaration | ForTo | ForIn;
      /** 'global' = declared at the script's top level; 'local' = inside a function or block. */
      readonly scope: 'global' | 'local';
    }
  | { readonly kind: 'parameter'; readonly name: string; readonly decl: Parameter; readonly fn: FunctionDeclaration }
  | { readonly kind: 'builtin-variable'; readonly name: string }
  | { readonly kind: 'builtin-constant'; readonly name: string }
  | { readonly kind: 'type'; readonly decl: TypeDeclaration }
  | { readonly kind: 'enum'; readonly decl: EnumDeclaration }
  | { readonly kind: 'enum-member'; readonly decl: EnumDeclaration; readonly field: EnumField }
  /** `obj.field` on a user-defined type. */
  | { readonly kind: 'field'; readonly decl: TypeDeclaration; readonly field: TypeField }
  /** `point.index` / `.time` / `.price` on chart.point. */
  | { readonly kind: 'builtin-field'; readonly objectType: string; readonly field: string }
  /** A user function used as a value (rare; e.g. passed to request.security via a call). */
  | { readonly kind: 'function'; readonly decl: FunctionDeclaration }
  /** Anything reached through a library alias (`L.x`): its type is unknown. */
  | { readonly kind: 'library'; readonly import: Import; readonly member: string }
  /** A built-in namespace prefix such as `ta` in `ta.sma` (only recorded on the prefix identifier). */
  | { readonly kind: 'namespace'; readonly name: string };

/**
 * What a Call resolved to. In every variant `args[i]` is the argument expression bound to parameter i
 * of the target (after named-argument resolution), `undefined` where the argument was omitted (the
 * default applies). For variadic built-ins (`math.max`, `array.from`, `str.format`, `log.*`) the
 * variadic parameter's arguments occupy positions `i…args.length-1`.
 * For method-call syntax (`a.push(x)`), the receiver expression is `args[0]`.
 */
export type CallTarget =
  | {
      readonly kind: 'builtin';
      /** Catalog name, e.g. 'ta.sma', 'array.push', 'array.new<type>'. */
      readonly name: string;
      /** Index of the chosen overload in the catalog (registry key `'<name>#<k>'`). */
      readonly overload: number;
      readonly args: readonly (Expression | undefined)[];
      /** True when written as a method call (`a.push(x)` → 'array.push'). */
      readonly method: boolean;
      /** Explicit or inferred element types for generics (`array.new<float>` → T = float). */
      readonly typeArgs?: readonly QType[];
    }
  /** A built-in method call whose receiver type is unknown: one of `candidates` applies at run time. */
  | {
      readonly kind: 'builtin-dynamic';
      readonly method: string;
      readonly candidates: readonly string[];
      readonly args: readonly (Expression | undefined)[];
    }
  | { readonly kind: 'user-function'; readonly decl: FunctionDeclaration; readonly args: readonly (Expression | undefined)[] }
  /** A user `method`; args[0] is the receiver. */
  | { readonly kind: 'user-method'; readonly decl: FunctionDeclaration; readonly args: readonly (Expression | undefined)[] }
  /** `T.new(...)`: args follow the order of `decl.fields`. */
  | { readonly kind: 'udt-new'; readonly decl: TypeDeclaration; readonly args: readonly (Expression | undefined)[] }
  /** `T.copy(obj)` or `obj.copy()`: args[0] is the object. */
  | { readonly kind: 'udt-copy'; readonly decl: TypeDeclaration | null; readonly args: readonly (Expression | undefined)[] }
  /** A call through a library alias; no signature is known. args = the written arguments in order. */
  | { readonly kind: 'library'; readonly import: Import; readonly member: string; readonly args: readonly (Expression | undefined)[] }
  /**
   * A method call that only an imported library can provide (`c.hue(…)` after `import x/ColorLib/1`):
   * args[0] is the receiver. Libraries' sources are not available, so nothing more is known.
   */
  | { readonly kind: 'library-method'; readonly method: string; readonly args: readonly (Expression | undefined)[] }
  /** The checker could not resolve the call (an error was reported, or the receiver type is unknown). */
  | { readonly kind: 'unresolved'; readonly args: readonly (Expression | undefined)[] };

export interface CheckInfo {
  /** Language version from `//@version=` (5 or 6); the code generator applies its rules (int division, bool casts). */
  readonly version: number;
  /** Static type of every expression node the checker visited. */
  readonly types: ReadonlyMap<number, QType>;
  /** Resolution of every Call node. */
  readonly calls: ReadonlyMap<number, CallTarget>;
  /** Resolution of Identifier and MemberExpression nodes that name something. */
  readonly refs: ReadonlyMap<number, Ref>;
  /** User-declared types, enums and functions by name (global level). */
  readonly udts: ReadonlyMap<string, TypeDeclaration>;
  readonly enums: ReadonlyMap<string, EnumDeclaration>;
  readonly functions: ReadonlyMap<string, readonly FunctionDeclaration[]>;
  /** Library imports by alias (or library name when no alias). */
  readonly imports: ReadonlyMap<string, Import>;
}
