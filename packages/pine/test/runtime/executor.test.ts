// The executor with hand-built step functions (no parser/codegen involved).
import { describe, expect, it } from 'vitest';
import { barColumnsFromRows } from '../../src/core/bars.js';
import { PineLimitError, PineRuntimeError } from '../../src/core/errors.js';
import { defaultSymbolInfo } from '../../src/core/symbol.js';
import { execute } from '../../src/runtime/executor.js';
import type { CompiledProgram, ScriptFactory } from '../../src/runtime/program.js';

const bars = barColumnsFromRows(Array.from({ length: 10 }, (_, i) => ({ time: i * 60_000, open: i, high: i + 1, low: i - 1, close: i + 0.5, volume: 100 })));

function program(factory: ScriptFactory, extra: Partial<CompiledProgram> = {}): CompiledProgram {
  return {
    kind: 'indicator',
    version: 6,
    declaration: {},
    title: 't',
    plots: [{ kind: 'plot', title: 'c', seriesColor: false, options: {}, line: 1 }],
    inputs: [],
    builtinKeys: [],
    impls: [],
    historyBytes: 0,
    code: '',
    factory,
    ...extra,
  };
}

describe('executor', () => {
  it('runs the step on every bar with the context pointing at that bar', () => {
    const seen: number[] = [];
    const ex = execute(
      program((env) => ({
        step(b) {
          seen.push(env.ctx.bar);
          env.plots[0]!.values[b] = env.ctx.current.close * 2;
        },
        line: () => 1,
        commit() {},
        rollback() {},
      })),
      { bars, syminfo: defaultSymbolInfo() },
    );
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Array.from(ex.outputs.plots[0]!.values)).toEqual(Array.from({ length: 10 }, (_, i) => (i + 0.5) * 2));
    expect(ex.ctx.timeframe).toBe('1');
    expect(ex.ctx.current.timeClose).toBe(9 * 60_000 + 60_000);
  });

  it('collects logs with the bar time', () => {
    const ex = execute(
      program((env) => ({
        step(b) {
          if (b % 5 === 0) env.ctx.log('info', `bar ${b}`);
        },
        line: () => 1,
        commit() {},
        rollback() {},
      })),
      { bars, syminfo: defaultSymbolInfo() },
    );
    expect(ex.outputs.logs).toEqual([
      { bar: 0, time: 0, level: 'info', message: 'bar 0' },
      { bar: 5, time: 300_000, level: 'info', message: 'bar 5' },
    ]);
  });

  it('attaches the executing line and bar to runtime errors, also for plain JS errors', () => {
    let line = 0;
    const make = (fail: () => never): ScriptFactory => () => ({
      step(b) {
        line = 7;
        if (b === 3) fail();
      },
      line: () => line,
      commit() {},
      rollback() {},
    });
    try {
      execute(program(make(() => { throw new PineRuntimeError('boom'); })), { bars, syminfo: defaultSymbolInfo() });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PineRuntimeError);
      expect((e as PineRuntimeError).line).toBe(7);
      expect((e as { bar?: number }).bar).toBe(3);
    }
    expect(() => execute(program(make(() => { throw new TypeError('x is null'); })), { bars, syminfo: defaultSymbolInfo() })).toThrow(PineRuntimeError);
  });

  it('enforces the memory budget before running', () => {
    const p = program(() => ({ step() {}, line: () => 1, commit() {}, rollback() {} }), { historyBytes: 10 * 1024 * 1024 });
    expect(() => execute(p, { bars, syminfo: defaultSymbolInfo(), limits: { maxMemoryBytes: 1024 * 1024 } })).toThrow(PineLimitError);
  });

  it('enforces the wall-time limit', () => {
    const many = barColumnsFromRows(Array.from({ length: 10_000 }, (_, i) => ({ time: i * 60_000, open: 1, high: 1, low: 1, close: 1, volume: 1 })));
    const p = program(() => ({
      step() {
        const until = performance.now() + 0.02;
        while (performance.now() < until) {
          /* burn */
        }
      },
      line: () => 1,
      commit() {},
      rollback() {},
    }));
    expect(() => execute(p, { bars: many, syminfo: defaultSymbolInfo(), limits: { maxWallTimeMs: 20 } })).toThrow(/time limit/);
  });

  it('calls hooks around each bar and rolls back before the close run', () => {
    const calls: string[] = [];
    execute(
      program(() => ({
        step(b) {
          calls.push(`step${b}`);
        },
        line: () => 1,
        commit() {
          calls.push('commit');
        },
        rollback() {
          calls.push('rollback');
        },
      })),
      {
        bars: { ...bars, length: 2 },
        syminfo: defaultSymbolInfo(),
        hooks: {
          beforeBar: (i, reexecute) => {
            calls.push(`before${i}`);
            if (i === 1) reexecute();
          },
          afterBar: (i) => calls.push(`after${i}`),
        },
      },
    );
    expect(calls).toEqual(['before0', 'rollback', 'step0', 'commit', 'after0', 'before1', 'rollback', 'step1', 'rollback', 'step1', 'commit', 'after1']);
  });
});

describe('executor memory probe', () => {
  it('stops with a memory error naming the line when the probe exceeds the budget', () => {
    const many = barColumnsFromRows(Array.from({ length: 10_000 }, (_, i) => ({ time: i * 60_000, open: 1, high: 1, low: 1, close: 1, volume: 1 })));
    let used = 0;
    const p = program(() => ({
      step() {
        used += 1024;
      },
      line: () => 12,
      commit() {},
      rollback() {},
    }));
    try {
      execute(p, { bars: many, syminfo: defaultSymbolInfo(), limits: { maxMemoryBytes: 5 * 1024 * 1024, memoryProbe: () => used * 1024 } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PineLimitError);
      expect((e as PineLimitError).limit).toBe('memory');
      expect((e as PineLimitError).line).toBe(12);
    }
  });
});
