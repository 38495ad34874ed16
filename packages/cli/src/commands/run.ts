// `pineback run SCRIPT.pine --data BARS.csv …`: compile, run on the bars, write outputs.
// Exit codes: 0 ok, 1 compile error (diagnostics on stderr), 2 bad arguments or data, 3 runtime error.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { compile, formatDiagnostics, InputError, run, tradeListCsv, type RunResult, type SymbolInfo } from '@pineback/pine';
import { DataError, dataTimeframe, parseTimeArg, readBarsCsv, sliceBars, toTimeframe } from '../bars-file.js';
import { barsFromStore, fileDataset, type StoreBars } from '../bars-from-store.js';
import { logsText, plotsCsv, summaryJson } from '../outputs-file.js';
import { startProgress } from '../progress.js';
import { securityProvider } from '../security-files.js';
import { LibraryDirError, libraryResolver } from '@pineback/server/library-dirs';
import { defaultSyminfo, parseSyminfo, SyminfoError, SYMINFO_DEFAULTS_TEXT } from '../syminfo-file.js';

export interface RunCommandOptions {
  /** Bars CSV; or --symbol (with --timeframe) to read them from the market-data store. */
  data?: string;
  symbol?: string;
  syminfo?: string;
  timeframe?: string;
  from?: string;
  to?: string;
  input: string[];
  security: string[];
  securitySyminfo: string[];
  /** Directories of Pine library sources for `import` (repeatable `--lib`). */
  lib?: string[];
  plots?: string;
  trades?: string;
  summary?: string;
  logs?: string;
  json?: boolean;
}

class UsageError extends Error {}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseInputs(list: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`--input "${item}": expected "Title=value"`);
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

function parsePairs(list: readonly string[], flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`${flag} "${item}": expected "SYMBOL=FILE"`);
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

function loadSyminfo(path: string | undefined, period: string): SymbolInfo {
  if (!path) return defaultSyminfo(period);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new DataError(`cannot read ${path}: ${(err as Error).message}`);
  }
  const s = parseSyminfo(text, path);
  return { ...s, period: s.period || period };
}

