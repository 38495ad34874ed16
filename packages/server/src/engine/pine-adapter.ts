// ScriptEngine backed by packages/pine: compile() for diagnostics and inputs, and
// run() with the strategy broker for backtests. Pine's outputs are mapped to the service's result
// shapes here and nowhere else. Pure computation: used inside job worker threads.
//
// Library imports resolve against the library sources the engine is created with (plain strings, read
// from the configured `libraryDirs` by library-dirs.ts on the executor's thread and handed to job
// threads with each job). A script importing a library that is not there gets an error diagnostic at
// its import statement.
import { createHash } from 'node:crypto';
import {
  compile, computeLineStarts, lineColumnFromStarts, run, SourceLibraryResolver,
  type BarColumns, type CompiledProgram, type Diagnostic as PineDiagnostic, type InputDecl, type PerformanceSummary,
  type SideSummary, type StrategySettings as PineStrategySettings, type TradeListRow,
} from '@pineback/pine';
import { chartOutputs, orNull, points } from './chart-outputs.js';
import {
  ScriptError, type BacktestRunRequest, type BacktestRunResult, type Diagnostic, type InputSpec, type MetricRow,
  type ScriptEngine, type StrategySettings, type TradeRecord,
} from './types.js';

function toDiagnostic(d: PineDiagnostic, lineStarts: readonly number[], sourceLength: number): Diagnostic {
  const end = lineColumnFromStarts(lineStarts, Math.min(d.span.end, sourceLength));
  return { severity: d.severity, message: d.message, line: d.line, column: d.column, endLine: end.line, endColumn: end.column, ...(d.code ? { code: d.code } : {}) };
}

interface Analysis {
  diagnostics: Diagnostic[];
  program: CompiledProgram | null;
}

/**
 * Analyses by source, per thread: the analysis is a pure function of the source, and a burst of
 * submissions of one script (or an optimisation) should not parse, check and compile it every time.
 */
const analyses = new Map<string, Analysis>();

/** The libraries an engine links against; `key` tells engines with different library sets apart in the caches. */
interface Libraries {
  readonly resolver: SourceLibraryResolver;
  readonly key: string;
}

function libraries(sources: readonly string[]): Libraries {
  const key = sources.length === 0 ? '' : createHash('sha256').update(sources.join('\0')).digest('hex');
  return { resolver: new SourceLibraryResolver(sources), key };
}

function analyse(source: string, libs: Libraries): Analysis {
  const cacheKey = `${libs.key}\0${source}`;
  let a = analyses.get(cacheKey);
  if (a) return a;
  a = analyseUncached(source, libs);
  if (analyses.size >= 32) analyses.delete(analyses.keys().next().value!);
  analyses.set(cacheKey, a);
  return a;
}

/** Parser, linker, checker and code-generator diagnostics, sorted by position, plus the program when it
 *  compiles. compile() stops at the first stage with an error (type errors on top of syntax errors would
 *  mostly be noise from error recovery) and returns every diagnostic up to there, so one call gives both. */
function analyseUncached(source: string, libs: Libraries): Analysis {
  const lineStarts = computeLineStarts(source);
  const c = compile(source, { libraries: libs.resolver });
  const raw = [...c.diagnostics].sort((a, b) => a.span.start - b.span.start);
  return { diagnostics: raw.map((d) => toDiagnostic(d, lineStarts, source.length)), program: c.ok ? c.program : null };
}

export function inputSpec(d: InputDecl, index: number): InputSpec {
  const id = d.title ?? `input ${index + 1}`;
  const spec: InputSpec = { id, title: d.title ?? id, type: d.kind, default: d.defval };
  if (d.minval !== undefined) spec.min = d.minval;
  if (d.maxval !== undefined) spec.max = d.maxval;
  if (d.step !== undefined) spec.step = d.step;
  if (d.enumMembers) spec.options = d.enumMembers.map((m) => m.name);
  else if (d.options) spec.options = [...d.options];
  if (d.group !== undefined) spec.group = d.group;
  if (d.tooltip !== undefined) spec.tooltip = d.tooltip;
  return spec;
}

function strategyOverrides(s: StrategySettings): Partial<PineStrategySettings> {
  const o: Partial<PineStrategySettings> = {};
  if (s.initialCapital !== undefined) o.initialCapital = s.initialCapital;
  if (s.orderSize) {
    o.defaultQtyType = s.orderSize.type;
    o.defaultQtyValue = s.orderSize.value;
  }
  if (s.commission) {
    o.commissionType = s.commission.type;
    o.commissionValue = s.commission.value;
  }
  if (s.slippageTicks !== undefined) o.slippage = s.slippageTicks;
  if (s.magnifier !== undefined) o.useBarMagnifier = s.magnifier;
  if (s.pyramiding !== undefined) o.pyramiding = s.pyramiding;
  if (s.currency !== undefined) o.currency = s.currency;
  return o;
}


const label = (key: string): string => key.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase()).replace(/ Percent$/, ' %');

const UNITS: [RegExp, MetricRow['unit']][] = [
  [/Percent$|^percentProfitable$/, 'percent'],
  [/^(number|total)|Trades$|^marginCalls$|^maxContractsHeld$/, 'count'],
  [/^avgBars/, 'bars'],
  [/Ratio$|Factor$|^ratio/, 'ratio'],
];
const unitOf = (key: string): MetricRow['unit'] => UNITS.find(([re]) => re.test(key))?.[1] ?? 'currency';

