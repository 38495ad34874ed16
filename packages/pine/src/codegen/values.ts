// Built-in values: bar fields (inlined as typed-array reads), barstate.*, and everything else from
// the variable/constant registries (with the catalog's constant values as a fallback).
import { BUILTIN_CONSTANTS, BUILTIN_VARIABLES } from '../checker/builtins.js';
import type { Expression, Node } from '../parser/ast.js';
import type { Gen } from './context.js';
import { barRef, noteDepth, seriesCtor, type Emitted } from './expressions.js';
import { parseCatalogType, T, type PineType } from './ptypes.js';

export function dottedName(e: Expression): string | null {
  if (e.kind === 'Identifier') return e.name;
  if (e.kind === 'MemberExpression') {
    const o = dottedName(e.object);
    return o === null ? null : `${o}.${e.property.name}`;
  }
  return null;
}

const COLUMNS: Record<string, string> = { open: '$O', high: '$H', low: '$L', close: '$C', volume: '$V', time: '$T' };

/** Code for a bar-derived value at bar expression `b`, or null. */
function barValue(name: string, b: string): string | null {
  if (COLUMNS[name]) return `${COLUMNS[name]}[${b}]`;
  switch (name) {
    case 'hl2':
      return `(($H[${b}] + $L[${b}]) / 2)`;
    case 'hlc3':
      return `(($H[${b}] + $L[${b}] + $C[${b}]) / 3)`;
    case 'ohlc4':
      return `(($O[${b}] + $H[${b}] + $L[${b}] + $C[${b}]) / 4)`;
    case 'hlcc4':
      return `(($H[${b}] + $L[${b}] + $C[${b}] + $C[${b}]) / 4)`;
    default:
      return null;
  }
}

function catalogType(name: string): PineType {
  const v = BUILTIN_VARIABLES[name] ?? BUILTIN_CONSTANTS[name];
  return v ? parseCatalogType(v.type) : T.unknown;
}

function parseConstantValue(text: string | number): unknown {
  if (typeof text === 'number') return text;
  if (/^#[0-9a-f]{6}([0-9a-f]{2})?$/i.test(text)) return parseInt(text.slice(1, 7) + (text.slice(7) || 'ff'), 16) >>> 0;
  if (/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(text)) return Number(text);
  if (text === 'true' || text === 'false') return text === 'true';
  const m = /^"(.*)"$/.exec(text);
  return m ? m[1] : text;
}

export function builtinValue(g: Gen, name: string, node: Node): Emitted | null {
  const b = barRef(g);
  const bar = barValue(name, b);
  if (bar) return { code: bar, type: name === 'time' ? T.int : T.float };
  switch (name) {
    case 'bar_index':
      return { code: b, type: T.int };
    case 'last_bar_index':
      return { code: '($N - 1)', type: T.int };
    case 'na':
      return { code: 'NaN', type: T.na };
    case 'barstate.isfirst':
      return { code: `(${b} === 0)`, type: T.bool };
    case 'barstate.islast':
    case 'barstate.islastconfirmedhistory':
      return { code: `(${b} === $N - 1)`, type: T.bool };
    // A backtest only sees closed historical bars.
    case 'barstate.ishistory':
    case 'barstate.isconfirmed':
    case 'barstate.isnew':
      return { code: 'true', type: T.bool };
    case 'barstate.isrealtime':
      return { code: 'false', type: T.bool };
  }
  const reg = g.registries;
  const v = reg.variables[name];
  if (v) {
    const idx = g.implIndex(`variable:${name}`);
    const type = catalogType(name);
    if (typeof v.create === 'function') {
      // Stateful variables (ta.obv, ta.tr…) advance on every bar wherever they are read.
      let val = g.variableValues.get(name);
      if (!val) {
        const inst = g.moduleConst(`$I[${idx}].create()`, 'vi');
        val = g.tmp('vv');
        g.header.push(`let ${val} = NaN;`);
        g.variableValues.set(name, val);
        g.stepPrelude.push(`${val} = ${inst}.update($b, $ctx);`);
      }
      return { code: val, type };
    }
    const ref = g.moduleConst(`$I[${idx}]`, 'vr');
    return { code: `${ref}.get($ctx)`, type };
  }
  if (name in reg.constants) {
    const c = reg.constants[name];
    if (c === null || ['number', 'string', 'boolean'].includes(typeof c)) return { code: g.literal(c), type: catalogType(name) };
    const idx = g.implIndex(`constant:${name}`);
    return { code: g.moduleConst(`$I[${idx}]`, 'c'), type: catalogType(name) };
  }
  const cat = BUILTIN_CONSTANTS[name];
  if (cat) {
    const value = cat.value !== undefined ? parseConstantValue(cat.value) : name;
    return { code: g.literal(value), type: catalogType(name) };
  }
  if (BUILTIN_VARIABLES[name]) g.fail(`The built-in variable '${name}' is not implemented yet`, node);
  return null;
}

/** `close[n]`, `bar_index[n]`, `ta.obv[n]`…: history of a built-in value, or null when `name` is not one. */
export function builtinValueHistory(g: Gen, name: string, idx: string, off: number | null, node: Node): Emitted | null {
  const b = barRef(g);
  const col = COLUMNS[name];
  if (col) {
    const code = off !== null ? `(${b} >= ${off} ? ${col}[${b} - ${off}] : NaN)` : `$rt.barHistory(${col}, ${b}, ${idx})`;
    return { code, type: name === 'time' ? T.int : T.float };
  }
  if (name === 'bar_index') return { code: `$rt.indexHistory(${b}, ${idx})`, type: T.int };
  if (barValue(name, 'i') && off !== null) {
    return { code: `(${b} >= ${off} ? ${barValue(name, `${b} - ${off}`)} : NaN)`, type: T.float };
  }
  // Any other built-in value: record it every bar in a module-level buffer.
  const saved = g.functionDepth;
  g.functionDepth = 0;
  let value: Emitted | null;
  try {
    value = builtinValue(g, name, node);
  } finally {
    g.functionDepth = saved;
  }
  if (!value) return null;
  let rec = g.valueHistories.get(name);
  if (!rec) {
    rec = { js: g.tmp('vh'), historyDepth: -1, ctor: seriesCtor(value.type), value: value.code };
    g.valueHistories.set(name, rec);
  }
  noteDepth(rec, off);
  return { code: `${rec.js}.get(${idx})`, type: value.type };
}
