// request.security(): the requested expression runs in its own context (own bars, own call-site
// state, own bar loop) and its values are mapped onto chart bars.
//
// Mapping (historical bars): with lookahead off a chart bar sees the latest requested bar that is
// complete by the chart bar's close: a higher-timeframe bar appears on the chart bar that ends its
// period, bars of another symbol at the same timeframe on the chart bar with the same (or the latest
// earlier) time. With lookahead on, the requested bar whose period contains the chart bar's open.
// gaps_off repeats the last value; gaps_on gives na where no new requested bar became visible.
import type { BarColumns } from '../core/bars.js';
import type { RuntimeContext } from '../core/context.js';
import { PineRuntimeError } from '../core/errors.js';
import type { SymbolInfo } from '../core/symbol.js';
import { calendarFor } from '../stdlib/calendar.js';
import { parseTimeframe, periodKey } from '../stdlib/timeframe.js';
import { CurrentBar } from './bar-view.js';
import type { RuntimeEnv } from './program.js';
import { timeframeMs } from './timeframe.js';

/** Bars and symbol info the caller supplies for request.security symbols other than the chart's. */
export interface SecurityData {
  bars: BarColumns;
  syminfo: SymbolInfo;
}

export type SecurityMaker = (ctx: RuntimeContext) => (bar: number) => unknown;

interface Resolved {
  values: unknown[];
  /** For each chart bar, the index of the visible requested bar (−1: none yet). */
  visible: Int32Array;
}

function normTf(tf: string | null | undefined, chartTf: string): string {
  const t = (tf ?? '').trim();
  if (t === '') return chartTf;
  const m = /^(\d*)([SDWM]?)$/i.exec(t);
  if (!m) return t;
  const n = m[1] === '' ? '1' : m[1]!;
  const u = m[2]!.toUpperCase();
  return u === '' ? n : `${n === '1' ? '' : n}${u}`;
}

function sameSymbol(symbol: string, s: SymbolInfo): boolean {
  return symbol === '' || symbol === s.ticker || symbol === `${s.prefix}:${s.ticker}`;
}

/** Aggregates bars into the buckets of `tf` (open first, high max, low min, close last, volume sum). */
function aggregate(b: BarColumns, tf: string, sym: SymbolInfo): { bars: BarColumns; lastIndex: Int32Array; bucketOf: Int32Array } {
  const cal = calendarFor(sym);
  const t = parseTimeframe(tf);
  const n = b.length;
  const cols = { time: new Float64Array(n), open: new Float64Array(n), high: new Float64Array(n), low: new Float64Array(n), close: new Float64Array(n), volume: new Float64Array(n) };
  const lastIndex = new Int32Array(n);
  const bucketOf = new Int32Array(n);
  let k = -1;
  let key = NaN;
  for (let i = 0; i < n; i++) {
    const p = periodKey(b.time[i]!, t, cal);
    if (p !== key) {
      k++;
      key = p;
      cols.time[k] = b.time[i]!;
      cols.open[k] = b.open[i]!;
      cols.high[k] = b.high[i]!;
      cols.low[k] = b.low[i]!;
      cols.close[k] = b.close[i]!;
      cols.volume[k] = b.volume[i]!;
    } else {
      if (b.high[i]! > cols.high[k]!) cols.high[k] = b.high[i]!;
      if (b.low[i]! < cols.low[k]!) cols.low[k] = b.low[i]!;
      cols.close[k] = b.close[i]!;
      const v = b.volume[i]!;
      if (v === v) cols.volume[k] = cols.volume[k] !== cols.volume[k] ? v : cols.volume[k]! + v;
    }
    lastIndex[k] = i;
    bucketOf[i] = k;
  }
  const m = k + 1;
  const cut = (a: Float64Array) => a.slice(0, m);
  return {
    bars: { length: m, time: cut(cols.time), open: cut(cols.open), high: cut(cols.high), low: cut(cols.low), close: cut(cols.close), volume: cut(cols.volume) },
    lastIndex: lastIndex.slice(0, m),
    bucketOf,
  };
}

