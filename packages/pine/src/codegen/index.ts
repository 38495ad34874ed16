// Code generator entry: AST → the source of a factory `(env, $rt) => ScriptInstance`, plus the
// output/input declarations and the list of built-ins it needs. See statements.ts / expressions.ts
// for the translation itself and runtime/program.ts for the contract with the executor.
//
// Why generated source + `new Function` rather than a tree of closures: on the runtime bench script
// the closure tree (bench/runtime/closures.ts: same parser, same ta.* objects) ran 1.36x slower, even
// though ta.* work dominates both; generated code also lets V8 keep locals in registers and inline the
// body into the bar loop (runBars). Safety: the text only ever contains mangled identifiers
// (names.ts) and JSON-escaped literals, never user text as code.
import { builtinFunction } from '../checker/builtins.js';
import type { CheckInfo } from '../checker/info.js';
import type { FunctionDeclaration, Node, Script, Statement } from '../parser/ast.js';
import { ringCapacity } from '../runtime/series.js';
import type { Registries } from './builtins.js';
import { constEval, NOT_CONST } from './consteval.js';
import { CodegenError, Gen } from './context.js';
import { seriesCtor } from './expressions.js';
import { bindArgs } from './calls.js';
import { markStatement, securityProgram, type SecurityProgram } from './security-program.js';
import { slotCount, slotTargets } from './security.js';
import { emitStatement } from './statements.js';
import { dottedName } from './values.js';

export { CodegenError } from './context.js';
export type { Registries } from './builtins.js';

export interface GeneratedScript {
  kind: 'indicator' | 'strategy' | 'library';
  version: number;
  declaration: Record<string, unknown>;
  title: string;
  plots: Gen['plots'];
  inputs: Gen['inputs'];
  builtinKeys: string[];
  /** Compile warnings found while generating (message and the node they refer to). */
  warnings: Gen['warnings'];
  historyBytes: number;
  /** Body of `function (env, $rt) { … }`. */
  code: string;
  /** request.security call sites: what a context run of each needs (absent without such calls). */
  security?: SecurityProgram;
}

function collectNames(node: unknown, out: Set<string>): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const x of node) collectNames(x, out);
    return;
  }
  const n = node as { kind?: string; name?: unknown };
  if (n.kind === 'Identifier' && typeof n.name === 'string') out.add(n.name);
  for (const [k, v] of Object.entries(node)) if (k !== 'span' && typeof v === 'object') collectNames(v, out);
}

/** Reads indicator()/strategy()/library() constant arguments by parameter name. */
function readDeclaration(g: Gen, body: readonly Statement[]): void {
  for (const s of body) {
    const e = s.kind === 'ExpressionStatement' ? s.expression : null;
    if (!e || e.kind !== 'Call') continue;
    const name = dottedName(e.callee);
    if (name !== 'indicator' && name !== 'strategy' && name !== 'library') continue;
    g.kind = name;
    const args = bindArgs(g, name, e);
    const params = paramNames(name);
    args.forEach((a, i) => {
      if (!a || !params[i]) return;
      const v = constEval(g, a);
      if (v !== NOT_CONST && v !== undefined) g.declaration[params[i]!] = v;
    });
    const mbb = g.declaration['max_bars_back'];
    if (typeof mbb === 'number' && mbb > 0) g.maxBarsBack = mbb;
    return;
  }
}

function paramNames(name: string): string[] {
  return builtinFunction(name)?.overloads[0]?.params.map((p) => p.name) ?? [];
}

