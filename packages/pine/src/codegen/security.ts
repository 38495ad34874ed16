// request.security / request.security_lower_tf call sites. Every written call gets a numeric slot; the
// requested expression is generated in place, like any other expression (so script variables, user
// functions, ta.* calls, tuples and UDTs all work), and handed to the instance's SecurityScope with the
// call's arguments (runtime/security.ts). A context run executes the statements the slot depends on
// (security-slice.ts) and captures the slot's value there; the chart instance reads the mapped value.
import { Q } from '../checker/types.js';
import type { Call, Expression } from '../parser/ast.js';
import { bindArgs } from './calls.js';
import type { Gen } from './context.js';
import { barRef, emitExpr } from './expressions.js';
import { naLiteral, type PineType } from './ptypes.js';
import type { Emitted } from './expressions.js';

/** Per generator, the target of each slot allocated so far (see slotTargets). */
const slots = new WeakMap<Gen, (string | null)[]>();

/** Slots allocated so far (the number of request.security / _lower_tf call sites generated). */
export function slotCount(g: Gen): number {
  return slots.get(g)?.length ?? 0;
}

/**
 * Per slot, a key equal for calls whose fixed symbol and timeframe arguments are written alike (so they
 * name the same context in any one instance and a context run can serve them together); null for
 * dynamic arguments.
 */
export function slotTargets(g: Gen): (string | null)[] {
  return slots.get(g) ?? [];
}

function nextSlot(g: Gen, fixed: boolean, target: readonly (Expression | undefined)[]): number {
  let list = slots.get(g);
  if (!list) slots.set(g, (list = []));
  list.push(fixed ? JSON.stringify(target, (k, v: unknown) => (k === 'span' || k === 'id' ? undefined : v)) : null);
  return list.length - 1;
}

function naOf(t: PineType): string {
  if (t.k === 'tuple') return `[${t.elems.map((x) => naLiteral(x.type)).join(', ')}]`;
  return naLiteral(t);
}

function arg(g: Gen, a: Call['args'][number]['value'] | undefined, fallback: string): string {
  return a ? emitExpr(g, a).code : fallback;
}

/** Whether an argument is at most `simple` (fixed for a whole run of one instance); omitted ones are. */
function isStatic(g: Gen, a: Expression | undefined): boolean {
  if (!a) return true;
  const t = g.info?.types.get(a.id);
  return t !== undefined && t.q <= Q.Simple;
}

/**
 * The call, evaluating the expression only where its value is used. With a fixed symbol and timeframe
 * the request names the same context on every bar of an instance, so whether the value is computed in
 * place (the instance runs in the requested context) or read from the context's run never changes, and
 * the expression (often a whole screener function per requested symbol) is skipped in every other
 * instance, as TradingView evaluates it only in the requested context. Dynamic requests keep evaluating
 * it on every bar, so the in-place state stays complete whichever context a bar names.
 */
function guarded(g: Gen, fixed: boolean, inner: number, slot: number, sym: string, tf: string, ignore: string, count: string, call: string, read: string): string {
  if (!fixed) return call;
  const sec = g.moduleConst('env.security', 'sec');
  // Slots inner…slot-1 are requests inside the expression: a context run for one of them needs it evaluated.
  return `(${sec}.wants(${slot}, ${sym}, ${tf}, ${ignore}, ${count}, ${inner}) ? ${call} : ${read})`;
}

/** request.security(symbol, timeframe, expression, gaps, lookahead, ignore_invalid_symbol, currency, calc_bars_count) */
export function emitSecurity(g: Gen, call: Call): Emitted {
  const a = bindArgs(g, 'request.security', call);
  if (!a[2]) return g.fail('request.security needs an expression', call);
  const sym = arg(g, a[0], '""');
  const tf = arg(g, a[1], '""');
  const inner = slotCount(g);
  const e = emitExpr(g, a[2]);
  const gaps = arg(g, a[3], 'false');
  const look = arg(g, a[4], 'false');
  const ignore = arg(g, a[5], 'false');
  const count = arg(g, a[7], '0');
  const sec = g.moduleConst('env.security', 'sec');
  const fixed = isStatic(g, a[0]) && isStatic(g, a[1]) && isStatic(g, a[5]) && isStatic(g, a[7]);
  const slot = nextSlot(g, fixed, [a[0], a[1], a[5], a[7]]);
  const na = naOf(e.type);
  const direct = `${sec}.security(${slot}, ${sym}, ${tf}, ${gaps}, ${look}, ${ignore}, ${count}, ${e.code}, ${na}, ${barRef(g)})`;
  const code = guarded(g, fixed, inner, slot, sym, tf, ignore, count, direct, `${sec}.fetch(${slot}, ${gaps}, ${look}, ${na}, ${barRef(g)})`);
  return { code, type: e.type };
}

/** request.security_lower_tf(symbol, timeframe, expression, ignore_invalid_symbol, currency, ignore_invalid_timeframe, calc_bars_count) */
export function emitSecurityLowerTf(g: Gen, call: Call): Emitted {
  const a = bindArgs(g, 'request.security_lower_tf', call);
  if (!a[2]) return g.fail('request.security_lower_tf needs an expression', call);
  const sym = arg(g, a[0], '""');
  const tf = arg(g, a[1], '""');
  const inner = slotCount(g);
  const e = emitExpr(g, a[2]);
  const ignore = arg(g, a[3], 'false');
  const count = arg(g, a[6], '0');
  const sec = g.moduleConst('env.security', 'sec');
  const tuple = e.type.k === 'tuple' ? e.type.elems.length : 0;
  const type: PineType = e.type.k === 'tuple' ? { k: 'tuple', elems: e.type.elems.map((x) => ({ ...x, type: { k: 'array', elem: x.type } })) } : { k: 'array', elem: e.type };
  const fixed = isStatic(g, a[0]) && isStatic(g, a[1]) && isStatic(g, a[3]) && isStatic(g, a[6]);
  const slot = nextSlot(g, fixed, [a[0], a[1], a[3], a[6]]);
  const na = naOf(e.type);
  const direct = `${sec}.lowerTf(${slot}, ${sym}, ${tf}, ${ignore}, ${count}, ${e.code}, ${na}, ${tuple}, ${barRef(g)})`;
  const code = guarded(g, fixed, inner, slot, sym, tf, ignore, count, direct, `${sec}.fetchIntrabars(${slot}, ${na}, ${tuple}, ${barRef(g)})`);
  return { code, type };
}
