// The request.security engine the runtime drives: resolves requested contexts against a host series
// (the chart, or — for nested requests — an enclosing context), and maps each context's per-bar
// expression values onto the host's bars. One engine per host; nested engines share the context cache.
// See README.md for the integration contract.
import type { BarColumns } from '../core/bars.js';
import type { SymbolInfo } from '../core/symbol.js';
import { inSeconds, normalizeTimeframe } from '../stdlib/timeframe.js';
import { alignHigher, alignLower, intrabarRanges, type Alignment, type Intrabars } from './align.js';
import { mapIntrabarArrays, mapNumbers, mapValues } from './map-values.js';
import type { DataProvider } from './provider.js';
import { contextKey, namesSymbol, resolveContext, tickerIdOf, type SecurityContext, type SeriesSource } from './resolve.js';
import { barCloseTimes } from './schedule.js';

export interface HostSeries {
  bars: BarColumns;
  syminfo: SymbolInfo;
  /** Timeframe of the host bars in Pine notation. */
  timeframe: string;
  /** Scheduled closes; computed from the trading schedule when omitted. */
  closeTime?: Float64Array;
}

export interface SecurityEngineOptions {
  provider?: DataProvider;
  /**
   * Treat the host's last bar as a realtime bar: with lookahead_off it then sees the still-forming
   * higher-timeframe value (TradingView's repainting realtime behaviour). Default false: a backtest is
   * all history, so a period still forming at the end of the data never shows with lookahead_off.
   */
  lastBarRealtime?: boolean;
}

export interface MergeOptions {
  /** barmerge.gaps_on (true) / gaps_off (false, default). */
  gaps?: boolean;
  /** barmerge.lookahead_on (true) / lookahead_off (false, default). */
  lookahead?: boolean;
}

export type Relation = 'higher' | 'same' | 'lower';

interface SharedCache {
  contexts: Map<string, SecurityContext>;
  /** The chart series (the outermost host), so nested requests for the chart symbol can use its bars. */
  chart?: SeriesSource;
}

export class SecurityEngine {
  readonly host: SeriesSource;
  private readonly alignments = new Map<string, Alignment>();
  private readonly intrabarCache = new Map<string, Intrabars>();
  private readonly ownContexts = new Map<string, SecurityContext>();
  private readonly realtimeFrom: number;

  constructor(
    host: HostSeries,
    private readonly options: SecurityEngineOptions = {},
    private readonly shared: SharedCache = { contexts: new Map() },
  ) {
    const timeframe = normalizeTimeframe(host.timeframe);
    const syminfo = host.syminfo.period === timeframe ? host.syminfo : { ...host.syminfo, period: timeframe };
    this.host = { bars: host.bars, syminfo, timeframe, closeTime: host.closeTime ?? barCloseTimes(host.bars, syminfo, timeframe) };
    this.realtimeFrom = options.lastBarRealtime ? Math.max(0, host.bars.length - 1) : host.bars.length;
    this.shared.chart ??= this.host;
  }

  /** The (symbol, timeframe) context a request names; throws PineRuntimeError when there is no data. */
  resolve(symbol: string, timeframe: string): SecurityContext {
    const local = this.shared.chart && this.shared.chart !== this.host ? [this.host, this.shared.chart] : [this.host];
    const tf = timeframe.trim() === '' ? this.host.timeframe : normalizeTimeframe(timeframe);
    const named = local.find((s) => namesSymbol(symbol, s.syminfo));
    const key = contextKey(named ? tickerIdOf(named.syminfo) : symbol.trim(), tf);
    let ctx = this.shared.contexts.get(key) ?? this.ownContexts.get(key);
    if (!ctx) {
      ctx = resolveContext(local, this.options.provider, symbol, timeframe);
      // The host itself is cached per engine only: a nested engine's host differs from the chart.
      (ctx.origin === 'host' ? this.ownContexts : this.shared.contexts).set(key, ctx);
    }
    return ctx;
  }

