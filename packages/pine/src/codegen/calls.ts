// Calls: dispatch to special forms (na/nz/fixnan/casts, outputs, inputs, declarations), user
// functions and methods, UDT constructors, and registry built-ins (stateless or per-call-site).
import { builtinFunction, builtinMethodCandidates, BUILTIN_NAMESPACES } from '../checker/builtins.js';
import type { Argument, Call, Expression } from '../parser/ast.js';
import type { BuiltinFunction } from '../checker/builtin-types.js';
import { isStateful, lookupFunction, resolveOverload, type ResolvedOverload } from './builtins.js';
import type { Gen } from './context.js';
import { barRef, cond, emitExpr, type Emitted } from './expressions.js';
import { emitUdtCall, emitUserCall, findUserFunction, findUserMethod } from './functions.js';
import { emitInputCall } from './input-calls.js';
import { emitOutputCall, OUTPUT_FUNCTIONS } from './output-calls.js';
import { emitSecurity, emitSecurityLowerTf } from './security.js';
import { isNumericType, methodNamespace, naLiteral, parseCatalogType, T, typeFromRef, typeName, type PineType } from './ptypes.js';
import { dottedName } from './values.js';

/** Arguments bound to the parameters of a catalog function, by parameter position (undefined = omitted). */
export function bindArgs(g: Gen, name: string, call: Call): (Expression | undefined)[] {
  const fn = builtinFunction(name);
  if (!fn) return call.args.map((a) => a.value);
  const r = resolveOverload(fn, call.args, []);
  if (typeof r === 'string') return g.fail(`${r} (${name})`, call);
  const out: (Expression | undefined)[] = r.order.map((ai) => (ai >= 0 ? call.args[ai]!.value : undefined));
  for (const ai of r.variadic) out.push(call.args[ai]!.value);
  return out;
}

export function emitCall(g: Gen, call: Call, expected?: PineType): Emitted {
  const callee = call.callee;
  const name = dottedName(callee);
  if (callee.kind === 'Identifier' && name) {
    // Pine has no function values: a called name is always a function, even when a variable shares it.
    const special = emitSpecial(g, name, call, expected);
    if (special) return special;
    const uf = findUserFunction(g, name, call);
    if (uf) return emitUserCall(g, uf, call.args, null, call);
    return emitBuiltin(g, name, call, call.args, null);
  }
  if (callee.kind === 'MemberExpression') {
    const obj = callee.object;
    const method = callee.property.name;
    // `Type.new(...)`, `Type.copy(x)`.
    if (obj.kind === 'Identifier' && !g.scope.lookup(obj.name) && g.types.has(obj.name)) {
      return emitUdtCall(g, g.types.get(obj.name)!, method, call);
    }
    const objName = dottedName(obj);
    const rootBinding = objName !== null ? g.scope.lookup(objName.split('.')[0]!) : undefined;
    // A variable named like a namespace (`color`, `size`…) of a type without methods does not hide
    // the namespace's functions: `color.new(color, 50)` with a `color` parameter.
    const rootLocal = rootBinding !== undefined && !(name && builtinFunction(name) && !['udt', 'object', 'array', 'map', 'matrix'].includes(rootBinding.type.k));
    if (name && !rootLocal && (BUILTIN_NAMESPACES.has(objName ?? '') || builtinFunction(name))) {
      const special = emitSpecial(g, name, call, expected);
      if (special) return special;
      return emitBuiltin(g, name, call, call.args, null);
    }
    // A method call on a value.
    const recv = emitExpr(g, obj);
    const um = findUserMethod(g, method, recv.type);
    if (um) return emitUserCall(g, um, call.args, recv, call);
    if (method === 'copy' && (recv.type.k === 'udt' || recv.type.k === 'unknown') && call.args.length === 0) {
      return { code: `$rt.copyObject(${recv.code})`, type: recv.type };
    }
    const ns = methodNamespace(recv.type);
    if (ns && builtinFunction(`${ns}.${method}`)) return emitBuiltin(g, `${ns}.${method}`, call, call.args, recv);
    const candidates = builtinMethodCandidates(method);
    if (candidates.length === 1) return emitBuiltin(g, candidates[0]!, call, call.args, recv);
    if (candidates.length > 1) return emitDynamicMethod(g, method, candidates, call, recv);
    return g.fail(`Unknown method '${method}'`, call);
  }
  return g.fail('This kind of call is not supported', call);
}

