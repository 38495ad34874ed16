// input() / input.*(): one InputDecl per written call with its constant arguments; the script reads
// the resolved value (the caller's override or the default) from env.inputs.
import { builtinFunction } from '../checker/builtins.js';
import type { Call, Expression } from '../parser/ast.js';
import { SOURCE_NAMES, type InputDecl, type InputKind } from '../runtime/inputs.js';
import { resolveOverload } from './builtins.js';
import { constEval, NOT_CONST } from './consteval.js';
import type { Gen } from './context.js';
import { barRef, emitExpr, type Emitted } from './expressions.js';
import { fieldName } from './names.js';
import { T, type PineType } from './ptypes.js';
import { dottedName } from './values.js';

function namedArgs(g: Gen, name: string, call: Call): Record<string, Expression> {
  const fn = builtinFunction(name);
  if (!fn) return g.fail(`Unknown function '${name}'`, call);
  const r = resolveOverload(fn, call.args, []);
  if (typeof r === 'string') return g.fail(r, call);
  const out: Record<string, Expression> = {};
  r.overload.params.forEach((p, i) => {
    const ai = r.order[i]!;
    if (ai >= 0) out[p.name] = call.args[ai]!.value;
  });
  return out;
}

const KIND_TYPES: Record<InputKind, PineType> = {
  int: T.int,
  float: T.float,
  bool: T.bool,
  string: T.string,
  text_area: T.string,
  color: T.color,
  source: T.float,
  timeframe: T.string,
  session: T.string,
  symbol: T.string,
  price: T.float,
  time: T.int,
  enum: T.unknown,
};

/** Constant value of a descriptive argument (title, group, bounds…); undefined when not constant
 *  (TradingView requires constants here; the checker reports misuse, so the generator is lenient). */
function constArg(g: Gen, e: Expression | undefined): unknown {
  if (!e) return undefined;
  const v = constEval(g, e);
  return v === NOT_CONST ? undefined : v;
}

/** A color default: written as one, or (a constant such as `BLUE = #2157f3`) typed color by the checker —
 *  its constant value is a plain number, which alone would make the input a float. */
function isColorDefault(g: Gen, defExpr: Expression): boolean {
  if (defExpr.kind === 'ColorLiteral' || dottedName(defExpr)?.startsWith('color.')) return true;
  if (defExpr.kind === 'Call' && dottedName(defExpr.callee)?.startsWith('color.')) return true;
  return g.checkedType(defExpr.id)?.k === 'color';
}

export function emitInputCall(g: Gen, name: string, call: Call): Emitted {
  const a = namedArgs(g, name, call);
  const defExpr = a['defval'];
  if (!defExpr) return g.fail('input() needs a default value', call);
  let kind: InputKind;
  const sourceName = defExpr.kind === 'Identifier' && (SOURCE_NAMES as readonly string[]).includes(defExpr.name) && !g.scope.lookup(defExpr.name) ? defExpr.name : null;
  if (name === 'input') {
    if (sourceName) kind = 'source';
    else {
      const v = constEval(g, defExpr);
      if (typeof v === 'boolean') kind = 'bool';
      else if (typeof v === 'string') kind = 'string';
      else if (isColorDefault(g, defExpr)) kind = 'color';
      else if (typeof v === 'number') kind = defExpr.kind === 'NumberLiteral' && !defExpr.isFloat ? 'int' : 'float';
      else kind = 'source';
    }
  } else {
    kind = name.slice('input.'.length) as InputKind;
    if (!(kind in KIND_TYPES)) return g.fail(`Unknown input function ${name}`, call);
  }
  const titleV = constArg(g, a['title']);
  const title = typeof titleV === 'string' ? titleV : g.declName;
  const decl: InputDecl = { kind, title, defval: undefined, line: g.line(call) };
  if (kind === 'source') decl.defval = sourceName;
  else if (kind === 'enum') {
    const en = defExpr.kind === 'MemberExpression' && defExpr.object.kind === 'Identifier' ? g.enums.get(defExpr.object.name) : undefined;
    if (!en || defExpr.kind !== 'MemberExpression') return g.fail('input.enum() needs an enum member as default', defExpr);
    decl.defval = defExpr.property.name;
    decl.enumMembers = en.members;
  } else decl.defval = constArg(g, defExpr);
  for (const k of ['minval', 'maxval', 'step'] as const) {
    const v = constArg(g, a[k]);
    if (typeof v === 'number') decl[k] = v;
  }
  const group = constArg(g, a['group']);
  if (typeof group === 'string') decl.group = group;
  const tooltip = constArg(g, a['tooltip']);
  if (typeof tooltip === 'string') decl.tooltip = tooltip;
  const opts = a['options'];
  if (opts) {
    const values = opts.kind === 'Tuple' ? opts.elements.map((x) => constArg(g, x)) : [];
    if (values.length && values.every((v) => v !== undefined)) decl.options = values;
  }
  const k = g.inputs.length;
  g.inputs.push(decl);
  if (kind === 'source') {
    const reader = g.moduleConst(`$rt.sourceReader($B, $IN[${k}])`, 'src');
    if (sourceName) return { code: `${reader}(${barRef(g)})`, type: T.float };
    const dflt = emitExpr(g, defExpr);
    return { code: `(${reader} === null ? ${dflt.code} : ${reader}(${barRef(g)}))`, type: dflt.type };
  }
  if (kind === 'enum') {
    const en = g.enums.get((defExpr as { object: { name: string } }).object.name)!;
    return { code: g.moduleConst(`${en.js}[${g.literal(fieldName(''))} + $IN[${k}]]`, 'in'), type: { k: 'enum', name: en.name } };
  }
  let type = KIND_TYPES[kind];
  if (kind === 'price' || kind === 'float') type = T.float;
  if (decl.defval === undefined) {
    // A default the generator cannot evaluate (e.g. timestamp(…)): computed by the script the first
    // time the input is read, unless the caller overrides it.
    const dflt = emitExpr(g, defExpr);
    const slot = g.tmp('in');
    g.header.push(`let ${slot} = $IN[${k}];`);
    return { code: `(${slot} === undefined ? (${slot} = ${dflt.code}) : ${slot})`, type: type.k === 'unknown' ? dflt.type : type };
  }
  return { code: g.moduleConst(`$IN[${k}]`, 'in'), type };
}