export function generate(script: Script, registries: Registries, info: CheckInfo | null = null): GeneratedScript {
  const version = script.version ?? 6;
  const g = new Gen(script, registries, version, info);
  for (const s of script.body) if (s.kind === 'FunctionDeclaration') collectNames((s as FunctionDeclaration).body, g.namesUsedInFunctions);
  readDeclaration(g, script.body);
  // Each top-level statement is marked (and its request.security slots noted) so that a context run
  // can execute only the statements its requested expression depends on (security-program.ts).
  const slotStatement: number[] = [];
  const body: string[] = [];
  script.body.forEach((s, k) => {
    const lines = markStatement(k, emitStatement(g, s));
    for (let slot = slotStatement.length; slot < slotCount(g); slot++) slotStatement.push(s.kind === 'FunctionDeclaration' ? -1 : k);
    body.push(...lines);
  });

  // Resolve history placeholders now that every read (and its depth) is known.
  const byId = new Map(g.bindings.map((b) => [b.id, b]));
  const depthCode = (d: number) => (d === Infinity ? '$MBB' : String(Math.max(1, d)));
  const fill = (text: string) =>
    text
      .replace(/\/\*@H(\d+)@\*\//g, (_, id: string) => {
        const b = byId.get(Number(id));
        return b && b.historyDepth >= 0 ? `$h${id}.set($bar, ${b.js});` : '';
      })
      .replace(/\/\*@S(\d+)@\*\//g, (_, id: string) => {
        const b = byId.get(Number(id))!;
        return `const $h${id} = new ${seriesCtor(b.type)}(${depthCode(b.historyDepth)});`;
      });
  let historyBytes = 0;
  const mbb = g.maxBarsBack || 5000;
  for (const b of g.bindings) if (b.historyDepth >= 0) historyBytes += ringCapacity((b.historyDepth === Infinity ? mbb : b.historyDepth) + 1) * 8;

  const prelude = [...g.stepPrelude];
  const valueHistoryDecls: string[] = [];
  for (const rec of g.valueHistories.values()) {
    valueHistoryDecls.push(`const ${rec.js} = new ${rec.ctor}(${depthCode(rec.historyDepth)});`);
    prelude.push(`${rec.js}.set($b, ${rec.value});`);
  }
  const commit = g.rollbackVars.map((v) => `$cv.${v} = ${v};`).join(' ');
  const rollback = g.rollbackVars.map((v) => `${v} = $cv.${v};`).join(' ');
  const code = [
    '"use strict";',
    'const $ctx = env.ctx, $B = env.bars, $O = $B.open, $H = $B.high, $L = $B.low, $C = $B.close, $V = $B.volume, $T = $B.time, $N = $B.length;',
    'const $G = env.guard, $Out = env.outputs, $P = env.plots, $IN = env.inputs, $I = env.impls, $MBB = env.maxBarsBack, $LIM = $G.maxLoopIterations;',
    'let $bar = 0, $ln = 0;',
    'const $cv = {};',
    ...g.header,
    ...valueHistoryDecls,
    ...g.functionsCode,
    ...g.moduleFrame.state,
    'function step($b) {',
    '$bar = $b;',
    ...prelude,
    ...body,
    '}',
    // The same body inside the bar loop, so V8 optimises loop and body together (no call per bar).
    // The loop runs in chunks of 4096 bars and the time-limit/progress check sits in the caller, not
    // in the loop: a call site that first ran before V8 gave the function its feedback vector (bar 0)
    // has no type feedback, so optimised loop code reaching it at bar 4096 was thrown away and
    // compiled again, on every fresh script (bench/runtime/cold.ts measures this).
    'function runChunk($from, $to, $cur) {',
    'for (let $b = $from; $b < $to; $b++) {',
    '$ctx.bar = $b; $cur.index = $b; $bar = $b;',
    ...prelude,
    ...body,
    '}',
    '}',
    'function runBars($from, $to, $cur, $progress) {',
    'for (let $c = $from; $c < $to; ) {',
    'let $e = ($c & ~4095) + 4096; if ($e > $to) $e = $to;',
    'runChunk($c, $e, $cur);',
    '$c = $e;',
    '$G.checkTime(); if ($progress !== undefined && ($c & 65535) === 0) $progress($c, $N);',
    '}',
    '}',
    `return { step, runBars, line: () => $ln, commit() { ${commit} }, rollback() { ${rollback} } };`,
  ]
    .filter((l) => l !== '')
    .join('\n');
  const title = typeof g.declaration['title'] === 'string' ? (g.declaration['title'] as string) : '';
  const sec = securityProgram(script, info, slotStatement, slotTargets(g), fill(code));
  return {
    kind: g.kind,
    version,
    declaration: g.declaration,
    title,
    plots: g.plots,
    inputs: g.inputs,
    builtinKeys: g.builtinKeys,
    warnings: g.warnings,
    historyBytes,
    code: sec.code,
    ...(sec.program ? { security: sec.program } : {}),
  };
}

export function codegenErrorNode(err: CodegenError): Node | null {
  return err.node;
}
