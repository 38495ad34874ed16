// Diagnostic wording, modelled on TradingView's compiler messages. One function per message so tests
// and callers share the exact text.

export const msg = {
  undeclared: (name: string) => `Undeclared identifier '${name}'`,
  unknownFunction: (name: string) => `Could not find function or function reference '${name}'`,
  unknownMethod: (name: string, type: string) => `Could not find method '${name}' for type '${type}'`,
  badArgument: (fn: string, param: string, argText: string, got: string, expected: string) =>
    `Cannot call '${fn}' with argument '${param}'='${argText}'. An argument of '${got}' type was used but a '${expected}' is expected.`,
  tooManyArgs: (fn: string, max: number, got: number) =>
    `Too many arguments passed to '${fn}': it takes at most ${max}, but ${got} were given.`,
  missingArg: (fn: string, param: string) => `Required argument '${param}' of '${fn}' is missing.`,
  unknownNamedArg: (fn: string, name: string) => `The '${fn}' function does not have an argument with the name '${name}'`,
  duplicateArg: (fn: string, name: string) => `Argument '${name}' of '${fn}' is given more than once.`,
  alreadyDefined: (name: string) => `'${name}' is already defined.`,
  assignUndeclared: (name: string) => `Undeclared identifier '${name}'`,
  mismatchedDeclared: (name: string, declared: string, got: string) =>
    `Variable '${name}' was declared with '${declared}' type. Cannot assign it expression of type '${got}'.`,
  mismatchedAssign: (name: string, declared: string, got: string) =>
    `Cannot assign a value of type '${got}' to '${name}', which has type '${declared}'.`,
  conditionType: (got: string) =>
    `Cannot use a value of type '${got}' as a condition: Pine v6 does not convert numbers to bool implicitly. Use 'bool(x)' or a comparison.`,
  operandType: (op: string, got: string) => `Cannot apply operator '${op}' to an operand of type '${got}'.`,
  noField: (field: string, type: string) => `Object of type '${type}' has no field '${field}'.`,
  unknownType: (name: string) => `Unknown type '${name}'.`,
  tupleCount: (names: number, values: number) =>
    `Cannot assign a tuple of ${values} values to ${names} variables.`,
  notTuple: (got: string) => `The right side of a tuple declaration must return a tuple, not '${got}'.`,
  naWithoutType: (name: string) =>
    `Value with NA type cannot be assigned to a variable that was defined without type keyword: '${name}'.`,
  constAssign: (name: string) => `Cannot modify '${name}': it is declared 'const'.`,
  builtinAssign: (name: string) => `Cannot modify the built-in variable '${name}'.`,
  globalAssign: (name: string) => `Cannot modify global variable '${name}' in function.`,
  localScope: (fn: string) => `Cannot use '${fn}' in local scope.`,
  breakOutsideLoop: (kw: string) => `'${kw}' can only be used inside a loop.`,
  shadowing: (name: string) =>
    `Shadowing variable '${name}' which exists in parent scope. Did you want to use the ':=' operator instead of '='?`,
};
