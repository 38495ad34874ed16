// request.security(): the requested expression is compiled into its own maker function, which the
// runtime (runtime/security.ts) runs over the requested symbol/timeframe's bars with fresh call-site
// state, then maps onto chart bars. For now the expression may use built-in values and functions,
// constants and (non-source) inputs; script variables and user functions are rejected with a clear
// message because their own dependencies would have to be recomputed in the requested context.
import type { Call, Expression } from '../parser/ast.js';
import { bindArgs } from './calls.js';
import { Frame, Scope, type Gen } from './context.js';
import { barRef, emitExpr, type Emitted } from './expressions.js';
import { naLiteral, type PineType } from './ptypes.js';

function dependencies(g: Gen, e: Expression, proxies: Map<string, string>): void {
  const visit = (n: unknown, calleeOf: unknown = null): void => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach((x) => visit(x));
    const node = n as { kind?: string; name?: string };
    if (node.kind === 'Identifier' && n !== calleeOf) {
      const b = g.scope.lookup(node.name!);
      if (b) {
        if (b.constValue !== undefined) proxies.set(b.name, g.literal(b.constValue));
        else if (b.inputCode !== undefined) proxies.set(b.name, b.inputCode);
        else g.fail(`request.security: the requested expression uses the script variable '${b.name}'; only built-in values, constants and inputs are supported yet`, n as Expression);
      }
      return;
    }
    if (node.kind === 'Call') {
      const c = n as Call;
      if (c.callee.kind === 'Identifier' && g.functions.has(c.callee.name)) {
        g.fail(`request.security: user functions inside the requested expression are not supported yet ('${c.callee.name}')`, c);
      }
      visit(c.callee, c.callee);
      c.args.forEach((a) => visit(a.value));
      return;
    }
    if (node.kind === 'MemberExpression') {
      visit((n as { object: unknown }).object);
      return;
    }
    for (const [k, v] of Object.entries(n)) if (k !== 'span' && typeof v === 'object') visit(v);
  };
  visit(e);
}

function naOf(t: PineType): string {
  if (t.k === 'tuple') return `[${t.elems.map((x) => naLiteral(x.type)).join(', ')}]`;
  return naLiteral(t);
}

export function emitSecurity(g: Gen, call: Call): Emitted {
  // (symbol, timeframe, expression, gaps, lookahead, ignore_invalid_symbol, currency, calc_bars_count)
  const a = bindArgs(g, 'request.security', call);
  const expr = a[2];
  if (!expr) return g.fail('request.security needs an expression', call);
  const proxies = new Map<string, string>();
  dependencies(g, expr, proxies);

  const saved = { frame: g.frame, depth: g.functionDepth, scope: g.scope, prelude: g.stepPrelude.length, histories: g.valueHistories.size };
  const frame = new Frame(false, null);
  g.frame = frame;
  g.functionDepth = 1;
  g.scope = new Scope(g.globalScope);
  for (const [name, js] of proxies) {
    const outer = saved.scope.lookup(name)!;
    g.scope.vars.set(name, { ...outer, js, historyDepth: -1 });
  }
  let e: Emitted;
  try {
    e = emitExpr(g, expr);
  } finally {
    g.frame = saved.frame;
    g.functionDepth = saved.depth;
    g.scope = saved.scope;
  }
  if (g.stepPrelude.length !== saved.prelude || g.valueHistories.size !== saved.histories) {
    g.fail('request.security: accumulating built-in variables (ta.obv, ta.tr…) and their history are not supported inside the requested expression yet', expr);
  }
  const make = g.tmp('secmk');
  g.functionsCode.push(
    [
      `function ${make}($ctx) {`,
      'const $B = $ctx.bars, $O = $B.open, $H = $B.high, $L = $B.low, $C = $B.close, $V = $B.volume, $T = $B.time, $N = $B.length;',
      'let $bar = 0;',
      ...frame.state,
      'return function ($b) {',
      '$bar = $b;',
      `return ${e.code};`,
      '};',
      '}',
    ].join('\n'),
  );
  const req = g.moduleConst(`new $rt.SecurityRequest(${make}, env, env.security)`, 'sec');
  const sym = a[0] ? emitExpr(g, a[0]).code : '""';
  const tf = a[1] ? emitExpr(g, a[1]).code : 'null';
  const gaps = a[3] ? emitExpr(g, a[3]).code : 'false';
  const look = a[4] ? emitExpr(g, a[4]).code : 'false';
  return { code: `${req}.get(${sym}, ${tf}, ${gaps}, ${look}, ${barRef(g)}, ${naOf(e.type)})`, type: e.type };
}
