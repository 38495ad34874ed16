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
import type { CompiledProgram, RuntimeEnv } from './program.js';
import { securityProvider } from './security-data.js';
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

  /** Runs the whole script over context `c` (outputs discarded), capturing the requests that name `c`. */
  runContext(c: SecurityContext, parent: SecurityStore, forced: ReadonlySet<number>): void {
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
      impls: base.impls,
      maxBarsBack: base.maxBarsBack,
      security: null,
    };
    env.security = new SecurityScope(this, parent.nested(c), c, forced);
    this.running.add(c.key);
    const instance = this.program.factory(env);
    try {
      if (instance.runBars) instance.runBars(0, bars.length, current);
      else
        for (let i = 0; i < bars.length; i++) {
          ctx.bar = i;
          current.load(i);
          instance.step(i);
        }
    } catch (err) {
      const e = err instanceof PineRuntimeError ? err : new PineRuntimeError(err instanceof Error ? err.message : String(err));
      if (e.line === undefined) e.line = instance.line();
      if (!e.message.includes('(in request.security context')) e.message += ` (in request.security context ${c.key})`;
      // Limits stop the whole run. Other errors stop only this context: the whole script runs here, while
      // TradingView evaluates just the requested expression's dependencies, so code that fails only in
      // this context (e.g. parsing timeframe.period) must not fail the chart. Values captured so far stay;
      // later context bars read na. The chart's logs say so.
      if (e instanceof PineLimitError) throw e;
      chart.log('warning', `request.security context ${c.key} stopped at its bar ${ctx.bar} (line ${e.line}): ${e.message}`);
    } finally {
      this.running.delete(c.key);
    }
  }
}

function isOn(v: unknown): boolean {
  return v === true || v === 'on' || v === 'barmerge.gaps_on' || v === 'barmerge.lookahead_on';
}

/** The request.security entry points of one script instance (the object generated code calls). */
export class SecurityScope {
  private readonly lastArgs: { symbol: string; timeframe: string; ctx: SecurityContext | undefined }[] = [];
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

  private resolve(slot: number, symbol: unknown, timeframe: unknown, ignoreInvalid: unknown): SecurityContext | undefined {
    const raw = typeof symbol === 'string' ? symbol : '';
    const tf = typeof timeframe === 'string' ? timeframe : '';
    const last = this.lastArgs[slot];
    if (last && last.symbol === raw && last.timeframe === tf) return last.ctx;
    // ticker.new/modify ids carry modifiers (session, adjustment, chart type) we do not model: the symbol serves.
    const sym = raw.startsWith('=') ? decodeTickerId(raw).symbol : raw;
    const engine = this.store.engine;
    // Inside a context run the whole script executes, not only the requested expression's dependencies
    // as on TradingView: a request there that cannot be served (no data, or arguments such as
    // timeframe.period that grow with every nesting level) yields na instead of failing the run.
    const lenient = ignoreInvalid === true || this.self !== null;
    const ctx = lenient ? engine.tryResolve(sym, tf) : engine.resolve(sym, tf);
    this.lastArgs[slot] = { symbol: raw, timeframe: tf, ctx };
    return ctx;
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
    this.run.runContext(c, store, new Set([slot]));
    if (!store.has(slot, c)) store.capture(slot, c, 0, na, na); // the call never ran in the context
    return true;
  }

  security(slot: number, symbol: unknown, timeframe: unknown, gaps: unknown, lookahead: unknown, ignoreInvalid: unknown, value: unknown, na: unknown, bar: number): unknown {
    const c = this.resolve(slot, symbol, timeframe, ignoreInvalid);
    if (!c) return na;
    if (this.inPlace(slot, c, value, na, bar)) return value;
    if (!this.ensure(slot, c, na)) return na;
    return this.store.read(slot, c, bar, { gaps: isOn(gaps), lookahead: isOn(lookahead) });
  }

  /** request.security_lower_tf; `tuple` > 0: the expression is a tuple of that size (→ a tuple of arrays). */
  lowerTf(slot: number, symbol: unknown, timeframe: unknown, ignoreInvalid: unknown, value: unknown, na: unknown, tuple: number, bar: number): unknown {
    const c = this.resolve(slot, symbol, timeframe, ignoreInvalid);
    let rows: unknown[];
    if (!c) rows = [];
    else if (this.inPlace(slot, c, value, na, bar)) rows = [value];
    else if (!this.ensure(slot, c, na)) rows = [];
    else rows = this.store.readIntrabars(slot, c, bar);
    if (tuple === 0) return rows;
    return Array.from({ length: tuple }, (_, k) => rows.map((r) => (r as unknown[] | null)?.[k] ?? (na as unknown[])[k]));
  }
}

/** Gives the chart instance its request.security scope (before the script's factory runs). */
export function attachSecurity(program: CompiledProgram, env: RuntimeEnv, options: SecurityOptions = {}): void {
  env.security = new SecurityScope(new SecurityRun(program, env, options), null, null, new Set());
}