/** Runs the command; returns the process exit code. */
export async function runCommand(scriptPath: string, opts: RunCommandOptions, io = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const err = (msg: string) => io.stderr.write(msg.endsWith('\n') ? msg : msg + '\n');
  let source: string;
  let bars;
  let syminfo: SymbolInfo;
  let timeframe: string;
  let inputs: Record<string, string>;
  let intrabars;
  let dataset: StoreBars['dataset'] | undefined;
  let securitySource;
  let libraries;
  try {
    try {
      source = readFileSync(scriptPath, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read ${scriptPath}: ${(e as Error).message}`);
    }
    inputs = parseInputs(opts.input);
    if (opts.lib?.length) {
      try {
        libraries = libraryResolver(opts.lib);
      } catch (e) {
        throw e instanceof LibraryDirError ? new UsageError(`--lib: ${e.message}`) : e;
      }
    }
    // --security may repeat a symbol (one file per timeframe): keep every pair.
    const secFiles = opts.security.map((item) => ({ symbol: Object.keys(parsePairs([item], '--security'))[0]!, file: item.slice(item.indexOf('=') + 1) }));
    const secSym = parsePairs(opts.securitySyminfo, '--security-syminfo');
    for (const s of Object.keys(secSym)) if (!secFiles.some((f) => f.symbol === s)) throw new UsageError(`--security-syminfo ${s}: no --security ${s}=FILE given`);
    if (opts.data !== undefined && opts.symbol !== undefined) throw new UsageError('give either --data FILE or --symbol EXCHANGE:TICKER, not both');
    if (opts.data === undefined && opts.symbol === undefined) throw new UsageError('no bars: give --data FILE or --symbol EXCHANGE:TICKER (bars from the market-data store)');
    if (opts.symbol !== undefined) {
      const stored = await barsFromStore({
        symbol: opts.symbol,
        timeframe: opts.timeframe,
        from: opts.from ? parseTimeArg(opts.from, '--from') : undefined,
        to: opts.to ? parseTimeArg(opts.to, '--to') : undefined,
      });
      ({ bars, intrabars, timeframe, dataset } = stored);
      // The stored symbol's info is syminfo unless a file overrides it.
      syminfo = opts.syminfo ? { ...loadSyminfo(opts.syminfo, timeframe), period: timeframe } : stored.syminfo;
    } else {
      bars = readBarsCsv(opts.data!);
      const dataTf = dataTimeframe(bars);
      syminfo = loadSyminfo(opts.syminfo, dataTf);
      timeframe = syminfo.period || dataTf;
      if (opts.timeframe) {
        const r = toTimeframe(bars, opts.timeframe, syminfo);
        // The finer source bars feed the strategy bar magnifier (use_bar_magnifier=true).
        if (r.bars !== bars) intrabars = bars;
        bars = r.bars;
        timeframe = r.timeframe;
        syminfo = { ...syminfo, period: timeframe };
      }
      if (opts.from || opts.to) {
        const from = opts.from ? parseTimeArg(opts.from, '--from') : -Infinity;
        const to = opts.to ? parseTimeArg(opts.to, '--to') : Infinity;
        bars = sliceBars(bars, from, to);
      }
      if (bars.length === 0) throw new DataError(`${opts.data}: no bars to run on`);
      dataset = fileDataset(syminfo, timeframe, bars);
    }
    securitySource = securityProvider(secFiles, secSym, syminfo, (path, period) => loadSyminfo(path, period));
  } catch (e) {
    if (e instanceof UsageError || e instanceof DataError || e instanceof SyminfoError || e instanceof LibraryDirError) {
      err(`error: ${e.message}`);
      return 2;
    }
    throw e;
  }

  const compiled = compile(source, { libraries });
  const warnings = compiled.diagnostics.filter((d) => d.severity !== 'error');
  if (!compiled.ok || !compiled.program) {
    err(formatDiagnostics(source, scriptPath, compiled.diagnostics));
    return 1;
  }
  if (warnings.length) err(formatDiagnostics(source, scriptPath, warnings));

  const progress = startProgress(io.stderr, bars.length);
  let result: RunResult;
  try {
    const limits = { memoryProbe: () => process.memoryUsage().heapUsed, maxMemoryBytes: 2048 * 1048576 };
    result = run(compiled.program, bars, { syminfo, timeframe, inputs, intrabars, limits, securityProvider: securitySource, onProgress: progress?.update });
  } catch (e) {
    progress?.stop();
    if (e instanceof InputError) {
      err(`error: ${e.message}`);
      return 2;
    }
    const re = e as Error & { line?: number; bar?: number };
    const where = re.line !== undefined ? `${scriptPath}:${re.line}: ` : '';
    const bar = re.bar !== undefined ? ` (bar ${re.bar}, ${new Date(bars.time[re.bar] ?? NaN).toISOString()})` : '';
    err(`${where}runtime error: ${re.message}${bar}`);
    return 3;
  }
  progress?.stop();

  const strategyExtra = { ...(dataset ? { dataset } : {}), ...(result.strategy ? { strategy: result.strategy.summary } : {}) };
  if (opts.plots) writeFileSync(opts.plots, plotsCsv(bars, result));
  if (opts.logs) writeFileSync(opts.logs, logsText(result, syminfo.timezone));
  if (opts.summary) writeFileSync(opts.summary, summaryJson(result, strategyExtra));
  if (opts.trades) {
    if (!result.strategy) err('warning: --trades ignored: the script is not a strategy');
    else writeFileSync(opts.trades, tradeListCsv(result.strategy.trades, syminfo.currency));
  }
  if (opts.json) {
    io.stdout.write(
      JSON.stringify({
        bars: result.barCount,
        elapsedMs: result.elapsedMs,
        plots: Object.fromEntries(result.plots.map((p) => [p.title, Array.from(p.values, (v) => (v !== v ? null : v))])),
        logs: result.logs.map((l) => ({ time: l.time, level: l.level, message: l.message })),
        alerts: result.alerts,
        trades: result.strategy?.trades ?? null,
        summary: result.strategy?.summary ?? null,
        ...(dataset ? { dataset } : {}),
      }) + '\n',
    );
  } else {
    const rate = result.elapsedMs > 0 ? ` (${Math.round(result.barCount / (result.elapsedMs / 1000)).toLocaleString('en-US')} bars/s)` : '';
    io.stdout.write(`ran ${result.barCount} bars in ${result.elapsedMs} ms${rate}; ${result.plots.length} plots, ${result.logs.length} log lines`);
    if (result.strategy) io.stdout.write(`, ${result.strategy.broker.closedTrades.length} closed trades, net profit ${result.strategy.broker.netProfit.toFixed(2)}`);
    io.stdout.write('\n');
    if (!opts.logs) for (const l of result.logs) io.stdout.write(`[${new Date(l.time).toISOString()}]: ${l.message}\n`);
  }
  return 0;
}

export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('Run a Pine Script on bars from a CSV file or from the market-data store')
    .argument('<script>', 'Pine Script file (.pine)')
    .option('--data <file>', 'bars CSV: header with time,open,high,low,close[,volume] (any case; extra columns ignored); time as Unix s/ms or ISO-8601')
    .option('--symbol <EXCHANGE:TICKER>', 'instead of --data: bars from the market-data store (as for `pineback data`), resampled when only a finer timeframe is stored; the stored symbol info is syminfo unless --syminfo is given; --json/--summary then name the dataset (content hash)')
    .option('--syminfo <file>', `symbol info (.toml as in refdata/tradingview/syminfo, or .json with the same keys). ${SYMINFO_DEFAULTS_TEXT}`)
    .option('--timeframe <tf>', 'chart timeframe ("60", "D", "W"…); higher than the data aggregates the bars (the data bars then feed use_bar_magnifier)')
    .option('--from <time>', 'first bar time (Unix s/ms or ISO-8601)')
    .option('--to <time>', 'last bar time (Unix s/ms or ISO-8601)')
    .option('--input <title=value>', 'override an input by title (repeatable)', collect, [])
    .option('--security <symbol=file>', 'bars CSV for a request.security symbol, e.g. USI:ADVN.NY=advn.csv; repeatable, also per timeframe and for the chart\'s own symbol (SPY=spy_1d.csv)', collect, [])
    .option('--security-syminfo <symbol=file>', 'symbol info for a --security symbol (repeatable)', collect, [])
    .option('--lib <dir>', 'directory of Pine library sources (*.pine with library("Name") and a "// © author" header) that `import author/Name/version` resolves to; repeatable', collect, [])
    .option('--plots <file>', 'write plots CSV: time,open,high,low,close,<one column per plot title>')
    .option('--trades <file>', 'write the strategy List of trades CSV')
    .option('--summary <file>', 'write a JSON summary (strategy performance for strategies)')
    .option('--logs <file>', 'write log.* output as "[ISO time]: message" lines')
    .option('--json', 'print results as JSON on stdout')
    .addHelpText('after', '\nExit codes: 0 ok, 1 compile error, 2 bad arguments or data, 3 runtime error.')
    .action(async (script: string, opts: RunCommandOptions) => {
      process.exitCode = await runCommand(script, opts);
    });
}
