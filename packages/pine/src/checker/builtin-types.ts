// Shapes of the generated built-in tables (builtins.generated.ts). Type strings are the catalog's
// own notation ("series int/float", "array<type>", "simple plot_style", …); checker/types.ts parses them.

export interface BuiltinParam {
  readonly name: string;
  readonly type: string;
  readonly optional?: boolean;
  /** Pine source text of the default value, when the manual states one. */
  readonly default?: string;
  /** Paraphrase of a default the manual states in words. */
  readonly defaultNote?: string;
  /** A repeating trailing argument (`array.from`, `math.max`, `str.format`, `log.*`). */
  readonly variadic?: boolean;
}

export interface BuiltinOverload {
  readonly params: readonly BuiltinParam[];
  readonly returns: string;
  /** One-argument forms described only in the manual's Remarks (`ta.highest(length)`). */
  readonly fromRemarks?: boolean;
}

export interface BuiltinFunction {
  readonly name: string;
  readonly namespace: string;
  readonly overloads: readonly BuiltinOverload[];
  /** Callable with dot syntax on its first argument (`arr.push(x)`). */
  readonly method?: boolean;
  /** Takes explicit type arguments (`array.new<float>`). */
  readonly generic?: boolean;
}

export interface BuiltinVariable {
  readonly name: string;
  readonly type: string;
  /** The name is also a function (`time`, `ta.tr`, `hour`). */
  readonly alsoFunction?: boolean;
}

export interface BuiltinConstant {
  readonly name: string;
  readonly type: string;
  readonly value?: string | number;
}

export interface BuiltinType {
  readonly name: string;
  readonly kind: 'value' | 'qualifier' | 'collection' | 'object' | 'special' | 'user-defined' | 'constant-set';
  readonly rank?: number;
  readonly typeParams?: readonly string[];
  readonly fields?: readonly { readonly name: string; readonly type: string }[];
  readonly values?: readonly string[];
}
