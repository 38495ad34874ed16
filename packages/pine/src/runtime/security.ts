// request.security / request.security_lower_tf at run time: the glue between the generated call sites
// and the security/ engine (see security/README.md, "Integration contract").
//
// Every script instance (the chart's, and one per requested context) owns a SecurityScope. A call
// site passes its slot, its arguments and its expression's value, evaluated in place in the instance
// that executes it. Resolved relative to the instance's host:
// * the request names the host itself → the value in place (a context run also captures it: that is
//   what its requester reads);
// * otherwise → the context is run (once, lazily: a fresh instance of the whole script over the
//   context's bars, outputs discarded) and the captured values are mapped onto the host's bars.
import type { BarColumns } from '../core/bars.js';
import type { RuntimeContext } from '../core/context.js';
import { PineLimitError, PineRuntimeError } from '../core/errors.js';
import type { SymbolInfo } from '../core/symbol.js';
import { SecurityEngine } from '../security/engine.js';
import type { DataProvider } from '../security/provider.js';
import type { SecurityContext } from '../security/resolve.js';
import { SecurityStore } from '../security/store.js';
import { decodeTickerId } from '../stdlib/ticker.js';
import { CurrentBar } from './bar-view.js';
import { attachDrawings } from './drawings.js';
import { Outputs } from './outputs.js';
import type { CompiledProgram, RuntimeEnv, ScriptFactory } from './program.js';
import { securityProvider } from './security-data.js';
import { slicedFactory, sliceOf, slotsServedWith } from './security-slice.js';
import { timeframeMs } from './timeframe.js';

/** Bars and symbol info the caller supplies for a request.security symbol (keyed by symbol). */
export interface SecurityData {
  bars: BarColumns;
  syminfo: SymbolInfo;
}

/** Where request.security finds data, as the executor receives it. */
export interface SecurityOptions {
  /** Bars per symbol ("PREFIX:TICKER" or ticker); the timeframe is `syminfo.period` or the bar spacing. */
  data?: Readonly<Record<string, SecurityData>>;
  /** Any other source (takes precedence over `data`). */
  provider?: DataProvider;
  /** Extra context fields for a context run (a throw-away broker for strategy scripts). */
  contextExtras?: (bars: BarColumns, syminfo: SymbolInfo) => Partial<RuntimeContext>;
}

/** What a call site last resolved to, and the mapped series it reads (for the last merge mode). */
interface SlotState {
  symbol: string;
  timeframe: string;
  ctx: SecurityContext | undefined;
  series: unknown[] | null;
  mode: number;
  /** request.security_lower_tf: the intrabar values of every host bar. */
  rows: unknown[][] | null;
}

/** Contexts running inside each other at most (deeper nested requests yield na). */
const MAX_NESTING = 3;

/** State shared by the chart instance and every context run of one script run. */
class SecurityRun {
  readonly running = new Set<string>();
  private store: SecurityStore | null = null;

  constructor(
    readonly program: CompiledProgram,
    readonly chartEnv: RuntimeEnv,
    readonly options: SecurityOptions,
  ) {}

  /** The chart's store (the engine is built on the first request: most scripts never make one). */
  chartStore(): SecurityStore {
    if (!this.store) {
      const ctx = this.chartEnv.ctx;
      const provider = this.options.provider ?? securityProvider(this.options.data ?? {});
      const engine = new SecurityEngine({ bars: this.chartEnv.bars, syminfo: ctx.syminfo, timeframe: ctx.timeframe }, { provider });
      this.store = new SecurityStore(engine);
    }
    return this.store;
  }

