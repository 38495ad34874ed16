// Written types: `float`, `chart.point`, `array<float>`, `map<string, int>`, `float[]`.
import type { TypeRef } from './ast.js';
import type { Parser } from './state.js';

/**
 * Parses a type at the cursor, or returns null and leaves the cursor unchanged (no diagnostics):
 * used speculatively to tell `float x = 1` and `array<int> a = …` from expressions.
 */
export function tryParseType(p: Parser): TypeRef | null {
  const mark = p.mark();
  const t = parseTypeInner(p);
  if (t === null) p.reset(mark);
  return t;
}

function parseTypeInner(p: Parser): TypeRef | null {
  if (!p.isIdent()) return null;
  const start = p.start;
  let name = p.next().value;
  while (p.is('.') && p.isIdent(undefined, 1)) {
    p.next();
    name += '.' + p.next().value;
  }
  let typeArgs: TypeRef[] = [];
  if (p.is('<')) {
    p.enter();
    const args = tryParseTypeArgs(p);
    p.leave();
    if (args === null) return null;
    typeArgs = args;
  }
  let node = p.finish<TypeRef>({ kind: 'TypeRef', name, typeArgs, arrayShorthand: false }, start);
  if (p.is('[') && p.is(']', 1)) {
    p.next();
    p.next();
    node = p.finish<TypeRef>({ kind: 'TypeRef', name: 'array', typeArgs: [node], arrayShorthand: true }, start);
  }
  return node;
}

/** `<T, U>` at the cursor; null (cursor possibly moved — callers restore) when it is not one. */
export function tryParseTypeArgs(p: Parser): TypeRef[] | null {
  if (!p.eat('<')) return null;
  const args: TypeRef[] = [];
  for (;;) {
    const t = parseTypeInner(p);
    if (t === null) return null;
    args.push(t);
    if (p.eat(',')) continue;
    if (p.eat('>')) return args;
    return null;
  }
}
