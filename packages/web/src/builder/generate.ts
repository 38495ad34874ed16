// BuilderStrategy → readable Pine v6. Sections: declaration, inputs, indicators, variables, conditions,
// orders, risk exits, plots. Every condition leaf gets its own variable so `ta.*` calls run on every bar
// (Pine's `and`/`or` short-circuit) and the script reads top to bottom.
import { checkExpression, IDENTIFIER } from './expression.js';
import { indicatorDef, outputVar, type IndicatorDef } from './indicators.js';
import type { BuilderStrategy, Condition, ConditionGroup, IndicatorUse, Operand } from './model.js';

export interface GenerateResult {
  source: string;
  /** Problems in the document (unknown names, bad expressions); the source is still produced. */
  errors: string[];
}

const RESERVED = new Set(['open', 'high', 'low', 'close', 'volume', 'hl2', 'hlc3', 'ohlc4', 'time', 'na', 'ta', 'math', 'strategy', 'input',
  'color', 'plot', 'and', 'or', 'not', 'if', 'else', 'for', 'while', 'var', 'true', 'false', 'bar_index', 'str', 'array', 'map', 'syminfo']);

const PLOT_COLORS = ['color.blue', 'color.orange', 'color.purple', 'color.teal', 'color.red', 'color.green', 'color.fuchsia', 'color.olive'];

const quote = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const cap = (s: string): string => s[0]!.toUpperCase() + s.slice(1);
const num = (n: number): string => (Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(12))));

/** Input variable of a parameter: rsi1Length. When that would clash with an output variable (MACD's
 *  `signal` length vs its `signal` line) the parameter gets a Length/Param suffix: macd1SignalLength. */
function paramVar(u: IndicatorUse, name: string): string {
  const def = indicatorDef(u.type);
  const v = u.id + cap(name);
  const clash = def.outputs.some((o) => outputVar(u.id, def, o) === v);
  if (!clash) return v;
  return v + (def.params.find((p) => p.name === name)?.kind === 'int' ? 'Length' : 'Param');
}

function inputLine(u: IndicatorUse, def: IndicatorDef, p: IndicatorDef['params'][number]): string {
  const value = u.params[p.name] ?? p.default;
  const title = quote(`${u.id} ${p.label.toLowerCase()}`);
  const v = paramVar(u, p.name);
  if (p.kind === 'source') return `${v} = input.source(${String(value)}, ${title})`;
  const n = Number(value);
  const minval = p.min !== undefined ? `, minval = ${num(p.min)}` : '';
  if (p.kind === 'int') return `${v} = input.int(${Math.round(n)}, ${title}${minval})`;
  const lit = Number.isInteger(n) ? `${n}.0` : num(n);
  return `${v} = input.float(${lit}, ${title}${minval}${def.type === 'sar' ? '' : ''})`;
}

/** Every name an operand or expression may reference: indicator outputs and custom variables. */
export function knownNames(s: BuilderStrategy): Set<string> {
  const names = new Set<string>();
  for (const u of s.indicators) {
    const def = indicatorDef(u.type);
    for (const o of def.outputs) names.add(outputVar(u.id, def, o));
  }
  for (const v of s.variables) names.add(v.name);
  return names;
}

function operand(o: Operand, s: BuilderStrategy, errors: string[]): string {
  switch (o.kind) {
    case 'number':
      return Number.isFinite(o.value) ? num(o.value) : (errors.push('a number operand is not finite'), '0');
    case 'price':
      return o.field;
    case 'variable':
      if (!s.variables.some((v) => v.name === o.name)) errors.push(`unknown variable '${o.name}'`);
      return o.name;
    case 'indicator': {
      const u = s.indicators.find((i) => i.id === o.ref);
      if (!u) {
        errors.push(`unknown indicator '${o.ref}'`);
        return 'close';
      }
      return outputVar(u.id, indicatorDef(u.type), o.output);
    }
  }
}

function conditionExpr(c: Condition, s: BuilderStrategy, errors: string[]): string {
  if (c.type === 'trend') {
    const bars = Math.max(1, Math.round(c.bars || 1));
    return `ta.${c.op}(${operand(c.operand, s, errors)}, ${bars})`;
  }
  const a = operand(c.left, s, errors);
  const b = operand(c.right, s, errors);
  switch (c.op) {
    case 'crosses_above':
      return `ta.crossover(${a}, ${b})`;
    case 'crosses_below':
      return `ta.crossunder(${a}, ${b})`;
    case 'crosses':
      return `ta.cross(${a}, ${b})`;
    default:
      return `${a} ${c.op} ${b}`;
  }
}

/** Emits one variable per leaf and returns the group's boolean expression over them. */
function groupLines(g: ConditionGroup, prefix: string, s: BuilderStrategy, lines: string[], errors: string[], counter: { n: number }): string {
  const parts: string[] = [];
  for (const item of g.items) {
    if (item.type === 'group') {
      const inner = groupLines(item, prefix, s, lines, errors, counter);
      if (inner) parts.push(item.items.length > 1 ? `(${inner})` : inner);
    } else {
      counter.n++;
      const name = `${prefix}${counter.n}`;
      lines.push(`${name} = ${conditionExpr(item, s, errors)}`);
      parts.push(name);
    }
  }
  return parts.join(` ${g.combine} `);
}

