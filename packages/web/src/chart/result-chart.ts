// Facade over lightweight-charts for the results page: one chart with synchronised panes — price
// (bgcolor, candles, volume, the script's plots/fills/hlines/shapes, trade markers), an indicator pane
// when some plots are not on the price scale, equity, and drawdown (underwater). Times are drawn on
// the chosen axis clock (exchange zone, UTC or local; see time-zone.ts).
import {
  CandlestickSeries, createChart, createSeriesMarkers, HistogramSeries, LineSeries, AreaSeries,
  type CandlestickData, type HistogramData, type IChartApi, type ISeriesApi, type ISeriesMarkersPluginApi, type SeriesMarker, type SeriesType, type Time, type UTCTimestamp,
} from 'lightweight-charts';
import type { ChartBgColor, RunResult, SeriesPoint, Trade } from '../api/types.js';
import { underwater } from '../format/drawdowns.js';
import { axisTimes, candles, isNearPrice, linePoints, tradeMarkers, tradePriceRange, volumes, type BarColumnsLike } from './convert.js';
import { BackgroundView, type BackgroundPoint } from './custom-series.js';
import { cssColor } from './pine-color.js';
import { drawFill, drawHLine, drawPlot, shapeMarkers } from './plot-series.js';
import { clockFor, utcClock, type AxisZone, type Clock } from './time-zone.js';

export { tradePriceRange } from './convert.js';

const PLOT_COLORS = ['#2962ff', '#ff9800', '#9c27b0', '#009688', '#f44336', '#4caf50', '#795548', '#607d8b'];
const MARKER_KINDS = new Set(['plotshape', 'plotchar', 'plotarrow']);

/** bgcolor outputs merged per bar (several calls may colour the same bar; later ones paint on top). */
export function backgroundPoints(bgs: readonly ChartBgColor[], clock: Clock = utcClock): BackgroundPoint[] {
  const byTime = new Map<number, string[]>();
  for (const bg of bgs) {
    for (const p of bg.points) {
      const t = clock(p.time);
      const fills = byTime.get(t);
      if (fills) fills.push(cssColor(p.color, 'transparent'));
      else byTime.set(t, [cssColor(p.color, 'transparent')]);
    }
  }
  return [...byTime.entries()].sort((a, b) => a[0] - b[0]).map(([t, fills]) => ({ time: t as Time, fills }));
}

export class ResultChart {
  private readonly chart: IChartApi;
  private readonly background: ISeriesApi<'Custom'>;
  private readonly candle: ISeriesApi<'Candlestick'>;
  private readonly volume: ISeriesApi<'Histogram'>;
  private equity: ISeriesApi<'Line'> | null = null;
  private drawdown: ISeriesApi<'Area'> | null = null;
  private readonly markers: ISeriesMarkersPluginApi<Time>;
  private scriptSeries: ISeriesApi<SeriesType>[] = [];
  private candleData: CandlestickData<Time>[] = [];
  private volumeData: HistogramData<Time>[] = [];
  private bars: BarColumnsLike | null = null;
  private result: RunResult | null = null;
  private clock: Clock = utcClock;
  private zone: { mode: AxisZone; exchange: string } = { mode: 'utc', exchange: 'UTC' };

  constructor(private readonly container: HTMLElement) {
    this.chart = createChart(container, {
      autoSize: true,
      layout: { background: { color: '#ffffff' }, textColor: '#131722', fontSize: 11, panes: { separatorColor: '#e0e3eb' } },
      grid: { vertLines: { color: '#f0f3fa' }, horzLines: { color: '#f0f3fa' } },
      timeScale: { timeVisible: true, secondsVisible: false },
      rightPriceScale: { borderColor: '#e0e3eb' },
    });
    // Added first so it paints under everything; its own (invisible) scale keeps it out of autoscaling.
    this.background = this.chart.addCustomSeries(new BackgroundView(), { priceScaleId: 'pineback-bgcolor', lastValueVisible: false, priceLineVisible: false, title: '' }, 0);
    this.candle = this.chart.addSeries(CandlestickSeries, { upColor: '#26a69a', downColor: '#ef5350', wickUpColor: '#26a69a', wickDownColor: '#ef5350', borderVisible: false }, 0);
    this.volume = this.chart.addSeries(HistogramSeries, { priceScaleId: 'volume', priceFormat: { type: 'volume' }, lastValueVisible: false, priceLineVisible: false }, 0);
    this.chart.priceScale('volume').applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    this.markers = createSeriesMarkers(this.candle, []);
    this.layoutPanes(false);
    // The visible span on the axis clock (seconds), for tests and debugging: it shows whether the view
    // held still while history was prepended, and which zone the axis is in.
    this.chart.timeScale().subscribeVisibleTimeRangeChange((r) => {
      container.dataset.visibleFrom = r ? String(r.from) : '';
      container.dataset.visibleTo = r ? String(r.to) : '';
    });
  }

