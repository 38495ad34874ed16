// plot*, hline, fill, bgcolor, barcolor, alert, alertcondition: each written call becomes one
// output slot; per-bar values go straight into the slot's typed array.
import type { Call } from '../parser/ast.js';
import type { PlotDecl, PlotKind } from '../runtime/outputs.js';
import { bindArgs } from './calls.js';
import { constEval, NOT_CONST } from './consteval.js';
import type { Gen } from './context.js';
import { barRef, cond, emitExpr, type Emitted } from './expressions.js';
import { T } from './ptypes.js';

export const OUTPUT_FUNCTIONS: ReadonlySet<string> = new Set([
  'plot',
  'plotshape',
  'plotchar',
  'plotarrow',
  'plotcandle',
  'plotbar',
  'hline',
  'fill',
  'bgcolor',
  'barcolor',
  'alert',
  'alertcondition',
]);

const PLOT_KINDS: ReadonlySet<string> = new Set(['plot', 'plotshape', 'plotchar', 'plotarrow', 'plotcandle', 'plotbar']);

function constString(g: Gen, v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

export function emitOutputCall(g: Gen, name: string, call: Call): Emitted {
  const b = barRef(g);
  const args = bindArgs(g, name, call);
  if (PLOT_KINDS.has(name)) return emitPlot(g, name as PlotKind, call, args, b);
  switch (name) {
    case 'hline': {
      // hline(price, title, color, linestyle, linewidth, editable, display)
      const price = emitExpr(g, args[0]!);
      const title = constString(g, constEval(g, args[1]));
      const color = args[2] ? emitExpr(g, args[2]).code : 'NaN';
      const opts: Record<string, unknown> = {};
      const ls = constEval(g, args[3]);
      if (ls !== undefined && ls !== NOT_CONST) opts['linestyle'] = ls;
      const lw = constEval(g, args[4]);
      if (lw !== undefined && lw !== NOT_CONST) opts['linewidth'] = lw;
      const ref = g.tmp('hl');
      g.header.push(`let ${ref} = null;`);
      return {
        code: `(${ref} ??= $Out.addHLine(${g.literal(title)}, ${price.code}, ${color}, ${JSON.stringify(opts)}))`,
        type: T.hline,
      };
    }
    case 'fill': {
      // fill(hline1|plot1, hline2|plot2, color, title, ...) — also fill(plot1, plot2, top_value, bottom_value, top_color, bottom_color, ...).
      const a = emitExpr(g, args[0]!);
      const c = emitExpr(g, args[1]!);
      const colorArg = args[2];
      const cv = colorArg ? constEval(g, colorArg) : NaN;
      const series = colorArg !== undefined && cv === NOT_CONST;
      const title = constString(g, constEval(g, args[3]));
      const ref = g.tmp('fl');
      g.header.push(`let ${ref} = null;`);
      const reg = `(${ref} ??= $Out.addFill(${a.code}, ${c.code}, ${g.literal(title)}, ${series}))`;
      if (!colorArg) return { code: `(${reg}, undefined)`, type: T.void };
      const color = emitExpr(g, colorArg).code;
      return { code: series ? `(${reg}.colors[${b}] = ${color}, undefined)` : `(${reg}.color = ${color}, undefined)`, type: T.void };
    }
    case 'bgcolor':
    case 'barcolor': {
      // (color, offset, editable, show_last, title, ...)
      const color = emitExpr(g, args[0]!);
      const title = constString(g, constEval(g, args[4]));
      const arr = g.moduleConst(`$Out.addColorSeries(${g.literal(name)}, ${g.literal(title)})`, 'bg');
      return { code: `(${arr}[${b}] = ${color.code}, undefined)`, type: T.void };
    }
    case 'alert': {
      const msg = emitExpr(g, args[0]!);
      const freq = args[1] ? emitExpr(g, args[1]).code : '"alert.freq_once_per_bar"';
      return { code: `$rt.alert($ctx, $Out, ${msg.code}, ${freq})`, type: T.void };
    }
    case 'alertcondition': {
      const c = emitExpr(g, args[0]!);
      const title = constString(g, constEval(g, args[1]));
      const message = constString(g, constEval(g, args[2]));
      const ac = g.moduleConst(`$Out.addAlertCondition(${g.literal(title)}, ${g.literal(message)})`, 'ac');
      return { code: `(${cond(g, c)} && ${ac}.bars.push(${b}), undefined)`, type: T.void };
    }
  }
  return g.fail(`Unsupported output function ${name}`, call);
}

/** Parameter positions of the options we keep, per plot kind (catalog order). */
const OPTION_PARAMS: Record<PlotKind, Record<string, number>> = {
  plot: { linewidth: 3, style: 4, trackprice: 5, histbase: 6, offset: 7, join: 8, show_last: 10, display: 11, format: 12, precision: 13 },
  plotshape: { style: 2, location: 3, offset: 5, text: 6, size: 9, show_last: 10, display: 11 },
  plotchar: { char: 2, location: 3, offset: 5, text: 6, size: 9, show_last: 10, display: 11 },
  plotarrow: { offset: 4, minheight: 5, maxheight: 6, show_last: 8, display: 9 },
  plotcandle: {},
  plotbar: {},
};

function emitPlot(g: Gen, kind: PlotKind, call: Call, args: ReturnType<typeof bindArgs>, b: string): Emitted {
  const ohlc = kind === 'plotcandle' || kind === 'plotbar';
  const titleIdx = ohlc ? 4 : 1;
  const colorIdx = ohlc ? 5 : kind === 'plot' ? 2 : kind === 'plotarrow' ? 2 : 4;
  const titleValue = constEval(g, args[titleIdx]);
  const title = typeof titleValue === 'string' ? titleValue : null;
  if (args[titleIdx] && title === null) g.fail('The plot title must be a constant string', args[titleIdx]!);
  const colorArg = args[colorIdx];
  const colorConst = colorArg ? constEval(g, colorArg) : undefined;
  const seriesColor = colorArg !== undefined && colorConst === NOT_CONST;
  const options: Record<string, unknown> = {};
  for (const [opt, idx] of Object.entries(OPTION_PARAMS[kind])) {
    const v = constEval(g, args[idx]);
    if (v !== undefined && v !== NOT_CONST) options[opt] = v;
  }
  const decl: PlotDecl = { kind, title, seriesColor, options, line: g.line(call) };
  if (g.scope !== g.globalScope || g.functionDepth > 0) decl.conditional = true;
  const k = g.plots.length;
  g.plots.push(decl);
  const parts: string[] = [];
  const values = g.moduleConst(`$P[${k}].values`, 'pv');
  if (ohlc) {
    const [o, h, l, c] = [0, 1, 2, 3].map((i) => emitExpr(g, args[i]!).code);
    parts.push(`$P[${k}].open[${b}] = ${o}`, `$P[${k}].high[${b}] = ${h}`, `$P[${k}].low[${b}] = ${l}`, `${values}[${b}] = ${c}`);
  } else {
    const s = emitExpr(g, args[0]!);
    const v = s.type.k === 'bool' ? `(${s.code} ? 1 : 0)` : s.code;
    parts.push(`${values}[${b}] = ${v}`);
  }
  if (seriesColor) {
    const colors = g.moduleConst(`$P[${k}].colors`, 'pc');
    parts.push(`${colors}[${b}] = ${emitExpr(g, colorArg!).code}`);
  } else if (typeof colorConst === 'number') {
    g.header.push(`$P[${k}].color = ${g.literal(colorConst)};`);
  }
  const ref = g.moduleConst(`{ kind: 'plot', id: ${k} }`, 'pr');
  return { code: `(${parts.join(', ')}, ${ref})`, type: T.plot };
}
