// lightweight-charts has no series for three things Pine scripts draw, so they are custom series
// (the library hands each renderer the visible bars with their x coordinates):
// - bands: fill() between two plots or hlines, one quad per pair of adjacent bars in that bar's colour;
// - backgrounds: bgcolor(), a full-height column per coloured bar;
// - crosses: plot.style_cross markers.
import type {
  CustomData, CustomSeriesOptions, CustomSeriesPricePlotValues, ICustomSeriesPaneRenderer, ICustomSeriesPaneView,
  PaneRendererCustomData, PriceToCoordinateConverter, Time, WhitespaceData,
} from 'lightweight-charts';
import { customSeriesDefaultOptions } from 'lightweight-charts';

type Target = Parameters<ICustomSeriesPaneRenderer['draw']>[0];

/** Shared plumbing: keeps the latest visible bars and draws them in media (CSS pixel) coordinates. */
abstract class PaneView<D extends CustomData<Time>> implements ICustomSeriesPaneView<Time, D, CustomSeriesOptions> {
  protected data: PaneRendererCustomData<Time, D> | null = null;

  renderer(): ICustomSeriesPaneRenderer {
    return {
      draw: (target: Target, toY: PriceToCoordinateConverter) => {
        const d = this.data;
        if (!d?.visibleRange) return;
        target.useMediaCoordinateSpace(({ context, mediaSize }) => {
          // Leave no path or style behind for whatever the library paints next on this canvas.
          context.save();
          this.paint(context, mediaSize.height, d, toY);
          context.beginPath();
          context.restore();
        });
      },
    };
  }

  update(data: PaneRendererCustomData<Time, D>): void {
    this.data = data;
  }

  defaultOptions(): CustomSeriesOptions {
    return { ...customSeriesDefaultOptions, lastValueVisible: false, priceLineVisible: false };
  }

  abstract priceValueBuilder(row: D): CustomSeriesPricePlotValues;
  abstract isWhitespace(row: D | WhitespaceData<Time>): row is WhitespaceData<Time>;
  protected abstract paint(ctx: CanvasRenderingContext2D, height: number, d: PaneRendererCustomData<Time, D>, toY: PriceToCoordinateConverter): void;
}

export interface BandPoint extends CustomData<Time> { upper: number; lower: number; fill: string }

// Plain predicates for drawing: the isWhitespace type guards narrow a full point to never (every
// point is also a valid whitespace item), so the renderers test the fields directly.
const blankBand = (p: Partial<BandPoint>): boolean => !Number.isFinite(p.upper) || !Number.isFinite(p.lower);

export class BandView extends PaneView<BandPoint> {
  priceValueBuilder(row: BandPoint): CustomSeriesPricePlotValues {
    return [row.lower, row.upper];
  }

  isWhitespace(row: BandPoint | WhitespaceData<Time>): row is WhitespaceData<Time> {
    return !('upper' in row) || !Number.isFinite(row.upper) || !Number.isFinite(row.lower);
  }

  protected paint(ctx: CanvasRenderingContext2D, _h: number, d: PaneRendererCustomData<Time, BandPoint>, toY: PriceToCoordinateConverter): void {
    const { from, to } = d.visibleRange!;
    if (to <= from) return;
    // One bar beyond each edge so the band reaches the pane border. The library only positions the
    // visible bars (an off-screen bar keeps a stale x), so those two are placed from their neighbour.
    const lo = Math.max(0, from - 1);
    const hi = Math.min(d.bars.length - 1, to);
    const xAt = (i: number): number => {
      if (i < from) return d.bars[from]!.x - (d.bars[from]!.time - d.bars[i]!.time) * d.barSpacing;
      if (i >= to) return d.bars[to - 1]!.x + (d.bars[i]!.time - d.bars[to - 1]!.time) * d.barSpacing;
      return d.bars[i]!.x;
    };
    for (let i = lo; i < hi; i++) {
      const a = d.bars[i]!;
      const b = d.bars[i + 1]!;
      const p = a.originalData;
      const q = b.originalData;
      // Only neighbouring bars (by time-scale index) are joined: a band breaks where a side is na.
      if (b.time - a.time !== 1 || blankBand(p) || blankBand(q)) continue;
      const ys = [toY(p.upper), toY(q.upper), toY(q.lower), toY(p.lower)];
      if (ys.some((y) => y === null)) continue;
      const ax = xAt(i);
      const bx = xAt(i + 1);
      ctx.fillStyle = p.fill;
      ctx.beginPath();
      ctx.moveTo(ax, ys[0]!);
      ctx.lineTo(bx, ys[1]!);
      ctx.lineTo(bx, ys[2]!);
      ctx.lineTo(ax, ys[3]!);
      ctx.closePath();
      ctx.fill();
    }
  }
}

export interface BackgroundPoint extends CustomData<Time> { fills: string[] }

export class BackgroundView extends PaneView<BackgroundPoint> {
  /** Backgrounds span the pane whatever the prices: they never take part in autoscaling (the series
   *  also sits on its own invisible price scale). */
  priceValueBuilder(): CustomSeriesPricePlotValues {
    return [0];
  }

  isWhitespace(row: BackgroundPoint | WhitespaceData<Time>): row is WhitespaceData<Time> {
    return !('fills' in row) || row.fills.length === 0;
  }

  protected paint(ctx: CanvasRenderingContext2D, height: number, d: PaneRendererCustomData<Time, BackgroundPoint>): void {
    const { from, to } = d.visibleRange!;
    const w = Math.max(1, d.barSpacing * d.conflationFactor);
    for (let i = from; i < to && i < d.bars.length; i++) {
      const bar = d.bars[i]!;
      if (bar.originalData.fills === undefined || bar.originalData.fills.length === 0) continue;
      for (const f of bar.originalData.fills) {
        ctx.fillStyle = f;
        ctx.fillRect(bar.x - w / 2, 0, w, height);
      }
    }
  }
}

export interface CrossPoint extends CustomData<Time> { value: number; stroke: string; size: number }

export class CrossView extends PaneView<CrossPoint> {
  priceValueBuilder(row: CrossPoint): CustomSeriesPricePlotValues {
    return [row.value];
  }

  isWhitespace(row: CrossPoint | WhitespaceData<Time>): row is WhitespaceData<Time> {
    return !('value' in row) || !Number.isFinite(row.value);
  }

  protected paint(ctx: CanvasRenderingContext2D, _h: number, d: PaneRendererCustomData<Time, CrossPoint>, toY: PriceToCoordinateConverter): void {
    const { from, to } = d.visibleRange!;
    ctx.lineWidth = 1;
    for (let i = from; i < to && i < d.bars.length; i++) {
      const bar = d.bars[i]!;
      const p = bar.originalData;
      if (!Number.isFinite(p.value)) continue;
      const y = toY(p.value);
      if (y === null) continue;
      const r = Math.min(p.size, Math.max(2, d.barSpacing / 2));
      ctx.strokeStyle = p.stroke;
      ctx.beginPath();
      ctx.moveTo(bar.x - r, y);
      ctx.lineTo(bar.x + r, y);
      ctx.moveTo(bar.x, y - r);
      ctx.lineTo(bar.x, y + r);
      ctx.stroke();
    }
  }
}
