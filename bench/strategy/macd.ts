// Strategy benchmark: TradingView's built-in "MACD Strategy" logic (market reversals on MACD/signal
// crossings) on 1,000,000 synthetic 1-minute bars, PineBack vs the `pinets` npm package on the same bars,
// side by side in one process. Reports bars/s for each, the ratio, trade counts and peak RSS.
//   npx tsx bench/strategy/macd.ts [--bars N] [--repeats K] [--no-pinets] [--pinets-bars N]
// Goal (issue): ≥ 3,000,000 bars/s, ≥ 50× PineTS, peak RSS ≤ 400 MB.
import { compile, run, type RunResult } from '../../packages/pine/src/api.js';
import type { BarColumns } from '../../packages/pine/src/core/bars.js';
import { defaultSymbolInfo } from '../../packages/pine/src/core/symbol.js';
import { performanceSummary, tradeList } from '../../packages/pine/src/broker/index.js';

const SCRIPT = `//@version=6
strategy("MACD Strategy", overlay=true)
fastLength = input(12)
slowLength = input(26)
MACDLength = input(9)
[macdLine, signalLine, _] = ta.macd(close, fastLength, slowLength, MACDLength)
delta = macdLine - signalLine
if ta.crossover(delta, 0)
    strategy.entry("MacdLE", strategy.long, comment="MacdLE")
if ta.crossunder(delta, 0)
    strategy.entry("MacdSE", strategy.short, comment="MacdSE")
`;

// The same computation as an indicator (no strategy.* calls, no broker): what the compiler, runtime and ta.*
// cost on their own, so the broker's share of the strategy run can be read off the difference.
const INDICATOR_SCRIPT = `//@version=6
indicator("MACD signals")
[macdLine, signalLine, _] = ta.macd(close, 12, 26, 9)
delta = macdLine - signalLine
bool le = ta.crossover(delta, 0)
bool se = ta.crossunder(delta, 0)
`;

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}
const N = arg('--bars', 1_000_000);
const REPEATS = arg('--repeats', 5);
const PINETS_N = Math.min(arg('--pinets-bars', N), N);
const SKIP_PINETS = process.argv.includes('--no-pinets');

/** Deterministic random walk (LCG seed 20261122) on a 0.01 price grid, 1-minute bars from 2024-01-01 UTC. */
function syntheticBars(n: number): BarColumns {
  const time = new Float64Array(n), open = new Float64Array(n), high = new Float64Array(n);
  const low = new Float64Array(n), close = new Float64Array(n), volume = new Float64Array(n);
  let seed = 20261122;
  const rnd = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
  const cents = (x: number): number => Math.round(x * 100) / 100;
  let price = 100;
  const t0 = Date.UTC(2024, 0, 1);
  for (let i = 0; i < n; i++) {
    const o = price;
    const c = Math.max(1, cents(o + (rnd() - 0.5) * 0.4));
    time[i] = t0 + i * 60_000;
    open[i] = o;
    close[i] = c;
    high[i] = cents(Math.max(o, c) + rnd() * 0.1);
    low[i] = Math.max(0.01, cents(Math.min(o, c) - rnd() * 0.1));
    volume[i] = 1 + Math.floor(rnd() * 1000);
    price = c;
  }
  return { length: n, time, open, high, low, close, volume };
}

