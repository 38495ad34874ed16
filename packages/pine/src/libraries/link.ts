// The library linker: `import user/Name/version [as alias]` → one script holding the imported
// libraries' declarations followed by the importing script, with every use through an alias turned
// into a direct reference (see rewrite.ts). The checker and code generator then treat library code like
// the script's own, so calls into a library are checked against its real signatures.
//
// Per library (once per compile, however often it is imported): resolve its source, parse it, link
// its own imports first (recursively, with cycle detection), check it on its own (its errors are
// reported at the import with the library's line:column), then keep its top-level functions, methods,
// types and enums, its exported constants and the global variables they use. Its other top-level
// statements (library(), plots, demo code) are not run.
//
// The copies of library nodes get fresh ids above the importing script's (ids key per-call-site state
// and the checker's tables) and the span of the import they came through, so a run-time error inside
// library code points at that import.
import { check } from '../checker/index.js';
import { BUILTIN_NAMESPACES, builtinFunction } from '../checker/builtins.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { lineColumnFromStarts } from '../diagnostics/position.js';
import type { Import, Node, Script, Span, Statement } from '../parser/ast.js';
import { parse } from '../parser/script.js';
import { walkAst } from '../parser/visit.js';
import type { LibraryResolver } from './resolver.js';
import { libraryIdentity } from './identity.js';
import { rewriteStatements, type LinkedExports } from './rewrite.js';

export interface LinkResult {
  /** The linked script (the input itself when it imports nothing). */
  readonly script: Script;
  /** Errors about imports, located at the import statements of the linked script. */
  readonly diagnostics: Diagnostic[];
}

interface LinkedLibrary {
  readonly exports: ReadonlyMap<string, string>;
  /** Kept top-level declarations, renamed; ids and spans are still the library source's. */
  readonly decls: readonly Statement[];
  readonly deps: readonly LinkedLibrary[];
}

/** A library that could not be linked: the message is repeated at every import of it. */
interface LinkFailure {
  readonly error: string;
}

const importLabel = (imp: Import): string => `${imp.user}/${imp.library}/${imp.version}`;
const importKey = (imp: Import): string => `${imp.user}/${imp.library}`.toLowerCase();
const failed = (x: LinkedLibrary | LinkFailure): x is LinkFailure => 'error' in x;

class Session {
  readonly libraries = new Map<string, LinkedLibrary | LinkFailure>();
  /** Keys of the libraries being linked, outermost first (an import of one of them is a cycle). */
  readonly active: string[] = [];
  readonly activeLabels: string[] = [];
  private readonly prefixes = new Set<string>();
  /** The alias the top-level script uses for a library: its linked names then read like the script. */
  readonly preferredPrefix = new Map<string, string>();

  constructor(readonly resolver: LibraryResolver) {}

  /** A prefix for linked names that no other library uses and that is not a built-in namespace. */
  prefixFor(key: string, fallback: string): string {
    let base = this.preferredPrefix.get(key) ?? fallback;
    if (BUILTIN_NAMESPACES.has(base) || builtinFunction(base)) base = `${base}_lib`;
    let p = base;
    for (let n = 2; this.prefixes.has(p); n++) p = `${base}_${n}`;
    this.prefixes.add(p);
    return p;
  }
}

/** Links the libraries `ast` imports. Without imports, returns `ast` unchanged. */
export function linkLibraries(ast: Script, source: string, resolver: LibraryResolver): LinkResult {
  const imports = ast.body.filter((s): s is Import => s.kind === 'Import');
  if (imports.length === 0) return { script: ast, diagnostics: [] };
  const session = new Session(resolver);
  for (const imp of imports) session.preferredPrefix.set(importKey(imp), imp.alias?.name ?? imp.library);
  const diagnostics: Diagnostic[] = [];
  const script = linkScript(session, ast, source, diagnostics);
  return { script, diagnostics };
}

