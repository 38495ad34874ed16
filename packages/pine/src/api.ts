// Public entry points: compile(source) → a program (or diagnostics), run(program, bars) → outputs.
// The CLI, the server, the web worker and the fixture tests all go through these two functions.
import type { BarColumns } from './core/bars.js';
import { defaultSymbolInfo, type SymbolInfo } from './core/symbol.js';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import { lineColumnFromStarts } from './diagnostics/position.js';
import { parse } from './parser/index.js';
import { check } from './checker/index.js';
import { linkLibraries } from './libraries/link.js';
import type { LibraryResolver } from './libraries/resolver.js';
import { CodegenError, generate, type Registries } from './codegen/index.js';
import { defaultRegistries } from './codegen/registries.js';
import * as helpers from './runtime/helpers.js';
import { execute, type BarHooks } from './runtime/executor.js';
import { strategyDriver, strategySettings } from './runtime/strategy.js';
import type { Broker } from './broker/broker.js';
import type { StrategySettings } from './broker/types.js';
import type { DrawingStore } from './runtime/drawings.js';
import type { SecurityData } from './runtime/security.js';
import type { DataProvider } from './security/provider.js';
import { tradeList, type TradeListRow } from './broker/trade-list.js';
import { performanceSummary, type PerformanceSummary } from './broker/summary.js';
import type { InputOverride } from './runtime/inputs.js';
import type { RunLimits } from './runtime/limits.js';
import type { AlertConditionOutput, AlertOutput, ColorSeriesOutput, FillOutput, HLineOutput, LogEntry, PlotOutput } from './runtime/outputs.js';
import type { CompiledProgram, RuntimeEnv, ScriptFactory, ScriptInstance } from './runtime/program.js';

export type { CompiledProgram } from './runtime/program.js';

export interface CompileOptions {
  /** Built-in implementations; defaults to every registry in the package. */
  registries?: Registries;
  /** Sources for `import user/Name/version` (e.g. a SourceLibraryResolver). Without it, a script that
   *  imports a library does not compile. */
  libraries?: LibraryResolver;
}

export interface CompileResult {
  ok: boolean;
  /** Errors and warnings (parser, checker, code generator). */
  diagnostics: Diagnostic[];
  program: CompiledProgram | null;
}

function diagnosticAt(source: string, lineStarts: readonly number[], message: string, start: number, end: number, code: string): Diagnostic {
  const { line, column } = lineColumnFromStarts(lineStarts, Math.min(start, source.length));
  return { severity: 'error', message, span: { start, end }, line, column, code };
}

/** The runtime helpers as a plain object: generated code reads `$rt.x` on every bar, and a module
 *  namespace (a chain of getters under the test and dev loaders) costs more per read than a data property. */
const plainHelpers: typeof helpers = { ...helpers };

/** Compiles Pine source to a runnable program. Never throws for problems in the script. */
export function compile(source: string, options: CompileOptions = {}): CompileResult {
  const parsed = parse(source);
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  if (diagnostics.some((d) => d.severity === 'error')) return { ok: false, diagnostics, program: null };
  let script = parsed.ast;
  if (options.libraries) {
    const linked = linkLibraries(script, source, options.libraries);
    diagnostics.push(...linked.diagnostics);
    if (linked.diagnostics.some((d) => d.severity === 'error')) return { ok: false, diagnostics, program: null };
    script = linked.script;
  }
  const checked = check(script, { source });
  diagnostics.push(...checked.diagnostics);
  if (checked.diagnostics.some((d) => d.severity === 'error')) return { ok: false, diagnostics, program: null };
  const registries = options.registries ?? defaultRegistries();
  let gen;
  try {
    gen = generate(script, registries, checked.info);
  } catch (err) {
    if (err instanceof CodegenError) {
      const span = err.node?.span ?? { start: 0, end: 0 };
      diagnostics.push(diagnosticAt(source, script.lineStarts, err.message, span.start, span.end, 'codegen'));
      return { ok: false, diagnostics, program: null };
    }
    throw err;
  }
  for (const w of gen.warnings) {
    diagnostics.push({ ...diagnosticAt(source, script.lineStarts, w.message, w.node.span.start, w.node.span.end, 'codegen-warning'), severity: 'warning' });
  }
  // Keys: 'name' / 'name#k' for functions, 'variable:name', 'constant:name' (names can be both, e.g. `hour`).
  const impls = gen.builtinKeys.map((k) =>
    k.startsWith('variable:') ? registries.variables[k.slice(9)] : k.startsWith('constant:') ? registries.constants[k.slice(9)] : registries.functions[k],
  );
  // The generated text only contains mangled identifiers and escaped literals (see codegen/names.ts).
  let body: (env: RuntimeEnv, rt: typeof helpers) => ScriptInstance;
  try {
    body = new Function('env', '$rt', gen.code) as typeof body;
  } catch (err) {
    // A generator bug, not a script error: report it instead of throwing.
    diagnostics.push(diagnosticAt(source, script.lineStarts, `Internal code generation error: ${(err as Error).message}`, 0, 0, 'codegen-internal'));
    return { ok: false, diagnostics, program: null };
  }
  const factory: ScriptFactory = (env) => body(env, plainHelpers);
  const program: CompiledProgram = { ...gen, impls, factory };
  return { ok: true, diagnostics, program };
}