export class SecurityRequest {
  private readonly cache = new Map<string, Resolved>();

  constructor(
    private readonly make: SecurityMaker,
    private readonly env: RuntimeEnv,
    private readonly data: Readonly<Record<string, SecurityData>>,
  ) {}

  private evaluate(bars: BarColumns, syminfo: SymbolInfo, timeframe: string): unknown[] {
    const chart = this.env.ctx;
    const current = new CurrentBar(bars, syminfo, timeframeMs(timeframe));
    const ctx: RuntimeContext = { ...chart, bar: 0, bars, current, syminfo, timeframe, log: () => undefined };
    const step = this.make(ctx);
    const out = new Array<unknown>(bars.length);
    for (let j = 0; j < bars.length; j++) {
      ctx.bar = j;
      current.load(j);
      out[j] = step(j);
    }
    return out;
  }

  private resolve(symbol: string, tf: string, lookahead: boolean): Resolved {
    const chart = this.env.ctx;
    const chartBars = this.env.bars;
    const key = `${symbol}\u0000${tf}\u0000${lookahead}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    let src: SecurityData;
    if (sameSymbol(symbol, chart.syminfo)) src = { bars: chartBars, syminfo: chart.syminfo };
    else {
      const found = this.data[symbol] ?? Object.entries(this.data).find(([k]) => k.split(':').pop() === symbol.split(':').pop())?.[1];
      if (!found) throw new PineRuntimeError(`request.security: no data for symbol "${symbol}" (pass it with --security ${symbol}=FILE)`);
      src = found;
    }
    const n = chartBars.length;
    const visible = new Int32Array(n).fill(-1);
    let values: unknown[];
    if (src.bars === chartBars && tf === chart.timeframe) {
      values = this.evaluate(chartBars, src.syminfo, tf);
      for (let i = 0; i < n; i++) visible[i] = i;
    } else if (src.bars === chartBars) {
      const agg = aggregate(chartBars, tf, src.syminfo);
      values = this.evaluate(agg.bars, src.syminfo, tf);
      for (let i = 0; i < n; i++) {
        const b = agg.bucketOf[i]!;
        // Lookahead off: a bucket becomes visible on its last chart bar; before that the previous one.
        visible[i] = lookahead || agg.lastIndex[b] === i ? b : b - 1;
      }
    } else {
      const other = tf === chart.timeframe ? src.bars : aggregate(src.bars, tf, src.syminfo).bars;
      values = this.evaluate(other, src.syminfo, tf);
      const tfMs = timeframeMs(tf);
      const chartMs = timeframeMs(chart.timeframe);
      for (let i = 0, j = -1; i < n; i++) {
        const t = chartBars.time[i]!;
        // Requested bars complete by this chart bar's close (lookahead off) or open by its open (on).
        const limit = lookahead ? t : t + (chartMs === chartMs ? chartMs : 0);
        while (j + 1 < other.length && (lookahead ? other.time[j + 1]! <= limit : other.time[j + 1]! + (tfMs === tfMs ? tfMs : 0) <= limit)) j++;
        visible[i] = j;
      }
    }
    const r = { values, visible };
    this.cache.set(key, r);
    return r;
  }

  get(symbol: string | null, timeframe: string | null, gaps: unknown, lookahead: unknown, bar: number, na: unknown): unknown {
    const chart = this.env.ctx;
    const tf = normTf(timeframe, normTf(chart.timeframe, chart.timeframe));
    const r = this.resolve(symbol ?? '', tf, lookahead === true || lookahead === 'on' || lookahead === 'barmerge.lookahead_on');
    const j = r.visible[bar]!;
    if (j < 0) return na;
    const gapsOn = gaps === true || gaps === 'on' || gaps === 'barmerge.gaps_on';
    if (gapsOn && bar > 0 && r.visible[bar - 1] === j) return na;
    return r.values[j];
  }
}