/** Substitutes the generic placeholder of a catalog return type. */
function returnType(returns: string, elem: PineType): PineType {
  const r = returns.replace(/^(const|input|simple|series)\s+/, '');
  if (/^array<.*type.*>$/.test(r)) return { k: 'array', elem };
  if (/^matrix<.*type.*>$/.test(r)) return { k: 'matrix', elem };
  if (/^map<.*>$/.test(r) && r.includes('type')) return { k: 'map', key: T.unknown, value: T.unknown };
  if (/<?\btype\b>?/.test(r) && !r.includes('[')) return elem;
  return parseCatalogType(returns);
}

function elementType(t: PineType | undefined): PineType {
  if (!t) return T.unknown;
  if (t.k === 'array' || t.k === 'matrix') return t.elem;
  if (t.k === 'map') return t.value;
  return t;
}

export function emitBuiltin(g: Gen, name: string, call: Call, args: readonly Argument[], recv: Emitted | null): Emitted {
  // v5 `strategy.*(…, when = cond)`: the call only happens when the condition holds.
  const when = name.startsWith('strategy.') ? args.find((a) => a.name?.name === 'when') : undefined;
  if (when) {
    const c = cond(g, emitExpr(g, when.value));
    const inner = emitBuiltin(g, name, call, args.filter((a) => a !== when), recv);
    return { code: `(${c} ? ${inner.code} : undefined)`, type: inner.type };
  }
  const fn = builtinFunction(name);
  if (!fn) return g.fail(`Unknown function '${name}'`, call);
  const all: Argument[] = recv ? [{ kind: 'Argument', id: -1, span: call.span, name: null, value: call.callee } as Argument, ...args] : [...args];
  const emitted: Emitted[] = all.map((a, i) => (recv && i === 0 ? recv : emitExpr(g, a.value)));
  let r = resolveOverload(fn, all, emitted.map((e) => e.type));
  // The checker's choice when the generator's own (type-scored, prefers typed overloads such as
  // array.from's int/float ones that tag the array) finds none.
  if (typeof r === 'string') r = checkerOverload(g, call, name, fn, all, recv !== null) ?? r;
  if (typeof r === 'string') return g.fail(`${r}`, call);
  const params = r.overload.params;
  const codes: string[] = [];
  for (let pi = 0; pi < params.length; pi++) {
    const p = params[pi]!;
    if (p.variadic) continue;
    const ai = r.order[pi]!;
    if (ai < 0) {
      codes.push('undefined');
      continue;
    }
    const isNa = all[ai]!.value.kind === 'NaLiteral' && !(recv && ai === 0);
    codes.push(isNa ? naLiteral(parseCatalogType(p.type)) : emitted[ai]!.code);
  }
  while (codes.length && codes[codes.length - 1] === 'undefined') codes.pop();
  if (params.some((p) => p.variadic)) {
    while (codes.length < params.length - 1) codes.push('undefined');
    for (const ai of r.variadic) codes.push(emitted[ai]!.code);
  }
  // Generic built-ins receive the element type's Pine name first (`array.new<float>` → "float").
  const explicit = call.typeArgs.length ? typeFromRef(call.typeArgs[0]!, new Set(g.types.keys()), new Set(g.enums.keys())) : null;
  const baseName = name.replace(/<.*>$/, '');
  if (fn.generic) {
    const names = call.typeArgs.length ? call.typeArgs.map((t) => typeName(typeFromRef(t, new Set(g.types.keys()), new Set(g.enums.keys())))) : baseName === 'map.new' ? ['unknown', 'unknown'] : ['unknown'];
    codes.unshift(...names.map((n) => g.literal(n)));
  }
  const firstArgType = r.order[0] !== undefined && r.order[0] >= 0 ? emitted[r.order[0]]!.type : r.variadic.length ? emitted[r.variadic[0]!]!.type : undefined;
  let elem = explicit ?? elementType(firstArgType);
  if (name === 'array.from' && r.variadic.length) {
    elem = emitted[r.variadic[0]!]!.type;
    if (r.variadic.some((ai) => emitted[ai]!.type.k === 'float')) elem = T.float;
  }
  const type = returnType(r.overload.returns, elem);
  const found = lookupFunction(g.registries, name, r.index) ?? (baseName !== name ? lookupFunction(g.registries, baseName, r.index) : null);
  if (!found) return g.fail(`The built-in '${baseName}' is not implemented yet`, call);
  const noDataWarning = (found.entry as { noDataWarning?: unknown }).noDataWarning;
  if (typeof noDataWarning === 'string') g.warnings.push({ message: noDataWarning, node: call });
  const idx = g.implIndex(found.key);
  if (isStateful(found.entry)) {
    const inst = g.state(`$I[${idx}].create()`, 'ta');
    return { code: `${inst}.update(${barRef(g)}, $ctx${codes.map((c) => ', ' + c).join('')})`, type };
  }
  const impl = g.moduleConst(`$I[${idx}].impl`, 'f');
  const ctxArg = found.entry.needsContext ? ['$ctx'] : [];
  return { code: `${impl}(${[...ctxArg, ...codes].join(', ')})`, type };
}