const mib = (bytes: number): number => Math.round(bytes / 1048576);
/** Peak resident set size of this process so far (maxRSS is reported in KiB). */
const peakRssMiB = (): number => Math.round(process.resourceUsage().maxRSS / 1024);
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function main(): Promise<void> {
  const bars = syntheticBars(N);
  const syminfo = defaultSymbolInfo();

  const c0 = performance.now();
  const compiled = compile(SCRIPT);
  if (!compiled.ok || !compiled.program) throw new Error(JSON.stringify(compiled.diagnostics));
  const compileMs = performance.now() - c0;
  const program = compiled.program;

  // Warm-up on a slice, then K timed runs over all bars. Wall and CPU are both kept: on the shared
  // 2-core machine wall time also measures the other processes.
  void run(program, { ...bars, length: Math.min(50_000, N) }, { syminfo, timeframe: '1' }).strategy!.trades;
  // run() builds the List of Trades on first read of `strategy.trades`, so each timed run reads it: the
  // figures cover the run, the Performance Summary and the trade list, as a caller showing results pays.
  const walls: number[] = [];
  const cpus: number[] = [];
  let result: RunResult | null = null;
  for (let k = 0; k < REPEATS; k++) {
    result = null; // let the previous run's outputs be collected before the next one
    const cpu0 = process.cpuUsage();
    const s = performance.now();
    result = run(program, bars, { syminfo, timeframe: '1' });
    if (result.strategy!.trades.length === 0) throw new Error('no trades');
    walls.push(performance.now() - s);
    const cpu = process.cpuUsage(cpu0);
    cpus.push((cpu.user + cpu.system) / 1000);
  }
  const ours = {
    bestWallMs: Math.min(...walls),
    medianWallMs: median(walls),
    bestCpuMs: Math.min(...cpus),
    medianCpuMs: median(cpus),
  };
  const rate = (ms: number): number => N / (ms / 1000);
  const strat = result!.strategy!;
  const ourTrades = strat.broker.closedTrades.length;
  const ourOpen = strat.broker.openTrades.length;
  const oursRss = peakRssMiB();
  console.log(`pineback: ${N} bars, ${ourTrades} closed trades (+${ourOpen} open), compile ${compileMs.toFixed(1)} ms`);
  console.log(
    `  wall best ${ours.bestWallMs.toFixed(0)} ms = ${(rate(ours.bestWallMs) / 1e6).toFixed(2)} M bars/s, median ${ours.medianWallMs.toFixed(0)} ms = ${(rate(ours.medianWallMs) / 1e6).toFixed(2)} M bars/s`,
  );
  console.log(
    `  cpu  best ${ours.bestCpuMs.toFixed(0)} ms = ${(rate(ours.bestCpuMs) / 1e6).toFixed(2)} M bars/s, median ${ours.medianCpuMs.toFixed(0)} ms = ${(rate(ours.medianCpuMs) / 1e6).toFixed(2)} M bars/s`,
  );
  console.log(`  peak RSS after the PineBack runs: ${oursRss} MiB (heap now ${mib(process.memoryUsage().heapUsed)} MiB)`);

  // Where the strategy run's time goes: the runtime + ta.* alone (indicator twin), and the post-run
  // reports (List of Trades, Performance Summary), re-timed on the last run's broker.
  const twin = compile(INDICATOR_SCRIPT).program!;
  run(twin, { ...bars, length: Math.min(50_000, N) }, { syminfo, timeframe: '1' });
  const twinCpu: number[] = [];
  for (let k = 0; k < REPEATS; k++) {
    const cpu0 = process.cpuUsage();
    run(twin, bars, { syminfo, timeframe: '1' });
    const cpu = process.cpuUsage(cpu0);
    twinCpu.push((cpu.user + cpu.system) / 1000);
  }
  const cpuOf = (f: () => unknown): number => {
    let best = Infinity;
    for (let k = 0; k < 3; k++) {
      const cpu0 = process.cpuUsage();
      f();
      const cpu = process.cpuUsage(cpu0);
      best = Math.min(best, (cpu.user + cpu.system) / 1000);
    }
    return best;
  };
  const breakdown = {
    indicatorTwinCpuMs: Math.min(...twinCpu),
    tradeListCpuMs: cpuOf(() => tradeList(strat.broker)),
    summaryCpuMs: cpuOf(() => performanceSummary(strat.broker)),
  };
  console.log(
    `  breakdown (cpu, best): runtime + ta.* alone (indicator twin) ${breakdown.indicatorTwinCpuMs.toFixed(0)} ms; ` +
      `List of Trades ${breakdown.tradeListCpuMs.toFixed(0)} ms; Performance Summary ${breakdown.summaryCpuMs.toFixed(0)} ms; ` +
      `broker bar loop ≈ the rest (${(ours.bestCpuMs - breakdown.indicatorTwinCpuMs - breakdown.tradeListCpuMs - breakdown.summaryCpuMs).toFixed(0)} ms)`,
  );

  let peer: { bars: number; wallMs: number; cpuMs: number; closedTrades: number; openTrades: number } | null = null;
  if (!SKIP_PINETS) {
    // Public API only (README: `new PineTS(candles)`, `await run(source)`; the returned context's
    // `strategy.closedtrades` / `opentrades` are the trade lists).
    const { PineTS } = (await import('pinets')) as unknown as {
      PineTS: new (data: unknown[]) => { run(src: string): Promise<{ strategy?: { closedtrades: unknown[]; opentrades: unknown[] } }> };
    };
    const m = PINETS_N;
    const candles = new Array(m);
    for (let i = 0; i < m; i++) {
      candles[i] = { open: bars.open[i], high: bars.high[i], low: bars.low[i], close: bars.close[i], volume: bars.volume[i], openTime: bars.time[i], closeTime: bars.time[i]! + 60_000 };
    }
    const cpu0 = process.cpuUsage();
    const s = performance.now();
    const out = await new PineTS(candles).run(SCRIPT);
    const wallMs = performance.now() - s;
    const cpu = process.cpuUsage(cpu0);
    peer = { bars: m, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, closedTrades: out.strategy?.closedtrades.length ?? NaN, openTrades: out.strategy?.opentrades.length ?? NaN };
    console.log(`pinets:   ${m} bars, ${peer.closedTrades} closed trades (+${peer.openTrades} open)`);
    console.log(`  wall ${wallMs.toFixed(0)} ms = ${(m / wallMs / 1e3).toFixed(3)} M bars/s, cpu ${peer.cpuMs.toFixed(0)} ms = ${(m / peer.cpuMs / 1e3).toFixed(3)} M bars/s`);
    const ratio = (ourMs: number, theirMs: number): number => (N / ourMs) / (m / theirMs);
    console.log(`ratio (PineBack ÷ PineTS bars/s): wall best ${ratio(ours.bestWallMs, wallMs).toFixed(0)}×, cpu best ${ratio(ours.bestCpuMs, peer.cpuMs).toFixed(0)}×`);
    console.log(`peak RSS of the whole process (PineTS included): ${peakRssMiB()} MiB`);
  }
  console.log(JSON.stringify({ bars: N, repeats: REPEATS, compileMs, pineback: { ...ours, closedTrades: ourTrades, openTrades: ourOpen, peakRssMiB: oursRss, breakdown }, pinets: peer }));
}

void main();
