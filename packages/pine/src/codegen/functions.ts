// User functions, methods, user-defined types and enums.
//
// Per-call-site state: a function whose body owns state (var, history, stateful built-in calls, or
// calls of other stateful functions) is emitted as a *maker* `$mk_f()` returning the function; each
// written call site holds its own `$mk_f()` instance in the frame that contains it, so nested call
// sites multiply naturally and one call site inside a loop shares its instance across iterations.
// Stateless functions are plain module-level functions called directly.
import type { Argument, Call, EnumDeclaration, Expression, FunctionDeclaration, TypeDeclaration } from '../parser/ast.js';
import { dottedName } from './values.js';
import { constEval, NOT_CONST } from './consteval.js';
import { Frame, type Gen, type UserFunction, type UserType } from './context.js';
import { emitExpr, type Emitted } from './expressions.js';
import { fieldName, sanitize, varName } from './names.js';
import { naLiteral, T, typeFromRef, typeName, type PineType } from './ptypes.js';
import { emitBlockValue } from './statements.js';

function udtNames(g: Gen): Set<string> {
  return new Set(g.types.keys());
}
function enumNames(g: Gen): Set<string> {
  return new Set(g.enums.keys());
}

export function resolveTypeRef(g: Gen, ref: import('../parser/ast.js').TypeRef | null): PineType | null {
  return ref ? typeFromRef(ref, udtNames(g), enumNames(g)) : null;
}

function containsSecurity(n: unknown): boolean {
  if (!n || typeof n !== 'object') return false;
  if (Array.isArray(n)) return n.some(containsSecurity);
  const node = n as { kind?: string; callee?: Expression };
  if (node.kind === 'Call' && node.callee && dottedName(node.callee)?.startsWith('request.security')) return true;
  return Object.entries(n).some(([k, v]) => k !== 'span' && typeof v === 'object' && containsSecurity(v));
}

/** A copy of `n` with parameter identifiers replaced by the call's argument expressions. */
function substitute(n: unknown, map: ReadonlyMap<string, Expression>): unknown {
  if (!n || typeof n !== 'object') return n;
  if (Array.isArray(n)) return n.map((x) => substitute(x, map));
  const node = n as { kind?: string; name?: string };
  if (node.kind === 'Identifier' && map.has(node.name!)) return map.get(node.name!);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(n)) {
    // Names being declared or called are not parameter references. (`index` is declared only by
    // `for [index, item] in …`; a history access `x[n]` has an `index` that is an ordinary expression.)
    const declares = k === 'name' || k === 'property' || k === 'counter' || k === 'item' || (k === 'index' && node.kind === 'ForIn');
    if (declares && (v as { kind?: string })?.kind === 'Identifier') out[k] = v;
    else out[k] = k === 'span' ? v : substitute(v, map);
  }
  return out;
}

function emitInlineCall(g: Gen, uf: UserFunction, args: readonly Argument[], call: Call): Emitted {
  const map = new Map<string, Expression>();
  let pos = 0;
  for (const a of args) {
    const i = a.name ? uf.params.findIndex((p) => p.name === a.name!.name) : pos++;
    if (i < 0 || i >= uf.params.length) g.fail(`Bad argument for ${uf.name}`, a);
    map.set(uf.params[i]!.name, a.value);
  }
  uf.params.forEach((p) => {
    if (!map.has(p.name)) {
      if (!p.defaultNode) g.fail(`Missing argument '${p.name}' in call to ${uf.name}`, call);
      map.set(p.name, p.defaultNode);
    }
  });
  const body = substitute(uf.node.body, map) as FunctionDeclaration['body'];
  const r = emitBlockValue(g, body, (c) => `return ${c};`);
  return { code: `(() => {\n${r.lines.join('\n')}\n})()`, type: r.type };
}