export interface RunOptions {
  /** Symbol information; defaults to a 24/7 UTC symbol (see defaultSymbolInfo). */
  syminfo?: SymbolInfo;
  /** Chart timeframe ("1", "60", "D"…); detected from the bar spacing when omitted. */
  timeframe?: string;
  /** Input overrides by title (or "input N"). */
  inputs?: Readonly<Record<string, InputOverride>>;
  limits?: RunLimits;
  onProgress?: (done: number, total: number) => void;
  /** Low-level hooks around each bar (indicators only; strategies use the broker's). */
  hooks?: BarHooks;
  /** Lower-timeframe bars for the strategy bar magnifier (use_bar_magnifier=true). */
  intrabars?: BarColumns;
  /** Overrides of strategy() settings (e.g. initialCapital). */
  strategy?: Partial<StrategySettings>;
  /** Bars (and symbol info) for request.security symbols other than the chart's, keyed by
   *  "PREFIX:TICKER" or ticker as the script writes it. */
  security?: Readonly<Record<string, SecurityData>>;
  /** Any other source of request.security bars (symbol × timeframe); takes precedence over `security`. */
  securityProvider?: DataProvider;
}

export interface StrategyResult {
  broker: Broker;
  /** TradingView "List of trades" rows (entry + exit per trade; open trades last, exit signal "Open"), built
   *  on first read. */
  trades: TradeListRow[];
  summary: PerformanceSummary;
}

export interface RunResult {
  barCount: number;
  elapsedMs: number;
  plots: PlotOutput[];
  hlines: HLineOutput[];
  fills: FillOutput[];
  colorSeries: ColorSeriesOutput[];
  alerts: AlertOutput[];
  alertConditions: AlertConditionOutput[];
  logs: LogEntry[];
  /** Resolved input values by key (title or "input N"). */
  inputs: Record<string, unknown>;
  /** Live drawing objects at the end of the run (line, label, box, table, linefill, polyline). */
  drawings: ReturnType<DrawingStore['snapshot']>;
  /** Strategy scripts only. */
  strategy: StrategyResult | null;
}

/**
 * The strategy part of a run's result. The List of Trades is built on first read and kept: it is two row
 * objects (with formatted times) per trade, larger than the run's other results together, and callers that
 * only want the summary or the broker's figures (optimisation passes, benchmarks) never pay for it. It is
 * an own enumerable accessor, so spreading or JSON-serialising the result still yields the rows.
 */
function strategyResult(broker: Broker): StrategyResult {
  let rows: TradeListRow[] | null = null;
  return {
    broker,
    get trades(): TradeListRow[] {
      return (rows ??= tradeList(broker));
    },
    set trades(value: TradeListRow[]) {
      rows = value;
    },
    summary: performanceSummary(broker),
  };
}

/** Runs a compiled program over the bars. Throws PineRuntimeError (with `line`) on runtime failures,
 *  PineLimitError when a limit is exceeded, InputError for invalid input overrides. */
export function run(program: CompiledProgram, bars: BarColumns, options: RunOptions = {}): RunResult {
  const syminfo = options.syminfo ?? defaultSymbolInfo();
  const settings = program.kind === 'strategy' ? strategySettings(program.declaration, program.version, options.strategy) : null;
  const driver = settings ? strategyDriver(settings, syminfo, bars, options.intrabars) : null;
  // request.security runs the script in other contexts: a strategy's orders there go to a throw-away broker.
  const contextExtras = settings ? (b: BarColumns, s: SymbolInfo) => ({ broker: strategyDriver(settings, s, b).broker }) : undefined;
  const ex = execute(program, {
    bars,
    syminfo,
    timeframe: options.timeframe,
    inputs: options.inputs,
    limits: options.limits,
    onProgress: options.onProgress,
    hooks: driver ? driver.hooks : options.hooks,
    contextExtras: driver ? { broker: driver.broker } : undefined,
    security: { data: options.security, provider: options.securityProvider, contextExtras },
  });
  let strategy: StrategyResult | null = null;
  if (driver) {
    driver.broker.finish();
    strategy = strategyResult(driver.broker);
  }
  const o = ex.outputs;
  const inputs: Record<string, unknown> = {};
  program.inputs.forEach((d, i) => (inputs[d.title ?? `input ${i + 1}`] = ex.inputValues[i]));
  return {
    barCount: ex.barCount,
    elapsedMs: ex.elapsedMs,
    plots: o.plots,
    hlines: o.hlines,
    fills: o.fills,
    colorSeries: o.colorSeries,
    alerts: o.alerts,
    alertConditions: o.alertConditions,
    logs: o.logs,
    inputs,
    drawings: ex.drawings.snapshot(),
    strategy,
  };
}