  /**
   * request.security's calc_bars_count: context `ctx` reduced to its last `count` bars (the expression
   * is calculated as if they were the only data; host bars before the first of them see none). The
   * context itself when it has no more bars than that.
   */
  lastBars(ctx: SecurityContext, count: number): SecurityContext {
    const n = ctx.bars.length;
    if (count >= n) return ctx;
    const key = `${ctx.key}|last ${count}`;
    let c = this.shared.contexts.get(key);
    if (!c) {
      const from = n - count;
      const b = ctx.bars;
      const bars = {
        length: count,
        time: b.time.subarray(from),
        open: b.open.subarray(from),
        high: b.high.subarray(from),
        low: b.low.subarray(from),
        close: b.close.subarray(from),
        volume: b.volume.subarray(from),
      };
      c = { ...ctx, key, bars, closeTime: ctx.closeTime.subarray(from), aggregation: undefined };
      this.shared.contexts.set(key, c);
    }
    return c;
  }

  /** Like resolve, but undefined instead of an error (ignore_invalid_symbol = true). */
  tryResolve(symbol: string, timeframe: string): SecurityContext | undefined {
    try {
      return this.resolve(symbol, timeframe);
    } catch {
      return undefined;
    }
  }

  /** Whether the context is the host itself (the request's expression can be evaluated in place). */
  isHost(ctx: SecurityContext): boolean {
    return ctx.bars === this.host.bars && ctx.timeframe === this.host.timeframe;
  }

  relation(ctx: SecurityContext): Relation {
    const c = inSeconds(ctx.timeframe);
    const h = inSeconds(this.host.timeframe);
    if (c === h) return 'same';
    return c > h ? 'higher' : 'lower';
  }

  /** Which context bar each host bar sees (cached per context and lookahead). */
  alignment(ctx: SecurityContext, lookahead = false): Alignment {
    const key = `${ctx.key}|${lookahead ? 1 : 0}`;
    let a = this.alignments.get(key);
    if (!a) {
      const host = { length: this.host.bars.length, time: this.host.bars.time, closeTime: this.host.closeTime };
      if (this.relation(ctx) === 'lower') a = alignLower(this.intrabars(ctx), lookahead, ctx.bars.length);
      else a = alignHigher(host, { length: ctx.bars.length, time: ctx.bars.time, closeTime: ctx.closeTime }, lookahead, this.realtimeFrom);
      this.alignments.set(key, a);
    }
    return a;
  }

  /** The context bars inside each host bar (for lower timeframes). */
  intrabars(ctx: SecurityContext): Intrabars {
    let r = this.intrabarCache.get(ctx.key);
    if (!r) {
      r = intrabarRanges(
        { length: this.host.bars.length, time: this.host.bars.time, closeTime: this.host.closeTime },
        { length: ctx.bars.length, time: ctx.bars.time, closeTime: ctx.closeTime },
      );
      this.intrabarCache.set(ctx.key, r);
    }
    return r;
  }

  /** The host bars inside each context bar (opening in its [open, close)): which chart bars an HTF bar spans. */
  hostBarsOf(ctx: SecurityContext): Intrabars {
    return intrabarRanges(
      { length: ctx.bars.length, time: ctx.bars.time, closeTime: ctx.closeTime },
      { length: this.host.bars.length, time: this.host.bars.time, closeTime: this.host.closeTime },
    );
  }

  /** request.security for a numeric expression: the host-bar series (na = NaN). */
  mapNumbers(ctx: SecurityContext, values: ArrayLike<number>, opts: MergeOptions = {}): Float64Array {
    return mapNumbers(values, this.alignment(ctx, opts.lookahead ?? false), opts.gaps ?? false);
  }

  /** request.security for any expression type; `na` is the type's na (null, NaN, or false for bool). */
  map<T>(ctx: SecurityContext, values: ArrayLike<T>, na: T, opts: MergeOptions = {}): T[] {
    return mapValues(values, this.alignment(ctx, opts.lookahead ?? false), opts.gaps ?? false, na);
  }

  /** request.security_lower_tf: per host bar, the values of its intrabars. */
  lowerTfArrays<T>(ctx: SecurityContext, values: ArrayLike<T>): T[][] {
    return mapIntrabarArrays(values, this.intrabars(ctx));
  }

  /** An engine whose host is `ctx`, for requests made while the script runs in that context. */
  nested(ctx: SecurityContext): SecurityEngine {
    return new SecurityEngine(ctx, { provider: this.options.provider }, this.shared);
  }
}