export function emitFunctionDecl(g: Gen, decl: FunctionDeclaration): void {
  if (g.functionDepth > 0 || g.scope !== g.globalScope) g.fail('Functions can only be declared at the top level', decl);
  const name = decl.name.name;
  if (containsSecurity(decl.body) && !decl.isMethod) {
    const list = g.functions.get(name) ?? [];
    list.push({
      name,
      js: '',
      stateful: true,
      isMethod: false,
      params: decl.params.map((p) => ({ name: p.name.name, type: resolveTypeRef(g, p.type), defaultNode: p.defaultValue })),
      returnType: T.unknown,
      node: decl,
      inline: true,
    });
    g.functions.set(name, list);
    return;
  }
  const js = `fn_${sanitize(name)}_${decl.id}`;
  const frame = new Frame(false, g.frame);
  const savedFrame = g.frame;
  g.frame = frame;
  g.functionDepth++;
  g.pushScope();
  const params = decl.params.map((p) => {
    const type = resolveTypeRef(g, p.type);
    const b = g.declare(p.name.name, varName(p.name.name, p.id), type ?? g.checkedType(p.name.id) ?? T.unknown, 'none', p.id);
    return { name: p.name.name, type, defaultNode: p.defaultValue, binding: b };
  });
  // Register before the body so recursion errors are explicit rather than "undeclared".
  const uf: UserFunction = {
    name,
    js,
    stateful: false,
    isMethod: decl.isMethod,
    params: params.map(({ name: n, type, defaultNode }) => ({ name: n, type, defaultNode })),
    returnType: T.unknown,
    node: decl,
  };
  let body: string[];
  let type: PineType;
  try {
    const r = emitBlockValue(g, decl.body, (c) => `return ${c};`);
    body = r.lines;
    type = r.type;
  } finally {
    g.popScope();
    g.functionDepth--;
    g.frame = savedFrame;
  }
  uf.returnType = type;
  const entryMarkers = params.map((p) => g.historyMarker(p.binding)).join('');
  const paramList = params.map((p) => p.binding.js).join(', ');
  const fnCode = `function ${js}(${paramList}) {\n${entryMarkers}\n${body.join('\n')}\n}`;
  uf.stateful = frame.state.length > 0;
  if (uf.stateful) {
    const mk = `$mk_${js}`;
    g.functionsCode.push(`function ${mk}() {\n${frame.state.join('\n')}\nreturn ${fnCode};\n}`);
    uf.js = mk;
  } else {
    g.functionsCode.push(fnCode);
  }
  const list = g.functions.get(name) ?? [];
  list.push(uf);
  g.functions.set(name, list);
}

function fits(p: PineType | null, a: PineType): boolean {
  if (!p || a.k === 'unknown' || a.k === 'na') return true;
  if (p.k === 'float' && a.k === 'int') return true;
  return typeName(p) === typeName(a);
}

export function findUserFunction(g: Gen, name: string, call: Call): UserFunction | null {
  const list = g.functions.get(name);
  if (!list) return null;
  const n = call.args.length;
  const byArity = list.filter((f) => n <= f.params.length && f.params.filter((p) => !p.defaultNode).length <= n);
  if (byArity.length <= 1) return byArity[0] ?? list[0]!;
  // Overloads by declared parameter types (types of literal arguments are enough in practice).
  for (const f of byArity) {
    const ok = call.args.every((a, i) => {
      const p = a.name ? f.params.find((x) => x.name === a.name!.name) : f.params[i];
      const lit = a.value.kind === 'NumberLiteral' ? (a.value.isFloat ? T.float : T.int) : a.value.kind === 'StringLiteral' ? T.string : a.value.kind === 'BoolLiteral' ? T.bool : T.unknown;
      return p ? fits(p.type, lit) : false;
    });
    if (ok) return f;
  }
  return byArity[0]!;
}

export function findUserMethod(g: Gen, name: string, recv: PineType): UserFunction | null {
  const list = (g.functions.get(name) ?? []).filter((f) => f.isMethod);
  if (list.length === 0) return null;
  const exact = list.find((f) => f.params[0]?.type && recv.k !== 'unknown' && typeName(f.params[0].type) === typeName(recv));
  if (exact) return exact;
  if (recv.k === 'unknown') return list[0]!;
  const loose = list.find((f) => !f.params[0]?.type || fits(f.params[0].type, recv));
  if (loose) return loose;
  // int[] passed where float[] is declared (Pine converts), or similar element-type widening.
  const sameKind = list.filter((f) => f.params[0]?.type?.k === recv.k);
  return sameKind.length === 1 ? sameKind[0]! : null;
}

