// Dependency slicing for request.security context runs. TradingView evaluates a requested expression in
// its context together with only the code it depends on; running the whole script there (plots, tables,
// labels, unrelated indicators, every other request) is what made scanners and dashboards slow. For each
// call-site slot this computes the top-level statements a context run needs: the statement holding the
// call, every statement that writes a variable it reads, and so on to a fixed point.
//
// The analysis is by name and errs on the side of keeping statements: a statement that may write a
// variable (assignment, a mutating built-in or user function receiving it, an alias of it) is kept
// whenever that variable is needed. Global state that is not a variable is modelled as pseudo-variables
// (drawings read back through getters/`*.all`, the strategy's orders, math.random's sequence).
import type { CheckInfo } from '../checker/info.js';
import type { PineType } from '../checker/types.js';
import type { Call, Expression, FunctionDeclaration, MemberExpression, Script, Statement } from '../parser/ast.js';
import { dottedName } from './values.js';

const DRAWINGS = '$drawings';
const STRATEGY = '$strategy';
const RANDOM = '$random';

const DRAWING_NS = new Set(['line', 'label', 'box', 'table', 'linefill', 'polyline']);
const CONTAINER_NS = new Set(['array', 'map', 'matrix']);
const STRATEGY_ACTIONS = /^strategy\.(entry|exit|close|close_all|order|cancel|cancel_all|risk\..*)$/;
/** Built-ins of the drawing/container namespaces that do not modify their first argument. */
const NON_MUTATING =
  /\.(new\w*|from|copy|get|get_\w+|size|sum|avg|min|max|median|mode|stdev|variance|indexof|lastindexof|includes|contains|keys|values|first|last|join|every|some|binary_search\w*|percentile\w*|percentrank|range|covariance|abs|standardize|rows|columns|elements_count|col|row|det|inv|is_\w+|trace|rank|eigen\w*|pinv|mult|diff|transpose|kron|pow|all|sort_indices)$/;

interface Effects {
  reads: Set<string>;
  writes: Set<string>;
}

function isPrimitive(t: PineType | undefined): boolean {
  if (!t) return false;
  switch (t.k) {
    case 'int':
    case 'float':
    case 'bool':
    case 'color':
    case 'string':
    case 'enum':
    case 'constset':
    case 'plot':
    case 'hline':
    case 'void':
    case 'na':
      return true;
    case 'tuple':
      return t.elems.every((e) => isPrimitive(e.type));
    default:
      return false;
  }
}

/** Identifier references that can never name a script variable (namespaces, built-ins, types). */
const NOT_VARIABLE = new Set(['namespace', 'builtin-variable', 'builtin-constant', 'type', 'enum', 'enum-member']);

/**
 * Every identifier name in a subtree that may name a variable (declared names, user callees and
 * parameters included). Left out: member names (`.field`, `.push`), the callee of a built-in call (so
 * `array.new()` does not link every array to the name `array`) and what the checker resolved to
 * something other than a variable.
 */
function identifiers(node: unknown, info: CheckInfo | null, out: Set<string> = new Set()): Set<string> {
  if (!node || typeof node !== 'object') return out;
  if (Array.isArray(node)) {
    for (const x of node) identifiers(x, info, out);
    return out;
  }
  const n = node as { kind?: string; name?: unknown; id?: number };
  if (n.kind === 'Identifier') {
    if (typeof n.name === 'string' && !NOT_VARIABLE.has(info?.refs.get(n.id!)?.kind ?? '')) out.add(n.name);
    return out;
  }
  if (n.kind === 'MemberExpression') return identifiers((node as MemberExpression).object, info, out);
  if (n.kind === 'Call') {
    const target = info?.calls.get(n.id!);
    if (target?.kind === 'builtin') return identifiers(target.args, info, out);
  }
  for (const [k, v] of Object.entries(node)) if (k !== 'span' && k !== 'docs' && typeof v === 'object') identifiers(v, info, out);
  return out;
}

class Analysis {
  private readonly parent = new Map<string, string>();
  private readonly fnEffects = new Map<string, Effects>();
  private readonly fnInProgress = new Set<string>();
  private readonly functions = new Map<string, FunctionDeclaration[]>();

