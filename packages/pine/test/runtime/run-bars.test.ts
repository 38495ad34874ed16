// The generated fast path (runBars: the body in a loop run 4096 bars at a time, limit and progress
// checks between chunks) gives the same results as the per-bar step() path and keeps its checks.
import { describe, expect, it } from 'vitest';
import { compile, run } from '../../src/api.js';
import { barColumnsFromRows, type BarColumns } from '../../src/core/bars.js';
import { PineLimitError } from '../../src/core/errors.js';
import type { CompiledProgram } from '../../src/runtime/program.js';

function bars(n: number): BarColumns {
  return barColumnsFromRows(
    Array.from({ length: n }, (_, i) => {
      const c = 100 + Math.sin(i / 7) * 5 + (i % 13) * 0.1;
      return { time: Date.UTC(2024, 0, 1) + i * 60_000, open: c - 0.2, high: c + 1, low: c - 1, close: c, volume: 10 + (i % 5) };
    }),
  );
}

function program(src: string): CompiledProgram {
  const c = compile(src);
  if (!c.ok || !c.program) throw new Error(c.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`).join('\n'));
  return c.program;
}

const SCRIPT = `//@version=6
indicator("t")
var int n = 0
n += 1
s = ta.sma(close, 10)
d = close - close[3]
plot(bar_index, "bi")
plot(n, "n")
plot(s, "s")
plot(d > 0 ? s[1] : na, "cond")
`;

describe('runBars fast path', () => {
  it('matches the per-bar step path on every bar across chunk boundaries', () => {
    const b = bars(10_000); // chunks end at 4096 and 8192, the last one is partial
    const p = program(SCRIPT);
    const fast = run(p, b);
    // A no-op hook sends the executor through step() bar by bar.
    const slow = run(p, b, { hooks: {} });
    expect(fast.plots.map((x) => x.title)).toEqual(['bi', 'n', 's', 'cond']);
    for (let k = 0; k < fast.plots.length; k++) {
      const a = fast.plots[k]!.values;
      const c = slow.plots[k]!.values;
      expect(a.length).toBe(10_000);
      for (let i = 0; i < a.length; i++) if (!Object.is(a[i], c[i])) expect.fail(`plot ${k} bar ${i}: ${a[i]} vs ${c[i]}`);
    }
    expect(fast.plots[0]!.values[9_999]).toBe(9_999);
    expect(fast.plots[1]!.values[9_999]).toBe(10_000);
  });

  it('reports progress every 65,536 bars and at the end', () => {
    const seen: Array<[number, number]> = [];
    run(program(SCRIPT), bars(140_000), { onProgress: (done, total) => seen.push([done, total]) });
    expect(seen).toEqual([
      [65_536, 140_000],
      [131_072, 140_000],
      [140_000, 140_000],
    ]);
  });

  it('still stops at the wall-time limit', () => {
    const slow = `//@version=6
indicator("t")
float acc = 0.0
for i = 0 to 2000
    acc += math.sqrt(i + close)
plot(acc)
`;
    expect(() => run(program(slow), bars(200_000), { limits: { maxWallTimeMs: 50 } })).toThrow(PineLimitError);
  });
});
