// Cold vs warm runs of the bench script. A backtest in the product compiles the script (one fresh
// generated function, so V8 starts it in the interpreter and optimises it during the run) and runs it
// once; bench.ts times repeated runs of one program, after V8 has settled. This times both,
// alternately: "cold" = compile + run of a fresh program each pass (only the run is timed), "warm" =
// another run of one program. The ta.* code is warmed first in both cases, as in a long-lived worker.
//   npx tsx bench/runtime/cold.ts [--bars N] [--reps K]
import { compile, run, type CompiledProgram } from '../../packages/pine/src/api.js';
import { SCRIPT, syntheticBars } from './script.js';

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}
const N = arg('--bars', 1_000_000);
const REPS = arg('--reps', 7);

function program(): CompiledProgram {
  const c = compile(SCRIPT);
  if (!c.ok || !c.program) throw new Error(JSON.stringify(c.diagnostics));
  return c.program;
}

/** Process CPU time (user + system, all threads: includes V8's background compiles and GC), ms. */
function cpuMs(f: () => void): number {
  const c0 = process.cpuUsage();
  f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

const bars = syntheticBars(N);
const warmProgram = program();
run(warmProgram, bars);
const cold: number[] = [];
const warm: number[] = [];
for (let k = 0; k < REPS; k++) {
  const fresh = program();
  cold.push(cpuMs(() => run(fresh, bars)));
  warm.push(cpuMs(() => run(warmProgram, bars)));
}
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { best: Number(s[0]!.toFixed(1)), median: Number(s[s.length >> 1]!.toFixed(1)) };
};
const c = stats(cold);
const w = stats(warm);
console.log(`cold (fresh program each run): CPU best ${c.best} ms, median ${c.median} ms = ${(N / c.best / 1e3).toFixed(2)} M bars/s at best`);
console.log(`warm (same program again):     CPU best ${w.best} ms, median ${w.median} ms = ${(N / w.best / 1e3).toFixed(2)} M bars/s at best`);
console.log(JSON.stringify({ bars: N, reps: REPS, cold: c, warm: w }));
