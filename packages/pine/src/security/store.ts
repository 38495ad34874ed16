// Captured context values and their host-bar series: the bridge between the secondary-context runs and
// the host pass. The executor captures, per call-site slot and context, the expression's value on
// every context bar; the host pass reads the mapped value of a slot on a host bar. Mapping happens once
// per (slot, context, merge mode), on first read. Captures are shared with nested stores (a context's
// values do not depend on who requests them); mappings belong to the store's host.
import type { MergeOptions, SecurityEngine } from './engine.js';
import type { SecurityContext } from './resolve.js';

interface Captured {
  values: unknown[];
  na: unknown;
}

export class SecurityStore {
  private readonly mapped = new Map<string, unknown[]>();
  private readonly arrays = new Map<string, unknown[][]>();

  constructor(
    readonly engine: SecurityEngine,
    private readonly captured: Map<string, Captured> = new Map(),
  ) {}

  /** The store for requests made while the script runs in context `ctx` (nested requests). */
  nested(ctx: SecurityContext): SecurityStore {
    return new SecurityStore(this.engine.nested(ctx), this.captured);
  }

  private static key(slot: number, ctx: SecurityContext): string {
    return `${slot}|${ctx.key}`;
  }

  /**
   * Records the value of slot `slot` on bar `bar` of context `ctx` (a tuple expression uses one slot
   * per element). `na` is the expression type's na: NaN for numbers/colors, null for objects, false for bool.
   */
  capture(slot: number, ctx: SecurityContext, bar: number, value: unknown, na: unknown): void {
    const key = SecurityStore.key(slot, ctx);
    let c = this.captured.get(key);
    if (!c) {
      c = { values: new Array<unknown>(ctx.bars.length).fill(na), na };
      this.captured.set(key, c);
    }
    c.values[bar] = value;
  }

  /** Whether a context run has captured slot `slot` (false: the executor still has to run it). */
  has(slot: number, ctx: SecurityContext): boolean {
    return this.captured.has(SecurityStore.key(slot, ctx));
  }

  /** request.security: the value slot `slot` of context `ctx` shows on host bar `bar`. */
  read(slot: number, ctx: SecurityContext, bar: number, opts: MergeOptions = {}): unknown {
    return this.series(slot, ctx, opts)[bar];
  }

  /** request.security: the values slot `slot` of context `ctx` shows on every host bar (do not modify). */
  series(slot: number, ctx: SecurityContext, opts: MergeOptions = {}): unknown[] {
    const key = `${SecurityStore.key(slot, ctx)}|${opts.gaps ? 1 : 0}${opts.lookahead ? 1 : 0}`;
    let series = this.mapped.get(key);
    if (!series) {
      const c = this.capturedOf(slot, ctx);
      series = this.engine.map(ctx, c.values, c.na, opts);
      this.mapped.set(key, series);
    }
    return series;
  }

  /** request.security_lower_tf: a fresh array of the slot's intrabar values on host bar `bar`. */
  readIntrabars(slot: number, ctx: SecurityContext, bar: number): unknown[] {
    // Pine arrays are mutable objects owned by the script: never hand out the cached row.
    return this.intrabarRows(slot, ctx)[bar]!.slice();
  }

  /** request.security_lower_tf: the intrabar values of every host bar (shared: copy a row before handing it out). */
  intrabarRows(slot: number, ctx: SecurityContext): unknown[][] {
    const key = SecurityStore.key(slot, ctx);
    let rows = this.arrays.get(key);
    if (!rows) {
      rows = this.engine.lowerTfArrays(ctx, this.capturedOf(slot, ctx).values);
      this.arrays.set(key, rows);
    }
    return rows;
  }

  private capturedOf(slot: number, ctx: SecurityContext): Captured {
    const c = this.captured.get(SecurityStore.key(slot, ctx));
    if (!c) throw new Error(`request.security: slot ${slot} was not evaluated in context ${ctx.key}`);
    return c;
  }
}