/**
 * The checker's overload choice for this call, expressed as positions into `all`, when the checker
 * resolved the same built-in; null otherwise (then the generator's own choice stands).
 */
function checkerOverload(g: Gen, call: Call, name: string, fn: BuiltinFunction, all: readonly Argument[], hasReceiver: boolean): ResolvedOverload | null {
  const t = g.info?.calls.get(call.id);
  if (!t || t.kind !== 'builtin') return null;
  const strip = (n: string) => n.replace(/<.*>$/, '');
  if (strip(t.name) !== strip(name)) return null;
  const overload = fn.overloads[t.overload];
  if (!overload) return null;
  const position = (e: Expression): number => {
    if (hasReceiver && call.callee.kind === 'MemberExpression' && e === call.callee.object) return 0;
    return all.findIndex((a, i) => !(hasReceiver && i === 0) && a.value === e);
  };
  const order: number[] = [];
  const variadic: number[] = [];
  const vIndex = overload.params.findIndex((p) => p.variadic);
  for (let i = 0; i < t.args.length; i++) {
    const e = t.args[i];
    const pos = e === undefined ? -1 : position(e);
    if (e !== undefined && pos < 0) return null;
    if (vIndex >= 0 && i >= vIndex) {
      if (pos >= 0) variadic.push(pos);
    } else order.push(pos);
  }
  while (order.length < overload.params.length) order.push(-1);
  const used = order.filter((x) => x >= 0).length + variadic.length;
  if (used !== all.length) return null;
  return { index: t.overload, overload, order, variadic };
}

/** A method on a receiver whose type is unknown: choose the namespace at run time. */
function emitDynamicMethod(g: Gen, method: string, candidates: readonly string[], call: Call, recv: Emitted): Emitted {
  const t = g.tmp('r');
  const branches: string[] = [];
  const drawingKinds = ['line', 'label', 'box', 'table', 'linefill', 'polyline'];
  const order = ['array', 'map', ...drawingKinds, 'matrix', 'str'];
  // A method only drawings have (delete, set_x…): an na receiver goes to the first of them, whose
  // implementation treats na as TradingView does (e.g. delete is a no-op).
  const drawingsOnly = candidates.every((c) => drawingKinds.includes(c.slice(0, c.indexOf('.'))));
  let naTaken = false;
  for (const ns of order) {
    const full = `${ns}.${method}`;
    if (!candidates.includes(full) || !lookupFunction(g.registries, full, 0)) continue;
    const isDrawingNs = drawingKinds.includes(ns);
    const recvType = ns === 'str' ? T.string : isDrawingNs ? ({ k: 'object', name: ns } as PineType) : ({ k: ns, elem: T.unknown } as PineType);
    const e = emitBuiltin(g, full, call, call.args, { code: t, type: recvType });
    const drawingTest = `$rt.isDrawing(${t}, ${g.literal(ns)})`;
    const test = ns === 'array' ? `Array.isArray(${t})` : ns === 'map' ? `${t} instanceof Map` : ns === 'str' ? `typeof ${t} === 'string'` : isDrawingNs ? (drawingsOnly && !naTaken ? `(${t} === null || ${drawingTest})` : drawingTest) : 'true';
    if (isDrawingNs) naTaken = true;
    branches.push(`${test} ? ${e.code}`);
  }
  if (!branches.length) return g.fail(`Cannot resolve method '${method}' on a value of unknown type`, call);
  return { code: `((${t}) => ${branches.join(' : ')} : $rt.noMethod(${g.literal(method)}))(${recv.code})`, type: T.unknown };
}

