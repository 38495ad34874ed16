// Runtime benchmark: the 4-plot script (sma, sma, macd, rsi) on 1,000,000 synthetic
// 1-minute bars, PineBack vs the `pinets` npm package on the same bars, in one process.
//   npx tsx bench/runtime/bench.ts [--bars N] [--pinets-bars N] [--no-pinets]
import { compile, run } from '../../packages/pine/src/api.js';
import type { BarColumns } from '../../packages/pine/src/core/bars.js';
import { TA_FUNCTIONS } from '../../packages/pine/src/ta/registry.js';

const SCRIPT = `//@version=6
indicator("bench")
fast = ta.sma(close, 10)
slow = ta.sma(close, 30)
[m, s, h] = ta.macd(close, 12, 26, 9)
r = ta.rsi(close, 14)
plot(fast)
plot(slow)
plot(h)
plot(r)
`;

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}
const N = arg('--bars', 1_000_000);
const PINETS_N = arg('--pinets-bars', N);
const SKIP_PINETS = process.argv.includes('--no-pinets');

/** Deterministic random walk (LCG), 1-minute bars from 2024-01-01. */
function syntheticBars(n: number): BarColumns {
  const time = new Float64Array(n), open = new Float64Array(n), high = new Float64Array(n);
  const low = new Float64Array(n), close = new Float64Array(n), volume = new Float64Array(n);
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296);
  let price = 100;
  const t0 = Date.UTC(2024, 0, 1);
  for (let i = 0; i < n; i++) {
    const o = price;
    const c = Math.max(1, o + (rnd() - 0.5) * 0.4);
    time[i] = t0 + i * 60_000;
    open[i] = o;
    close[i] = c;
    high[i] = Math.max(o, c) + rnd() * 0.1;
    low[i] = Math.min(o, c) - rnd() * 0.1;
    volume[i] = 1 + Math.floor(rnd() * 1000);
    price = c;
  }
  return { length: n, time, open, high, low, close, volume };
}

function handLoop(b: BarColumns): void {
  const n = b.length;
  const ctx = {} as never;
  const f = TA_FUNCTIONS['ta.sma']!.create();
  const sl = TA_FUNCTIONS['ta.sma']!.create();
  const mc = TA_FUNCTIONS['ta.macd']!.create();
  const rs = TA_FUNCTIONS['ta.rsi']!.create();
  const o = [new Float64Array(n), new Float64Array(n), new Float64Array(n), new Float64Array(n)] as const;
  const c = b.close;
  for (let i = 0; i < n; i++) {
    const x = c[i]!;
    o[0][i] = f.update(i, ctx, x, 10);
    o[1][i] = sl.update(i, ctx, x, 30);
    o[2][i] = (mc.update(i, ctx, x, 12, 26, 9) as number[])[2]!;
    o[3][i] = rs.update(i, ctx, x, 14);
  }
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

  // Warm-up on a slice, then the timed full run (best of 3).
  const warm = { ...bars, length: 50_000 } as BarColumns;
  run(compiled.program, warm);
  let best = Infinity;
  let result = run(compiled.program, bars);
  for (let k = 0; k < 3; k++) {
    const s = performance.now();
    result = run(compiled.program, bars);
    best = Math.min(best, performance.now() - s);
  }
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const ours = N / (best / 1000);
  // Floor: the same ta.* objects called from a hand-written loop (no compiler, no runtime). The gap
  // between this and the run above is what the generated code + executor cost.
  let floor = Infinity;
  for (let k = 0; k < 3; k++) {
    const s = performance.now();
    handLoop(bars);
    floor = Math.min(floor, performance.now() - s);
  }
  console.log(`ta.* floor (hand loop, same ta objects): ${floor.toFixed(1)} ms = ${(N / floor / 1e3).toFixed(2)} M bars/s; runtime overhead ${(best - floor).toFixed(1)} ms`);
  const oursRss = peakRss;
  console.log(`pineback: ${N} bars in ${best.toFixed(1)} ms = ${(ours / 1e6).toFixed(2)} M bars/s (compile ${compileMs.toFixed(1)} ms), peak RSS ${mib(oursRss)} MiB`);
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
    const s = performance.now();
    const pine = new PineTS(candles);
    const out = await pine.run(SCRIPT);
    const ms = performance.now() - s;
    peer = { rate: m / (ms / 1000), ms, bars: m };
    console.log(`pinets:   ${m} bars in ${ms.toFixed(0)} ms = ${(peer.rate / 1e6).toFixed(3)} M bars/s (plots: ${Object.keys(out.plots).length})`);
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
    JSON.stringify({ bars: N, ms: best, barsPerSec: ours, floorMs: floor, compileMs, peakRssMiB: Number(mib(oursRss)), pinets: peer, ratio: peer ? ours / peer.rate : null }),
  );
}

void main();