  constructor(
    script: Script,
    private readonly info: CheckInfo | null,
  ) {
    for (const s of script.body) {
      if (s.kind !== 'FunctionDeclaration') continue;
      const list = this.functions.get(s.name.name) ?? [];
      list.push(s);
      this.functions.set(s.name.name, list);
    }
  }

  group(name: string): string {
    let r = name;
    while (this.parent.has(r)) r = this.parent.get(r)!;
    if (r !== name) this.parent.set(name, r);
    return r;
  }

  private union(a: string, b: string): void {
    const ra = this.group(a);
    const rb = this.group(b);
    if (ra !== rb) this.parent.set(ra, rb);
  }

  /** Names `value` may share an object with when stored in `target` (none for primitive values). */
  private alias(target: string, value: Expression): void {
    if (isPrimitive(this.info?.types.get(value.id)?.type)) return;
    for (const n of this.mutable(value)) this.union(target, n);
  }

  /** The names an expression's object may belong to: its identifiers and what user functions it calls read. */
  private mutable(e: Expression | null | undefined): Set<string> {
    const out = identifiers(e, this.info);
    for (const n of [...out]) if (this.functions.has(n)) for (const r of this.functionEffects(n).reads) out.add(r);
    return out;
  }

  private mutate(fx: Effects, e: Expression | null | undefined): void {
    if (!e || isPrimitive(this.info?.types.get(e.id)?.type)) return;
    for (const n of this.mutable(e)) fx.writes.add(n);
  }

  functionEffects(name: string): Effects {
    const done = this.fnEffects.get(name);
    if (done) return done;
    const fx: Effects = { reads: new Set(), writes: new Set() };
    if (this.fnInProgress.has(name)) return fx; // recursion: the outer walk collects the rest
    this.fnInProgress.add(name);
    for (const decl of this.functions.get(name) ?? []) {
      for (const p of decl.params) this.walk(p.defaultValue, fx, true);
      for (const s of decl.body.body) this.walk(s, fx, true);
    }
    this.fnInProgress.delete(name);
    this.fnEffects.set(name, fx);
    return fx;
  }

  private call(c: Call, fx: Effects): void {
    const target = this.info?.calls.get(c.id);
    const name = target?.kind === 'builtin' ? target.name : dottedName(c.callee);
    const args = target && 'args' in target ? target.args : c.args.map((a) => a.value);
    if (target?.kind === 'user-function' || target?.kind === 'user-method') {
      for (const a of args) this.mutate(fx, a);
      return;
    }
    if (target?.kind === 'udt-new' || target?.kind === 'udt-copy') return;
    if (target?.kind !== 'builtin') {
      // Unresolved (dynamic method, no checker info): anything the call touches may change.
      if (c.callee.kind === 'MemberExpression') this.mutate(fx, c.callee.object);
      for (const a of args) this.mutate(fx, a);
      if (name?.startsWith('strategy.')) (fx.reads.add(STRATEGY), fx.writes.add(STRATEGY));
      return;
    }
    const ns = name!.slice(0, Math.max(0, name!.indexOf('.')));
    if (name!.startsWith('strategy.')) {
      if (STRATEGY_ACTIONS.test(name!)) fx.writes.add(STRATEGY);
      fx.reads.add(STRATEGY);
    } else if (name === 'math.random') {
      fx.reads.add(RANDOM);
      fx.writes.add(RANDOM);
    } else if (DRAWING_NS.has(ns) || CONTAINER_NS.has(ns)) {
      const drawing = DRAWING_NS.has(ns);
      if (drawing) fx.writes.add(DRAWINGS);
      if (NON_MUTATING.test(name!)) {
        if (drawing && !/\.new\w*$/.test(name!)) fx.reads.add(DRAWINGS);
      } else {
        this.mutate(fx, args[0]);
        // Storing an object in a container or drawing links the two.
        const recv = args[0];
        if (recv) for (const r of this.mutable(recv)) for (const a of args.slice(1)) if (a) this.alias(r, a);
      }
    }
  }