  /**
   * Runs the script over context `c` (outputs discarded), capturing the requests that name `c`: only the
   * top-level statements the `forced` slots depend on when the program says which (security-slice.ts),
   * else the whole script.
   */
  runContext(c: SecurityContext, parent: SecurityStore, forced: ReadonlySet<number>): void {
    const slice = sliceOf(this.program, forced);
    if (!slice) return this.runInstance(this.program.factory, c, parent, forced, false);
    try {
      this.runInstance(slicedFactory(this.program, slice), c, parent, forced, true);
    } catch (err) {
      // A statement the slice left out was needed after all (the analysis is by name and should keep
      // every writer, but never trade a result for speed): run the whole script instead.
      if (!(err instanceof ReferenceError)) throw err;
      this.runInstance(this.program.factory, c, parent, forced, false);
    }
  }

  private runInstance(factory: ScriptFactory, c: SecurityContext, parent: SecurityStore, forced: ReadonlySet<number>, sliced: boolean): void {
    const chart = this.chartEnv.ctx;
    const bars = c.bars;
    const current = new CurrentBar(bars, c.syminfo, timeframeMs(c.timeframe));
    const ctx: RuntimeContext = {
      bar: 0,
      bars,
      current,
      syminfo: c.syminfo,
      timeframe: c.timeframe,
      chartTimeframe: chart.chartTimeframe ?? chart.timeframe,
      log: () => undefined,
      ...this.options.contextExtras?.(bars, c.syminfo),
    };
    attachDrawings(ctx);
    const outputs = new Outputs(bars.length);
    const base = this.chartEnv;
    const env: RuntimeEnv = {
      ctx,
      bars,
      guard: base.guard,
      outputs,
      plots: this.program.plots.map((d) => outputs.addPlot(d)),
      inputs: base.inputs,
      impls: contextImpls(this.program, base.impls),
      maxBarsBack: base.maxBarsBack,
      security: null,
    };
    env.security = new SecurityScope(this, parent.nested(c), c, forced);
    this.running.add(c.key);
    const instance = factory(env);
    try {
      if (instance.runBars) instance.runBars(0, bars.length, current);
      else
        for (let i = 0; i < bars.length; i++) {
          ctx.bar = i;
          current.load(i);
          instance.step(i);
        }
    } catch (err) {
      if (sliced && err instanceof ReferenceError) throw err;
      const e = err instanceof PineRuntimeError ? err : new PineRuntimeError(err instanceof Error ? err.message : String(err));
      if (e.line === undefined) e.line = instance.line();
      if (!e.message.includes('(in request.security context')) e.message += ` (in request.security context ${c.key})`;
      // Limits stop the whole run. Other errors stop only this context: code that fails only in this
      // context (e.g. parsing timeframe.period) must not fail the chart. Values captured so far stay;
      // later context bars read na. The chart's logs say so.
      if (e instanceof PineLimitError) throw e;
      chart.log('warning', `request.security context ${c.key} stopped at its bar ${ctx.bar} (line ${e.line}): ${e.message}`);
    } finally {
      this.running.delete(c.key);
    }
  }
}

