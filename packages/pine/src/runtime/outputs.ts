// Everything a run produces besides strategy results: plots and the other visual outputs as plain
// data, alerts, and logs. The generated code writes per-bar values straight into the typed arrays
// (one slot per written output call, allocated when the run starts).
import type { LogLevel } from '../core/context.js';

export type PlotKind = 'plot' | 'plotshape' | 'plotchar' | 'plotarrow' | 'plotcandle' | 'plotbar';

/** What the code generator knows about one written output call. */
export interface PlotDecl {
  kind: PlotKind;
  /** The title written in the script; null when untitled (exported as "Plot"). */
  title: string | null;
  /** True when the call passes a non-constant color, so a per-bar color array is kept. */
  seriesColor: boolean;
  /** Constant arguments (style, linewidth, location, char, offset...) as written. */
  options: Record<string, unknown>;
  /** 1-based source line of the call. */
  line: number;
  /** True when the call may not run on every bar (inside a block or function): unset bars stay na. */
  conditional?: boolean;
}

export interface PlotOutput {
  id: number;
  kind: PlotKind;
  title: string;
  /** The main value per bar (plotcandle/plotbar: close); na = NaN. */
  values: Float64Array;
  /** plotcandle/plotbar only. */
  open?: Float64Array;
  high?: Float64Array;
  low?: Float64Array;
  /** Per-bar 0xRRGGBBAA colours when the color argument is a series; otherwise null. */
  colors: Float64Array | null;
  /** Constant colour when not a series (NaN = default). */
  color: number;
  options: Record<string, unknown>;
}

export interface HLineOutput {
  id: number;
  title: string;
  price: number;
  color: number;
  options: Record<string, unknown>;
}

export interface FillOutput {
  id: number;
  title: string;
  /** The two plot or hline ids being filled between. */
  from: { kind: 'plot' | 'hline'; id: number };
  to: { kind: 'plot' | 'hline'; id: number };
  color: number;
  colors: Float64Array | null;
}

export interface ColorSeriesOutput {
  kind: 'bgcolor' | 'barcolor';
  title: string;
  colors: Float64Array;
}

export interface AlertOutput {
  bar: number;
  time: number;
  message: string;
  freq: string;
}

export interface AlertConditionOutput {
  title: string;
  message: string;
  /** Bars on which the condition was true. */
  bars: number[];
}

export interface LogEntry {
  bar: number;
  time: number;
  level: LogLevel;
  message: string;
}

/** Handle returned by plot()/hline() in the script so fill() can refer to them. */
export interface OutputRef {
  kind: 'plot' | 'hline';
  id: number;
}

function nanArray(n: number): Float64Array {
  const a = new Float64Array(n);
  a.fill(NaN);
  return a;
}

export class Outputs {
  readonly plots: PlotOutput[] = [];
  readonly hlines: HLineOutput[] = [];
  readonly fills: FillOutput[] = [];
  readonly colorSeries: ColorSeriesOutput[] = [];
  readonly alerts: AlertOutput[] = [];
  readonly alertConditions: AlertConditionOutput[] = [];
  readonly logs: LogEntry[] = [];

  constructor(readonly barCount: number) {}

  /** Bytes the per-bar arrays of these declarations need (for the memory limit). */
  static bytesFor(decls: readonly PlotDecl[], barCount: number): number {
    let arrays = 0;
    for (const d of decls) arrays += (d.kind === 'plotcandle' || d.kind === 'plotbar' ? 4 : 1) + (d.seriesColor ? 1 : 0);
    return arrays * barCount * 8;
  }

  addPlot(decl: PlotDecl): PlotOutput {
    const n = this.barCount;
    const ohlc = decl.kind === 'plotcandle' || decl.kind === 'plotbar';
    const p: PlotOutput = {
      id: this.plots.length,
      kind: decl.kind,
      title: decl.title ?? 'Plot',
      // A plot at the top level is written on every bar, so its array needs no na pre-fill.
      values: decl.conditional ? nanArray(n) : new Float64Array(n),
      colors: decl.seriesColor ? nanArray(n) : null,
      color: NaN,
      options: decl.options,
    };
    if (ohlc) {
      p.open = nanArray(n);
      p.high = nanArray(n);
      p.low = nanArray(n);
    }
    this.plots.push(p);
    return p;
  }

  addHLine(title: string | null, price: number, color: number, options: Record<string, unknown>): OutputRef {
    const id = this.hlines.length;
    this.hlines.push({ id, title: title ?? 'HLine', price, color, options });
    return { kind: 'hline', id };
  }

  addColorSeries(kind: 'bgcolor' | 'barcolor', title: string | null): Float64Array {
    const colors = nanArray(this.barCount);
    this.colorSeries.push({ kind, title: title ?? kind, colors });
    return colors;
  }

  addFill(from: OutputRef, to: OutputRef, title: string | null, seriesColor: boolean): FillOutput {
    const f: FillOutput = {
      id: this.fills.length,
      title: title ?? 'Fill',
      from,
      to,
      color: NaN,
      colors: seriesColor ? nanArray(this.barCount) : null,
    };
    this.fills.push(f);
    return f;
  }

  addAlertCondition(title: string | null, message: string | null): AlertConditionOutput {
    const a: AlertConditionOutput = { title: title ?? 'Alert', message: message ?? '', bars: [] };
    this.alertConditions.push(a);
    return a;
  }
}

/** Plot values shifted by their `offset` option, as TradingView's chart shows and exports them. */
export function shiftedValues(values: Float64Array, offset: number): Float64Array {
  if (!offset) return values;
  const n = values.length;
  const out = nanArray(n);
  for (let i = 0; i < n; i++) {
    const j = i + offset;
    if (j >= 0 && j < n) out[j] = values[i]!;
  }
  return out;
}
