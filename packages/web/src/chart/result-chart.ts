// Facade over lightweight-charts for the results page: one chart with three synchronised panes —
// price (candles, volume, the script's plots, trade markers), equity, and drawdown (underwater).
import {
  CandlestickSeries, createChart, createSeriesMarkers, HistogramSeries, LineSeries, AreaSeries,
  type CandlestickData, type HistogramData, type IChartApi, type ISeriesApi, type ISeriesMarkersPluginApi, type Time,
} from 'lightweight-charts';
import type { SeriesPoint, Trade } from '../api/types.js';
import { underwater } from '../format/drawdowns.js';
import { candles, isNearPrice, linePoints, tradeMarkers, volumes, type BarColumnsLike } from './convert.js';

export { tradePriceRange } from './convert.js';

const PLOT_COLORS = ['#2962ff', '#ff9800', '#9c27b0', '#009688', '#f44336', '#4caf50', '#795548', '#607d8b'];

export class ResultChart {
  private readonly chart: IChartApi;
  private readonly candle: ISeriesApi<'Candlestick'>;
  private readonly volume: ISeriesApi<'Histogram'>;
  private equity: ISeriesApi<'Line'> | null = null;
  private drawdown: ISeriesApi<'Area'> | null = null;
  private readonly markers: ISeriesMarkersPluginApi<Time>;
  private plots: ISeriesApi<'Line'>[] = [];
  private candleData: CandlestickData<Time>[] = [];
  private volumeData: HistogramData<Time>[] = [];

  constructor(private readonly container: HTMLElement) {
    this.chart = createChart(container, {
      autoSize: true,
      layout: { background: { color: '#ffffff' }, textColor: '#131722', fontSize: 11, panes: { separatorColor: '#e0e3eb' } },
      grid: { vertLines: { color: '#f0f3fa' }, horzLines: { color: '#f0f3fa' } },
      timeScale: { timeVisible: true, secondsVisible: false },
      rightPriceScale: { borderColor: '#e0e3eb' },
    });
    this.candle = this.chart.addSeries(CandlestickSeries, { upColor: '#26a69a', downColor: '#ef5350', wickUpColor: '#26a69a', wickDownColor: '#ef5350', borderVisible: false }, 0);
    this.volume = this.chart.addSeries(HistogramSeries, { priceScaleId: 'volume', priceFormat: { type: 'volume' }, lastValueVisible: false, priceLineVisible: false }, 0);
    this.chart.priceScale('volume').applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    this.markers = createSeriesMarkers(this.candle, []);
    this.layoutPanes(false);
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

  /** Progressive loading calls this with ever longer prefixes of the same bars: only the new tail is
   *  converted, so 1,000,000 bars are converted once however many redraws happen. */
  setBars(b: BarColumnsLike): void {
    const n = b.time.length;
    const sameSet = n >= this.candleData.length && (this.candleData.length === 0 || (this.candleData[0]!.time as number) * 1000 === Math.floor(b.time[0]! / 1000) * 1000);
    if (!sameSet) {
      this.candleData = [];
      this.volumeData = [];
    }
    const from = this.candleData.length;
    if (n > from) {
      for (const c of candles(b, from, n)) this.candleData.push(c);
      for (const v of volumes(b, from, n)) this.volumeData.push(v);
    }
    this.candle.setData(this.candleData);
    this.volume.setData(this.volumeData);
  }

  /** Plots near the traded price range share the price pane; others (oscillators) get their own pane
   *  under it. `priceRange` comes from the trades' fill prices (bars may still be loading). Call before
   *  setEquity: the pane layout is rebuilt here. */
  setPlots(plots: readonly { title: string; points: SeriesPoint[] }[], priceRange: [number, number] | null = null): void {
    for (const s of this.plots) this.chart.removeSeries(s);
    this.plots = [];
    const onPrice = plots.map((p) => priceRange === null || isNearPrice(p.points, priceRange));
    if (this.equity) this.chart.removeSeries(this.equity);
    if (this.drawdown) this.chart.removeSeries(this.drawdown);
    this.equity = null;
    this.drawdown = null;
    plots.forEach((p, i) => {
      const opts = { color: PLOT_COLORS[i % PLOT_COLORS.length], lineWidth: 1 as const, title: p.title, priceLineVisible: false, lastValueVisible: false };
      const s = this.chart.addSeries(LineSeries, opts, onPrice[i] ? 0 : 1);
      s.setData(linePoints(p.points));
      this.plots.push(s);
    });
    this.layoutPanes(onPrice.some((x) => !x));
  }

  /** Returns how many markers were placed (also exposed as data-markers on the container for tests). */
  setTrades(trades: readonly Trade[]): number {
    const m = tradeMarkers(trades);
    this.markers.setMarkers(m);
    this.container.dataset.markers = String(m.length);
    return m.length;
  }

  setEquity(equity: readonly SeriesPoint[]): void {
    this.equity?.setData(linePoints(equity));
    this.drawdown?.setData(linePoints(underwater(equity)));
  }

  /** Intraday timeframes show the time of day on the axis; daily and above show dates only. */
  setTimeframe(tf: string): void {
    const intraday = /^\d+S?$/.test(tf);
    this.chart.applyOptions({ timeScale: { timeVisible: intraday, secondsVisible: /S$/.test(tf) } });
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