/** Links `ast`'s imports and returns it as one script (library declarations first). */
function linkScript(session: Session, ast: Script, source: string, diagnostics: Diagnostic[]): Script {
  const { aliases, deps } = linkImports(session, ast, source, diagnostics);
  const body = rewriteStatements(ast.body, {
    own: new Map(),
    ownFunctions: new Set(),
    aliases,
    report: (node, message) => diagnostics.push(diagnosticAt(ast, source, node, message, 'library-export')),
  });
  return assemble(ast, body, deps);
}

interface Dependency {
  readonly library: LinkedLibrary;
  readonly import: Import;
}

function linkImports(session: Session, ast: Script, source: string, diagnostics: Diagnostic[]) {
  const aliases = new Map<string, LinkedExports>();
  const deps: Dependency[] = [];
  for (const st of ast.body) {
    if (st.kind !== 'Import') continue;
    const lib = linkLibrary(session, st, ast.version ?? 6);
    if (failed(lib)) {
      diagnostics.push(diagnosticAt(ast, source, st, lib.error, 'library'));
      continue;
    }
    aliases.set(st.alias?.name ?? st.library, { label: importLabel(st), members: lib.exports });
    deps.push({ library: lib, import: st });
  }
  return { aliases, deps };
}

function linkLibrary(session: Session, imp: Import, version: number): LinkedLibrary | LinkFailure {
  const key = importKey(imp);
  const label = importLabel(imp);
  const known = session.libraries.get(key);
  if (known) return known;
  const cycleAt = session.active.indexOf(key);
  if (cycleAt >= 0) return { error: `Library import cycle: ${[...session.activeLabels.slice(cycleAt), label].join(' → ')}` };
  const result = linkResolved(session, imp, key, label, version);
  session.libraries.set(key, result);
  return result;
}

function linkResolved(session: Session, imp: Import, key: string, label: string, version: number): LinkedLibrary | LinkFailure {
  const source = session.resolver.resolve(imp.user, imp.library, imp.version);
  if (source === undefined) return { error: `Library '${label}' not found in the library directories` };
  const parsed = parse(source);
  const inLibrary = (d: Diagnostic) => `Library '${label}': ${d.line}:${d.column} ${d.message}`;
  const parseError = parsed.diagnostics.find((d) => d.severity === 'error');
  if (parseError) return { error: inLibrary(parseError) };
  const lib = parsed.ast;
  const libVersion = lib.version ?? 6;
  if (libVersion !== version) {
    return { error: `Library '${label}' is Pine v${libVersion}; linking it into a v${version} script is not supported (the versions' rules differ)` };
  }

  session.active.push(key);
  session.activeLabels.push(label);
  const nested: Diagnostic[] = [];
  let linked: ReturnType<typeof linkImports>;
  try {
    linked = linkImports(session, lib, source, nested);
  } finally {
    session.active.pop();
    session.activeLabels.pop();
  }
  // The library checked as a script of its own: its errors keep the library's line:column.
  const own = rewriteStatements(lib.body, {
    own: new Map(),
    ownFunctions: new Set(),
    aliases: linked.aliases,
    report: (node, message) => nested.push(diagnosticAt(lib, source, node, message, 'library-export')),
  });
  const firstNested = nested.find((d) => d.severity === 'error');
  if (firstNested) return { error: inLibrary(firstNested) };
  const checkError = check(assemble(lib, own, linked.deps), { source }).diagnostics.find((d) => d.severity === 'error');
  if (checkError) return { error: inLibrary(checkError) };

  const prefix = session.prefixFor(key, libraryIdentity(source)?.name.replace(/\W/g, '_') || imp.library);
  const names = topLevelNames(lib.body, prefix);
  const renamed = rewriteStatements(lib.body, {
    own: names.own,
    ownFunctions: names.functions,
    aliases: linked.aliases,
    report: () => undefined, // already reported by the first pass
  });
  return { exports: exportsOf(lib.body, names.own), decls: keptDeclarations(renamed), deps: linked.deps.map((d) => d.library) };
}

