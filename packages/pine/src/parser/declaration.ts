// Declarations of functions (`f(x) => …`, `method`, `export`), user types, enums and imports.
import { END_OF_LINE, describeToken } from '../lexer/index.js';
import type {
  EnumDeclaration,
  EnumField,
  Expression,
  FunctionDeclaration,
  Identifier,
  Import,
  Parameter,
  Qualifier,
  TypeDeclaration,
  TypeField,
  TypeRef,
} from './ast.js';
import { endOfLine, parseArmBody } from './control.js';
import { parseExpression, parseIdentifier } from './expression.js';
import { ParseAbort, type Parser } from './state.js';
import { tryParseType } from './types.js';

const QUALIFIERS: ReadonlySet<string> = new Set(['const', 'simple', 'series']);

/** At the function name (after `export`/`method` if any): `name(params) => body`. */
export function parseFunction(p: Parser, start: number, isExport: boolean, isMethod: boolean): FunctionDeclaration {
  const name = parseIdentifier(p);
  p.expect('(');
  const params: Parameter[] = [];
  while (!p.is(')')) {
    params.push(parseParameter(p));
    if (!p.eat(',')) break;
  }
  p.expect(')');
  p.expect('=>');
  const singleLine = !p.isType('newline');
  const body = parseArmBody(p);
  return p.finish<FunctionDeclaration>(
    { kind: 'FunctionDeclaration', name, params, body, singleLine, isExport, isMethod },
    start,
  );
}

function parseParameter(p: Parser): Parameter {
  const start = p.start;
  let qualifier: Qualifier | null = null;
  if (QUALIFIERS.has(p.peek().value) && p.isIdent() && p.isIdent(undefined, 1)) qualifier = p.next().value as Qualifier;
  let type: TypeRef | null = null;
  if (!(p.isIdent() && (p.is(',', 1) || p.is(')', 1) || p.is('=', 1)))) {
    type = tryParseType(p);
    if (type === null) p.fail(`Mismatched input '${describeToken(p.peek())}' expecting 'identifier'`);
  }
  const name = parseIdentifier(p);
  const defaultValue: Expression | null = p.eat('=') ? parseExpression(p) : null;
  return p.finish<Parameter>({ kind: 'Parameter', name, qualifier, type, defaultValue }, start);
}

/** Runs `item` for each line of an indented member list, recovering per line. */
function parseMembers(p: Parser, item: () => void): void {
  p.expectType('newline', END_OF_LINE);
  if (!p.isType('indent')) p.fail(`Mismatched input '${describeToken(p.peek())}' expecting 'indented block'`);
  p.next();
  while (!p.isType('dedent') && !p.isType('eof')) {
    if (p.isType('newline')) {
      p.next();
      continue;
    }
    const before = p.pos;
    const depth = p.depth;
    try {
      item();
      endOfLine(p);
    } catch (e) {
      if (!(e instanceof ParseAbort)) throw e;
      p.depth = depth;
      p.synchronize();
      if (p.pos === before) p.next();
    }
  }
  if (p.isType('dedent')) p.next();
}

/** At `type`: `type Name` then indented `[varip] T field [= default]` lines. */
export function parseTypeDeclaration(p: Parser, start: number, isExport: boolean): TypeDeclaration {
  p.next();
  const name = parseIdentifier(p);
  const fields: TypeField[] = [];
  parseMembers(p, () => {
    const fieldStart = p.start;
    let varip = false;
    if (p.isIdent('varip') && p.isIdent(undefined, 1)) {
      p.next();
      varip = true;
    }
    const type = tryParseType(p) ?? p.fail(`Syntax error at input '${describeToken(p.peek())}'`);
    const fieldName = parseIdentifier(p);
    const defaultValue = p.eat('=') ? parseExpression(p) : null;
    fields.push(p.finish<TypeField>({ kind: 'TypeField', name: fieldName, type, defaultValue, varip }, fieldStart));
  });
  return p.finish<TypeDeclaration>({ kind: 'TypeDeclaration', name, fields, isExport }, start);
}

/** At `enum`: `enum Name` then indented `field [= "title"]` lines. */
export function parseEnum(p: Parser, start: number, isExport: boolean): EnumDeclaration {
  p.next();
  const name = parseIdentifier(p);
  const fields: EnumField[] = [];
  parseMembers(p, () => {
    const fieldStart = p.start;
    const fieldName = parseIdentifier(p);
    const title = p.eat('=') ? parseExpression(p) : null;
    fields.push(p.finish<EnumField>({ kind: 'EnumField', name: fieldName, title }, fieldStart));
  });
  return p.finish<EnumDeclaration>({ kind: 'EnumDeclaration', name, fields, isExport }, start);
}

/** At `import`: `import user/library/version [as alias]` (user names may contain `-`). */
export function parseImport(p: Parser, start: number): Import {
  p.next();
  const pathStart = p.start;
  let pathEnd = pathStart;
  while (!p.isType('newline') && !p.isType('eof') && !p.isIdent('as')) pathEnd = p.next().end;
  const parts = p.source.slice(pathStart, pathEnd).replace(/\s+/g, '').split('/');
  if (parts.length !== 3 || !/^\d+$/.test(parts[2]!) || parts[0] === '' || parts[1] === '') {
    p.fail(`Invalid import path '${p.source.slice(pathStart, pathEnd)}': expected 'user/library/version'`, {
      start: pathStart,
      end: Math.max(pathEnd, pathStart + 1),
    });
  }
  let alias: Identifier | null = null;
  if (p.isIdent('as')) {
    p.next();
    alias = parseIdentifier(p);
  }
  return p.finish<Import>(
    { kind: 'Import', user: parts[0]!, library: parts[1]!, version: Number(parts[2]), alias },
    start,
  );
}
