// Renaming pass of the library linker. Returns a copy of a script's statements in which
//   - references through an import alias (`lib.fn`, `lib.Type`, `lib.Enum.member`, `lib.CONST`, and
//     `lib.Type` in written types) become plain identifiers naming the imported declaration, and
//   - (for a library being linked into another script) the library's own top-level functions, types,
//     enums and variables get their linked names, respecting local variables that shadow them.
// Linked names have the form `prefix.name`: the lexer never produces a dotted identifier, so they cannot
// collide with the importing script's names, and messages still read like what the user wrote.
// Node ids are kept (the linker renumbers library copies); `docs` annotations are dropped from copies.
import type {
  Argument,
  Block,
  ForIn,
  ForTo,
  Expression,
  FunctionDeclaration,
  Identifier,
  If,
  MemberExpression,
  Node,
  Parameter,
  Statement,
  Switch,
  SwitchCase,
  TypeRef,
  While,
} from '../parser/ast.js';
import { BUILTIN_NAMESPACES } from '../checker/builtins.js';

/** What an imported library offers through its alias. */
export interface LinkedExports {
  /** `user/Name/version` as written in the import, for messages. */
  readonly label: string;
  /** Exported member → the name it has in the linked script (methods keep their own name). */
  readonly members: ReadonlyMap<string, string>;
}

export interface RewriteOptions {
  /** The source's own top-level names → linked names (empty when the source is the importing script). */
  readonly own: ReadonlyMap<string, string>;
  /** Own top-level names that are functions (a called name is always a function in Pine). */
  readonly ownFunctions: ReadonlySet<string>;
  /** Import aliases of this source → what the imported library exports. */
  readonly aliases: ReadonlyMap<string, LinkedExports>;
  readonly report: (node: Node, message: string) => void;
}

type Control = If | Switch | ForTo | ForIn | While;

/** Names declared in a block or function (locals shadow top-level names). */
class Locals {
  private readonly names = new Set<string>();
  constructor(private readonly parent: Locals | null) {}
  add(name: string): void {
    this.names.add(name);
  }
  has(name: string): boolean {
    return this.names.has(name) || (this.parent?.has(name) ?? false);
  }
}

export function rewriteStatements(body: readonly Statement[], opts: RewriteOptions): Statement[] {
  return new Rewriter(opts).topLevel(body);
}

class Rewriter {
  constructor(private readonly o: RewriteOptions) {}

  topLevel(body: readonly Statement[]): Statement[] {
    const root = new Locals(null);
    return body.map((s) => this.stmt(s, root, true));
  }

  private ownName(name: string): string {
    return this.o.own.get(name) ?? name;
  }

  private block(b: Block, parent: Locals): Block {
    const scope = new Locals(parent);
    return { ...b, body: b.body.map((s) => this.stmt(s, scope, false)) };
  }

  private stmt(s: Statement, scope: Locals, top: boolean): Statement {
    switch (s.kind) {
      case 'VarDeclaration': {
        const init = this.expr(s.init, scope);
        const out = { ...s, type: this.typeRef(s.type), init, name: top ? this.declName(s.name) : s.name };
        delete out.docs;
        if (!top) scope.add(s.name.name);
        return out;
      }
      case 'TupleDeclaration': {
        const init = this.expr(s.init, scope);
        if (!top) for (const n of s.names) scope.add(n.name);
        return { ...s, init, names: top ? s.names.map((n) => this.declName(n)) : s.names };
      }
      case 'Assignment':
        return { ...s, target: this.expr(s.target, scope), value: this.expr(s.value, scope) };
      case 'ExpressionStatement':
        return { ...s, expression: this.expr(s.expression, scope) };
      case 'FunctionDeclaration':
        return this.fn(s, scope, top);
      case 'TypeDeclaration': {
        const out = {
          ...s,
          name: top ? this.declName(s.name) : s.name,
          fields: s.fields.map((f) => ({ ...f, type: this.typeRef(f.type), defaultValue: f.defaultValue && this.expr(f.defaultValue, scope) })),
        };
        delete out.docs;
        return out;
      }
      case 'EnumDeclaration': {
        const out = {
          ...s,
          name: top ? this.declName(s.name) : s.name,
          fields: s.fields.map((f) => ({ ...f, title: f.title && this.expr(f.title, scope) })),
        };
        delete out.docs;
        return out;
      }
      case 'If':
      case 'Switch':
      case 'ForTo':
      case 'ForIn':
      case 'While':
        return this.control(s, scope);
      case 'Import':
      case 'Break':
      case 'Continue':
      case 'ErrorStatement':
        return s;
    }
  }

  private declName(id: Identifier): Identifier {
    const name = this.ownName(id.name);
    return name === id.name ? id : { ...id, name };
  }

  private fn(s: FunctionDeclaration, scope: Locals, top: boolean): FunctionDeclaration {
    const inner = new Locals(scope);
    const params: Parameter[] = s.params.map((p) => ({ ...p, type: this.typeRef(p.type), defaultValue: p.defaultValue && this.expr(p.defaultValue, scope) }));
    for (const p of s.params) inner.add(p.name.name);
    // Methods keep their name: they are found by receiver type (`obj.method()`), from any script.
    const out = { ...s, name: top && !s.isMethod ? this.declName(s.name) : s.name, params, body: this.block(s.body, inner) };
    delete out.docs;
    return out;
  }