export function emitUserCall(g: Gen, uf: UserFunction, args: readonly Argument[], recv: Emitted | null, call: Call): Emitted {
  if (uf.inline) {
    if (recv) g.fail(`Method calls of '${uf.name}' are not supported`, call);
    return emitInlineCall(g, uf, args, call);
  }
  const slots: (string | undefined)[] = new Array(uf.params.length).fill(undefined);
  let pos = 0;
  if (recv) slots[pos++] = recv.code;
  for (const a of args) {
    if (a.name) {
      const i = uf.params.findIndex((p) => p.name === a.name!.name);
      if (i < 0) g.fail(`Function ${uf.name} has no parameter '${a.name.name}'`, a);
      slots[i] = emitExpr(g, a.value, uf.params[i]!.type ?? undefined).code;
    } else {
      if (pos >= uf.params.length) g.fail(`Too many arguments for ${uf.name}`, a);
      slots[pos] = emitExpr(g, a.value, uf.params[pos]!.type ?? undefined).code;
      pos++;
    }
  }
  const codes = slots.map((c, i) => {
    if (c !== undefined) return c;
    const p = uf.params[i]!;
    if (p.defaultNode) return emitExpr(g, p.defaultNode, p.type ?? undefined).code;
    return g.fail(`Missing argument '${p.name}' in call to ${uf.name}`, call);
  });
  if (uf.stateful) {
    const site = g.state(`${uf.js}()`, 'cs');
    return { code: `${site}(${codes.join(', ')})`, type: uf.returnType };
  }
  return { code: `${uf.js}(${codes.join(', ')})`, type: uf.returnType };
}

export function emitTypeDecl(g: Gen, decl: TypeDeclaration): void {
  const name = decl.name.name;
  const js = `$U_${sanitize(name)}_${decl.id}`;
  const ut: UserType = { name, js, fields: [] };
  g.types.set(name, ut); // before field types so self-references resolve
  ut.fields = decl.fields.map((f) => ({ name: f.name.name, type: typeFromRef(f.type, udtNames(g), enumNames(g)), defaultNode: f.defaultValue }));
  const params = ut.fields.map((f) => fieldName(f.name));
  g.header.push(
    `class ${js} {\nconstructor(${params.join(', ')}) {\n${params.map((p) => `this.${p} = ${p};`).join('\n')}\n}\n}`,
  );
}

export function emitUdtCall(g: Gen, ut: UserType, method: string, call: Call): Emitted {
  if (method === 'new') {
    const slots: (string | undefined)[] = new Array(ut.fields.length).fill(undefined);
    let pos = 0;
    for (const a of call.args) {
      const i = a.name ? ut.fields.findIndex((f) => f.name === a.name!.name) : pos++;
      if (i < 0 || i >= ut.fields.length) g.fail(`${ut.name}.new() has no field ${a.name ? `'${a.name.name}'` : 'at this position'}`, a);
      slots[i] = emitExpr(g, a.value, ut.fields[i]!.type).code;
    }
    const codes = slots.map((c, i) => {
      if (c !== undefined) return c;
      const f = ut.fields[i]!;
      return f.defaultNode ? emitExpr(g, f.defaultNode, f.type).code : naLiteral(f.type);
    });
    return { code: `new ${ut.js}(${codes.join(', ')})`, type: { k: 'udt', name: ut.name } };
  }
  if (method === 'copy' && call.args.length === 1) {
    return { code: `$rt.copyObject(${emitExpr(g, call.args[0]!.value).code})`, type: { k: 'udt', name: ut.name } };
  }
  // `Type.method(obj, …)`: a user method called through the type name.
  const um = (g.functions.get(method) ?? []).find((f) => f.isMethod);
  if (um) return emitUserCall(g, um, call.args, null, call);
  return g.fail(`${ut.name}.${method}() is not supported`, call);
}

export function emitEnumDecl(g: Gen, decl: EnumDeclaration): void {
  const name = decl.name.name;
  const js = `$E_${sanitize(name)}_${decl.id}`;
  const members = decl.fields.map((f) => {
    const t = f.title ? constEval(g, f.title) : f.name.name;
    return { name: f.name.name, title: typeof t === 'string' && t !== (NOT_CONST as unknown) ? t : f.name.name };
  });
  g.enums.set(name, { name, js, members });
  const entries = members.map((m) => `${fieldName(m.name)}: $rt.enumMember(${g.literal(name)}, ${g.literal(m.name)}, ${g.literal(m.title)})`);
  g.header.push(`const ${js} = Object.freeze({ ${entries.join(', ')} });`);
}
