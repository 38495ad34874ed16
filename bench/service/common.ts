// Pieces shared by the service benchmarks: numeric CLI flags and the SMA-cross strategy they submit.

export const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};

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
