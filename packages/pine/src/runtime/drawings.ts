// Drawing objects (line, label, box, table, linefill, polyline, chart.point) as plain data. The
// registry entries are derived from the built-ins catalog: `<ns>.new#k` creates an object whose
// properties are named after the overload's parameters, `<ns>.set_<f>` / `<ns>.get_<f>` write and read
// property <f>, `<ns>.delete` / `.copy` / `.all` manage the live set. Each kind keeps at most its
// max_<kind>s_count live objects (oldest deleted first), as TradingView does.
import { BUILTIN_FUNCTIONS } from '../checker/builtins.generated.js';
import type { RuntimeContext } from '../core/context.js';
import { PineRuntimeError } from '../core/errors.js';

export type DrawingKind = 'line' | 'label' | 'box' | 'table' | 'linefill' | 'polyline';
export const DRAWING_KINDS: readonly DrawingKind[] = ['line', 'label', 'box', 'table', 'linefill', 'polyline'];

export class ChartPoint {
  constructor(
    public time: number,
    public index: number,
    public price: number,
  ) {}
  toPineString(): string {
    return `chart.point(time=${this.time}, index=${this.index}, price=${this.price})`;
  }
}

export class Drawing {
  deleted = false;
  constructor(
    readonly kind: DrawingKind,
    readonly id: number,
    /** Bar on which the script created it. */
    readonly bar: number,
    readonly props: Record<string, unknown>,
  ) {}
}

/** Live drawings of one run, by kind, in creation order. */
export class DrawingStore {
  private next = 0;
  readonly live: Record<DrawingKind, Drawing[]> = { line: [], label: [], box: [], table: [], linefill: [], polyline: [] };
  constructor(private readonly max: Record<DrawingKind, number>) {}

  add(ctx: RuntimeContext, kind: DrawingKind, props: Record<string, unknown>): Drawing {
    const d = new Drawing(kind, this.next++, ctx.bar, props);
    const list = this.live[kind];
    list.push(d);
    while (list.length > this.max[kind]) {
      const old = list.shift()!;
      old.deleted = true;
    }
    return d;
  }

  remove(d: Drawing | null): void {
    if (!d || d.deleted) return;
    d.deleted = true;
    const list = this.live[d.kind];
    const i = list.indexOf(d);
    if (i >= 0) list.splice(i, 1);
  }

  /** Plain-data snapshot of the live drawings (what a run returns). */
  snapshot(): Record<DrawingKind, { id: number; bar: number; props: Record<string, unknown> }[]> {
    const out = {} as Record<DrawingKind, { id: number; bar: number; props: Record<string, unknown> }[]>;
    for (const k of DRAWING_KINDS) out[k] = this.live[k].map((d) => ({ id: d.id, bar: d.bar, props: plain(d.props) }));
    return out;
  }
}

function plain(props: Record<string, unknown>): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) {
    if (v instanceof Drawing) o[k] = { kind: v.kind, id: v.id };
    else if (v instanceof ChartPoint) o[k] = { time: v.time, index: v.index, price: v.price };
    else if (v instanceof Map) o[k] = Object.fromEntries(Array.from(v, ([kk, vv]) => [kk, vv]));
    else if (Array.isArray(v)) o[k] = v.map((x) => (x instanceof ChartPoint ? { time: x.time, index: x.index, price: x.price } : x));
    else o[k] = v;
  }
  return o;
}

const stores = new WeakMap<RuntimeContext, DrawingStore>();

export const DEFAULT_MAX_DRAWINGS: Record<DrawingKind, number> = { line: 50, label: 50, box: 50, table: 9999, linefill: 50, polyline: 100 };

export function attachDrawings(ctx: RuntimeContext, max: Partial<Record<DrawingKind, number>> = {}): DrawingStore {
  const limits = { ...DEFAULT_MAX_DRAWINGS };
  for (const k of DRAWING_KINDS) if (typeof max[k] === 'number') limits[k] = max[k]!;
  const s = new DrawingStore(limits);
  stores.set(ctx, s);
  return s;
}

function storeOf(ctx: RuntimeContext): DrawingStore {
  let s = stores.get(ctx);
  if (!s) s = attachDrawings(ctx);
  return s;
}