  /** Pane order: price, [indicator], equity, drawdown. Panes are only ever appended (pane widgets are
   *  created on the next render, so moving a just-added pane fails), hence equity and drawdown are
   *  re-created after the indicator pane when one is needed. */
  private layoutPanes(withIndicator: boolean): void {
    if (this.equity) this.chart.removeSeries(this.equity);
    if (this.drawdown) this.chart.removeSeries(this.drawdown);
    const base = withIndicator ? 2 : 1;
    this.equity = this.chart.addSeries(LineSeries, { color: '#089981', lineWidth: 2, title: 'Equity', priceLineVisible: false }, base);
    this.drawdown = this.chart.addSeries(AreaSeries, {
      lineColor: '#f23645', topColor: 'rgba(242,54,69,0.05)', bottomColor: 'rgba(242,54,69,0.35)', lineWidth: 1, title: 'Drawdown %', priceLineVisible: false,
      invertFilledArea: true,
    } as never, base + 1);
    const panes = this.chart.panes();
    panes.forEach((p, i) => p.setStretchFactor(i === 0 ? 3 : 1));
  }

  /** Axis time zone: the exchange's (`exchange`, an IANA name), UTC or the browser's. Redraws
   *  everything on the new clock. */
  setZone(mode: AxisZone, exchange: string): void {
    if (mode === this.zone.mode && exchange === this.zone.exchange) return;
    this.zone = { mode, exchange };
    this.clock = clockFor(mode, exchange);
    this.candleData = [];
    this.volumeData = [];
    if (this.bars) this.setBars(this.bars);
    if (this.result) this.setResult(this.result);
  }

  /** Bars arrive newest first and older history is prepended (progressive loading), or a whole new
   *  set replaces them: only bars not converted yet are converted, so 1,000,000 bars are converted once
   *  however many times the chart is redrawn. */
  setBars(b: BarColumnsLike): void {
    const n = b.time.length;
    const have = this.candleData.length;
    const prev = this.bars;
    const grewAtFront = prev !== null && have > 0 && n >= have && b.time[n - 1] === prev.time[prev.time.length - 1] && b.time[n - have] === prev.time[prev.time.length - have];
    this.bars = b;
    if (grewAtFront) {
      const head = n - have;
      if (head > 0) {
        const ts = this.chart.timeScale();
        const view = ts.getVisibleLogicalRange();
        const anchor = this.candleData[0]!.time;
        const anchorBefore = ts.timeToIndex(anchor);
        // Axis times of the prepended bars must stay below the first drawn one (see axisTimes).
        const times = axisTimes(b.time, this.clock, 0, head);
        let cap = (this.candleData[0]!.time as number) - 1;
        for (let i = head - 1; i >= 0 && times[i]! > cap; i--, cap--) times[i] = cap as UTCTimestamp;
        this.candleData = candles(b, 0, head, times).concat(this.candleData);
        this.volumeData = volumes(b, 0, head, times).concat(this.volumeData);
        this.candle.setData(this.candleData);
        this.volume.setData(this.volumeData);
        // Logical indexes count from the oldest time on the axis, so prepending moves every drawn bar
        // right: shift the view by as much to keep the user looking at the same bars.
        const anchorAfter = ts.timeToIndex(anchor);
        if (view && anchorBefore !== null && anchorAfter !== null) {
          const shift = (anchorAfter as number) - (anchorBefore as number);
          ts.setVisibleLogicalRange({ from: view.from + shift, to: view.to + shift });
        }
        return;
      }
    } else {
      const times = axisTimes(b.time, this.clock);
      this.candleData = candles(b, 0, n, times);
      this.volumeData = volumes(b, 0, n, times);
    }
    this.candle.setData(this.candleData);
    this.volume.setData(this.volumeData);
  }