/** na(), nz(), fixnan(), casts, outputs, inputs, declarations, max_bars_back, runtime.error, log.*. */
function emitSpecial(g: Gen, name: string, call: Call, expected?: PineType): Emitted | null {
  const args = call.args;
  switch (name) {
    case 'na': {
      if (args.length !== 1) return null;
      const x = emitExpr(g, args[0]!.value);
      if (isNumericType(x.type)) return { code: `$rt.isNaN(${x.code})`, type: T.bool };
      return { code: `$rt.isNa(${x.code})`, type: T.bool };
    }
    case 'nz': {
      const a = bindArgs(g, 'nz', call);
      const x = emitExpr(g, a[0]!);
      const r = a[1] ? emitExpr(g, a[1], x.type).code : x.type.k === 'string' || x.type.k === 'udt' ? 'null' : '0';
      return { code: `$rt.nz(${x.code}, ${r})`, type: x.type.k === 'na' ? T.float : x.type };
    }
    case 'fixnan': {
      const x = emitExpr(g, args[0]!.value);
      const st = g.state('{ v: NaN }', 'fx');
      return { code: `$rt.fixnan(${st}, ${x.code})`, type: x.type };
    }
    case 'int':
    case 'float':
    case 'bool':
    case 'string':
    case 'color': {
      if (args.length !== 1) return null;
      const x = emitExpr(g, args[0]!.value, expected);
      if (args[0]!.value.kind === 'NaLiteral') return { code: naLiteral(T[name]), type: T[name] };
      if (name === 'int') return { code: `$rt.toInt(${x.code})`, type: T.int };
      if (name === 'bool') return { code: `$rt.truthy(${x.code})`, type: T.bool };
      return { code: x.code, type: T[name] };
    }
    case 'max_bars_back': {
      const a = bindArgs(g, 'max_bars_back', call);
      const n = a[1] && a[1].kind === 'NumberLiteral' ? a[1].value : 0;
      if (a[0]?.kind === 'Identifier') {
        const b = g.scope.lookup(a[0].name);
        if (b) {
          if (b.historyDepth < 0) b.frame.state.push(`/*@S${b.id}@*/`);
          if (n > b.historyDepth) b.historyDepth = n;
        }
      }
      if (n > g.maxBarsBack) g.maxBarsBack = n;
      return { code: 'undefined', type: T.void };
    }
    case 'indicator':
    case 'strategy':
    case 'library':
      return { code: 'undefined', type: T.void };
    case 'request.security':
      return emitSecurity(g, call);
    case 'request.security_lower_tf':
      return emitSecurityLowerTf(g, call);
  }
  if (OUTPUT_FUNCTIONS.has(name)) return emitOutputCall(g, name, call);
  if (name === 'input' || name.startsWith('input.')) return emitInputCall(g, name, call);
  if ((name === 'runtime.error' || name.startsWith('log.')) && !g.registries.functions[name]) {
    const a = bindArgs(g, name, call);
    const codes = a.map((x) => (x ? emitExpr(g, x).code : 'undefined'));
    if (name === 'runtime.error') return { code: `$rt.runtimeError(${codes[0]})`, type: T.void };
    return { code: `$rt.log($ctx, ${g.literal(name.slice(4))}, ${codes.join(', ')})`, type: T.void };
  }
  return null;
}