function live(d: unknown, what: string): Drawing | null {
  if (d === null || d === undefined) return null;
  if (!(d instanceof Drawing)) throw new PineRuntimeError(`${what}: not a drawing`);
  return d;
}

type Entry = { impl: (ctx: RuntimeContext, ...args: any[]) => unknown; needsContext: true };
const entry = (impl: Entry['impl']): Entry => ({ impl, needsContext: true });

/** Coordinates a chart.point argument stands for, by the object's xloc. */
function pointX(p: ChartPoint | null, xloc: unknown): number {
  if (!p) return NaN;
  return xloc === 'bar_time' || xloc === 'xloc.bar_time' ? p.time : p.index;
}

const POINT_SETTERS: Record<string, [string, string]> = {
  set_first_point: ['x1', 'y1'],
  set_second_point: ['x2', 'y2'],
  set_point: ['x', 'y'],
  set_top_left_point: ['left', 'top'],
  set_bottom_right_point: ['right', 'bottom'],
};
const PAIR_SETTERS: Record<string, [string, string]> = {
  set_xy1: ['x1', 'y1'],
  set_xy2: ['x2', 'y2'],
  set_xy: ['x', 'y'],
  set_lefttop: ['left', 'top'],
  set_rightbottom: ['right', 'bottom'],
};
/** chart.point parameters of the `new` overloads → the coordinate properties they set. */
const POINT_PARAMS: Record<string, [string, string]> = {
  first_point: ['x1', 'y1'],
  second_point: ['x2', 'y2'],
  point: ['x', 'y'],
  top_left: ['left', 'top'],
  bottom_right: ['right', 'bottom'],
};

function buildNew(kind: DrawingKind, params: readonly { name: string; default?: string }[]): Entry['impl'] {
  return (ctx, ...args) => {
    const props: Record<string, unknown> = {};
    params.forEach((p, i) => {
      const v = args[i];
      if (v !== undefined) props[p.name] = v;
      else if (p.default !== undefined) props[p.name] = defaultValue(p.default);
    });
    for (const [param, [x, y]] of Object.entries(POINT_PARAMS)) {
      if (param in props) {
        const pt = props[param] as ChartPoint | null;
        props[x] = pointX(pt, props['xloc']);
        props[y] = pt ? pt.price : NaN;
        delete props[param];
      }
    }
    if (kind === 'table') props['cells'] = new Map<string, Record<string, unknown>>();
    return storeOf(ctx).add(ctx, kind, props);
  };
}

function defaultValue(src: string): unknown {
  if (src === 'na') return null;
  if (src === 'true' || src === 'false') return src === 'true';
  if (/^-?\d+(\.\d+)?$/.test(src)) return Number(src);
  const q = /^"(.*)"$/.exec(src);
  if (q) return q[1];
  // Constant names such as xloc.bar_index: keep the part after the namespace.
  return src.includes('.') ? src.slice(src.lastIndexOf('.') + 1) : src;
}

function cellOf(t: Drawing, col: number, row: number): Record<string, unknown> {
  const cells = t.props['cells'] as Map<string, Record<string, unknown>>;
  const key = `${col},${row}`;
  let c = cells.get(key);
  if (!c) {
    c = { column: col, row };
    cells.set(key, c);
  }
  return c;
}