  /** Everything the run produced. Plots near the traded price range share the price pane; others
   *  (oscillators) get their own pane under it. */
  setResult(r: RunResult): void {
    this.result = r;
    this.setTimeframe(r.timeframe);
    for (const s of this.scriptSeries) this.chart.removeSeries(s);
    this.scriptSeries = [];
    if (this.equity) this.chart.removeSeries(this.equity);
    if (this.drawdown) this.chart.removeSeries(this.drawdown);
    this.equity = null;
    this.drawdown = null;

    const priceRange = tradePriceRange(r.trades);
    const near = (points: readonly SeriesPoint[]): boolean => priceRange === null || isNearPrice(points, priceRange);
    const hlines = r.hlines ?? [];
    const fills = r.fills ?? [];
    const linePlots = r.plots.map((p) => !MARKER_KINDS.has(p.kind ?? 'plot'));
    const plotPane = r.plots.map((p, i) => (linePlots[i] && !near(p.points) ? 1 : 0));
    const hlinePane = hlines.map((h, i) => {
      const partner = fills.find((f) => (f.from.kind === 'hline' && f.from.index === i && f.to.kind === 'plot') || (f.to.kind === 'hline' && f.to.index === i && f.from.kind === 'plot'));
      if (partner) return plotPane[partner.from.kind === 'plot' ? partner.from.index : partner.to.index]!;
      return h.price === null || near([{ time: 0, value: h.price }]) ? 0 : 1;
    });
    const paneOf = (e: { kind: 'plot' | 'hline'; index: number }): number => (e.kind === 'plot' ? plotPane[e.index] : hlinePane[e.index]) ?? 0;
    // Bar times for fills come from a line plot's points (a fill between two hlines needs one too).
    const barTimes = r.plots.find((_, i) => linePlots[i])?.points ?? [];

    // Fills first so plot lines paint over them.
    for (const f of fills) {
      const s = drawFill(this.chart, f, r.plots, hlines, barTimes, paneOf(f.from), this.clock);
      if (s) this.scriptSeries.push(s);
    }
    const shapes: SeriesMarker<Time>[] = [];
    r.plots.forEach((p, i) => {
      const fallback = PLOT_COLORS[i % PLOT_COLORS.length]!;
      if (linePlots[i]) this.scriptSeries.push(...drawPlot(this.chart, p, plotPane[i]!, fallback, this.clock));
      else shapes.push(...shapeMarkers(p, fallback, this.clock));
    });
    hlines.forEach((h, i) => {
      const owner = hlinePane[i] === 0 ? this.candle : this.scriptSeries.find((s) => s.getPane().paneIndex() === hlinePane[i]) ?? this.candle;
      drawHLine(owner, h);
    });
    this.background.setData(backgroundPoints(r.bgcolors ?? [], this.clock));
    this.layoutPanes(plotPane.some((x) => x === 1) || hlinePane.some((x) => x === 1));
    this.setMarkers(r.trades, shapes);
    this.setEquity(r.equity);
    this.container.dataset.plots = String(this.scriptSeries.length);
  }

  /** Trade entries/exits and the script's shapes; the trade marker count is exposed as data-markers. */
  private setMarkers(trades: readonly Trade[], shapes: SeriesMarker<Time>[]): void {
    const t = tradeMarkers(trades, 150, this.clock);
    this.markers.setMarkers(shapes.length ? [...t, ...shapes].sort((a, b) => (a.time as number) - (b.time as number)) : t);
    this.container.dataset.markers = String(t.length);
    this.container.dataset.shapes = String(shapes.length);
  }

  private setEquity(equity: readonly SeriesPoint[]): void {
    this.equity?.setData(linePoints(equity, this.clock));
    this.drawdown?.setData(linePoints(underwater(equity), this.clock));
  }

  /** Intraday timeframes show the time of day on the axis; daily and above show dates only. */
  private setTimeframe(tf: string): void {
    const intraday = /^\d+S?$/.test(tf);
    this.chart.applyOptions({ timeScale: { timeVisible: intraday, secondsVisible: /S$/.test(tf) } });
  }

  /** Calls `cb` whenever the user scrolls to within `margin` bars of the oldest drawn bar. */
  onNearOldest(cb: () => void, margin = 300): void {
    const ts = this.chart.timeScale();
    ts.subscribeVisibleLogicalRangeChange((r) => {
      const oldest = this.candleData[0];
      if (!r || !oldest) return;
      // Equity points may sit left of the drawn bars on the shared axis: measure from the oldest bar.
      const at = (ts.timeToIndex(oldest.time, true) as number | null) ?? 0;
      if (r.from < at + margin) cb();
    });
  }

  /** Shows the latest `n` bars (a large set opens at its end, as TradingView does). */
  showLatest(n: number): void {
    const last = this.candleData[this.candleData.length - 1];
    if (!last) return;
    // Other series (equity) may put times before the loaded bars on the axis: index by time.
    const ts = this.chart.timeScale();
    const i = (ts.timeToIndex(last.time, true) as number | null) ?? this.candleData.length - 1;
    // The bar spacing is set from the container's width too: before the first layout the chart is
    // 0 px wide, and a logical range alone would leave the minimum spacing (thousands of bars in view).
    const width = this.container.clientWidth - 70;
    if (width > 0) ts.applyOptions({ barSpacing: Math.max(1, width / (n + 3)) });
    ts.setVisibleLogicalRange({ from: Math.max(0, i - n), to: i + 3 });
  }

  fit(): void {
    this.chart.timeScale().fitContent();
  }

  destroy(): void {
    this.chart.remove();
  }
}

/** A small line chart with several equity curves overlaid (compare view). */
export function equityOverlay(container: HTMLElement, curves: readonly { label: string; points: SeriesPoint[] }[]): IChartApi {
  const chart = createChart(container, { autoSize: true, layout: { background: { color: '#fff' }, textColor: '#131722', fontSize: 11 }, timeScale: { timeVisible: true } });
  curves.forEach((c, i) => {
    const s = chart.addSeries(LineSeries, { color: PLOT_COLORS[i % PLOT_COLORS.length], lineWidth: 2, title: c.label, priceLineVisible: false });
    s.setData(linePoints(c.points));
  });
  chart.timeScale().fitContent();
  return chart;
}

