// request.security / request.security_lower_tf call sites. Every written call gets a numeric slot; the
// requested expression is evaluated in place, like any other expression (so script variables, user
// functions, ta.* calls, tuples and UDTs all work), and handed to the instance's SecurityScope with the
// call's arguments (runtime/security.ts). The runtime runs the whole script in each requested context
// and captures the slot's value there; the chart instance reads the mapped value.
import type { Call } from '../parser/ast.js';
import { bindArgs } from './calls.js';
import type { Gen } from './context.js';
import { barRef, emitExpr } from './expressions.js';
import { naLiteral, type PineType } from './ptypes.js';
import type { Emitted } from './expressions.js';

const slots = new WeakMap<Gen, number>();

function nextSlot(g: Gen): number {
  const n = slots.get(g) ?? 0;
  slots.set(g, n + 1);
  return n;
}

function naOf(t: PineType): string {
  if (t.k === 'tuple') return `[${t.elems.map((x) => naLiteral(x.type)).join(', ')}]`;
  return naLiteral(t);
}

function arg(g: Gen, a: Call['args'][number]['value'] | undefined, fallback: string): string {
  return a ? emitExpr(g, a).code : fallback;
}

/** request.security(symbol, timeframe, expression, gaps, lookahead, ignore_invalid_symbol, currency, calc_bars_count) */
export function emitSecurity(g: Gen, call: Call): Emitted {
  const a = bindArgs(g, 'request.security', call);
  if (!a[2]) return g.fail('request.security needs an expression', call);
  const sym = arg(g, a[0], '""');
  const tf = arg(g, a[1], '""');
  const e = emitExpr(g, a[2]);
  const gaps = arg(g, a[3], 'false');
  const look = arg(g, a[4], 'false');
  const ignore = arg(g, a[5], 'false');
  const sec = g.moduleConst('env.security', 'sec');
  const code = `${sec}.security(${nextSlot(g)}, ${sym}, ${tf}, ${gaps}, ${look}, ${ignore}, ${e.code}, ${naOf(e.type)}, ${barRef(g)})`;
  return { code, type: e.type };
}

/** request.security_lower_tf(symbol, timeframe, expression, ignore_invalid_symbol, currency, ignore_invalid_timeframe, calc_bars_count) */
export function emitSecurityLowerTf(g: Gen, call: Call): Emitted {
  const a = bindArgs(g, 'request.security_lower_tf', call);
  if (!a[2]) return g.fail('request.security_lower_tf needs an expression', call);
  const sym = arg(g, a[0], '""');
  const tf = arg(g, a[1], '""');
  const e = emitExpr(g, a[2]);
  const ignore = arg(g, a[3], 'false');
  const sec = g.moduleConst('env.security', 'sec');
  const tuple = e.type.k === 'tuple' ? e.type.elems.length : 0;
  const type: PineType = e.type.k === 'tuple' ? { k: 'tuple', elems: e.type.elems.map((x) => ({ ...x, type: { k: 'array', elem: x.type } })) } : { k: 'array', elem: e.type };
  const code = `${sec}.lowerTf(${nextSlot(g)}, ${sym}, ${tf}, ${ignore}, ${e.code}, ${naOf(e.type)}, ${tuple}, ${barRef(g)})`;
  return { code, type };
}