/** The library's top-level names and the names they get when linked (`prefix.name`). */
function topLevelNames(body: readonly Statement[], prefix: string) {
  const own = new Map<string, string>();
  const functions = new Set<string>();
  const add = (name: string) => own.set(name, `${prefix}.${name}`);
  for (const st of body) {
    switch (st.kind) {
      case 'FunctionDeclaration':
        if (!st.isMethod) {
          add(st.name.name);
          functions.add(st.name.name);
        }
        break;
      case 'TypeDeclaration':
      case 'EnumDeclaration':
      case 'VarDeclaration':
        add(st.name.name);
        break;
      case 'TupleDeclaration':
        for (const n of st.names) add(n.name);
        break;
      default:
        break;
    }
  }
  return { own, functions };
}

function exportsOf(body: readonly Statement[], own: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const st of body) {
    if (st.kind === 'FunctionDeclaration' && st.isExport) out.set(st.name.name, st.isMethod ? st.name.name : own.get(st.name.name)!);
    else if ((st.kind === 'TypeDeclaration' || st.kind === 'EnumDeclaration' || st.kind === 'VarDeclaration') && st.isExport) out.set(st.name.name, own.get(st.name.name)!);
  }
  return out;
}

/** Declarations, exported constants, and the global variables those use (transitively), in source order. */
function keptDeclarations(body: readonly Statement[]): Statement[] {
  const kept = new Set<Statement>();
  const used = new Set<string>();
  const keep = (st: Statement) => {
    kept.add(st);
    walkAst(st, (n) => {
      if (n.kind === 'Identifier') used.add(n.name);
    });
  };
  for (const st of body) {
    if (st.kind === 'FunctionDeclaration' || st.kind === 'TypeDeclaration' || st.kind === 'EnumDeclaration' || (st.kind === 'VarDeclaration' && st.isExport)) keep(st);
  }
  // A kept global's initialiser may use another global: repeat until no more are needed.
  for (let changed = true; changed; ) {
    changed = false;
    for (const st of body) {
      if (kept.has(st)) continue;
      const declared = st.kind === 'VarDeclaration' ? [st.name.name] : st.kind === 'TupleDeclaration' ? st.names.map((n) => n.name) : [];
      if (declared.some((n) => used.has(n))) {
        keep(st);
        changed = true;
      }
    }
  }
  return body.filter((st) => kept.has(st));
}

/** `ast` with the libraries' declarations (dependencies first, each library once) before `body`. */
function assemble(ast: Script, body: readonly Statement[], deps: readonly Dependency[]): Script {
  const order: LinkedLibrary[] = [];
  const spans = new Map<LinkedLibrary, Span>();
  const visit = (lib: LinkedLibrary, span: Span) => {
    if (spans.has(lib)) return;
    spans.set(lib, span);
    for (const d of lib.deps) visit(d, span);
    order.push(lib);
  };
  for (const d of deps) visit(d.library, d.import.span);
  let next = ast.id + 1;
  const fresh = () => next++;
  const libraryCode = order.flatMap((lib) => lib.decls.map((st) => renumber(st, spans.get(lib)!, fresh)));
  const own = body.filter((st) => st.kind !== 'Import');
  return { ...ast, body: [...libraryCode, ...own], id: fresh() };
}

/** A deep copy with fresh node ids and every span set to `span`. */
function renumber<T>(value: T, span: Span, fresh: () => number): T {
  if (Array.isArray(value)) return value.map((v) => renumber(v, span, fresh)) as T;
  if (value === null || typeof value !== 'object') return value;
  const isNode = typeof (value as { kind?: unknown }).kind === 'string';
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === 'docs') continue;
    if (isNode && k === 'id') out[k] = fresh();
    else if (isNode && k === 'span') out[k] = { start: span.start, end: span.end };
    else out[k] = renumber(v, span, fresh);
  }
  return out as T;
}

function diagnosticAt(ast: Script, source: string, node: Node, message: string, code: string): Diagnostic {
  const { line, column } = lineColumnFromStarts(ast.lineStarts, Math.min(node.span.start, source.length));
  return { severity: 'error', message, span: { start: node.span.start, end: node.span.end }, line, column, code };
}