function validate(s: BuilderStrategy, errors: string[]): void {
  const ids = new Set<string>();
  for (const u of s.indicators) {
    if (!IDENTIFIER.test(u.id) || RESERVED.has(u.id)) errors.push(`indicator id '${u.id}' is not a valid name`);
    if (ids.has(u.id)) errors.push(`indicator id '${u.id}' is used twice`);
    ids.add(u.id);
  }
  const known = new Set<string>();
  for (const u of s.indicators) {
    const def = indicatorDef(u.type);
    for (const o of def.outputs) known.add(outputVar(u.id, def, o));
  }
  for (const v of s.variables) {
    if (!IDENTIFIER.test(v.name) || RESERVED.has(v.name) || known.has(v.name)) errors.push(`variable name '${v.name}' is not valid or already used`);
    const chk = checkExpression(v.expression, known);
    if (!chk.ok) errors.push(`variable ${v.name}: ${chk.error}`);
    known.add(v.name);
  }
}

export function generatePine(s: BuilderStrategy): GenerateResult {
  const errors: string[] = [];
  validate(s, errors);
  const out: string[] = [];
  const capital = s.initialCapital > 0 ? s.initialCapital : 10000;
  const pct = s.orderPercent > 0 ? s.orderPercent : 100;
  out.push('//@version=6');
  out.push(`// Generated by the PineBack strategy builder.`);
  out.push(`strategy(${quote(s.name || 'Builder strategy')}, overlay = ${s.overlay}, initial_capital = ${num(capital)}, default_qty_type = strategy.percent_of_equity, default_qty_value = ${num(pct)})`);

  const withParams = s.indicators.filter((u) => indicatorDef(u.type).params.length > 0);
  const sl = s.risk.stopLossPercent ?? 0;
  const tp = s.risk.takeProfitPercent ?? 0;
  if (withParams.length || sl > 0 || tp > 0) {
    out.push('', '// Inputs');
    for (const u of withParams) {
      const def = indicatorDef(u.type);
      for (const p of def.params) out.push(inputLine(u, def, p));
    }
    if (sl > 0) out.push(`stopLossPercent = input.float(${Number.isInteger(sl) ? `${sl}.0` : num(sl)}, "Stop loss %", minval = 0)`);
    if (tp > 0) out.push(`takeProfitPercent = input.float(${Number.isInteger(tp) ? `${tp}.0` : num(tp)}, "Take profit %", minval = 0)`);
  }

  if (s.indicators.length) {
    out.push('', '// Indicators');
    for (const u of s.indicators) {
      const def = indicatorDef(u.type);
      const p: Record<string, string> = {};
      for (const prm of def.params) p[prm.name] = paramVar(u, prm.name);
      if (def.prelude) out.push(...def.prelude(p, u.id));
      const expr = def.pine(p, u.id);
      if (!expr) continue;
      if (def.outputs.length === 1) out.push(`${u.id} = ${expr}`);
      else out.push(`[${def.outputs.map((o) => outputVar(u.id, def, o)).join(', ')}] = ${expr}`);
    }
  }

  if (s.variables.length) {
    out.push('', '// Custom variables');
    for (const v of s.variables) out.push(`${v.name} = ${v.expression.trim().replace(/\s+/g, ' ')}`);
  }

  const signals: [key: string, group: ConditionGroup | null][] = [
    ['longEntry', s.longEntry], ['longExit', s.longExit], ['shortEntry', s.shortEntry], ['shortExit', s.shortExit],
  ];
  const active = signals.filter(([, g]) => g && g.items.length > 0) as [string, ConditionGroup][];
  if (active.length) {
    out.push('', '// Conditions');
    for (const [key, g] of active) {
      const leafLines: string[] = [];
      const expr = groupLines(g, `${key}C`, s, leafLines, errors, { n: 0 });
      out.push(...leafLines, `${key} = ${expr || 'false'}`);
    }
  } else {
    errors.push('add at least one entry condition');
  }

  const has = (k: string): boolean => active.some(([key]) => key === k);
  out.push('', '// Orders');
  if (has('longEntry')) out.push('if longEntry', '    strategy.entry("Long", strategy.long)');
  if (has('shortEntry')) out.push('if shortEntry', '    strategy.entry("Short", strategy.short)');
  if (has('longExit')) out.push('if longExit', '    strategy.close("Long", comment = "Long exit")');
  if (has('shortExit')) out.push('if shortExit', '    strategy.close("Short", comment = "Short exit")');

  if (sl > 0 || tp > 0) {
    out.push('', '// Stop loss / take profit, from the average entry price');
    const legs: [string, string, string, string][] = [];
    if (has('longEntry')) legs.push(['strategy.position_size > 0', 'Long', '1 -', '1 +']);
    if (has('shortEntry')) legs.push(['strategy.position_size < 0', 'Short', '1 +', '1 -']);
    for (const [cond, id, slSign, tpSign] of legs) {
      const args: string[] = [];
      if (sl > 0) args.push(`stop = strategy.position_avg_price * (${slSign} stopLossPercent / 100)`);
      if (tp > 0) args.push(`limit = strategy.position_avg_price * (${tpSign} takeProfitPercent / 100)`);
      out.push(`if ${cond}`, `    strategy.exit(${quote(`${id} SL/TP`)}, ${quote(id)}, ${args.join(', ')})`);
    }
  }

  const plotted = s.indicators.filter((u) => indicatorDef(u.type).overlay);
  if (plotted.length && s.overlay) {
    out.push('', '// Plots');
    let c = 0;
    for (const u of plotted) {
      const def = indicatorDef(u.type);
      for (const o of def.outputs) {
        if (o === 'direction') continue;
        const v = outputVar(u.id, def, o);
        out.push(`plot(${v}, ${quote(v)}, color = ${PLOT_COLORS[c++ % PLOT_COLORS.length]})`);
      }
    }
  }
  return { source: out.join('\n') + '\n', errors };
}

/** Next free indicator id for a type: rsi1, rsi2… */
export function nextIndicatorId(s: BuilderStrategy, type: string): string {
  let n = 1;
  while (s.indicators.some((u) => u.id === `${type}${n}`)) n++;
  return `${type}${n}`;
}