function buildRegistry(): { functions: Record<string, Entry>; variables: Record<string, { get(ctx: RuntimeContext): unknown }> } {
  const functions: Record<string, Entry> = {};
  const variables: Record<string, { get(ctx: RuntimeContext): unknown }> = {};
  for (const kind of DRAWING_KINDS) {
    variables[`${kind}.all`] = { get: (ctx) => storeOf(ctx).live[kind].slice() };
    for (const fn of Object.values(BUILTIN_FUNCTIONS)) {
      if (fn.namespace !== kind) continue;
      const op = fn.name.slice(kind.length + 1);
      if (op === 'new') {
        fn.overloads.forEach((ov, k) => (functions[`${fn.name}#${k}`] = entry(buildNew(kind, ov.params))));
      } else if (op === 'delete') {
        functions[fn.name] = entry((ctx, d) => storeOf(ctx).remove(live(d, fn.name)));
      } else if (op === 'copy') {
        functions[fn.name] = entry((ctx, d) => {
          const src = live(d, fn.name);
          if (!src) return null;
          const props = { ...src.props };
          if (kind === 'table') props['cells'] = new Map(Array.from(src.props['cells'] as Map<string, object>, ([k, v]) => [k, { ...v }]));
          return storeOf(ctx).add(ctx, kind, props);
        });
      } else if (op === 'cell') {
        const names = fn.overloads[0]!.params.slice(3).map((p) => p.name);
        functions[fn.name] = entry((_ctx, t, col: number, row: number, ...rest) => {
          const tbl = live(t, fn.name);
          if (!tbl) return;
          const c = cellOf(tbl, col, row);
          names.forEach((n, i) => {
            if (rest[i] !== undefined) c[n] = rest[i];
          });
        });
      } else if (op.startsWith('cell_set_')) {
        const field = op.slice('cell_set_'.length);
        functions[fn.name] = entry((_ctx, t, col: number, row: number, v) => {
          const tbl = live(t, fn.name);
          if (tbl) cellOf(tbl, col, row)[field] = v;
        });
      } else if (op === 'clear') {
        functions[fn.name] = entry((_ctx, t, c0: number, r0: number, c1?: number, r1?: number) => {
          const tbl = live(t, fn.name);
          if (!tbl) return;
          const cells = tbl.props['cells'] as Map<string, Record<string, unknown>>;
          for (let c = c0; c <= (c1 ?? c0); c++) for (let r = r0; r <= (r1 ?? r0); r++) cells.delete(`${c},${r}`);
        });
      } else if (op === 'merge_cells') {
        functions[fn.name] = entry((_ctx, t, c0: number, r0: number, c1: number, r1: number) => {
          const tbl = live(t, fn.name);
          if (!tbl) return;
          const merged = (tbl.props['merged'] as number[][] | undefined) ?? [];
          merged.push([c0, r0, c1, r1]);
          tbl.props['merged'] = merged;
        });
      } else if (op === 'get_price') {
        functions[fn.name] = entry((_ctx, l, x: number) => {
          const d = live(l, fn.name);
          if (!d) return NaN;
          const { x1, y1, x2, y2 } = d.props as { x1: number; y1: number; x2: number; y2: number };
          return x2 === x1 ? y1 : y1 + ((y2 - y1) * (x - x1)) / (x2 - x1);
        });
      } else if (op.startsWith('get_')) {
        const field = op.slice(4);
        functions[fn.name] = entry((_ctx, d) => {
          const o = live(d, fn.name);
          if (!o) return kind === 'linefill' ? null : NaN;
          const v = o.props[field];
          return v === undefined ? (field === 'text' ? '' : NaN) : v;
        });
      } else if (op.startsWith('set_')) {
        const pair = POINT_SETTERS[op] ?? PAIR_SETTERS[op];
        const field = op.slice(4);
        functions[fn.name] = entry((_ctx, d, a, b) => {
          const o = live(d, fn.name);
          if (!o) return;
          if (POINT_SETTERS[op]) {
            const p = a as ChartPoint | null;
            o.props[pair![0]] = pointX(p, o.props['xloc']);
            o.props[pair![1]] = p ? p.price : NaN;
          } else if (pair) {
            o.props[pair[0]] = a;
            o.props[pair[1]] = b;
          } else {
            o.props[field] = a;
          }
        });
      }
    }
  }
  // chart.point
  functions['chart.point.new'] = entry((_ctx, time: number, index: number, price: number) => new ChartPoint(time ?? NaN, index ?? NaN, price ?? NaN));
  functions['chart.point.from_index'] = entry((_ctx, index: number, price: number) => new ChartPoint(NaN, index, price));
  functions['chart.point.from_time'] = entry((_ctx, time: number, price: number) => new ChartPoint(time, NaN, price));
  functions['chart.point.now'] = entry((ctx, price?: number) => new ChartPoint(ctx.current.time, ctx.bar, price ?? ctx.current.close));
  functions['chart.point.copy'] = entry((_ctx, p: ChartPoint | null) => (p ? new ChartPoint(p.time, p.index, p.price) : null));
  return { functions, variables };
}

export const DRAWING_REGISTRY = buildRegistry();
