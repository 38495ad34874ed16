// Design measurement: generated source + `new Function` (what codegen does) vs compiling the AST to a
// tree of JavaScript closures, on the bench script. Same parser, same ta.* implementations, same bars.
//   npx tsx bench/runtime/closures.ts [--bars N]
import { compile, run } from '../../packages/pine/src/api.js';
import type { BarColumns } from '../../packages/pine/src/core/bars.js';
import type { Expression, Statement } from '../../packages/pine/src/parser/ast.js';
import { parse } from '../../packages/pine/src/parser/index.js';
import { TA_FUNCTIONS } from '../../packages/pine/src/ta/registry.js';
import { SCRIPT } from './script.js';


const i = process.argv.indexOf('--bars');
const N = i >= 0 ? Number(process.argv[i + 1]) : 1_000_000;

function bars(n: number): BarColumns {
  const close = new Float64Array(n);
  let p = 100;
  let seed = 7;
  for (let k = 0; k < n; k++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    p = Math.max(1, p + (seed / 4294967296 - 0.5) * 0.4);
    close[k] = p;
  }
  return { length: n, time: new Float64Array(n).map((_, k) => k * 60_000), open: close, high: close, low: close, close, volume: close };
}

type Num = (b: number) => number;

/** A closure compiler for the subset of Pine the bench script uses. */
function closureProgram(body: readonly Statement[], data: BarColumns, outs: Float64Array[]): (b: number) => void {
  const slots = new Map<string, number>();
  const vals = new Float64Array(64);
  const ctx = {} as never;
  const slot = (name: string) => {
    if (!slots.has(name)) slots.set(name, slots.size);
    return slots.get(name)!;
  };
  const expr = (e: Expression): Num => {
    if (e.kind === 'NumberLiteral') {
      const v = e.value;
      return () => v;
    }
    if (e.kind === 'Identifier') {
      if (e.name === 'close') return (b) => data.close[b]!;
      const k = slot(e.name);
      return () => vals[k]!;
    }
    throw new Error(`unsupported ${e.kind}`);
  };
  const call = (e: Expression): ((b: number) => unknown) => {
    if (e.kind !== 'Call' || e.callee.kind !== 'MemberExpression') throw new Error('unsupported call');
    const name = `ta.${e.callee.property.name}`;
    const inst = TA_FUNCTIONS[name]!.create();
    const args = e.args.map((a) => expr(a.value));
    if (args.length === 2) {
      const [a0, a1] = args as [Num, Num];
      return (b) => inst.update(b, ctx, a0(b), a1(b));
    }
    const [a0, a1, a2, a3] = args as [Num, Num, Num, Num];
    return (b) => inst.update(b, ctx, a0(b), a1(b), a2(b), a3(b));
  };
  const steps: ((b: number) => void)[] = [];
  let plotIndex = 0;
  for (const s of body) {
    if (s.kind === 'VarDeclaration') {
      const k = slot(s.name.name);
      const c = call(s.init);
      steps.push((b) => void (vals[k] = c(b) as number));
    } else if (s.kind === 'TupleDeclaration') {
      const ks = s.names.map((n) => slot(n.name));
      const c = call(s.init);
      steps.push((b) => {
        const t = c(b) as number[];
        for (let j = 0; j < ks.length; j++) vals[ks[j]!] = t[j]!;
      });
    } else if (s.kind === 'ExpressionStatement' && s.expression.kind === 'Call') {
      const callee = s.expression.callee;
      if (callee.kind === 'Identifier' && callee.name === 'plot') {
        const out = outs[plotIndex++]!;
        const v = expr(s.expression.args[0]!.value);
        steps.push((b) => void (out[b] = v(b)));
      }
    }
  }
  return (b) => {
    for (let j = 0; j < steps.length; j++) steps[j]!(b);
  };
}

const data = bars(N);
const compiled = compile(SCRIPT).program!;
const ast = parse(SCRIPT).ast;
let bestGen = Infinity;
let bestClo = Infinity;
let check = 0;
for (let rep = 0; rep < 5; rep++) {
  let t = performance.now();
  const r = run(compiled, data);
  bestGen = Math.min(bestGen, performance.now() - t);
  const outs = [0, 1, 2, 3].map(() => new Float64Array(N));
  t = performance.now();
  const step = closureProgram(ast.body, data, outs);
  for (let b = 0; b < N; b++) step(b);
  bestClo = Math.min(bestClo, performance.now() - t);
  check = Math.max(check, ...[0, 1, 2, 3].map((k) => Math.abs((outs[k]![N - 1] ?? 0) - r.plots[k]!.values[N - 1]!)));
}
console.log(`generated code (new Function): ${bestGen.toFixed(1)} ms = ${(N / bestGen / 1000).toFixed(2)} M bars/s`);
console.log(`closure tree:                  ${bestClo.toFixed(1)} ms = ${(N / bestClo / 1000).toFixed(2)} M bars/s`);
console.log(`closures / generated: ${(bestClo / bestGen).toFixed(2)}x (results agree: max |Δ| ${check})`);