/** Table cell writers: nothing can read a cell back, so in a context run (outputs discarded) they do nothing. */
const UNOBSERVABLE = /^table\.(cell|cell_set_\w+|merge_cells|clear)(#\d+)?$/;
const contextImplsCache = new WeakMap<CompiledProgram, unknown[]>();

/** The built-ins of a context run: the program's, with writes nothing in a context can observe made no-ops. */
function contextImpls(program: CompiledProgram, impls: unknown[]): unknown[] {
  let out = contextImplsCache.get(program);
  if (!out || out.length !== impls.length) {
    out = impls.map((e, i) => (UNOBSERVABLE.test(program.builtinKeys[i] ?? '') ? { ...(e as object), impl: () => undefined } : e));
    contextImplsCache.set(program, out);
  }
  return out;
}

function isOn(v: unknown): boolean {
  return v === true || v === 'on' || v === 'barmerge.gaps_on' || v === 'barmerge.lookahead_on';
}

/** The request.security entry points of one script instance (the object generated code calls). */
export class SecurityScope {
  private readonly lastArgs: SlotState[] = [];
  /** Per slot, the last bar on which a call naming this context itself was captured. */
  private readonly hostBar: number[] = [];

  constructor(
    private readonly run: SecurityRun,
    private storeRef: SecurityStore | null,
    /** The context this instance runs in (null: the chart). */
    private readonly self: SecurityContext | null,
    /** The slot this context run was started for: captured in place even when its arguments do not name `self`. */
    private readonly forced: ReadonlySet<number>,
  ) {}

  private get store(): SecurityStore {
    return (this.storeRef ??= this.run.chartStore());
  }

  private resolve(slot: number, symbol: unknown, timeframe: unknown, ignoreInvalid: unknown, calcBarsCount: unknown): SecurityContext | undefined {
    const raw = typeof symbol === 'string' ? symbol : '';
    const tf = typeof timeframe === 'string' ? timeframe : '';
    const last = this.lastArgs[slot];
    if (last && last.symbol === raw && last.timeframe === tf) return last.ctx;
    const ctx = this.resolveNew(raw, tf, ignoreInvalid);
    // calc_bars_count: the expression sees only the last N bars of the context, as if no others existed.
    const count = typeof calcBarsCount === 'number' && calcBarsCount > 0 ? Math.floor(calcBarsCount) : 0;
    const served = ctx && count > 0 ? this.store.engine.lastBars(ctx, count) : ctx;
    this.lastArgs[slot] = { symbol: raw, timeframe: tf, ctx: served, series: null, mode: 0, rows: null };
    return served;
  }

  private resolveNew(raw: string, tf: string, ignoreInvalid: unknown): SecurityContext | undefined {
    // ticker.new/modify ids carry modifiers (session, adjustment, chart type) we do not model: the symbol serves.
    const sym = raw.startsWith('=') ? decodeTickerId(raw).symbol : raw;
    const engine = this.store.engine;
    // Inside a context run (the whole script where a slot cannot be sliced, else the expression's
    // dependencies), a request that cannot be served (no data, or arguments such as timeframe.period that
    // grow with every nesting level) yields na instead of failing the run.
    const lenient = ignoreInvalid === true || this.self !== null;
    return lenient ? engine.tryResolve(sym, tf) : engine.resolve(sym, tf);
  }

  /** Whether the value is computed right here (and captured when this instance is a context run). */
  private inPlace(slot: number, c: SecurityContext, value: unknown, na: unknown, bar: number): boolean {
    if (this.store.engine.isHost(c)) {
      if (this.self) {
        this.store.capture(slot, this.self, bar, value, na);
        this.hostBar[slot] = bar;
      }
      return true;
    }
    if (!this.forced.has(slot)) return false;
    // The slot this context was run for, with arguments that (evaluated inside the context, e.g. from
    // timeframe.period) do not name it: TradingView evaluates the expression here all the same. A call
    // of the same slot that does name the context on this bar (a loop over symbols) takes precedence.
    if (this.self && this.hostBar[slot] !== bar) this.store.capture(slot, this.self, bar, value, na);
    return true;
  }

  /** Makes sure context `c` has captured `slot`; false for a cycle (the context is already running). */
  private ensure(slot: number, c: SecurityContext, na: unknown): boolean {
    const store = this.store;
    if (store.has(slot, c)) return true;
    if (this.run.running.has(c.key) || this.run.running.size >= MAX_NESTING) return false;
    // The calls written with the same fixed arguments name `c` too: one run serves them all.
    const served = slotsServedWith(this.run.program, slot).filter((s) => s === slot || !store.has(s, c));
    this.run.runContext(c, store, new Set(served));
    if (!store.has(slot, c)) store.capture(slot, c, 0, na, na); // the call never ran in the context
    return true;
  }

  /**
   * Whether a call with fixed arguments must evaluate its expression in this instance (generated code
   * reads the context's value with fetch/fetchIntrabars otherwise). Always true for a program without
   * slicing data: its calls evaluate the expression everywhere, as before.
   */
  wants(slot: number, symbol: unknown, timeframe: unknown, ignoreInvalid: unknown, calcBarsCount: unknown, inner: number): boolean {
    if (!this.run.program.security) return true;
    const c = this.resolve(slot, symbol, timeframe, ignoreInvalid, calcBarsCount);
    if (c !== undefined && (this.forced.has(slot) || this.store.engine.isHost(c))) return true;
    // A request inside the expression that this context run is for.
    for (let s = inner; s < slot; s++) if (this.forced.has(s)) return true;
    return false;
  }

  security(slot: number, symbol: unknown, timeframe: unknown, gaps: unknown, lookahead: unknown, ignoreInvalid: unknown, calcBarsCount: unknown, value: unknown, na: unknown, bar: number): unknown {
    const c = this.resolve(slot, symbol, timeframe, ignoreInvalid, calcBarsCount);
    if (!c) return na;
    if (this.inPlace(slot, c, value, na, bar)) return value;
    return this.read(slot, c, gaps, lookahead, na, bar);
  }

  /** request.security when wants() said no: the context named by the arguments wants() resolved. */
  fetch(slot: number, gaps: unknown, lookahead: unknown, na: unknown, bar: number): unknown {
    const c = this.lastArgs[slot]?.ctx;
    return c ? this.read(slot, c, gaps, lookahead, na, bar) : na;
  }

  /** The mapped value on host bar `bar`; the series is kept per slot, so a bar costs one array read. */
  private read(slot: number, c: SecurityContext, gaps: unknown, lookahead: unknown, na: unknown, bar: number): unknown {
    const st = this.lastArgs[slot]!;
    const mode = (isOn(gaps) ? 1 : 0) | (isOn(lookahead) ? 2 : 0);
    if (st.series !== null && st.mode === mode) return st.series[bar];
    if (!this.ensure(slot, c, na)) return na;
    st.series = this.store.series(slot, c, { gaps: (mode & 1) !== 0, lookahead: (mode & 2) !== 0 });
    st.mode = mode;
    return st.series[bar];
  }

  /** request.security_lower_tf; `tuple` > 0: the expression is a tuple of that size (→ a tuple of arrays). */
  lowerTf(slot: number, symbol: unknown, timeframe: unknown, ignoreInvalid: unknown, calcBarsCount: unknown, value: unknown, na: unknown, tuple: number, bar: number): unknown {
    const c = this.resolve(slot, symbol, timeframe, ignoreInvalid, calcBarsCount);
    let rows: unknown[];
    if (!c) rows = [];
    else if (this.inPlace(slot, c, value, na, bar)) rows = [value];
    else rows = this.intrabars(slot, c, na, bar);
    return tupleOfArrays(rows, na, tuple);
  }

  /** request.security_lower_tf when wants() said no. */
  fetchIntrabars(slot: number, na: unknown, tuple: number, bar: number): unknown {
    const c = this.lastArgs[slot]?.ctx;
    return tupleOfArrays(c ? this.intrabars(slot, c, na, bar) : [], na, tuple);
  }

  private intrabars(slot: number, c: SecurityContext, na: unknown, bar: number): unknown[] {
    const st = this.lastArgs[slot]!;
    if (st.rows === null) {
      if (!this.ensure(slot, c, na)) return [];
      st.rows = this.store.intrabarRows(slot, c);
    }
    // Pine arrays are mutable objects owned by the script: never hand out the cached row.
    return st.rows[bar]!.slice();
  }
}

/** The intrabar values of a host bar; for a tuple expression (`tuple` elements) a tuple of arrays. */
function tupleOfArrays(rows: unknown[], na: unknown, tuple: number): unknown {
  if (tuple === 0) return rows;
  return Array.from({ length: tuple }, (_, k) => rows.map((r) => (r as unknown[] | null)?.[k] ?? (na as unknown[])[k]));
}

/** Gives the chart instance its request.security scope (before the script's factory runs). */
export function attachSecurity(program: CompiledProgram, env: RuntimeEnv, options: SecurityOptions = {}): void {
  env.security = new SecurityScope(new SecurityRun(program, env, options), null, null, new Set());
}
