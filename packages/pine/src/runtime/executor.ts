// The bar loop: builds the RuntimeContext, instantiates the generated script, runs it on every
// bar, enforces the limits and turns any failure into a PineRuntimeError that names the line.
import type { BarColumns } from '../core/bars.js';
import type { LogLevel, RuntimeContext } from '../core/context.js';
import { PineRuntimeError } from '../core/errors.js';
import type { SymbolInfo } from '../core/symbol.js';
import { CurrentBar } from './bar-view.js';
import { attachDrawings, type DrawingStore } from './drawings.js';
import { attachSecurity, type SecurityOptions } from './security.js';
import { resolveInputs, type InputOverride } from './inputs.js';
import { LimitGuard, type RunLimits } from './limits.js';
import { Outputs } from './outputs.js';
import type { CompiledProgram, RuntimeEnv, ScriptInstance } from './program.js';
import { detectBarSpacing, timeframeFromMs, timeframeMs } from './timeframe.js';

/** Called around each bar's execution; the strategy broker plugs in here (fills before, orders after). */
export interface BarHooks {
  /** Before the script runs on bar i (fills at the open and along the intrabar path). Returns the
   *  number of extra script executions needed on this bar (calc_on_order_fills); usually 0. */
  beforeBar?(i: number, reexecute: () => void): void;
  /** After the script ran on bar i (register orders, process-on-close fills, mark equity). */
  afterBar?(i: number): void;
}

export interface ExecuteOptions {
  bars: BarColumns;
  syminfo: SymbolInfo;
  /** Chart timeframe; detected from the bar spacing when omitted. */
  timeframe?: string;
  inputs?: Readonly<Record<string, InputOverride>>;
  limits?: RunLimits;
  /** Called every ~64k bars and at the end. */
  onProgress?: (done: number, total: number) => void;
  /** Extra fields merged into the context (broker, random state…), set before the script starts. */
  contextExtras?: Partial<RuntimeContext>;
  hooks?: BarHooks;
  /** Where request.security finds other symbols and timeframes. */
  security?: SecurityOptions;
}

export interface Execution {
  outputs: Outputs;
  drawings: DrawingStore;
  ctx: RuntimeContext;
  instance: ScriptInstance;
  inputValues: unknown[];
  barCount: number;
  elapsedMs: number;
}

const PROGRESS_EVERY = 1 << 16;
const TIME_CHECK_EVERY = 1 << 12;

/** Attaches the failing line to an error thrown by generated or library code. */
export function locateError(err: unknown, line: number): PineRuntimeError {
  if (err instanceof PineRuntimeError) {
    if (err.line === undefined) err.line = line;
    return err;
  }
  const msg = err instanceof Error ? err.message : String(err);
  const wrapped = new PineRuntimeError(msg);
  wrapped.line = line;
  if (err instanceof Error) wrapped.stack = err.stack;
  return wrapped;
}

export function execute(program: CompiledProgram, opts: ExecuteOptions): Execution {
  const { bars, syminfo } = opts;
  const n = bars.length;
  const spacing = detectBarSpacing(bars.time);
  const timeframe = opts.timeframe ?? (syminfo.period || timeframeFromMs(spacing));
  const tfMs = timeframeMs(timeframe);
  const guard = new LimitGuard(opts.limits);
  const outputs = new Outputs(n);
  guard.reserve(Outputs.bytesFor(program.plots, n), 'plot outputs');
  guard.reserve(program.historyBytes, 'history buffers');

  const current = new CurrentBar(bars, syminfo, tfMs === tfMs ? tfMs : spacing);
  const ctx: RuntimeContext = {
    bar: 0,
    bars,
    current,
    syminfo,
    timeframe,
    log(level: LogLevel, message: string) {
      outputs.logs.push({ bar: this.bar, time: bars.time[this.bar]!, level, message });
    },
    ...opts.contextExtras,
  };

  const num = (k: string) => (typeof program.declaration[k] === 'number' ? (program.declaration[k] as number) : undefined);
  const drawings = attachDrawings(ctx, {
    line: num('max_lines_count'),
    label: num('max_labels_count'),
    box: num('max_boxes_count'),
    polyline: num('max_polylines_count'),
  });
  const inputValues = resolveInputs(program.inputs, opts.inputs);
  const plots = program.plots.map((d) => outputs.addPlot(d));
  const maxBarsBack = Number(program.declaration['max_bars_back'] ?? 0) || 5000;
  const env: RuntimeEnv = { ctx, bars, guard, outputs, plots, inputs: inputValues, impls: program.impls, maxBarsBack, security: null };
  attachSecurity(program, env, opts.security);

  guard.start();
  const started = Date.now();
  let instance: ScriptInstance;
  try {
    instance = program.factory(env);
  } catch (err) {
    throw locateError(err, 1);
  }
  const step = instance.step;
  const hooks = opts.hooks;
  const onProgress = opts.onProgress;
  let i = 0;
  let fast = false;
  try {
    if (!hooks && instance.runBars) {
      fast = true;
      instance.runBars(0, n, current, onProgress);
      i = n;
    } else if (!hooks) {
      for (; i < n; i++) {
        ctx.bar = i;
        current.load(i);
        step(i);
        if ((i & (TIME_CHECK_EVERY - 1)) === 0) {
          guard.checkTime();
          if (onProgress && (i & (PROGRESS_EVERY - 1)) === 0) onProgress(i, n);
        }
      }
    } else {
      const reexecute = () => {
        instance.rollback();
        current.load(i);
        step(i);
      };
      for (; i < n; i++) {
        ctx.bar = i;
        current.load(i);
        hooks.beforeBar?.(i, reexecute);
        // Back to the committed state: a no-op unless fills re-executed the script on this bar.
        instance.rollback();
        current.load(i);
        step(i);
        instance.commit();
        hooks.afterBar?.(i);
        if ((i & (TIME_CHECK_EVERY - 1)) === 0) {
          guard.checkTime();
          if (onProgress && (i & (PROGRESS_EVERY - 1)) === 0) onProgress(i, n);
        }
      }
    }
  } catch (err) {
    const e = locateError(err, instance.line());
    (e as PineRuntimeError & { bar?: number }).bar = fast ? ctx.bar : i;
    throw e;
  }
  onProgress?.(n, n);
  return { outputs, ctx, instance, inputValues, drawings, barCount: n, elapsedMs: Date.now() - started };
}
