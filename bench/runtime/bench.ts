// Runtime benchmark: the 4-plot script (sma, sma, macd, rsi) on 1,000,000 synthetic
// 1-minute bars, PineBack vs the `pinets` npm package on the same bars, in one process.
//   npx tsx bench/runtime/bench.ts [--bars N] [--reps K] [--pinets-bars N] [--no-pinets] [--code]
// --code prints the JavaScript the compiler generated for the script and exits.
//
// Timing: the full run and the ta.* floor are timed alternately (run, floor, run, floor…) and each
// keeps its best of --reps passes, in process CPU time as well as wall time. The machine is shared:
// alternating gives both the same load, and CPU time does not count the time spent waiting for a
// core, so "runtime overhead" (full run − floor) compares like with like. Wall time is printed too.
import { compile, run } from '../../packages/pine/src/api.js';
import type { BarColumns } from '../../packages/pine/src/core/bars.js';
import { SCRIPT, syntheticBars, taFloorLoop } from './script.js';

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}
const N = arg('--bars', 1_000_000);
const REPS = arg('--reps', 5);
const PINETS_N = arg('--pinets-bars', N);
const SKIP_PINETS = process.argv.includes('--no-pinets');

function handLoop(b: BarColumns): void {
  const n = b.length;
  taFloorLoop(b.close.subarray(0, n), [new Float64Array(n), new Float64Array(n), new Float64Array(n), new Float64Array(n)]);
}

/** CPU time (user + system, all threads of the process) and wall time of one call, ms. */
function timed(f: () => void): { cpu: number; wall: number } {
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  f();
  const wall = performance.now() - w0;
  const c = process.cpuUsage(c0);
  return { cpu: (c.user + c.system) / 1000, wall };
}

function mib(bytes: number): string {
  return (bytes / 1048576).toFixed(0);
}

async function main(): Promise<void> {
  const bars = syntheticBars(N);
  let peakRss = process.memoryUsage().rss;
  const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5);

  const t0 = performance.now();
  const compiled = compile(SCRIPT);
  if (!compiled.ok || !compiled.program) throw new Error(JSON.stringify(compiled.diagnostics));
  const compileMs = performance.now() - t0;

  if (process.argv.includes('--code')) {
    console.log(compiled.program.code);
    clearInterval(sample);
    return;
  }

  // Warm-up on a slice (both paths), then alternate full run and floor, best of REPS each.
  // Floor: the same ta.* objects called from a hand-written loop (no compiler, no runtime). The gap
  // between the two is what the generated code + executor cost.
  const program = compiled.program;
  const warm = { ...bars, length: Math.min(N, 50_000) } as BarColumns;
  run(program, warm);
  handLoop(warm);
  let result = run(program, bars);
  const best = { runCpu: Infinity, runWall: Infinity, floorCpu: Infinity, floorWall: Infinity };
  for (let k = 0; k < REPS; k++) {
    let t = timed(() => (result = run(program, bars)));
    best.runCpu = Math.min(best.runCpu, t.cpu);
    best.runWall = Math.min(best.runWall, t.wall);
    t = timed(() => handLoop(bars));
    best.floorCpu = Math.min(best.floorCpu, t.cpu);
    best.floorWall = Math.min(best.floorWall, t.wall);
  }
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const ours = N / (best.runCpu / 1000);
  const rate = (ms: number) => `${(N / ms / 1e3).toFixed(2)} M bars/s`;
  console.log(
    `ta.* floor (hand loop, same ta objects): CPU ${best.floorCpu.toFixed(1)} ms = ${rate(best.floorCpu)} (wall ${best.floorWall.toFixed(1)} ms); ` +
      `runtime overhead CPU ${(best.runCpu - best.floorCpu).toFixed(1)} ms`,
  );
  const oursRss = peakRss;
  console.log(
    `pineback: ${N} bars in CPU ${best.runCpu.toFixed(1)} ms = ${rate(best.runCpu)} (wall ${best.runWall.toFixed(1)} ms = ${rate(best.runWall)}; ` +
      `best of ${REPS}; compile ${compileMs.toFixed(1)} ms), peak RSS ${mib(oursRss)} MiB`,
  );
  const last = result.plots.map((p) => p.values[N - 1]);

  let peer: { rate: number; ms: number; bars: number } | null = null;
  if (!SKIP_PINETS) {
    const { PineTS } = (await import('pinets')) as unknown as {
      PineTS: new (data: unknown[]) => { run(src: string): Promise<{ plots: Record<string, { data: { value: number | null }[] }> }> };
    };
    const m = Math.min(PINETS_N, N);
    const candles = new Array(m);
    for (let i = 0; i < m; i++) {
      candles[i] = { open: bars.open[i], high: bars.high[i], low: bars.low[i], close: bars.close[i], volume: bars.volume[i], openTime: bars.time[i], closeTime: bars.time[i]! + 60_000 };
    }
    // CPU time like ours (nothing else runs in the process meanwhile), so the ratio is CPU to CPU.
    const s = performance.now();
    const c0 = process.cpuUsage();
    const pine = new PineTS(candles);
    const out = await pine.run(SCRIPT);
    const cu = process.cpuUsage(c0);
    const ms = (cu.user + cu.system) / 1000;
    const wallMs = performance.now() - s;
    peer = { rate: m / (ms / 1000), ms, bars: m };
    console.log(
      `pinets:   ${m} bars in CPU ${ms.toFixed(0)} ms = ${(peer.rate / 1e6).toFixed(3)} M bars/s (wall ${wallMs.toFixed(0)} ms; plots: ${Object.keys(out.plots).length})`,
    );
    console.log(`ratio: ${(ours / peer.rate).toFixed(1)}x`);
    // Sanity: both engines computed the same values (untitled plots are '#0'…'#3' in PineTS).
    let maxRel = 0;
    let compared = 0;
    for (let k = 0; k < 4; k++) {
      const theirs = out.plots[`#${k}`]?.data ?? [];
      const mine = result.plots[k]!.values;
      for (let i = 0; i < Math.min(theirs.length, m); i++) {
        const a = theirs[i]!.value;
        const b = mine[i]!;
        if (a === null || a !== a || b !== b) continue;
        compared++;
        maxRel = Math.max(maxRel, Math.abs(a - b) / Math.max(1e-12, Math.abs(b)));
      }
    }
    console.log(`agreement with pinets: ${compared} values compared, max relative difference ${maxRel.toExponential(2)}`);
  }
  clearInterval(sample);
  console.log(`last values: ${last.map((v) => v!.toFixed(6)).join(', ')}`);
  console.log(
    JSON.stringify({
      bars: N,
      reps: REPS,
      ms: best.runCpu,
      wallMs: best.runWall,
      barsPerSec: ours,
      floorMs: best.floorCpu,
      floorWallMs: best.floorWall,
      compileMs,
      peakRssMiB: Number(mib(oursRss)),
      pinets: peer,
      ratio: peer ? ours / peer.rate : null,
    }),
  );
}

void main();
