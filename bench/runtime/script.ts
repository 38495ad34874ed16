// The runtime benchmarks' workload: the issue's 4-plot script and its deterministic bars.
import type { BarColumns } from '../../packages/pine/src/core/bars.js';
import { TA_FUNCTIONS } from '../../packages/pine/src/ta/registry.js';

export const SCRIPT = `//@version=6
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

/** Deterministic random walk (LCG), 1-minute bars from 2024-01-01. */
export function syntheticBars(n: number): BarColumns {
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

export type FloorOutputs = readonly [Float64Array, Float64Array, Float64Array, Float64Array];

/** The ta.* floor: the script's ta objects (sma 10, sma 30, macd 12/26/9, rsi 14) driven by a hand-written
 *  loop over `close`, no compiler and no executor — what the generated code cannot go below. */
export function taFloorLoop(close: Float64Array, o: FloorOutputs): void {
  const n = close.length;
  const ctx = {} as never;
  const f = TA_FUNCTIONS['ta.sma']!.create();
  const sl = TA_FUNCTIONS['ta.sma']!.create();
  const mc = TA_FUNCTIONS['ta.macd']!.create();
  const rs = TA_FUNCTIONS['ta.rsi']!.create();
  for (let i = 0; i < n; i++) {
    const x = close[i]!;
    o[0][i] = f.update(i, ctx, x, 10);
    o[1][i] = sl.update(i, ctx, x, 30);
    o[2][i] = (mc.update(i, ctx, x, 12, 26, 9) as number[])[2]!;
    o[3][i] = rs.update(i, ctx, x, 14);
  }
}
