// The contract between the code generator and the executor: what a compiled script is, and the
// environment its generated factory receives when a run starts.
import type { BarColumns } from '../core/bars.js';
import type { RuntimeContext } from '../core/context.js';
import type { InputDecl } from './inputs.js';
import type { LimitGuard } from './limits.js';
import type { Outputs, PlotDecl, PlotOutput } from './outputs.js';

export type ScriptKind = 'indicator' | 'strategy' | 'library';

/** One run of the generated code. */
export interface ScriptInstance {
  /** Executes the script body on bar `bar` (also the stamp for history and stateful built-ins). */
  step(bar: number): void;
  /** Runs bars [from, to) without hooks: the body inlined in the loop (the fast path for indicators).
   *  Updates ctx.bar and current.index itself, checks the time limit every 4096 bars. */
  runBars?(from: number, to: number, current: { index: number }, onProgress?: (done: number, total: number) => void): void;
  /** 1-based source line of the statement executing (or that last executed). */
  line(): number;
  /** Remember `var` values as committed (end of a bar); `varip` is not part of this. */
  commit(): void;
  /** Restore `var` values to the last commit before re-executing a bar (calc_on_order_fills). */
  rollback(): void;
}

/** What the generated factory receives. */
export interface RuntimeEnv {
  ctx: RuntimeContext;
  bars: BarColumns;
  guard: LimitGuard;
  outputs: Outputs;
  /** Allocated output slots, in PlotDecl order. */
  plots: PlotOutput[];
  /** Resolved input values, in InputDecl order. */
  inputs: unknown[];
  /** Built-in implementations, in CompiledProgram.builtinKeys order. */
  impls: unknown[];
  /** History depth for series read with non-constant offsets. */
  maxBarsBack: number;
  /** The request.security entry points of this instance (runtime/security.ts). */
  security: import('./security.js').SecurityScope | null;
}

export type ScriptFactory = (env: RuntimeEnv) => ScriptInstance;

export interface CompiledProgram {
  kind: ScriptKind;
  /** Pine version from `//@version=`. */
  version: number;
  /** Constant arguments of indicator()/strategy()/library(), by parameter name. */
  declaration: Record<string, unknown>;
  title: string;
  plots: PlotDecl[];
  inputs: InputDecl[];
  /** Registry keys of the built-ins the script calls (one entry per distinct key). */
  builtinKeys: string[];
  impls: unknown[];
  /** Bytes of history buffers the script allocates (known at compile time; for the memory limit). */
  historyBytes: number;
  /** Generated JavaScript (the body of the factory function). */
  code: string;
  factory: ScriptFactory;
  /** request.security call sites: what a context run of each slot executes (absent without requests). */
  security?: import('./security-slice.js').SecurityProgram;
}
