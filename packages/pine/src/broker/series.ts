// Per-bar result series (equity, drawdown, position…) in preallocated Float64Arrays. They are written once
// per bar for every bar of the run, so they must cost a few stores, not an allocation or an array resize.

/** Per-bar series produced by the run (index = bar index). Bars never marked read as NaN. */
export interface BrokerSeries {
  /** Bar open time, Unix ms. */
  time: Float64Array;
  equity: Float64Array;
  openProfit: Float64Array;
  netProfit: Float64Array;
  positionSize: Float64Array;
  /** Equity peak-to-current drawdown at the bar's close (account currency, ≥ 0). */
  drawdown: Float64Array;
}

const COLUMNS = ['time', 'equity', 'openProfit', 'netProfit', 'positionSize', 'drawdown'] as const;

export class SeriesStore {
  /** Highest bar index written + 1. */
  private length = 0;
  private columns: BrokerSeries;
  private view: BrokerSeries | null = null;

  /** `capacity`: expected number of bars (the buffers grow by doubling past it). */
  constructor(capacity = 1024) {
    this.columns = SeriesStore.allocate(Math.max(16, capacity));
  }

  // Fresh buffers are zeroed pages the OS maps lazily; they are not filled with NaN up front (that would
  // write every page once more). Bars skipped by a write are set to NaN when it happens (see set()).
  private static allocate(n: number): BrokerSeries {
    return {
      time: new Float64Array(n), equity: new Float64Array(n), openProfit: new Float64Array(n),
      netProfit: new Float64Array(n), positionSize: new Float64Array(n), drawdown: new Float64Array(n),
    };
  }

  set(bar: number, time: number, equity: number, openProfit: number, netProfit: number, positionSize: number, drawdown: number): void {
    if (bar >= this.columns.time.length) this.grow(bar + 1);
    if (bar >= this.length) {
      if (bar > this.length) for (const name of COLUMNS) this.columns[name].fill(NaN, this.length, bar);
      this.length = bar + 1;
      this.view = null;
    }
    const c = this.columns;
    c.time[bar] = time;
    c.equity[bar] = equity;
    c.openProfit[bar] = openProfit;
    c.netProfit[bar] = netProfit;
    c.positionSize[bar] = positionSize;
    c.drawdown[bar] = drawdown;
  }

  private grow(minLength: number): void {
    const next = SeriesStore.allocate(Math.max(minLength, this.columns.time.length * 2));
    for (const name of COLUMNS) next[name].set(this.columns[name].subarray(0, this.length));
    this.columns = next;
    this.view = null;
  }

  /** Views of the written part (bars 0 … highest written), valid until the next write past the end. */
  get series(): BrokerSeries {
    if (this.view === null) {
      const n = this.length;
      const c = this.columns;
      this.view = {
        time: c.time.subarray(0, n), equity: c.equity.subarray(0, n), openProfit: c.openProfit.subarray(0, n),
        netProfit: c.netProfit.subarray(0, n), positionSize: c.positionSize.subarray(0, n), drawdown: c.drawdown.subarray(0, n),
      };
    }
    return this.view;
  }
}