  private control(s: Control, scope: Locals): Control {
    switch (s.kind) {
      case 'If':
        return this.ifNode(s, scope);
      case 'Switch':
        return {
          ...s,
          subject: s.subject && this.expr(s.subject, scope),
          cases: s.cases.map((c): SwitchCase => ({ ...c, test: c.test && this.expr(c.test, scope), body: this.block(c.body, scope) })),
        };
      case 'ForTo': {
        const loop = new Locals(scope);
        loop.add(s.counter.name);
        return {
          ...s,
          counterType: this.typeRef(s.counterType),
          from: this.expr(s.from, scope),
          to: this.expr(s.to, scope),
          step: s.step && this.expr(s.step, scope),
          body: this.block(s.body, loop),
        };
      }
      case 'ForIn': {
        const loop = new Locals(scope);
        loop.add(s.item.name);
        if (s.index) loop.add(s.index.name);
        return { ...s, iterable: this.expr(s.iterable, scope), body: this.block(s.body, loop) };
      }
      case 'While':
        return { ...s, condition: this.expr(s.condition, scope), body: this.block(s.body, scope) };
    }
  }

  private ifNode(s: If, scope: Locals): If {
    const alternate = s.alternate === null ? null : s.alternate.kind === 'If' ? this.ifNode(s.alternate, scope) : this.block(s.alternate, scope);
    return { ...s, condition: this.expr(s.condition, scope), consequent: this.block(s.consequent, scope), alternate };
  }

  private expr(e: Expression, scope: Locals): Expression {
    switch (e.kind) {
      case 'NumberLiteral':
      case 'StringLiteral':
      case 'BoolLiteral':
      case 'ColorLiteral':
      case 'NaLiteral':
      case 'ErrorExpression':
        return e;
      case 'Identifier':
        return scope.has(e.name) ? e : this.declName(e);
      case 'MemberExpression':
        return this.member(e, scope);
      case 'Call': {
        const callee =
          e.callee.kind === 'Identifier'
            ? this.o.ownFunctions.has(e.callee.name)
              ? this.declName(e.callee)
              : e.callee
            : this.expr(e.callee, scope);
        return {
          ...e,
          callee,
          typeArgs: e.typeArgs.map((t) => this.typeRef(t)),
          args: e.args.map((a): Argument => ({ ...a, value: this.expr(a.value, scope) })),
        };
      }
      case 'HistoryAccess':
        return { ...e, object: this.expr(e.object, scope), index: this.expr(e.index, scope) };
      case 'Unary':
        return { ...e, argument: this.expr(e.argument, scope) };
      case 'Binary':
        return { ...e, left: this.expr(e.left, scope), right: this.expr(e.right, scope) };
      case 'Ternary':
        return { ...e, test: this.expr(e.test, scope), consequent: this.expr(e.consequent, scope), alternate: this.expr(e.alternate, scope) };
      case 'Tuple':
        return { ...e, elements: e.elements.map((x) => this.expr(x, scope)) };
      case 'Paren':
        return { ...e, expression: this.expr(e.expression, scope) };
      case 'If':
      case 'Switch':
      case 'ForTo':
      case 'ForIn':
      case 'While':
        return this.control(e, scope);
    }
  }

  /** `alias.member` → the linked identifier; anything else keeps its shape. */
  private member(e: MemberExpression, scope: Locals): Expression {
    const obj = e.object;
    if (obj.kind === 'Identifier' && !scope.has(obj.name)) {
      const lib = this.o.aliases.get(obj.name);
      if (lib) {
        const linked = lib.members.get(e.property.name);
        if (linked !== undefined) return { kind: 'Identifier', id: e.id, span: e.span, name: linked };
        // An alias named like a built-in namespace (`import TradingView/ta/9` → `ta`) still reaches the built-ins.
        if (!BUILTIN_NAMESPACES.has(obj.name)) this.o.report(e.property, notExported(e.property.name, lib.label));
        return e;
      }
    }
    return { ...e, object: this.expr(obj, scope) };
  }

  private typeRef<T extends TypeRef | null>(t: T): T;
  private typeRef(t: TypeRef | null): TypeRef | null {
    if (!t) return t;
    let name = t.name;
    const dot = name.indexOf('.');
    if (dot < 0) name = this.ownName(name);
    else {
      const lib = this.o.aliases.get(name.slice(0, dot));
      if (lib) {
        const member = name.slice(dot + 1);
        const linked = lib.members.get(member);
        if (linked !== undefined) name = linked;
        else if (!BUILTIN_NAMESPACES.has(name.slice(0, dot))) this.o.report(t, notExported(member, lib.label));
      }
    }
    const typeArgs = t.typeArgs.map((a) => this.typeRef(a));
    return { ...t, name, typeArgs };
  }
}

export function notExported(member: string, label: string): string {
  return `'${member}' is not exported by library '${label}'`;
}
