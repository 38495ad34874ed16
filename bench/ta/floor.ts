// The ta.* floor of bench/runtime/bench.ts measured in CPU time: the script's ta objects
// (sma 10, sma 30, macd 12/26/9, rsi 14) driven by a hand-written loop over the same 1,000,000 bars,
// no compiler and no executor. bench.ts times this floor in wall-clock time, which on the shared
// machine swings with other people's load; this prints process CPU time (best of --reps passes) and a
// checksum of the outputs, so a change in the ta code can be checked for identical results too.
//   npx tsx bench/ta/floor.ts [--bars N] [--reps K] [--only sma|macd|rsi]
import { TA_FUNCTIONS } from '../../packages/pine/src/ta/registry.js';
import { type FloorOutputs, syntheticBars, taFloorLoop } from '../runtime/script.js';

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}
const N = arg('--bars', 1_000_000);
const REPS = arg('--reps', 7);
const oi = process.argv.indexOf('--only');
const ONLY = oi >= 0 ? process.argv[oi + 1]! : '';

type Outs = FloorOutputs;

/** One function alone (to see where the floor goes). */
function single(which: string, c: Float64Array, o: Outs): void {
  const n = c.length;
  const ctx = {} as never;
  if (which === 'sma') {
    const f = TA_FUNCTIONS['ta.sma']!.create();
    const sl = TA_FUNCTIONS['ta.sma']!.create();
    for (let i = 0; i < n; i++) {
      o[0][i] = f.update(i, ctx, c[i]!, 10);
      o[1][i] = sl.update(i, ctx, c[i]!, 30);
    }
  } else if (which === 'macd') {
    const mc = TA_FUNCTIONS['ta.macd']!.create();
    for (let i = 0; i < n; i++) o[2][i] = (mc.update(i, ctx, c[i]!, 12, 26, 9) as number[])[2]!;
  } else {
    const rs = TA_FUNCTIONS['ta.rsi']!.create();
    for (let i = 0; i < n; i++) o[3][i] = rs.update(i, ctx, c[i]!, 14);
  }
}

/** Order-sensitive hash of the bit patterns, so "same checksum" means bit-identical outputs. */
function checksum(o: Outs): string {
  let h = 0x811c9dc5;
  for (const a of o) {
    const u = new Uint32Array(a.buffer);
    for (let i = 0; i < u.length; i++) h = Math.imul(h ^ u[i]!, 0x01000193);
  }
  return (h >>> 0).toString(16);
}

const c = syntheticBars(N).close;
const o: Outs = [new Float64Array(N), new Float64Array(N), new Float64Array(N), new Float64Array(N)];
let best = Infinity;
for (let r = 0; r < REPS; r++) {
  const t0 = process.cpuUsage();
  if (ONLY) single(ONLY, c, o);
  else taFloorLoop(c, o);
  const t = process.cpuUsage(t0);
  best = Math.min(best, (t.user + t.system) / 1000);
}
console.log(
  JSON.stringify({ what: ONLY || 'sma×2 + macd + rsi', bars: N, bestCpuMs: Number(best.toFixed(1)), mBarsPerSec: Number((N / best / 1e3).toFixed(2)), checksum: checksum(o) }),
);
