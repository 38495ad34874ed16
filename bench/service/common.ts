// Pieces shared by the service benchmarks: numeric CLI flags, the server build under test and the
// SMA-cross strategy they submit.
import { existsSync } from 'node:fs';
import { pathToFileURL, fileURLToPath } from 'node:url';

export const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};

/**
 * The server to benchmark: packages/server/dist (from sources when not built), or the build named by
 * PINEBACK_BENCH_SERVER (a dist/index.js path), so two builds can be compared on the same machine state.
 */
export async function loadServer(): Promise<{ startServer: typeof import('../../packages/server/src/server.js').startServer; label: string }> {
  const other = process.env.PINEBACK_BENCH_SERVER;
  if (other) return { ...(await import(pathToFileURL(other).href)), label: other };
  const dist = new URL('../../packages/server/dist/index.js', import.meta.url);
  const fromDist = existsSync(fileURLToPath(dist));
  const mod = (await import(fromDist ? dist.href : '../../packages/server/src/server.js')) as typeof import('../../packages/server/src/server.js');
  return { startServer: mod.startServer, label: fromDist ? 'packages/server/dist' : 'sources (tsx)' };
}

/** TradingView-style SMA cross with both lengths as inputs ("Fast", "Slow"). */
export function smaCrossScript(slowDefault: number): string {
  return `//@version=6
strategy("SMA cross", overlay=true)
fastLength = input.int(10, "Fast")
slowLength = input.int(${slowDefault}, "Slow")
fast = ta.sma(close, fastLength)
slow = ta.sma(close, slowLength)
if ta.crossover(fast, slow)
    strategy.entry("L", strategy.long)
if ta.crossunder(fast, slow)
    strategy.entry("S", strategy.short)
`;
}