/** The Performance Summary as a metric grid (all / long / short) and a flat summary of headline values. */
export function metricsOf(p: PerformanceSummary): { metrics: MetricRow[]; summary: Record<string, number | null> } {
  const metrics: MetricRow[] = [];
  const summary: Record<string, number | null> = {};
  for (const key of Object.keys(p.all) as (keyof SideSummary)[]) {
    metrics.push({ key, label: label(key), all: orNull(p.all[key]), long: orNull(p.long[key]), short: orNull(p.short[key]), unit: unitOf(key) });
    summary[key] = orNull(p.all[key]);
  }
  for (const key of ['initialCapital', 'openPnl', 'openPnlPercent', 'maxRunup', 'maxRunupPercent', 'maxDrawdown', 'maxDrawdownPercent', 'buyAndHoldReturn', 'buyAndHoldReturnPercent', 'sharpeRatio', 'sortinoRatio', 'marginCalls'] as const) {
    metrics.push({ key, label: label(key), all: orNull(p[key]), long: null, short: null, unit: unitOf(key) });
    summary[key] = orNull(p[key]);
  }
  return { metrics, summary };
}

/** Pairs the List of Trades' entry and exit rows into one record per trade. */
export function tradesOf(rows: readonly TradeListRow[]): TradeRecord[] {
  const byNo = new Map<number, { entry?: TradeListRow; exit?: TradeListRow }>();
  for (const r of rows) {
    const t = byNo.get(r.tradeNo) ?? {};
    if (r.type.startsWith('Entry')) t.entry = r;
    else t.exit = r;
    byNo.set(r.tradeNo, t);
  }
  const out: TradeRecord[] = [];
  for (const [no, { entry, exit }] of [...byNo].sort((a, b) => a[0] - b[0])) {
    const e = entry ?? exit!;
    out.push({
      id: no,
      direction: e.type.endsWith('long') ? 'long' : 'short',
      entryTime: entry?.time ?? NaN, entryPrice: entry?.price ?? NaN, entrySignal: entry?.signal ?? '',
      exitTime: exit ? exit.time : null, exitPrice: exit ? exit.price : null, exitSignal: exit ? exit.signal : null,
      qty: e.qty, profit: e.netPnl, profitPercent: e.netPnlPercent, runUp: e.runup, runUpPercent: e.runupPercent,
      drawdown: e.drawdown, drawdownPercent: e.drawdownPercent, cumulativeProfit: e.cumulativePnl, cumulativeProfitPercent: e.cumulativePnlPercent,
    });
  }
  return out;
}

/** Compiled programs by source (and library set), per thread: an optimisation compiles its script once. */
const programs = new Map<string, CompiledProgram>();

function program(source: string, libs: Libraries): CompiledProgram {
  const cacheKey = `${libs.key}\0${source}`;
  let p = programs.get(cacheKey);
  if (p) return p;
  const a = analyse(source, libs);
  if (!a.program) {
    const first = a.diagnostics.find((d) => d.severity === 'error');
    throw new ScriptError(first ? `the script does not compile: ${first.line}:${first.column}: ${first.message}` : 'the script does not compile', a.diagnostics);
  }
  p = a.program;
  if (programs.size > 16) programs.clear();
  programs.set(cacheKey, p);
  return p;
}

export interface PineEngineOptions {
  /** Pine library sources that `import user/Name/version` resolves to (see library-dirs.ts). */
  librarySources?: readonly string[];
}

export function createPineEngine(options: PineEngineOptions = {}): ScriptEngine {
  const libs = libraries(options.librarySources ?? []);
  return {
    librariesKey: libs.key,
    async validateScript(source) {
      return [...analyse(source, libs).diagnostics];
    },
    async extractInputs(source) {
      const p = analyse(source, libs).program;
      return p ? p.inputs.map(inputSpec) : [];
    },
    async runBacktest(req: BacktestRunRequest, onProgress, signal): Promise<BacktestRunResult> {
      const prog = program(req.source, libs);
      if (prog.kind !== 'strategy') throw new ScriptError('the script is not a strategy: backtests need strategy(...)');
      let lastPct = -1;
      const out = (() => {
        try {
          return run(prog, req.bars as BarColumns, {
            syminfo: req.symbolInfo,
            timeframe: req.timeframe,
            inputs: req.inputs as Record<string, string | number | boolean>,
            limits: { maxLoopIterations: req.limits.maxLoopIterations },
            intrabars: req.intrabars,
            strategy: strategyOverrides(req.settings),
            onProgress: (done, total) => {
              const pct = Math.floor((done / Math.max(1, total)) * 100);
              if (pct !== lastPct) {
                lastPct = pct;
                onProgress(pct);
              }
            },
          });
        } catch (err) {
          // Runtime, limit and input errors are the script's (or the request's) fault: not retried.
          if (err instanceof Error && ['PineRuntimeError', 'PineLimitError', 'InputError'].includes(err.name)) {
            const line = (err as { line?: number }).line;
            throw new ScriptError(line ? `line ${line}: ${err.message}` : err.message);
          }
          throw err;
        }
      })();
      if (signal.aborted) throw Object.assign(new Error('cancelled'), { name: 'AbortError' });
      const strat = out.strategy!;
      const { metrics, summary } = metricsOf(strat.summary);
      const s = strat.broker.series;
      const warnings = out.logs.filter((l) => l.level === 'warning').map((l) => l.message);
      const currency = strat.broker.settings.currency || req.symbolInfo.currency;
      if (req.summaryOnly) return { summary, metrics, trades: [], equity: [], drawdown: [], plots: [], warnings, currency };
      return {
        summary,
        metrics,
        trades: tradesOf(strat.trades),
        equity: points(s.time, s.equity),
        drawdown: points(s.time, s.drawdown),
        ...chartOutputs(out, req.bars.time),
        warnings,
        currency,
      };
    },
  };
}