  /** Collects the effects of a statement or expression; `inFunction`: declarations there are locals. */
  walk(node: unknown, fx: Effects, inFunction: boolean): void {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const x of node) this.walk(x, fx, inFunction);
      return;
    }
    const n = node as Statement | Expression;
    switch (n.kind) {
      case 'Identifier':
        fx.reads.add(n.name);
        if (this.functions.has(n.name)) this.merge(fx, this.functionEffects(n.name));
        return;
      case 'MemberExpression': {
        const d = dottedName(n);
        if (d?.startsWith('strategy.')) fx.reads.add(STRATEGY);
        if (d && /^(line|label|box|table|linefill|polyline)\.all$/.test(d)) fx.reads.add(DRAWINGS);
        // A user method called with method syntax is named by the property.
        if (this.functions.has(n.property.name)) this.merge(fx, this.functionEffects(n.property.name));
        this.walk(n.object, fx, inFunction);
        return;
      }
      case 'Call':
        this.call(n, fx);
        break;
      case 'VarDeclaration':
        if (!inFunction) fx.writes.add(n.name.name);
        this.alias(n.name.name, n.init);
        break;
      case 'TupleDeclaration':
        for (const x of n.names) {
          if (!inFunction) fx.writes.add(x.name);
          this.alias(x.name, n.init);
        }
        break;
      case 'Assignment':
        if (n.target.kind === 'Identifier') {
          if (!inFunction) fx.writes.add(n.target.name);
          this.alias(n.target.name, n.value);
        } else {
          for (const t of this.mutable(n.target)) {
            fx.writes.add(t);
            this.alias(t, n.value);
          }
        }
        break;
      case 'ForTo':
        if (!inFunction) fx.writes.add(n.counter.name);
        break;
      case 'ForIn':
        for (const x of [n.index, n.item]) {
          if (!x) continue;
          if (!inFunction) fx.writes.add(x.name);
          // Items of a collection of objects are the collection's objects.
          for (const r of this.mutable(n.iterable)) this.union(x.name, r);
        }
        break;
      case 'FunctionDeclaration':
      case 'TypeDeclaration':
      case 'EnumDeclaration':
        return;
      default:
        break;
    }
    for (const [k, v] of Object.entries(n)) if (k !== 'span' && k !== 'docs' && typeof v === 'object') this.walk(v, fx, inFunction);
  }

  private merge(into: Effects, from: Effects): void {
    for (const r of from.reads) into.reads.add(r);
    for (const w of from.writes) into.writes.add(w);
  }
}

/**
 * Per slot, the sorted indices of the top-level statements a context run of that slot must execute, or
 * null when the slot cannot be sliced (its call is not inside an executable top-level statement, e.g. a
 * method body): the whole script runs then. `slotStatement[slot]` is the index of the top-level statement
 * whose generation allocated the slot (-1 for none).
 */
export function securitySlices(script: Script, info: CheckInfo | null, slotStatement: readonly number[]): (number[] | null)[] {
  const a = new Analysis(script, info);
  const body = script.body;
  const effects = body.map((s) => {
    const fx: Effects = { reads: new Set(), writes: new Set() };
    a.walk(s, fx, false);
    return fx;
  });
  // Aliases are complete only after every statement has been walked: group names afterwards.
  const writers = new Map<string, number[]>();
  effects.forEach((fx, i) => {
    for (const w of fx.writes) {
      const g = a.group(w);
      const list = writers.get(g) ?? [];
      list.push(i);
      writers.set(g, list);
    }
  });
  const always = body.map((s, i) => (s.kind === 'FunctionDeclaration' || s.kind === 'TypeDeclaration' || s.kind === 'EnumDeclaration' ? i : -1)).filter((i) => i >= 0);
  return slotStatement.map((seed) => {
    const kind = body[seed]?.kind;
    if (seed < 0 || !kind || kind === 'FunctionDeclaration' || kind === 'TypeDeclaration' || kind === 'EnumDeclaration') return null;
    const included = new Set<number>(always);
    const needed = new Set<string>();
    const work = [seed];
    included.add(seed);
    while (work.length > 0) {
      const fx = effects[work.pop()!]!;
      // Written variables are needed too: the generated code of a kept writer refers to their
      // declarations (pseudo-variables have none, and writing one needs no other writer).
      for (const n of [...fx.reads, ...[...fx.writes].filter((w) => !w.startsWith('$'))]) {
        const g = a.group(n);
        if (needed.has(g)) continue;
        needed.add(g);
        for (const w of writers.get(g) ?? []) {
          if (included.has(w)) continue;
          included.add(w);
          work.push(w);
        }
      }
    }
    return [...included].sort((x, y) => x - y);
  });
}
